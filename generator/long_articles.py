"""Running the statistical components over a very long article in pieces, so memory stays bounded.

spaCy's networks hold several arrays per token for a whole Doc at once: about 4 GB for a 1 MB
article in one piece. An article of more than :data:`MAX_TOKENS` tokens (a book, a pasted archive,
a broken export — never ordinary news) is cut into pieces at sentence-like ends, the trained
components (tagger, NER, parser …) run on one piece at a time, and the pieces are joined back into
one Doc with the article's exact text, on which the rule components then run as usual. Articles
under the limit go through ``nlp.pipe`` exactly as before.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

MAX_TOKENS = 10_000
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
