"""Editors' corrections: ``content/x.explainer.yaml`` next to ``content/x.md``, applied after extraction.

A corrections file names what it changes by *content* (an actor's name or alias, the start of a quote,
a temporal expression as written), never by list position, so it keeps applying after a re-extraction or
an edit to another paragraph. Loading validates the whole file first and raises
:class:`~generator.errors.InputError` naming the file, the line and the key; applying is a pure function
that returns a corrected copy, what was applied (for the method page) and warnings for entries that no
longer match anything (errors when strict)::

    date: 2022-01-30             # when the editors corrected: the pages say so
    actors:
      - match: "Blinken"
        name: "Antony Blinken"
        kind: person
        roles: ["Amerikaanse minister van Buitenlandse Zaken"]
      - match: "Westen"
        hide: true
      - merge: ["Kremlin", "Moskou"]
      - match: "Emmanuel Macron"
        feature: true            # among the main actors, before the extraction's ranking
        roles: ["Franse president"]
    quotes:
      - match: "We zijn in debat"
        speaker: "Sergei Lavrov"
    timeline:
      - match: "Vorige vrijdag"
        date: "2022-01-21"
        summary: "Lavrov en Blinken spreken in Genève over veiligheid in Europa."
      - add: {date: "2022-02-24", summary: "Rusland valt Oekraïne binnen.", actors: ["Rusland"]}
    figures:                     # key figures (Extraction.figures), matched by their text
      - match: "60 %"
        hide: true
      - match: "2.000 banen"
        text: "1.500 tot 2.000 banen"
        phrase: "banen"
      - add: "$40 miljard"

Corrected items get a ``corrected`` attribute (True) that templates can read; added timeline entries
also get ``added`` (True); featured actors ``featured`` (their rank among the featured, from 1);
added timeline entries have no place in the text (``start == end == 0``, ``expression == ""``).
"""
from __future__ import annotations

import copy
from dataclasses import dataclass, field

from ..errors import InputError
from ..extraction.components.figures.rank import figure_key
from ..extraction.model import Actor, Extraction, KeyFigure, TimelineEntry
from ..extraction.reading import slugify
from .schema import Corrections, Entry, _QUOTE_MARKS, _before, load_for_article, parse_date


@dataclass
class Applied:
    """A correction that changed something, for the method page (rendered there with gettext).

    ``action`` is one of: actor_renamed, actor_kind, actor_roles, actor_aliases, actor_hidden,
    actors_merged, actor_featured, quote_speaker, quote_hidden, event_date, event_summary, event_actors,
    event_hidden, event_added, figure_hidden, figure_corrected, figure_added. ``subject`` names the item as extracted; ``value`` the new value (text) if any.
    """

    action: str
    subject: str
    value: str | None = None

    def to_json(self) -> dict:
        return {"action": self.action, "subject": self.subject, "value": self.value}


@dataclass
class Result:
    extraction: Extraction
    applied: list[Applied] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    path: str | None = None
    date: str | None = None  # the corrections file's `date:` (when the editors corrected)


# ----------------------------------------------------------------------------------------- applying


def _norm(value: str) -> str:
    return " ".join(value.split()).casefold()


def _quote_key(value: str) -> str:
    return _norm(value.strip(_QUOTE_MARKS))


def _mark(item, **flags) -> None:
    item.corrected = True
    for name, value in flags.items():
        setattr(item, name, value)


