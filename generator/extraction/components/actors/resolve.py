"""From mentions to actors: merge the names that refer to one entity, decide kinds, roles and ids.

Merging follows the habits of news text (REFERENCE.md, "Alias merging"): the same name; gazetteer
variants ("VS" ↔ "Verenigde Staten"); an acronym after its long form in parentheses or spelling its
initials ("United Auto Workers" ↔ "UAW"); a surname or "meneer X" onto the full name; a company's
short name onto its long one ("Apple" ↔ "Apple Computer"); a role mention ("de Russische president")
onto the person the text introduced with that role.
"""
from __future__ import annotations

import re
from collections import Counter

from ....names import name_key, strip_leading_article
from ....unionfind import UnionFind
from ...model import Actor
from ...reading import slugify

MAX_ID_LENGTH = 60  # ids become file names of actor pages: keep them well under path limits
from .lexicon import Lexicon, normalise
from .mention import Mention
from .shapes import is_acronym

_NER_NAME_LABELS = frozenset({"PER", "ORG", "LOC"})
_POSSESSIVE = re.compile(r"['’]s$")
_NICKNAME_OPEN = frozenset("'\"‘“")
_NICKNAME_CLOSE = frozenset("'\"’”")


def initials(words: list[str], with_connectors: bool) -> str:
    letters = []
    for word in words:
        for part in word.split("-"):
            if part[:1].isupper() or (with_connectors and part[:1].isalpha()):
                letters.append(part[0].lower())
    return "".join(letters)


