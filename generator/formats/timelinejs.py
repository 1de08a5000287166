"""The timeline in Knight Lab TimelineJS JSON, the interchange format newsrooms know.

TimelineJS renders its text fields (headlines, texts, display dates) as HTML, so every one of them
is HTML-escaped here: an article's title or a date expression is text, never markup.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable

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


def timelinejs_document(title: str, entries: Iterable, locale: str = "nl",
                        text: Callable[[object], str] | None = None) -> dict:
    """The one TimelineJS exporter: ``entries`` are timeline entries of an article or events of a dossier
    (``id``, ``date``, ``end_date``, ``precision``, ``expression``, ``summary``), in the order to show;
    ``text`` gives an event's text (default: its summary)."""
    events = []
    for entry in entries:
        event = {
            "unique_id": entry.id,
            "start_date": _date_parts(entry.date),
            "display_date": _html(format_period(entry.date, entry.end_date, entry.precision, locale)),
            "text": {"headline": _html(entry.expression), "text": _html(text(entry) if text else entry.summary)},
            "group": entry.precision,
        }
        if entry.end_date:
            event["end_date"] = _date_parts(entry.end_date)
        events.append(event)
    return {"title": {"text": {"headline": _html(title), "text": ""}}, "events": events}


def timelinejs(extraction: Extraction, locale: str = "nl") -> dict:
    """An article's timeline, in date order."""
    entries = sorted(extraction.timeline, key=lambda t: (sort_key(t.date), t.start))
    return timelinejs_document(extraction.article.title, entries, locale)


def _html(value) -> str | None:
    """A text field as TimelineJS wants it: HTML, so the text escaped."""
    return None if value is None else str(escape(value))
