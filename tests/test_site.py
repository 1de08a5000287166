"""A real Pelican build: every explainer page exists, carries its content and links resolve."""
from __future__ import annotations

import json
import re

import pytest

from gates import check_links

pytestmark = pytest.mark.slow  # builds whole sites (the fast tier: pytest -m "not slow")

SLUG = "poetin-macron-oekraine"


def test_every_page_type_exists(built_site):
    for page in ["index.html", f"{SLUG}/index.html", f"{SLUG}/tijdlijn/index.html",
                 f"{SLUG}/actoren/index.html", f"{SLUG}/citaten/index.html", f"{SLUG}/artikel/index.html",
                 f"{SLUG}/methode/index.html", f"{SLUG}/explainer.json", f"{SLUG}/timeline.json"]:
        assert (built_site / page).exists(), page
    actor_pages = list((built_site / SLUG / "actoren").glob("*/index.html"))
    data = json.loads((built_site / SLUG / "explainer.json").read_text(encoding="utf-8"))
    assert len(actor_pages) == len(data["actors"]) > 0


def test_pages_show_the_extraction(built_site):
    data = json.loads((built_site / SLUG / "explainer.json").read_text(encoding="utf-8"))
    quotes_html = (built_site / SLUG / "citaten" / "index.html").read_text(encoding="utf-8")
    for quote in data["quotes"]:
        assert f"#{quote['id']}" in quotes_html
    article_html = (built_site / SLUG / "artikel" / "index.html").read_text(encoding="utf-8")
    assert len(re.findall(r'<q [^>]*class="quote', article_html)) == len(data["quotes"])
    assert 'id="p1"' in article_html and 'class="mention' in article_html
    timeline_html = (built_site / SLUG / "tijdlijn" / "index.html").read_text(encoding="utf-8")
    assert timeline_html.count("<time datetime=") >= len(data["timeline"])
    assert '<html lang="nl">' in timeline_html
    index_html = (built_site / "index.html").read_text(encoding="utf-8")
    assert f'href="./{SLUG}/"' in index_html or f'{SLUG}/"' in index_html


def test_timelinejs_format(built_site):
    data = json.loads((built_site / SLUG / "timeline.json").read_text(encoding="utf-8"))
    assert data["events"]
    for event in data["events"]:
        assert isinstance(event["start_date"]["year"], int)
        assert event["text"]["text"]


def test_no_dead_internal_links_or_anchors(built_site):
    problems = check_links(built_site)
    assert not problems, problems[:10]


def test_no_article_markup_is_executed(built_site):
    for page in built_site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        # only scripts loaded from the site's own files, and JSON-LD data blocks
        for tag in re.findall(r"<script\b[^>]*>", html):
            assert "src=" in tag or "application/ld+json" in tag, (page, tag)
