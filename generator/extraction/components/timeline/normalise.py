"""Normalising recognised expressions to ISO values against the publication date or the last date."""
from __future__ import annotations

import datetime as dt
import math
import re
from dataclasses import dataclass
from typing import Callable

from .recognise import Candidate, Recogniser

_RIGHT_AFTER = re.compile(r"\s*,?\s*(?:\w{1,3}\s+)?")  # a year, then a bare date: "vorig jaar in december"
from .resources import Resources

PRECISION_RANK = {"century": 0, "decade": 1, "year": 2, "quarter": 3, "month": 4, "week": 5, "day": 6}
# A weekday whose clause shows no tense ("Donderdagavond, een volle zaal in Hengelo") lies ahead only when it
# falls within this many days: news writes a day five or six days off as "volgende week ...", while a
# bare one of yesterday or the day before is the scene of a report written the next morning.
UNTENSED_WEEKDAY_AHEAD = 4


@dataclass
class Value:
    value: str
    precision: str
    end_value: str | None = None
    certain: bool = True
    anchor: dt.date | None = None  # start of the period, for later anchored expressions
    updates_anchor: bool = True


def _past(strict: bool = False) -> str:
    """The tense of a "sinds" date: it began before publication."""
    return "past"


def _untensed(strict: bool = False) -> None:
    """No tense: a plan's date is not moved by the tense of the clause that reports it."""
    return None


@dataclass
class Anchor:
    date: dt.date
    precision: str
    end: int = -1  # where the expression that set it ends in the text
    explicit_year: bool = False  # it wrote its year out ("3 maart 2020"), so a later "1 juli" may borrow it


# -- calendar helpers -------------------------------------------------------------------------

def fmt(precision: str, d: dt.date) -> str:
    if precision == "day":
        return d.isoformat()
    if precision == "week":
        year, week, _ = d.isocalendar()
        return f"{year:04d}-W{week:02d}"
    if precision == "month":
        return f"{d.year:04d}-{d.month:02d}"
    if precision == "quarter":
        return f"{d.year:04d}-Q{(d.month - 1) // 3 + 1}"
    if precision == "decade":
        return f"{d.year - d.year % 10:04d}"
    if precision == "century":
        return f"{d.year - d.year % 100:04d}"
    return f"{d.year:04d}"


