"""The figure words of a language (``generator/data/<lang>/figures.json``) and the patterns built from them."""
from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path

from ...language import language_dir, supported_languages

DATA_FILE = "figures.json"  # what read_resources reads in a language folder


def load_resources(lang: str) -> dict | None:
    """The figure words of ``generator/data/<lang>/``; None for a language we do not support."""
    if lang not in supported_languages():
        return None
    return read_resources(language_dir(lang))


@lru_cache(maxsize=4)
def read_resources(folder: Path) -> dict | None:
    """The figure words in ``folder`` (a language folder, or a pipeline's copy of its file), with the
    regular expressions built from them; None when there is no ``figures.json`` (then there are no
    key figures: nothing shown unless sure)."""
    path = folder / DATA_FILE
    if not path.is_file():
        return None
    data = json.loads(path.read_text(encoding="utf-8"))
    compounds = data.get("written_compounds", {})
    data["written"] = {**{word + head: data["written"][word] * value  # "drieduizend", "vijfhonderd"
                          for head, value in compounds.get("heads", {}).items() for word in compounds.get("words", [])},
                       **data["written"]}
    sets = {name: frozenset(w.lower() for w in data[name]) for name in (
        "currency_words", "percent_words", "percent_needs", "units", "trivial_units", "reference_words",
        "months", "time_words", "function_words", "not_counted", "change_words", "change_nouns",
        "uninflected_adjectives", "whole_words")}

    def alternatives(words):
        return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))

    number = r"\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:,\d+)?"
    written = alternatives(data["written"])
    mult = alternatives(data["multipliers"])
    currency = alternatives(data["currency_symbols"])
    ranges = alternatives(data["range_words"])
    one = (rf"(?P<C>(?:{currency})\s?)?(?P<N>{number}|(?i:{written}))(?![\w\-]|[:.,]\d)"
           rf"(?:\s*(?P<M>(?i:{mult}))(?![\w\-]))?")

    def named(c, n, m):
        return one.replace("(?P<C>", f"(?P<{c}>").replace("(?P<N>", f"(?P<{n}>").replace("(?P<M>", f"(?P<{m}>")
    pattern = re.compile(
        rf"(?<![\w\-.,:/€$£¥])" + named("cur", "num", "nummult")
        + rf"(?:\s*(?P<joint>(?i:{ranges}))\s*" + named("cur2", "num2", "mult") + ")?"
        + r"(?P<pct>\s?%)?")
    return {**data, **sets, "pattern": pattern,
            "plural_endings": tuple(data["plural_endings"]), "adjective_endings": tuple(data["adjective_endings"]),
            "hedges": sorted(data["hedges"], key=len, reverse=True),
            "written": {k.lower(): v for k, v in data["written"].items()},
            "multipliers": {k.lower(): v for k, v in data["multipliers"].items()}}
