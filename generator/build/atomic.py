"""An atomic site build: Pelican into a staging folder, the search index, then one swap into place.

A failing build (a template error, a full disk) leaves the previous site as it was and reports one
line naming the file and the problem. A bad article fails only itself (:mod:`.refusals`): the
others are published and the build ends with one line naming the refused ones
(:class:`ArticlesRefused`, exit status 2); with ``strict`` it fails the whole build instead.
"""
from __future__ import annotations

import ctypes
import fcntl
import functools
import hashlib
import logging
import os
import shutil
import sys
import tempfile
from contextlib import contextmanager
from pathlib import Path

from ..errors import ExplainerError
from ..site import helpers, refusals, render_cache
from . import uptodate
from .search import SearchIndexError, index_site
from ..site.settings import local_cache_folder


class BuildError(ExplainerError):
    """The site could not be built; the previous output is untouched."""


class ArticlesRefused(ExplainerError):
    """The site was built and published without the articles in ``refused`` (file -> problems)."""

    def __init__(self, output: Path, refused: dict[str, list[str]]):
        self.output = output
        self.refused = refused
        super().__init__(refusals.summary(refused))


class _ErrorCollector(logging.Handler):
    """Pelican logs unreadable content as errors and carries on: an error about one article refuses
    that article (``refused``, by file), any other error fails the build (``messages``)."""

    def __init__(self, content_path: str = ""):
        super().__init__(level=logging.ERROR)
        self.messages: list[str] = []
        self.refused: dict[str, list[str]] = {}
        self.content_path = content_path

    def emit(self, record):
        # "Could not process ./x.md" is logged inside Pelican's ``except`` block, without the reason:
        # take it from the exception being handled.
        lines = [line.strip() for line in record.getMessage().splitlines() if line.strip()]
        message = ": ".join(lines[:2]) if lines else record.levelname
        error = record.exc_info[1] if record.exc_info else sys.exc_info()[1]
        if getattr(record, refusals.MARK, None):
            error = None  # the line already says it all
        if error is not None and len(lines) < 2:
            detail = str(error).strip().splitlines()
            message += f": {type(error).__name__}" + (f": {detail[0]}" if detail else "")
        if self.content_path:
            message = message.replace(" ./", f" {self.content_path}/", 1)
            for folder in {os.path.abspath(self.content_path), str(Path(self.content_path).resolve())}:
                message = message.replace(folder + os.sep, self.content_path + os.sep)
        if "would be written outside output path" in message:  # Pelican drops the article silently
            message = message.split(": RuntimeError")[0] + " (check its Slug: lowercase letters, digits, hyphens)"
        article = refusals.refused_file(record, self.content_path)
        if article is None:
            self.messages.append(message)
        else:
            self.refused.setdefault(_display_path(article), []).append(message)


class _WarningPrinter(logging.Handler):
    """Warnings (a stale correction, a speaker who is not an actor, a skipped language) reach the user
    once each when nobody else prints the log (``explainer build``, ``make html``, the preview's
    builds); under plain ``pelican`` its own log handler shows them."""

    def __init__(self):
        super().__init__(level=logging.WARNING)
        self.seen: set[str] = set()

    def emit(self, record):
        if record.levelno >= logging.ERROR:
            return  # errors fail the build and are reported by the collector
        message = record.getMessage().strip().splitlines()
        line = message[0] if message else record.levelname
        if line not in self.seen:
            self.seen.add(line)
            print(f"explainer: warning: {line}", file=sys.stderr, flush=True)


