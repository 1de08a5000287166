"""Which figures matter: each figure once, in the order a news article gives weight to them.

Pure functions over :class:`~generator.extraction.model.KeyFigure` lists: the component ranks an
article's figures once (a very long article's pieces are ranked again together), the pages and the
evaluation pick the ones a page lists with :func:`shown_figures`.
"""
from __future__ import annotations

from dataclasses import replace

from ...model import KeyFigure

SHOWN = 5  # figures an explainer's overview lists


def figure_key(text: str) -> str:
    """What makes two figures the same one: their words, without case ("$40" is "$ 40")."""
    return " ".join(text.replace("$", "$ ").split()).casefold()


def _minor(figure: KeyFigure) -> bool:
    """Technical units ("326 pixels") and small counts ("twee kleuren") come after the rest."""
    return figure.kind == "trivial" or (figure.kind == "count" and figure.value < 10)


def rank(body: list[KeyFigure], headline: list[KeyFigure], lead_end: int) -> list[KeyFigure]:
    """The article's figures, each once: the headline's and the lead's (the body up to ``lead_end``)
    first, then money, counts, percentages and measures in the order of the text, technical units
    and small counts last. A figure the headline has too is marked ``in_headline``; one only the
    headline has keeps its ``title_span`` and has no place in the body (``start == end == -1``)."""
    in_title = {}
    for figure in headline:
        in_title.setdefault(figure_key(figure.text), figure)
    unique: dict[str, KeyFigure] = {}
    for figure in body:
        key = figure_key(figure.text)
        if key not in unique:
            title = in_title.get(key)
            unique[key] = replace(figure, in_headline=figure.in_headline or title is not None,
                                  title_span=figure.title_span or (title.title_span if title else None))
    for key, figure in in_title.items():
        if key not in unique:
            unique[key] = replace(figure, start=-1, end=-1, in_headline=True)
    # a figure contained in a longer one ("2.000 banen" in "1.500 tot 2.000 banen") is the same one
    keys = list(unique)
    for key in keys:
        if any(other != key and key in other for other in keys):
            unique.pop(key, None)
    # a news article says what matters first: headline, lead, then the order of the text
    return sorted(unique.values(), key=lambda f: (not f.in_headline, not (0 <= f.start < lead_end),
                                                  _minor(f), f.start))


def shown_figures(figures: list[KeyFigure], limit: int = SHOWN) -> list[KeyFigure]:
    """The figures a page lists: the first ``limit`` of the ranked ones (technical units only when
    there are no more than that), then every figure an editor added (``kind == "added"``)."""
    extracted = [f for f in figures if f.kind != "added"]
    chosen = [f for f in extracted if f.kind != "trivial" or len(extracted) <= limit][:limit]
    return chosen + [f for f in figures if f.kind == "added"]
