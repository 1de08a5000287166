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


# --- the pages' URL segments: settings, with today's Dutch segments as defaults ----------------------

class _Article:
    slug, url, save_as, lang, date = "raad-stemt-in", "raad-stemt-in/", "raad-stemt-in/index.html", "nl", None


def test_page_urls_keep_the_dutch_segments_of_the_data_by_default_whatever_the_ui_language():
    from pelican.plugins.explainer.extraction.language import display_data
    from pelican.plugins.explainer.site.views import urls_for

    dutch = display_data("nl")["page_segments"]
    for ui in ("nl", "en"):
        urls = urls_for(_Article(), {"EXPLAINER_UI_LANG": ui})
        assert urls.page("timeline") == f"raad-stemt-in/{dutch['timeline']}/"
        assert urls.actor_save_as("a1") == f"raad-stemt-in/{dutch['actors']}/a1/index.html"
        assert urls.embed() == f"raad-stemt-in/{dutch['embed']}/"


def test_a_page_setting_moves_that_page_of_explainers_and_dossiers_and_its_actor_pages():
    from pelican.plugins.explainer.site.dossier_generator import DossierUrls
    from pelican.plugins.explainer.site.settings import page_segments
    from pelican.plugins.explainer.site.views import urls_for

    settings = {"EXPLAINER_ACTORS_PAGE": "actors", "EXPLAINER_OVERVIEW": "page",
                "EXPLAINER_OVERVIEW_PAGE": "summary"}
    urls = urls_for(_Article(), settings)
    assert urls.page("actors") == "raad-stemt-in/actors/" and urls.actor("a1") == "raad-stemt-in/actors/a1/"
    assert urls.overview == "raad-stemt-in/summary/"
    assert urls.page("quotes") == urls_for(_Article(), {}).page("quotes")  # the others stay
    dossier = DossierUrls("raad", page_segments(settings))
    assert dossier.page("actors") == "dossiers/raad/actors/"
    assert dossier.actor_save_as("a1") == "dossiers/raad/actors/a1/index.html"
