"""The site's search index: Pagefind's Python API, in shards, so a rebuild re-indexes only what changed.

Pagefind has no incremental mode: an index is always written whole (≈ 1 ms a page). So the site's
pages are split into *shards*, each its own Pagefind index under ``pagefind/<n>/``, and the browser
searches them all at once (Pagefind's ``mergeIndex``; ``theme/static/js/search.js`` reads the list
from ``pagefind/pagefind-shards.json``). A page's shard is fixed by its top folder (an explainer's
pages, a dossier's pages stay together), so a one-article change re-indexes one shard; every other
shard whose pages are byte for byte the same is taken over from the live site (moved in at the swap).
The number of shards grows with the site in powers of two (:func:`shard_count`), so it changes,
and everything is indexed again, only when the site doubles.

What Pagefind indexes of a page (:func:`record_of`) is the ``<html lang>`` tag around its
``data-pagefind-body`` elements (weights, ``data-pagefind-ignore`` and meta included), as its CLI
would. A shard's key is its pages' names and SHA-256 digests (and the Pagefind version); the digests
are kept between builds in ``EXPLAINER_CACHE_PATH/search-pages-<output>.state``, keyed by the page
file's identity (inode, size, mtime): unchanged explainers' pages are hard-linked from the live site
and are not read again. Pages go to Pagefind in path order, so a rebuild's shard is byte-identical
to a full build's. A failed, empty or partial shard fails the build (issue 25).

The ``pagefind`` package's service client reads one response per 0.1 s (``asyncio.sleep(0.1)`` in
its polling loop, pagefind 1.5.2): 16,000 pages would take half an hour. :class:`_Service` reads the
responses as they come, and the index's files are taken over the pipe and written here (Pagefind's
own ``write_files`` answers before its writes are done, see :func:`_write_index`); everything else is
the package's own ``PagefindIndex``.
"""
from __future__ import annotations

import asyncio
import base64
import hashlib
import json
import logging
import os
import re
from pathlib import Path

from ..errors import ExplainerError
from ..files import write_atomically
from ..site import helpers

logger = logging.getLogger(__name__)

FOLDER = "pagefind"
SHARDS_FILE = "pagefind-shards.json"  # in FOLDER: the shards' bundle folders (search.js) and keys
STATE_FORMAT = 1
PAGES_PER_SHARD = 2000  # a shard re-indexes in ~2 s; fewer shards mean fewer files for the browser
MAX_SHARDS = 16  # the browser loads every shard's entry file: beyond this, shards only grow
BODY = re.compile(rb"<([a-zA-Z][\w-]*)\b[^>]*\sdata-pagefind-body[\s>=/]")
HTML_OPEN = re.compile(rb"<html\b[^>]*>", re.IGNORECASE)

last_counts: dict[str, int] = {}  # the last index's {"pages", "read", "shards", "indexed"} (tests, benchmarks)


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


def shard_count(pages: int) -> int:
    """Shards for a site of ``pages`` indexed pages: the least power of two that keeps them at
    :data:`PAGES_PER_SHARD` or fewer each, at most :data:`MAX_SHARDS`."""
    count = 1
    while count < MAX_SHARDS and count * PAGES_PER_SHARD < pages:
        count *= 2
    return count


def shard_of(name: str, count: int) -> int:
    """The shard of a page: fixed by its top folder (all pages of one explainer together)."""
    top = name.split("/", 1)[0]
    return int.from_bytes(hashlib.sha256(top.encode("utf-8")).digest()[:8], "big") % count


def _state_path(cache_folder, output: Path) -> Path:
    name = hashlib.sha256(str(Path(output).resolve()).encode()).hexdigest()[:16]
    return Path(cache_folder) / f"search-pages-{name}.state"  # JSON; not *.json: not an extraction entry


def _pagefind_version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("pagefind_bin")
    except PackageNotFoundError:
        return "?"


