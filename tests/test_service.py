"""The extraction service: one way through the cache for every caller, locally or on a Dask cluster."""
from __future__ import annotations

import dataclasses
import json
import subprocess
import sys

import pytest

from conftest import DEV_ARTICLES, ROOT, require_shared
from pelican.plugins.explainer.extraction.cache import ExtractionCache, cache_key, pipeline_version
from pelican.plugins.explainer.extraction.reading import read_article
from pelican.plugins.explainer.extraction import service
from pelican.plugins.explainer.extraction.service import ExtractionFailed, Extractor


def _dev_sources(n):
    return [read_article(p) for p in sorted(require_shared(DEV_ARTICLES).glob("*.md"))[:n]]


def _bad(source):
    """An article the pipeline cannot handle: its date is not a date."""
    meta = dataclasses.replace(source.meta, date="gisteren", slug="kapot", source_path="kapot.md")
    return dataclasses.replace(source, meta=meta)


def _json(extractions) -> list[str]:
    return [json.dumps(e.to_json(), ensure_ascii=False, sort_keys=True) for e in extractions]


def test_a_second_run_comes_from_the_cache_and_equals_the_first(tmp_path):
    sources = _dev_sources(3)
    first = Extractor("rules", cache=tmp_path / "cache", processes=1, progress=False)
    extracted = first.run(sources)
    assert first.counts == {"extracted": 3, "cached": 0, "failed": 0}
    again = Extractor("rules", cache=tmp_path / "cache", processes=1, progress=False)
    cached = again.run(sources)
    assert again.counts == {"extracted": 0, "cached": 3, "failed": 0}
    assert _json(i.extraction for i in cached) == _json(i.extraction for i in extracted)
    assert [i.key for i in cached] == [cache_key(s, pipeline_version("rules", "nl")) for s in sources]


def test_a_bad_article_is_reported_and_the_others_are_extracted(tmp_path):
    good = _dev_sources(3)
    extractor = Extractor("rules", cache=tmp_path / "cache", processes=1, progress=False)
    results = extractor.run([good[0], _bad(good[1]), good[2]])
    assert extractor.counts == {"extracted": 2, "cached": 0, "failed": 1}
    assert [r.extraction is not None for r in results] == [True, False, True]
    assert results[1].line().startswith("kapot.md: extraction failed: AttributeError")
    assert "\n" not in results[1].line()
    assert _json([results[0].extraction, results[2].extraction]) == _json(
        Extractor("rules", processes=1, progress=False).extract([good[0], good[2]]))
    with pytest.raises(ExtractionFailed, match="kapot.md"):
        extractor.extract([_bad(good[1])])


def test_a_bad_article_in_a_parallel_run_costs_only_itself(monkeypatch):
    from pelican.plugins.explainer.extraction import run as extraction

    monkeypatch.setattr(extraction, "PARALLEL_THRESHOLD", 2)
    sources = _dev_sources(6)
    sources[3] = _bad(sources[3])
    results = Extractor("rules", processes=2, progress=False).run(sources)
    assert [r.error is None for r in results] == [True, True, True, False, True, True]
    serial = Extractor("rules", processes=1, progress=False).extract(sources[:3] + sources[4:])
    assert _json(r.extraction for r in results if r.extraction) == _json(serial)


def test_the_cache_on_an_fsspec_url_keeps_checked_entries(tmp_path):
    pytest.importorskip("fsspec")
    [source] = _dev_sources(1)
    extractor = Extractor("rules", cache="memory://explainer-test/cache", processes=1, progress=False)
    [first] = extractor.run([source])
    store = ExtractionCache("memory://explainer-test/cache")
    assert _json([store.get(first.key)]) == _json([first.extraction])
    fs, path = store._remote(first.key)
    fs.pipe_file(path, fs.cat_file(path)[:-10])  # a truncated entry is not trusted
    assert store.get(first.key) is None and store.rejected == 1
    [again] = Extractor("rules", cache=store, processes=1, progress=False).run([source])
    assert not again.cached and store.get(first.key) is not None  # recomputed and rewritten


