"""Dossiers: the articles that share a ``Dossier:`` value, read together (pure functions, no I/O).

Three things happen across a dossier's articles (see docs/dossier-schema.md):

* **Actor identity** (:func:`resolve_actors`): the per-article actors that are the same person,
  organisation or country get one dossier id. Evidence, strongest first: the same full name or alias;
  an acronym of a multi-word name ("GM" ↔ "General Motors"); for people, a surname alone ("Jobs")
  matches a full name ("Steve Jobs") when exactly one person in the dossier carries that surname, and
  two full names with the same surname match when their first names agree ("Michael M. Sears" ↔
  "Michael Sears"). Conflicting evidence — different kinds, different first names, an ambiguous
  surname or acronym, two actors one article keeps apart — keeps them apart and is reported in
  :attr:`Dossier.conflicts` (and logged by the site generator).
* **Merged timeline** (:func:`merge_timeline`): every article's entries in one chronological order
  (:func:`generator.site.dates.sort_key`); an event reported by several articles appears once and
  lists every source. Dates stay as each article's extraction normalised them (against its own
  publication date).
* **Export** (:func:`dossier_json`, :func:`dossier_timelinejs`).
"""
from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from difflib import SequenceMatcher

from .model import Extraction, Quote
from .reading import slugify

DOSSIER_SCHEMA_ID = "explainer/dossier/1"

_PARTICLES = {"van", "de", "der", "den", "ter", "ten", "te", "von", "le", "la", "da", "di", "du", "del",
              "des", "dos", "bin", "al", "el", "op", "in", "het", "'t"}
_SUFFIXES = {"jr", "sr", "ii", "iii", "iv"}
_LEGAL_FORMS = {"inc", "corp", "corporation", "ltd", "plc", "nv", "n v", "bv", "b v", "ag", "llc", "sa",
                "gmbh", "co", "limited", "incorporated"}
_ACRONYM_SKIP = {"of", "and", "the", "for", "van", "de", "der", "het", "en", "voor", "&", "und", "du", "des"}
_DESCRIPTIVE = re.compile(r"^(de|het|een|the|a|an|die|dat|deze)\s", re.IGNORECASE)
_WORD = re.compile(r"\w+", re.UNICODE)
COARSE_PRECISIONS = ("year", "decade", "century")


# --------------------------------------------------------------------------- names and keys

def name_key(value: str) -> str:
    """A comparison key: ASCII, lower case, punctuation dropped ("V.S." → "vs", "Apple Inc." → "apple inc")."""
    ascii_text = unicodedata.normalize("NFKD", value).encode("ascii", "ignore").decode("ascii").lower()
    words = re.findall(r"[a-z0-9]+", ascii_text.replace(".", ""))
    return " ".join(words)


def _strip_legal_form(key: str) -> str:
    words = key.split()
    while len(words) > 1 and (words[-1] in _LEGAL_FORMS or " ".join(words[-2:]) in _LEGAL_FORMS):
        words = words[:-2] if " ".join(words[-2:]) in _LEGAL_FORMS else words[:-1]
    if len(words) > 1 and words[0] in ("the", "de", "het"):
        words = words[1:]
    return " ".join(words)


def _is_descriptive(alias: str) -> bool:
    """"de CEO", "de manager", "the company": a reference, not a name."""
    return bool(_DESCRIPTIVE.match(alias)) or alias[:1].islower()


def acronym(name: str) -> str | None:
    """"General Motors" → "gm", "Government Accountability Office" → "gao"; None for one-word names."""
    words = [w for w in re.split(r"[\s\-]+", name) if w]
    letters = [w[0] for w in words if w.lower() not in _ACRONYM_SKIP and w[:1].isalpha() and w[:1].isupper()]
    if len(words) < 2 or len(letters) < 2:
        return None
    return "".join(letters).lower()


def _looks_like_acronym(value: str) -> bool:
    letters = value.replace(".", "").replace("&", "")
    return 2 <= len(letters) <= 6 and letters.isalpha() and letters.isupper()


@dataclass(frozen=True)
class PersonName:
    first: str  # "" for a surname alone
    middles: tuple[str, ...]
    surname: str

    @property
    def full(self) -> bool:
        return bool(self.first)


