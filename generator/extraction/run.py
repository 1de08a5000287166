"""From an article to its :class:`~generator.extraction.model.Extraction`: run the pipeline, collect ``Doc._``.

This is a pure per-article function (same text, date and pipeline → same result), which is what makes
the on-disk cache and parallel runs safe.

Many articles are batched through ``nlp.pipe``; from :data:`PARALLEL_THRESHOLD` articles on they are
spread over several worker processes (setting ``EXPLAINER_PROCESSES``, default: the usable cores).
spaCy's own ``nlp.pipe(n_process=...)`` is not used: it ships Docs between processes with msgpack,
which cannot carry our ``Doc._`` values (dates, dataclasses). Each worker instead holds one pipeline
(inherited on fork, or loaded once by its initializer) and sends back :class:`Extraction` objects.
"""
from __future__ import annotations

import logging
import multiprocessing
import os
import pickle
import sys
import time
import traceback
from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING

from .long_articles import is_long, is_very_long, merge, run_in_pieces, shift_mentions, split_source
from .model import Extraction
from .reading import ArticleSource
from .tokenization import tokenize

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

logger = logging.getLogger(__name__)

PARALLEL_THRESHOLD = 50  # fewer articles than this: one process (starting workers costs more)
PROGRESS_EVERY = 100  # report progress every this many articles on runs at least this long
CHUNK_SIZE = 16  # articles per task sent to a worker (and nlp.pipe batch size)

extracted_total = 0  # articles extracted by extract_many in this process (incremental-build tests, stats)
_worker_nlp: Language | None = None  # the pipeline of a worker process (or the parent, before fork)


def make_doc(nlp: Language, source: ArticleSource) -> Doc:
    """A tokenised Doc carrying what the components need besides the text."""
    doc = tokenize(nlp, source.text)
    doc._.publication_date = source.meta.date
    doc._.title = source.meta.title
    doc._.blocks = list(source.blocks)
    doc._.warnings = []
    return doc


def doc_to_extraction(doc: Doc, source: ArticleSource) -> Extraction:
    return Extraction(
        article=source.meta,
        text=source.text,
        blocks=list(source.blocks),
        sentences=[(s.start_char, s.end_char) for s in doc.sents] if len(doc) else [],
        actors=list(doc._.actors or []),
        quotes=list(doc._.quotes or []),
        timeline=list(doc._.timeline or []),
        figures=list(doc._.figures or []),
        warnings=list(doc._.warnings or []),
    )


def extract(source: ArticleSource, nlp: Language) -> Extraction:
    """Extract actors, quotes, timeline and key figures from one article."""
    if is_very_long(source):
        return extract_in_pieces(source, nlp)
    return doc_to_extraction(extract_doc(nlp, source), source)


def extract_in_pieces(source: ArticleSource, nlp: Language) -> Extraction:
    """A very long article piece by piece (:mod:`.long_articles`): each piece's Doc is freed before the
    next is made; the actors are resolved once over every piece's mentions."""
    actors = nlp.get_pipe("explainer_actors") if "explainer_actors" in nlp.pipe_names else None
    pieces, mentions, tokens = [], [], 0
    for offset, piece in split_source(source):
        doc = extract_doc(nlp, piece)
        if actors is not None:
            found, hybrid = actors.mentions(doc)
            mentions.extend(shift_mentions(found, offset, tokens, len(mentions)))
        tokens += len(doc)
        pieces.append((offset, doc_to_extraction(doc, piece)))
        del doc
    resolved = actors.actors(mentions, hybrid, source.meta.title) if actors is not None and pieces else None
    return merge(source, pieces, resolved)


def extract_doc(nlp: Language, source: ArticleSource) -> Doc:
    """The pipeline's Doc of one article (or piece): a Doc too long for the trained components at once
    goes through them in stretches."""
    doc = make_doc(nlp, source)
    return run_in_pieces(nlp, doc) if is_long(doc) else nlp(doc)


def configured_processes(value: int | str | None = None) -> int:
    """``value`` (the setting), else ``EXPLAINER_PROCESSES`` from the environment if set (≥ 1), else the
    number of cores this process may use."""
    value = str(value if value is not None else os.environ.get("EXPLAINER_PROCESSES", "")).strip()
    if value:
        try:
            return max(1, int(value))
        except ValueError:
            from ..errors import ConfigurationError

            raise ConfigurationError(f"EXPLAINER_PROCESSES: expected a number of processes, got {value!r}") from None
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not Linux
        return max(1, os.cpu_count() or 1)


