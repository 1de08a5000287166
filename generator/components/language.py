"""Language check: warn when an article does not look like the language it is declared in.

The rules and word lists are Dutch; on English or French text they still run (best effort) but miss
most cues. A cheap test suffices: in running Dutch news, function words ("de", "het", "en", "van")
make up well over a quarter of the words.
"""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

MIN_WORDS = 25  # too little text to judge
MIN_STOP_WORD_SHARE = 0.12


def stop_word_share(doc: Doc) -> float:
    """The share of alphabetic tokens that are stop words of the pipeline's language."""
    words = [t for t in doc if t.is_alpha]
    return sum(t.is_stop for t in words) / len(words) if words else 0.0


@Language.component("explainer_language_check")
def check_language(doc: Doc) -> Doc:
    n_words = sum(t.is_alpha for t in doc)
    if n_words >= MIN_WORDS:
        share = stop_word_share(doc)
        if share < MIN_STOP_WORD_SHARE:
            if doc._.warnings is None:
                doc._.warnings = []
            doc._.warnings.append(
                f"the text does not look like '{doc.lang_}' (only {share:.0%} common '{doc.lang_}' words); "
                "extraction is best effort — set the article's Lang if it is another language")
    return doc
