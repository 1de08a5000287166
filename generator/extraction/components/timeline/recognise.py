"""Finding temporal expressions: run the data-driven patterns, filter them by context, resolve overlaps."""
from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, field

from .resources import Resources

_WORD = re.compile(r"[\w'’.$€£¥%/]+")
_SENTENCE_END = re.compile(r"""(?:[.!?:;\n"“”„`'‘’«»(\[]|,,)\s*$""")  # ",,": a Dutch paper's opening mark


@dataclass
class Candidate:
    start: int
    end: int
    kind: str
    name: str
    priority: int
    groups: dict[str, str] = field(default_factory=dict)
    group_spans: dict[str, tuple[int, int]] = field(default_factory=dict)

    @property
    def length(self) -> int:
        return self.end - self.start


def previous_words(text: str, pos: int, n: int = 2) -> list[str]:
    """The n words before ``pos`` (nearest last), as written."""
    window = text[max(0, pos - 60):pos]
    return _WORD.findall(window)[-n:]


def next_words(text: str, pos: int, n: int = 1) -> list[str]:
    return _WORD.findall(text[pos:pos + 60])[:n]


def sentence_initial(text: str, pos: int) -> bool:
    before = text[max(0, pos - 4):pos]
    return pos == 0 or not before.strip() and (pos < 4 or "\n" in before) or bool(_SENTENCE_END.search(before))


try:  # the regex parser of the standard library, to read which words a pattern cannot match without
    from re import _constants as _sre, _parser as _sre_parse
except ImportError:  # pragma: no cover - Python < 3.11
    import sre_constants as _sre
    import sre_parse as _sre_parse

