"""Tokenising an article's text in time linear in its length.

spaCy's tokenizer peels prefixes and suffixes off each whitespace-separated chunk one character at a
time, re-scanning the rest each time: a chunk of 40,000 ``)`` takes minutes. Chunks longer than
:data:`MAX_CHUNK` characters (never a word; runs of punctuation, a pasted hash, a broken export) are cut
into pieces of :data:`PIECE` characters that are tokenised on their own and joined without adding
whitespace, so the Doc's text, and every offset into it, is the article's text unchanged. Text without
such chunks is tokenised exactly as before.
"""
from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

MAX_CHUNK = 200
PIECE = 50
_LONG_CHUNK = re.compile(r"\S{%d,}" % (MAX_CHUNK + 1))


def tokenize(nlp: Language, text: str) -> Doc:
    """``nlp.make_doc(text)``, with over-long chunks cut into pieces first."""
    if _LONG_CHUNK.search(text) is None:
        return nlp.make_doc(text)
    from spacy.tokens import Doc

    pieces, cursor = [], 0
    for match in _LONG_CHUNK.finditer(text):
        pieces.append(text[cursor:match.start()])
        pieces.extend(text[i:min(i + PIECE, match.end())] for i in range(match.start(), match.end(), PIECE))
        cursor = match.end()
    pieces.append(text[cursor:])
    return Doc.from_docs([nlp.make_doc(piece) for piece in pieces if piece], ensure_whitespace=False)