def load_state(cache_folder, output: Path) -> dict:
    """{page: [inode, size, mtime, sha256, has body]} as the last build of ``output`` saw them."""
    try:
        data = json.loads(_state_path(cache_folder, output).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(data, dict) or data.get("format") != STATE_FORMAT:
        return {}
    return data.get("pages") if isinstance(data.get("pages"), dict) else {}


def save_state(cache_folder, output: Path, pages: dict) -> None:
    try:
        write_atomically(_state_path(cache_folder, output), json.dumps(
            {"format": STATE_FORMAT, "pages": pages}, separators=(",", ":")).encode("utf-8"))
    except OSError as err:  # the next build reads every page again, nothing worse
        logger.warning("explainer: could not write the search state (%s)", err)


def _html_pages(staging: Path) -> list[tuple[str, os.stat_result]]:
    """(page, its stat) for every HTML file under ``staging`` but the index itself, in path order
    (``os.walk``: a large site has tens of thousands of pages, and ``Path.rglob`` costs ~3× more)."""
    found = []
    for folder, subfolders, files in os.walk(staging):
        relative = os.path.relpath(folder, staging).replace(os.sep, "/")
        prefix = "" if relative == "." else relative + "/"
        if not prefix:
            subfolders[:] = [name for name in subfolders if name != FOLDER]
        found += [(prefix + name, os.stat(os.path.join(folder, name))) for name in files if name.endswith(".html")]
    return sorted(found, key=lambda item: item[0])


def scan(staging: Path, previous: dict) -> dict:
    """{page: [inode, size, mtime, sha256, has body]} for every HTML page under ``staging``, in path
    order; a page whose identity is the one ``previous`` knows (hard-linked, unchanged) is not read."""
    pages, read = {}, 0
    for name, st in _html_pages(staging):
        identity = [st.st_ino, st.st_size, st.st_mtime_ns]
        old = previous.get(name)
        if isinstance(old, list) and len(old) == 5 and old[:3] == identity:
            pages[name] = old
            continue
        data = (staging / name).read_bytes()
        read += 1
        pages[name] = identity + [hashlib.sha256(data).hexdigest(), BODY.search(data) is not None]
    last_counts.clear()
    last_counts.update(pages=len(pages), read=read)
    return pages


def plan_shards(pages: dict) -> tuple[bool, list[dict]]:
    """(whole, shards): the pages Pagefind indexes (those with ``data-pagefind-body``, or all of
    them when none has one: ``whole``) split into shards, each ``{"bundle", "key", "pages"}``;
    empty shards are left out."""
    whole = bool(pages) and not any(entry[4] for entry in pages.values())
    indexed = [name for name, entry in pages.items() if whole or entry[4]]
    count = shard_count(len(indexed))
    members: dict[int, list[str]] = {}
    for name in indexed:
        members.setdefault(shard_of(name, count), []).append(name)
    shards = []
    for number in sorted(members) or [0]:
        names = members.get(number, [])
        digest = hashlib.sha256(json.dumps([STATE_FORMAT, _pagefind_version(), count, number, whole,
                                            [[name, pages[name][3]] for name in names]]).encode("utf-8"))
        shards.append({"bundle": f"{number}/", "key": digest.hexdigest(), "pages": names})
    return whole, shards


def _service_class():
    from pagefind.service import PagefindService

    class _Service(PagefindService):
        """Pagefind's service client, reading each response as it arrives (see the module's docstring)."""

        async def _wait_for_responses(self) -> None:
            while True:
                try:
                    output = await _message(self._backend.stdout)
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


async def _message(stream) -> bytes:
    """One response of the service (base64, then ","), however long: an index's files come as one
    response, far beyond the stream's 64 KiB line limit."""
    parts = []
    while True:
        try:
            parts.append(await stream.readuntil(b","))
            return b"".join(parts)
        except asyncio.LimitOverrunError as err:
            parts.append(await stream.readexactly(err.consumed))


async def _write_index(folder: Path, records: list[tuple[str, str]]) -> None:
    """One Pagefind index of ``records`` ((page, record) in path order) written to ``folder``.

    The files are asked of the service (``get_files``) and written here. Pagefind's own
    ``write_files`` answers before its writes are done: ending the service then left files empty or
    cut short under load (the search UI's CSS, once the entry file), different from build to build."""
    from pagefind.index import IndexConfig, PagefindIndex

    class _Index(PagefindIndex):
        async def _start(self):
            self._service = await _service_class()().launch()
            helpers.record(self._service._backend.pid)  # ended by the next build if this one is killed
            self._index_id = (await self._service.create_index(self._config))._index_id
            return self

        async def __aexit__(self, exc_type, exc, traceback):
            # Not the package's exit (it writes the files, then terminates the service): close its input
            # and wait for it to finish.
            if self._service is None:
                return
            backend = self._service._backend
            try:
                backend.stdin.close()
                try:
                    await asyncio.wait_for(backend.wait(), 120)
                except asyncio.TimeoutError:
                    backend.kill()
                    await backend.wait()
            finally:
                self._service._poll_task.cancel()

    async with _Index(IndexConfig()) as index:
        for name, record in records:
            await index.add_html_file(content=record, url=page_url(name))
        files = await index.get_files()
    root = folder.resolve()
    for file in sorted(files, key=lambda f: f["path"]):
        path = (folder / file["path"]).resolve()
        if root not in path.parents:
            raise SearchIndexError(f"search index: Pagefind returned a file outside the index: {file['path']!r}")
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(file["content"])


def _index_shard(staging: Path, shard: dict, whole: bool) -> None:
    """Pagefind over one shard's pages (read again from ``staging``), checked."""
    folder = staging / FOLDER / shard["bundle"]
    records = [(name, record_of((staging / name).read_bytes(), whole=whole)) for name in shard["pages"]]
    try:
        asyncio.run(_write_index(folder, records))
    except SearchIndexError:
        raise
    except Exception as err:  # noqa: BLE001 - the binary missing or dying, a broken pipe …
        detail = str(err).strip().splitlines()
        raise SearchIndexError(f"search index failed: {type(err).__name__}"
                               + (f": {detail[0]}" if detail else "")) from err
    check_index(folder, len(records))


def live_shards(output: Path) -> dict[str, str]:
    """{bundle: key} of the live site's search index (empty if it has none, or an unreadable one)."""
    try:
        data = json.loads((Path(output) / FOLDER / SHARDS_FILE).read_text(encoding="utf-8"))
        return {str(s["bundle"]): str(s["key"]) for s in data["shards"]}
    except (OSError, ValueError, KeyError, TypeError):
        return {}


def index_site(staging: Path, cache_folder, output: Path, reuse=None) -> int:
    """Write ``staging/pagefind/``: every shard whose key the live site ``output`` has too is reused
    (``reuse(bundle)`` is asked to bring it in at the swap; without it, every shard is indexed), the
    others are indexed. Returns the pages indexed."""
    try:
        import pagefind.index  # noqa: F401
    except ImportError:
        raise SearchIndexError("search index: the pagefind package is not installed (pip install "
                               "'pagefind[bin]'), or build with --no-search") from None
    pages = scan(staging, load_state(cache_folder, output))
    whole, shards = plan_shards(pages)
    live = live_shards(output) if reuse is not None else {}
    indexed = 0
    for shard in shards:
        folder = Path(output) / FOLDER / shard["bundle"]
        if live.get(shard["bundle"]) == shard["key"] and _intact(folder, len(shard["pages"])):
            reuse(FOLDER + "/" + shard["bundle"])
        else:
            _index_shard(staging, shard, whole)
            indexed += 1
    listing = {"format": 1, "shards": [{"bundle": s["bundle"], "key": s["key"], "pages": len(s["pages"])}
                                       for s in shards]}
    (staging / FOLDER).mkdir(parents=True, exist_ok=True)
    (staging / FOLDER / SHARDS_FILE).write_text(json.dumps(listing, indent=1) + "\n", encoding="utf-8")
    save_state(cache_folder, output, pages)
    last_counts.update(shards=len(shards), indexed=indexed)
    return sum(len(s["pages"]) for s in shards)


def _intact(folder: Path, pages: int) -> bool:
    """Whether a live shard still looks as it was written (checked in full then): its entry file
    counts ``pages`` pages and it has as many fragments. Cheap: no file in it is read or stat'ed."""
    try:
        languages = json.loads((folder / "pagefind-entry.json").read_text(encoding="utf-8"))["languages"]
        counted = sum(int(language["page_count"]) for language in languages.values())
        return counted == pages == len(os.listdir(folder / "fragment"))
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return False


def check_index(folder: Path, pages: int) -> None:
    """A Pagefind index (one shard's ``folder``) that is missing, empty or partial (fewer pages or
    fragments than records) fails the build, rather than shipping a site whose search misses pages."""
    entry = folder / "pagefind-entry.json"
    where = f"{FOLDER}/{folder.name}"
    try:
        languages = json.loads(entry.read_text(encoding="utf-8"))["languages"]
        counted = sum(int(language["page_count"]) for language in languages.values())
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        raise SearchIndexError(f"search index: Pagefind wrote no readable {where}/pagefind-entry.json") from None
    fragments = sum(1 for p in (folder / "fragment").glob("*") if p.stat().st_size) if (folder / "fragment").is_dir() else 0
    if counted != pages or fragments != pages:
        raise SearchIndexError(f"search index: Pagefind indexed {counted} page(s) and wrote {fragments} fragment(s) "
                               f"of {where}'s {pages}")
    if pages and not any(p.stat().st_size for p in (folder / "index").glob("*")):
        raise SearchIndexError(f"search index: Pagefind wrote no index chunks in {where}")
    # None of Pagefind's own files is ever empty: one that is was cut short (seen under load when
    # Pagefind wrote the files itself, see _write_index).
    empty = sorted(p.name for p in folder.iterdir() if p.is_file() and not p.stat().st_size)
    if empty:
        raise SearchIndexError(f"search index: Pagefind left {where}/{empty[0]} empty")
