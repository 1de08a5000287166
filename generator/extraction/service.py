"""The one extraction service: model → languages → cache keys → cache → extract the misses → store.

The site generator, ``explainer extract`` and the gold evaluation all go through :class:`Extractor`.
It resolves the spaCy model once, groups the articles by language (one pipeline per language),
computes each article's cache key (:func:`.cache.cache_key`, without loading spaCy), serves what the
cache holds and extracts only the misses, in one of three ways:

* serially in this process (few articles, or ``processes=1``);
* over local worker processes (:func:`.extraction.extract_many`: the default, no set-up);
* over a Dask cluster (``scheduler``: an address such as ``tcp://10.0.0.5:8786``, a
  ``distributed`` Client or cluster object, or ``local[:WORKERS]`` for one we start on this machine
  with :mod:`.cluster`'s settings): one task per batch of articles, on workers that each load the
  pipeline once (:func:`.nlp.load_pipeline` is memoised per process), with ``retries`` for a task
  whose worker failed. Needs the ``dask`` extra; see ``docs/scaling.md``.

The extraction is a pure per-article function, so all three give byte-identical results. An article
the pipeline cannot handle is reported (:attr:`Extracted.error`, one line naming the file); the other
articles are extracted and cached all the same.
"""
from __future__ import annotations

import logging
import os
import time
from collections.abc import Iterable, Iterator
from contextlib import ExitStack
from dataclasses import dataclass

from .cache import ExtractionCache, cache_key, pipeline_version
from .cluster import local_cluster, local_workers
from ..errors import ConfigurationError, ExplainerError
from .run import PROGRESS_EVERY, _default_progress, configured_processes, extract, extract_many
from .model import Extraction
from .reading import ArticleSource

logger = logging.getLogger(__name__)

DASK_RETRIES = 2  # a task whose worker died or raised is tried this many more times
DASK_BATCH = 16  # articles per Dask task (one nlp.pipe batch, see extract_on_worker)
DASK_WINDOW = 500  # tasks in flight at once: the driver never holds a whole archive's futures


def resolve_model(requested: str | None = None) -> str:
    """The pipeline to use: the one asked for (flag or setting), else ``EXPLAINER_SPACY_MODEL``, else ours."""
    return requested or os.environ.get("EXPLAINER_SPACY_MODEL") or "default"


@dataclass
class Extracted:
    """One article's outcome: its extraction (None if it failed), cache key and where it came from."""

    source: ArticleSource
    key: str
    extraction: Extraction | None = None
    cached: bool = False
    error: str | None = None  # one line: why the article could not be extracted

    def line(self) -> str:
        """``file: extraction failed: problem``, the way user errors are reported."""
        where = self.source.meta.source_path or self.source.meta.slug
        return f"{where}: extraction failed: {self.error}"


class ExtractionFailed(ExplainerError):
    """Some articles could not be extracted (the others were, and are cached)."""

    def __init__(self, failed: list[Extracted]):
        self.failed = failed
        super().__init__("; ".join(item.line() for item in failed))


def _one_line(error: BaseException) -> str:
    lines = [line.strip() for line in str(error).splitlines() if line.strip()]
    return type(error).__name__ + (f": {lines[0][:300]}" if lines else "")


