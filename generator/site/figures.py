"""Key figures in an article ("ruim 100.000 Russische soldaten"): numbers with the words they count.

A pure function over the extraction's text (the site layer never runs spaCy): a regular expression
finds a number (digits with Dutch thousands separators and decimals, "1,5 miljoen", or a written
number such as "duizenden"), an optional hedge before it ("ruim", "bijna", "meer dan") and the noun
phrase after it (adjectives ending in -e, then one noun). Years, dates the timeline already covers
and referring phrases such as "de twee landen" are left out.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..model import Extraction

WRITTEN = {
    "drie": 3, "vier": 4, "vijf": 5, "zes": 6, "zeven": 7, "acht": 8, "negen": 9, "tien": 10,
    "elf": 11, "twaalf": 12, "twintig": 20, "dertig": 30, "veertig": 40, "vijftig": 50,
    "honderd": 100, "duizend": 1000, "tientallen": 20, "honderden": 200, "duizenden": 2000,
    "tienduizenden": 20000, "honderdduizenden": 200000, "miljoenen": 2000000, "miljarden": 2000000000,
    # English, for articles in English
    "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "twelve": 12, "twenty": 20, "fifty": 50, "hundred": 100, "hundreds": 200, "thousand": 1000,
    "thousands": 2000, "millions": 2000000,
}
MULTIPLIERS = {"duizend": 1e3, "miljoen": 1e6, "miljard": 1e9, "thousand": 1e3, "million": 1e6,
               "billion": 1e9, "mln": 1e6, "mld": 1e9}
HEDGES = ("meer dan", "minder dan", "ten minste", "zo'n", "zo’n", "ruim", "bijna", "circa", "ongeveer",
          "minstens", "maximaal", "hooguit", "liefst", "more than", "nearly", "almost", "about", "over")
UNITS = {"procent", "%", "euro", "dollar", "kilometer", "km", "meter", "percent", "procentpunt"}
STOP = {
    "die", "dat", "en", "of", "om", "te", "in", "op", "aan", "van", "met", "voor", "naar", "bij", "uit",
    "is", "zijn", "was", "waren", "werd", "werden", "wordt", "worden", "heeft", "hebben", "had", "zal",
    "zullen", "kan", "kunnen", "de", "het", "een", "als", "dan", "maar", "want", "door", "over", "per",
    "tot", "sinds", "na", "jaar", "jaren", "maanden", "maand", "weken", "week", "dagen", "dag", "uur",
    "keer", "the", "of", "and", "to", "a", "an", "years", "year", "days", "months", "weeks", "times",
}
ARTICLES = {"de", "het", "die", "deze", "the", "these", "those"}

_NUMBER = r"\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:,\d+)?"
_WRITTEN = "|".join(sorted(WRITTEN, key=len, reverse=True))
_MULT = "|".join(MULTIPLIERS)
PATTERN = re.compile(
    rf"(?<![\w\-.,])(?P<number>{_NUMBER}|(?i:{_WRITTEN}))(?![\w\-])"
    rf"(?:\s+(?P<mult>{_MULT})\b)?"
    rf"(?P<unit>\s*%)?"
)
WORD = re.compile(r"\s+([^\W\d_][\w\-’']*)")


@dataclass(frozen=True)
class KeyFigure:
    text: str  # "ruim 100.000 Russische soldaten"
    number: str  # "100.000"
    phrase: str  # "Russische soldaten"
    value: float
    start: int
    end: int


def _value(number: str, mult: str | None) -> float:
    low = number.lower()
    if low in WRITTEN:
        value = float(WRITTEN[low])
    else:
        value = float(number.replace(".", "").replace(",", "."))
    return value * MULTIPLIERS.get((mult or "").lower(), 1)


def _noun_phrase(text: str, pos: int, limit: int) -> tuple[str, int]:
    """Adjectives ending in -e (or -en before another word) and the noun they lead to."""
    words, end = [], pos
    while len(words) < 4:
        match = WORD.match(text, end, limit)
        if not match:
            break
        word = match.group(1)
        if word.lower() in STOP and not words:
            return "", pos
        if word.lower() in STOP:
            break
        words.append(word)
        end = match.end()
        if not (word.lower().endswith(("e", "se")) and WORD.match(text, end, limit)):
            break
    if words and words[-1].lower() in STOP:
        words.pop()
    return " ".join(words), end


def key_figures(extraction: Extraction, limit: int = 6) -> list[KeyFigure]:
    """The article's telling numbers, largest first, each once, with offsets into the text."""
    text = extraction.text
    taken = [(s, e) for t in extraction.timeline for s, e in (t.sources or [(t.start, t.end)])]
    found: list[KeyFigure] = []
    sentence_ends = sorted(e for _, e in extraction.sentences) or [len(text)]
    for match in PATTERN.finditer(text):
        number, mult, unit = match.group("number"), match.group("mult"), match.group("unit")
        start, end = match.start(), match.end()
        if any(s < end and start < e for s, e in taken):
            continue
        if re.fullmatch(r"1[5-9]\d\d|20\d\d", number) and not mult:
            continue  # a year, not a quantity
        prefix = text[max(0, start - 20):start]
        hedge = next((h for h in HEDGES if prefix.lower().rstrip().endswith(h)
                      and (len(prefix.rstrip()) == len(h) or not prefix.rstrip()[-len(h) - 1].isalnum())), None)
        article_before = re.search(r"(\w+)\s+$", prefix)
        if not hedge and article_before and article_before.group(1).lower() in ARTICLES:
            continue  # "de twee landen": a reference, not a figure
        limit_at = next((e for e in sentence_ends if e >= end), len(text))
        if unit:
            phrase, phrase_end = "", end
        else:
            nxt = WORD.match(text, end, limit_at)
            if nxt and nxt.group(1).lower() in UNITS:
                phrase, phrase_end = nxt.group(1), nxt.end()
            else:
                phrase, phrase_end = _noun_phrase(text, end, limit_at)
            if not phrase:
                continue
        begin = start - (len(prefix) - len(prefix.rstrip()) + len(hedge)) if hedge else start
        found.append(KeyFigure(text=text[begin:phrase_end].strip(), number=number, phrase=phrase,
                               value=_value(number, mult), start=begin, end=phrase_end))
    unique: dict[str, KeyFigure] = {}
    for figure in found:
        unique.setdefault(figure.text.lower(), figure)
    ranked = sorted(unique.values(), key=lambda f: (-f.value, f.start))
    return ranked[:limit]
