"""The theme and the site layer's pure parts: translations, JSON-LD, Open Graph, SVG charts, key figures.

Site-level checks use the Dutch ``built_site`` build and one English, absolute-URL build (the
``EXPLAINER_UI_LANG = "en"`` setting, as for publishing with ``SITEURL``).
"""
from __future__ import annotations

import datetime as dt
import json
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path
from xml.etree import ElementTree

import pytest
from babel.messages.pofile import read_po
from jinja2.ext import babel_extract

from pelican.plugins.explainer.extraction.model import Actor, ArticleMeta, Block, Extraction, KeyFigure, Quote
from pelican.plugins.explainer.formats import dates
from pelican.plugins.explainer.site import jsonld, svg
from pelican.plugins.explainer.site.views import build_explainer, telling_quotes

pytestmark = pytest.mark.slow  # builds whole sites (the fast tier: pytest -m "not slow")

ROOT = Path(__file__).resolve().parent.parent
TEMPLATES = ROOT / "theme" / "templates"
LOCALE = ROOT / "generator" / "site" / "locale"
SLUG = "poetin-macron-oekraine"
PAGES = ["index.html", f"{SLUG}/index.html", f"{SLUG}/tijdlijn/index.html", f"{SLUG}/actoren/index.html",
         f"{SLUG}/citaten/index.html", f"{SLUG}/artikel/index.html", f"{SLUG}/methode/index.html"]
EVIL = '</script><!-- <b onmouseover="x()">&</b>'


# ------------------------------------------------------------------ helpers


class Page(HTMLParser):
    """Tags with their attributes, JSON-LD blocks and text of one HTML page."""

    def __init__(self, html: str):
        super().__init__()
        self.tags: list[tuple[str, dict]] = []
        self.jsonld: list[dict] = []
        self._in_ld = False
        self._buffer: list[str] = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.tags.append((tag, attrs))
        if tag == "script" and attrs.get("type") == "application/ld+json":
            self._in_ld, self._buffer = True, []

    def handle_endtag(self, tag):
        if tag == "script" and self._in_ld:
            self.jsonld.append(json.loads("".join(self._buffer)))
            self._in_ld = False

    def handle_data(self, data):
        if self._in_ld:
            self._buffer.append(data)

    def find(self, tag: str, **attrs) -> list[dict]:
        return [a for t, a in self.tags if t == tag and all(a.get(k) == v for k, v in attrs.items())]

    def meta(self, prop: str) -> str | None:
        found = self.find("meta", property=prop) or self.find("meta", name=prop)
        return found[0].get("content") if found else None


def load(site: Path, name: str) -> tuple[str, Page]:
    html = (site / name).read_text(encoding="utf-8")
    return html, Page(html)


def template_msgids() -> set:
    ids = set()
    for path in [*TEMPLATES.glob("*.html"), *(ROOT / "generator" / "templates").glob("*.html")]:
        with path.open("rb") as handle:
            for _, _, message, _ in babel_extract(handle, ("_", "gettext", "ngettext"), [], {}):
                if message is None:
                    continue
                ids.add(message if isinstance(message, str) else next(m for m in message if m))
    return ids


@pytest.fixture(scope="module")
def english_site(built_site, tmp_path_factory) -> Path:
    """The same content built with an English UI and absolute URLs (reusing the extraction cache)."""
    from pelican.plugins.explainer.build.atomic import build_site

    work = tmp_path_factory.mktemp("site-en")
    shutil.copytree(ROOT / "content", work / "content")
    conf = work / "pelicanconf.py"
    conf.write_text((ROOT / "pelicanconf.py").read_text(encoding="utf-8")
                    + f"\nPATH = {str(work / 'content')!r}\nTHEME = {str(ROOT / 'theme')!r}\n"
                    + f"EXPLAINER_CACHE_PATH = {str(built_site.parent / 'cache')!r}\n"
                    + "EXPLAINER_UI_LANG = 'en'\nSITEURL = 'https://example.org/explainers'\n"
                    + "RELATIVE_URLS = False\n", encoding="utf-8")
    return build_site(conf, work / "output", search=False)


