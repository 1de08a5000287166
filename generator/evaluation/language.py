"""The words scoring ignores, per language (``generator/data/<lang>/evaluation.json``): the evaluation
compares names the way a reader would, and which small words a reader overlooks is language data."""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache

from ..extraction.language import load_language


@dataclass(frozen=True)
class ScoringWords:
    name_article: re.Pattern  # "de Waterschapsraad" → "Waterschapsraad"
    speaker_articles: tuple[str, ...]  # each with its space: "een woordvoerder" → "woordvoerder"
    speaker_name_particles: frozenset[str]


@lru_cache(maxsize=None)
def scoring_words(lang: str) -> ScoringWords:
    data = json.loads((load_language(lang).folder / "evaluation.json").read_text(encoding="utf-8"))
    return ScoringWords(
        name_article=re.compile(r"^(?:" + "|".join(map(re.escape, data["name_articles"])) + r")\s+"),
        speaker_articles=tuple(f"{article} " for article in data["speaker_articles"]),
        speaker_name_particles=frozenset(data["speaker_name_particles"]),
    )
