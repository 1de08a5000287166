"""The extraction cache: keys change exactly when they must, bad entries are recomputed, rebuilds are
incremental; and parallel extraction gives the same results as one process."""
from __future__ import annotations

import json
import logging
import re
import shutil
from pathlib import Path

import pytest

from pelican.plugins.explainer.extraction import cache as cache_module
from pelican.plugins.explainer.extraction import run as extraction_module
from pelican.plugins.explainer.site import explainer_generator
from pelican.plugins.explainer.extraction.cache import ExtractionCache, cache_key, clear_versions, pipeline_version
from pelican.plugins.explainer.extraction.reading import read_article

from conftest import DEV_ARTICLES, ROOT, require_shared

ARTICLE = ROOT / "content" / "poetin-macron-oekraine.md"


@pytest.fixture
def source():
    return read_article(ARTICLE)


@pytest.fixture
def package_copy(tmp_path, monkeypatch):
    """A copy of generator/ that the version is computed from, so tests can edit its files."""
    copy = tmp_path / "generator"
    shutil.copytree(ROOT / "generator", copy, ignore=shutil.ignore_patterns("__pycache__", "models"))
    monkeypatch.setattr(cache_module, "PACKAGE_DIR", copy)
    monkeypatch.setattr(cache_module, "DEFAULT_MODEL_PATH", copy / "models" / "nl_explainer")
    clear_versions()
    yield copy
    clear_versions()


# --- keys -------------------------------------------------------------------------------------------

def test_unchanged_article_keeps_its_key(source):
    version = pipeline_version("default", "nl")
    again = read_article(ARTICLE)
    assert cache_key(source, version) == cache_key(again, pipeline_version("default", "nl"))


def test_article_changes_change_the_key(source):
    version = pipeline_version("default", "nl")
    key = cache_key(source, version)
    changed_text = read_article(ARTICLE)
    changed_text.text += " Extra."
    changed_date = read_article(ARTICLE)
    changed_date.meta.date = changed_date.meta.date.replace(year=1999)
    changed_slug = read_article(ARTICLE)
    changed_slug.meta.slug = "iets-anders"
    assert len({key, cache_key(changed_text, version), cache_key(changed_date, version),
                cache_key(changed_slug, version)}) == 4


def test_model_setting_changes_the_version(tmp_path, package_copy):
    model = tmp_path / "some_model"
    model.mkdir()
    (model / "meta.json").write_text('{"name": "x"}', encoding="utf-8")
    versions = {pipeline_version(name, "nl") for name in ("default", "rules", str(model), "nl_core_news_sm")}
    assert len(versions) == 4
    assert pipeline_version("default", "nl") != pipeline_version("default", "en")
    assert pipeline_version("default", "nl", {"x": 1}) != pipeline_version("default", "nl")


def test_model_files_change_the_version(tmp_path, package_copy):
    model = tmp_path / "some_model"
    (model / "ner").mkdir(parents=True)
    (model / "ner" / "model").write_bytes(b"\x00weights-1")
    before = pipeline_version(str(model), "nl")
    assert pipeline_version(str(model), "nl") == before  # memoised and stable
    (model / "ner" / "model").write_bytes(b"\x00weights-2")
    clear_versions()
    assert pipeline_version(str(model), "nl") != before


def test_default_model_installed_changes_the_version(package_copy):
    blank = pipeline_version("default", "nl")
    (package_copy / "models" / "nl_explainer").mkdir(parents=True)
    (package_copy / "models" / "nl_explainer" / "meta.json").write_text("{}", encoding="utf-8")
    clear_versions()
    assert pipeline_version("default", "nl") != blank
    assert pipeline_version("rules", "nl") != pipeline_version("default", "nl")


def test_data_and_code_changes_change_the_version_site_changes_do_not(package_copy):
    before = pipeline_version("default", "nl")
    data_file = next(p for p in sorted((package_copy / "data").rglob("*")) if p.is_file())
    original = data_file.read_bytes()
    data_file.write_bytes(original + b"\n")
    clear_versions()
    after_data = pipeline_version("default", "nl")
    assert after_data != before
    data_file.write_bytes(original)
    clear_versions()
    assert pipeline_version("default", "nl") == before
    # the site layer renders; it does not change what is extracted
    site_file = package_copy / "site" / "views.py"
    site_file.write_text(site_file.read_text(encoding="utf-8") + "\n# comment\n", encoding="utf-8")
    clear_versions()
    assert pipeline_version("default", "nl") == before
    component = next((package_copy / "extraction" / "components").rglob("*.py"))
    component.write_text(component.read_text(encoding="utf-8") + "\n# comment\n", encoding="utf-8")
    clear_versions()
    assert pipeline_version("default", "nl") != before


# --- entries ----------------------------------------------------------------------------------------

@pytest.fixture
def extraction(source):
    from pelican.plugins.explainer.extraction.model import Extraction

    return Extraction(article=source.meta, text=source.text, blocks=list(source.blocks))


def _entry(tmp_path, extraction, key="ab" + "0" * 62):
    store = ExtractionCache(tmp_path / "cache")
    store.put(key, extraction)
    return store, key, store._path(key)


def test_entry_round_trips(tmp_path, extraction):
    store, key, path = _entry(tmp_path, extraction)
    assert store.get(key).to_json() == extraction.to_json()
    assert not list(path.parent.glob("*.tmp"))  # no leftovers of the atomic write


