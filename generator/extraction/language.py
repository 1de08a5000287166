"""Everything the extraction and the pages know about one language, found in one place.

Like spaCy's ``Language.Defaults``: algorithms never hold words of a language; they read them from
``generator/data/<code>/`` through :func:`load_language`. A language is *supported* when its folder
has the two files extraction cannot do without (quote and date rules); the actor lists, figure and
display words are optional and their absence means "nothing found", never a guess. Adding a
language is: add ``data/<code>/``, pick a spaCy model, run ``explainer evaluate``.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ..errors import ConfigurationError

DATA_DIR = Path(__file__).resolve().parent.parent / "data"
REQUIRED = ("quotes.json", "temporal.json")


class UnsupportedLanguage(ConfigurationError):
    """No language data for a language code."""


def supported_languages() -> tuple[str, ...]:
    """Codes with language data, sorted."""
    return tuple(sorted(p.name for p in DATA_DIR.iterdir()
                        if p.is_dir() and all((p / name).is_file() for name in REQUIRED)))


def language_dir(code: str) -> Path:
    """``generator/data/<code>/`` for a supported language (the code is matched without case)."""
    normal = (code or "").strip().lower()
    if normal not in supported_languages():
        raise UnsupportedLanguage(
            f"language {code!r}: no language data (supported: {', '.join(supported_languages())}); "
            f"add generator/data/{normal or '<code>'}/ with {' and '.join(REQUIRED)} to support it")
    return DATA_DIR / normal


@dataclass(frozen=True)
class LanguageData:
    """One language's data, each part loaded by the module that reads it (and cached there)."""

    code: str
    folder: Path

    @property
    def actors(self):
        from .components.actors.lexicon import load_lexicon

        return load_lexicon(self.code)

    @property
    def quotes(self):
        from .components.quotes.lexicon import load_lexicon

        return load_lexicon(self.code)

    @property
    def temporal(self):
        from .components.timeline.resources import load_resources

        return load_resources(self.code)

    @property
    def figures(self):
        from .components.figures.resources import load_resources

        return load_resources(self.code)

    @property
    def display(self):
        return display_data(self.code)


@lru_cache(maxsize=None)
def display_data(lang: str) -> dict:
    """The language's presentation words (``generator/data/<lang>/display.json``), or none: page
    labels, period names; read by the site and the formats layers, kept here with the other data."""
    if lang not in supported_languages():
        return {}
    path = language_dir(lang) / "display.json"
    return json.loads(path.read_text(encoding="utf-8")) if path.is_file() else {}


@lru_cache(maxsize=8)
def load_language(code: str) -> LanguageData:
    """The language data for ``code``; :class:`UnsupportedLanguage` (one line) when there is none."""
    folder = language_dir(code)
    return LanguageData(code=folder.name, folder=folder)
