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
    figures:                     # key figures (generator/site/figures.py), matched by their text
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
import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from .errors import InputError
from .model import ACTOR_KINDS, Actor, Extraction, TimelineEntry
from .reading import slugify

SUFFIX = ".explainer.yaml"
SECTIONS = ("actors", "quotes", "timeline", "figures")
_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
_QUOTE_MARKS = "\"'“”„‘’‚«»‹› "


# --------------------------------------------------------------------------------------------- model


@dataclass
class Entry:
    """One validated entry of a corrections file."""

    section: str  # "actors" | "quotes" | "timeline"
    index: int
    line: int
    values: dict
    lines: dict = field(default_factory=dict)  # key → line number

    @property
    def label(self) -> str:
        """``actors[2] (match: 'Blinken')``: how warnings and the review name this entry."""
        for key in ("match", "merge", "add"):
            if key in self.values:
                value = self.values[key]
                if key == "add":
                    value = value.get("summary", "")
                return f"{self.section}[{self.index}] ({key}: {value!r})"
        return f"{self.section}[{self.index}]"


@dataclass
class Corrections:
    path: str
    date: str | None = None  # when the editors corrected (shown on the corrected pages)
    actors: list[Entry] = field(default_factory=list)
    quotes: list[Entry] = field(default_factory=list)
    timeline: list[Entry] = field(default_factory=list)
    figures: list[Entry] = field(default_factory=list)

    def __len__(self) -> int:
        return len(self.actors) + len(self.quotes) + len(self.timeline) + len(self.figures)


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
    key_figures: list | None = None  # the corrected key figures; None: the extraction's own
    date: str | None = None  # the corrections file's `date:` (when the editors corrected)


# ------------------------------------------------------------------------------------------ loading


def corrections_path(article_path) -> Path:
    """``content/x.md`` → ``content/x.explainer.yaml``."""
    path = Path(article_path)
    return path.with_name(path.stem + SUFFIX)


def _fail(path, line: int | None, key: str | None, problem: str, fix: str | None = None):
    where = " ".join(part for part in (f"line {line}:" if line else "", key or "") if part).rstrip(":")
    raise InputError(path, problem, field=where or None, fix=fix)


def _line(node) -> int:
    return node.start_mark.line + 1


_constructor = yaml.constructor.SafeConstructor()


def _scalar(node):
    """A scalar's value; its text as written when YAML cannot build it (``2022-13-01``, ``!!tag``)."""
    try:
        return _constructor.construct_object(node, deep=True)
    except (ValueError, TypeError, yaml.YAMLError):
        return node.value if isinstance(node, yaml.ScalarNode) else None


def _mapping(path, node, key: str) -> list[tuple[str, yaml.Node, int]]:
    if not isinstance(node, yaml.MappingNode):
        _fail(path, _line(node), key, "must be a mapping of keys to values")
    items, seen = [], set()
    for key_node, value_node in node.value:
        name = _scalar(key_node) if isinstance(key_node, yaml.ScalarNode) else None
        if not isinstance(name, str):
            _fail(path, _line(key_node), key, "keys must be plain words")
        if name in seen:
            _fail(path, _line(key_node), f"{key}.{name}" if key else name, "key appears twice")
        seen.add(name)
        items.append((name, value_node, _line(key_node)))
    return items


def _string(path, node, key: str, allow_null: bool = False, allow_empty: bool = False):
    if not isinstance(node, yaml.ScalarNode):
        _fail(path, _line(node), key, "must be text")
    value = _scalar(node)
    if value is None and allow_null:
        return None
    if not isinstance(value, str):
        _fail(path, _line(node), key, f"must be text, not {value!r}", "put it in quotes")
    if not allow_empty and not value.strip():
        _fail(path, _line(node), key, "must not be empty")
    return value.strip()


def _string_list(path, node, key: str, min_items: int = 0) -> list[str]:
    if not isinstance(node, yaml.SequenceNode):
        _fail(path, _line(node), key, "must be a list of texts", 'write it as ["…", "…"]')
    values = [_string(path, item, f"{key}[{i}]") for i, item in enumerate(node.value)]
    if len(values) < min_items:
        _fail(path, _line(node), key, f"needs at least {min_items} names")
    return values


def _bool(path, node, key: str) -> bool:
    value = _scalar(node) if isinstance(node, yaml.ScalarNode) else None
    if not isinstance(value, bool):
        _fail(path, _line(node), key, "must be true or false")
    return value


def parse_date(value) -> tuple[str, str] | None:
    """An editor's date → (ISO value, precision); None when it is not YYYY, YYYY-MM or YYYY-MM-DD."""
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        return value.isoformat(), "day"
    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value)
    if not isinstance(value, str):
        return None
    match = _DATE.match(value.strip())
    if not match:
        return None
    year, month, day = match.groups()
    try:
        dt.date(int(year), int(month or 1), int(day or 1))
    except ValueError:
        return None
    return value.strip(), ("day" if day else "month" if month else "year")


