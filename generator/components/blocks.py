"""Paragraph and heading boundaries are always sentence boundaries.

A heading has no final full stop, so a punctuation-based sentencizer would glue it to the paragraph
under it; headline quotes and "heading words are not actors" both need the boundary.
"""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc


@Language.component("explainer_blocks")
def mark_block_starts(doc: Doc) -> Doc:
    if doc.has_annotation("DEP"):
        return doc  # a parser decided sentence starts already; they cannot be changed after it
    starts = {block.start for block in (doc._.blocks or [])}
    if not starts:
        return doc
    for token in doc:
        if token.idx in starts and token.i > 0:
            token.is_sent_start = True
        elif token.i > 0 and doc[token.i - 1].is_space and "\n\n" in doc[token.i - 1].text:
            token.is_sent_start = True
    return doc
