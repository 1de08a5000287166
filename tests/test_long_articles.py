"""A very long article runs through the trained components in pieces and comes back as one Doc."""
from __future__ import annotations

import datetime as dt

import pytest

from pelican.plugins.explainer import long_articles
from pelican.plugins.explainer.extraction import extract_many
from pelican.plugins.explainer.nlp import load_pipeline
from pelican.plugins.explainer.model import ArticleMeta, Block
from pelican.plugins.explainer.reading import ArticleSource

SENTENCES = ("Minister Hugo de Jonge sprak dinsdag in Utrecht met de burgemeester. "
             '"We gaan dit samen oplossen," zei De Jonge na afloop. ')


@pytest.fixture(scope="module")
def nlp():
    return load_pipeline("default")


def _source(text: str) -> ArticleSource:
    meta = ArticleMeta(slug="lang", title="Lang", date=dt.date(2024, 5, 7))
    return ArticleSource(meta=meta, text=text, blocks=[Block("paragraph", 0, len(text))], metadata={})


def test_a_long_article_is_cut_at_sentence_ends_and_keeps_its_text(nlp, monkeypatch):
    monkeypatch.setattr(long_articles, "MAX_TOKENS", 60)
    text = SENTENCES * 12
    doc = nlp.make_doc(text)
    assert long_articles.is_long(doc)
    points = long_articles._cut_points(doc)
    assert len(points) > 3 and all(doc[p - 1].text == "." for p in points[1:])
    whole = long_articles.run_in_pieces(nlp, doc)
    assert whole.text == text
    assert {ent.text for ent in whole.ents} >= {"Hugo de Jonge", "Utrecht"}


def test_extraction_of_a_long_article_finds_every_quote_and_speaker(nlp, monkeypatch):
    monkeypatch.setattr(long_articles, "MAX_TOKENS", 60)
    text = SENTENCES * 12
    [extraction] = list(extract_many([_source(text)], nlp))
    assert extraction.text == text
    assert len(extraction.quotes) == 12
    speakers = {q.speaker for q in extraction.quotes}
    [actor] = [a for a in extraction.actors if a.id in speakers]
    assert "Jonge" in actor.name


def test_every_trained_component_runs_piece_by_piece_and_the_sentence_rules_on_the_whole(nlp):
    before, trained, after = long_articles.phases(nlp)
    names = [name for name, _ in trained]
    assert {"ner", "morphologizer"} <= set(names)
    assert all(hasattr(component, "model") for _, component in [trained[0], trained[-1]])
    assert not any(hasattr(component, "model") for _, component in before + after)
    assert "explainer_quotes" in [name for name, _ in after]
