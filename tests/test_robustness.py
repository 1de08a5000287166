"""Hard to break: bad input gets one clear line, nothing is lost or written elsewhere, nothing injected."""
from __future__ import annotations

import hashlib
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT
from pelican.plugins.explainer.errors import InputError
from pelican.plugins.explainer.extraction.reading import read_article

pytestmark = pytest.mark.slow  # builds whole sites (the fast tier: pytest -m "not slow")

HOSTILE = """Title: Test <script>alert('titel')</script> & "co"
Date: 2022-01-28
Lang: nl
Slug: vijandig

<script>alert('body')</script> Jan <b>Peeters</b> van het bedrijf Evil</script>Corp zei vrijdag:
“Dit is </script><script>alert(1)</script> een citaat met javascript:alert(2) erin”, aldus Peeters.

## Kop met <img src=x onerror=alert(3)>

De minister van Buitenlandse Zaken Karel O'Brien-<i>Smit</i> zegt: “Hier staat "dubbel" en ‘enkel’ en «frans»”.
[klik](javascript:alert(4)) en ``een'' en „nog een”
"""


def write_settings(work: Path, content: Path) -> Path:
    conf = work / "pelicanconf.py"
    conf.write_text((ROOT / "pelicanconf.py").read_text(encoding="utf-8")
                    + f"\nPATH = {str(content)!r}\nTHEME = {str(ROOT / 'theme')!r}\n"
                    + f"EXPLAINER_CACHE_PATH = {str(work / 'cache')!r}\n"
                    + "EXPLAINER_SPACY_MODEL = 'rules'\n", encoding="utf-8")
    return conf


def run_build(conf: Path, output: Path, *options: str):
    return subprocess.run([sys.executable, "-m", "pelican.plugins.explainer", "build", "--settings", str(conf),
                           "--output", str(output), "--no-search", *options], capture_output=True, text=True,
                          cwd=conf.parent, timeout=300)


def tree_digest(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture()
def site_dir(tmp_path):
    content = tmp_path / "content"
    content.mkdir()
    return tmp_path, content, write_settings(tmp_path, content)


def test_hostile_article_builds_into_a_safe_site(site_dir):
    work, content, conf = site_dir
    (content / "vijandig.md").write_text(HOSTILE, encoding="utf-8")
    before = tree_digest(content)
    result = run_build(conf, work / "output")
    assert result.returncode == 0, result.stderr[-2000:]
    assert tree_digest(content) == before, "the article file was modified"
    for page in (work / "output").rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        for block in re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S):
            assert "<" not in block, "JSON-LD must escape every '<'"
            json.loads(block)
        outside_data = re.sub(r'<script type="application/ld\+json">.*?</script>', "", html, flags=re.S)
        for tag in re.findall(r"<script\b[^>]*>", outside_data):
            assert "src=" in tag, (page, tag)
        assert "<img" not in html and "onerror=alert" not in html.replace("onerror=alert(3)&gt;", "")
        assert 'href="javascript:' not in html.lower()
    data = json.loads((work / "output" / "vijandig" / "explainer.json").read_text(encoding="utf-8"))
    assert "alert('body')" not in data["text"] and "<b>" not in data["text"]  # code and tags are not text
    assert "Jan Peeters" in data["text"] and "“Dit is" in data["text"]


def test_a_strict_build_with_a_bad_article_leaves_previous_site_in_place(site_dir):
    work, content, conf = site_dir
    (content / "goed.md").write_text("Title: Goed\nDate: 2022-01-28\nSlug: goed\n\nJan Peeters zei iets.\n",
                                     encoding="utf-8")
    assert run_build(conf, work / "output").returncode == 0
    before = tree_digest(work / "output")
    (content / "kapot.md").write_bytes("Title: Kapot\nDate: 2022-01-28\n\nCaf\xe9\n".encode("cp1252"))
    result = run_build(conf, work / "output", "--strict")
    assert result.returncode == 2
    assert "kapot.md" in result.stderr and "Traceback" not in result.stderr
    assert tree_digest(work / "output") == before
    assert not (work / "output.staging").exists()


@pytest.mark.parametrize("slug", ["../uit"])
def test_slug_with_path_tricks_is_refused(site_dir, slug):
    work, content, conf = site_dir
    (content / "pad.md").write_text(f"Title: Pad\nDate: 2022-01-28\nSlug: {slug}\n\nTekst van Jan.\n",
                                    encoding="utf-8")
    result = run_build(conf, work / "output")
    assert result.returncode == 2
    assert "pad.md" in result.stderr and "Slug" in result.stderr
    assert not (work / "uit").exists() and not (work / "output" / "uit").exists()


@pytest.mark.parametrize("slug, folder", [("a/b", "a/b"), ("Hoofd Letters", "Hoofd Letters")])
def test_any_slug_pelican_accepts_gets_its_explainer_below_the_articles_url(site_dir, slug, folder):
    """Explainer folders derive from the article's URL, so any slug Pelican writes works."""
    work, content, conf = site_dir
    (content / "pad.md").write_text(f"Title: Pad\nDate: 2022-01-28\nSlug: {slug}\n\n"
                                    "Jan de Vries zei dinsdag in Gent dat hij blijft.\n", encoding="utf-8")
    result = run_build(conf, work / "output")
    assert result.returncode == 0, result.stderr
    assert (work / "output" / folder / "tijdlijn" / "index.html").is_file()