class _Applier:
    def __init__(self, extraction: Extraction, path: str):
        self.ex = copy.deepcopy(extraction)
        for item in [*self.ex.actors, *self.ex.quotes, *self.ex.timeline, *self.ex.figures]:
            item.corrected = False
            if isinstance(item, Actor):
                item.featured = 0
            if isinstance(item, TimelineEntry):
                item.added = False
        self.path = path
        self.applied: list[Applied] = []
        self.warnings: list[str] = []

    def warn(self, entry: Entry, problem: str) -> None:
        self.warnings.append(f"{self.path}: {entry.label}: {problem}")

    # ---- actors
    def find_actors(self, name: str) -> list[Actor]:
        key = _norm(name)
        return [a for a in self.ex.actors
                if _norm(a.name) == key or key in (_norm(x) for x in a.aliases) or a.id == slugify(name)]

    def resolve_actor(self, name: str) -> Actor | None:
        found = self.find_actors(name)
        exact = [a for a in found if _norm(a.name) == _norm(name)]
        return (exact or found or [None])[0]

    def _replace_references(self, old_id: str, new_id: str | None) -> None:
        for quote in self.ex.quotes:
            if quote.speaker == old_id:
                quote.speaker = new_id
                if new_id is None:
                    _mark(quote)
        for entry in self.ex.timeline:
            if old_id in entry.actors:
                ids = [new_id if a == old_id else a for a in entry.actors]
                entry.actors = list(dict.fromkeys(a for a in ids if a))
        for actor in self.ex.actors:
            if actor.affiliation == old_id:
                actor.affiliation = new_id

    def _absorb(self, survivor: Actor, other: Actor) -> None:
        """Unite ``other`` into ``survivor``: mentions, aliases, roles and every reference."""
        survivor.mentions = sorted(set(survivor.mentions) | set(other.mentions))
        for alias in [other.name, *other.aliases]:
            if _norm(alias) != _norm(survivor.name) and _norm(alias) not in map(_norm, survivor.aliases):
                survivor.aliases.append(alias)
        survivor.roles.extend(r for r in other.roles if r not in survivor.roles)
        survivor.affiliation = survivor.affiliation or other.affiliation
        named = [p for p in (survivor.headline_position, other.headline_position) if p is not None]
        survivor.headline_position = min(named) if named else None  # the headline names the merged actor first there
        self.ex.actors.remove(other)
        self._replace_references(other.id, survivor.id)
        if survivor.affiliation == survivor.id:
            survivor.affiliation = None

    def _rename(self, actor: Actor, name: str) -> None:
        old_name, old_id = actor.name, actor.id
        new_id = slugify(name)
        clash = next((a for a in self.ex.actors if a.id == new_id and a is not actor), None)
        actor.name = name
        actor.aliases = [a for a in actor.aliases if _norm(a) != _norm(name)]
        if _norm(old_name) != _norm(name) and _norm(old_name) not in map(_norm, actor.aliases):
            actor.aliases.insert(0, old_name)
        if clash is not None:  # the new name is another actor's: they are one actor
            self._absorb(actor, clash)
        actor.id = new_id
        self._replace_references(old_id, new_id)
        self.applied.append(Applied("actor_renamed", old_name, name))

    def _change_actor(self, actor: Actor, values: dict) -> None:
        if "name" in values and values["name"] != actor.name:
            self._rename(actor, values["name"])
        if "kind" in values and values["kind"] != actor.kind:
            actor.kind = values["kind"]
            self.applied.append(Applied("actor_kind", actor.name, actor.kind))
        if "roles" in values and values["roles"] != actor.roles:
            actor.roles = list(values["roles"])
            self.applied.append(Applied("actor_roles", actor.name, ", ".join(actor.roles)))
        if "aliases" in values:
            new = [a for a in values["aliases"]
                   if _norm(a) != _norm(actor.name) and _norm(a) not in map(_norm, actor.aliases)]
            actor.aliases.extend(new)
            if new:
                self.applied.append(Applied("actor_aliases", actor.name, ", ".join(new)))
        if values.get("feature") and not getattr(actor, "featured", 0):
            actor.featured = 1 + sum(1 for a in self.ex.actors if getattr(a, "featured", 0))
            self.applied.append(Applied("actor_featured", actor.name))
        _mark(actor)

    def actor(self, entry: Entry) -> None:
        values = entry.values
        if "merge" in values:
            found: list[Actor] = []
            for name in values["merge"]:
                actor = self.resolve_actor(name)
                if actor is None:
                    self.warn(entry, f"{name!r} matches nothing")
                elif actor not in found:
                    found.append(actor)
            if not found:
                return
            survivor = found[0]
            names = [a.name for a in found]
            for other in found[1:]:
                self._absorb(survivor, other)
            if len(found) > 1:
                self.applied.append(Applied("actors_merged", ", ".join(names[1:]), survivor.name))
            self._change_actor(survivor, values)
            return
        actors = self.find_actors(values["match"])
        if not actors:
            self.warn(entry, "matches nothing")
            return
        for actor in actors:
            if values.get("hide"):
                self.ex.actors.remove(actor)
                self._replace_references(actor.id, None)
                self.applied.append(Applied("actor_hidden", actor.name))
            else:
                self._change_actor(actor, values)

    # ---- quotes
    def quote(self, entry: Entry) -> None:
        values = entry.values
        prefix = _quote_key(values["match"])
        quotes = [q for q in self.ex.quotes if _quote_key(q.text).startswith(prefix)]
        if not quotes:
            self.warn(entry, "matches nothing")
            return
        if len(quotes) > 1:
            self.warn(entry, f"matches {len(quotes)} quotes ({', '.join(q.id for q in quotes)}); "
                             "applied to all, make `match` longer to pick one")
        speaker_id = None
        if "speaker" in values and values["speaker"] is not None:
            actor = self.resolve_actor(values["speaker"])
            if actor is None:
                self.warn(entry, f"speaker {values['speaker']!r} is not an actor of this article")
                if not values.get("hide"):
                    return
            else:
                speaker_id = actor.id
        for quote in quotes:
            subject = _excerpt(quote.text)
            if values.get("hide"):
                self.ex.quotes.remove(quote)
                self.applied.append(Applied("quote_hidden", subject))
                continue
            if quote.speaker != speaker_id:
                quote.speaker = speaker_id
                name = self.resolve_actor(speaker_id).name if speaker_id else None
                self.applied.append(Applied("quote_speaker", subject, name))
            _mark(quote)

    # ---- timeline
    def _actor_ids(self, entry: Entry, names: list[str]) -> list[str]:
        ids = []
        for name in names:
            actor = self.resolve_actor(name)
            if actor is None:
                self.warn(entry, f"actor {name!r} is not an actor of this article")
            elif actor.id not in ids:
                ids.append(actor.id)
        return ids

    def _change_event(self, event: TimelineEntry, values: dict, entry: Entry) -> None:
        subject = event.expression or event.summary
        if "date" in values:
            value, precision = parse_date(values["date"])
            if (value, precision) != (event.date, event.precision):
                self.applied.append(Applied("event_date", subject, value))
            event.date, event.precision, event.certain = value, precision, True
            if event.end_date and "end_date" not in values and _before(event.end_date, event.date):
                event.end_date = None
        if "end_date" in values:
            if values["end_date"] and _before(values["end_date"], event.date):
                self.warn(entry, f"end_date {values['end_date']} lies before the event's date {event.date}; "
                                 "not applied")
            else:
                event.end_date = values["end_date"]
        if "summary" in values and values["summary"] != event.summary:
            event.summary = values["summary"]
            event.summary_span = None
            self.applied.append(Applied("event_summary", subject, event.summary))
        if "actors" in values:
            ids = self._actor_ids(entry, values["actors"])
            if ids != event.actors:
                event.actors = ids
                self.applied.append(Applied("event_actors", subject, ", ".join(
                    self.resolve_actor(i).name for i in ids)))
        _mark(event)

    def event(self, entry: Entry) -> None:
        values = entry.values
        if "add" in values:
            added = values["add"]
            value, precision = parse_date(added["date"])
            number = sum(1 for t in self.ex.timeline if getattr(t, "added", False)) + 1
            event = TimelineEntry(id=f"added-{number}", date=value, precision=precision, expression="",
                                  start=0, end=0, summary=added["summary"],
                                  actors=self._actor_ids(entry, added.get("actors", [])),
                                  end_date=added.get("end_date"))
            _mark(event, added=True)
            self.ex.timeline.append(event)
            self.applied.append(Applied("event_added", value, added["summary"]))
            return
        key = _norm(values["match"])
        events = [t for t in self.ex.timeline if not getattr(t, "added", False) and (
            _norm(t.expression) == key or key in (_norm(self.ex.text[s:e]) for s, e in t.sources))]
        if not events:
            self.warn(entry, "matches nothing")
            return
        if len(events) > 1:
            self.warn(entry, f"matches {len(events)} events ({', '.join(t.id for t in events)}); "
                             "applied to all")
        for event in events:
            if values.get("hide"):
                self.ex.timeline.remove(event)
                self.applied.append(Applied("event_hidden", event.expression))
            else:
                self._change_event(event, values, entry)


    # ---- key figures
    def figure(self, entry: Entry) -> None:
        """``add`` a figure the extraction missed (shown after the extracted ones), or ``match`` figures
        by their text (a part is enough) to ``hide`` them or give their ``text`` (and ``phrase``)."""
        values = entry.values
        if "add" in values:
            text, phrase = values["add"], values.get("phrase", "")
            number = _figure_number(text, phrase)
            added = KeyFigure(text=text, number=number, phrase=phrase if number != text else "", value=0.0,
                              start=-1, end=-1, kind="added")
            added.corrected = True
            self.ex.figures.append(added)
            self.applied.append(Applied("figure_added", text))
            return
        key = figure_key(values["match"])
        hits = [f for f in self.ex.figures if key in figure_key(f.text)]
        if not hits:
            self.warn(entry, "matches no key figure")
        for figure in hits:
            if values.get("hide"):
                self.ex.figures.remove(figure)
                self.applied.append(Applied("figure_hidden", figure.text))
                continue
            old = figure.text
            text = values.get("text", figure.text)
            phrase = values.get("phrase", figure.phrase if text.endswith(figure.phrase) else "")
            number = _figure_number(text, phrase)
            figure.text, figure.number, figure.phrase = text, number, phrase if number != text else ""
            _mark(figure)
            self.applied.append(Applied("figure_corrected", old, text))


