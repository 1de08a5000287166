"""Tokenising stays linear: over-long chunks are cut, the text and its offsets are unchanged."""
from __future__ import annotations

import pytest

from pelican.plugins.explainer.extraction.nlp import load_pipeline
from pelican.plugins.explainer.extraction.tokenization import MAX_CHUNK, tokenize


@pytest.fixture(scope="module")
def nlp():
    return load_pipeline("rules")


def test_ordinary_text_is_tokenised_exactly_as_spacy_does(nlp):
    text = "De minister zei dinsdag: ,,Dit is https://example.org/een/adres?x=1 en niets meer.''"
    assert [t.text for t in tokenize(nlp, text)] == [t.text for t in nlp.make_doc(text)]


@pytest.mark.parametrize("run", [")" * 30_000, "ab," * 10_000, "'" * 20_000])
def test_a_long_run_of_punctuation_is_cut_into_short_tokens_and_keeps_the_text(nlp, run):
    text = f"Hij zei het al {run} en ging weg."
    doc = tokenize(nlp, text)  # benchmarks/hostile.py times this (minutes before chunks were cut)
    assert doc.text == text
    assert max(len(token) for token in doc) <= MAX_CHUNK
    assert [t.text for t in doc[:4]] == ["Hij", "zei", "het", "al"]
