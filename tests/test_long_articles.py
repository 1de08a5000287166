"""A very long article runs through the trained components in pieces and comes back as one Doc."""
from __future__ import annotations

import datetime as dt

import pytest

from pelican.plugins.explainer.extraction import long_articles
from pelican.plugins.explainer.extraction.run import extract_many
from pelican.plugins.explainer.extraction.nlp import load_pipeline
from pelican.plugins.explainer.extraction.model import ArticleMeta, Block
from pelican.plugins.explainer.extraction.reading import ArticleSource

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


PARAGRAPHS = ("Wethouder Marieke Jansen van Zwolle sprak dinsdag met de provincie Overijssel. "
              '"We bouwen de brug in 2025," zei Jansen na afloop. Volgens de gemeente kost het 3 miljoen euro.\n\n'
              "Directeur Kees de Wit van het waterschap reageerde op 4 maart 2024. “Dat is te laat,” aldus De Wit. "
              "Jansen wil vrijdag opnieuw praten met De Wit.\n\n")


def _paragraphs(text: str) -> ArticleSource:
    blocks, start = [], 0
    for paragraph in text.split("\n\n"):
        if paragraph:
            blocks.append(Block("paragraph", start, start + len(paragraph)))
        start += len(paragraph) + 2
    meta = ArticleMeta(slug="lang", title="Lang", date=dt.date(2024, 5, 7))
    return ArticleSource(meta=meta, text=text, blocks=blocks, metadata={})


def _summary(extraction):
    names = {actor.id: actor.name for actor in extraction.actors}
    return ([(a.name, a.kind, a.mentions, a.roles) for a in extraction.actors],
            [(q.id, q.start, q.end, q.cue, names.get(q.speaker)) for q in extraction.quotes],
            [(t.id, t.date, t.start, t.sources, sorted(names[i] for i in t.actors)) for t in extraction.timeline],
            extraction.sentences, extraction.figures)


def test_a_very_long_article_extracted_in_text_pieces_equals_the_whole(nlp, monkeypatch):
    from pelican.plugins.explainer.extraction.run import extract

    source = _paragraphs(PARAGRAPHS * 6 + "Langs de nieuwe brug komen 140 lantaarnpalen.\n\n")
    whole = extract(source, nlp)
    assert [f.text for f in whole.figures] == ["3 miljoen euro", "140 lantaarnpalen"]  # the lead's first
    monkeypatch.setattr(long_articles, "MAX_CHARS", 700)
    pieces = long_articles.split_source(source)
    assert len(pieces) >= 3
    assert "".join(piece.text for _, piece in pieces) == source.text
    assert all(source.text[offset - 2:offset] == "\n\n" for offset, _ in pieces[1:])  # at paragraph ends
    in_pieces = extract(source, nlp)
    assert in_pieces.text == source.text
    assert _summary(in_pieces) == _summary(whole)  # a surname in a later piece still joins its full name


def test_a_text_without_paragraphs_is_cut_after_a_sentence(monkeypatch):
    monkeypatch.setattr(long_articles, "MAX_CHARS", 100)
    text = "De raad vergaderde lang. " * 20
    pieces = long_articles.split_source(_paragraphs(text))
    assert "".join(piece.text for _, piece in pieces) == text
    assert all(piece.text.endswith(". ") for _, piece in pieces)
    assert all(len(piece.text) <= 100 for _, piece in pieces)