def test_two_articles_with_one_slug_are_refused(site_dir):
    work, content, conf = site_dir
    for name in ("een", "twee"):
        (content / f"{name}.md").write_text(f"Title: {name}\nDate: 2022-01-28\nSlug: zelfde\n\nTekst.\n",
                                            encoding="utf-8")
    result = run_build(conf, work / "output")
    assert result.returncode != 0 and "zelfde" in result.stderr


def test_bad_date_in_site_build_is_one_clear_error(site_dir):
    work, content, conf = site_dir
    (content / "datum.md").write_text("Title: Datum\nDate: 2022-31-31\n\nTekst.\n", encoding="utf-8")
    result = run_build(conf, work / "output")
    assert result.returncode != 0 and "datum.md" in result.stderr
    assert "Traceback" not in result.stderr


def test_article_without_quotes_dates_or_names_gets_a_clean_explainer(site_dir):
    work, content, conf = site_dir
    (content / "leeg.md").write_text("Title: Niets\nDate: 2022-01-28\nSlug: niets\n\n"
                                     "het regent en de wind waait over de velden.\n", encoding="utf-8")
    assert run_build(conf, work / "output").returncode == 0
    data = json.loads((work / "output" / "niets" / "explainer.json").read_text(encoding="utf-8"))
    assert data["quotes"] == [] and data["timeline"] == []
    assert (work / "output" / "niets" / "tijdlijn" / "index.html").exists()


@pytest.mark.parametrize("content,problem", [(b"", "empty"), (b"Title: Alleen\nDate: 2022-01-28\n\n", "no article text")])
def test_empty_and_metadata_only_files_are_refused_clearly(tmp_path, content, problem):
    path = tmp_path / "x.md"
    path.write_bytes(content)
    with pytest.raises(InputError, match=problem):
        read_article(path)


def test_very_long_names_and_a_big_article(tmp_path):
    from pelican.plugins.explainer.extraction.run import extract
    from pelican.plugins.explainer.extraction.nlp import load_pipeline

    long_name = " ".join(["Vandenbroeckeghem"] * 40)
    paragraph = (f"Minister Jan {long_name} zei gisteren: “Dit is een zin.” De NAVO reageerde vrijdag. ")
    body = "\n\n".join([paragraph] * (1_000_000 // len(paragraph) + 1))
    path = tmp_path / "groot.md"
    path.write_text("Title: Groot\nDate: 2022-01-28\n\n" + body, encoding="utf-8")
    source = read_article(path)
    assert len(source.text) > 1_000_000
    extraction = extract(source, load_pipeline("rules"))
    assert extraction.quotes
    assert all(len(a.id) <= 80 for a in extraction.actors)


def test_non_dutch_text_gets_a_warning_and_still_an_extraction(tmp_path):
    path = tmp_path / "english.md"
    path.write_text("Title: English\nDate: 2022-01-28\n\n" + (
        "The Russian president Vladimir Putin said on Friday that the West had ignored his demands. "
        "“We will study the answers carefully,” the Kremlin said in a statement after the call. ") * 3,
        encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "pelican.plugins.explainer", "extract", str(path)], capture_output=True,
                            text=True, timeout=300)
    assert result.returncode == 0
    assert "english.md" in result.stderr and "does not look like" in result.stderr
    data = json.loads(result.stdout)
    assert data["text"].startswith("The Russian president")


def test_dutch_text_gets_no_language_warning(tmp_path):
    path = tmp_path / "nl.md"
    path.write_text("Title: NL\nDate: 2022-01-28\n\n" + (
        "De Russische president heeft vrijdag gezegd dat het Westen zijn eisen heeft genegeerd. "
        "Volgens het Kremlin zal Rusland de antwoorden van de Verenigde Staten nauwgezet bestuderen. ") * 3,
        encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "pelican.plugins.explainer", "extract", str(path)], capture_output=True,
                            text=True, timeout=300)
    assert result.returncode == 0 and "does not look like" not in result.stderr


def test_names_that_slugify_alike_or_to_nothing_get_unique_usable_ids():
    from pelican.plugins.explainer.extraction.components.actors.resolve import ActorResolver
    from pelican.plugins.explainer.extraction.model import Actor

    actors = [Actor(id="", name=name, kind="person", mentions=[(i, i + 1)])
              for i, name in enumerate(["Jan Müller", "Jan Muller", "—", "…", "X" * 300])]
    ActorResolver._assign_ids(actors)
    ids = [a.id for a in actors]
    assert len(set(ids)) == len(ids)
    assert all(re.fullmatch(r"[a-z0-9][a-z0-9-]*", i) and len(i) <= 80 for i in ids)
