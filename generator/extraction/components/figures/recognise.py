"""Recognising figures in a text: a number with its currency, unit or what it counts.

Pure functions over a string (the component gives them the body and the headline); every word comes
from ``generator/data/<lang>/figures.json`` (:mod:`.resources`). A figure is found only when it is
clearly one: a number (digits with thousands separators and decimals, or a written number) with

- a currency ("$40 miljard", "744 miljoen euro"): money;
- a percentage *of* something ("40 procent van de burgers") or one the text says changed ("daalde 2,4
  procent", "een omzetdaling van 12 %"): a bare "60 %" says nothing and is left out;
- a unit ("17.446 kilometer"), or
- what it counts: adjectives and a plural noun ("ruim 100.000 Russische soldaten").

Ranges ("1.500 tot 2.000 banen", "tussen 10 en 20 doden") stay whole, hedges ("ruim", "bijna") stay
with their number; "van $ 5 tot $ 8" (each amount with its currency) is a change, two figures. Times
("16:00 UTC"), dates ("29 februari"), years, durations, referring phrases ("de twee landen") and a
number followed by a verb ("met 500 steeg") are never figures.
"""
from __future__ import annotations

import re
from collections.abc import Callable

from ...model import KeyFigure

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


def _plural(word: str, data: dict) -> bool:
    low = word.lower()
    return low.endswith(data["plural_endings"]) and len(low) > 3


def _counted(text: str, pos: int, limit: int, data: dict) -> tuple[str, int]:
    """What a number counts: inflected adjectives (Dutch: ending in -e) and then a plural noun; ("", pos) if none."""
    words: list[str] = []
    end = pos
    for match in _words(text, pos, limit, 4):
        word = match.group(1).rstrip(".")
        low = word.lower()
        if low in data["function_words"] or low in data["time_words"] or low in data["months"]:
            return "", pos
        words.append(word)
        end = match.start(1) + len(word)
        if (low.endswith(data["adjective_endings"]) or low in data["uninflected_adjectives"]) and low not in data["not_counted"]:
            continue  # an adjective ("nieuwe", "extra"): the noun comes next
        break
    if not words:
        return "", pos
    noun = words[-1].lower()
    if noun in data["not_counted"] or not _plural(noun, data) or noun.endswith(data["adjective_endings"]):
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
        if low in data["reference_words"] or low in data["whole_words"]:
            continue
        if low in data["function_words"] or low in data["not_counted"]:
            return "", pos
        if low.endswith(data["adjective_endings"]):
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


def figures_in(text: str, data: dict, limit_of: Callable[[int], int], taken=()) -> list[KeyFigure]:
    """Every figure in ``text`` in its order, offsets into ``text``. ``limit_of(pos)``: where the
    sentence holding ``pos`` ends (what a figure counts never crosses it); ``taken``: spans that are
    something else already (the timeline's dates)."""
    found = []
    resume = 0
    while match := data["pattern"].search(text, resume):
        start, end = match.start(), match.end()
        resume = end
        if any(s < end and start < e for s, e in taken):
            continue  # a date the timeline has
        low, high = match.group("num"), match.group("num2")
        mult = match.group("mult") or match.group("nummult")
        currency = match.group("cur") or match.group("cur2")
        prefix = text[max(0, start - 24):start]
        hedge = _hedge(prefix, data)
        sep = (match.group("joint") or "").lower()
        before = re.search(r"(\w+)\s+$", prefix)
        from_to = bool(before and data["from_to"].get(before.group(1).lower()) == sep
                       and match.group("cur") and match.group("cur2"))
        if high and (data["range_needs_hedge"].get(sep) not in (None, hedge) or from_to):
            # "2 en 3" is no range without "tussen", nor "van $ 5 tot $ 8" (a change): the figure is its
            # first number, and the second is read on its own
            resume = match.start("joint")
            end = match.end("nummult") if match.group("nummult") else match.end("num")
            high = None
            mult, currency = match.group("nummult"), match.group("cur")
            pct = False
        else:
            pct = bool(match.group("pct"))
        if not mult and not currency and re.fullmatch(r"1[5-9]\d\d|20\d\d", low):
            continue  # a year
        # "de twee landen": a reference, not a figure; an amount stays one ("kost het 3 miljoen euro")
        reference = not hedge and bool(before) and before.group(1).lower() in data["reference_words"]
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
        if reference and kind != "money":
            continue
        if kind != "money" and _value(high or low, mult, data) == 1:
            continue  # "1 pagina"
        begin = _begin(start, prefix, hedge)
        figure_text = " ".join(text[begin:stop].split())
        number_end = stop - len(phrase) if phrase and text[:stop].endswith(phrase) else stop
        number = " ".join(text[begin:number_end].split())
        value = _value(high or low, mult, data)
        lower = _value(low, match.group("nummult") or mult, data) if high else None
        found.append(KeyFigure(text=figure_text, number=number, phrase=phrase, value=value, start=begin,
                               end=stop, kind=kind, low=lower))
    return found


