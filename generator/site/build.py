"""An atomic site build: Pelican into a staging folder, the search index, then one swap into place.

A failing build (an article that cannot be read, a template error) leaves the previous site as it
was and reports one line naming the file and the problem.
"""
from __future__ import annotations

import logging
import shutil
import subprocess
import sys
from pathlib import Path

from ..errors import ExplainerError


class BuildError(ExplainerError):
    """The site could not be built; the previous output is untouched."""


class _ErrorCollector(logging.Handler):
    """Pelican logs unreadable content as errors and carries on; for us any error fails the build."""

    def __init__(self):
        super().__init__(level=logging.ERROR)
        self.messages: list[str] = []

    def emit(self, record):
        self.messages.append(record.getMessage().splitlines()[0])


def _run_pelican(settings_file: Path, staging: Path) -> None:
    from pelican import Pelican
    from pelican.settings import read_settings

    collector = _ErrorCollector()
    logging.getLogger().addHandler(collector)
    try:
        settings = read_settings(str(settings_file), override={"OUTPUT_PATH": str(staging),
                                                               "DELETE_OUTPUT_DIRECTORY": False})
        Pelican(settings).run()
    finally:
        logging.getLogger().removeHandler(collector)
    if collector.messages:
        raise BuildError("; ".join(collector.messages))


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
    try:
        _run_pelican(Path(settings_file), staging)
        if search:
            _index_search(staging)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    previous = output.with_name(output.name + ".previous")
    if previous.exists():
        shutil.rmtree(previous)
    if output.exists():
        output.rename(previous)
    staging.rename(output)
    shutil.rmtree(previous, ignore_errors=True)
    return output
