"""From an article to its :class:`~generator.model.Extraction`: run the pipeline, collect ``Doc._``.

This is a pure per-article function (same text, date and pipeline → same result), which is what makes
the on-disk cache and parallel runs safe.
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator

from spacy.language import Language
from spacy.tokens import Doc

from .model import Extraction
from .reading import ArticleSource


def make_doc(nlp: Language, source: ArticleSource) -> Doc:
    """A tokenised Doc carrying what the components need besides the text."""
    doc = nlp.make_doc(source.text)
    doc._.publication_date = source.meta.date
    doc._.blocks = list(source.blocks)
    doc._.warnings = []
    return doc


def doc_to_extraction(doc: Doc, source: ArticleSource) -> Extraction:
    return Extraction(
        article=source.meta,
        text=source.text,
        blocks=list(source.blocks),
        sentences=[(s.start_char, s.end_char) for s in doc.sents] if len(doc) else [],
        actors=list(doc._.actors or []),
        quotes=list(doc._.quotes or []),
        timeline=list(doc._.timeline or []),
        warnings=list(doc._.warnings or []),
    )


def extract(source: ArticleSource, nlp: Language) -> Extraction:
    """Extract actors, quotes and timeline from one article."""
    return doc_to_extraction(nlp(make_doc(nlp, source)), source)


def extract_many(sources: Iterable[ArticleSource], nlp: Language, batch_size: int = 16) -> Iterator[Extraction]:
    """Extract many articles with one pipeline, batched through ``nlp.pipe``."""
    sources = list(sources)
    docs = nlp.pipe((make_doc(nlp, s) for s in sources), batch_size=batch_size)
    for doc, source in zip(docs, sources):
        yield doc_to_extraction(doc, source)