def _run_pelican(settings_file: Path, staging: Path, previous: Path | None = None,
                 strict: bool = False) -> tuple[dict, dict[str, list[str]]]:
    """Pelican into ``staging``; returns the settings it ran with and the refused articles (file ->
    problems). Any other error, or with ``strict`` any refused article, fails the build."""
    from pelican import Pelican

    settings = _read_settings(settings_file, staging, previous)
    if settings.get("CACHE_CONTENT"):
        try:
            settings["CACHE_PATH"] = _reader_cache_path(settings)
        except OSError as err:  # read-only, or a file in its place: build without it
            print(f"explainer: warning: {_display_path(err.filename or settings['CACHE_PATH'])}: cannot be "
                  f"written ({err.strerror}); building without Pelican's reader cache", file=sys.stderr, flush=True)
            settings["CACHE_CONTENT"] = settings["LOAD_CONTENT_CACHE"] = False
    collector = _ErrorCollector(_display_path(settings["PATH"]))
    root = logging.getLogger()
    printer = None if root.handlers else _WarningPrinter()
    for handler in (collector, printer):
        if handler is not None:
            root.addHandler(handler)
    try:
        Pelican(settings).run()
    except ExplainerError:
        raise
    except Exception as err:  # a template or plugin error: one line (``explainer --debug build`` for the traceback)
        raise BuildError(_code_error(err)) from err
    finally:
        root.removeHandler(collector)
        if printer is not None:
            root.removeHandler(printer)
    if collector.messages or (strict and collector.refused):
        raise BuildError("; ".join([*collector.messages, *(m for ms in collector.refused.values() for m in ms)]))
    return settings, collector.refused


def _read_settings(settings_file: Path, staging: Path, previous: Path | None = None) -> dict:
    """The settings Pelican runs with: the file's, writing into ``staging``, reusing from ``previous``."""
    from pelican.settings import read_settings

    try:
        override = {"OUTPUT_PATH": str(staging), "DELETE_OUTPUT_DIRECTORY": False}
        if previous is not None:  # the live site (if any): unchanged explainers' files are reused from it
            override["EXPLAINER_PREVIOUS_OUTPUT"] = str(previous)
        return read_settings(str(settings_file), override=override)
    except Exception as err:  # a settings file is code: report its error in one line, not a traceback
        raise BuildError(_code_error(err, settings_file)) from None


def _code_error(err: Exception, where=None) -> str:
    """One line for an error in code (settings, a plugin, a template): the file and line where known."""
    if isinstance(err, SyntaxError):
        return f"{err.filename or where}: line {err.lineno}: SyntaxError: {err.msg}"
    detail = str(err).strip().splitlines()
    where = getattr(err, "filename", None) or where
    return f"{str(where) + ': ' if where else ''}{type(err).__name__}" + (f": {detail[0]}" if detail else "")


_READER_CACHES_KEPT = 3
# Settings that do not change how Pelican reads an article.
_NOT_READING = {"OUTPUT_PATH", "EXPLAINER_PREVIOUS_OUTPUT", "CACHE_PATH", "SITEURL",
                "FEED_DOMAIN", "DELETE_OUTPUT_DIRECTORY", "BIND", "PORT"}


def _reader_cache_path(settings: dict) -> str:
    """Pelican's reader cache (``CACHE_CONTENT``) is keyed by each file's stamp only, not by the
    settings its readers used: one folder per fingerprint of the settings and library versions, so
    changing e.g. ``MARKDOWN`` or ``TIMEZONE`` never serves an article read under the old ones.
    Only the few most recently used folders are kept (e.g. one for ``make html``, one for publishing)."""
    from importlib.metadata import version

    text = render_cache.settings_text(settings, _NOT_READING)
    text += "".join(f"\x00{name}={version(name)}" for name in ("pelican", "markdown"))
    name = "pelican-" + hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]
    folder = Path(settings["CACHE_PATH"]) / name
    folder.mkdir(parents=True, exist_ok=True)
    os.utime(folder)  # most recently used
    others = sorted((p for p in folder.parent.glob("pelican-*") if p != folder and p.is_dir()),
                    key=lambda p: p.stat().st_mtime, reverse=True)
    for old in others[_READER_CACHES_KEPT - 1:]:
        shutil.rmtree(old, ignore_errors=True)
    return str(folder)


