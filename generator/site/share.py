"""Share images (``og:image``): 1200×630 cards drawn as SVG, rasterised to PNG, for each explainer, each
dossier and the site index.

What a link preview should say: the site, a headline (the explainer's, the dossier's title), a date and
how much the page holds (actors, quotes, dates; articles; explainers and dossiers). The index's card
shows its newest explainer. Drawn with shapes and text only, so the PNG depends on nothing but the
card and the fonts; rasterised with resvg through the ``resvg-py`` wheel (no system libraries; the
system's sans-serif font, DejaVu on Debian). Same explainer, same fonts: the same bytes.
"""
from __future__ import annotations

import hashlib
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from markupsafe import escape

from ..files import write_atomically

SHARE_IMAGE = "share.png"  # next to explainer.json (``EXPLAINER_DATA_SAVE_AS``), dossier.json, the site index
WIDTH, HEIGHT = 1200, 630
TITLE_SIZE, TITLE_CHARS, TITLE_LINES = 56, 27, 4


def _title_lines(title: str) -> list[str]:
    """The headline on at most four lines of at most 27 characters (bold 56 px stays inside the card); the last ends in … if cut."""
    lines = [""]
    for word in title.split():
        if lines[-1] and len(lines[-1]) + 1 + len(word) > TITLE_CHARS:
            lines.append(word)
        else:
            lines[-1] = f"{lines[-1]} {word}".strip()
    if len(lines) > TITLE_LINES:
        lines = lines[:TITLE_LINES]
        lines[-1] = lines[-1][:TITLE_CHARS - 1].rstrip() + "…"
    return lines


def share_svg(title: str, site_name: str, published: str, facts: str, lang: str = "nl") -> str:
    """The card as SVG markup (every string escaped)."""
    text = [f'<text x="72" y="96" font-size="32" font-weight="700" fill="#0b57a4">{escape(site_name)}</text>']
    y = 200
    for line in _title_lines(title):
        text.append(f'<text x="72" y="{y}" font-size="{TITLE_SIZE}" font-weight="700" fill="#111111">'
                    f"{escape(line)}</text>")
        y += TITLE_SIZE + 14
    text.append(f'<text x="72" y="{HEIGHT - 110}" font-size="30" fill="#333333">{escape(published)}</text>')
    text.append(f'<text x="72" y="{HEIGHT - 64}" font-size="30" fill="#333333">{escape(facts)}</text>')
    return (f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{HEIGHT}" '
            f'viewBox="0 0 {WIDTH} {HEIGHT}" font-family="DejaVu Sans, Liberation Sans, Noto Sans, Arial, Helvetica, sans-serif" xml:lang="{escape(lang)}">'
            f'<rect width="{WIDTH}" height="{HEIGHT}" fill="#ffffff"/>'
            f'<rect width="24" height="{HEIGHT}" fill="#0b57a4"/>' + "".join(text) + "</svg>")


def share_png(svg: str) -> bytes:
    """The card rasterised to PNG."""
    from resvg_py import svg_to_bytes  # imported here: only a build that writes cards needs it

    return bytes(svg_to_bytes(svg_string=svg))


def _rasteriser() -> str:
    try:
        return version("resvg-py")
    except PackageNotFoundError:  # pragma: no cover - resvg-py is a dependency
        return "?"


def card_key(svg: str) -> str:
    """What a card's PNG depends on: its SVG and the rasteriser's version (equal keys, equal bytes)."""
    return hashlib.sha256(f"{_rasteriser()}\x00{svg}".encode("utf-8")).hexdigest()


def cached_png(svg: str, folder: str | Path | None) -> bytes:
    """:func:`share_png`, rasterised only when the card changed: the PNG of an SVG is kept in
    ``folder/share-images/`` under its :func:`card_key` (the index and the dossier cards are drawn
    on every build; rasterising is their whole cost). A missing, unreadable or foreign entry is
    drawn again; ``folder`` None: no cache."""
    if folder is None:
        return share_png(svg)
    path = Path(folder) / "share-images" / f"{card_key(svg)}.png"
    try:
        data = path.read_bytes()
        if data.startswith(b"\x89PNG\r\n\x1a\n"):
            return data
    except OSError:
        pass
    data = share_png(svg)
    try:
        write_atomically(path, data)
    except OSError:
        pass  # a read-only cache costs a rasterisation next time, nothing worse
    return data


def _counts(ngettext, *pairs: tuple[str, str, int]) -> str:
    return " · ".join(ngettext(one, many, n) % {"num": n} for one, many, n in pairs)


def site_card(site_name: str, explainers: list, dossiers: int, ngettext, lang: str = "nl",
              folder: str | Path | None = None) -> bytes:
    """The site index's share image: the site's name, its newest explainer (headline and date: what
    is new there) and how many explainers and dossiers it holds."""
    newest = max(explainers, key=lambda e: (e.extraction.article.date is not None, e.extraction.article.date
                                             or 0, e.extraction.article.slug), default=None)
    facts = _counts(ngettext, ("%(num)d explainer", "%(num)d explainers", len(explainers)),
                    *([("%(num)d dossier", "%(num)d dossiers", dossiers)] if dossiers else []))
    title = newest.extraction.article.title if newest else site_name
    return cached_png(share_svg(title or site_name, site_name, newest.published if newest else "", facts, lang),
                      folder)


def dossier_card(view, site_name: str, ngettext, lang: str = "nl", folder: str | Path | None = None) -> bytes:
    """A dossier's share image: its title, the dates of its first and last article, how much it holds."""
    explainers = [a.explainer for a in view.articles]
    dates = [e.published for e in explainers if e.extraction.article.date]
    span = dates[0] if len(set(dates)) <= 1 else f"{dates[0]} – {dates[-1]}"
    facts = _counts(ngettext, ("%(num)d article", "%(num)d articles", len(view.articles)),
                    ("%(num)d actor", "%(num)d actors", len(view.actors)),
                    ("%(num)d quote", "%(num)d quotes", len(view.quotes)))
    return cached_png(share_svg(view.title, site_name, span if dates else "", facts, lang), folder)


def explainer_svg(explainer, site_name: str, ngettext) -> str:
    """An explainer's share card, with the counts in the UI language (``ngettext``). Rasterised by
    the generator, or linked from the previous build when its :func:`card_key` is unchanged
    (:class:`.explainer_generator.RenderSession`): a new template or setting renders the pages again
    but seldom changes the card, and rasterising it (~55 ms) costs more than rendering its ~19 pages.
    Not kept in ``share-images/``: that would hold a second copy of every explainer's card."""
    extraction = explainer.extraction
    facts = _counts(ngettext, ("%(num)d actor", "%(num)d actors", len(extraction.actors)),
                    ("%(num)d quote", "%(num)d quotes", len(explainer.quotes)),
                    ("%(num)d date", "%(num)d dates", len(extraction.timeline)))
    return share_svg(extraction.article.title or "", site_name, explainer.published, facts,
                     extraction.article.lang or "nl")
