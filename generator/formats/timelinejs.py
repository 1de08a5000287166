"""The timeline in Knight Lab TimelineJS JSON, the interchange format newsrooms know.

TimelineJS renders its text fields (headlines, texts, display dates) as HTML, so every one of them
is HTML-escaped here: an article's title or a date expression is text, never markup.
"""
from __future__ import annotations

from markupsafe import escape

from ..extraction.model import Extraction
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
            "display_date": _html(format_period(entry.date, entry.end_date, entry.precision, locale)),
            "text": {"headline": _html(entry.expression), "text": _html(entry.summary)},
            "group": entry.precision,
        }
        if entry.end_date:
            event["end_date"] = _date_parts(entry.end_date)
        events.append(event)
    return {"title": {"text": {"headline": _html(extraction.article.title), "text": ""}}, "events": events}


def _html(value) -> str | None:
    """A text field as TimelineJS wants it: HTML, so the text escaped."""
    return None if value is None else str(escape(value))
