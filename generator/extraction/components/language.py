"""Language check: warn when an article does not look like the language it is declared in.

The rules and word lists are Dutch; on English or French text they still run (best effort) but miss
most cues. A cheap test suffices: in running Dutch news, function words ("de", "het", "en", "van")
make up well over a quarter of the words.
"""
from __future__ import annotations

from spacy.attrs import IS_ALPHA, IS_STOP
from spacy.language import Language
from spacy.tokens import Doc

from .extensions import register_extensions

MIN_WORDS = 25  # too little text to judge
MIN_STOP_WORD_SHARE = 0.12


def _word_counts(doc: Doc) -> tuple[int, int]:
    """(alphabetic tokens, of which stop words), read as one array rather than token by token."""
    if not len(doc):
        return 0, 0
    table = doc.to_array([IS_ALPHA, IS_STOP]).astype(bool)
    return int(table[:, 0].sum()), int((table[:, 0] & table[:, 1]).sum())


def stop_word_share(doc: Doc) -> float:
    """The share of alphabetic tokens that are stop words of the pipeline's language."""
    words, stop_words = _word_counts(doc)
    return stop_words / words if words else 0.0


register_extensions()  # fills doc._.warnings, also when spacy.load finds this pipe by its entry point


@Language.component("explainer_language_check", assigns=["doc._.warnings"])
def check_language(doc: Doc) -> Doc:
    words, stop_words = _word_counts(doc)
    if words >= MIN_WORDS:
        share = stop_words / words
        if share < MIN_STOP_WORD_SHARE:
            if doc._.warnings is None:
                doc._.warnings = []
            doc._.warnings.append(
                f"the text does not look like '{doc.lang_}' (only {share:.0%} common '{doc.lang_}' words); "
                "extraction is best effort — set the article's Lang if it is another language")
    return doc
