"""Share images (``og:image``): 1200×630 cards for each explainer, each dossier and the site index.

What a link preview should say: the site, a headline (the explainer's, the dossier's title), a date and
how much the page holds (actors, quotes, dates; articles; explainers and dossiers). The index's card
shows its newest explainer. Drawn with Pillow (text with FreeType in the system's sans-serif font,
DejaVu on Debian, else Pillow's own) and stored as a palette PNG: the card has four colours and their
anti-aliasing ramps, so one byte a pixel and no row filters. Why not SVG through resvg, as before: a
1200×630 RGBA PNG cost ~55 ms of CPU a card (allocation, filters and deflate of 3 MB), more than
rendering the explainer's pages; this costs ~7 ms (issue 24). Same card, same fonts, same Pillow: the
same bytes.
"""
from __future__ import annotations

import functools
import hashlib
import io
from dataclasses import astuple, dataclass
from pathlib import Path

from ..files import write_atomically

SHARE_IMAGE = "share.png"  # next to explainer.json (``EXPLAINER_DATA_SAVE_AS``), dossier.json, the site index
WIDTH, HEIGHT = 1200, 630
MARGIN, BAR = 72, 24                      # text's left edge; the brand bar down the left side
TITLE_SIZE, TITLE_LEADING, TITLE_LINES = 56, 70, 4
BACKGROUND, BRAND, HEADLINE, DETAIL = "#ffffff", "#0b57a4", "#111111", "#333333"
INKS = (BRAND, HEADLINE, DETAIL)          # every colour text is drawn in
RAMP = 16                                 # anti-aliasing steps between the background and each ink
# The first font file Pillow finds (it searches the system's font folders), bold and regular.
FONTS = {True: ("DejaVuSans-Bold.ttf", "LiberationSans-Bold.ttf", "NotoSans-Bold.ttf", "Arial Bold.ttf"),
         False: ("DejaVuSans.ttf", "LiberationSans-Regular.ttf", "NotoSans-Regular.ttf", "Arial.ttf")}


@dataclass(frozen=True)
class Card:
    """What a card shows; equal cards are equal images (:func:`card_key`)."""

    site_name: str
    title: str
    published: str
    facts: str


@functools.lru_cache(maxsize=None)
def _font(bold: bool, size: int):
    """The sans-serif font at ``size`` px; Pillow's built-in one (regular only) if the system has none."""
    from PIL import ImageFont  # imported here: only a build that draws cards needs Pillow

    for name in FONTS[bold]:
        try:
            return ImageFont.truetype(name, size)
        except OSError:
            continue
    return ImageFont.load_default(size)


@functools.lru_cache(maxsize=None)
def _renderer() -> str:
    """What a card's pixels depend on besides the card: Pillow's and FreeType's versions and the font
    files (path, size, modification time: an upgraded font package draws other pixels)."""
    from PIL import __version__, features

    fonts = []
    for bold in (True, False):
        path = getattr(_font(bold, 32), "path", None)
        try:
            stat = Path(path).stat() if isinstance(path, str) else None
        except OSError:
            stat = None
        fonts.append(f"{path}:{stat.st_size}:{stat.st_mtime_ns}" if stat else "built-in")
    return "\x00".join([__version__, features.version("freetype2") or "", *fonts])


def title_lines(title: str, fits=None) -> list[str]:
    """The headline in at most four lines that fit the card (``fits(line)``: measured in the title's
    font); the last ends in … if the headline is cut."""
    fits = fits or (lambda line: _font(True, TITLE_SIZE).getlength(line) <= WIDTH - BAR - 2 * MARGIN)
    lines = [""]
    for word in title.split():
        if lines[-1] and not fits(f"{lines[-1]} {word}"):
            lines.append(word)
        else:
            lines[-1] = f"{lines[-1]} {word}".strip()
    if len(lines) > TITLE_LINES:
        last = lines[TITLE_LINES - 1]
        while last and not fits(last + "…"):
            last = last[:-1]
        lines = lines[:TITLE_LINES - 1] + [last.rstrip() + "…"]
    return lines


def _palette() -> list[int]:
    """The background, then RAMP steps from the background to each ink (the ink itself last)."""
    def rgb(colour: str) -> tuple[int, int, int]:
        return tuple(int(colour[i:i + 2], 16) for i in (1, 3, 5))

    palette = list(rgb(BACKGROUND))
    for ink in INKS:
        for step in range(1, RAMP + 1):
            palette += [round(b + (i - b) * step / RAMP) for b, i in zip(rgb(BACKGROUND), rgb(ink))]
    return palette


