"""Charts drawn at build time as static, accessible inline SVG (no script).

Each chart is ``<svg role="img" aria-labelledby="… …">`` with a ``<title>`` and a ``<desc>`` that says
what the chart shows; the templates put a table or list with the same data next to it. Every string
that comes from the extraction is escaped with :func:`markupsafe.escape`. Shapes carry CSS classes
(colours follow the light/dark theme); sizes are in the ``viewBox`` so the chart scales to any width.
Pure functions: same data in, same SVG out (layouts are deterministic).
"""
from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass
from typing import Callable

from babel.dates import format_timedelta
from markupsafe import Markup, escape

from ..formats.dates import bounds, short_label

WIDTH = 640
Gettext = Callable[[str], str]


def _f(value: float) -> str:
    """Coordinates with at most one decimal, so output is stable and small."""
    return f"{value:.1f}".rstrip("0").rstrip(".")


def _svg(prefix: str, css: str, height: float, title: str, desc: str, body: list[str]) -> Markup:
    # On a phone the chart keeps its size in a box that scrolls sideways (text never shrinks
    # below 12 px); the box is focusable so keyboard users can scroll it too.
    return Markup(
        f'<div class="chart-scroll" tabindex="0" role="group" aria-labelledby="{prefix}-title">'
        f'<svg class="chart {css}" role="img" aria-labelledby="{prefix}-title {prefix}-desc" '
        f'viewBox="0 0 {WIDTH} {_f(height)}" width="{WIDTH}" height="{_f(height)}" '
        f'preserveAspectRatio="xMinYMin meet" focusable="false" xmlns="http://www.w3.org/2000/svg">'
        f'<title id="{prefix}-title">{escape(title)}</title><desc id="{prefix}-desc">{escape(desc)}</desc>'
        + "".join(body) + "</svg></div>"
    )


def _text(x: float, y: float, text: str, css: str = "", anchor: str = "start") -> str:
    cls = f' class="{css}"' if css else ""
    return f'<text x="{_f(x)}" y="{_f(y)}" text-anchor="{anchor}"{cls}>{escape(text)}</text>'


def _clip(text: str, size: int) -> str:
    return text if len(text) <= size else text[: size - 1].rstrip() + "…"


CHAR_WIDTH = 7.8  # an estimate for 13 px system-ui text, enough to keep labels apart and inside


def _lines(text: str, size: int, most: int = 2) -> list[str]:
    """A label on at most ``most`` lines of about ``size`` characters, broken between words (a name
    stays whole where it can: "Waterschap Rijn en IJssel" on two lines rather than cut off)."""
    lines = [""]
    for word in text.split():
        if lines[-1] and len(lines[-1]) + 1 + len(word) > size:
            lines.append(word)
        else:
            lines[-1] = f"{lines[-1]} {word}".strip()
    if len(lines) > most:
        lines = lines[:most - 1] + [" ".join(lines[most - 1:])]
    return [_clip(line, size + 6) for line in lines]


def _text_lines(x: float, y: float, lines: list[str], css: str, anchor: str, leading: float = 15.0) -> str:
    spans = "".join(f'<tspan x="{_f(x)}" dy="{0 if i == 0 else _f(leading)}">{escape(line)}</tspan>'
                    for i, line in enumerate(lines))
    return f'<text x="{_f(x)}" y="{_f(y)}" text-anchor="{anchor}" class="{css}">{spans}</text>'


# ---------------------------------------------------------------- time axis


@dataclass(frozen=True)
class AxisEvent:
    """One timeline entry on the axis: its value(s), its label and whether it is a period."""

    id: str
    value: str
    end_value: str | None
    label: str
    text: str
    uncertain: bool = False  # vague or uncertain ("al 20 jaar", "de komende decennia"): drawn dashed, "ca."


def piecewise_scale(days: list[int], left: float, right: float) -> dict[int, float]:
    """Positions for sorted distinct day numbers: each gap gets width by the log of its length.

    Long gaps are compressed (20 years take about twice the room of a month), short ones stay
    readable, and order is always kept.
    """
    points = sorted(set(days))
    if len(points) == 1:
        return {points[0]: (left + right) / 2}
    weights = [1 + math.log10(1 + (b - a)) for a, b in zip(points, points[1:])]
    total = sum(weights)
    positions, x = {points[0]: left}, left
    for point, weight in zip(points[1:], weights):
        x += (right - left) * weight / total
        positions[point] = x
    return positions


