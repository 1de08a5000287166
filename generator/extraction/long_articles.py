"""Very long articles (a book, a pasted archive, a broken export — never ordinary news) in bounded memory.

Two levels, both cutting only where a sentence or paragraph ends, so the results keep the article's
exact text and every offset:

- An article of more than :data:`MAX_CHARS` characters is extracted in *text pieces*
  (:func:`split_source`): each piece is tokenised, run through the whole pipeline and turned into
  an :class:`~generator.extraction.model.Extraction` on its own, and its Doc freed before the next; then
  :func:`merge` joins the pieces' results, offsets shifted. The actors are resolved once over the
  mentions of every piece (so "Jansen" in the last piece still joins "Marieke Jansen" from the first),
  quotes and events are renumbered and point at those actors, events of one date merge, and the key
  figures are ranked again over the whole article (the lead is in the first piece only). A whole
  Doc of a 5 MB article (a million tokens, ~150 bytes each before any annotation) is never built.
  Smaller pieces are also faster (the trained components' cost grows faster than linearly in a Doc's
  length): a 1 MB one-line article took 149 s and 409 MB in 50,000-character pieces, 71 s and 309 MB
  in 25,000-character ones.
- A Doc of more than :data:`MAX_TOKENS` tokens (a piece of dense punctuation, or a long article given
  as one Doc) runs the trained components (tagger, NER, parser …) one stretch at a time
  (:func:`run_in_pieces`): their networks hold several arrays per token for a whole Doc at once.
"""
from __future__ import annotations

import dataclasses
import re
from typing import TYPE_CHECKING

from .model import Block, Extraction
from .reading import ArticleSource

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

MAX_TOKENS = 10_000
MAX_CHARS = 30_000  # about 5,000 words: longer than nearly any news article
_SENTENCE_END = re.compile(r"[.!?…][\"'”’»)\]]*\s+")
_ENDS = frozenset(".!?;:")


def is_long(doc: Doc) -> bool:
    return len(doc) > MAX_TOKENS


