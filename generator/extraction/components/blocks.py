"""Paragraph and heading boundaries are always sentence boundaries.

A heading has no final full stop, so a punctuation-based sentencizer would glue it to the paragraph
under it; headline quotes and "heading words are not actors" both need the boundary.
"""
from __future__ import annotations

from spacy.attrs import IDX, IS_SPACE
from spacy.language import Language
from spacy.tokens import Doc

from .extensions import register_extensions

register_extensions()  # reads doc._.blocks, also when spacy.load finds this pipe by its entry point


@Language.component("explainer_blocks", assigns=["token.is_sent_start"])
def mark_block_starts(doc: Doc) -> Doc:
    if doc.has_annotation("DEP"):
        return doc  # a parser decided sentence starts already; they cannot be changed after it
    starts = {block.start for block in (doc._.blocks or [])}
    if not starts or len(doc) < 2:
        return doc
    # one array read instead of a Token object per token: this runs on every token of every article
    table = doc.to_array([IDX, IS_SPACE]).tolist()
    for i in range(1, len(table)):
        if table[i][0] in starts or (table[i - 1][1] and "\n\n" in doc[i - 1].text):
            doc[i].is_sent_start = True
    return doc