# ------------------------------------------------------------------ translations


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_catalogues_cover_every_template_message(lang):
    path = LOCALE / lang / "LC_MESSAGES" / "messages.po"
    with path.open("rb") as handle:
        catalog = read_po(handle, locale=lang)
    translated = {m.id if isinstance(m.id, str) else m.id[0] for m in catalog if m.id and m.string
                  and (m.string if isinstance(m.string, str) else all(m.string))}
    missing = template_msgids() - translated
    assert not missing, sorted(missing)


def test_dutch_ui(built_site):
    for name in PAGES:
        html, page = load(built_site, name)
        for english in ("Skip to content", "Explainer sections", "in the article", "Speaker unknown", ">Overview<"):
            assert english not in html, f"{name}: untranslated {english!r}"
    html, _ = load(built_site, f"{SLUG}/tijdlijn/index.html")
    assert "Naar de inhoud" in html and ">Tijdlijn<" in html and "januari 2022" in html
    assert '<html lang="nl">' in load(built_site, "index.html")[0]


def test_english_ui(english_site):
    html, page = load(english_site, f"{SLUG}/tijdlijn/index.html")
    assert "Skip to content" in html and ">Timeline</a>" in html and "Naar de inhoud" not in html
    assert "January 2022" in html  # Babel dates in the UI language
    assert '<html lang="nl">' in html  # the article's language
    assert page.find("header", lang="en"), "UI chrome in another language than the page says so"
    index_html, _ = load(english_site, "index.html")
    assert '<html lang="en">' in index_html and "All explainers" in index_html


# ------------------------------------------------------------------ head: OG, canonical, JSON-LD


def test_open_graph_and_canonical(built_site, english_site):
    _, page = load(english_site, f"{SLUG}/index.html")
    assert page.meta("og:type") == "article"
    assert page.meta("og:title")
    assert page.meta("og:url") == f"https://example.org/explainers/{SLUG}/"
    assert page.meta("og:locale") == "nl_NL"
    assert page.meta("article:published_time") == "2022-01-28"
    assert page.find("link", rel="canonical")[0]["href"] == f"https://example.org/explainers/{SLUG}/"
    _, actor_page = load(english_site, next(str(p.relative_to(english_site)) for p in
                                            (english_site / SLUG / "actoren").glob("*/index.html")))
    assert actor_page.find("link", rel="canonical")[0]["href"].startswith(f"https://example.org/explainers/{SLUG}/actoren/")
    # relative builds give no (wrong) absolute URLs
    _, relative = load(built_site, f"{SLUG}/index.html")
    assert not relative.find("link", rel="canonical") and relative.meta("og:url") is None
    assert relative.meta("og:type") == "article"


def test_jsonld(built_site, english_site):
    _, overview = load(english_site, f"{SLUG}/index.html")
    article = overview.jsonld[0]
    assert article["@type"] == "NewsArticle"
    assert article["headline"] and article["datePublished"] == "2022-01-28" and article["inLanguage"] == "nl"
    assert article["isBasedOn"].startswith("https://example.org/explainers/")
    assert {m["@type"] for m in article["mentions"]} <= {"Person", "Organization", "Country", "Place"}
    _, timeline = load(built_site, f"{SLUG}/tijdlijn/index.html")
    items = timeline.jsonld[0]
    assert items["@type"] == "ItemList" and items["itemListElement"]
    assert all(i["item"]["@type"] == "Event" and i["item"]["startDate"] for i in items["itemListElement"])
    _, quotes = load(built_site, f"{SLUG}/citaten/index.html")
    graph = quotes.jsonld[0]["@graph"]
    assert graph and all(q["@type"] == "Quotation" for q in graph)
    assert any(q.get("creator", {}).get("@type") for q in graph)
    for path in (built_site / SLUG / "actoren").glob("*/index.html"):
        _, actor = load(built_site, str(path.relative_to(built_site)))
        assert actor.jsonld[0]["@type"] in {"Person", "Organization", "Country", "Place"}


def test_jsonld_cannot_break_out_of_its_script():
    text = jsonld.dumps_for_script({"name": EVIL})
    assert "</" not in text and "<!--" not in text
    assert json.loads(text)["name"] == EVIL
    block = str(jsonld.script({"name": EVIL}))
    assert block.count("</script>") == 1