@pytest.mark.parametrize("damage", ["truncate", "empty", "garble", "header", "not-json"])
def test_damaged_entries_are_not_trusted(tmp_path, extraction, damage):
    store, key, path = _entry(tmp_path, extraction)
    raw = path.read_bytes()
    if damage == "truncate":
        path.write_bytes(raw[: len(raw) // 2])
    elif damage == "empty":
        path.write_bytes(b"")
    elif damage == "garble":  # same length, one character of the payload changed
        index = raw.index(b'"text":"') + 10
        path.write_bytes(raw[:index] + bytes([raw[index] ^ 1]) + raw[index + 1:])
    elif damage == "header":
        path.write_bytes(b'{"format": 2}\n' + raw.partition(b"\n")[2])
    else:
        path.write_bytes(b"\x00\xff garbage")
    assert store.get(key) is None
    assert store.rejected == 1


def test_an_entry_under_another_key_is_not_trusted(tmp_path, extraction):
    store, key, path = _entry(tmp_path, extraction)
    other = "ab" + "1" * 62
    shutil.copy(path, store._path(other))
    assert store.get(other) is None


def test_unwritable_cache_does_not_fail(tmp_path, extraction):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder", encoding="utf-8")
    ExtractionCache(blocker).put("ab" + "0" * 62, extraction)  # logs a warning, raises nothing


# --- parallel extraction and progress -------------------------------------------------------------

def _dev_sources(n):
    paths = sorted(require_shared(DEV_ARTICLES).glob("*.md"))[:n]
    return [read_article(p) for p in paths]


@pytest.mark.slow
def test_parallel_extraction_equals_serial(monkeypatch):
    from pelican.plugins.explainer.extraction.nlp import load_pipeline

    sources = _dev_sources(6)
    nlp = load_pipeline("default", "nl")
    monkeypatch.setattr(extraction_module, "PARALLEL_THRESHOLD", 2)
    monkeypatch.setattr(extraction_module, "_parallel", _spy(extraction_module._parallel, calls := []))
    serial = [e.to_json() for e in extraction_module.extract_many(sources, nlp, processes=1, progress=False)]
    assert not calls
    parallel = [e.to_json() for e in extraction_module.extract_many(sources, nlp, 2, processes=2, progress=False)]
    assert calls, "the parallel path was not taken"
    assert parallel == serial
    assert [e["article"]["slug"] for e in parallel] == [s.meta.slug for s in sources]


def _spy(function, calls):
    def wrapper(*args, **kwargs):
        calls.append(args)
        return function(*args, **kwargs)
    return wrapper


def test_progress_is_reported(monkeypatch):
    from pelican.plugins.explainer.extraction.nlp import load_pipeline

    monkeypatch.setattr(extraction_module, "PROGRESS_EVERY", 2)
    reports = []
    list(extraction_module.extract_many(_dev_sources(5), load_pipeline("default", "nl"), processes=1,
                                        progress=lambda done, total, seconds: reports.append((done, total))))
    assert reports == [(2, 5), (4, 5), (5, 5)]


def test_processes_setting(monkeypatch):
    monkeypatch.setenv("EXPLAINER_PROCESSES", "3")
    assert extraction_module.configured_processes() == 3
    monkeypatch.delenv("EXPLAINER_PROCESSES")
    assert extraction_module.configured_processes() >= 1
    monkeypatch.setenv("EXPLAINER_PROCESSES", "many")
    from pelican.plugins.explainer.errors import ConfigurationError

    with pytest.raises(ConfigurationError):
        extraction_module.configured_processes()


# --- incremental site build ------------------------------------------------------------------------

@pytest.mark.slow
def test_rebuild_extracts_only_what_changed(tmp_path, caplog, monkeypatch):
    from pelican.plugins.explainer.build import uptodate
    from pelican.plugins.explainer.build.atomic import build_site

    # every build runs Pelican, so the extraction cache is what saves the work (the up-to-date check
    # that skips a no-change build altogether is tests/test_uptodate.py's)
    monkeypatch.setattr(uptodate, "stamp", lambda *args, **kwargs: None)

    content = tmp_path / "content"
    content.mkdir()
    paths = []
    for index, original in enumerate(sorted(require_shared(DEV_ARTICLES).glob("*.md"))[:3]):
        paths.append(content / original.name)
        shutil.copy(original, paths[-1])
    conf = tmp_path / "pelicanconf.py"
    conf.write_text((ROOT / "pelicanconf.py").read_text(encoding="utf-8")
                    + f"\nPATH = {str(content)!r}\nTHEME = {str(ROOT / 'theme')!r}\n"
                    + f"EXPLAINER_CACHE_PATH = {str(tmp_path / 'cache')!r}\n", encoding="utf-8")

    def build() -> tuple[int, int]:
        """(articles extracted, articles served from the cache) by one build."""
        caplog.clear()
        with caplog.at_level(logging.INFO, logger="pelican.plugins.explainer"):
            build_site(conf, tmp_path / "output", search=False)
        extracted = explainer_generator.last_counts["extracted"]
        # Pelican's log filter drops a message identical to an earlier one, so the line may be absent
        for record in caplog.records:
            match = re.search(r"extracted (\d+) article\(s\), (\d+) from cache", record.getMessage())
            if match:
                assert int(match.group(1)) == extracted
        return extracted, 3 - extracted

    assert build() == (3, 0)
    assert build() == (0, 3)  # nothing changed: no NLP at all
    paths[1].write_text(paths[1].read_text(encoding="utf-8") + "\n\nDe minister zei dat niet.\n",
                        encoding="utf-8")
    assert build() == (1, 2)  # one article changed: only its extraction reruns
    entries = sorted((tmp_path / "cache").rglob("*.json"), key=lambda p: p.stat().st_mtime)
    victim = entries[-1]
    victim.write_bytes(victim.read_bytes()[:100])  # a partial entry
    assert build() == (1, 2)  # recomputed, not trusted
    header = json.loads(victim.read_bytes().partition(b"\n")[0])
    assert header["key"] == victim.stem  # and rewritten whole
    assert build() == (0, 3)