def time_axis(events: list[AxisEvent], gettext: Gettext, prefix: str = "time-axis", locale: str = "nl",
              published=None) -> Markup:
    """The timeline on a scaled axis: points as dots, periods as bars; a gap of more than a year is
    compressed, marked ≈ and labelled with its length, so a short gap never passes for a long one."""
    if not events:
        return Markup("")
    left, right, lane, top = 24.0, WIDTH - 24.0, 34.0, 8.0
    spans = []
    for event in events:
        first, last = bounds(event.value, event.end_value, published)
        spans.append((event, first.toordinal(), last.toordinal()))
    days = [d for _, a, b in spans for d in (a, b)]
    scale = piecewise_scale(days, left, right)
    labels: dict[int, str] = {}
    for event, a, b in spans:
        labels.setdefault(a, short_label(event.value, locale))
    for event, a, b in spans:
        if b != a:
            labels.setdefault(b, short_label(event.end_value or event.value, locale))
    body = []
    for row, (event, a, b) in enumerate(spans):
        y = top + row * lane
        x1, x2 = scale[a], scale[b]
        vague = " uncertain" if event.uncertain else ""
        if b != a:
            body.append(f'<rect class="ta-period{vague}" x="{_f(x1)}" y="{_f(y + 16)}" width="{_f(max(x2 - x1, 4))}" '
                        f'height="10" rx="5"/>')
        else:
            body.append(f'<circle class="ta-point{vague}" cx="{_f(x1)}" cy="{_f(y + 21)}" r="6"/>')
        about = f"{gettext('ca.')} " if event.uncertain else ""
        label = _clip(f"{about}{event.label} · {event.text}", 48)
        if x1 < WIDTH * 0.55:
            body.append(_text(max(x1, left - 16), y + 11, label, "ta-label"))
        else:
            body.append(_text(min(max(x2, x1), right + 16), y + 11, label, "ta-label", "end"))
    points = sorted(scale)
    gaps = [(a, b) for a, b in zip(points, points[1:]) if b - a > 366]  # compressed on the axis
    axis_y = top + len(spans) * lane + (24 if gaps else 10)
    body.append(f'<line class="ta-axis" x1="{_f(left)}" y1="{_f(axis_y)}" x2="{_f(right)}" y2="{_f(axis_y)}"/>')
    gap_end = -1e9
    for a, b in gaps:
        # the break mark says the axis is compressed here, the label by how much ("20 jaar later")
        mid = (scale[a] + scale[b]) / 2
        body.append(f'<path class="ta-break" d="M{_f(mid - 5)} {_f(axis_y + 6)}l6 -12M{_f(mid + 1)} '
                    f'{_f(axis_y + 6)}l6 -12"/>')
        span = format_timedelta(dt.timedelta(days=b - a), granularity="year", threshold=1.0, locale=locale)
        label = gettext("%(span)s later") % {"span": span}
        width = CHAR_WIDTH * len(label)
        x = min(max(mid, left + width / 2), right - width / 2)
        if x - width / 2 > gap_end + 8:  # labels of neighbouring gaps never overlap
            body.append(_text(x, axis_y - 9, label, "ta-gap-label", "middle"))
            gap_end = x + width / 2
    row_ends = [-1e9, -1e9]  # right edge of the last label in each of two label rows
    shown: set[str] = set()
    for point in points:
        x = scale[point]
        body.append(f'<line class="ta-tick" x1="{_f(x)}" y1="{_f(axis_y - 5)}" x2="{_f(x)}" y2="{_f(axis_y + 5)}"/>')
        label = labels.get(point, "")
        if label in shown:
            continue  # one label per date as written ("2022" once, however many days in it)
        width = 7.2 * len(label)
        anchor = "start" if x - width / 2 < 0 else "end" if x + width / 2 > WIDTH else "middle"
        x_text = x - 6 if anchor == "start" else x + 6 if anchor == "end" else x
        begin = x_text if anchor == "start" else x_text - width if anchor == "end" else x_text - width / 2
        row = next((r for r, end in enumerate(row_ends) if begin > end + 8), None)
        if row is None:
            continue  # no room: the list and the description still give the date
        row_ends[row] = begin + width
        shown.add(label)
        body.append(_text(x_text, axis_y + 22 + 16 * row, label, "ta-tick-label", anchor))
    height = axis_y + 48
    first_label, last_label = labels[points[0]], labels[points[-1]]
    desc = gettext("%(count)d dated events from %(first)s to %(last)s. Dots are moments, bars are periods; "
                   "long gaps between dates are compressed and marked on the axis; dashed marks are vague dates.") % {
        "count": len(events), "first": first_label, "last": last_label}
    return _svg(prefix, "time-axis", height, gettext("Time axis of the timeline"), desc, body)


# ---------------------------------------------------------------- actor network