_REPEATS = tuple(getattr(_sre, name) for name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT") if hasattr(_sre, name))


def _required_in_sequence(items) -> frozenset[str] | None:
    """Strings of which every match of the sequence ``items`` contains one (None: not known)."""
    options: list[frozenset[str]] = []
    run: list[str] = []
    for op, av in list(items) + [(None, None)]:
        if op is _sre.LITERAL:
            run.append(chr(av))
            continue
        if run:
            options.append(frozenset({"".join(run)}))
            run = []
        if op is None:
            break
        found = _required_in_item(op, av)
        if found:
            options.append(found)
    if not options:
        return None
    return max(options, key=lambda strings: (min(map(len, strings)), -len(strings)))


def _required_in_item(op, av) -> frozenset[str] | None:
    if op is _sre.SUBPATTERN:
        _group, add_flags, del_flags, sub = av
        return None if add_flags or del_flags else _required_in_sequence(sub.data)
    if op is _sre.BRANCH:
        union: set[str] = set()
        for alternative in av[1]:
            found = _required_in_sequence(alternative.data)
            if not found:
                return None
            union |= found
        return frozenset(union)
    if op in _REPEATS and av[0] >= 1:
        return _required_in_sequence(av[2].data)
    if op is _sre.IN and av and len(av) <= 10 and all(o is _sre.LITERAL for o, _ in av):
        return frozenset(chr(c) for _, c in av)
    return None


def required_strings(regex: re.Pattern) -> frozenset[str] | None:
    """Strings of which every match of ``regex`` contains one, or None when none can be told.

    A text holding none of them cannot match, so the pattern need not run over it.
    """
    if regex.flags & ~re.UNICODE:
        return None
    try:
        parsed = _sre_parse.parse(regex.pattern, regex.flags)
    except Exception:  # pragma: no cover - a pattern the parser of this Python reads differently
        return None
    found = _required_in_sequence(parsed.data)
    return found if found and all(found) else None


def _clean(word: str) -> str:
    return word.lower().strip(".,'’")


class DisjointSpans:
    """Non-overlapping ``[start, end)`` spans kept sorted, so "does this overlap one?" is a bisection
    (a scan of every span taken so far made an article full of dates quadratic)."""

    def __init__(self):
        self.starts: list[int] = []
        self.ends: list[int] = []

    def overlaps(self, start: int, end: int) -> bool:
        index = bisect_left(self.starts, end) - 1  # the last span starting before ``end``
        return index >= 0 and self.ends[index] > start

    def add(self, start: int, end: int) -> None:
        index = bisect_left(self.starts, start)
        self.starts.insert(index, start)
        self.ends.insert(index, end)


def _merged(spans) -> list[tuple[int, int]]:
    """Overlapping spans joined, in order."""
    merged: list[list[int]] = []
    for start, end in sorted(spans):
        if merged and start < merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    return [(start, end) for start, end in merged]


class Recogniser:
    def __init__(self, res: Resources):
        self.res = res
        self.sets = res.sets
        self._required = [required_strings(pattern.regex) for pattern in res.patterns]

    def find(self, text: str, excluded: list[tuple[int, int]] = ()) -> list[Candidate]:
        candidates: list[Candidate] = []
        excluded_spans = DisjointSpans()
        for start, end in _merged(excluded):
            excluded_spans.add(start, end)
        lowered = text.lower()
        if len(lowered) != len(text):  # a rare character whose lower case is longer: keep offsets exact
            lowered = "".join(ch if len(ch.lower()) != 1 else ch.lower() for ch in text)
        for pattern, required in zip(self.res.patterns, self._required):
            if required is not None and not any(word in lowered for word in required):
                continue  # the text holds no word this pattern needs: it cannot match
            for match in pattern.regex.finditer(lowered):
                cand = self._candidate(pattern, match)
                if excluded_spans.overlaps(cand.start, cand.end):
                    continue
                cand = self._validate(text, cand)
                if cand is not None:
                    candidates.append(cand)
        candidates.sort(key=lambda c: (-c.length, c.priority, c.start))
        chosen: list[Candidate] = []
        taken = DisjointSpans()
        for cand in candidates:
            if taken.overlaps(cand.start, cand.end):
                continue
            chosen.append(cand)
            taken.add(cand.start, cand.end)
        chosen.sort(key=lambda c: c.start)
        return chosen

    @staticmethod
    def _candidate(pattern, match: re.Match) -> Candidate:
        groups = {k: v for k, v in match.groupdict().items() if v is not None}
        spans = {k: match.span(k) for k in groups}
        start, end = match.span()
        if "trim" in spans and spans["trim"][0] == start:
            start = spans["trim"][1]
            while start < end and match.string[start].isspace():
                start += 1
        return Candidate(start, end, pattern.kind, pattern.name, pattern.priority, groups, spans)

    # -- context filters ---------------------------------------------------------------------
    def _validate(self, text: str, c: Candidate) -> Candidate | None:
        g = c.groups
        res = self.res
        prev = [_clean(w) for w in previous_words(text, c.start, 2)]
        prev1 = prev[-1] if prev else ""
        nxt = [_clean(w) for w in next_words(text, c.end, 1)]
        next1 = nxt[0] if nxt else ""
        if prev1 in self.sets["frequency_before"] and (
                c.kind == "weekday" or (c.kind == "date" and not {"day", "year"} & g.keys())):
            return None  # "elke vrijdag", "iedere januari": frequencies
        if next1 in self.sets["duration_after"] and c.kind in ("rolling", "ago", "from_now", "in_record"):
            return None
        if c.kind == "year":
            return self._validate_year(text, c, prev, next1)
        if c.kind == "date":
            return self._validate_date(text, c, prev1)
        if c.kind == "relday":
            blocked = res.data.get("relative_day_blocked_before", {}).get(g["relday"], [])
            if prev1 in blocked:
                return None
            raw = text[c.group_spans["relday"][0]:c.group_spans["relday"][1]]
            if g["relday"] in self.sets["relative_days_lowercase_only"] and raw[0].isupper() \
                    and not sentence_initial(text, c.start):
                return None
        if c.kind == "weekday":
            if prev1 in self.sets["weekday_blocked_before"] and not {"mod", "since", "trim"} & g.keys():
                if not self._attributive_participle(next1):
                    return None  # "de vrijdag", "zwarte maandag": a noun use or the name of a day
                c.groups["participle"] = next1.removesuffix("e")  # its tense decides the weekday's direction
        if c.kind == "rolling" and "num" not in g and g["unit"] in self.sets["vague_rolling_units"]:
            return None  # "de afgelopen dagen": as vague as "onlangs"
        if c.kind == "from_now" and g["dir"] in self.sets["from_now_within"] \
                and g["unit"] not in self.sets["from_now_binnen_units"]:
            return None  # "binnen 60 dagen": a deadline counted from some event, not from today
        if c.kind == "season" and not ({"year", "yearmod", "mod", "mod2"} & g.keys()) \
                and g.get("since") not in self.sets["since_words"]:
            if prev1 not in self.sets["season_anchoring_before"] | self.sets["season_tensed_before"] \
                    and g["season"] not in res.data.get("school_holidays", ()):
                return None  # "de zomer is warm" (any summer), but "sinds de zomer": the last one, up to today
            # "vóór de zomer", "na de zomer", "tijdens de paasvakantie": the nearest one, by tense
            c.groups["bounded"] = prev1
        if c.kind == "quarter" and "ord" in g and not 1 <= res.ordinals.get(g["ord"], 0) <= 4:
            return None
        if c.kind == "rolling" and g.get("mod") in self.sets["rolling_singular_last"] and "num" not in g \
                and not g["unit"].endswith(tuple(self.sets["plural_unit_endings"])):
            return None
        if c.kind == "same" and g["same"] in self.sets["same_this_words"] and g["unit"] in res.data["calendar_units"]:
            return None
        if c.kind == "in_record":
            sentence_start = max(text.rfind(".", 0, c.start), text.rfind("\n", 0, c.start), 0)
            sentence_end = min([i for i in (text.find(".", c.end), text.find("\n", c.end)) if i >= 0] or [len(text)])
            window = text[max(sentence_start, c.start - 50):min(sentence_end, c.end + 30)]
            if not res.record_words.search(window):
                return None
        for key in ("num", "num2"):
            if key in g and self.parse_number(g[key]) is None:
                return None
        return c

    def _attributive_participle(self, word: str) -> bool:
        """"het dinsdag ingestelde verbod", "de vrijdag gehouden stemming": the weekday dates the participle
        after it, it is no noun of the article before it."""
        participle = self.res.participle
        return bool(participle and word and (participle.match(word)
                                             or word.endswith("e") and participle.match(word[:-1])))

    def _validate_year(self, text, c, prev, next1) -> Candidate | None:
        g = c.groups
        year = int(g["year"])
        ys, ye = c.group_spans["year"]
        before = text[max(0, ys - 2):ys]
        after = text[ye:ye + 2]
        if re.search(r"[$€£¥]\s?$|[\d.,]$", before) or re.match(r"[.,]\d|\s?%|-[^\d\s]", after):
            return None
        if next1 in self.sets["unit_words_after"] and "year2" not in g:
            return None
        if "year2" in g:
            y2 = int(g["year2"])
            if y2 < 100:
                y2 += year - year % 100
            if not year < y2 <= year + 30:
                return None
            c.groups["year2"] = str(y2)
        introduced = bool({"since", "trim", "part"} & g.keys())
        prev_words = previous_words(text, c.start, 1)
        prev1 = _clean(prev[-1]) if prev else ""
        if not introduced:
            if prev1 in self.sets["count_words_before"] or prev1 in self.sets["currency_before"]:
                return None
            raw_prev = prev_words[-1] if prev_words else ""
            if raw_prev[:1].isupper() and prev1 not in self.sets["year_prepositions"] \
                    and prev1 not in self.res.months and not sentence_initial(text, c.start):
                return None  # "Russell 2000", "Brussel 2000": part of a name
            if year < 1900 and prev1 not in self.sets["year_prepositions"]:
                return None
        return c

    def _validate_date(self, text, c, prev1) -> Candidate | None:
        g = c.groups
        month_word = g.get("month", "")
        if month_word:
            ms, me = c.group_spans["month"]
            raw = text[ms:me]
            bare = month_word.rstrip(".")
            if bare not in self.res.months:  # an abbreviation: only with a day and in lower case or with a dot
                if "day" not in g or (raw[0].isupper() and not raw.endswith(".") and "year" not in g):
                    return None
            elif not ({"day", "year", "yearmod", "mod", "part"} & g.keys()):
                if raw[0].isupper() and not sentence_initial(text, ms):
                    return None  # "April", "Augustus" as names
        if "day" in g and "year" not in g and "month" not in g:
            return None
        return c

    # -- numbers ----------------------------------------------------------------------------
    def parse_number(self, word: str) -> float | None:
        word = re.sub(r"\s+", " ", word.strip().lower())
        for approx in sorted(self.sets["approximators"], key=len, reverse=True):
            if word.startswith(approx + " "):
                word = word[len(approx) + 1:]
        if re.fullmatch(r"\d+(,5)?", word):
            return float(word.replace(",", "."))
        if word in self.res.vague:
            return float(self.res.vague[word])
        if word in self.res.numbers:
            return float(self.res.numbers[word])
        match = re.fullmatch(r"([a-zé]+?)[eë]n([a-z]+)", word)
        if match and match.group(1) in self.res.numbers and match.group(2) in self.res.numbers:
            return float(self.res.numbers[match.group(1)] + self.res.numbers[match.group(2)])
        return None
