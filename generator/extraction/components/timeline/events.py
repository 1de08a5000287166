"""From time expressions to timeline entries: one entry per date, a readable summary, actors, order."""
from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_left, bisect_right

from ...model import TimeExpression, TimelineEntry
from .normalise import PRECISION_RANK

QUOTE_CHARS = "\"'`“”„‟«»‘’‚‹›"
MAX_SUMMARY = 200
_CLAUSE_BREAK = re.compile(r"[,;:]\s+|\s+[–—-]\s+")
_LEADING_JUNK = re.compile(r"^[\s" + re.escape(QUOTE_CHARS) + r"\-–—,;:.)\]]+")
_TRAILING_JUNK = re.compile(r"[\s" + re.escape(QUOTE_CHARS) + r"\-–—,;:(\[]+$")


def value_start(value: str) -> dt.date:
    """The first day of an ISO value (YYYY, YYYY-MM, YYYY-MM-DD, YYYY-Www, YYYY-Qn)."""
    try:
        if "-W" in value:
            year, week = value.split("-W")
            return dt.date.fromisocalendar(int(year), int(week), 1)
        if "-Q" in value:
            year, quarter = value.split("-Q")
            return dt.date(int(year), 3 * int(quarter) - 2, 1)
        parts = [int(p) for p in value.split("-")]
        return dt.date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)
    except (ValueError, IndexError):
        return dt.date.min


def sort_key(date: str, precision: str, end_date: str | None, start: int):
    """Chronological: by first day, a coarser period before the finer ones it contains, then by text order."""
    return (value_start(date), PRECISION_RANK.get(precision, 9), value_start(end_date) if end_date else dt.date.max, start)


def _clean_span(text: str, start: int, end: int, conjunction: re.Pattern | None) -> tuple[int, int]:
    """The span without junk at its ends, and without an opening ``conjunction`` when enough stays."""
    piece = text[start:end]
    lead = _LEADING_JUNK.match(piece)
    if lead:
        start += lead.end()
        piece = text[start:end]
    trail = _TRAILING_JUNK.search(piece)
    if trail and trail.start() > 0:
        # keep a closing quote mark when the summary opened one
        tail = piece[trail.start():]
        body = piece[:trail.start()]
        if any(q in body for q in QUOTE_CHARS) and any(q in tail for q in QUOTE_CHARS):
            end = start + len(piece.rstrip())
        else:
            end = start + trail.start()
    conj = conjunction.match(text[start:end]) if conjunction else None
    if conj and end - start - conj.end() > 20:
        start += conj.end()
    return start, end


