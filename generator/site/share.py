"""The share image of an explainer (``og:image``): a 1200×630 card drawn as SVG, rasterised to PNG.

What a link preview should say: the site, the headline, the publication date and how much the explainer
holds (actors, quotes, dates). Drawn with shapes and text only, so the PNG depends on nothing but the
card and the fonts; rasterised with resvg through the ``resvg-py`` wheel (no system libraries; the
system's sans-serif font, DejaVu on Debian). Same explainer, same fonts: the same bytes.
"""
from __future__ import annotations

from markupsafe import escape

SHARE_IMAGE = "share.png"  # next to explainer.json (``EXPLAINER_DATA_SAVE_AS``)
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


def explainer_card(explainer, site_name: str, ngettext) -> bytes:
    """An explainer's share image, with the counts in the UI language (``ngettext``)."""
    extraction = explainer.extraction
    counts = [ngettext("%(num)d actor", "%(num)d actors", len(extraction.actors)),
              ngettext("%(num)d quote", "%(num)d quotes", len(explainer.quotes)),
              ngettext("%(num)d date", "%(num)d dates", len(extraction.timeline))]
    facts = " · ".join(c % {"num": n} for c, n in zip(
        counts, (len(extraction.actors), len(explainer.quotes), len(extraction.timeline))))
    return share_png(share_svg(extraction.article.title or "", site_name, explainer.published, facts,
                               extraction.article.lang or "nl"))
