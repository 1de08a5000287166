"""Names across articles: keys that ignore case, accents and legal forms; when a spelling is an acronym;
when two person names can be one person (an acronym of a long name is ``names.acronym``)."""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..names import folded_name_key, name_words

_WORD = re.compile(r"\w+", re.UNICODE)


def _strip_legal_form(key: str) -> str:
    legal_forms = name_words().legal_forms
    words = key.split()
    while len(words) > 1 and (words[-1] in legal_forms or " ".join(words[-2:]) in legal_forms):
        words = words[:-2] if " ".join(words[-2:]) in legal_forms else words[:-1]
    if len(words) > 1 and words[0] in name_words().legal_form_articles:
        words = words[1:]
    return " ".join(words)


def _is_descriptive(alias: str) -> bool:
    """"de CEO", "de manager", "the company": a reference, not a name."""
    return bool(name_words().descriptive.match(alias)) or alias[:1].islower()


def _looks_like_acronym(value: str) -> bool:
    letters = value.replace(".", "").replace("&", "")
    return 2 <= len(letters) <= 6 and letters.isalpha() and letters.isupper()


@dataclass(frozen=True)
class PersonName:
    first: str  # "" for a surname alone
    middles: tuple[str, ...]
    surname: str

    @property
    def full(self) -> bool:
        return bool(self.first)


def person_name(name: str) -> PersonName:
    """"William Clay Ford Jr." → (william, (clay,), ford); "Van der Veer" → ("", (), "van der veer")."""
    words = name_words()
    tokens = [t for t in folded_name_key(name).split() if t]
    while len(tokens) > 1 and tokens[-1] in words.generation_suffixes:
        tokens.pop()
    if len(tokens) <= 1:
        return PersonName("", (), tokens[0] if tokens else "")
    if tokens[0] in words.particles:
        return PersonName("", (), " ".join(tokens))
    cut = next((i for i in range(1, len(tokens) - 1) if tokens[i] in words.particles), len(tokens) - 1)
    return PersonName(tokens[0], tuple(tokens[1:cut]), " ".join(tokens[cut:]))


def _given_compatible(a: str, b: str) -> bool:
    return a == b or (len(a) == 1 and b.startswith(a)) or (len(b) == 1 and a.startswith(b))


def names_compatible(a: PersonName, b: PersonName) -> bool:
    """Same surname and agreeing first names (an initial agrees with a name); middles only if both have them."""
    if a.surname != b.surname or not _given_compatible(a.first, b.first):
        return False
    if a.middles and b.middles:
        return len(a.middles) == len(b.middles) and all(map(_given_compatible, a.middles, b.middles))
    return True
