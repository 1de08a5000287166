"""The editors' corrections file (``content/x.explainer.yaml``): reading and checking it, one line per problem
naming the file, line and field."""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path
import yaml

from ..errors import InputError
from ..extraction.model import ACTOR_KINDS
from ..extraction.reading import slugify

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


def _before(first: str, second: str) -> bool:
    """Whether ISO value ``first`` lies wholly before ``second`` (compared at the coarser precision)."""
    length = min(len(first), len(second))
    return first[:length] < second[:length]