def add_months(d: dt.date, months: int) -> dt.date:
    index = d.year * 12 + d.month - 1 + months
    return dt.date(index // 12, index % 12 + 1, 1)


def shift(d: dt.date, unit: str, n: int) -> dt.date:
    if unit == "day":
        return d + dt.timedelta(days=n)
    if unit == "week":
        return d + dt.timedelta(weeks=n)
    if unit == "month":
        return add_months(d, n)
    if unit == "quarter":
        return add_months(d, 3 * n)
    if unit == "decade":
        return dt.date(d.year + 10 * n, 1, 1)
    if unit == "century":
        return dt.date(d.year + 100 * n, 1, 1)
    try:
        return d.replace(year=d.year + n)
    except ValueError:  # 29 February
        return d.replace(year=d.year + n, day=28)


def start_of(d: dt.date, precision: str) -> dt.date:
    if precision == "week":
        return d - dt.timedelta(days=d.weekday())
    if precision == "month":
        return d.replace(day=1)
    if precision == "quarter":
        return dt.date(d.year, (d.month - 1) // 3 * 3 + 1, 1)
    if precision == "year":
        return dt.date(d.year, 1, 1)
    if precision == "decade":
        return dt.date(d.year - d.year % 10, 1, 1)
    if precision == "century":
        return dt.date(d.year - d.year % 100, 1, 1)
    return d


def easter_sunday(year: int) -> dt.date:
    """Western Easter (the anonymous Gregorian computus): the day the moveable feasts count from."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    l_ = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * l_) // 451
    month, day = divmod(h + l_ - 7 * m + 114, 31)
    return dt.date(year, month, day + 1)


def safe_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


class NeedsAnchor(Exception):
    """The expression is relative to the publication date, which the article lacks."""


class OutOfRange(Exception):
    """The expression's date falls outside the years 1–9999 (``Date: 0001-01-01`` and "gisteren")."""


class Normaliser:
    def __init__(self, res: Resources, recogniser: Recogniser):
        self.res = res
        self.rec = recogniser
        self.data = res.data
        months = "|".join(sorted(map(re.escape, res.months), key=len, reverse=True))
        joiners = "|".join(sorted((re.escape(w).replace(r"\ ", r"\s+") for w in self.data["date_coordinators"]),
                                  key=len, reverse=True))
        mods = "|".join(sorted(map(re.escape, res.modifiers), key=len, reverse=True))
        years = "|".join(sorted(re.escape(w) for w, unit in self.data["units"].items() if unit == "year"))
        self._coordinated = re.compile(r"\s*(?:" + joiners + r")\s*(?:\d{1,2}\s+)?(?:" + months
                                       + r")\s+(?:((?:1[0-9]|20)[0-9]{2})|(" + mods + r")\s+(?:" + years
                                       + r"))\b", re.IGNORECASE)

    # pub: publication date; anchor: last mentioned date; tense: callable giving past/future/None
    def normalise(self, c: Candidate, text: str, pub: dt.date | None, anchor: Anchor | None,
                  tense: Callable[[], str | None]) -> Value | None:
        handler = getattr(self, "_" + c.kind)
        self._pub = pub
        try:
            return handler(c, text, pub, anchor, tense)
        except (OverflowError, ValueError) as err:  # date arithmetic past year 1 or 9999
            raise OutOfRange(str(err)) from None

    def _need_pub(self) -> dt.date:
        if self._pub is None:
            raise NeedsAnchor
        return self._pub

    def _direction(self, word: str | None) -> str | None:
        return self.res.modifiers.get(word) if word else None

    def _num(self, c: Candidate, key: str = "num", default: float = 1) -> float:
        if key not in c.groups:
            return default
        return self.rec.parse_number(c.groups[key]) or default

    def _vague(self, c: Candidate, text: str) -> bool:
        span = text[c.start:c.end].lower()
        return any(v in span for v in self.res.vague) or any(
            span.startswith(a + " ") or (" " + a + " ") in span for a in self.res.sets["approximators"])

    def _is_since(self, c: Candidate) -> bool:
        """"sinds 2017": a period up to the publication date ("vanaf" only marks a start)."""
        return c.groups.get("since") in self.res.sets["since_words"]

    def _since(self, c: Candidate, value: Value) -> Value:
        """End a "sinds" period at publication: in its year ("sinds 2017", "sinds oktober 1982"), or in its
        month when the month stands without a year ("sinds januari": a few months, not the whole year), or
        on the day when a day stands without a year ("sinds 24 februari": weeks, not the whole year)."""
        if self._is_since(c) and self._pub is not None and value.end_value is None \
                and value.anchor is not None and value.anchor <= self._pub:
            no_year = "year" not in c.groups and "yearmod" not in c.groups
            unit = value.precision if no_year and value.precision in ("month", "day") else "year"
            value.end_value = fmt(unit, self._pub)
        return value

    def _year_of(self, c: Candidate) -> int | None:
        if "year" in c.groups:
            raw = c.groups["year"]
            if raw.startswith("'"):
                yy = int(raw[1:])
                pub = self._pub or dt.date.today()
                return 2000 + yy if yy <= pub.year % 100 + 10 else 1900 + yy
            return int(raw)
        if "yearmod" in c.groups:
            pub = self._need_pub()
            return pub.year + {"last": -1, "next": 1, "this": 0}[self._direction(c.groups["yearmod"])]
        return None

    def _infer_year(self, month: int, day: int | None, tense, forward: bool = False) -> int:
        """Year of a month (and day) written without one: the publication year, moved by tense."""
        pub = self._need_pub()
        cand = safe_date(pub.year, month, day or 1) or dt.date(pub.year, month, 1)
        reference = pub if day else pub.replace(day=1)
        gap = (cand - reference).days
        t = tense()
        if t == "past" and gap > 62:
            return pub.year - 1
        # a day weeks after publication told in the past tense of its own clause lies a year back,
        # unless it opens or closes a period ("vanaf/per/tot 10 december": what is to come)
        if t == "past" and day and not forward and gap > 14 and tense(strict=True) == "past":
            return pub.year - 1
        if t == "future" and gap < -62:
            return pub.year + 1
        if forward and t != "past" and gap < -62:
            return pub.year + 1  # "sluit per 1 januari", "vanaf maart" in a present clause: the next one
        return pub.year

    # -- handlers, one per pattern kind -----------------------------------------------------------
    def _date(self, c, text, pub, anchor, tense):
        g = c.groups
        month = None
        if "monthnum" in g:
            month = int(g["monthnum"])
        elif "month" in g:
            word = g["month"].rstrip(".")
            month = self.res.months.get(word) or self.res.month_abbreviations.get(word)
        if not month:
            return None
        day = int(g["day"]) if "day" in g else None
        year = self._year_of(c)
        certain = True
        direction = self._direction(g.get("mod") or g.get("modafter"))
        if year is None and direction:
            pub = self._need_pub()
            if day and direction in ("last", "next"):  # "3 maart jl.", "12 mei e.k.": on or before/after today
                before = (month, day) <= (pub.month, pub.day)
                after = (month, day) >= (pub.month, pub.day)
                year = pub.year + (0 if (before if direction == "last" else after) else
                                   (-1 if direction == "last" else 1))
            elif direction == "last":
                year = pub.year if month < pub.month else pub.year - 1
            elif direction == "next":
                year = pub.year if month > pub.month else pub.year + 1
            else:
                year = pub.year
        if year is None:
            year = self._coordinated_year(text, c.end)
        if year is None and not self._is_since(c):
            year = self._sentence_year(text, c.start, anchor)
        if year is None:
            forward = bool({g.get("since"), g.get("trim")} & self.res.sets["forward_openers"])
            if self._is_since(c):
                tense = _past
            elif forward and self._infinitive_after(text, c.end):
                tense = _untensed  # "besliste om vanaf 1 juli te ...": what is planned
            year = self._infer_year(month, day, tense, forward=forward)
        if day:
            d = safe_date(year, month, day)
            if d is None:
                return None
            return self._since(c, Value(d.isoformat(), "day", certain=certain, anchor=d))
        d = dt.date(year, month, 1)
        return self._since(c, Value(fmt("month", d), "month", certain=certain and "part" not in g, anchor=d))

    def _infinitive_after(self, text: str, end: int) -> bool:
        """An infinitive with "te" follows in the sentence ("... vanaf 1 juli af te bouwen"): the clause
        around the date is a plan or purpose, not what the main verb reports as done."""
        stop = min([i for i in (text.find(p, end) for p in ".!?\n") if i >= 0] or [len(text)])
        words = re.findall(r"\w+", text[end:stop].lower())
        endings = tuple(self.res.sets.get("tense.infinitive_endings", ()))
        return any(w in self.res.sets.get("tense.infinitive_markers", ()) and nxt.endswith(endings)
                   for w, nxt in zip(words, words[1:]))

    def _sentence_year(self, text: str, start: int, anchor: Anchor | None) -> int | None:
        """'op 3 maart 2020 aangenomen en op 1 juli in werking': a bare date after a date with a written
        year in the same sentence takes that year; 'trad vorig jaar in december af': a bare date right
        after a year (one short word between) lies in it."""
        if anchor is None or not 0 <= anchor.end <= start:
            return None
        if anchor.precision == "year" and _RIGHT_AFTER.fullmatch(text[anchor.end:start]):
            return anchor.date.year
        if not anchor.explicit_year or anchor.precision not in ("day", "month"):
            return None
        if start - anchor.end > 150 or re.search(r"[.!?;]\s|\n", text[anchor.end:start]):
            return None
        return anchor.date.year

    def _coordinated_year(self, text: str, end: int) -> int | None:
        """'tussen september en oktober 2007', 'tussen januari en maart volgend jaar': a month
        coordinated with a dated one takes its year."""
        match = self._coordinated.match(text[end:end + 40])
        if not match:
            return None
        if match.group(1):
            return int(match.group(1))
        # "tussen januari en maart volgend jaar": the year the modifier names
        step = {"last": -1, "next": 1, "this": 0}.get(self.res.modifiers.get(match.group(2).lower()))
        return None if step is None else self._need_pub().year + step

    def _season(self, c, text, pub, anchor, tense):
        g = c.groups
        first, last = self.res.seasons[g["season"]]
        year = self._year_of(c)
        direction = self._direction(g.get("mod") or g.get("mod2"))
        if year is None:
            pub = self._need_pub()
            year = pub.year
            start = dt.date(year, first, 1)
            end_month = dt.date(year + (1 if last < first else 0), last, 1)
            if direction == "last" and add_months(end_month, 1) > pub:
                year -= 1
            elif direction == "next" and start <= pub:
                year += 1
            elif self._is_since(c) and start > pub:
                year -= 1  # "sinds de zomer", written in April: last summer
            elif "bounded" in g:
                t = tense()  # "na de zomer" in a past clause: the last one begun; else the next one not over
                if t is None and g["bounded"] in self.res.sets["season_tensed_before"]:
                    return None  # "In de zomer is het druk": any summer
                if t == "past" and start > pub:
                    year -= 1
                elif t != "past" and add_months(end_month, 1) <= pub:
                    year += 1
        start = dt.date(year, first, 1)
        end = dt.date(year + (1 if last < first else 0), last, 1)
        value = Value(fmt("month", start), "month", fmt("month", end) if end != start else None, certain=False,
                      anchor=start)  # "de paasvakantie": one month
        if self._is_since(c) and pub and start <= pub:
            value.end_value = fmt("month", pub)  # a period in months up to the publication month
        return value

    def _holiday_days(self, word: str, year: int) -> tuple[dt.date, dt.date]:
        spec = self.res.holidays[word]
        if spec[0]:
            first = dt.date(year, spec[0], spec[1])
            if len(spec) < 4:
                return first, first
            return first, dt.date(year + ((spec[2], spec[3]) < (spec[0], spec[1])), spec[2], spec[3])
        easter = easter_sunday(year)
        return easter + dt.timedelta(days=spec[1]), easter + dt.timedelta(days=spec[2])

    def _holiday(self, c, text, pub, anchor, tense):
        """"Pasen 2019", "afgelopen Kerstmis", "in de Stille Week": a named day (or week) of a year."""
        g = c.groups
        word = re.sub(r"\s+", " ", g["holiday"])
        year = self._year_of(c)
        if year is None:
            pub = self._need_pub()
            direction = self._direction(g.get("mod"))
            t = None if direction else tense()
            if direction is None and t is None:
                return None  # "Met Pasen eten we eieren": any Easter
            year = pub.year
            first, last = self._holiday_days(word, year)
            if (direction == "last" or t == "past") and first > pub:
                year -= 1
            elif (direction == "next" or t == "future") and last < pub:
                year += 1
        first, last = self._holiday_days(word, year)
        return Value(first.isoformat(), "day", last.isoformat() if last != first else None, anchor=first)

    def _playing_season(self, c, text, pub, anchor, tense):
        """"vorig seizoen" in March 2019 is 2017/18: a year that begins in the month the data gives."""
        pub = self._need_pub()
        first_month = self.res.playing_seasons[c.groups["unit"]]
        current = pub.year if pub.month >= first_month else pub.year - 1
        year = current + {"last": -1, "next": 1, "this": 0}[self._direction(c.groups["mod"])]
        start = dt.date(year, first_month, 1)
        return self._since(c, Value(fmt("year", start), "year", fmt("year", dt.date(year + 1, 1, 1)),
                                    anchor=start))

    def _year(self, c, text, pub, anchor, tense):
        year = int(c.groups["year"])
        d = dt.date(year, 1, 1)
        value = Value(fmt("year", d), "year", anchor=d)
        if "year2" in c.groups:
            value.end_value = c.groups["year2"]
        return self._since(c, value)

    def _part_range(self, part: str | None, first: int, span: int) -> tuple[int, int]:
        kind = self.res.parts.get(part or "", None)
        third = max(1, span // 3)
        if kind == "begin":
            return first, first + third - 1
        if kind == "end":
            return first + span - third, first + span - 1
        if kind == "mid":
            return first + third, first + span - third - 1
        return first, first + span - 1

    def _decade(self, c, text, pub, anchor, tense):
        g = c.groups
        word = g.get("decade") or g.get("decade2")
        if word in self.res.decades:
            first = self.res.decades[word] * 10
        else:
            digits = word.strip("'")
            if len(digits) == 4:
                first = int(digits)
            else:
                first = int(digits) + (1900 if int(digits) >= 30 else 2000)
        if "part" in g:
            lo, hi = self._part_range(g["part"], first, 10)
            value = Value(f"{lo:04d}", "year", f"{hi:04d}", certain=False, anchor=dt.date(lo, 1, 1))
        else:
            value = Value(f"{first:04d}", "decade", f"{first + 9:04d}", anchor=dt.date(first, 1, 1))
        if self._is_since(c) and pub and value.anchor <= pub:
            value.end_value = fmt("year", pub)
            value.precision = "year" if value.precision == "decade" else value.precision
        return value

    def _century(self, c, text, pub, anchor, tense):
        n = self.res.ordinals.get(c.groups["ord"])
        if not n:
            return None
        first = (n - 1) * 100
        if first < 1000:
            return None
        value = Value(f"{first:04d}", "century", f"{first + 99:04d}", anchor=dt.date(first, 1, 1))
        return self._since(c, value)

    def _quarter(self, c, text, pub, anchor, tense):
        g = c.groups
        year = self._year_of(c)
        if "qnum" in g:
            q = int(g["qnum"])
        elif "ord" in g:
            q = self.res.ordinals[g["ord"]]
        else:
            pub = self._need_pub()
            current = dt.date(pub.year, (pub.month - 1) // 3 * 3 + 1, 1)
            d = add_months(current, 3 * {"last": -1, "next": 1, "this": 0}[self._direction(g["mod"])])
            return Value(fmt("quarter", d), "quarter", anchor=d)
        if year is None:
            # a fiscal quarter without a year: the publication year, moved by tense ("in het derde
            # kwartaal steeg de winst" in April is last year's; "het eerste kwartaal wordt zwak" in
            # November is next year's)
            pub = self._need_pub()
            year = pub.year
            t = tense()
            if t == "past" and dt.date(year, 3 * q - 2, 1) > pub:
                year -= 1
            elif t == "future" and add_months(dt.date(year, 3 * q - 2, 1), 3) <= pub:
                year += 1
        d = dt.date(year, 3 * q - 2, 1)
        return Value(fmt("quarter", d), "quarter", anchor=d)

    def _first_months(self, c, text, pub, anchor, tense):
        """"de eerste negen maanden van 2008": January to September; "de eerste drie kwartalen": Q1 to Q3."""
        g = c.groups
        year = self._year_of(c) or self._need_pub().year
        n = int(self._num(c))
        unit = self.res.units[g["unit"]]
        if unit == "quarter" and 1 <= n <= 4:
            return Value(f"{year:04d}-Q1", "quarter", f"{year:04d}-Q{n}", anchor=dt.date(year, 1, 1))
        if unit == "month" and 1 <= n <= 12:
            start = dt.date(year, 1, 1)
            return Value(fmt("month", start), "month", fmt("month", dt.date(year, n, 1)), anchor=start)
        return None

    def _half(self, c, text, pub, anchor, tense):
        g = c.groups
        year = self._year_of(c) or self._need_pub().year
        first, last = self.res.halves[g["half"]]
        start = dt.date(year, first, 1)
        return Value(fmt("month", start), "month", fmt("month", dt.date(year, last, 1)), anchor=start)

    def _relday(self, c, text, pub, anchor, tense):
        pub = self._need_pub()
        d = pub + dt.timedelta(days=self.res.relative_days[c.groups["relday"]])
        return Value(d.isoformat(), "day", anchor=d)

    def _weekday(self, c, text, pub, anchor, tense):
        g = c.groups
        pub = self._need_pub()
        target = self.res.weekdays[g["weekday"]]
        mod = g.get("mod") or g.get("modafter")
        direction = self._direction(mod)
        certain = True
        if direction and ("modweek" in g or mod in self.res.sets["week_modifiers"] or direction == "this"):
            weeks = {"last": -1, "next": 1, "this": 0}[direction]
            monday = pub - dt.timedelta(days=pub.weekday()) + dt.timedelta(weeks=weeks)
            d = monday + dt.timedelta(days=target)
        elif direction == "last":
            d = pub - dt.timedelta(days=(pub.weekday() - target) % 7 or 7)
        elif direction == "next":
            d = pub + dt.timedelta(days=(target - pub.weekday()) % 7 or 7)
        else:
            t = "past" if self._is_since(c) else self._participle_tense(g.get("participle")) or tense()
            certain = t is not None
            if t == "past" or t is None and (target - pub.weekday()) % 7 > UNTENSED_WEEKDAY_AHEAD:
                d = pub - dt.timedelta(days=(pub.weekday() - target) % 7)
            else:
                d = pub + dt.timedelta(days=(target - pub.weekday()) % 7)
        value = Value(d.isoformat(), "day", certain=certain, anchor=d)
        if self._is_since(c) and d < pub:
            value.end_value = pub.isoformat()
        return value

    def _participle_tense(self, participle: str | None) -> str | None:
        """"de zondag gesloten overeenkomst": done, so past; "het dinsdag geplande debat": to come."""
        if not participle:
            return None
        return "future" if participle in self.res.sets["tense.future_markers"] else "past"

    def _weekend(self, c, text, pub, anchor, tense):
        g = c.groups
        pub = self._need_pub()
        direction = self._direction(g.get("mod") or g.get("mod2"))
        saturday = pub - dt.timedelta(days=pub.weekday()) + dt.timedelta(days=5)
        if direction == "last":
            if saturday >= pub:
                saturday -= dt.timedelta(weeks=1)
        elif direction == "next":
            if saturday <= pub:
                saturday += dt.timedelta(weeks=1)
        return Value(saturday.isoformat(), "day", (saturday + dt.timedelta(days=1)).isoformat(), anchor=saturday)

    def _calunit(self, c, text, pub, anchor, tense):
        g = c.groups
        pub = self._need_pub()
        unit = self.data["calendar_units"][g["unit"]]
        offset = {"last": -1, "next": 1, "this": 0}[self._direction(g["mod"])] if "mod" in g else 0
        d = start_of(shift(pub, unit, offset), unit)
        return self._since(c, Value(fmt(unit, d), unit, anchor=d))

    def _rolling(self, c, text, pub, anchor, tense):
        g = c.groups
        pub = self._need_pub()
        unit_word = g["unit"]
        unit = self.res.units[unit_word]
        vague = "num" not in g and unit_word in self.res.plural_defaults
        n = self._num(c, default=self.res.plural_defaults.get(unit_word, 1))
        direction = self.res.rolling_modifiers.get(g["mod"]) or self._direction(g["mod"])
        sign = -1 if direction == "last" else 1
        certain = not vague and not self._vague(c, text)
        if n == 1 and unit in ("week", "month") and "num" not in g:
            centre = pub + dt.timedelta(days=sign * (3 if unit == "week" else 15))
            return Value(fmt(unit, centre), unit, certain=False, anchor=start_of(centre, unit), updates_anchor=False)
        precision = {"decade": "year", "century": "year", "quarter": "quarter"}.get(unit, unit)
        if n != int(n) and unit == "year":
            unit, n = "month", n * 12  # "de afgelopen 2,5 jaar": 30 months back, told in years
        n = int(math.ceil(n))
        other = shift(pub, unit, sign * n)
        first, last = (other, pub) if sign < 0 else (pub, other)
        return Value(fmt(precision, first), precision, fmt(precision, last), certain=certain,
                     anchor=start_of(first, precision), updates_anchor=False)

    def _ago(self, c, text, pub, anchor, tense):
        g = c.groups
        pub = self._need_pub()
        unit = self.res.units[g["unit"]]
        n = self._num(c)
        precision = {"decade": "year", "century": "year"}.get(unit, unit)
        if n != int(n):
            # "anderhalf jaar geleden" → a month, "anderhalve maand geleden" → still a month
            precision = {"year": "month"}.get(unit, precision)
            unit, n = {"year": ("month", n * 12), "month": ("day", n * 30)}.get(unit, (unit, round(n)))
        d = shift(pub, unit, -int(n))
        value = Value(fmt(precision, d), precision, certain=not self._vague(c, text), anchor=start_of(d, precision))
        return self._since(c, value)

    def _already(self, c, text, pub, anchor, tense):
        g = c.groups
        pub = self._need_pub()
        unit = self.res.units[g["unit"]]
        n = self._num(c)
        if unit in ("decade", "century"):
            unit, n = "year", n * (10 if unit == "decade" else 100)
        elif n != int(n):
            unit, n = ("month", n * 12) if unit == "year" else (unit, n)
        n = max(1, int(round(n)))
        precision = "month" if unit == "month" else "year"
        d = shift(pub, unit, -n)
        return Value(fmt(precision, d), precision, fmt(precision, pub), certain=not self._vague(c, text),
                     anchor=start_of(d, precision), updates_anchor=False)

    _in_record = _already

    def _from_now(self, c, text, pub, anchor, tense):
        g = c.groups
        pub = self._need_pub()
        unit = self.res.units[g["unit"]]
        n = self._num(c)
        if n != int(n) and unit in ("week", "month", "year"):
            # "over anderhalve week": ten days ahead, not a week rounded up; "over anderhalf jaar": months
            unit, n = {"week": ("day", n * 7), "month": ("day", n * 30), "year": ("month", n * 12)}[unit]
        n = int(n)
        precision = {"decade": "year"}.get(unit, unit)
        if g["dir"] in self.res.sets["from_now_within"]:
            d = shift(pub, unit, n)
            return Value(fmt(precision, pub), precision, fmt(precision, d), certain=False,
                         anchor=start_of(pub, precision), updates_anchor=False)
        d = shift(pub, unit, n)
        value = Value(fmt(precision, d), precision, certain=not self._vague(c, text), anchor=start_of(d, precision))
        if "num2" in g:
            n2 = int(round(self._num(c, "num2")))
            value.end_value = fmt(precision, shift(pub, unit, n2))
            value.certain = False
        return value

    def _anchored(self, c, text, pub, anchor, tense):
        g = c.groups
        if anchor is None:
            if pub is None:
                raise NeedsAnchor
            anchor = Anchor(pub, "day")
        word = g["unit"]
        unit = self.res.day_units.get(word) or self.data["calendar_units"].get(word) or self.res.units.get(word, word)
        backwards = g["dir"] in self.res.sets["anchored_backwards"]
        sign = -1 if backwards else 1
        n = int(round(self._num(c)))
        if unit not in PRECISION_RANK:  # the weekend ("het weekend daarna"), the one unit that is no precision
            if anchor.precision != "day":
                return None
            base = anchor.date
            saturday = base - dt.timedelta(days=base.weekday()) + dt.timedelta(days=5)
            if backwards:
                if saturday >= base:
                    saturday -= dt.timedelta(weeks=1)
            elif saturday <= base:
                saturday += dt.timedelta(weeks=1)
            return Value(saturday.isoformat(), "day", (saturday + dt.timedelta(days=1)).isoformat(), anchor=saturday)
        if PRECISION_RANK.get(anchor.precision, 0) < PRECISION_RANK.get(unit, 6):
            return None  # "een dag later" after a year: no day to count from
        d = start_of(shift(anchor.date, unit, sign * n), unit)
        precision = {"decade": "year", "century": "year"}.get(unit, unit)
        return Value(fmt(precision, d), precision, anchor=d)

    def _same(self, c, text, pub, anchor, tense):
        word = c.groups["unit"]
        unit = self.res.day_units.get(word) or self.res.units.get(word)
        if c.groups["same"] in self.res.sets["same_this_words"] or anchor is None:
            anchor = Anchor(self._need_pub(), "day")  # "deze dag": the day of writing
        if PRECISION_RANK.get(anchor.precision, 0) < PRECISION_RANK.get(unit, 6):
            return None
        d = start_of(anchor.date, unit)
        return Value(fmt(unit, d), unit, anchor=d)

    def _same_period(self, c, text, pub, anchor, tense):
        if anchor is None:
            return None
        years = 1
        if "num" in c.groups:
            years = int(round(self._num(c)))
        d = shift(anchor.date, "year", -years)
        precision = anchor.precision if anchor.precision in PRECISION_RANK else "year"
        return Value(fmt(precision, d), precision, anchor=d, updates_anchor=False)
