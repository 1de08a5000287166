"""The site's search index, built with Pagefind's Python API from per-page records kept between builds.

Pagefind has no incremental mode: its index is always written whole. What a rebuild can skip is the
work per page: each page's *record* (its URL and the part of its HTML Pagefind indexes: the
``<html lang>`` and the elements marked ``data-pagefind-body``, ``data-pagefind-ignore`` and weights
and all) is kept in ``EXPLAINER_CACHE_PATH/search-records-<output>.json``, keyed by the page file's
identity (inode, size, mtime). Unchanged explainers' pages are hard-linked from the live site, keep
their identity and so their record; only new or re-rendered pages are read again. A page without
``data-pagefind-body`` gets no record when any page has one, as Pagefind itself would skip it.

Records are a pure function of the page's bytes and are sent in path order, so a rebuild's index is
byte-identical to a full build's. A failed, empty or partial index fails the build (issue 25).

The ``pagefind`` package's service client reads one response per 0.1 s (``asyncio.sleep(0.1)`` in
its polling loop, pagefind 1.5.2): 16,000 pages would take half an hour. :class:`_Service` reads the
responses as they come; everything else is the package's own ``PagefindIndex``.
"""
from __future__ import annotations

import asyncio
import base64
import hashlib
import json
import logging
import os
import re
import shutil
from pathlib import Path

from ..errors import ExplainerError
from ..files import write_atomically
from . import helpers

logger = logging.getLogger(__name__)

FOLDER = "pagefind"
RECORDS_FORMAT = 1
BODY = re.compile(rb"<([a-zA-Z][\w-]*)\b[^>]*\sdata-pagefind-body[\s>=/]")
HTML_OPEN = re.compile(rb"<html\b[^>]*>", re.IGNORECASE)

last_counts: dict[str, int] = {}  # the last index's {"pages": n, "read": m} (tests, benchmarks)


class SearchIndexError(ExplainerError):
    """The search index could not be built; the build fails and the live site stays as it was."""


def _element_end(page: bytes, tag: bytes, start: int) -> int:
    """The end of the element opened at ``start`` (same-name elements nested inside counted)."""
    opening = re.compile(rb"<" + tag + rb"\b|</" + tag + rb"\s*>", re.IGNORECASE)
    depth = 0
    for match in opening.finditer(page, start):
        depth += -1 if match.group(0).startswith(b"</") else 1
        if depth == 0:
            return match.end()
    return len(page)


def record_of(page: bytes, whole: bool = False) -> str | None:
    """What Pagefind indexes of one page, as HTML: the ``<html>`` tag (language) around every
    ``data-pagefind-body`` element; None if there is none (``whole``: no page of the site has one,
    so Pagefind indexes whole pages)."""
    if whole:
        return page.decode("utf-8", "replace")
    parts, position = [], 0
    while (match := BODY.search(page, position)) is not None:
        end = _element_end(page, match.group(1), match.start())
        parts.append(page[match.start():end])
        position = end
    if not parts:
        return None
    html = HTML_OPEN.search(page)
    return (b"<!DOCTYPE html>" + (html.group(0) if html else b"<html>") + b"<body>" + b"".join(parts)
            + b"</body></html>").decode("utf-8", "replace")


def page_url(name: str) -> str:
    """The URL Pagefind gives a file: ``a/b/index.html`` → ``/a/b/``."""
    return "/" + (name[: -len("index.html")] if name == "index.html" or name.endswith("/index.html") else name)


def _records_path(cache_folder, output: Path) -> Path:
    name = hashlib.sha256(str(Path(output).resolve()).encode()).hexdigest()[:16]
    return Path(cache_folder) / f"search-records-{name}.records"  # JSON; not *.json: not an extraction entry


def _pagefind_version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("pagefind_bin")
    except PackageNotFoundError:
        return "?"


