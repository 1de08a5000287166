"""The name keys (generator/names.py): one key within an article, one across articles."""
from __future__ import annotations

from pelican.plugins.explainer.names import folded_name_key, name_key, name_words


def test_within_an_article_an_article_a_possessive_and_acronym_dots_do_not_make_another_name():
    assert name_key("de VVD") == name_key("VVD's") == name_key("V.V.D.") == "vvd"
    assert name_key("Het Streekblad") == "streekblad"
    assert name_key("Café Noordzee") == "café noordzee"  # accents stay: one writer, one spelling


def test_across_articles_accents_and_punctuation_fold_but_an_article_stays():
    assert folded_name_key("Café Noordzee") == folded_name_key("Cafe Noordzee") == "cafe noordzee"
    assert folded_name_key("V.S.") == "vs" and folded_name_key("Bakkerij Jansen B.V.") == "bakkerij jansen bv"
    assert folded_name_key("De Dorpsbode") == "de dorpsbode" != name_key("De Dorpsbode")


def test_the_shared_name_words_come_from_the_data_file():
    words = name_words()
    assert {"van", "der", "von"} <= words.particles and "gmbh" in words.legal_forms
    assert words.leading_article.match("The Guardian") and not words.leading_article.match("Theo Jansen")
    assert words.descriptive.match("de woordvoerder") and not words.descriptive.match("Veenstra")
