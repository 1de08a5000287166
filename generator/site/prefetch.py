"""Speculative extraction in a forked process while Pelican reads the content.

A rebuild with a few edited articles spends most of its time importing spaCy and loading the
pipeline for them, and none of that needs Pelican: our own reader gives the same text and metadata
for Markdown articles. So at the start of a build (:func:`start`, from the plugin's ``initialized``
signal) a forked child reads the content folder, finds the articles whose extraction is not in the
cache and, when there are only a few (fewer than :data:`generator.extraction.PARALLEL_THRESHOLD`; more
are better served by the parent's worker pool), extracts them into the cache while the parent reads
and prepares the site. The parent waits for the child (:func:`wait`) before it looks anything up in
the cache; whatever the child did not compute (an article Pelican reads differently, an error), the
parent extracts itself as before. Nothing changes in what is trusted: entries are content-keyed and
checksummed, and written atomically. To find the misses quickly the child remembers each file's
cache key by path, size and modification time (``prefetch.index``, JSON, in the cache folder; not
``*.json``, which names extraction entries), so it parses only files that changed; an edit that
keeps both only means the parent does that one itself.
"""
from __future__ import annotations

import json
import os
import sys
from pathlib import Path

_child: tuple[int, int] | None = None  # (pid, read end of the pipe on which it names the keys it wrote)


def start(settings: dict) -> None:
    """Fork the prefetching child (POSIX only; not in a process that already holds a pipeline)."""
    global _child
    if _child is not None or not hasattr(os, "fork") or not settings.get("PATH"):
        return
    nlp = sys.modules.get("pelican.plugins.explainer.nlp")
    if nlp is not None and nlp.load_pipeline.cache_info().currsize:
        return  # a warm process (the preview's build worker) extracts at once: nothing to win
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:
        os.close(read_end)
        code = 1
        try:
            keys = _prefetch(settings)
            os.write(write_end, "\n".join(keys).encode())
            code = 0
        except BaseException:  # noqa: BLE001 - speculation: the parent does whatever is left
            pass
        finally:
            os._exit(code)
    os.close(write_end)
    _child = (pid, read_end)


def wait() -> set[str]:
    """Wait for the child started by :func:`start`, if any; the cache keys it wrote."""
    global _child
    child, _child = _child, None
    if child is None:
        return set()
    pid, read_end = child
    with os.fdopen(read_end, "rb") as pipe:
        written = pipe.read().decode()
    try:
        os.waitpid(pid, 0)
    except ChildProcessError:
        pass
    return set(written.split()) if written else set()


def _prefetch(settings: dict) -> list[str]:
    from ..cache import ExtractionCache, cache_key, pipeline_version
    from ..extraction import PARALLEL_THRESHOLD, extract_many
    from ..files import write_atomically
    from ..reading import read_article
    from .explainer_generator import setting

    model = os.environ.get("EXPLAINER_SPACY_MODEL") or setting(settings, "EXPLAINER_SPACY_MODEL")
    folder = Path(setting(settings, "EXPLAINER_CACHE_PATH"))
    cache = ExtractionCache(folder)
    # (path, size, mtime) -> cache key as last computed, so unchanged files are not parsed again; a
    # stale guess only means the parent extracts that article itself
    index_path = folder / "prefetch.index"
    try:
        index = json.loads(index_path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        index = {}
    seen: dict[str, str] = {}
    written: list[str] = []
    by_lang: dict[str, list] = {}
    for path in sorted(Path(settings["PATH"]).rglob("*.md")):
        try:
            stat = path.stat()
            stamp = f"{path}\x00{stat.st_size}\x00{stat.st_mtime_ns}\x00{model}"
            if stamp in index:
                seen[stamp] = index[stamp]
                if cache.contains(index[stamp]):
                    continue
            source = read_article(path)
        except Exception:  # noqa: BLE001 - the parent reports unreadable articles
            continue
        by_lang.setdefault(source.meta.lang, []).append((stamp, source))
    for lang, sources in sorted(by_lang.items()):
        version = pipeline_version(model, lang)
        todo = []
        for stamp, source in sources:
            seen[stamp] = key = cache_key(source, version)
            if not cache.contains(key):
                todo.append((source, key))
        if not todo or len(todo) >= PARALLEL_THRESHOLD:
            continue
        from ..nlp import load_pipeline

        nlp = load_pipeline(model, lang)
        extractions = extract_many([s for s, _ in todo], nlp, processes=1, model=model, lang=lang, progress=False)
        for (_, key), extraction in zip(todo, extractions):
            cache.put(key, extraction)
            written.append(key)
    if seen != index:
        write_atomically(index_path, json.dumps(seen, sort_keys=True).encode("utf-8"))
    return written
