"""Every EXPLAINER_* default in one module, applied once (generator/site/settings.py)."""
from __future__ import annotations

import logging

from pelican.plugins.explainer.extraction.language import supported_languages
from pelican.plugins.explainer.site import settings as explainer_settings
from pelican.plugins.explainer.site.articles import html_to_text


def test_defaults_are_filled_in_and_the_old_dossier_titles_name_still_works(caplog):
    settings = {"DOSSIER_TITLES": {"beurzen": "Beurzen"}, "EXPLAINER_CACHE_PATH": "/abs/cache"}
    with caplog.at_level(logging.WARNING):
        explainer_settings.apply(settings)
    assert settings["EXPLAINER_DOSSIER_TITLES"] == {"beurzen": "Beurzen"} and "DOSSIER_TITLES" not in settings
    assert "deprecated" in caplog.text and "EXPLAINER_DOSSIER_TITLES" in caplog.text
    assert settings["EXPLAINER_ARTICLES"] == "supported" and settings["EXPLAINER_URL"] == "{base}{page}/"
    assert all(name.startswith("EXPLAINER_") for name in explainer_settings.DEFAULTS)


def test_dutch_is_a_supported_language():
    assert "nl" in supported_languages()


def test_html_to_text_keeps_paragraphs_and_headings_and_drops_code_tables_and_footnotes():
    html = ('<h2>Raad stemt in</h2>\n<p>De raad zei <em>ja</em>.<sup id="fnref:1"><a class="footnote-ref" '
            'href="#fn:1">1</a></sup></p>\n<pre><code>print("nee")</code></pre>\n<table><tr><td>Cel</td>'
            '</tr></table>\n<div class="footnote"><ol><li><p>Voetnoot.</p></li></ol></div>')
    text, blocks = html_to_text(html)
    assert text == "Raad stemt in\n\nDe raad zei ja."
    assert [(b.kind, text[b.start:b.end]) for b in blocks] == [("heading", "Raad stemt in"),
                                                                ("paragraph", "De raad zei ja.")]