def _figure_number(text: str, phrase: str) -> str:
    """A figure's number: its text without what it counts ("1.500 tot 2.000" of "1.500 tot 2.000 banen")."""
    return text[:len(text) - len(phrase)].strip() if phrase and text.endswith(phrase) else text


def _excerpt(text: str, words: int = 8) -> str:
    parts = text.split()
    return " ".join(parts[:words]) + (" …" if len(parts) > words else "")


def apply_corrections(extraction: Extraction, corrections: Corrections | None) -> Result:
    """A corrected copy of ``extraction`` (the input is not changed), what was applied, and warnings.

    Actors are corrected first, so quote speakers and timeline actors can name actors by their
    corrected names (or any alias). Every item of the copy has ``corrected`` (True when an entry
    changed it); timeline entries also have ``added``. Without corrections the extraction itself comes
    back unchanged: copying every article's extraction on each build would be wasted work.
    """
    if corrections is None:
        return Result(extraction, [], [], None)
    applier = _Applier(extraction, corrections.path)
    for entry in corrections.actors:
        applier.actor(entry)
    for entry in corrections.quotes:
        applier.quote(entry)
    for entry in corrections.timeline:
        applier.event(entry)
    for entry in corrections.figures:
        applier.figure(entry)
    return Result(applier.ex, applier.applied, applier.warnings, corrections.path, date=corrections.date)


