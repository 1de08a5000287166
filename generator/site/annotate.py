"""The annotated article: the plain text as HTML with actor mentions linked, quotes and dates marked.

Every piece of article text is escaped here; article-supplied markup is shown as text, never run.
Quotes are the outer layer; mentions and dates nest inside them or stand alone. An inner mark that
would cross a quote's edge or another mark is left out rather than producing broken HTML.
"""
from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup, escape

from ..model import Extraction


@dataclass(frozen=True)
class Mark:
    start: int
    end: int
    open_tag: str
    close_tag: str


def _inner_marks(extraction: Extraction, actor_url) -> list[Mark]:
    marks = []
    for actor in extraction.actors:
        for index, (start, end) in enumerate(actor.mentions):
            marks.append(Mark(start, end,
                              f'<a class="mention mention-{actor.kind}" id="m-{actor.id}-{index + 1}" '
                              f'href="{escape(actor_url(actor))}">', "</a>"))
    for entry in extraction.timeline:
        spans = entry.sources or [(entry.start, entry.end)]
        for index, (start, end) in enumerate(spans):
            anchor = f' id="{entry.id}"' if index == 0 else ""
            marks.append(Mark(start, end, f'<time class="date"{anchor} datetime="{escape(entry.date)}">',
                              "</time>"))
    marks.sort(key=lambda m: (m.start, -m.end))
    kept, last_end = [], -1
    for mark in marks:
        if mark.start >= last_end:
            kept.append(mark)
            last_end = mark.end
    return kept


def _render_span(text: str, start: int, end: int, marks: list[Mark]) -> str:
    out, cursor = [], start
    for mark in marks:
        if mark.start < start or mark.end > end:
            continue
        out.append(str(escape(text[cursor:mark.start])))
        out.append(mark.open_tag + str(escape(text[mark.start:mark.end])) + mark.close_tag)
        cursor = mark.end
    out.append(str(escape(text[cursor:end])))
    return "".join(out)


def annotated_blocks(extraction: Extraction, actor_url, speaker_name) -> list[dict]:
    """One dict per block: ``kind``, ``anchor`` and ``html`` (safe markup)."""
    text = extraction.text
    inner = _inner_marks(extraction, actor_url)
    quotes = sorted(extraction.quotes, key=lambda q: q.start)
    blocks = []
    for number, block in enumerate(extraction.blocks, start=1):
        pieces, cursor = [], block.start
        for quote in quotes:
            if quote.start < block.start or quote.end > block.end or quote.start < cursor:
                continue
            inside = [m for m in inner if m.start >= quote.start and m.end <= quote.end]
            outside = [m for m in inner if m.end <= quote.start or m.start >= quote.end]
            pieces.append(_render_span(text, cursor, quote.start, outside))
            who = speaker_name(quote.speaker)
            title = f' title="{escape(who)}"' if who else ""
            pieces.append(f'<q class="quote" id="{quote.id}"{title}>'
                          f"{_render_span(text, quote.start, quote.end, inside)}</q>")
            cursor = quote.end
        outside = [m for m in inner if not any(q.start < m.end and m.start < q.end for q in quotes)]
        pieces.append(_render_span(text, cursor, block.end, outside))
        html = "".join(pieces).replace("\n", "<br>\n")
        blocks.append({"kind": block.kind, "anchor": f"p{number}", "html": Markup(html)})
    return blocks


def block_anchor(extraction: Extraction, offset: int) -> str:
    """The paragraph anchor (``p3``) that holds a character offset."""
    for number, block in enumerate(extraction.blocks, start=1):
        if block.start <= offset <= block.end:
            return f"p{number}"
    return "p1"