# ------------------------------------------------------------------ CSP, search, structure


def test_no_inline_script_or_style(built_site):
    for path in built_site.rglob("*.html"):
        html = path.read_text(encoding="utf-8")
        page = Page(html)
        assert "Content-Security-Policy" in html
        assert not re.search(r"\sstyle=", html), f"{path}: inline style attribute"
        assert "<style" not in html, f"{path}: inline <style>"
        for attrs in page.find("script"):
            assert attrs.get("type") == "application/ld+json" or attrs.get("src"), f"{path}: inline script"
        assert not re.search(r"\son[a-z]+=", html), f"{path}: event handler attribute"


def test_pagefind_marks_and_landmarks(built_site):
    indexed = {f"{SLUG}/index.html", f"{SLUG}/citaten/index.html", f"{SLUG}/artikel/index.html"}
    indexed |= {str(p.relative_to(built_site)) for p in (built_site / SLUG / "actoren").glob("*/index.html")}
    for name in indexed:
        html, page = load(built_site, name)
        assert "data-pagefind-body" in html, name
    for name in PAGES + sorted(indexed):
        _, page = load(built_site, name)
        assert page.find("header") and page.find("main", id="main") and page.find("footer") and page.find("nav")
        assert page.find("a", href="#main"), f"{name}: skip link"
    index_html, index = load(built_site, "index.html")
    assert index.find("form", role="search") and index.find("input", type="search")
    assert index.find("script", src="./theme/js/search.js") or "theme/js/search.js" in index_html
    assert (built_site / "theme" / "js" / "search.js").exists()


def test_overview_sections(built_site):
    html, page = load(built_site, f"{SLUG}/index.html")
    assert "ruim 100.000" in html and "Russische soldaten" in html  # key figures
    for section in ("tijdlijn/", "actoren/", "citaten/", "artikel/", "methode/"):
        assert any(a.get("href", "").endswith(section) for a in page.find("a")), section
    assert html.count('class="quote-figure') >= 1 and 'class="timeline"' in html


def test_timeline_page(built_site):
    html, page = load(built_site, f"{SLUG}/tijdlijn/index.html")
    assert "<ol class=\"timeline\">" in html
    assert "op de dag nauwkeurig" in html and "op het jaar nauwkeurig" in html
    assert 'class="timeline-item precision-year period"' in html


def test_charts_are_accessible_svg(built_site):
    for name, css in [(f"{SLUG}/tijdlijn/index.html", "time-axis"), (f"{SLUG}/actoren/index.html", "network"),
                      (f"{SLUG}/citaten/index.html", "bars")]:
        html, page = load(built_site, name)
        svgs = [a for t, a in page.tags if t == "svg" and css in a.get("class", "")]
        assert len(svgs) == 1, name
        attrs = svgs[0]
        assert attrs["role"] == "img" and attrs["viewbox"].startswith("0 0 ")
        title_id, desc_id = attrs["aria-labelledby"].split()
        assert page.find("title", id=title_id) and page.find("desc", id=desc_id)
        ElementTree.fromstring(re.search(r"<svg.*?</svg>", html, re.S).group(0))  # well-formed
    _, actors = load(built_site, f"{SLUG}/actoren/index.html")
    assert actors.find("table")  # the network's data as a table
    _, quotes = load(built_site, f"{SLUG}/citaten/index.html")
    assert quotes.find("table")


# ------------------------------------------------------------------ pure functions


def _extraction(text: str, **kwargs) -> Extraction:
    return Extraction(article=ArticleMeta(slug="x", title="T", date=dt.date(2022, 1, 28)), text=text,
                      blocks=[Block("paragraph", 0, len(text))], sentences=[(0, len(text))], **kwargs)