def card_png(card: Card) -> bytes:
    """The card drawn in full colour, mapped onto :func:`_palette` (nearest colour, no dithering) and
    stored as an 8-bit palette PNG."""
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (WIDTH, HEIGHT), BACKGROUND)
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 0, BAR - 1, HEIGHT - 1), fill=BRAND)
    draw.text((MARGIN, 96), card.site_name, font=_font(True, 32), fill=BRAND, anchor="ls")
    for n, line in enumerate(title_lines(card.title)):
        draw.text((MARGIN, 200 + n * TITLE_LEADING), line, font=_font(True, TITLE_SIZE), fill=HEADLINE, anchor="ls")
    draw.text((MARGIN, HEIGHT - 110), card.published, font=_font(False, 30), fill=DETAIL, anchor="ls")
    draw.text((MARGIN, HEIGHT - 64), card.facts, font=_font(False, 30), fill=DETAIL, anchor="ls")
    palette = Image.new("P", (1, 1))
    palette.putpalette(_palette())
    out = io.BytesIO()
    image.quantize(palette=palette, dither=Image.Dither.NONE).save(out, "PNG", compress_level=1)
    return out.getvalue()


def card_key(card: Card) -> str:
    """What a card's PNG depends on: the card and :func:`_renderer` (equal keys, equal bytes)."""
    return hashlib.sha256("\x00".join((_renderer(), *astuple(card))).encode("utf-8")).hexdigest()


def cached_png(card: Card, folder: str | Path | None) -> bytes:
    """:func:`card_png`, drawn only when the card changed: the PNG is kept in ``folder/share-images/``
    under its :func:`card_key` (the index and the dossier cards are made on every build). A missing,
    unreadable or foreign entry is drawn again; ``folder`` None: no cache."""
    if folder is None:
        return card_png(card)
    path = Path(folder) / "share-images" / f"{card_key(card)}.png"
    try:
        data = path.read_bytes()
        if data.startswith(b"\x89PNG\r\n\x1a\n"):
            return data
    except OSError:
        pass
    data = card_png(card)
    try:
        write_atomically(path, data)
    except OSError:
        pass  # a read-only cache costs a drawing next time, nothing worse
    return data


def _counts(ngettext, *pairs: tuple[str, str, int]) -> str:
    return " · ".join(ngettext(one, many, n) % {"num": n} for one, many, n in pairs)


def site_card(site_name: str, explainers: list, dossiers: int, ngettext,
              folder: str | Path | None = None) -> bytes:
    """The site index's share image: the site's name, its newest explainer (headline and date: what
    is new there) and how many explainers and dossiers it holds."""
    newest = max(explainers, key=lambda e: (e.extraction.article.date is not None, e.extraction.article.date
                                             or 0, e.extraction.article.slug), default=None)
    facts = _counts(ngettext, ("%(num)d explainer", "%(num)d explainers", len(explainers)),
                    *([("%(num)d dossier", "%(num)d dossiers", dossiers)] if dossiers else []))
    title = newest.extraction.article.title if newest else site_name
    return cached_png(Card(site_name, title or site_name, newest.published if newest else "", facts), folder)


def dossier_card(view, site_name: str, ngettext, folder: str | Path | None = None) -> bytes:
    """A dossier's share image: its title, the dates of its first and last article, how much it holds."""
    explainers = [a.explainer for a in view.articles]
    dates = [e.published for e in explainers if e.extraction.article.date]
    span = dates[0] if len(set(dates)) <= 1 else f"{dates[0]} – {dates[-1]}"
    facts = _counts(ngettext, ("%(num)d article", "%(num)d articles", len(view.articles)),
                    ("%(num)d actor", "%(num)d actors", len(view.actors)),
                    ("%(num)d quote", "%(num)d quotes", len(view.quotes)))
    return cached_png(Card(site_name, view.title, span if dates else "", facts), folder)


def explainer_card(explainer, site_name: str, ngettext) -> Card:
    """An explainer's share card, with the counts in the UI language (``ngettext``). Drawn by the
    generator, or linked from the previous build when its :func:`card_key` is unchanged
    (:class:`.explainer_generator.RenderSession`): a new template or setting renders the pages again
    but seldom changes the card. Not kept in ``share-images/``: that would hold a second copy of
    every explainer's card."""
    extraction = explainer.extraction
    facts = _counts(ngettext, ("%(num)d actor", "%(num)d actors", len(extraction.actors)),
                    ("%(num)d quote", "%(num)d quotes", len(explainer.quotes)),
                    ("%(num)d date", "%(num)d dates", len(extraction.timeline)))
    return Card(site_name, extraction.article.title or "", explainer.published, facts)
