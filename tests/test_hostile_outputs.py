"""Hard to break, round two: no injected markup in any output format, no traceback, no article that
clobbers the site. Inputs are invented here (never texts from the development data)."""
from __future__ import annotations

import datetime as dt
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT
from pelican.plugins.explainer.model import Actor, ArticleMeta, Block, Extraction, Quote, TimelineEntry

BAD = '<img src=x onerror=alert(1)>"&'


def _extraction(title=BAD, ident="a1", kind="person") -> Extraction:
    text = "Piet Jansen zei op 3 mei 2021: “Het gaat goed.”"
    return Extraction(
        article=ArticleMeta(slug="proef", title=title, date=dt.date(2021, 5, 4)),
        text=text, blocks=[Block("paragraph", 0, len(text))],
        actors=[Actor(id=ident, name="Piet Jansen", kind=kind, mentions=[(0, 11)])],
        quotes=[Quote(id=ident, text="“Het gaat goed.”", start=31, end=len(text), speaker=ident)],
        timeline=[TimelineEntry(id=ident, date="2021-05-03", precision="day", expression="3 mei 2021",
                                start=19, end=29, summary=BAD)])


# --- item 8: escaping in every output format --------------------------------------------------

def test_timelinejs_text_fields_are_html_escaped():
    from pelican.plugins.explainer.site.timelinejs import timelinejs

    data = timelinejs(_extraction())
    texts = [data["title"]["text"]["headline"]]
    for event in data["events"]:
        texts += [event["text"]["headline"], event["text"]["text"], event["display_date"]]
    assert data["title"]["text"]["headline"] == "&lt;img src=x onerror=alert(1)&gt;&#34;&amp;"
    for text in texts:
        assert "<" not in text and ">" not in text and '"' not in text


def test_ids_and_kinds_from_the_cache_are_escaped_in_the_annotated_article():
    from pelican.plugins.explainer.site.annotate import annotated_blocks

    poisoned = '"><script>alert(1)</script>'
    html = str(annotated_blocks(_extraction(ident=poisoned, kind=poisoned), lambda a: "/x/", lambda s: None)[0]["html"])
    assert "<script" not in html and '"><' not in html


def test_control_characters_do_not_reach_the_text():
    from pelican.plugins.explainer.site.articles import html_to_text, plain

    text, blocks = html_to_text("<p>Een\x00 zin\x07 met\x1b[31m rommel\x85.</p><p>Twee\x0c</p>")
    assert text == "Een zin met[31m rommel.\n\nTwee"
    assert [text[b.start:b.end] for b in blocks] == ["Een zin met[31m rommel.", "Twee"]
    assert plain("Ti\x00tel\x1f") == "Titel"


def test_review_output_has_no_terminal_escape_sequences():
    from pelican.plugins.explainer.review import format_review, review_items

    extraction = _extraction(title="Kop\x1b]0;gekaapt\x07\x1b[2J")
    extraction.article.source_path = "art\x1b[31mikel.md"
    out = format_review(extraction, review_items(extraction), ["waar\x1b[1mschuwing\x9b2J"])
    assert "\x1b" not in out and "\x07" not in out and "\x9b" not in out
    assert "artikel.md" in out and "waarschuwing" in out


def test_feed_items_of_explainer_articles_are_sanitised():
    from feedgenerator import Atom1Feed, Rss201rev2Feed

    from pelican.plugins.explainer.site.writer import ExplainerWriter

    class Article:
        title = "Kop"
        url = "kop/"
        date = dt.datetime(2021, 5, 4, tzinfo=dt.timezone.utc)
        summary = '<p>Kort <a href="javascript:alert(1)">x</a><img src=x onerror=alert(2)></p>'
        explainer = object()

        def get_content(self, siteurl):
            return ('<p>Tekst<script>alert(3)</script><iframe src="javascript:alert(4)"></iframe>'
                    '<object data="x.swf"></object><a href="/ok/" onclick="alert(5)">ok</a></p>')

    writer = ExplainerWriter("/nonexistent", settings={"FEED_APPEND_REF": False, "TIMEZONE": "UTC",
                                                        "SITEURL": "https://example.org"})
    writer.site_url = "https://example.org"
    writer.urljoiner = lambda a, b: f"{a}/{b}"
    for kind in (Atom1Feed, Rss201rev2Feed):
        feed = kind(title="t", link="https://example.org/", description="")
        writer._add_item_to_the_feed(feed, Article())
        item = feed.items[0]
        out = " ".join(str(item.get(k) or "") for k in ("description", "content"))
        assert "Tekst" in out and 'href="/ok/"' in out
        for bad in ("<script", "<iframe", "<object", "javascript:", "onerror", "onclick"):
            assert bad not in out, (kind, bad, out)