def person_name(name: str) -> PersonName:
    """"William Clay Ford Jr." → (william, (clay,), ford); "Van der Veer" → ("", (), "van der veer")."""
    tokens = [t for t in name_key(name).split() if t]
    while len(tokens) > 1 and tokens[-1] in _SUFFIXES:
        tokens.pop()
    if len(tokens) <= 1:
        return PersonName("", (), tokens[0] if tokens else "")
    if tokens[0] in _PARTICLES:
        return PersonName("", (), " ".join(tokens))
    cut = next((i for i in range(1, len(tokens) - 1) if tokens[i] in _PARTICLES), len(tokens) - 1)
    return PersonName(tokens[0], tuple(tokens[1:cut]), " ".join(tokens[cut:]))


def _given_compatible(a: str, b: str) -> bool:
    return a == b or (len(a) == 1 and b.startswith(a)) or (len(b) == 1 and a.startswith(b))


def names_compatible(a: PersonName, b: PersonName) -> bool:
    """Same surname and agreeing first names (an initial agrees with a name); middles only if both have them."""
    if a.surname != b.surname or not _given_compatible(a.first, b.first):
        return False
    if a.middles and b.middles:
        return len(a.middles) == len(b.middles) and all(map(_given_compatible, a.middles, b.middles))
    return True


# --------------------------------------------------------------------------- dossier structures

@dataclass
class Mention:
    article: str
    start: int
    end: int
    local_id: str  # the actor's id in its article (for links to the article's pages)
    index: int  # 1-based position among that actor's mentions in the article (anchor m-<id>-<n>)


@dataclass
class DossierActor:
    id: str
    name: str
    kind: str
    roles: list[str] = field(default_factory=list)
    aliases: list[str] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    sources: list[tuple[str, str]] = field(default_factory=list)  # (article slug, local actor id)

    @property
    def articles(self) -> list[str]:
        return list(dict.fromkeys(slug for slug, _ in self.sources))

    def to_json(self) -> dict:
        return {
            "id": self.id,
            "name": self.name,
            "kind": self.kind,
            "roles": list(self.roles),
            "aliases": list(self.aliases),
            "mentions": [{"article": m.article, "start": m.start, "end": m.end} for m in self.mentions],
            "sources": [{"article": slug, "id": local} for slug, local in self.sources],
        }


@dataclass
class DossierQuote:
    article: str
    quote: Quote
    speaker: str | None  # dossier actor id

    def to_json(self) -> dict:
        q = self.quote
        return {"id": q.id, "article": self.article, "text": q.text, "start": q.start, "end": q.end,
                "speaker": self.speaker, "partial": q.partial}


@dataclass
class DossierEvent:
    id: str
    date: str
    precision: str
    expression: str
    start: int
    end: int
    summary: str
    article: str
    actors: list[str] = field(default_factory=list)
    end_date: str | None = None
    certain: bool = True
    sources: list[dict] = field(default_factory=list)  # {"article", "id", "start", "end", "expression"}

    @property
    def articles(self) -> list[str]:
        return list(dict.fromkeys(s["article"] for s in self.sources))

    def to_json(self) -> dict:
        data = {"id": self.id, "date": self.date, "precision": self.precision, "expression": self.expression,
                "start": self.start, "end": self.end, "summary": self.summary, "actors": list(self.actors),
                "article": self.article}
        if self.end_date:
            data["end_date"] = self.end_date
        if not self.certain:
            data["certain"] = False
        data["sources"] = [dict(s) for s in self.sources]
        return data


@dataclass
class Dossier:
    slug: str
    title: str
    value: str  # the Dossier metadata as written
    extractions: list[Extraction]
    actors: list[DossierActor]
    actor_ids: dict[tuple[str, str], str]  # (article slug, local actor id) → dossier actor id
    quotes: list[DossierQuote]
    timeline: list[DossierEvent]
    conflicts: list[dict] = field(default_factory=list)

    @property
    def articles(self) -> list[str]:
        return [e.article.slug for e in self.extractions]

    def actor(self, actor_id: str) -> DossierActor | None:
        return next((a for a in self.actors if a.id == actor_id), None)


# --------------------------------------------------------------------------- grouping