def _cut_points(doc: Doc) -> list[int]:
    """Token indices where pieces start: the last sentence-like end (a full stop, a line break) before
    each limit, or the limit itself in text without any."""
    points, start = [0], 0
    while len(doc) - start > MAX_TOKENS:
        limit = start + MAX_TOKENS
        cut = limit
        for index in range(limit - 1, start + MAX_TOKENS // 2, -1):
            token = doc[index]
            if token.text in _ENDS or "\n" in token.whitespace_ or token.is_space:
                cut = index + 1
                break
        points.append(cut)
        start = cut
    return points


def phases(nlp: Language) -> tuple[list, list, list]:
    """The pipeline in three runs: the components before the first trained one (sentence rules, whole
    Doc), the first to the last trained component (tagger, NER, parser …: piece by piece), the rest."""
    pipeline = list(nlp.pipeline)
    trained = [i for i, (_, component) in enumerate(pipeline) if hasattr(component, "model")]
    if not trained:
        return pipeline, [], []
    first, last = trained[0], trained[-1] + 1
    return pipeline[:first], pipeline[first:last], pipeline[last:]


def run_in_pieces(nlp: Language, doc: Doc) -> Doc:
    """``nlp(doc)`` for a long Doc: the trained components piece by piece, the others on the whole.
    The sentence starts set before the pieces are cut travel with them (``as_doc``) and back."""
    from spacy.tokens import Doc as DocClass

    before, trained, after = phases(nlp)
    for _, component in before:
        doc = component(doc)
    points = _cut_points(doc)
    pieces = []
    for start, end in zip(points, [*points[1:], len(doc)]):
        piece = doc[start:end].as_doc()
        for _, component in trained:
            piece = component(piece)
        pieces.append(piece)
    whole = DocClass.from_docs(pieces, ensure_whitespace=False)
    whole.user_data.update(doc.user_data)  # the article's own values (date, blocks) set before the pipeline
    for _, component in after:
        whole = component(whole)
    return whole


def is_very_long(source: ArticleSource) -> bool:
    return len(source.text) > MAX_CHARS


def _cut(text: str, start: int) -> int:
    """Where the piece from ``start`` ends: the last paragraph end, else sentence end, else space in
    the second half of the next :data:`MAX_CHARS` characters; the limit itself in text without any."""
    limit = start + MAX_CHARS
    if len(text) <= limit:
        return len(text)
    half = start + MAX_CHARS // 2
    newline = text.rfind("\n", half, limit)
    if newline >= 0:
        return newline + 1
    ends = [m.end() for m in _SENTENCE_END.finditer(text, half, limit)]
    if ends:
        return ends[-1]
    space = max(text.rfind(" ", half, limit), text.rfind("\t", half, limit))
    return space + 1 if space >= 0 else limit


def split_source(source: ArticleSource) -> list[tuple[int, ArticleSource]]:
    """(offset, piece) for each text piece of a very long article; a piece's blocks are the article's,
    clipped to it and shifted to its start."""
    pieces, start, text = [], 0, source.text
    while start < len(text):
        end = _cut(text, start)
        blocks = [Block(b.kind, max(b.start, start) - start, min(b.end, end) - start)
                  for b in source.blocks if b.end > start and b.start < end]
        pieces.append((start, dataclasses.replace(source, text=text[start:end], blocks=blocks)))
        start = end
    return pieces


def shift_mentions(mentions: list, chars: int, tokens: int, index: int) -> list:
    """A piece's actor mentions moved to the article's character and token offsets (``index``: how
    many mentions earlier pieces had, for ``acronym_of``)."""
    def moved(m):
        return dataclasses.replace(
            m, start=m.start + tokens, end=m.end + tokens, start_char=m.start_char + chars,
            end_char=m.end_char + chars, span=(m.span[0] + chars, m.span[1] + chars) if m.span else None,
            acronym_of=m.acronym_of + index if m.acronym_of is not None else None)
    return [moved(m) for m in mentions]


def _at(offsets, by: int):
    return (offsets[0] + by, offsets[1] + by) if offsets else offsets


def merge(source: ArticleSource, pieces: list[tuple[int, Extraction]], actors: list | None) -> Extraction:
    """One article's extraction from its pieces' (``offset``, extraction). ``actors``: resolved once
    over every piece's mentions (None: the pipeline has no actor component; the pieces' actors are
    joined by id). A quote's speaker and an event's actors follow their piece actor's first mention."""
    from .components.figures.rank import rank
    from .components.timeline.events import sort_key  # imports spaCy: only when an article is this long

    if actors is None:
        by_id: dict[str, object] = {}
        for offset, piece in pieces:
            for actor in piece.actors:
                mentions = [_at(m, offset) for m in actor.mentions]
                if actor.id in by_id:
                    by_id[actor.id].mentions.extend(mentions)
                else:
                    by_id[actor.id] = dataclasses.replace(actor, mentions=mentions)
        actors = list(by_id.values())
    owner = {mention: actor.id for actor in actors for mention in actor.mentions}
    quotes, events, sentences, warnings, figures, headline = [], {}, [], {}, [], []
    for offset, piece in pieces:
        ids = {}
        for actor in piece.actors:
            found = (owner.get(_at(m, offset)) for m in actor.mentions)
            ids[actor.id] = next((i for i in found if i is not None), None)
        for quote in piece.quotes:
            quotes.append(dataclasses.replace(
                quote, id=f"q{len(quotes) + 1}", start=quote.start + offset, end=quote.end + offset,
                speaker=ids.get(quote.speaker) if quote.speaker else None, cue=_at(quote.cue, offset),
                speaker_span=_at(quote.speaker_span, offset)))
        for entry in piece.timeline:
            involved = [ids.get(i) for i in entry.actors]
            sources = [_at(s, offset) for s in entry.sources]
            same = events.get((entry.date, entry.end_date, entry.precision))
            if same is None:
                events[(entry.date, entry.end_date, entry.precision)] = dataclasses.replace(
                    entry, start=entry.start + offset, end=entry.end + offset, sources=sources,
                    summary_span=_at(entry.summary_span, offset), actors=list(dict.fromkeys(i for i in involved if i)))
            else:  # one date, one event: as the timeline component groups within a piece
                same.sources.extend(sources)
                same.actors.extend(i for i in involved if i and i not in same.actors)
                same.certain = same.certain and entry.certain
        for figure in piece.figures:
            if figure.start < 0:
                headline.append(figure)  # each piece has the same headline
            else:
                figures.append(dataclasses.replace(figure, start=figure.start + offset, end=figure.end + offset))
        sentences.extend(_at(s, offset) for s in piece.sentences)
        warnings.update(dict.fromkeys(piece.warnings))
    timeline = sorted(events.values(), key=lambda t: sort_key(t.date, t.precision, t.end_date, t.start))
    for number, entry in enumerate(timeline, 1):
        entry.id = f"t{number}"
    lead = next((b for b in source.blocks if b.kind == "paragraph"), None)
    return Extraction(article=source.meta, text=source.text, blocks=list(source.blocks), sentences=sentences,
                      actors=actors, quotes=quotes, timeline=timeline,
                      figures=rank(figures, headline, lead.end if lead else 0), warnings=list(warnings))
