"""Quotes (baseline): text between curly or LaTeX-style quote marks, unattributed."""
from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

from ..model import Quote

QUOTE_PATTERN = re.compile(r"“([^”]+)”|``(.+?)''", re.S)


class QuoteExtractor:
    def __init__(self, nlp: Language, name: str, lang: str):
        self.lang = lang

    def __call__(self, doc: Doc) -> Doc:
        quotes = []
        for match in QUOTE_PATTERN.finditer(doc.text):
            group = 1 if match.group(1) is not None else 2
            start, end = match.span(group)
            quotes.append(Quote(id=f"q{len(quotes) + 1}", text=doc.text[start:end], start=start, end=end,
                                speaker=None, partial=False))
        doc._.quotes = quotes
        return doc


@Language.factory("explainer_quotes", default_config={"lang": "nl"})
def make_quote_extractor(nlp: Language, name: str, lang: str) -> QuoteExtractor:
    return QuoteExtractor(nlp, name, lang)