def _display_path(path: str) -> str:
    try:
        return str(Path(path).resolve().relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def _index_search(staging: Path, cache_folder: str, output: Path) -> None:
    """Pagefind's index of the new site (:mod:`.search`: in shards, only those whose pages changed
    indexed again, the others moved in from the live site at the swap); a missing, empty or failed
    index fails the build."""
    try:
        index_site(staging, cache_folder, output, reuse=functools.partial(render_cache.plan_move, output, staging))
    except SearchIndexError as err:
        raise BuildError(str(err)) from err


@contextmanager
def _build_lock(output: Path):
    """One build per output folder at a time (``make serve`` rebuilding while someone runs ``make
    html``): the second waits for the first, saying so once. The lock is an ``flock`` on a file in the
    temporary folder named after the output's path (nothing is left beside the site), released by the
    kernel even when a build is killed."""
    digest = hashlib.sha256(os.fsencode(output)).hexdigest()[:16]
    path = Path(tempfile.gettempdir()) / f"explainer-build-{digest}.lock"
    with open(path, "a") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            print(f"explainer: waiting for another build of {_display_path(str(output))} to finish",
                  file=sys.stderr, flush=True)
            fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            with helpers.tracking(path.with_suffix(".helpers")):  # a killed build's Pagefind ends here
                yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


_RENAME_EXCHANGE = 2  # linux/fs.h


def _exchange(a: Path, b: Path) -> bool:
    """Swap two folders in one step (Linux ``renameat2(RENAME_EXCHANGE)``), so there is never a moment
    without a site; False where the system cannot (then two renames do it)."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    at_fdcwd = -100
    return renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), _RENAME_EXCHANGE) == 0


def build_site(settings_file="pelicanconf.py", output="output", search: bool = True, strict: bool = False) -> Path:
    """Build and publish the site into ``output``; returns it. Raises :class:`BuildError` (the
    previous site untouched) or, after publishing the good articles, :class:`ArticlesRefused`;
    ``strict``: a refused article is a :class:`BuildError` too."""
    output = Path(output).resolve()
    with _build_lock(output):
        refused = _build_site(settings_file, output, search, strict)
    if refused:
        raise ArticlesRefused(output, refused)
    return output


def _build_site(settings_file, output: Path, search: bool, strict: bool) -> dict[str, list[str]]:
    staging = output.with_name(output.name + ".staging")
    try:
        if staging.exists():  # a killed build's
            shutil.rmtree(staging)
    except OSError as err:
        raise BuildError(f"{_display_path(str(staging))}: cannot be removed ({err.strerror}); remove it "
                         "and build again") from None
    render_cache.discard_pending()
    # Nothing changed since the live site was built (see .uptodate): it is already this build's result.
    read = _read_settings(Path(settings_file), staging, output)
    cache_folder = local_cache_folder(read)
    current = uptodate.stamp(read, search, strict)  # before the build: an edit during it counts
    refused = uptodate.recorded(cache_folder, output, current)
    if refused is not None:
        print(f"explainer: nothing changed since the last build of {_display_path(str(output))}",
              file=sys.stderr, flush=True)
        return refused
    uptodate.forget(cache_folder, output)
    render_cache.begin(read)  # likewise the pages' fingerprint of theme and code, before Pelican reads them
    try:
        # Staging starts as the spare (the site before the live one) with only its explainers' files
        # left; unchanged explainers stay there, or are hard-linked from the live site (see
        # render_cache): the live site is never touched before the swap, so a kill at any point leaves it whole.
        render_cache.adopt_spare(cache_folder, output, staging)
        settings, refused = _run_pelican(Path(settings_file), staging, output, strict=strict)
        if search:
            _index_search(staging, local_cache_folder(settings), output)
    except BaseException:
        render_cache.discard_pending()
        shutil.rmtree(staging, ignore_errors=True)
        raise
    old_entries = render_cache.load(cache_folder, output) if output.is_dir() else {}
    new_entries = render_cache.pending_entries()
    previous = output.with_name(output.name + ".previous")
    if previous.exists():
        shutil.rmtree(previous)
    render_cache.move_planned()
    if output.exists() and _exchange(staging, output):
        staging.rename(previous)  # the old site, now under the staging name
    else:
        if output.exists():
            output.rename(previous)
        staging.rename(output)
    render_cache.commit_pending(output)
    if previous.exists():  # the old site becomes the next build's staging folder
        render_cache.keep_spare(cache_folder, previous, old_entries, output)
    else:  # the first build: a spare of links, so the first rebuild is like every later one
        render_cache.seed_spare(cache_folder, output, new_entries)
    uptodate.record(cache_folder, output, current, refused)
    return refused
