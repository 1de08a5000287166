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
from pelican.plugins.explainer.extraction.model import Actor, ArticleMeta, Block, Extraction, Quote, TimelineEntry

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
    from pelican.plugins.explainer.formats.timelinejs import timelinejs

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
    from pelican.plugins.explainer.editorial.review import format_review, review_items

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


# --- item 6: one line naming the file, never a traceback ---------------------------------------

BODY = "Piet Jansen zei gisteren in Gent: “Het gaat goed met de brug.” Volgende maand komt er meer.\n"


def cli(*args, cwd):
    return subprocess.run([sys.executable, "-m", "pelican.plugins.explainer", *map(str, args)], capture_output=True,
                          text=True, cwd=cwd, timeout=300, env={**os.environ, "EXPLAINER_SPACY_MODEL": "rules"})


def one_line_error(result, *words):
    assert result.returncode == 2, result.stderr[-2000:]
    assert "Traceback" not in result.stderr
    line = [x for x in result.stderr.splitlines() if x.startswith("explainer: ") and "warning" not in x]
    assert len(line) == 1, result.stderr
    for word in words:
        assert word in line[0], line[0]


@pytest.mark.parametrize("date", ["0001-01-01", "9999-12-30"])
def test_dates_at_the_ends_of_the_calendar_become_no_date_with_a_warning(tmp_path, date):
    from pelican.plugins.explainer.extraction.run import extract
    from pelican.plugins.explainer.extraction.nlp import load_pipeline
    from pelican.plugins.explainer.extraction.reading import read_article

    (tmp_path / "oud.md").write_text(f"Title: Oud\nDate: {date}\n\n{BODY}", encoding="utf-8")
    extraction = extract(read_article(tmp_path / "oud.md"), load_pipeline("rules", "nl"))
    assert any("outside the years" in w for w in extraction.warnings), extraction.warnings


def test_extract_out_onto_a_file_and_unsupported_languages_are_one_line(tmp_path):
    (tmp_path / "a.md").write_text(f"Title: A\nDate: 2022-01-28\nLang: NL\n\n{BODY}", encoding="utf-8")
    (tmp_path / "bestand").write_text("", encoding="utf-8")
    one_line_error(cli("extract", "a.md", "--out", "bestand", cwd=tmp_path), "bestand", "--out")
    result = cli("extract", "a.md", "--out", "uit", cwd=tmp_path)  # Lang: NL is Dutch
    assert result.returncode == 0, result.stderr
    assert json.loads((tmp_path / "uit" / "a.json").read_text(encoding="utf-8"))["article"]["lang"] == "nl"
    assert not [p for p in (tmp_path / "uit").iterdir() if p.name.endswith(".tmp")]
    (tmp_path / "b.md").write_text(f"Title: B\nDate: 2022-01-28\nLang: xx\n\n{BODY}", encoding="utf-8")
    one_line_error(cli("extract", "b.md", cwd=tmp_path), "b.md", "Lang", "'xx'")
    (tmp_path / "c.md").write_text(f"Title: C\nSlug: {'c' * 300}\n\n{BODY}", encoding="utf-8")
    one_line_error(cli("extract", "c.md", "--out", "uit", cwd=tmp_path), "c.md", "Slug", "too long")


def test_evaluate_errors_are_one_line(tmp_path):
    (tmp_path / "kapot.json").write_text("{kapot", encoding="utf-8")
    (tmp_path / "raar.json").write_text('{"documents": [{"tekst": 1}]}', encoding="utf-8")
    one_line_error(cli("evaluate", "kapot.json", cwd=tmp_path), "kapot.json", "JSON")
    one_line_error(cli("evaluate", "raar.json", cwd=tmp_path), "raar.json")
    one_line_error(cli("evaluate", "weg.json", cwd=tmp_path), "weg.json", "not found")
    one_line_error(cli("evaluate-ner", ".", cwd=tmp_path), "not a file")
    (tmp_path / "x.conll").write_text("Piet B-PER\n", encoding="utf-8")
    one_line_error(cli("evaluate-ner", "x.conll", cwd=tmp_path), "x.conll")


# --- site builds: item 6 and item 7 (output collisions) ------------------------------------------

def site(tmp_path, articles: dict[str, str]):
    content = tmp_path / "content"
    content.mkdir()
    for name, text in articles.items():
        (content / name).write_text(text, encoding="utf-8")
    conf = tmp_path / "pelicanconf.py"
    conf.write_text((ROOT / "pelicanconf.py").read_text(encoding="utf-8")
                    + f"\nPATH = {str(content)!r}\nTHEME = {str(ROOT / 'theme')!r}\n"
                    + f"EXPLAINER_CACHE_PATH = {str(tmp_path / 'cache')!r}\n", encoding="utf-8")
    return cli("build", "--settings", conf, "--output", tmp_path / "output", "--no-search", cwd=tmp_path)


