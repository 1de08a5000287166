"""Dates as readers see them: Dutch (or English) words via Babel, for every precision."""
from __future__ import annotations

import datetime as dt

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


def format_value(value: str, precision: str, locale: str = "nl") -> str:
    """"2022-01-28" → "vrijdag 28 januari 2022"; "2022-01" → "januari 2022"; "2017" → "2017"."""
    start, shape = _parse(value)
    if precision == "decade":
        return {"nl": f"jaren {start.year}", "en": f"{start.year}s"}.get(locale, f"{start.year}s")
    if shape == "day":
        return format_date(start, format="EEEE d MMMM y", locale=locale)
    if shape == "month":
        return format_date(start, format="LLLL y", locale=locale)
    if shape == "week":
        iso_week = start.isocalendar()[1]
        return {"nl": f"week {iso_week} van {start.year}", "en": f"week {iso_week} of {start.year}"}.get(
            locale, value)
    if shape == "quarter":
        quarter = (start.month - 1) // 3 + 1
        return {"nl": f"{quarter}e kwartaal {start.year}", "en": f"Q{quarter} {start.year}"}.get(locale, value)
    return str(start.year)


def format_period(value: str, end_value: str | None, precision: str, locale: str = "nl") -> str:
    """A point or a period: "2002–2022"."""
    if not end_value or end_value == value:
        return format_value(value, precision, locale)
    return f"{format_value(value, precision, locale)}–{format_value(end_value, precision, locale)}"


def format_publication_date(date: dt.date | None, locale: str = "nl") -> str:
    return format_date(date, format="long", locale=locale) if date else ""
