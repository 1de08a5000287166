"""An atomic site build: Pelican into a staging folder, the search index, then one swap into place.

A failing build (an article that cannot be read, a template error) leaves the previous site as it
was and reports one line naming the file and the problem.
"""
from __future__ import annotations

import hashlib
import logging
import os
import shutil
import subprocess
import sys
from pathlib import Path

from ..errors import ExplainerError
from . import render_cache


class BuildError(ExplainerError):
    """The site could not be built; the previous output is untouched."""


class _ErrorCollector(logging.Handler):
    """Pelican logs unreadable content as errors and carries on; for us any error fails the build."""

    def __init__(self, content_path: str = ""):
        super().__init__(level=logging.ERROR)
        self.messages: list[str] = []
        self.content_path = content_path

    def emit(self, record):
        # "Could not process ./x.md" is logged inside Pelican's ``except`` block, without the reason:
        # take it from the exception being handled.
        lines = [line.strip() for line in record.getMessage().splitlines() if line.strip()]
        message = ": ".join(lines[:2]) if lines else record.levelname
        error = record.exc_info[1] if record.exc_info else sys.exc_info()[1]
        if error is not None and len(lines) < 2:
            detail = str(error).strip().splitlines()
            message += f": {type(error).__name__}" + (f": {detail[0]}" if detail else "")
        if self.content_path:
            message = message.replace(" ./", f" {self.content_path}/", 1)
        if "would be written outside output path" in message:  # Pelican drops the article silently
            message = message.split(": RuntimeError")[0] + " (check its Slug: lowercase letters, digits, hyphens)"
        self.messages.append(message)


def _run_pelican(settings_file: Path, staging: Path, previous: Path | None = None, move: bool = False) -> None:
    from pelican import Pelican
    from pelican.settings import read_settings

    try:
        override = {"OUTPUT_PATH": str(staging), "DELETE_OUTPUT_DIRECTORY": False}
        if previous is not None:  # the live site (if any): unchanged explainers' files are reused from it
            override["EXPLAINER_PREVIOUS_OUTPUT"] = str(previous)
            override["EXPLAINER_REUSE"] = "move" if move else "link"
        settings = read_settings(str(settings_file), override=override)
    except Exception as err:  # a settings file is code: report its error in one line, not a traceback
        detail = str(err).splitlines()[0] if str(err) else ""
        raise BuildError(f"{settings_file}: {type(err).__name__}{': ' + detail if detail else ''}") from None
    if settings.get("CACHE_CONTENT"):
        settings["CACHE_PATH"] = _reader_cache_path(settings)
    collector = _ErrorCollector(_display_path(settings["PATH"]))
    logging.getLogger().addHandler(collector)
    try:
        Pelican(settings).run()
    except ExplainerError:
        raise
    except Exception as err:  # a template or plugin error: one line (``explainer --debug build`` for the traceback)
        detail = str(err).strip().splitlines()
        where = getattr(err, "filename", None)
        raise BuildError(f"{where + ': ' if where else ''}{type(err).__name__}"
                         + (f": {detail[0]}" if detail else "")) from err
    finally:
        logging.getLogger().removeHandler(collector)
    if collector.messages:
        raise BuildError("; ".join(collector.messages))


_READER_CACHES_KEPT = 3
# Settings that do not change how Pelican reads an article.
_NOT_READING = {"OUTPUT_PATH", "EXPLAINER_PREVIOUS_OUTPUT", "EXPLAINER_REUSE", "CACHE_PATH", "SITEURL",
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


def _index_search(staging: Path) -> None:
    """Pagefind's index, so search works on the static site (skipped when Pagefind is absent)."""
    try:
        import pagefind  # noqa: F401
    except ImportError:
        return
    result = subprocess.run([sys.executable, "-m", "pagefind", "--site", str(staging), "--silent"],
                            capture_output=True, text=True)
    if result.returncode != 0:
        raise BuildError(f"search index failed: {result.stderr.strip().splitlines()[-1:]}")


def build_site(settings_file="pelicanconf.py", output="output", search: bool = True) -> Path:
    output = Path(output).resolve()
    staging = output.with_name(output.name + ".staging")
    if staging.exists():
        shutil.rmtree(staging)
    render_cache.discard_pending()
    try:
        # Unchanged explainers' files come from the live site (see render_cache): hard-linked into
        # staging when Pagefind must read them there; else their folders are moved in at the swap.
        _run_pelican(Path(settings_file), staging, output, move=not search)
        if search and not render_cache.reuse_search_index(output, staging):
            _index_search(staging)
        elif not search:
            render_cache.forget_search_index()
    except BaseException:
        render_cache.discard_pending()
        shutil.rmtree(staging, ignore_errors=True)
        raise
    previous = output.with_name(output.name + ".previous")
    if previous.exists():
        shutil.rmtree(previous)
    render_cache.move_planned()
    if output.exists():
        output.rename(previous)
    staging.rename(output)
    render_cache.commit_pending(output)
    shutil.rmtree(previous, ignore_errors=True)
    return output
