"""The day a quote was spoken, when its attribution says so.

",,Ik stem vandaag tegen'', zei de fractieleider gisteravond" in a paper of the next morning: the
speaker's "vandaag" is the evening before publication, not the publication date. Relative dates inside
a quote are resolved against the day the attribution names; a quote without a cue that continues the
same speaker (the next paragraph of the interview) keeps that day.
"""
from __future__ import annotations

import bisect
import datetime as dt
from typing import Callable

from ...model import TimeExpression


# how far (characters) from its cue the day of an attribution may stand: past the speaker's name and role
# ("zei de minister van Buitenlandse Zaken dinsdag"), not into a later phrase about something else
CUE_REACH = 80


def _day_of(timex: TimeExpression) -> dt.date | None:
    """A single certain day, or None (periods, coarser precisions and judgement calls say no day)."""
    if timex.precision != "day" or timex.end_value or not timex.value or not timex.certain:
        return None
    try:
        return dt.date.fromisoformat(timex.value)
    except ValueError:
        return None


def speech_days(quotes, timexes: list[TimeExpression],
                sentence_of: Callable[[int], tuple[int, int]]) -> list[dt.date | None]:
    """For each quote (in text order), the day the attribution around its cue names, else None.

    The day is the dated expression outside every quote in the cue's sentence that lies nearest the cue,
    within ``CUE_REACH`` characters ("zei hij dinsdag", "Gisteren zei ze: …"). A cue-less quote of the
    same speaker right after a quote continues its day.
    """
    starts = [t.start for t in timexes]
    days: list[dt.date | None] = []
    previous = None
    for quote in quotes:
        day = None
        cue = getattr(quote, "cue", None)
        speaker = getattr(quote, "speaker", None)
        if cue:
            cue_start, cue_end = cue[0], cue[1]
            lo, hi = sentence_of(cue_start)
            nearest = None
            for timex in timexes[bisect.bisect_left(starts, lo):bisect.bisect_right(starts, hi)]:
                if timex.end > hi or timex.in_quote:
                    continue
                found = _day_of(timex)
                if found is None:
                    continue
                distance = max(timex.start - cue_end, cue_start - timex.end, 0)
                if distance <= CUE_REACH and (nearest is None or distance < nearest[0]):
                    nearest = (distance, found)
            day = nearest[1] if nearest else None
        elif previous is not None and speaker and previous[0] == speaker:
            day = previous[1]
        days.append(day)
        previous = (speaker, day)
    return days
