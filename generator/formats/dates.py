"""Dates as readers see them: Dutch (or English) words via Babel, for every precision."""
from __future__ import annotations

import datetime as dt
from functools import lru_cache

from babel.dates import format_date


def _parse(value: str) -> tuple[dt.date, str]:
    """The first day of an ISO value and its shape (day/month/year/week/quarter)."""
    if "-W" in value:
        year, week = value.split("-W")
        return dt.date.fromisocalendar(int(year), int(week), 1), "week"
    if "-Q" in value:
        year, quarter = value.split("-Q")
        return dt.date(int(year), 3 * int(quarter) - 2, 1), "quarter"
    parts = value.split("-")
    if len(parts) == 3:
        return dt.date(int(parts[0]), int(parts[1]), int(parts[2])), "day"
    if len(parts) == 2:
        return dt.date(int(parts[0]), int(parts[1]), 1), "month"
    return dt.date(int(parts[0]), 1, 1), "year"


def sort_key(value: str) -> tuple:
    """Chronological order; a coarser value sorts before the finer ones it contains."""
    start, shape = _parse(value)
    rank = {"year": 0, "quarter": 1, "month": 2, "week": 3, "day": 4}[shape]
    return (start.year, start.month if shape != "year" else 0, start, rank)


# English labels when the locale has no language data of its own (``period_labels`` in display.json)
_ENGLISH_PERIOD_LABELS = {"decade": "{year}s", "week": "week {week} of {year}", "quarter": "Q{quarter} {year}"}


@lru_cache(maxsize=8)
def _period_labels(locale: str) -> dict[str, str]:
    """Babel names days and months; decades, weeks and quarters are named by the language's data."""
    from ..extraction.language import display_data

    labels = display_data(locale).get("period_labels")
    return labels or (_ENGLISH_PERIOD_LABELS if locale == "en" else {})


def format_value(value: str, precision: str, locale: str = "nl") -> str:
    """"2022-01-28" → "vrijdag 28 januari 2022"; "2022-01" → "januari 2022"; "2017" → "2017"."""
    start, shape = _parse(value)
    if precision == "decade":
        return _period_labels(locale).get("decade", _ENGLISH_PERIOD_LABELS["decade"]).format(year=start.year)
    if shape == "day":
        return format_date(start, format="EEEE d MMMM y", locale=locale)
    if shape == "month":
        return format_date(start, format="LLLL y", locale=locale)
    if shape == "week":
        label = _period_labels(locale).get("week")
        return label.format(week=start.isocalendar()[1], year=start.year) if label else value
    if shape == "quarter":
        label = _period_labels(locale).get("quarter")
        return label.format(quarter=(start.month - 1) // 3 + 1, year=start.year) if label else value
    return str(start.year)


def format_period(value: str, end_value: str | None, precision: str, locale: str = "nl") -> str:
    """A point or a period: "2002–2022"."""
    if not end_value or end_value == value:
        return format_value(value, precision, locale)
    return f"{format_value(value, precision, locale)}–{format_value(end_value, precision, locale)}"


def format_publication_date(date: dt.date | None, locale: str = "nl") -> str:
    return format_date(date, format="long", locale=locale) if date else ""


def bounds(value: str, end_value: str | None = None, published: dt.date | None = None) -> tuple[dt.date, dt.date]:
    """The first and last day a value (or a period up to ``end_value``) covers.

    A period's open end ("al 20 jaar", up to now) stops at the publication date when it covers it.
    """
    first, shape = _parse(value)
    last_source = end_value or value
    end_start, end_shape = _parse(last_source)
    if end_shape == "day":
        last = end_start
    elif end_shape == "week":
        last = end_start + dt.timedelta(days=6)
    elif end_shape == "month":
        last = (end_start.replace(day=28) + dt.timedelta(days=4)).replace(day=1) - dt.timedelta(days=1)
    elif end_shape == "quarter":
        month = end_start.month + 2
        last = (dt.date(end_start.year, month, 28) + dt.timedelta(days=4)).replace(day=1) - dt.timedelta(days=1)
    else:
        last = dt.date(end_start.year, 12, 31)
    if end_value and published and end_start <= published <= last:
        last = published
    if not end_value:
        last = first if shape == "day" else last
    return first, max(first, last)


def short_label(value: str, locale: str = "nl") -> str:
    """A compact label for an axis tick: "21 jan. 2022", "jan. 2022", "2017"."""
    start, shape = _parse(value)
    if shape == "day":
        return format_date(start, format="d MMM y", locale=locale)
    if shape in ("month",):
        return format_date(start, format="LLL y", locale=locale)
    if shape == "quarter":
        return format_value(value, "quarter", locale)
    if shape == "week":
        return format_value(value, "week", locale)
    return str(start.year)