@pytest.mark.slow
@pytest.mark.parametrize("header, words", [
    ("Save_as: index.html", ["Save_as", "index.html"]),
    ("Save_as: theme/js/search.js", ["Save_as", "theme/"]),
    ("Slug: pagefind", ["Slug", "pagefind/"]),
    ("Slug: dossiers", ["Slug", "dossiers/"]),
    ("Slug: " + "s" * 300, ["Slug", "too long"]),
    ("Slug: lang\nDossier: " + "d" * 300, ["Dossier", "too long"]),
])
def test_an_article_cannot_replace_site_files_or_name_files_too_long(tmp_path, header, words):
    result = site(tmp_path, {"goed.md": f"Title: Goed\nDate: 2022-01-28\nSlug: goed\n\n{BODY}",
                             "kwaad.md": f"Title: Kwaad\nDate: 2022-01-28\n{header}\n\n{BODY}"})
    one_line_error(result, "kwaad.md", "refused", *words)
    out = tmp_path / "output"  # the good article is published; the site's own files stay the site's
    assert (out / "goed" / "tijdlijn" / "index.html").is_file()
    assert "Kwaad" not in (out / "index.html").read_text(encoding="utf-8")
    assert not [p.name for p in out.iterdir() if p.name.startswith("sss") or p.name == "dossiers"]


@pytest.mark.slow
def test_an_explainer_cannot_replace_another_articles_page(tmp_path):
    result = site(tmp_path, {"a.md": f"Title: A\nDate: 2022-01-28\nSlug: a\n\n{BODY}",
                             "b.md": f"Title: B\nDate: 2022-01-28\nSlug: b\nSave_as: a/tijdlijn/index.html\n\n{BODY}"})
    one_line_error(result, "a.md", "b.md", "a/tijdlijn/index.html")


@pytest.mark.slow
def test_hostile_metadata_builds(tmp_path):
    """Uppercase Lang, calendar-edge dates, hidden articles and translations: a site, no traceback."""
    result = site(tmp_path, {
        "hoofd.md": f"Title: Hoofd\nDate: 2022-01-28\nSlug: hoofd\nLang: NL\n\n{BODY}",
        "oud.md": f"Title: Oud\nDate: 0001-01-01\nSlug: oud\n\n{BODY}",
        "ver.md": f"Title: Ver\nDate: 9999-12-30\nSlug: ver\n\n{BODY}",
        "stil.md": f"Title: Stil\nDate: 2022-01-28\nSlug: stil\nStatus: hidden\n\n{BODY}",
        "een.md": f"Title: Een\nDate: 2022-01-28\nSlug: een\nLang: nl\n\n{BODY}",
        "one.md": "Title: One\nDate: 2022-01-28\nSlug: een\nLang: en\n\nPiet said hello.\n",
        "nul.md": f"Title: Nul\x00kop\nDate: 2022-01-28\nSlug: nul\n\nPiet\x00 Jansen\x07 zei: “Goed\x1b[31m.”\n",
    })
    assert result.returncode == 0, result.stderr[-2000:]
    assert "Traceback" not in result.stderr
    out = tmp_path / "output"
    assert list((out).glob("hoofd*/tijdlijn/index.html")), sorted(p.name for p in out.iterdir())
    assert "outside the years" in result.stderr
    for page in out.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        assert "\x00" not in html and "\x07" not in html and "\x1b" not in html, page


# --- item 10: small ones ----------------------------------------------------------------------------

@pytest.mark.parametrize("text, key", [
    ("timeline:\n  - match: vrijdag\n    date: 2022-05-03\n    end_date: 2022-05-01\n", "timeline[0].end_date"),
    ("timeline:\n  - add: {date: 2022-05, end_date: 2021, summary: s}\n", "timeline[0].add.end_date"),
])
def test_corrections_refuse_an_end_date_before_the_date(text, key):
    from pelican.plugins.explainer.editorial.schema import parse_corrections
    from pelican.plugins.explainer.errors import InputError

    with pytest.raises(InputError) as caught:
        parse_corrections(text, "x.explainer.yaml")
    assert key in caught.value.line() and "before" in caught.value.line()
    parse_corrections(text.replace("end_date: 2022-05-01", "end_date: 2022-05-03")
                      .replace("end_date: 2021", "end_date: 2022-06"), "x.explainer.yaml")  # on or after: fine


def test_an_end_date_before_the_extracted_date_is_not_applied(tmp_path):
    from pelican.plugins.explainer.editorial.corrections import correct

    (tmp_path / "a.explainer.yaml").write_text("timeline:\n  - match: 3 mei 2021\n    end_date: 2020-01-01\n",
                                               encoding="utf-8")
    result = correct(_extraction(), tmp_path / "a.md")
    assert result.extraction.timeline[0].end_date is None
    assert any("before" in w for w in result.warnings)


def test_determinism_gate_catches_hash_seed_order_under_a_fixed_PYTHONHASHSEED(tmp_path, monkeypatch):
    from test_gates import fake_build, tiny_settings

    import gates

    monkeypatch.setenv("PYTHONHASHSEED", "0")
    seeded = fake_build("import sys, pathlib; o = pathlib.Path(sys.argv[2]); o.mkdir(parents=True); "
                        "(o / 'data.json').write_text(repr(list({'a%d' % i for i in range(50)})))")
    assert gates.check_deterministic(tiny_settings(tmp_path), command=seeded)


def test_preview_server_has_a_deep_listen_backlog():
    from pelican.plugins.explainer.build.preview import _Server

    assert _Server.request_queue_size >= 128
