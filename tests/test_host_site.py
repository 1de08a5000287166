"""The plugin in a Pelican site it did not write: Pelican's own ``notmyidea`` theme, dated URLs,
English posts that share a slug, a translation, and the PyPI plugins pelican-sitemap and
pelican-neighbors. Only the Dutch article gets an explainer, rendered inside the host theme."""
from __future__ import annotations

import logging
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from conftest import ROOT

pytestmark = pytest.mark.slow  # builds whole sites (the fast tier: pytest -m "not slow")

DUTCH = """---
Title: Gemeenteraad van Gent kiest voor nieuwe tramlijn
Date: 2024-03-12
Slug: tramlijn
Lang: nl
Category: Nieuws
---

De gemeenteraad van Gent heeft dinsdag ingestemd met een nieuwe tramlijn naar de haven.
Burgemeester Mathias De Clercq noemde het besluit ``een keerpunt voor de stad''.[^1]

Schepen Filip Watteeuw zei woensdag dat de werken in het voorjaar van 2026 beginnen.
"We willen de buurtbewoners zo weinig mogelijk hinderen", zei Watteeuw.

| Fase | Jaar |
|------|------|
| Ontwerp Eenheidsvoetnoot | 2025 |

```python
print("Codezin die geen citaat is", zei="niemand")
```

[^1]: Voetnootzin van Pieter Janssens.
"""

TRANSLATION = """Title: Ghent council backs a new tram line
Date: 2024-03-12
Slug: tramlijn
Lang: en

Ghent's city council backed a new tram line to the port on Tuesday.
"""


def _english(title: str, date: str) -> str:
    return (f"Title: {title}\nDate: {date}\nSlug: shared\nLang: en\nCategory: Notes\n\n"
            "The weather was fine and the garden needed water. Nobody said anything quotable.\n")


@pytest.fixture(scope="module")
def host_site(tmp_path_factory):
    from pelican import Pelican
    from pelican.settings import read_settings

    work = tmp_path_factory.mktemp("host")
    content = work / "content" / "posts"
    content.mkdir(parents=True)
    (content / "tramlijn.md").write_text(DUTCH, encoding="utf-8")
    (content / "tramlijn-en.md").write_text(TRANSLATION, encoding="utf-8")
    (content / "spring.md").write_text(_english("Spring notes", "2024-04-02"), encoding="utf-8")
    (content / "summer.md").write_text(_english("Summer notes", "2024-07-09"), encoding="utf-8")
    settings = read_settings(override={
        "PATH": str(work / "content"), "OUTPUT_PATH": str(work / "output"),
        "SITENAME": "Gastsite", "SITEURL": "", "DEFAULT_LANG": "en", "TIMEZONE": "Europe/Brussels",
        "ARTICLE_URL": "{date:%Y}/{date:%m}/{slug}.html",
        "ARTICLE_SAVE_AS": "{date:%Y}/{date:%m}/{slug}.html",
        "ARTICLE_LANG_URL": "{date:%Y}/{date:%m}/{slug}-{lang}.html",
        "ARTICLE_LANG_SAVE_AS": "{date:%Y}/{date:%m}/{slug}-{lang}.html",
        "ARTICLE_TRANSLATION_ID": ("slug", "date"),
        "RELATIVE_URLS": True, "FEED_ALL_ATOM": None, "CATEGORY_FEED_ATOM": None,
        "TRANSLATION_FEED_ATOM": None, "AUTHOR_FEED_ATOM": None, "AUTHOR_FEED_RSS": None,
        "PLUGINS": ["explainer", "sitemap", "neighbors"],
        "SITEMAP": {"format": "txt"},
        "EXPLAINER_CACHE_PATH": str(work / "cache"),
        "EXPLAINER_SPACY_MODEL": "rules",
        "CACHE_CONTENT": False, "LOAD_CONTENT_CACHE": False,
    })

    class Errors(logging.Handler):
        def __init__(self):
            super().__init__(logging.ERROR)
            self.records = []

        def emit(self, record):
            self.records.append(record.getMessage())

    errors = Errors()
    logging.getLogger().addHandler(errors)
    try:
        Pelican(settings).run()
    finally:
        logging.getLogger().removeHandler(errors)
    return work / "output", errors.records


def test_the_host_site_builds_without_errors(host_site):
    output, errors = host_site
    assert errors == []


def test_only_the_dutch_article_has_an_explainer_below_its_dated_url(host_site):
    output, _ = host_site
    explainers = sorted(p.relative_to(output).as_posix() for p in output.rglob("tijdlijn/index.html"))
    assert explainers == ["2024/03/tramlijn-nl/tijdlijn/index.html"]
    assert (output / "2024/03/tramlijn-nl/overzicht/index.html").is_file()
    # both English posts that share a slug are written, at their dated URLs, by the host theme
    for page in ("2024/04/shared.html", "2024/07/shared.html", "2024/03/tramlijn.html"):
        html = (output / page).read_text(encoding="utf-8")
        assert "notmyidea" in html or 'id="banner"' in html  # the host theme's page


def test_code_tables_and_footnotes_are_not_article_text(host_site):
    import json

    output, _ = host_site
    data = json.loads((output / "2024/03/tramlijn-nl/explainer.json").read_text(encoding="utf-8"))
    text = data["text"]
    assert text.startswith("Gemeenteraad van Gent") is False and "De gemeenteraad van Gent" in text
    for absent in ("Codezin", "Eenheidsvoetnoot", "Voetnootzin", "Title", "Slug", "---"):
        assert absent not in text
    assert "``een keerpunt voor de stad''" in text  # wire quotes stay text, not code
    assert any("keerpunt" in q["text"] for q in data["quotes"])


def test_explainer_pages_extend_the_host_base_with_their_css_and_navigation(host_site):
    output, _ = host_site
    html = (output / "2024/03/tramlijn-nl/tijdlijn/index.html").read_text(encoding="utf-8")
    assert 'id="banner"' in html  # notmyidea's base.html
    assert "explainer-static/css/explainer.css" in html
    assert 'class="explainer-nav"' in html and "../../../../2024/03/tramlijn-nl/actoren/" in html
    assert (output / "explainer-static/css/explainer.css").is_file()
    article = (output / "2024/03/tramlijn-nl.html").read_text(encoding="utf-8")
    assert 'href="../../2024/03/tramlijn-nl/overzicht/"' in article  # the article links to its explainer


def test_the_sitemap_lists_every_explainer_page_once(host_site):
    output, _ = host_site
    urls = (output / "sitemap.txt").read_text(encoding="utf-8").split()
    explainer_pages = sorted("/" + p.relative_to(output).as_posix()[:-len("index.html")]
                             for p in (output / "2024/03/tramlijn-nl").rglob("index.html"))
    assert len(explainer_pages) > 6
    for page in explainer_pages:
        assert urls.count(page) == 1, page
    assert len(urls) == len(set(urls))


@pytest.mark.slow
def test_the_wheel_holds_templates_and_css_and_no_generator_package(tmp_path):
    subprocess.run([sys.executable, "-m", "pip", "wheel", str(ROOT), "--no-deps",
                    "-w", str(tmp_path), "-q"], check=True, capture_output=True)
    wheel = next(tmp_path.glob("pelican_explainer-*.whl"))
    names = zipfile.ZipFile(wheel).namelist()
    assert "pelican/plugins/explainer/templates/explainer_base.html" in names
    assert "pelican/plugins/explainer/templates/explainer_timeline.html" in names
    assert "pelican/plugins/explainer/static/css/explainer.css" in names
    assert not [n for n in names if re.match(r"generator/", n)]