def test_settings_choose_the_extractor(monkeypatch, tmp_path):
    from pelican.plugins.explainer.site.settings import extractor as settings_extractor

    monkeypatch.delenv("EXPLAINER_SCHEDULER", raising=False)
    monkeypatch.delenv("EXPLAINER_SPACY_MODEL", raising=False)
    monkeypatch.delenv("EXPLAINER_PROCESSES", raising=False)
    extractor = settings_extractor({"EXPLAINER_CACHE_PATH": str(tmp_path), "EXPLAINER_PROCESSES": 3})
    assert (extractor.model, extractor.processes, extractor.scheduler) == ("default", 3, None)
    monkeypatch.setenv("EXPLAINER_SCHEDULER", "tcp://127.0.0.1:8786")
    monkeypatch.setenv("EXPLAINER_PROCESSES", "1")
    extractor = settings_extractor({"EXPLAINER_CACHE_PATH": str(tmp_path), "EXPLAINER_PROCESSES": 3})
    assert (extractor.processes, extractor.scheduler) == (1, "tcp://127.0.0.1:8786")


# --- on a Dask cluster ---------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def cluster():
    """The cluster ``--scheduler local:2`` starts (our worker settings), reached by its address."""
    pytest.importorskip("dask.distributed")
    from pelican.plugins.explainer.extraction.cluster import local_cluster

    with local_cluster(2) as cluster:
        yield cluster


class _Client:
    """Stands in for a dask Client: only the number of workers matters to the batching."""

    def __init__(self, workers):
        self.workers = workers

    def scheduler_info(self):
        return {"workers": {f"tcp://127.0.0.1:{n}": {} for n in range(self.workers)}}


@pytest.mark.parametrize("workers,articles", [(2, 6), (2, 40), (2, 200), (3, 1000), (0, 3), (2, 1)])
def test_dask_batches_cover_every_article_once_in_order_and_are_never_too_big(workers, articles):
    batches = service._batches(_Client(workers), articles)
    assert [i for batch in batches for i in batch] == list(range(articles))
    assert all(1 <= len(batch) <= service.DASK_BATCH for batch in batches)


def test_dask_batches_shrink_towards_the_end_so_workers_finish_together():
    sizes = [len(batch) for batch in service._batches(_Client(2), 200)]
    assert sizes[0] == service.DASK_BATCH and sizes[-1] == 1
    assert sizes == sorted(sizes, reverse=True)
    assert sum(sizes[-4:]) < service.DASK_BATCH  # the last round is less than one full batch


def test_a_short_dask_run_gives_every_worker_several_batches():
    assert len(service._batches(_Client(2), 6)) >= 4
    assert len(service._batches(_Client(2), 40)) >= 8


@pytest.mark.slow
def test_dask_extraction_is_byte_identical_to_a_serial_run(cluster, tmp_path):
    sources = _dev_sources(6)
    serial = Extractor("default", processes=1, progress=False).extract(sources)
    on_dask = Extractor("default", cache=tmp_path / "cache", scheduler=cluster.scheduler_address, progress=False)
    assert _json(on_dask.extract(sources)) == _json(serial)
    assert on_dask.counts == {"extracted": 6, "cached": 0, "failed": 0}
    again = Extractor("default", cache=tmp_path / "cache", processes=1, progress=False)
    assert _json(again.extract(sources)) == _json(serial) and again.counts["cached"] == 6


@pytest.mark.slow
@pytest.mark.parametrize("batch", [1, 4], ids=["alone", "in-a-batch"])
def test_a_bad_article_on_dask_is_reported_and_the_others_succeed(cluster, monkeypatch, batch):
    monkeypatch.setattr(service, "_batches", lambda client, articles: [range(i, min(i + batch, articles))
                                                                     for i in range(0, articles, batch)])
    sources = _dev_sources(4)
    sources[1] = _bad(sources[1])
    extractor = Extractor("default", scheduler=cluster.scheduler_address, retries=1, progress=False)
    results = extractor.run(sources)
    assert [r.error is None for r in results] == [True, False, True, True]
    assert results[1].line().startswith("kapot.md: extraction failed: AttributeError")
    assert extractor.counts == {"extracted": 3, "cached": 0, "failed": 1}


@pytest.mark.slow
def test_explainer_extract_on_a_local_cluster_writes_what_a_local_run_writes(tmp_path):
    files = sorted(require_shared(DEV_ARTICLES).glob("*.md"))[:4]

    def extract(out, *flags):
        result = subprocess.run([sys.executable, "-m", "pelican.plugins.explainer", "extract", *map(str, files),
                                 "--out", str(out), "--no-cache", *flags], capture_output=True, text=True, cwd=ROOT,
                                timeout=300)
        assert result.returncode == 0, result.stderr
        return {p.name: p.read_bytes() for p in sorted(out.glob("*.json"))}

    local = extract(tmp_path / "local")
    assert len(local) == 4
    assert extract(tmp_path / "dask", "--scheduler", "local:2") == local