def dossier_slug(value: str) -> str:
    return slugify(value) or "dossier"


def dossier_title(value: str, titles: dict | None = None) -> str:
    """``DOSSIER_TITLES[slug]`` when set; else the value prettified ("general-motors" → "General Motors")."""
    slug = dossier_slug(value)
    if titles and titles.get(slug):
        return str(titles[slug])
    value = value.strip()
    if value == value.lower() and " " not in value:
        return " ".join(w[:1].upper() + w[1:] for w in re.split(r"[-_]+", value) if w)
    return value


def _article_order(extraction: Extraction) -> tuple:
    return (extraction.article.date or dt.date.max, extraction.article.slug)


def group_by_dossier(items) -> dict[str, tuple[str, list[Extraction]]]:
    """``(dossier value or None, extraction)`` pairs → slug → (first value seen, extractions by date).

    Values that slugify alike ("Boeing Airbus", "boeing-airbus") are one dossier; no value: no dossier.
    """
    groups: dict[str, tuple[str, list[Extraction]]] = {}
    for value, extraction in items:
        if not value or not str(value).strip():
            continue
        slug = dossier_slug(str(value))
        groups.setdefault(slug, (str(value).strip(), []))[1].append(extraction)
    for _, extractions in groups.values():
        extractions.sort(key=_article_order)
    return dict(sorted(groups.items()))


# --------------------------------------------------------------------------- actor identity

class _Groups:
    """Union-find over (article, local id) nodes that refuses to join two actors of one article."""

    def __init__(self, nodes):
        self.parent = {n: n for n in nodes}
        self.articles = {n: {n[0]} for n in nodes}

    def find(self, node):
        while self.parent[node] != node:
            self.parent[node] = self.parent[self.parent[node]]
            node = self.parent[node]
        return node

    def can_union(self, a, b) -> bool:
        ra, rb = self.find(a), self.find(b)
        return ra == rb or not (self.articles[ra] & self.articles[rb])

    def union(self, a, b) -> bool:
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return True
        if self.articles[ra] & self.articles[rb]:
            return False
        ra, rb = sorted((ra, rb))
        self.parent[rb] = ra
        self.articles[ra] |= self.articles.pop(rb)
        return True

    def members(self) -> dict:
        out = defaultdict(list)
        for node in self.parent:
            out[self.find(node)].append(node)
        return out


def _kind_class(kind: str) -> str:
    return {"country": "geo", "place": "geo"}.get(kind, kind)


def _conflict(kind: str, message: str, nodes, actors_by_node) -> dict:
    return {
        "type": kind,
        "message": message,
        "actors": [{"article": n[0], "id": n[1], "name": actors_by_node[n].name, "kind": actors_by_node[n].kind}
                   for n in sorted(set(nodes))],
    }


