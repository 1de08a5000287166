"""A build with nothing changed since the live site was made stops before Pelican (build/uptodate.py);
any change to what the site is made of, or to the site itself, builds again."""
from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from pelican.plugins.explainer.build import atomic
from pelican.plugins.explainer.build.atomic import build_site
from pelican.plugins.explainer.site import render_cache

from conftest import ROOT

pytestmark = pytest.mark.slow  # builds whole sites (the fast tier: pytest -m "not slow")

ARTICLE = """Title: Nieuwe brug in Zandhoven
Date: 2025-03-04
Slug: {slug}

De gemeenteraad van Zandhoven besloot dinsdag dat er een nieuwe brug komt. "We wachten hier al tien jaar
op," zei wethouder Marit Verhoef. Volgens haar begint de bouw in mei.
"""


@pytest.fixture
def site(tmp_path, monkeypatch):
    monkeypatch.setenv("EXPLAINER_SPACY_MODEL", "rules")
    monkeypatch.chdir(tmp_path)
    content = tmp_path / "content"
    content.mkdir()
    for i in range(2):
        (content / f"brug-{i}.md").write_text(ARTICLE.format(slug=f"brug-{i}"), encoding="utf-8")
    shutil.copytree(ROOT / "theme", tmp_path / "theme")
    (tmp_path / "pelicanconf.py").write_text(
        (ROOT / "pelicanconf.py").read_text(encoding="utf-8") + f"\nPATH = {str(content)!r}\n"
        f"THEME = {str(tmp_path / 'theme')!r}\nEXPLAINER_CACHE_PATH = {str(tmp_path / 'cache')!r}\n", encoding="utf-8")
    render_cache.clear()
    build_site(tmp_path / "pelicanconf.py", tmp_path / "output", search=False)
    yield tmp_path
    render_cache.clear()
    render_cache.discard_pending()


def runs(site: Path, monkeypatch, search=False) -> bool:
    """Build again; whether Pelican ran."""
    ran = []
    real = atomic._run_pelican
    monkeypatch.setattr(atomic, "_run_pelican", lambda *a, **k: ran.append(1) or real(*a, **k))
    build_site(site / "pelicanconf.py", site / "output", search=search)
    return bool(ran)


def test_nothing_changed_runs_nothing_and_leaves_the_site(site, monkeypatch, capsys):
    before = {p: p.stat().st_ino for p in (site / "output").rglob("*")}
    assert not runs(site, monkeypatch)
    assert "nothing changed" in capsys.readouterr().err
    assert {p: p.stat().st_ino for p in (site / "output").rglob("*")} == before


def test_an_edited_article_builds(site, monkeypatch):
    article = site / "content" / "brug-1.md"
    article.write_text(article.read_text(encoding="utf-8") + "\nDe brug kost vier miljoen euro.\n", encoding="utf-8")
    assert runs(site, monkeypatch)
    assert "vier miljoen" in (site / "output" / "brug-1" / "index.html").read_text(encoding="utf-8")
    assert not runs(site, monkeypatch)  # and then it is up to date again


def test_an_edit_saved_while_a_build_runs_is_built_next(site, monkeypatch):
    """The preview's race: the editor saves a template after Pelican read it, before the build ends.
    That build's result is old, so the next build must run (the stamp is taken before a build)."""
    template = site / "theme" / "templates" / "base.html"
    real = atomic._run_pelican

    def edited_during(*args, **kwargs):
        result = real(*args, **kwargs)
        template.write_text(template.read_text(encoding="utf-8").replace("</footer>", "<p>tijdens</p></footer>", 1),
                            encoding="utf-8")
        return result

    article = site / "content" / "brug-0.md"
    article.write_text(article.read_text(encoding="utf-8") + "\nDe brug is tachtig meter lang.\n", encoding="utf-8")
    monkeypatch.setattr(atomic, "_run_pelican", edited_during)
    build_site(site / "pelicanconf.py", site / "output", search=False)
    monkeypatch.setattr(atomic, "_run_pelican", real)
    assert "tijdens" not in (site / "output" / "brug-0" / "index.html").read_text(encoding="utf-8")
    assert runs(site, monkeypatch)
    assert "tijdens" in (site / "output" / "brug-0" / "index.html").read_text(encoding="utf-8")


def test_a_damaged_site_is_built_again(site, monkeypatch):
    page = next((site / "output").rglob("index.html"))
    text = page.read_bytes()
    page.unlink()
    assert runs(site, monkeypatch)
    assert page.read_bytes() == text


def test_a_settings_or_option_change_builds(site, monkeypatch):
    assert runs(site, monkeypatch, search=True)  # the search index was not built before
    conf = site / "pelicanconf.py"
    conf.write_text(conf.read_text(encoding="utf-8") + '\nSITENAME = "Zandhovens nieuws"\n', encoding="utf-8")
    assert runs(site, monkeypatch, search=True)
    monkeypatch.setenv("EXPLAINER_SPACY_MODEL", "default")
    assert runs(site, monkeypatch, search=True)


def test_a_theme_change_builds(site, monkeypatch):
    css = next((site / "theme").rglob("*.html"))
    css.write_text(css.read_text(encoding="utf-8") + "\n{# a #}\n", encoding="utf-8")
    os.utime(css, ns=(1, 1))
    assert runs(site, monkeypatch)


def test_a_change_to_the_sites_own_plugin_builds(site, monkeypatch):
    plugins = site / "plugins"
    plugins.mkdir()
    (plugins / "footer_note.py").write_text("def register():\n    pass\n", encoding="utf-8")
    conf = site / "pelicanconf.py"
    conf.write_text(conf.read_text(encoding="utf-8") + '\nPLUGIN_PATHS = ["plugins"]\n'
                    'PLUGINS = [*PLUGINS, "footer_note"]\n', encoding="utf-8")
    assert runs(site, monkeypatch)
    assert not runs(site, monkeypatch)
    (plugins / "footer_note.py").write_text("def register():\n    return None\n", encoding="utf-8")
    assert runs(site, monkeypatch)  # PLUGIN_PATHS are inputs of the site like the theme