def test_svg_escapes_extracted_strings():
    gettext = lambda s: s  # noqa: E731
    chart = svg.bar_chart([(EVIL, 2), ("B", 1)], gettext)
    network = svg.network([svg.Node("a", EVIL, 3), svg.Node("b", "B&B", 1)], {("a", "b"): 2}, gettext)
    axis = svg.time_axis([svg.AxisEvent("t1", "2017", "2022", "2017–2022", EVIL),
                          svg.AxisEvent("t2", "2022-01-21", None, "21", "<x>")], gettext,
                         published=dt.date(2022, 1, 28))
    for out in (chart, network, axis):
        assert "<b " not in out and "</script>" not in out and "<x>" not in out
        ElementTree.fromstring(str(out))
    assert svg.bar_chart([("A", 1)], gettext) == svg.bar_chart([("A", 1)], gettext)  # deterministic


def test_piecewise_scale_keeps_order_and_compresses_long_gaps():
    days = [dt.date(2002, 1, 1).toordinal(), dt.date(2021, 12, 1).toordinal(),
            dt.date(2022, 1, 21).toordinal(), dt.date(2022, 1, 28).toordinal()]
    scale = svg.piecewise_scale(days, 0, 600)
    xs = [scale[d] for d in days]
    assert xs == sorted(xs) and xs[0] == 0 and xs[-1] == pytest.approx(600)
    assert (xs[1] - xs[0]) < 4 * (xs[3] - xs[2])  # 20 years take far less than 1000× a week's room


def test_dates_bounds_and_labels():
    assert dates.bounds("2017", "2022", dt.date(2022, 1, 28)) == (dt.date(2017, 1, 1), dt.date(2022, 1, 28))
    assert dates.bounds("2022-01", None) == (dt.date(2022, 1, 1), dt.date(2022, 1, 31))
    assert dates.bounds("2022-01-21") == (dt.date(2022, 1, 21),) * 2
    assert dates.short_label("2022-01-21", "nl").startswith("21 jan")
    assert dates.format_value("2022-01-28", "day", "nl") == "vrijdag 28 januari 2022"


def test_periods_coarser_than_a_month_are_named_in_the_pages_language():
    assert dates.format_value("1990", "decade", "nl") == "jaren 1990"
    assert dates.format_value("2022-W03", "week", "nl") == "week 3 van 2022"
    assert dates.format_value("2022-Q2", "quarter", "nl") == "2e kwartaal 2022"
    assert dates.format_value("2022-Q2", "quarter", "en") == "Q2 2022"
    assert dates.format_value("2022-W03", "week", "de") == "2022-W03"  # no words for it: the ISO value


def test_the_overview_lists_the_extractions_key_figures_and_never_reads_them_from_the_text():
    text = "Het kost 1,5 miljoen euro en 300 nieuwe woningen komen er."
    money = KeyFigure(text="1,5 miljoen euro", number="1,5 miljoen euro", phrase="", value=1.5e6, start=9,
                      end=25, kind="money")
    assert build_explainer(_extraction(text, figures=[money]), "nl", gettext=lambda s: s).key_figures == [money]
    assert build_explainer(_extraction(text), "nl", gettext=lambda s: s).key_figures == []


def test_telling_quotes_prefers_whole_quotes_and_varied_speakers():
    text = "x" * 400
    quotes = [Quote("q1", "kort", 0, 4, "a", partial=True, words=1),
              Quote("q2", "dit is een heel volledig citaat van a", 10, 50, "a", words=8),
              Quote("q3", "nog een volledig citaat van spreker a hier", 60, 100, "a", words=8),
              Quote("q4", "en een volledig citaat van spreker b", 110, 150, "b", words=7)]
    actors = [Actor("a", "A", "person", mentions=[(0, 1)]), Actor("b", "B", "person", mentions=[(2, 3)])]
    chosen = telling_quotes(_extraction(text, quotes=quotes, actors=actors), limit=2)
    assert [q.speaker for q in chosen] == ["a", "b"]
    explainer = build_explainer(_extraction(text, quotes=quotes, actors=actors), "nl", gettext=lambda s: s)
    assert explainer.quote_bars and "q1" not in [q.id for q in explainer.telling_quotes]


def test_empty_extraction_renders_without_charts():
    explainer = build_explainer(_extraction("Niets."), "nl", gettext=lambda s: s)
    assert explainer.time_axis == "" and explainer.network_svg == "" and explainer.quote_bars == ""
    assert explainer.key_figures == []