def resolve_actors(extractions: list[Extraction]) -> tuple[list[DossierActor], dict, list[dict]]:
    """One :class:`DossierActor` per real-world actor; the (article, local id) → dossier id map; conflicts."""
    actors_by_node = {(e.article.slug, a.id): a for e in extractions for a in e.actors}
    nodes = list(actors_by_node)
    groups = _Groups(nodes)
    conflicts: list[dict] = []
    reported: set = set()

    def report(kind, message, involved):
        signature = (kind, frozenset(groups.find(n) for n in involved))
        if signature not in reported:
            reported.add(signature)
            conflicts.append(_conflict(kind, message, involved, actors_by_node))

    def join(a, b, why):
        if not groups.union(a, b):
            report("same-article", f"{why}, but one article names them as different actors; kept apart", [a, b])

    # 1. names and aliases (people: full names only; one word is a surname, handled in step 3)
    keys: dict[str, list[tuple]] = defaultdict(list)  # key → [(node, kind class)]
    person_names: dict[tuple, list[PersonName]] = defaultdict(list)
    for node, actor in actors_by_node.items():
        spellings = [actor.name] + [a for a in actor.aliases if a and not _is_descriptive(a)]
        kind = _kind_class(actor.kind)
        for spelling in spellings:
            key = name_key(spelling)
            if not key:
                continue
            if kind == "person":
                parsed = person_name(spelling)
                if parsed.surname:
                    person_names[node].append(parsed)
                if parsed.full:
                    keys[key].append((node, kind))
                else:
                    keys["\0surname " + key].append((node, kind))
            else:
                for variant in {key, _strip_legal_form(key)}:
                    keys[variant].append((node, kind))
    for key, entries in keys.items():
        by_kind: dict[str, list] = defaultdict(list)
        for node, kind in entries:
            by_kind[kind].append(node)
        if key.startswith("\0surname "):
            continue
        for kind, same in by_kind.items():
            for other in same[1:]:
                join(same[0], other, f"same name {key!r}")
        if len(by_kind) > 1 and len({n[0] for n, _ in entries}) > 1:
            report("kind", f"{key!r} names actors of different kinds; kept apart",
                   [n for n, _ in entries])
    surname_keys = {k[len("\0surname "):]: v for k, v in keys.items() if k.startswith("\0surname ")}
    for key, entries in surname_keys.items():  # a person's surname spelled like an organisation/country
        others = [n for n, _ in keys.get(key, []) if _kind_class(actors_by_node[n].kind) != "person"]
        if others and len({n[0] for n, _ in entries} | {n[0] for n in others}) > 1:
            people = [n for n, _ in entries]
            report("kind", f"{key!r} is a person's surname and names an actor of another kind; kept apart",
                   people + others)

    # 2. acronyms: "GM" (written in capitals) ↔ "General Motors", when only one group spells it out
    spelled: dict[str, set] = defaultdict(set)
    written: dict[str, set] = defaultdict(set)
    for node, actor in actors_by_node.items():
        if actor.kind == "person":
            continue
        for spelling in [actor.name] + list(actor.aliases):
            short = acronym(spelling)
            if short:
                spelled[short].add(node)
            if _looks_like_acronym(spelling):
                written[name_key(spelling).replace(" ", "")].add(node)
    for short, long_nodes in spelled.items():
        if short not in written:
            continue
        roots = {groups.find(n) for n in long_nodes}
        targets = written[short]
        if len(roots) > 1:
            if any(groups.find(t) not in roots for t in targets):
                report("acronym", f"{short.upper()!r} could stand for several actors; kept apart",
                       list(long_nodes) + list(targets))
            continue
        anchor = next(iter(long_nodes))
        for target in targets:
            if _kind_class(actors_by_node[target].kind) == _kind_class(actors_by_node[anchor].kind):
                join(anchor, target, f"{short.upper()!r} is the acronym of {actors_by_node[anchor].name!r}")

    # 3. people: full names with one surname; then a surname alone
    def group_names(root_members):
        return [p for n in root_members for p in person_names.get(n, [])]

    def person_groups():
        return {root: members for root, members in groups.members().items()
                if actors_by_node[members[0]].kind == "person"}

    by_surname: dict[str, list] = defaultdict(list)
    for root, members in person_groups().items():
        for surname in {p.surname for p in group_names(members) if p.full}:
            by_surname[surname].append(root)
    for surname, roots in by_surname.items():
        for i, first in enumerate(roots):
            for second in roots[i + 1:]:
                if groups.find(first) == groups.find(second):
                    continue
                members = groups.members()
                a_names = [p for p in group_names(members[groups.find(first)]) if p.full and p.surname == surname]
                b_names = [p for p in group_names(members[groups.find(second)]) if p.full and p.surname == surname]
                if all(names_compatible(a, b) for a in a_names for b in b_names):
                    join(first, second, f"compatible names with surname {surname!r}")
                else:
                    report("first-name", f"same surname {surname!r} with different first names; kept apart",
                           members[groups.find(first)] + members[groups.find(second)])
    members = groups.members()
    full_by_surname: dict[str, set] = defaultdict(set)
    for root, group in person_groups().items():
        for p in group_names(group):
            if p.full:
                full_by_surname[p.surname].add(root)
    for root, group in list(person_groups().items()):
        if any(p.full for p in group_names(group)):
            continue
        surnames = {p.surname for p in group_names(group)}
        candidates = {groups.find(r) for s in surnames for r in full_by_surname.get(s, ())}
        if len(candidates) == 1:
            join(root, next(iter(candidates)), f"surname {sorted(surnames)[0]!r}")
        elif len(candidates) > 1:
            involved = list(group) + [n for c in candidates for n in members[c]]
            report("ambiguous-surname", f"surname {sorted(surnames)[0]!r} fits several people; kept apart",
                   involved)
    # surnames alone that no full name claims: the same word is the same person
    alone: dict[str, list] = defaultdict(list)
    for root, group in person_groups().items():
        names = group_names(group)
        if names and not any(p.full for p in names):
            for surname in {p.surname for p in names}:
                alone[surname].append(root)
    for roots in alone.values():
        for other in roots[1:]:
            join(roots[0], other, "same surname")

    # 4. one DossierActor per group
    order = {e.article.slug: i for i, e in enumerate(extractions)}
    result: list[DossierActor] = []
    mapping: dict[tuple[str, str], str] = {}
    used: set[str] = set()
    grouped = sorted(groups.members().values(), key=lambda ms: min((order[n[0]], n[1]) for n in ms))
    for group in grouped:
        group.sort(key=lambda n: (order[n[0]], n[1]))
        members_ = [actors_by_node[n] for n in group]
        name_score: Counter = Counter()
        for actor in members_:
            full = actor.kind != "person" or person_name(actor.name).full
            name_score[actor.name] += 1000 * full + 10
        for actor in members_:
            name_score[actor.name] += len(actor.mentions) / 1000
        name = max(name_score, key=lambda n: (name_score[n], len(n), n))
        kinds = Counter(a.kind for a in members_)
        kind = "country" if "country" in kinds and set(kinds) <= {"country", "place"} else kinds.most_common(1)[0][0]
        base = slugify(name) or "actor"
        actor_id, suffix = base, 2
        while actor_id in used:
            actor_id, suffix = f"{base}-{suffix}", suffix + 1
        used.add(actor_id)
        roles, aliases = [], []
        for actor in members_:
            for role in actor.roles:
                if role.lower() not in {r.lower() for r in roles}:
                    roles.append(role)
            for alias in [actor.name] + list(actor.aliases):
                if alias != name and alias.lower() not in {a.lower() for a in aliases}:
                    aliases.append(alias)
        mentions = [Mention(slug, s, e, local, i + 1)
                    for slug, local in group
                    for i, (s, e) in enumerate(actors_by_node[(slug, local)].mentions)]
        result.append(DossierActor(id=actor_id, name=name, kind=kind, roles=roles, aliases=aliases,
                                   mentions=mentions, sources=list(group)))
        for node in group:
            mapping[node] = actor_id
    # conflicts that later evidence resolved (both sides ended up in one actor) are no longer conflicts
    conflicts = [c for c in conflicts
                 if len({mapping[(a["article"], a["id"])] for a in c["actors"]}) > 1]
    for conflict in conflicts:
        conflict["dossier_ids"] = sorted({mapping[(a["article"], a["id"])] for a in conflict["actors"]})
    return result, mapping, conflicts