def summary_span(text: str, sentence: tuple[int, int], expression: tuple[int, int],
                 conjunction: re.Pattern | None = None) -> tuple[int, int]:
    """The sentence holding the expression, or its clauses around the expression when it is long; an
    opening ``conjunction`` (the language's ``summary_conjunctions``) is left out."""
    s, e = _clean_span(text, *sentence, conjunction)
    if e - s <= MAX_SUMMARY or e <= s:
        return s, e
    bounds = [s] + [m.end() + s for m in _CLAUSE_BREAK.finditer(text[s:e])] + [e]
    segments = [(bounds[i], bounds[i + 1]) for i in range(len(bounds) - 1) if bounds[i] < bounds[i + 1]]
    index = next((i for i, (a, b) in enumerate(segments) if a <= expression[0] < b), 0)
    lo = hi = index
    while True:
        grown = False
        if hi + 1 < len(segments) and segments[hi + 1][1] - segments[lo][0] <= MAX_SUMMARY:
            hi += 1
            grown = True
        if lo > 0 and segments[hi][1] - segments[lo - 1][0] <= MAX_SUMMARY:
            lo -= 1
            grown = True
        if not grown:
            break
    a, b = segments[lo][0], segments[hi][1]
    if b - a > MAX_SUMMARY + 100:  # one very long clause: a window of whole words around the expression
        a = max(a, text.rfind(" ", a, max(a, expression[0] - MAX_SUMMARY // 2)) + 1)
        cut = text.rfind(" ", expression[1], min(b, a + MAX_SUMMARY))
        b = cut if cut > expression[1] else b
    return _clean_span(text, a, b, conjunction)


def summary_text(text: str, span: tuple[int, int]) -> str:
    summary = re.sub(r"\s+", " ", text[span[0]:span[1]]).strip()
    if not summary:
        return summary
    summary = summary[0].upper() + summary[1:]
    if summary[-1] not in ".!?" + QUOTE_CHARS:
        summary += "."
    return summary


class Participants:
    """Who is named in, or speaks around, a stretch of text: the actors' mentions and the quotes sorted
    once, then found by bisection, so dating thousands of sentences stays linear in the article."""

    def __init__(self, actors, quotes):
        self.actor_ids = [actor.id for actor in actors or []]
        self.mentions = sorted((start, end, order) for order, actor in enumerate(actors or [])
                               for start, end in getattr(actor, "mentions", []) or [])
        self.mention_starts = [m[0] for m in self.mentions]
        self.quotes = sorted((q.start, q.end, order, q.speaker) for order, q in enumerate(quotes or [])
                             if q.speaker)
        self.quote_starts = [q[0] for q in self.quotes]
        self.longest_quote = max((end - start for start, end, _, _ in self.quotes), default=0)

    def actors_in(self, span: tuple[int, int]) -> list[str]:
        """The actors with a mention inside ``span``, in the actors' order."""
        found = set()
        for index in range(bisect_left(self.mention_starts, span[0]), len(self.mentions)):
            start, end, order = self.mentions[index]
            if start > span[1]:
                break
            if end <= span[1]:
                found.add(order)
        return [self.actor_ids[order] for order in sorted(found)]

    def speakers_at(self, offset: int) -> list[str]:
        """The speakers of the quotes that contain ``offset``, in the quotes' order."""
        first = bisect_left(self.quote_starts, offset - self.longest_quote)
        last = bisect_right(self.quote_starts, offset)
        inside = sorted((order, speaker) for start, end, order, speaker in self.quotes[first:last]
                        if start <= offset < end)
        return [speaker for _, speaker in inside]


def involved_actors(participants: Participants, spans: list[tuple[int, int]]) -> list[str]:
    """Who takes part in an event: actors named in the sentences that date it, and the speaker of a
    quote that dates it ("“Vorige vrijdag kwamen we overeen met Blinken”, zei Lavrov" → Lavrov too)."""
    found: list[str] = []
    for span in spans:
        for actor_id in [*participants.speakers_at(span[0]), *participants.actors_in(span)]:
            if actor_id not in found:
                found.append(actor_id)
    return found


def is_vague(expression: str, vague_markers: frozenset) -> bool:
    """Whether the text gives the date only roughly: a word of ``vague_markers`` (temporal.json) in the
    expression ("de al 20 jaar durende uitbreiding", "de komende decennia", "rond 1900")."""
    return bool(set(re.findall(r"\w+", expression.casefold())) & vague_markers)


def build_entries(text: str, timexes: list[TimeExpression], sentence_of, actors,
                  quotes=None, vague_markers: frozenset = frozenset(),
                  conjunction: re.Pattern | None = None) -> list[TimelineEntry]:
    """Group normalised expressions by date into entries; ``sentence_of(offset)`` gives a sentence span.
    An entry is vague when its (first) expression has one of ``vague_markers`` (:func:`is_vague`);
    ``conjunction``: see :func:`summary_span`."""
    groups: dict[tuple, list[TimeExpression]] = {}
    for timex in timexes:
        if timex.value is None or timex.precision is None:
            continue
        groups.setdefault((timex.value, timex.end_value, timex.precision), []).append(timex)
    entries: list[TimelineEntry] = []
    participants = Participants(actors, quotes)
    for (value, end_value, precision), mentions in groups.items():
        main = mentions[0]
        span = summary_span(text, sentence_of(main.start), (main.start, main.end), conjunction)
        entries.append(TimelineEntry(
            id="", date=value, precision=precision, expression=main.text, start=main.start, end=main.end,
            summary=summary_text(text, span) or main.text,
            actors=involved_actors(participants, [span] + [sentence_of(m.start) for m in mentions]),
            end_date=end_value, sources=[(m.start, m.end) for m in mentions], summary_span=span,
            certain=all(m.certain for m in mentions), vague=is_vague(main.text, vague_markers),
        ))
    entries.sort(key=lambda t: sort_key(t.date, t.precision, t.end_date, t.start))
    for number, entry in enumerate(entries, 1):
        entry.id = f"t{number}"
    return entries
