"""Helper processes a build starts (Pagefind's indexing service), ended by the next build if a killed
build left them running.

A build killed with ``kill -9`` cannot end its children; an orphaned Pagefind would go on writing
into a staging folder the next build is deleting and filling again. Each build of an output
writes down every helper it starts (pid and the kernel's start time, so a recycled pid is never
mistaken for it) in a file beside its lock; the next build of that output, holding the lock, ends
whatever is still running from that list before it begins. A build that ends normally has waited for
its helpers and removes the list.
"""
from __future__ import annotations

import os
import signal
import time
from contextlib import contextmanager
from pathlib import Path

_current: Path | None = None  # the running build's list, while it holds its lock


def _start_time(pid: int) -> str | None:
    """The process's start time in clock ticks since boot (``/proc/PID/stat`` field 22), None if it is
    gone or a zombie."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    fields = stat[stat.rindex(")") + 2:].split()
    return None if fields[0] in "ZX" else fields[19]


def record(pid: int) -> None:
    """A helper this build started (no-op outside :func:`tracking`)."""
    if _current is None:
        return
    started = _start_time(pid)
    if started is not None:
        with open(_current, "a", encoding="ascii") as handle:
            handle.write(f"{pid} {started}\n")


def end_stale(path: Path, wait: float = 5.0) -> int:
    """End the helpers listed in ``path`` that still run (same pid, same start time); returns how many."""
    try:
        entries = [line.split() for line in path.read_text(encoding="ascii").splitlines()]
    except (OSError, UnicodeDecodeError):
        return 0
    ended = []
    for entry in entries:
        if len(entry) == 2 and entry[0].isdigit() and _start_time(int(entry[0])) == entry[1]:
            try:
                os.kill(int(entry[0]), signal.SIGKILL)
                ended.append(entry)
            except (ProcessLookupError, PermissionError):
                pass
    deadline = time.monotonic() + wait
    while any(_start_time(int(pid)) == started for pid, started in ended) and time.monotonic() < deadline:
        time.sleep(0.05)
    path.unlink(missing_ok=True)
    return len(ended)


@contextmanager
def tracking(path: Path):
    """While a build runs (under its lock): stale helpers ended first, new ones listed in ``path``;
    the list is removed when the build ends (its helpers have ended with it)."""
    global _current
    end_stale(path)
    _current = path
    try:
        yield
    finally:
        _current = None
        path.unlink(missing_ok=True)