# --------------------------------------------------------------------------- merged timeline

def _words(text: str) -> set[str]:
    return {w.lower() for w in _WORD.findall(text) if len(w) >= 3}


def similar_summaries(a: str, b: str) -> bool:
    """Word overlap (Jaccard ≥ 0.5) or close spelling (ratio ≥ 0.75)."""
    wa, wb = _words(a), _words(b)
    if wa and wb and len(wa & wb) / len(wa | wb) >= 0.5:
        return True
    return SequenceMatcher(None, a.lower(), b.lower()).ratio() >= 0.75


def _figures(text: str, date: str) -> set[str]:
    """Numbers in a summary other than the date's year ("1,6", "254", "40")."""
    year = date.lstrip("-")[:4]
    return {n for n in re.findall(r"\d+(?:[.,]\d+)*", text) if n != year}


def merge_timeline(extractions: list[Extraction], actor_ids: dict) -> list[DossierEvent]:
    """All articles' timeline entries in date order; one event per happening reported by several articles.

    Two entries of *different* articles are one event when they have the same date value, end date and
    precision and either share an actor or have similar summaries; for a year or coarser a shared actor
    counts only together with a shared figure (a shared actor in the same year is too weak). Entries of one article are never
    merged here: the extraction already did that.
    """
    from .site.dates import sort_key

    events: list[DossierEvent] = []
    by_date: dict[tuple, list[DossierEvent]] = defaultdict(list)
    for extraction in extractions:  # in publication order: the first report leads
        slug = extraction.article.slug
        for entry in sorted(extraction.timeline, key=lambda t: t.start):
            actors = list(dict.fromkeys(actor_ids.get((slug, a), a) for a in entry.actors))
            source = {"article": slug, "id": entry.id, "start": entry.start, "end": entry.end,
                      "expression": entry.expression}
            key = (entry.date, entry.end_date, entry.precision)
            match = None
            for event in by_date[key]:
                if slug in event.articles:
                    continue
                shared = bool(set(actors) & set(event.actors))
                if shared and entry.precision in COARSE_PRECISIONS:
                    shared = bool(_figures(entry.summary, entry.date) & _figures(event.summary, event.date))
                if shared or similar_summaries(entry.summary, event.summary):
                    match = event
                    break
            if match:
                match.sources.append(source)
                match.actors.extend(a for a in actors if a not in match.actors)
                match.certain = match.certain or entry.certain
                continue
            event = DossierEvent(id="", date=entry.date, precision=entry.precision, expression=entry.expression,
                                 start=entry.start, end=entry.end, summary=entry.summary, article=slug,
                                 actors=actors, end_date=entry.end_date, certain=entry.certain, sources=[source])
            events.append(event)
            by_date[key].append(event)
    order = {e.article.slug: i for i, e in enumerate(extractions)}
    events.sort(key=lambda ev: (sort_key(ev.date), order[ev.article], ev.start))
    for number, event in enumerate(events, 1):
        event.id = f"t{number}"
    return events


