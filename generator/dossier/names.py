"""Names across articles: keys that ignore case, accents and legal forms; acronyms; when two person names can
be one person."""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

_PARTICLES = {"van", "de", "der", "den", "ter", "ten", "te", "von", "le", "la", "da", "di", "du", "del",
              "des", "dos", "bin", "al", "el", "op", "in", "het", "'t"}
_SUFFIXES = {"jr", "sr", "ii", "iii", "iv"}
_LEGAL_FORMS = {"inc", "corp", "corporation", "ltd", "plc", "nv", "n v", "bv", "b v", "ag", "llc", "sa",
                "gmbh", "co", "limited", "incorporated"}
_ACRONYM_SKIP = {"of", "and", "the", "for", "van", "de", "der", "het", "en", "voor", "&", "und", "du", "des"}
_DESCRIPTIVE = re.compile(r"^(de|het|een|the|a|an|die|dat|deze)\s", re.IGNORECASE)
_WORD = re.compile(r"\w+", re.UNICODE)


# --------------------------------------------------------------------------- names and keys

def name_key(value: str) -> str:
    """A comparison key: ASCII, lower case, punctuation dropped ("V.S." → "vs", "Apple Inc." → "apple inc")."""
    ascii_text = unicodedata.normalize("NFKD", value).encode("ascii", "ignore").decode("ascii").lower()
    words = re.findall(r"[a-z0-9]+", ascii_text.replace(".", ""))
    return " ".join(words)


def _strip_legal_form(key: str) -> str:
    words = key.split()
    while len(words) > 1 and (words[-1] in _LEGAL_FORMS or " ".join(words[-2:]) in _LEGAL_FORMS):
        words = words[:-2] if " ".join(words[-2:]) in _LEGAL_FORMS else words[:-1]
    if len(words) > 1 and words[0] in ("the", "de", "het"):
        words = words[1:]
    return " ".join(words)


def _is_descriptive(alias: str) -> bool:
    """"de CEO", "de manager", "the company": a reference, not a name."""
    return bool(_DESCRIPTIVE.match(alias)) or alias[:1].islower()


def acronym(name: str) -> str | None:
    """"General Motors" → "gm", "Government Accountability Office" → "gao"; None for one-word names."""
    words = [w for w in re.split(r"[\s\-]+", name) if w]
    letters = [w[0] for w in words if w.lower() not in _ACRONYM_SKIP and w[:1].isalpha() and w[:1].isupper()]
    if len(words) < 2 or len(letters) < 2:
        return None
    return "".join(letters).lower()


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
    tokens = [t for t in name_key(name).split() if t]
    while len(tokens) > 1 and tokens[-1] in _SUFFIXES:
        tokens.pop()
    if len(tokens) <= 1:
        return PersonName("", (), tokens[0] if tokens else "")
    if tokens[0] in _PARTICLES:
        return PersonName("", (), " ".join(tokens))
    cut = next((i for i in range(1, len(tokens) - 1) if tokens[i] in _PARTICLES), len(tokens) - 1)
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