class ActorResolver:
    def __init__(self, lex: Lexicon, hybrid: bool = False):
        self.lex = lex
        self.hybrid = hybrid  # let exact NER labels decide where the rules only guess (see _kind)
        self._guessed = False  # set by _kind: the last kind was a guess without any cue

    def __call__(self, mentions: list[Mention], hybrid: bool | None = None) -> list[Actor]:
        """``hybrid`` (default: as constructed) uses ``Mention.ner_label``: only pass True when an NER
        has run on the text."""
        lex = self.lex
        if hybrid is not None and hybrid != self.hybrid:
            saved, self.hybrid = self.hybrid, hybrid
            try:
                return self(mentions)
            finally:
                self.hybrid = saved
        names = [m for m in mentions if not m.role_mention]
        role_mentions = [m for m in mentions if m.role_mention]
        # weak mentions (a product's maker, a compound's first part) count only with a firm twin
        firm = {m.key or name_key(m.text) for m in names if not m.weak}
        counts = Counter(m.key or name_key(m.text) for m in names)
        # ... or when it is the first or last word of a firm longer name ("O'Leary", "Cisco")
        for m in names:
            words = m.text.split()
            if not m.weak and len(words) > 1:
                firm.update({name_key(words[0]), name_key(words[-1])})
        # hybrid: a sentence's first word the NER takes for a name ("Starbucks kondigde aan")
        names = [m for m in names if not m.weak or (m.key or name_key(m.text)) in firm
                 or counts[m.key or name_key(m.text)] > 1
                 or self.hybrid and m.initial and m.ner_label in _NER_NAME_LABELS]
        # a name that also occurs in the plural is a product ("Dreamliner", "Dreamliners")
        forms = {name_key(m.text) for m in names if not m.key}
        endings = lex.plural_endings
        plural = {f for f in forms if any(f + e in forms for e in endings)}
        plural |= {f + e for f in plural for e in endings}
        names = [m for m in names if m.key or name_key(m.text) not in plural]
        names = self._drop_products(names, plural)
        if not names:
            return []
        self._singles = {m.text for m in names if len(m.text.split()) == 1}
        clusters = UnionFind(range(len(names)))
        by_key: dict[str, int] = {}
        for idx, m in enumerate(names):
            key = m.key or name_key(m.text)
            if key in by_key:
                clusters.union(by_key[key], idx)
            else:
                by_key[key] = idx
        # acronyms from parentheses
        position = {id(m): idx for idx, m in enumerate(names)}
        for m in names:
            if m.acronym_of is not None:
                other = m.acronym_of
                if id(other) in position:
                    clusters.union(position[id(m)], position[id(other)])
        groups = clusters.groups()
        self._merge_acronyms(names, clusters, groups, None)  # reads no kinds: none computed here
        groups = clusters.groups()
        kinds = {root: self._kind([names[i] for i in members]) for root, members in groups.items()}
        self._merge_short_names(names, clusters, groups, kinds)
        groups = clusters.groups()
        actors: list[tuple[Actor, list[Mention]]] = []
        for root, members in groups.items():
            ms = [names[i] for i in members]
            kind = self._kind(ms, short_names=[names[i] for i in members])
            actors.append((self._actor(ms, kind), ms))
        self._assign_ids([a for a, _ in actors])
        self._attach_role_mentions(actors, role_mentions)
        self._set_affiliations(actors)
        result = [a for a, _ in actors]
        for actor in result:
            actor.mentions.sort()
        result.sort(key=lambda a: a.mentions[0])
        return result

    def _drop_products(self, names: list[Mention], plural: set[str]) -> list[Mention]:
        """Names the context presents as products, models or features (``Mention.product``) in at least
        half their mentions, and never as an actor (gazetteer, role, "het bedrijf X"); a name that begins
        with a product's plural form ("Macbook Pro" beside "MacBooks"); and the last word of such a name
        on its own ("de Pro")."""
        lex = self.lex

        def actor_cue(m: Mention) -> bool:
            return bool(m.key or m.person_cue or m.org_cue or m.roles)

        keys = [m.key or name_key(m.text) for m in names]
        total, product, cued = Counter(keys), Counter(), set()
        for m, key in zip(names, keys):
            if m.product:
                product[key] += 1
            if actor_cue(m):
                cued.add(key)
        dropped = {key for key in product if key not in cued and product[key] * 2 >= total[key]}
        for m, key in zip(names, keys):
            words = key.split()
            if len(words) > 1 and not m.key and words[0] in plural and key not in cued \
                    and m.text.split()[0] not in lex.first_names:
                dropped.add(key)
        tails = {key.split()[-1] for key in dropped if len(key.split()) > 1}
        kept_words = {w for key in total if key not in dropped and len(key.split()) > 1 for w in key.split()}
        for key in total:
            if key in tails and key not in cued and key not in kept_words and key not in dropped:
                dropped.add(key)
        return [m for m, key in zip(names, keys) if key not in dropped]

    # -- kinds ----------------------------------------------------------------------------------
    def _kind(self, ms: list[Mention], short_names=None) -> str:
        self._guessed = False
        kind = self._kind_by_rules(ms)
        if self._guessed and self.hybrid and kind == "organisation":
            # the rules' default for an unknown name: an NER label on every mention decides when the
            # rules' own evidence agrees (a given name; a place-name ending). Unconfirmed NER labels are
            # not used: on news about companies the CoNLL-2002 NER tags many firms PER or LOC.
            labels = {m.ner_label for m in ms}
            label = labels.pop() if len(labels) == 1 else None
            words = max(ms, key=lambda m: len(m.text)).text.split()
            if label == "PER" and words[0] in self.lex.first_names:
                return "person"
            if label == "LOC" and self.lex.is_toponym(words[-1]):
                return "place"
        return kind

    def _kind_by_rules(self, ms: list[Mention]) -> str:
        lex = self.lex
        votes = Counter(m.kind for m in ms if m.kind)
        if votes:
            return votes.most_common(1)[0][0]
        longest = max(ms, key=lambda m: (not is_acronym(m.text), len(m.text.split()), len(m.text)))
        words = longest.text.split()
        if len(words) == 3 and len(words[1]) > 2 and words[1][0] in _NICKNAME_OPEN and words[1][-1] in _NICKNAME_CLOSE \
                and words[0][:1].isupper() and words[2][:1].isupper():
            return "person"  # "Roberto 'Bobby' Santini": a nickname in quote marks
        if len(words) > 1 and (words[-1] in lex.org_suffixes or words[-1].rstrip(".") in lex.org_suffixes):
            return "organisation"
        if len(words) > 2 and (lex.lookup(words[-1]) or ("", ""))[1] == "country" \
                and words[-2].lower() not in lex.particles and not lex.lookup(" ".join(words[:-1])):
            return "organisation"  # "Tata Steel Nederland", "Mars Nederland": a firm's national branch
        if len(words) > 1 and words[0] in lex.team_prefixes and (lex.lookup(" ".join(words[1:])) or ("", ""))[1] \
                == "organisation":
            return "organisation"  # "Jong PSV": a known club's team
        if any(m.org_cue for m in ms) and not any(m.place_cue or m.person_cue for m in ms) \
                and not (words[0] in lex.first_names and len(words) > 1):
            return "organisation"  # "het bedrijf Unified Aircraft", "woordvoerder van Blue Harbor"
        if len(words) > 1 and words[-1] in lex.place_suffixes \
                and not any(w in lex.org_suffixes or w in lex.org_prefixes for w in words[:-1]):
            return "place"  # "Olympisch Stadion", not "Universitair Medisch Centrum"
        if any(m.place_cue for m in ms) and any(w in lex.place_suffixes for w in words):
            return "place"
        if any(m.person_cue for m in ms):
            return "person"
        # gazetteer hints: a town, village or world city ("Den Ham", "Brno"); a one-word street, square
        # or building ("Amersfoortseweg", "Bavokerk"); a numbered road ("A12")
        if any(m.text in lex.world_places for m in ms) and not (len(words) > 1 and words[0] in lex.first_names):
            ner = Counter(m.ner_kind for m in ms if m.ner_kind)
            if ner and ner.most_common(1)[0][0] in {"organisation", "person"}:
                return ner.most_common(1)[0][0]  # "Toyota", "Mansfield": the NER may know better
            return "place"
        if len(words) == 1 and (lex.is_place_tail(words[0]) or lex.is_road(words[0])):
            return "place"
        given = len(words) > 1 and words[0] in lex.first_names and not is_acronym(words[0])
        if not given and len(words) > 1 and (any(w in lex.org_suffixes for w in words) or words[0] in lex.org_prefixes):
            return "organisation"
        if len(words) > 1 and not given and (
                any(is_acronym(w) or len(w) == 1 for w in words)
                # its first word alone is a company's short name ("Apple Computer"); first and last
                # word alone are a person's given name and surname
                or words[0] in getattr(self, "_singles", ()) and words[-1] not in self._singles
                or any(w.lower() in lex.common_words for w in words)):
            return "organisation"
        if len(words) > 1 and (words[0] in lex.first_names or re.fullmatch(r"[A-Z]\.", words[1] if len(words) > 2 else "")):
            return "person"
        if words[0] in lex.place_prefixes and len(words) > 1:
            return "place"
        if all(is_acronym(w) for w in words):
            return "organisation"
        ner = Counter(m.ner_kind for m in ms if m.ner_kind)
        if longest.text in lex.world_places:
            # a city's name is also a company's or a person's ("Toyota", "Mansfield"): the NER may know
            if ner and ner.most_common(1)[0][0] in {"organisation", "person"}:
                return ner.most_common(1)[0][0]
            return "place"
        if ner:
            return ner.most_common(1)[0][0]
        if any(m.place_cue for m in ms):
            return "place"
        # several mentions, some only the last word: a person's surname ("Stoltenberg")
        if len(words) > 1 and any(len(m.text.split()) == 1 and m.text == words[-1] for m in ms):
            return "person"
        if len(words) == 2 and words[0] not in lex.first_names and (lex.lookup(words[1]) or ("", ""))[1] == "place" \
                and not any(m.person_cue for m in ms):
            return "organisation"  # "Euronext Amsterdam", "Stadsbank Gent": a body named after its town
        if len(words) in (2, 3) and all(w[:1].isupper() and w.isalpha() or re.fullmatch(r"[A-Z]\.", w) for w in words) \
                and words[-1].lower() not in lex.common_words:
            self._guessed = True
            return "person"
        self._guessed = True
        return "organisation"

    # -- merging ----------------------------------------------------------------------------------
    def _merge_acronyms(self, names, clusters, groups, kinds) -> None:
        """"UAW" ↔ "United Auto Workers", "BoA" ↔ "Bank of America": an acronym spelling a long name's initials."""
        long_forms: dict[str, list[int]] = {}
        for root, members in groups.items():
            for i in members:
                words = names[i].text.split()
                if len(words) >= 2 and not is_acronym(names[i].text):
                    for flag in (False, True):
                        long_forms.setdefault(initials(words, flag), []).append(root)
        for root, members in groups.items():
            for i in members:
                text = names[i].text
                if is_acronym(text) and names[i].key is None:
                    letters = text.replace(".", "").replace("&", "").lower()
                    targets = set(long_forms.get(letters, []))
                    if len(targets) == 1:
                        clusters.union(root, targets.pop())

    def _merge_short_names(self, names, clusters, groups, kinds) -> None:
        """Surname → full name ("Stoltenberg" → "Jens Stoltenberg"); short company name → long one."""
        lex = self.lex
        long_names = []  # (root, words, kind)
        for root, members in groups.items():
            for i in members:
                words = names[i].text.split()
                if len(words) >= 2:
                    long_names.append((root, [w.lower() for w in words], kinds[root], words))
        for root, members in groups.items():
            if any(names[i].key and names[i].kind in {"country", "place", "group"} for i in members):
                continue
            shorts = {tuple(_POSSESSIVE.sub("", names[i].text.lower()).split()) for i in members}  # "Anna's" is "Anna"
            if any(len(s) >= 2 and s[0].title() in lex.first_names and s[0] not in lex.particles for s in shorts) \
                    and not any(names[i].org_cue for i in members):
                # a given name and more is no short form; "Da Costa" (a particle) is a surname; but the
                # context may present it as an organisation ("Go Ahead-coach" after "Go Ahead Eagles")
                continue
            org_targets, person_targets, head_targets = set(), set(), set()
            for short in shorts:
                n = len(short)
                for other, words, kind, original in long_names:
                    if other == root or len(words) <= n:
                        continue
                    if kind == "person" and n == 1 and len(short[0]) > 3 and short[0] == words[-1] + "s":
                        person_targets.add(other)  # "Kramers plan" after "Piet Kramer": the genitive
                    if kind == "person" and tuple(words[-n:]) == short or \
                            kind == "person" and words[-1] in lex.name_generations and tuple(words[-n - 1:-1]) == short:
                        person_targets.add(other)
                    if n >= 2 and tuple(words[-n:]) == short and kind == "organisation":
                        org_targets.add(other)  # "Air Force" → "United States Air Force"
                    if n == 1 and kind == "organisation" and words[-1] == short[0] and self._generic_head(original):
                        head_targets.add(other)  # "de Raad" → "Hoge Raad"
                    skip = 1 if kind == "organisation" and original[0] in lex.honorific_org_prefixes else 0
                    if tuple(words[skip:skip + n]) == short and kind in {"organisation", "place", "person"}:
                        rest = original[skip + n:]  # "Philips" → "Koninklijke Philips N.V."
                        suffixes_only = all(w in lex.org_suffixes or w.rstrip(".,") in lex.org_suffixes
                                            or w in lex.legal_forms for w in rest)  # "Orbitalis SpA", though "spa" is a word
                        # "Saxeon" → "Saxeon Semiconductors N.V.": a legal form vouches for the words before it
                        legal = len(rest) == 2 and rest[-1] in lex.legal_forms and not self._descriptor(rest[0])
                        if (kind != "person" or original[0] not in lex.first_names) and (
                                suffixes_only or legal or len(rest) == 1 and not self._descriptor(rest[0])):
                            org_targets.add(other)
            if not org_targets and not person_targets and len(shorts) == 1:
                (short,) = shorts
                if len(short) == 1 and short[0].title() in lex.first_names:
                    # "Thierry" after "Thierry Verbeek": a given name alone, when one person has it
                    given = {other for other, words, kind, original in long_names
                             if kind == "person" and words[0] == short[0] and other != root}
                    if len(given) == 1:
                        clusters.union(root, given.pop())
                        continue
            if not org_targets and not person_targets and len(head_targets) == 1:
                org_targets = head_targets  # only when one organisation has that head word
            own_kind = kinds[root]
            targets = org_targets if org_targets else person_targets
            if own_kind == "place" and not person_targets:
                continue
            if len(targets) > 1:
                # the most mentioned candidate wins ("Apple" → "Apple Computer" over "Apple Corps")
                targets = {max(targets, key=lambda r: (len(groups.get(r, [])), -r))}
            if len(targets) == 1:
                clusters.union(root, targets.pop())

    def _generic_head(self, words: list[str]) -> bool:
        """"Hoge Raad", "Nationale Politie": an organisation named by a common noun and adjectives
        before it, so the noun alone ("de Raad") is its short form."""
        common = self.lex.common_words
        return len(words) >= 2 and all(w.lower() in common or w in self.lex.nationality for w in words)

    def _descriptor(self, word: str) -> bool:
        """A word that makes "X word" a different entity than X ("GM Europe", "EADS North America")."""
        lex = self.lex
        return (word in lex.place_suffixes or word in lex.org_suffixes or lex.lookup(word) is not None
                or word.lower() in lex.common_words or word in lex.descriptor_words)

    # -- building actors -------------------------------------------------------------------------
    def _actor(self, ms: list[Mention], kind: str) -> Actor:
        def fullness(m: Mention):
            return (not m.text.endswith(("'s", "’s")), not is_acronym(m.text), len(m.text.split()), len(m.text))

        canonical = max(ms, key=fullness).text
        mentions = sorted({m.span or (m.start_char, m.end_char) for m in ms})
        aliases: list[str] = []
        def surface(text: str) -> str:
            return strip_leading_article(normalise(text))

        seen = {surface(canonical)}
        for m in sorted(ms, key=lambda m: m.start_char):
            if surface(m.text) not in seen:
                seen.add(surface(m.text))
                aliases.append(m.text)
        roles: list[str] = []
        for m in ms:
            for role in m.roles:
                if role.lower() not in {r.lower() for r in roles}:
                    roles.append(role)
        actor = Actor(id="", name=canonical, kind=kind, roles=roles, aliases=aliases, mentions=mentions)
        actor._affiliation_names = [a for m in ms for a in m.affiliations]  # type: ignore[attr-defined]
        actor._keys = {m.key for m in ms if m.key} | {name_key(m.text) for m in ms}  # type: ignore[attr-defined]
        return actor

    @staticmethod
    def _assign_ids(actors: list[Actor]) -> None:
        used: set[str] = set()
        for n, actor in enumerate(sorted(actors, key=lambda a: min(a.mentions)), start=1):
            base = slugify(actor.name)[:MAX_ID_LENGTH].strip("-") or f"actor-{n}"
            candidate, k = base, 2
            while candidate in used:
                candidate, k = f"{base}-{k}", k + 1
            used.add(candidate)
            actor.id = candidate

    def _attach_role_mentions(self, actors, role_mentions: list[Mention]) -> None:
        """"De NAVO-secretaris-generaal" → the person introduced as NAVO-secretaris-generaal."""
        for rm in role_mentions:
            head = rm.role_head.lower()
            best = None
            for actor, ms in actors:
                if actor.kind != "person" or not actor.roles:
                    continue
                first = min(actor.mentions)[0]
                if first > rm.start_char:
                    continue
                if not any(r.lower() == head or r.lower().startswith(head + " ") for r in actor.roles):
                    continue
                if rm.affiliations:
                    names = {normalise(a) for a in actor._affiliation_names}  # type: ignore[attr-defined]
                    if not any(normalise(a) in names for a in rm.affiliations):
                        continue
                if best is None or first > min(best[0].mentions)[0]:
                    best = (actor, ms)
            if best is not None:
                actor = best[0]
                actor.mentions.append((rm.start_char, rm.end_char))
                if name_key(rm.text) not in {name_key(a) for a in actor.aliases}:
                    actor.aliases.append(rm.text)

    def _set_affiliations(self, actors) -> None:
        index: dict[str, Actor] = {}
        for actor, _ in actors:
            for key in actor._keys:  # type: ignore[attr-defined]
                index.setdefault(key, actor)
        for actor, _ in actors:
            for name in actor._affiliation_names:  # type: ignore[attr-defined]
                gaz = self.lex.lookup(name)
                target = index.get(gaz[0]) if gaz else None
                target = target or index.get(name_key(name))
                if target is actor:
                    continue
                actor.affiliation = target.id if target else name
                break
        for actor, _ in actors:
            for attr in ("_affiliation_names", "_keys"):
                if hasattr(actor, attr):
                    delattr(actor, attr)