def _date(path, node, key: str, allow_null: bool = False):
    value = _scalar(node) if isinstance(node, yaml.ScalarNode) else node
    if value is None and allow_null:
        return None
    parsed = parse_date(value)
    if parsed is None:
        shown = value if isinstance(value, (str, int, dt.date)) else "a list or mapping"
        _fail(path, _line(node), key, f"invalid date {str(shown)!r}",
              "write YYYY, YYYY-MM or YYYY-MM-DD, e.g. 2022-01-21")
    return parsed[0]


def _actor_entry(path, items, key) -> dict:
    values: dict = {}
    for name, node, line in items:
        where = f"{key}.{name}"
        if name == "match":
            values[name] = _string(path, node, where)
        elif name == "merge":
            values[name] = _string_list(path, node, where, min_items=2)
        elif name == "name":
            values[name] = _string(path, node, where)
            if not slugify(values[name]):
                _fail(path, line, where, f"{values[name]!r} has no letters or digits for an id")
        elif name == "kind":
            values[name] = _string(path, node, where)
            if values[name] not in ACTOR_KINDS:
                _fail(path, _line(node), where, f"unknown kind {values[name]!r}",
                      "use one of " + ", ".join(ACTOR_KINDS))
        elif name in ("roles", "aliases"):
            values[name] = _string_list(path, node, where)
        elif name in ("hide", "feature"):
            values[name] = _bool(path, node, where)
        else:
            _fail(path, line, where, f"unknown key {name!r}",
                  "use match or merge, with name, kind, roles, aliases, feature or hide")
    if ("match" in values) == ("merge" in values):
        _fail(path, None, key, "needs exactly one of `match` or `merge`")
    if values.get("hide") and set(values) & {"name", "kind", "roles", "aliases", "merge", "feature"}:
        _fail(path, None, key, "`hide: true` cannot be combined with other changes")
    if "match" in values and len(values) == 1:
        _fail(path, None, key, "says what to find but not what to change",
              "add name, kind, roles, aliases, feature or hide")
    return values


def _figure_entry(path, items, key) -> dict:
    values: dict = {}
    for name, node, line in items:
        where = f"{key}.{name}"
        if name in ("match", "add", "text", "phrase"):
            values[name] = _string(path, node, where)
        elif name == "hide":
            values[name] = _bool(path, node, where)
        else:
            _fail(path, line, where, f"unknown key {name!r}", "use match with text, phrase or hide, or add")
    if ("match" in values) == ("add" in values):
        _fail(path, None, key, "needs exactly one of `match` or `add`")
    _check_period(path, None, key, values)
    if "match" in values and not set(values) & {"text", "phrase", "hide"}:
        _fail(path, None, key, "says what to find but not what to change", "add text, phrase or hide")
    if values.get("hide") and set(values) & {"text", "phrase"}:
        _fail(path, None, key, "`hide: true` cannot be combined with other changes")
    if "add" in values and set(values) - {"add", "phrase"}:
        _fail(path, None, key, "`add` takes the figure as it should read, and at most a `phrase`")
    if "phrase" in values and not (values.get("text") or values.get("add") or "").endswith(values["phrase"]):
        _fail(path, None, f"{key}.phrase", "must be the end of the figure's text (what it counts)",
              'e.g. text: "1.500 tot 2.000 banen" with phrase: "banen"')
    return values


def _quote_entry(path, items, key) -> dict:
    values: dict = {}
    for name, node, line in items:
        where = f"{key}.{name}"
        if name == "match":
            values[name] = _string(path, node, where)
            if not values[name].strip(_QUOTE_MARKS):
                _fail(path, _line(node), where, "must contain words of the quote")
        elif name == "speaker":
            values[name] = _string(path, node, where, allow_null=True)
        elif name == "hide":
            values[name] = _bool(path, node, where)
        else:
            _fail(path, line, where, f"unknown key {name!r}", "use match with speaker or hide")
    if "match" not in values:
        _fail(path, None, key, "needs `match` (the start of the quote text)")
    if len(values) == 1:
        _fail(path, None, key, "says what to find but not what to change", "add speaker or hide")
    if values.get("hide") and "speaker" in values:
        _fail(path, None, key, "`hide: true` cannot be combined with other changes")
    return values


def _event_fields(path, name, node, line, where, values, adding: bool) -> None:
    if name == "date":
        values[name] = _date(path, node, where)
    elif name == "end_date":
        values[name] = _date(path, node, where, allow_null=not adding)
    elif name == "summary":
        values[name] = _string(path, node, where)
    elif name == "actors":
        values[name] = _string_list(path, node, where)
    else:
        allowed = "date, summary, actors or end_date" + ("" if adding else ", or hide")
        _fail(path, line, where, f"unknown key {name!r}", f"use {allowed}")


