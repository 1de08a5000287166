"""One place for a language's data: generator/data/<code>/, found through load_language()."""
from __future__ import annotations

import pytest

from pelican.plugins.explainer.extraction.language import (UnsupportedLanguage, language_dir, load_language,
                                                           supported_languages)


def test_dutch_is_supported_and_its_data_loads_from_one_folder():
    assert "nl" in supported_languages()
    dutch = load_language("nl")
    assert dutch.folder == language_dir("nl")
    assert "zeggen" in dutch.quotes.say_verbs or "zei" in dutch.quotes.say_verbs
    assert dutch.temporal.months["januari"] == 1
    assert "st" in {a.lower() for a in dutch.temporal.abbreviations}


def test_a_language_code_is_matched_without_case():
    assert load_language("NL").code == "nl"


def test_an_unsupported_language_is_one_clear_error_naming_what_to_add():
    with pytest.raises(UnsupportedLanguage) as raised:
        load_language("en")
    message = str(raised.value)
    assert "'en'" in message and "supported: nl" in message and "generator/data/en/" in message
    assert "\n" not in message


# --- Guard: the components hold no words of a language -------------------------------------------------
#
# Every word list under generator/data/<lang>/ is read; a string constant in a module under
# generator/extraction/components/ (docstrings aside) that equals one of its words, ignoring case, is a language word
# kept in code. What counts as a word of the data:
#   * .txt lists (not the gazetteers of names: first names, places): each line (comments aside), without its "prefix:"/"noun:"/"tail:" mark and without what
#     follows a tab or "|" (a gender or a kind);
#   * .json files: the strings in lists, and the keys of word maps whose values are numbers or number
#     lists ("januari": 1, "lente": [3, 5]) below the top level. NOT the keys of structure ("person",
#     "organisation", "months", "role_reach")
#     and not the string values of maps, which are codes ("dag": "day", "hij": "m"); keys starting with "_"
#     are notes, and "patterns"/"placeholders"/"macros" are regex machinery.
# Only word-like strings (letters first, then letters, apostrophes, hyphens, full stops, spaces) of two or
# more characters count.

import ast  # noqa: E402
import json  # noqa: E402
import re  # noqa: E402
from pathlib import Path  # noqa: E402

GENERATOR = Path(__file__).resolve().parent.parent / "generator"
_WORDLIKE = re.compile(r"[^\W\d_][\w'’.\- ]*[\w.]")
_TECHNICAL_SECTIONS = {"patterns", "placeholders", "macros"}
_NAME_LISTS = ("first_names", "given_name_gender", "places")  # names, not words

# Technical names in code that happen to be words of some list: spaCy labels and attributes, JSON keys of
# the data files, codes of the extraction JSON. Each is a name the code uses, not a word it looks for.
TECHNICAL = {
    "per", "org", "loc", "misc", "product",  # spaCy NER labels (PER is also Dutch: "per jaar")
    "organisation", "group",  # actor kinds of the extraction JSON
    "context", "kind", "name", "start", "half", "source",  # field, key and regex group names
    "open", "single",  # quote mark families (quotes.json "marks")
    "day", "week", "past", "present", "last", "begin",  # temporal codes: units, tenses, directions, parts
    "lang",  # the key that names a language
}

# Literals still in code (module path under generator/extraction/components/, lower-cased word), to move into the
# data. This set may only shrink: the test fails on a new pair, and on a listed pair that is gone (remove it).
# Measured when the guard came (issue 22): 193 pairs.
KNOWN_DEBT: set[tuple[str, str]] = set()


def _json_words(value, top: bool = True, out: set[str] | None = None) -> set[str]:
    out = set() if out is None else out
    if isinstance(value, dict):
        for k, v in value.items():
            if k.startswith("_") and isinstance(v, str) or k in _TECHNICAL_SECTIONS:
                continue
            if top:
                _json_words(v, False, out)
            elif isinstance(v, (int, float)) or (isinstance(v, list) and v and
                                                all(isinstance(x, (int, float)) for x in v)):
                out.add(k)  # a word map: "januari": 1
            else:
                _json_words(v, False, out)
    elif isinstance(value, list):
        for item in value:
            if isinstance(item, str):
                out.add(item)
            else:
                _json_words(item, False, out)
    return out


def _txt_words(path: Path) -> set[str]:
    words = set()
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        for mark in ("prefix:", "noun:", "tail:"):
            if line.startswith(mark):
                line = line[len(mark):]
        words.add(re.split(r"[\t|]", line)[0].strip())
    return words


def language_words() -> set[str]:
    words: set[str] = set()
    for path in sorted((GENERATOR / "data").rglob("*")):
        if path.suffix == ".json":
            words |= _json_words(json.loads(path.read_text(encoding="utf-8")))
        elif path.suffix == ".txt" and not path.name.startswith(_NAME_LISTS):
            words |= _txt_words(path)
    return {w.lower() for w in words if len(w) >= 2 and _WORDLIKE.fullmatch(w)}


def code_literals(path: Path):
    """(line, text) of the string constants of a module that are not docstrings."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)) and node.body:
            first = node.body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                docstrings.add(id(first.value))
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings:
            yield node.lineno, node.value


def language_literals() -> dict[tuple[str, str], int]:
    words = language_words() - TECHNICAL
    found: dict[tuple[str, str], int] = {}
    for path in sorted((GENERATOR / "extraction" / "components").rglob("*.py")):
        module = path.relative_to(GENERATOR).as_posix()
        for line, text in code_literals(path):
            if text.lower() in words:
                found.setdefault((module, text.lower()), line)
    return found


def test_the_components_hold_no_words_of_a_language():
    found = language_literals()
    new = sorted(f"{module}:{line}: {word!r}" for (module, word), line in found.items()
                 if (module, word) not in KNOWN_DEBT)
    assert not new, ("language words as literals in code; move them to generator/data/<lang>/ "
                     "and read them through the loaders:\n" + "\n".join(new))
    paid = sorted(KNOWN_DEBT - set(found))
    assert not paid, f"no longer in code, remove from KNOWN_DEBT: {paid}"


def test_the_guard_sees_data_words_and_not_structure():
    words = language_words()
    assert {"januari", "zei", "president", "vandaag"} <= words
    assert not {"person", "months", "role_reach", "adjectives", "aad"} & words  # keys, settings, names