class Extractor:
    """Extracts articles through the cache (see the module's docstring).

    ``cache``: an :class:`ExtractionCache`, a local folder or an fsspec URL, or None for no cache.
    ``processes``: local worker processes (None: ``EXPLAINER_PROCESSES``, else the usable cores).
    ``scheduler``: a Dask scheduler address, Client or cluster; None extracts on this machine.
    """

    def __init__(self, model: str | None = None, cache=None, processes: int | str | None = None,
                 scheduler=None, retries: int = DASK_RETRIES, progress=True):
        self.model = resolve_model(model)
        self.cache = cache if cache is None or isinstance(cache, ExtractionCache) else ExtractionCache(cache)
        self.processes = configured_processes(processes)
        self.scheduler = scheduler or None
        self.retries = retries
        self.progress = progress
        self.counts = {"extracted": 0, "cached": 0, "failed": 0}

    def run(self, sources: Iterable[ArticleSource]) -> list[Extracted]:
        """Every article's :class:`Extracted`, in the order given. The pipeline (or the cluster) is
        used only if something is not in the cache."""
        sources = list(sources)
        results: list[Extracted | None] = [None] * len(sources)
        by_lang: dict[str, list[int]] = {}
        for index, source in enumerate(sources):
            by_lang.setdefault(source.meta.lang, []).append(index)
        for lang, indexes in sorted(by_lang.items()):
            version = pipeline_version(self.model, lang)  # cheap, memoised: spaCy is not loaded here
            todo: list[Extracted] = []
            for index in indexes:
                item = Extracted(sources[index], cache_key(sources[index], version))
                cached = self.cache.get(item.key) if self.cache is not None else None
                if cached is not None:
                    cached.article = sources[index].meta
                    item.extraction, item.cached = cached, True
                else:
                    todo.append(item)
                results[index] = item
            if todo:
                self._extract(todo, lang, version)
        done = [item for item in results if item is not None]
        failed = [item for item in done if item.error is not None]
        cached = sum(1 for item in done if item.cached)
        self.counts = {"extracted": len(done) - cached - len(failed), "cached": cached, "failed": len(failed)}
        return done

    def extract(self, sources: Iterable[ArticleSource]) -> list[Extraction]:
        """The extractions alone, in order; raises :class:`ExtractionFailed` if any article failed."""
        results = self.run(sources)
        failed = [item for item in results if item.error is not None]
        if failed:
            raise ExtractionFailed(failed)
        return [item.extraction for item in results]

    # --- extracting the misses ------------------------------------------------------------------

    def _store(self, item: Extracted, extraction: Extraction | None, error: str | None) -> None:
        item.extraction, item.error = extraction, error
        if extraction is not None and self.cache is not None:
            self.cache.put(item.key, extraction)  # as they arrive: an interrupted run keeps its work

    def _extract(self, todo: list[Extracted], lang: str, version: str) -> None:
        if self.scheduler is not None:
            for index, extraction, error in _on_dask(self.scheduler, [i.source for i in todo], self.model, lang,
                                                     version, self.retries, self.progress, self.processes):
                self._store(todo[index], extraction, error)
        else:
            for index, extraction, error in self._locally([i.source for i in todo], lang):
                self._store(todo[index], extraction, error)

    def _locally(self, sources: list[ArticleSource], lang: str) -> Iterator[tuple[int, Extraction | None, str | None]]:
        """(index, extraction, error) in order, through :func:`extract_many` (serial or local processes)."""
        from .nlp import load_pipeline  # spaCy loads only when something must be extracted

        yield from _isolating(sources, load_pipeline(self.model, lang), processes=self.processes, model=self.model,
                              lang=lang, progress=self.progress)


def _isolating(sources: list[ArticleSource], nlp, **options) -> Iterator[tuple[int, Extraction | None, str | None]]:
    """(index, extraction, error) in order, through :func:`extract_many` with ``options``.

    When the pipeline raises on an article, the articles before it are done; the first article
    not yet done is extracted alone (the culprit, or innocent and then extracted), and the run
    goes on after it: a bad article costs a restart, never the others' results."""
    start = 0
    while start < len(sources):
        done = 0
        try:
            for extraction in extract_many(sources[start:], nlp, **options):
                yield start + done, extraction, None
                done += 1
            return
        except Exception:  # noqa: BLE001 - find the article, report it, carry on with the rest
            index = start + done
            try:
                extraction, error = extract(sources[index], nlp), None
            except Exception as err:  # noqa: BLE001
                extraction, error = None, _one_line(err)
            yield index, extraction, error
            start = index + 1


# --- Dask --------------------------------------------------------------------------------------------

def extract_on_worker(sources: list[ArticleSource], model: str, lang: str,
                      version: str) -> list[tuple[Extraction | None, str | None]]:
    """One Dask task: a batch of articles through ``nlp.pipe`` with this worker process's pipeline
    (loaded once, then memoised), as (extraction, error) pairs in order; an article the pipeline
    cannot handle is reported, the others in its batch are extracted all the same.

    A batch per task, not an article: ``nlp.pipe`` is faster on batches, and the scheduler's
    per-task cost and the round trips are paid once per batch. The worker must compute the
    driver's pipeline version (same code, data, model and spaCy), or its results would be cached
    under keys that do not describe them."""
    from .nlp import load_pipeline

    mine = pipeline_version(model, lang)
    if mine != version:
        raise ConfigurationError(f"this Dask worker's pipeline ({model}, {lang}) is version {mine}, the client's "
                                 f"is {version} (install the same pelican-explainer, model and spaCy on every worker)")
    nlp = load_pipeline(model, lang)
    return [(extraction, error) for _, extraction, error in _isolating(sources, nlp, processes=1, progress=False)]


