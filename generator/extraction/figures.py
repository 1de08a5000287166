"""Key figures in an article ("ruim 100.000 Russische soldaten", "$40 miljard", "1.500 tot 2.000 banen").

A pure function over the extraction's text and headline (the site layer never runs spaCy), with the
language's words in ``generator/data/<lang>/figures.json``. A figure is shown only when it is clearly
one: a number (digits with thousands separators and decimals, or a written number) with

- a currency ("$40 miljard", "744 miljoen euro"): money;
- a percentage *of* something ("40 procent van de burgers") or one the text says changed ("daalde 2,4
  procent", "een omzetdaling van 12 %"): a bare "60 %" says nothing and is left out;
- a unit ("17.446 kilometer"), or
- what it counts: adjectives and a plural noun ("ruim 100.000 Russische soldaten").

Ranges ("1.500 tot 2.000 banen", "tussen 10 en 20 doden") stay whole, hedges ("ruim", "bijna") stay
with their number; "van $ 5 tot $ 8" (each amount with its currency) is a change, two figures. Times ("16:00 UTC"), dates ("29 februari"), years, durations, referring phrases
("de twee landen") and a number followed by a verb ("met 500 steeg") are never figures. Figures in
the headline and lead come first. Editors hide, fix or add figures in the corrections file (see
:mod:`generator.editorial.corrections`), through :func:`apply_figure_corrections`.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, replace
from functools import lru_cache

from .language import language_dir, supported_languages
from .model import Extraction

KIND_RANK = {"money": 0, "count": 1, "percent": 2, "measure": 3, "trivial": 4, "added": 1}


@dataclass(frozen=True)
class KeyFigure:
    text: str  # "ruim 1.500 tot 2.000 banen" (as in the article)
    number: str  # "ruim 1.500 tot 2.000": the figure without what it counts
    phrase: str  # "banen" ("" for money and units without a noun)
    value: float  # the (upper) value: 2000 for "1.500 tot 2.000 banen"
    start: int  # offsets into the text; -1 when only the headline has it (or an editor added it)
    end: int
    kind: str = "count"  # money, count, percent, measure, trivial, added
    in_headline: bool = False
    corrected: bool = False
    low: float | None = None  # a range's lower value (1500); None for a single number


@lru_cache(maxsize=None)
def language_data(lang: str) -> dict | None:
    """The language's figure words, with the regular expressions built from them; None when the
    language has no ``figures.json`` (then there are no key figures: nothing shown unless sure)."""
    if lang not in supported_languages():
        return None
    path = language_dir(lang) / "figures.json"
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
        "uninflected_adjectives")}

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
        rf"(?<![\w\-.,:/€$£¥])" + named("cur", "low", "lowmult")
        + rf"(?:\s*(?P<sep>(?i:{ranges}))\s*" + named("cur2", "high", "mult") + ")?"
        + r"(?P<pct>\s?%)?")
    return {**data, **sets, "pattern": pattern,
            "hedges": sorted(data["hedges"], key=len, reverse=True),
            "written": {k.lower(): v for k, v in data["written"].items()},
            "multipliers": {k.lower(): v for k, v in data["multipliers"].items()}}


WORD = re.compile(r"\s+([^\W\d_][\w\-’']*|\d+-[^\W\d_][\w\-’']*)")  # "777-toestellen" too
NUMBER = re.compile(r"\s+(?:\d{1,3}(?:\.\d{3})+|\d+)(?:,\d+)?(?![\w\-])")
CLAUSE_WORD = re.compile(r"([^\W\d_][\w\-’']*)\s+$")


def _value(number: str, mult: str | None, data: dict) -> float:
    low = number.lower()
    value = float(data["written"][low]) if low in data["written"] else float(
        number.replace(".", "").replace(",", "."))
    return value * data["multipliers"].get((mult or "").lower(), 1)


def _words(text: str, pos: int, limit: int, count: int) -> list[re.Match]:
    found = []
    while len(found) < count:
        match = WORD.match(text, pos, limit)
        if not match:
            break
        found.append(match)
        pos = match.end()
    return found


def _plural(word: str) -> bool:
    low = word.lower()
    return low.endswith(("en", "s", "'s", "’s")) and len(low) > 3


def _counted(text: str, pos: int, limit: int, data: dict) -> tuple[str, int]:
    """What a number counts: adjectives (ending in -e) and then a plural noun; ("", pos) if none."""
    words: list[str] = []
    end = pos
    for match in _words(text, pos, limit, 4):
        word = match.group(1).rstrip(".")
        low = word.lower()
        if low in data["function_words"] or low in data["time_words"] or low in data["months"]:
            return "", pos
        words.append(word)
        end = match.start(1) + len(word)
        if (low.endswith("e") or low in data["uninflected_adjectives"]) and low not in data["not_counted"]:
            continue  # an adjective ("nieuwe", "extra"): the noun comes next
        break
    if not words:
        return "", pos
    noun = words[-1].lower()
    if noun in data["not_counted"] or not _plural(noun) or noun.endswith("e"):
        return "", pos
    return " ".join(words), end


def _part_of(text: str, pos: int, limit: int, data: dict) -> tuple[str, int]:
    """What a percentage is of: "van de (Amerikaanse) burgers"; ("", pos) if the text does not say."""
    found = _words(text, pos, limit, 1)
    if not found or found[0].group(1).lower() not in data["percent_needs"]:
        return "", pos
    rest, at = [], found[0].end()
    while len(rest) < 7:  # "van de (122.000) (Amerikaanse) werknemers": a number on the way is skipped
        number = NUMBER.match(text, at, limit)
        at = number.end() if number else at
        word = _words(text, at, limit, 1)
        if not word:
            break
        rest.append(word[0])
        at = word[0].end()
    for match in rest:
        low = match.group(1).lower()
        if low in data["reference_words"] or low == "alle":
            continue
        if low in data["function_words"] or low in data["not_counted"]:
            return "", pos
        if low.endswith("e"):
            continue  # an adjective ("Amerikaanse"): the noun comes next
        return text[found[0].start(1):match.end()], match.end()
    return "", pos


def _change(text: str, begin: int, stop: int, limit: int, data: dict) -> tuple[int, int] | None:
    """The span from a change word to a percentage, in the same clause: a verb or comparative up to
    three words before or after it ("daalde met 2,9 %", "3,1 procent lager", "12 % aan waarde
    verloor"), or a change noun right before "van"/"met" ("een omzetdaling van 12 %"; a noun matches
    as the end of a compound). None when the text does not say what changed."""
    for match in _words(text, stop, limit, 3):
        if re.search(r"[,;:()]", text[stop:match.start(1)]):
            break
        if match.group(1).lower() in data["change_words"]:
            return begin, match.end(1)
    at = begin
    for distance in range(3):
        before = CLAUSE_WORD.search(text, max(0, at - 40), at)
        if not before:
            break
        low = before.group(1).lower()
        if low in data["change_words"] or (distance == 1 and any(low.endswith(n) for n in data["change_nouns"])):
            return before.start(1), stop
        at = before.start(1)
    return None


def _after_unit(text: str, pos: int, limit: int, words: frozenset) -> tuple[str, int] | None:
    """The unit right after ``pos`` ("vierkante meter" before "meter"), if any."""
    found = _words(text, pos, limit, 2)
    for size in (2, 1):
        if len(found) >= size:
            phrase = " ".join(m.group(1) for m in found[:size])
            if phrase.lower().rstrip(".") in words:
                return text[found[0].start(1):found[size - 1].end()], found[size - 1].end()
    return None


def _hedge(prefix: str, data: dict) -> str | None:
    stripped = prefix.rstrip().lower()
    for hedge in data["hedges"]:
        if stripped.endswith(hedge) and (len(stripped) == len(hedge) or not stripped[-len(hedge) - 1].isalnum()):
            return hedge
    return None


def _begin(start: int, prefix: str, hedge: str | None) -> int:
    """Where a figure begins: its hedge ("ruim", "bijna") stays with it."""
    return start - (len(prefix) - len(prefix.rstrip())) - len(hedge) if hedge else start


def _figures_in(text: str, data: dict, limit_of, taken=()) -> list[KeyFigure]:
    found = []
    resume = 0
    while match := data["pattern"].search(text, resume):
        start, end = match.start(), match.end()
        resume = end
        if any(s < end and start < e for s, e in taken):
            continue  # a date the timeline has
        low, high = match.group("low"), match.group("high")
        mult = match.group("mult") or match.group("lowmult")
        currency = match.group("cur") or match.group("cur2")
        prefix = text[max(0, start - 24):start]
        hedge = _hedge(prefix, data)
        sep = (match.group("sep") or "").lower()
        before = re.search(r"(\w+)\s+$", prefix)
        from_to = bool(before and data["from_to"].get(before.group(1).lower()) == sep
                       and match.group("cur") and match.group("cur2"))
        if high and (data["range_needs_hedge"].get(sep) not in (None, hedge) or from_to):
            # "2 en 3" is no range without "tussen", nor "van $ 5 tot $ 8" (a change): the figure is its
            # first number, and the second is read on its own
            resume = match.start("sep")
            end = match.end("lowmult") if match.group("lowmult") else match.end("low")
            high = None
            mult, currency = match.group("lowmult"), match.group("cur")
            pct = False
        else:
            pct = bool(match.group("pct"))
        if not mult and not currency and re.fullmatch(r"1[5-9]\d\d|20\d\d", low):
            continue  # a year
        if not hedge and before and before.group(1).lower() in data["reference_words"]:
            continue  # "de twee landen": a reference, not a figure
        limit = limit_of(end)
        after = text[end:limit]
        if re.match(r"\s*[:.]\d", after):
            continue  # "16:00", "16.00 uur"
        kind, phrase, stop = "", "", end
        if currency:
            kind = "money"
        elif pct:
            kind = "percent"
        unit = _after_unit(text, end, limit, data["currency_words"]) if not kind else None
        if unit:
            kind, stop = "money", unit[1]
        if not kind and (unit := _after_unit(text, end, limit, data["percent_words"])):
            kind, stop = "percent", unit[1]
        if kind == "percent":
            phrase, after = _part_of(text, stop, limit, data)
            if phrase:
                stop = after
            elif changed := _change(text, _begin(start, prefix, hedge), stop, limit, data):
                start, stop = changed  # "daalde 2,4 procent": what changed is the figure's phrase
                hedge = None
            else:
                continue  # a bare "60 %": of what?
        if not kind:
            nxt = _words(text, end, limit, 1)
            first = nxt[0].group(1).lower().rstrip(".") if nxt else ""
            if first in data["months"] or first in data["time_words"]:
                continue  # a date or a duration
            if (unit := _after_unit(text, end, limit, data["trivial_units"] | data["units"])):
                low_unit = unit[0].lower()
                kind = "trivial" if low_unit in data["trivial_units"] else "measure"
                phrase, stop = unit[0], unit[1]
            else:
                phrase, stop = _counted(text, end, limit, data)
                if not phrase:
                    continue
                kind = "count"
        if kind != "money" and _value(high or low, mult, data) == 1:
            continue  # "1 pagina"
        begin = _begin(start, prefix, hedge)
        figure_text = " ".join(text[begin:stop].split())
        number_end = stop - len(phrase) if phrase and text[:stop].endswith(phrase) else stop
        number = " ".join(text[begin:number_end].split())
        value = _value(high or low, mult, data)
        lower = _value(low, match.group("lowmult") or mult, data) if high else None
        found.append(KeyFigure(text=figure_text, number=number, phrase=phrase, value=value, start=begin,
                               end=stop, kind=kind, low=lower))
    return found


def _minor(figure: KeyFigure) -> bool:
    """Technical units ("326 pixels") and small counts ("twee kleuren") come after the rest."""
    return figure.kind == "trivial" or (figure.kind == "count" and figure.value < 10)


def _key(text: str) -> str:
    return " ".join(text.replace("$", "$ ").split()).casefold()


def key_figures(extraction: Extraction, limit: int | None = 5) -> list[KeyFigure]:
    """The article's telling figures, each once: the headline's and the lead's first, then money,
    counts, percentages and measures in the order of the text; offsets into the text (-1 for a
    figure only the headline has). ``limit=None``: all of them (the evaluation scores them all)."""
    data = language_data(extraction.article.lang or "nl")
    if data is None:
        return []
    text = extraction.text
    taken = [(s, e) for t in extraction.timeline for s, e in (t.sources or [(t.start, t.end)])]
    sentence_ends = sorted(e for _, e in extraction.sentences) or [len(text)]

    def sentence_end(pos):
        return next((e for e in sentence_ends if e >= pos), len(text))

    lead = next((b for b in extraction.blocks if b.kind == "paragraph"), None)
    lead_end = lead.end if lead else 0
    title = extraction.article.title or ""
    in_title = {_key(f.text): f for f in _figures_in(title, data, lambda pos: len(title))}
    figures = _figures_in(text, data, sentence_end, taken)
    unique: dict[str, KeyFigure] = {}
    for figure in figures:
        key = _key(figure.text)
        if key not in unique:
            unique[key] = replace(figure, in_headline=key in in_title)
    for key, figure in in_title.items():
        if key not in unique:
            unique[key] = replace(figure, start=-1, end=-1, in_headline=True)
    # a figure contained in a longer one ("2.000 banen" in "1.500 tot 2.000 banen") is the same one
    keys = list(unique)
    for key in keys:
        if any(other != key and key in other for other in keys):
            unique.pop(key, None)
    # a news article says what matters first: headline, lead, then the order of the text
    ranked = sorted(unique.values(), key=lambda f: (not f.in_headline, not (0 <= f.start < lead_end),
                                                    _minor(f), f.start))
    if limit is None:
        return ranked
    return [f for f in ranked if f.kind != "trivial" or len(ranked) <= limit][:limit]


def apply_figure_corrections(figures: list[KeyFigure], entries: list[dict]) -> tuple[list[KeyFigure], list]:
    """Editors' ``figures:`` entries applied to the extracted figures: ``match`` a figure by its text
    (a part is enough) to ``hide`` it or give its ``text`` (and ``phrase``); ``add`` a figure the
    extraction missed. Returns the corrected list and, per entry, what it matched (for warnings)."""
    figures = list(figures)
    matched = []
    for entry in entries:
        if "add" in entry:
            text = entry["add"]
            phrase = entry.get("phrase", "")
            number = text[:len(text) - len(phrase)].strip() if phrase and text.endswith(phrase) else text
            figures.append(KeyFigure(text=text, number=number, phrase=phrase if number != text else "",
                                     value=0.0, start=-1, end=-1, kind="added", corrected=True))
            matched.append([text])
            continue
        key = _key(entry["match"])
        hits = [f for f in figures if key in _key(f.text)]
        matched.append([f.text for f in hits])
        for figure in hits:
            index = figures.index(figure)
            if entry.get("hide"):
                figures.pop(index)
                continue
            text = entry.get("text", figure.text)
            phrase = entry.get("phrase", figure.phrase if text.endswith(figure.phrase) else "")
            number = text[:len(text) - len(phrase)].strip() if phrase and text.endswith(phrase) else text
            figures[index] = replace(figure, text=text, number=number, phrase=phrase if number != text else "",
                                     corrected=True)
    return figures, matched