def load_records(cache_folder, output: Path) -> dict:
    try:
        data = json.loads(_records_path(cache_folder, output).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if data.get("format") != RECORDS_FORMAT or data.get("pagefind") != _pagefind_version():
        return {}
    return data.get("pages") if isinstance(data.get("pages"), dict) else {}


def save_records(cache_folder, output: Path, pages: dict) -> None:
    data = {"format": RECORDS_FORMAT, "pagefind": _pagefind_version(), "pages": pages}
    try:
        write_atomically(_records_path(cache_folder, output),
                         json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8"))
    except OSError as err:  # the next build reads every page again, nothing worse
        logger.warning("explainer: could not write the search records (%s)", err)


def _identity(path: Path) -> list[int]:
    st = path.stat()
    return [st.st_ino, st.st_size, st.st_mtime_ns]


def collect(staging: Path, previous: dict) -> dict:
    """{page: {"id": identity, "record": html or None}} for every HTML page under ``staging``,
    reusing ``previous`` records of files with the same identity (hard-linked, unchanged)."""
    names = sorted(p.relative_to(staging).as_posix() for p in staging.rglob("*.html"))
    names = [n for n in names if not n.startswith(FOLDER + "/")]
    pages, read, any_body = {}, 0, False
    for name in names:
        identity = _identity(staging / name)
        old = previous.get(name)
        if old and old.get("id") == identity and "whole" not in old:
            pages[name] = old
        else:
            read += 1
            pages[name] = {"id": identity, "record": record_of((staging / name).read_bytes())}
        any_body = any_body or pages[name]["record"] is not None
    if names and not any_body:  # no page marks its body: Pagefind indexes whole pages
        for name in names:
            pages[name] = {"id": pages[name]["id"], "whole": True,
                           "record": record_of((staging / name).read_bytes(), whole=True)}
    last_counts.clear()
    last_counts.update(pages=len(names), read=read)
    return pages


def _service_class():
    from pagefind.service import PagefindService

    class _Service(PagefindService):
        """Pagefind's service client, reading each response as it arrives (see the module's docstring)."""

        async def _wait_for_responses(self) -> None:
            while True:
                try:
                    output = await self._backend.stdout.readuntil(b",")
                except asyncio.IncompleteReadError:  # the service ended
                    return
                response = json.loads(base64.b64decode(output[:-1]))
                if response is None:
                    continue
                payload = response.get("payload") or {}
                message_id = response.get("message_id")
                if message_id is None and (original := payload.get("original_message")):
                    message_id = json.loads(original).get("message_id")
                future = self._responses.get(message_id)
                if future is None or future.done():
                    continue
                if payload.get("type") == "Error":
                    future.set_exception(SearchIndexError(f"search index: Pagefind: {payload.get('message')}"))
                else:
                    future.set_result(payload)

    return _Service


async def _write_index(staging: Path, records: list[tuple[str, str]]) -> None:
    from pagefind.index import IndexConfig, PagefindIndex

    class _Index(PagefindIndex):
        async def _start(self):
            self._service = await _service_class()().launch()
            helpers.record(self._service._backend.pid)  # ended by the next build if this one is killed
            self._index_id = (await self._service.create_index(self._config))._index_id
            return self

        async def __aexit__(self, exc_type, exc, traceback):
            # The package's own exit terminates the service right after WriteFiles is answered, and
            # then and again left pagefind-entry.json empty: end it by closing its input instead,
            # and wait for it to finish.
            if self._service is None:
                return
            backend = self._service._backend
            try:
                if exc_type is None:
                    await self.write_files()
            finally:
                backend.stdin.close()
                try:
                    await asyncio.wait_for(backend.wait(), 120)
                except asyncio.TimeoutError:
                    backend.kill()
                    await backend.wait()
                self._service._poll_task.cancel()

    async with _Index(IndexConfig(output_path=str(staging / FOLDER))) as index:
        for name, record in records:
            await index.add_html_file(content=record, url=page_url(name))


def index_site(staging: Path, cache_folder, output: Path) -> int:
    """Write ``staging/pagefind/`` from the pages' records (reused where the page is unchanged);
    records are saved for the next build of ``output``. Returns the pages indexed."""
    try:
        import pagefind.index  # noqa: F401
    except ImportError:
        raise SearchIndexError("search index: the pagefind package is not installed (pip install "
                               "'pagefind[bin]'), or build with --no-search") from None
    pages = collect(staging, load_records(cache_folder, output))
    records = [(name, page["record"]) for name, page in pages.items() if page["record"] is not None]
    for attempt in (1, 2):  # once more if Pagefind left a partial index (seen under heavy load)
        try:
            asyncio.run(_write_index(staging, records))
        except SearchIndexError:
            raise
        except Exception as err:  # noqa: BLE001 - the binary missing or dying, a broken pipe …
            detail = str(err).strip().splitlines()
            raise SearchIndexError(f"search index failed: {type(err).__name__}"
                                   + (f": {detail[0]}" if detail else "")) from err
        try:
            check_index(staging, len(records))
            break
        except SearchIndexError as err:
            if attempt == 2:
                raise
            logger.warning("explainer: %s; indexing again", err)
            shutil.rmtree(staging / FOLDER, ignore_errors=True)
    save_records(cache_folder, output, pages)
    return len(records)


def check_index(staging: Path, pages: int) -> None:
    """A search index that is missing, empty or partial (fewer pages or fragments than records)
    fails the build, rather than shipping a site whose search misses pages."""
    folder = staging / FOLDER
    entry = folder / "pagefind-entry.json"
    try:
        languages = json.loads(entry.read_text(encoding="utf-8"))["languages"]
        counted = sum(int(language["page_count"]) for language in languages.values())
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        raise SearchIndexError(f"search index: Pagefind wrote no readable {FOLDER}/pagefind-entry.json") from None
    fragments = sum(1 for p in (folder / "fragment").glob("*") if p.stat().st_size) if (folder / "fragment").is_dir() else 0
    if counted != pages or fragments != pages:
        raise SearchIndexError(f"search index: Pagefind indexed {counted} page(s) and wrote {fragments} fragment(s) "
                               f"of the site's {pages}")
    if pages and not any(p.stat().st_size for p in (folder / "index").glob("*")):
        raise SearchIndexError("search index: Pagefind wrote no index chunks")
