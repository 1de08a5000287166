"""The timeline in Knight Lab TimelineJS JSON, the interchange format newsrooms know."""
from __future__ import annotations

from ..model import Extraction
from .dates import _parse, format_period, sort_key


def _date_parts(value: str) -> dict:
    start, shape = _parse(value)
    parts = {"year": start.year}
    if shape in ("day", "month", "week", "quarter"):
        parts["month"] = start.month
    if shape in ("day", "week"):
        parts["day"] = start.day
    return parts


def timelinejs(extraction: Extraction, locale: str = "nl") -> dict:
    events = []
    for entry in sorted(extraction.timeline, key=lambda t: (sort_key(t.date), t.start)):
        event = {
            "unique_id": entry.id,
            "start_date": _date_parts(entry.date),
            "display_date": format_period(entry.date, entry.end_date, entry.precision, locale),
            "text": {"headline": entry.expression, "text": entry.summary},
            "group": entry.precision,
        }
        if entry.end_date:
            event["end_date"] = _date_parts(entry.end_date)
        events.append(event)
    return {"title": {"text": {"headline": extraction.article.title, "text": ""}}, "events": events}