def correct(extraction: Extraction, article_path, strict: bool = False) -> Result:
    """Load the article's sibling corrections file (if any) and apply it.

    Raises :class:`InputError` for an invalid file, and when ``strict`` for any entry that no longer
    applies cleanly; otherwise such entries come back as ``Result.warnings``.
    """
    corrections = load_for_article(article_path) if article_path else None
    result = apply_corrections(extraction, corrections)
    if strict and result.warnings:
        first = result.warnings[0][len(result.path) + 2:]
        more = f" (and {len(result.warnings) - 1} more)" if len(result.warnings) > 1 else ""
        raise InputError(result.path, first + more,
                         fix="update or remove the entry; strict corrections are on")
    return result


def export_json(result: Result) -> dict:
    """The corrected extraction as JSON, with ``corrected`` flags and the list of applied corrections."""
    data = result.extraction.to_json()
    for name, items in (("actors", result.extraction.actors), ("quotes", result.extraction.quotes),
                        ("timeline", result.extraction.timeline)):
        for item, item_json in zip(items, data[name]):
            if getattr(item, "corrected", False):
                item_json["corrected"] = True
            if getattr(item, "added", False):
                item_json["added"] = True
            if getattr(item, "featured", 0):
                item_json["featured"] = item.featured
    if result.path:
        data["corrections"] = [a.to_json() for a in result.applied]
    return data
