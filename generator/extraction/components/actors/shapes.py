"""The shape of one word: is it written like a name, an acronym, an adjective made from a name?

Pure functions of a word's letters (no context, no word lists), shared by every rule that finds names.
"""
from __future__ import annotations

import re
from functools import lru_cache

from spacy.tokens import Token

_ACRONYM = re.compile(r"^(?:[A-Z]{2,}|[A-Z][a-z]?[A-Z]+[a-z]?|(?:[A-Z]\.){2,}[A-Z]?|[A-Z]{1,4}&[A-Z]{1,4})$")
MODEL_NUMBER = re.compile(r"\d")
CLUB_YEAR = re.compile(r"\d{2}")  # the two digits after an apostrophe in a club's name ("Quick '20")
CURRENCY = re.compile(r"[$€£¥#]")


def adjective_like(lex, text: str, next_text: str = "", attributive: bool = False) -> bool:
    """"Brusselse", "Oost-Duitse", "Palestijnen": an adjective or inhabitant noun made from a name
    (capitalised, but no actor). A strong ending (``lex.adjective_ending``) always; a weak one
    (``lex.weak_adjective_ending``: "Antwerpse", "Limburgse") only before a lowercase word, as
    adjectives stand, or when ``attributive``: the word stands between an article and a name ("het
    Zwolse Rood-Wit"), where a weak ending is as telling as before a lowercase noun."""
    tail = text.rsplit("-", 1)[-1]
    if not tail[:1].isupper() and "-" in text:
        return False
    if lex.adjective_ending and lex.adjective_ending.search(tail):
        return True
    return bool(lex.weak_adjective_ending and lex.weak_adjective_ending.search(tail)) and len(tail) >= 6 and (
        attributive or next_text[:1].islower() or "-" in text)


@lru_cache(maxsize=65536)
def is_acronym(text: str) -> bool:
    """"NAVO", "VS", "V.S.", "PvdA", "AT&T": letters mostly capitals."""
    return bool(_ACRONYM.match(text))


def ends_sentence(text: str) -> bool:
    """"VS.", "PiS.": an acronym with the sentence's full stop glued on (not an initial "P.")."""
    return len(text) > 2 and text[-1] == "." and "." not in text[:-1] and is_acronym(text[:-1])


def is_name_token(tok: Token) -> bool:
    text = tok.text
    if not text or not text[0].isupper() or MODEL_NUMBER.search(text) or CURRENCY.search(text):
        return False
    if len(text) == 1 or text.endswith("-") or '"' in text:
        return False  # a lone letter, "Lion- en ..." (a truncated compound), tokenizer debris
    if "-" in text:
        # "NAVO-secretaris-generaal", "Airbus-eigenaar": a compound with a common noun, not a name
        if lower_tail_split(text) is not None:
            return False
    return any(ch.isalpha() for ch in text)


def lower_tail_split(text: str) -> int | None:
    """Where a capitalised compound turns lowercase ("UBS-analyst" → 3), else None; not where a
    capitalised part follows the lowercase one: "Mazar-i-Sharif", "Saint-Jean-de-Luz" are one name."""
    pos = text.find("-")
    while pos >= 0:
        if text[pos + 1:pos + 2].islower():
            if any(part[:1].isupper() for part in text[pos + 1:].split("-")):
                return None
            return pos
        pos = text.find("-", pos + 1)
    return None