@dataclass(frozen=True)
class Node:
    id: str
    name: str
    weight: int  # mentions


def circle_layout(count: int, cx: float, cy: float, radius: float) -> list[tuple[float, float, float]]:
    """(x, y, angle) for ``count`` nodes on a circle, the first at the top, clockwise."""
    out = []
    for i in range(count):
        angle = -math.pi / 2 + 2 * math.pi * i / max(count, 1)
        out.append((cx + radius * math.cos(angle), cy + radius * math.sin(angle), angle))
    return out


def network(nodes: list[Node], edges: dict[tuple[str, str], int], gettext: Gettext,
            prefix: str = "network") -> Markup:
    """Actors on a circle; a line joins two actors named in the same sentence (thicker: more often)."""
    if not nodes or not edges:
        return Markup("")
    height, cx, radius = 440.0, WIDTH / 2, 150.0
    cy = height / 2
    places = dict(zip((n.id for n in nodes), circle_layout(len(nodes), cx, cy, radius)))
    body = ['<g class="net-edges">']
    strongest = max(edges.values())
    for (a, b), count in sorted(edges.items()):
        if a in places and b in places:
            (x1, y1, _), (x2, y2, _) = places[a], places[b]
            width = 1 + 4 * count / strongest
            body.append(f'<line class="net-edge" x1="{_f(x1)}" y1="{_f(y1)}" x2="{_f(x2)}" y2="{_f(y2)}" '
                        f'stroke-width="{_f(width)}"/>')
    body.append('</g><g class="net-nodes">')
    for node in nodes:
        x, y, angle = places[node.id]
        r = 5 + min(node.weight, 10)
        body.append(f'<circle class="net-node" cx="{_f(x)}" cy="{_f(y)}" r="{r}"/>')
        lx, ly = x + (r + 8) * math.cos(angle), y + (r + 8) * math.sin(angle) + 5
        cos = math.cos(angle)
        anchor = "start" if cos > 0.2 else "end" if cos < -0.2 else "middle"
        if anchor == "middle":
            ly += 8 if math.sin(angle) > 0 else -4
        # the whole name, on two lines if long, and inside the chart (a phone scrolls it, never cuts it)
        lines = _lines(node.name, 16, most=3)
        width = CHAR_WIDTH * max(len(line) for line in lines)
        if anchor == "start":
            lx = min(lx, WIDTH - 4 - width)
        elif anchor == "end":
            lx = max(lx, 4 + width)
        else:
            lx = min(max(lx, 4 + width / 2), WIDTH - 4 - width / 2)
        if len(lines) > 1 and (anchor != "middle" or math.sin(angle) < 0):
            ly -= 15 * (len(lines) - 1) / (1 if anchor == "middle" else 2)
        body.append(_text_lines(lx, ly, lines, "net-label", anchor))
    body.append("</g>")
    top = sorted(edges.items(), key=lambda item: (-item[1], item[0]))[:3]
    names = {n.id: n.name for n in nodes}
    pairs = "; ".join(f"{names.get(a, a)} – {names.get(b, b)} ({count}×)" for (a, b), count in top)
    desc = gettext("%(count)d actors on a circle; a line joins two actors named in the same sentence, "
                   "thicker lines mean more often. Strongest links: %(pairs)s.") % {
        "count": len(nodes), "pairs": pairs}
    return _svg(prefix, "network", height, gettext("Actor network"), desc, body)


# ---------------------------------------------------------------- quotes per speaker


def bar_chart(rows: list[tuple[str, int]], gettext: Gettext, prefix: str = "quote-bars") -> Markup:
    """Horizontal bars: one per speaker, length = number of quotes."""
    if not rows:
        return Markup("")
    bar_height, gap, top, label_w = 22.0, 10.0, 8.0, 210.0
    biggest = max(count for _, count in rows)
    span = WIDTH - label_w - 60
    body = []
    for i, (name, count) in enumerate(rows):
        y = top + i * (bar_height + gap)
        length = max(span * count / biggest, 2)
        body.append(_text(label_w - 8, y + 16, _clip(name, 26), "bar-label", "end"))
        body.append(f'<rect class="bar" x="{_f(label_w)}" y="{_f(y)}" width="{_f(length)}" '
                    f'height="{_f(bar_height)}" rx="3"/>')
        body.append(_text(label_w + length + 6, y + 16, str(count), "bar-value"))
    height = top + len(rows) * (bar_height + gap)
    desc = gettext("Number of quotes per speaker: %(list)s.") % {
        "list": "; ".join(f"{name} {count}" for name, count in rows)}
    return _svg(prefix, "bars", height, gettext("Quotes per speaker"), desc, body)
