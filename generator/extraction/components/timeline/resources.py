"""Loading the Dutch temporal vocabulary and compiling its pattern templates (once per process)."""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from ...language import language_dir

_PLACEHOLDER = re.compile(r"\{([A-Z]+)\}")


@dataclass
class Pattern:
    name: str
    kind: str
    regex: re.Pattern
    priority: int


@dataclass
class Resources:
    """Word lists (lower-cased) and compiled patterns of one language."""

    data: dict
    patterns: list[Pattern]
    months: dict[str, int]
    month_abbreviations: dict[str, int]
    weekdays: dict[str, int]
    numbers: dict[str, float]
    vague: dict[str, float]
    relative_days: dict[str, int]
    modifiers: dict[str, str]  # word -> last/next/this
    rolling_modifiers: dict[str, str]  # "de afgelopen/komende ...": word -> last/next
    units: dict[str, str]
    plural_defaults: dict[str, int]
    decades: dict[str, int]
    parts: dict[str, str]
    seasons: dict[str, list[int]]
    ordinals: dict[str, int]
    halves: dict[str, list[int]]
    day_units: dict[str, str]  # the day and its parts ("avond"), counted as days
    playing_seasons: dict[str, int]  # "seizoen", "schooljaar": the month their year begins
    holidays: dict[str, list[int]]  # [month, day] (twice for a span), or [0, first, last] days from Easter
    sets: dict[str, frozenset] = field(default_factory=dict)
    abbreviations: frozenset = frozenset()  # words whose full stop ends no sentence ("St", "dhr", "Inc")
    dateline: re.Pattern | None = None
    record_words: re.Pattern | None = None
    participle: re.Pattern | None = None  # a past participle ("gehouden", "ingevoerd", "besloten")
    separable_participle: re.Pattern | None = None  # a separable verb's participle ("meegedeeld"): never a noun
    weak_past: re.Pattern | None = None  # a weak verb's past tense ("meldde", "stopten")
    summary_conjunction: re.Pattern | None = None  # "En dan …": left out of an event's summary
    word: re.Pattern = re.compile(r"[\w'’]+|[$€£¥%]")


def _abbreviations(path) -> frozenset:
    if not path.is_file():
        return frozenset()
    lines = path.read_text(encoding="utf-8").splitlines()
    return frozenset(line.strip() for line in lines if line.strip() and not line.startswith("#"))


def _lookup(data: dict, dotted: str):
    value = data
    for part in dotted.split("."):
        value = value[part]
    return value


def _alternation(words) -> str:
    words = sorted({w.lower() for w in words}, key=lambda w: (-len(w), w))
    return "(?:" + "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in words) + ")"


def _expand(template: str, data: dict, macros: dict[str, str], depth: int = 0) -> str:
    if depth > 5:
        raise ValueError(f"temporal.json: placeholder recursion in {template!r}")

    def replace(match: re.Match) -> str:
        name = match.group(1)
        if name in macros:
            return _expand(macros[name], data, macros, depth + 1)
        if name in data["placeholders"]:
            return _alternation(_lookup(data, data["placeholders"][name]))
        raise KeyError(f"temporal.json: unknown placeholder {{{name}}}")

    return _PLACEHOLDER.sub(replace, template)


DATA_FILES = ("temporal.json", "abbreviations.txt")  # what read_resources reads in a language folder


def load_resources(lang: str = "nl") -> Resources:
    """The date words and patterns of ``generator/data/<lang>/``."""
    return read_resources(language_dir(lang))


@lru_cache(maxsize=4)
def read_resources(folder: Path) -> Resources:
    """The date words and patterns in ``folder`` (a language folder, or a pipeline's copy of its files)."""
    path = folder / DATA_FILES[0]
    data = json.loads(path.read_text(encoding="utf-8"))
    macros = data.get("macros", {})
    patterns = []
    for priority, spec in enumerate(data["patterns"]):
        source = _expand(spec["regex"], data, macros)
        # whole words only: no letter/digit glued on either side
        source = r"(?<![\w$€£¥])" + "(?:" + source + ")" + r"(?![\w])"
        patterns.append(Pattern(spec["name"], spec["kind"], re.compile(source), priority))  # run on lower-cased text
    lower = lambda d: {k.lower(): v for k, v in d.items()}  # noqa: E731
    modifiers = {}
    for direction, words in data["modifiers"].items():
        for w in words:
            modifiers[w.lower()] = direction
    rolling = {w.lower(): d for w, d in data.get("rolling_modifiers", {}).items()}
    sets = {name: frozenset(w.lower() for w in data[name]) for name in (
        "approximators", "year_prepositions", "year_trim_prepositions", "count_words_before",
        "unit_words_after", "currency_before", "frequency_before", "duration_after", "clause_breaks",
        "weekday_parts", "weekday_blocked_before", "vague_rolling_units", "from_now_binnen_units",
        "same_this_words", "since_words", "relative_days_lowercase_only", "from_now_within", "rolling_singular_last",
        "plural_unit_endings", "week_modifiers", "forward_openers", "anchored_backwards", "season_anchoring_before", "season_tensed_before",
        "vague_markers")}
    for name, words in data["tense"].items():
        if not name.startswith("_"):  # "_name": a comment on the list "name"
            sets["tense." + name] = frozenset(w.lower() for w in words)
    record = list(data["record_words"])
    separable = "|".join(sorted(sets["tense.participle_prefixes"], key=len, reverse=True))
    inseparable = "|".join(sorted(sets["tense.inseparable_prefixes"], key=len, reverse=True))
    prefix, endings = re.escape(data["participle_prefix"]), "|".join(map(re.escape, data["participle_endings"]))
    particles = "|".join(sorted(sets["tense.participle_prefixes"] - sets["tense.inseparable_prefixes"]
                                - {data["participle_prefix"]}, key=len, reverse=True))
    return Resources(
        data=data,
        patterns=patterns,
        months=lower(data["months"]),
        month_abbreviations=lower(data["month_abbreviations"]),
        weekdays=lower(data["weekdays"]),
        numbers=lower(data["numbers"]),
        vague=lower(data["vague_quantities"]),
        relative_days=lower(data["relative_days"]),
        modifiers=modifiers,
        rolling_modifiers=rolling,
        units=lower(data["units"]),
        plural_defaults=lower(data["plural_defaults"]),
        decades=lower(data["decades"]),
        parts=lower(data["parts"]),
        seasons=lower(data["seasons"]) | lower(data.get("school_holidays", {})),
        ordinals=lower(data["ordinals"]),
        halves=lower(data["halves"]),
        day_units=lower(data["day_units"]),
        playing_seasons=lower(data["playing_seasons"]),
        holidays=lower(data["holidays"]),
        sets=sets,
        abbreviations=_abbreviations(folder / DATA_FILES[1]),
        dateline=re.compile(data["dateline"]) if data.get("dateline") else None,
        participle=re.compile(r"^(?:(?:" + separable + r")?" + prefix + r"[a-z]{2,}(?:" + endings + r")|(?:"
                              + inseparable + r")[a-z]{2,}(?:" + endings + r"))$"),
        separable_participle=re.compile(r"^(?:" + particles + r")" + prefix + r"[a-z]{2,}(?:" + endings + r")$"),
        weak_past=re.compile(data["weak_past"]) if data.get("weak_past") else None,
        summary_conjunction=re.compile(r"^(?:" + _alternation(data["summary_conjunctions"]) + r")\s+", re.IGNORECASE)
        if data.get("summary_conjunctions") else None,
        record_words=re.compile(r"(?<!\w)" + _alternation(record) + r"(?!\w)", re.IGNORECASE),
    )
