"""The annotated article: the plain text as HTML with actor mentions linked, quotes and dates marked.

Every piece of article text is escaped here; article-supplied markup is shown as text, never run.
Ids and kinds are escaped too: they may come from the extraction cache, which is data read from disk.
Quotes are the outer layer; mentions and dates nest inside them or stand alone. An inner mark that
would cross a quote's edge or another mark is left out rather than producing broken HTML.
"""
from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass

from markupsafe import Markup, escape

from ..extraction.model import Extraction


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
                              f'<a class="mention mention-{escape(actor.kind)}" id="m-{escape(actor.id)}-{index + 1}" '
                              f'href="{escape(actor_url(actor))}">', "</a>"))
    for entry in extraction.timeline:
        spans = entry.sources or [(entry.start, entry.end)]
        for index, (start, end) in enumerate(spans):
            anchor = f' id="{escape(entry.id)}"' if index == 0 else ""
            marks.append(Mark(start, end, f'<time class="date"{anchor} datetime="{escape(entry.date)}">',
                              "</time>"))
    marks.sort(key=lambda m: (m.start, -m.end))
    kept, last_end = [], -1
    for mark in marks:
        if mark.start >= last_end:
            kept.append(mark)
            last_end = mark.end
    return kept


def _render_span(text: str, start: int, end: int, marks: list[Mark], starts: list[int]) -> str:
    """``text[start:end]`` escaped, with the marks that lie wholly inside it. ``marks`` are sorted and
    do not overlap (so their ends rise with their starts); ``starts`` are their starts, for bisection:
    each span costs its own length plus its marks, never a scan of the whole article."""
    out, cursor = [], start
    for index in range(bisect_left(starts, start), len(marks)):
        mark = marks[index]
        if mark.end > end:
            break
        out.append(str(escape(text[cursor:mark.start])))
        out.append(mark.open_tag + str(escape(text[mark.start:mark.end])) + mark.close_tag)
        cursor = mark.end
    out.append(str(escape(text[cursor:end])))
    return "".join(out)


def _overlaps_any(marks: list[Mark], quotes: list) -> list[bool]:
    """For each mark, whether it overlaps any quote: one sweep over both sorted lists."""
    intervals = sorted((q.start, q.end) for q in quotes)
    result, index, reach = [], 0, -1  # reach: the furthest end of the quotes that start before the mark ends
    for mark in marks:  # sorted by start, non-overlapping: mark.end rises too
        while index < len(intervals) and intervals[index][0] < mark.end:
            reach = max(reach, intervals[index][1])
            index += 1
        result.append(reach > mark.start)
    return result


def annotated_blocks(extraction: Extraction, actor_url, speaker_name, quotes=None) -> list[dict]:
    """One dict per block: ``kind``, ``anchor`` and ``html`` (safe markup); ``quotes``: the quotes to
    mark (default: all the extraction's). Linear in the article's length plus its marks (a 1 MB
    article with thousands of quotes must not take minutes)."""
    text = extraction.text
    inner = _inner_marks(extraction, actor_url)
    starts = [m.start for m in inner]
    quotes = sorted(extraction.quotes if quotes is None else quotes, key=lambda q: q.start)
    quote_starts = [q.start for q in quotes]
    free = [m for m, inside_a_quote in zip(inner, _overlaps_any(inner, quotes)) if not inside_a_quote]
    free_starts = [m.start for m in free]
    blocks = []
    for number, block in enumerate(extraction.blocks, start=1):
        pieces, cursor = [], block.start
        for index in range(bisect_left(quote_starts, block.start), len(quotes)):
            quote = quotes[index]
            if quote.start > block.end:
                break
            if quote.end > block.end or quote.start < cursor:
                continue
            pieces.append(_render_span(text, cursor, quote.start, inner, starts))
            # the speaker as a visible label after the quote (not a hover title: touch and
            # keyboard readers never see those)
            who = speaker_name(quote.speaker) or quote.speaker_label or ""
            pieces.append(f'<q class="quote" id="{escape(quote.id)}">'
                          f"{_render_span(text, quote.start, quote.end, inner, starts)}</q>")
            if who and not _named_nearby(text, quote, who):
                pieces.append(f'<small class="quote-speaker" data-pagefind-ignore>({escape(who)})</small>')
            cursor = quote.end
        pieces.append(_render_span(text, cursor, block.end, free, free_starts))
        html = "".join(pieces).replace("\n", "<br>\n")
        blocks.append({"kind": block.kind, "anchor": f"p{number}", "html": Markup(html)})
    return blocks


def _named_nearby(text: str, quote, who: str) -> bool:
    """Whether the words right after the quote already name its speaker ("…”, aldus Stoltenberg")."""
    after = text[quote.end:quote.end + 60].casefold()
    return any(part.casefold() in after for part in who.split()[-1:])


def block_anchor(extraction: Extraction, offset: int) -> str:
    """The paragraph anchor (``p3``) that holds a character offset."""
    blocks = extraction.blocks  # in text order, not overlapping
    index = bisect_left([block.end for block in blocks], offset)
    if index < len(blocks) and blocks[index].start <= offset:
        return f"p{index + 1}"
    return "p1"