# --------------------------------------------------------------------------- the dossier

def build_dossier(value: str, extractions: list[Extraction], titles: dict | None = None) -> Dossier:
    extractions = sorted(extractions, key=_article_order)
    actors, mapping, conflicts = resolve_actors(extractions)
    quotes = [DossierQuote(e.article.slug, q, mapping.get((e.article.slug, q.speaker)) if q.speaker else None)
              for e in extractions for q in sorted(e.quotes, key=lambda q: q.start)]
    return Dossier(slug=dossier_slug(value), title=dossier_title(value, titles), value=value,
                   extractions=extractions, actors=actors, actor_ids=mapping, quotes=quotes,
                   timeline=merge_timeline(extractions, mapping), conflicts=conflicts)


def build_dossiers(items, titles: dict | None = None) -> list[Dossier]:
    """``(dossier value, extraction)`` pairs → dossiers, ordered by slug."""
    return [build_dossier(value, extractions, titles)
            for _, (value, extractions) in group_by_dossier(items).items()]


def dossier_json(dossier: Dossier) -> dict:
    return {
        "schema": DOSSIER_SCHEMA_ID,
        "dossier": {"slug": dossier.slug, "title": dossier.title, "articles": dossier.articles},
        "articles": [{**e.article.to_json()} for e in dossier.extractions],
        "actors": [a.to_json() for a in dossier.actors],
        "quotes": [q.to_json() for q in dossier.quotes],
        "timeline": [t.to_json() for t in dossier.timeline],
        "conflicts": [dict(c) for c in dossier.conflicts],
    }


def dossier_timelinejs(dossier: Dossier, locale: str = "nl") -> dict:
    """The merged timeline in Knight Lab TimelineJS JSON; each event names its source articles."""
    from .site.dates import format_period
    from .site.timelinejs import _date_parts, _html  # TimelineJS renders text fields as HTML

    titles = {e.article.slug: e.article.title for e in dossier.extractions}
    events = []
    for event in dossier.timeline:
        sources = ", ".join(titles.get(s, s) for s in event.articles)
        item = {
            "unique_id": event.id,
            "start_date": _date_parts(event.date),
            "display_date": _html(format_period(event.date, event.end_date, event.precision, locale)),
            "text": {"headline": _html(event.expression), "text": _html(f"{event.summary} ({sources})")},
            "group": event.precision,
        }
        if event.end_date:
            item["end_date"] = _date_parts(event.end_date)
        events.append(item)
    return {"title": {"text": {"headline": _html(dossier.title), "text": ""}}, "events": events}