def _client(scheduler, processes: int, stack: ExitStack):
    """A Client: the one given, one on a cluster object, one on a cluster of our own on this machine
    (``local[:WORKERS]``, :mod:`.cluster`, default ``processes`` workers) or one connected to an
    address. What it opens, ``stack`` closes."""
    try:
        from dask.distributed import Client
    except ImportError:
        raise ConfigurationError("EXPLAINER_SCHEDULER / --scheduler: Dask is not installed "
                                 "(pip install 'pelican-explainer[dask]')") from None
    if isinstance(scheduler, Client):
        return scheduler
    workers = local_workers(scheduler)
    if workers is not None:
        scheduler = stack.enter_context(local_cluster(workers or processes))
    try:
        return stack.enter_context(Client(scheduler, timeout="30s"))
    except (OSError, TimeoutError) as err:
        raise ConfigurationError(f"EXPLAINER_SCHEDULER / --scheduler: cannot reach the Dask scheduler "
                                 f"{scheduler!r} ({_one_line(err)}); start one with `dask scheduler`") from None


def _batches(client, articles: int) -> list[range]:
    """Consecutive batches of at most :data:`DASK_BATCH` articles, smaller towards the end: each is at
    most half of a worker's fair share of what is left (guided self-scheduling), so the workers run
    out of work together instead of one finishing a full batch while the others wait, and a short
    run gives every worker several batches."""
    try:
        workers = max(1, len(client.scheduler_info().get("workers", {})))
    except Exception:  # noqa: BLE001 - an unusual scheduler: as if it had one worker
        workers = 1
    batches, start = [], 0
    while start < articles:
        size = max(1, min(DASK_BATCH, -(-(articles - start) // (2 * workers))))
        batches.append(range(start, start + size))
        start += size
    return batches


def _on_dask(scheduler, sources: list[ArticleSource], model: str, lang: str, version: str, retries: int,
             progress, processes: int) -> Iterator[tuple[int, Extraction | None, str | None]]:
    """(index, extraction, error) as the cluster finishes them (any order): one task per batch of up
    to :data:`DASK_BATCH` articles (:func:`_batches`), at most :data:`DASK_WINDOW` tasks in flight."""
    from dask.distributed import as_completed

    stack = ExitStack()  # the client, and the cluster when we started one
    report = _default_progress if progress is True else (progress or None)
    if len(sources) < PROGRESS_EVERY:
        report = None
    token = f"{version}-{os.getpid()}-{time.time_ns()}"
    firsts: dict[str, int] = {}  # task key → its batch's number

    def submit(number: int):
        future = client.submit(extract_on_worker, [sources[i] for i in batches[number]], model, lang, version,
                               retries=retries, pure=False, key=f"explainer-extract-{token}-{number}")
        firsts[future.key] = number
        return future

    try:
        client = _client(scheduler, processes, stack)
        batches = _batches(client, len(sources))
        started, finished, reported = time.perf_counter(), 0, 0
        pending = iter(range(len(batches)))
        queue = as_completed([submit(n) for _, n in zip(range(DASK_WINDOW), pending)])
        for future in queue:
            batch = batches[firsts.pop(future.key)]
            if future.status == "finished":
                for index, (extraction, error) in zip(batch, future.result()):
                    yield index, extraction, error
            else:
                error = future.exception()
                for index in batch:
                    yield index, None, _one_line(error) if error is not None else future.status
            future.release()
            finished += len(batch)
            following = next(pending, None)
            if following is not None:
                queue.add(submit(following))
            if report and (finished // PROGRESS_EVERY > reported or finished == len(sources)):
                reported = finished // PROGRESS_EVERY
                report(finished, len(sources), time.perf_counter() - started)
    finally:
        stack.close()
