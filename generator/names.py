"""Name keys: the one place that says when two spellings name the same thing.

Two keys, because two questions are asked. Within one article a writer spells a name one way, so
:func:`name_key` keeps accents and punctuation and only drops what grammar adds around a name (a
leading article, a possessive, the dots of an acronym): "de VVD", "VVD's" and "V.V.D." meet. Across
articles of different sources the spelling itself varies ("Müller"/"Muller", "Procter & Gamble"/"Procter
and Gamble"), so :func:`folded_name_key` folds accents and drops punctuation, but it keeps a leading
article: a dossier sees names of several articles at once, where "De Dorpsbode" and "Dorpsbode" are
compared by the dossier's own rules (``dossier/names.py``), not made equal by the key. Neither key is
the other one folded further; both live here so that neither is written twice.

The words these keys and the dossier's name rules read are shared by all languages on purpose
(``generator/data/names.json``); this module is below every layer, like ``unionfind.py``.
"""
from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

NAMES_FILE = Path(__file__).resolve().parent / "data" / "names.json"


@dataclass(frozen=True)
class NameWords:
    """The lists of ``data/names.json`` (what each is: the file's ``_doc``)."""

    particles: frozenset[str]
    generation_suffixes: frozenset[str]
    legal_forms: frozenset[str]
    legal_form_articles: frozenset[str]
    acronym_skip: frozenset[str]
    leading_article: re.Pattern  # "de VVD" → "VVD"
    descriptive: re.Pattern  # "de CEO": a reference, not a name


def _opening(words: list[str], gap: str) -> re.Pattern:
    return re.compile(r"^(?:" + "|".join(map(re.escape, words)) + r")" + gap, re.IGNORECASE)


@lru_cache(maxsize=None)
def name_words() -> NameWords:
    """The shared name words, read once."""
    data = json.loads(NAMES_FILE.read_text(encoding="utf-8"))
    return NameWords(
        particles=frozenset(data["particles"]),
        generation_suffixes=frozenset(data["generation_suffixes"]),
        legal_forms=frozenset(data["legal_forms"]),
        legal_form_articles=frozenset(data["legal_form_articles"]),
        acronym_skip=frozenset(data["acronym_skip"]),
        leading_article=_opening(data["leading_articles"], r"\s+"),
        descriptive=_opening(data["descriptive_openers"], r"\s"),
    )


def normalise(text: str) -> str:
    """Lookup form of a name: lowercase, single spaces, typographic apostrophes straightened."""
    return " ".join(text.replace("’", "'").replace("‘", "'").lower().split())


def strip_leading_article(text: str) -> str:
    """``text`` (normalised) without a leading article: "de vvd" → "vvd"."""
    return name_words().leading_article.sub("", text)


@lru_cache(maxsize=65536)
def name_key(text: str) -> str:
    """A name's key within one article: lowercase, no leading article, no dots in acronyms, no
    possessive ("de VVD", "VVD's", "V.V.D." → "vvd")."""
    text = strip_leading_article(normalise(text))
    text = re.sub(r"'s$", "", text)
    if re.fullmatch(r"(?:[a-z]\.)+[a-z]?\.?", text):
        text = text.replace(".", "")
    return text


def folded_name_key(value: str) -> str:
    """A name's key across articles: ASCII, lower case, punctuation dropped ("V.S." → "vs", "Apple Inc." →
    "apple inc"); a leading article stays (see the module's docstring)."""
    ascii_text = unicodedata.normalize("NFKD", value).encode("ascii", "ignore").decode("ascii").lower()
    words = re.findall(r"[a-z0-9]+", ascii_text.replace(".", ""))
    return " ".join(words)


def acronym(name: str) -> str | None:
    """"General Motors" → "gm", "Government Accountability Office" → "gao"; None for one-word names."""
    skip = name_words().acronym_skip
    words = [w for w in re.split(r"[\s\-]+", name) if w]
    letters = [w[0] for w in words if w.lower() not in skip and w[:1].isalpha() and w[:1].isupper()]
    if len(words) < 2 or len(letters) < 2:
        return None
    return "".join(letters).lower()
