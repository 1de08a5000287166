"""One article, one "21 juni": a day and month written again without a year is the day it first named.

Each mention of a bare date is given a year on its own from the tense around it, and a later mention
can read otherwise ("Voor 14 augustus werden vorige maand alle plaatsen verkocht": a past tense about a day
still to come). The first mention, which introduces the day, decides for the repeats, when both were placed
around the publication year by tense alone; a mention that borrowed a year written nearby ("op 3 maart
2020 aangenomen en op 1 juli in werking") tells of another year and is left alone.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import replace

from ...model import TimeExpression
from .recognise import Candidate

_YEAR_GROUPS = frozenset({"year", "yearmod", "mod", "modafter", "monthnum"})


def _bare_day(cand: Candidate) -> tuple[str, str] | None:
    """(day, month word) of a day and month written without any year, else None."""
    g = cand.groups
    if cand.kind != "date" or "day" not in g or "month" not in g or _YEAR_GROUPS & g.keys():
        return None
    return str(int(g["day"])), g["month"].rstrip(".")


def repeated_days_agree(candidates: list[Candidate], timexes: list[TimeExpression],
                        pub: dt.date | None) -> list[TimeExpression]:
    """``timexes`` (one per candidate) with every repeated bare date given its first mention's value."""
    first: dict[tuple[str, str], TimeExpression] = {}
    out = []
    for cand, timex in zip(candidates, timexes):
        key = _bare_day(cand)
        if key is None or pub is None or timex.value is None or timex.precision != "day" or timex.end_value \
                or abs(int(timex.value[:4]) - pub.year) > 1:
            out.append(timex)
            continue
        earlier = first.setdefault(key, timex)
        out.append(timex if earlier is timex or earlier.value == timex.value
                   else replace(timex, value=earlier.value, certain=timex.certain and earlier.certain))
    return out