def _serial(sources: list[ArticleSource], nlp: Language, batch_size: int) -> Iterator[Extraction]:
    """In order: ordinary articles in batches through ``nlp.pipe``, a very long one in pieces."""
    batch: list[tuple[Doc, ArticleSource]] = []

    def flush() -> Iterator[Extraction]:
        for doc, (_, source) in zip(nlp.pipe((d for d, _ in batch), batch_size=batch_size), batch):
            yield doc_to_extraction(doc, source)
        batch.clear()

    for source in sources:
        if is_very_long(source):
            yield from flush()
            yield extract_in_pieces(source, nlp)
            continue
        doc = make_doc(nlp, source)
        if is_long(doc):
            yield from flush()
            yield doc_to_extraction(run_in_pieces(nlp, doc), source)
            continue
        batch.append((doc, source))
        if len(batch) >= batch_size:
            yield from flush()
    yield from flush()


def _init_worker(model: str | None, lang: str | None) -> None:
    """Worker start: keep the pipeline inherited on fork, else load it once for this process."""
    global _worker_nlp
    if _worker_nlp is None:
        from .nlp import load_pipeline

        _worker_nlp = load_pipeline(model or "default", lang or "nl")


def _extract_chunk(chunk: list[ArticleSource]) -> list[Extraction]:
    try:
        return list(_serial(chunk, _worker_nlp, len(chunk)))
    except Exception as err:
        # The parent re-raises what a worker raised; an exception that does not survive pickling
        # would be lost (or stall the pool), so it travels as a RuntimeError with its traceback.
        try:
            pickle.loads(pickle.dumps(err))
        except Exception:  # noqa: BLE001
            raise RuntimeError(f"extraction failed in a worker process ({chunk[0].meta.source_path} …):\n"
                               f"{traceback.format_exc()}") from None
        raise


def _parallel(sources: list[ArticleSource], nlp: Language, processes: int, model: str | None,
              lang: str | None, chunk_size: int) -> Iterator[Extraction]:
    global _worker_nlp
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
    chunks = [sources[i:i + chunk_size] for i in range(0, len(sources), chunk_size)]
    forked = context.get_start_method() == "fork"
    _worker_nlp = nlp if forked else None  # forked workers inherit the loaded pipeline: no reload
    try:
        with context.Pool(min(processes, len(chunks)), initializer=_init_worker, initargs=(model, lang)) as pool:
            for extractions in pool.imap(_extract_chunk, chunks):
                yield from extractions
    finally:
        _worker_nlp = None


def _default_progress(done: int, total: int, elapsed: float) -> None:
    rate = done / elapsed if elapsed > 0 else 0.0
    left = (total - done) / rate if rate else 0.0
    message = "explainer: extracting %d/%d article(s), %.1f/s, ~%.0f s left"
    logger.info(message, done, total, rate, left)
    if not logger.hasHandlers():  # the CLI configures no logging: progress goes to stderr
        print(message % (done, total, rate, left), file=sys.stderr, flush=True)


def extract_many(sources: Iterable[ArticleSource], nlp: Language, batch_size: int = CHUNK_SIZE, *,
                 processes: int | None = None, model: str | None = None, lang: str | None = None,
                 progress: Callable[[int, int, float], None] | None | bool = True) -> Iterator[Extraction]:
    """Extract many articles with one pipeline, in order, batched through ``nlp.pipe``.

    ``processes``: worker processes (default :func:`configured_processes`), used only from
    :data:`PARALLEL_THRESHOLD` articles on. ``model``/``lang`` are what a spawned worker loads
    (forked workers inherit ``nlp``; without fork and without ``model`` it stays serial).
    ``progress``: ``True`` logs every :data:`PROGRESS_EVERY` articles on long runs, a callable
    ``(done, total, seconds)`` receives the same reports, ``False``/``None`` is quiet.
    """
    global extracted_total
    sources = list(sources)
    total = len(sources)
    processes = configured_processes() if processes is None else max(1, processes)
    can_fork = "fork" in multiprocessing.get_all_start_methods()
    if processes > 1 and total >= PARALLEL_THRESHOLD and (can_fork or model):
        results = _parallel(sources, nlp, processes, model, lang, batch_size)
    else:
        results = _serial(sources, nlp, batch_size)
    report = _default_progress if progress is True else (progress or None)
    if total < PROGRESS_EVERY:
        report = None
    start = time.perf_counter()
    for done, extraction in enumerate(results, 1):
        extracted_total += 1
        yield extraction
        if report and (done % PROGRESS_EVERY == 0 or done == total):
            report(done, total, time.perf_counter() - start)