def _check_period(path, line, where, values: dict) -> None:
    """An event cannot end before it starts."""
    start, end = values.get("date"), values.get("end_date")
    if start and end and _before(str(end), str(start)):
        _fail(path, line, f"{where}.end_date", f"{end} lies before the date {start}",
              "an end_date is on or after the date")


def _timeline_entry(path, items, key) -> dict:
    values: dict = {}
    for name, node, line in items:
        where = f"{key}.{name}"
        if name == "match":
            values[name] = _string(path, node, where)
        elif name == "hide":
            values[name] = _bool(path, node, where)
        elif name == "add":
            added: dict = {}
            for sub, sub_node, sub_line in _mapping(path, node, where):
                _event_fields(path, sub, sub_node, sub_line, f"{where}.{sub}", added, adding=True)
            for required in ("date", "summary"):
                if required not in added:
                    _fail(path, line, where, f"needs `{required}`")
            _check_period(path, line, where, added)
            values[name] = added
        else:
            _event_fields(path, name, node, line, where, values, adding=False)
    if ("match" in values) == ("add" in values):
        _fail(path, None, key, "needs exactly one of `match` or `add`")
    _check_period(path, None, key, values)
    if "add" in values and len(values) > 1:
        _fail(path, None, key, "`add` takes its fields inside it: add: {date: …, summary: …}")
    if "match" in values and len(values) == 1:
        _fail(path, None, key, "says what to find but not what to change",
              "add date, summary, actors, end_date or hide")
    if values.get("hide") and len(values) > 2:
        _fail(path, None, key, "`hide: true` cannot be combined with other changes")
    return values


_ENTRY_PARSERS = {"actors": _actor_entry, "quotes": _quote_entry, "timeline": _timeline_entry,
                  "figures": _figure_entry}


def parse_corrections(text: str, path) -> Corrections:
    """Validate a corrections file's text; raise :class:`InputError` naming line and key."""
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        problem = " ".join(p for p in (err.context, err.problem) if p) or "invalid YAML"
        _fail(path, mark.line + 1 if mark else None, None, f"YAML syntax error: {problem}",
              "check indentation, colons and quotes")
    except yaml.YAMLError as err:
        _fail(path, None, None, f"YAML error: {err}")
    corrections = Corrections(path=str(path))
    if root is None or (isinstance(root, yaml.ScalarNode) and _scalar(root) is None):
        return corrections
    for name, node, line in _mapping(path, root, ""):
        if name == "date":
            corrections.date = _date(path, node, name)
            continue
        if name not in SECTIONS:
            _fail(path, line, name, f"unknown key {name!r}", "use date, actors, quotes, timeline or figures")
        if isinstance(node, yaml.ScalarNode) and _scalar(node) is None:
            continue  # "quotes:" with nothing under it
        if not isinstance(node, yaml.SequenceNode):
            _fail(path, _line(node), name, "must be a list of entries (lines starting with '- ')")
        for index, item in enumerate(node.value):
            key = f"{name}[{index}]"
            items = _mapping(path, item, key)
            values = _ENTRY_PARSERS[name](path, items, key)
            entry = Entry(name, index, _line(item), values, {k: ln for k, _, ln in items})
            getattr(corrections, name).append(entry)
    return corrections


def load_corrections(path) -> Corrections | None:
    """The corrections in ``path``, or None when there is no such file."""
    path = Path(path)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return None
    except OSError as err:
        raise InputError(path, f"cannot be read ({err.strerror})") from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        raise InputError(path, f"not valid UTF-8 (position {err.start})", fix="save the file as UTF-8") from None
    return parse_corrections(text, path)


def load_for_article(article_path) -> Corrections | None:
    return load_corrections(corrections_path(article_path))


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
        for item in [*self.ex.actors, *self.ex.quotes, *self.ex.timeline]:
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
    def figures(self, entries: list[Entry]) -> None:
        from .site.figures import apply_figure_corrections, key_figures

        figures, matched = apply_figure_corrections(key_figures(self.ex), [e.values for e in entries])
        for entry, hits in zip(entries, matched):
            values = entry.values
            if "add" in values:
                self.applied.append(Applied("figure_added", values["add"]))
            elif not hits:
                self.warn(entry, "matches no key figure")
            else:
                for hit in hits:
                    if values.get("hide"):
                        self.applied.append(Applied("figure_hidden", hit))
                    else:
                        self.applied.append(Applied("figure_corrected", hit, values.get("text", hit)))
        self.key_figures = figures


def _before(first: str, second: str) -> bool:
    """Whether ISO value ``first`` lies wholly before ``second`` (compared at the coarser precision)."""
    length = min(len(first), len(second))
    return first[:length] < second[:length]


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
    if corrections.figures:
        applier.figures(corrections.figures)
    return Result(applier.ex, applier.applied, applier.warnings, corrections.path,
                  key_figures=getattr(applier, "key_figures", None), date=corrections.date)


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
