"""Cleaning text from outside before it reaches an output: HTML fragments for feeds, control
characters in article text, escape sequences in terminal output.

HTML sanitising is :mod:`nh3` (the Python binding of the Rust ``ammonia`` sanitiser, maintained and
fuzzed) with its allow-list defaults: no ``<script>``, ``<iframe>``, ``<object>``, ``<style>``, no
``on*`` attributes, only safe URL schemes (no ``javascript:``).
"""
from __future__ import annotations

import re

# C0 controls except tab, newline and carriage return; DEL; C1 controls. NUL and friends are not
# text: HTML forbids them and the html gate refuses them.
_CONTROLS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
# Terminal escape sequences (CSI, OSC, and the other ESC-introduced forms), then any control left,
# and the bidirectional overrides that reorder what a terminal shows.
_ESCAPE_SEQUENCE = re.compile(r"\x1b(?:\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(?:\x07|\x1b\\)?|[@-Z\\-_])"
                              r"|\x9b[0-?]*[ -/]*[@-~]")
_TERMINAL_UNSAFE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def strip_controls(text: str) -> str:
    """``text`` without control characters (tab, newline and carriage return stay)."""
    return _CONTROLS.sub("", text)


def terminal_safe(text: str) -> str:
    """``text`` fit to print on a terminal: no escape sequences, no control characters but newline
    and tab, no bidirectional overrides."""
    return _TERMINAL_UNSAFE.sub("", _ESCAPE_SEQUENCE.sub("", text))


def clean_html(fragment: str | None) -> str | None:
    """An HTML fragment with scripts, frames, plug-ins, event handlers and unsafe URLs removed."""
    if fragment is None:
        return None
    import nh3

    return nh3.clean(strip_controls(str(fragment)))
