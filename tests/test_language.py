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


# --- Guard: the code holds no words of a language ---------------------------------------------------
#
# Every word list under generator/data/ is read (the folders of the languages and the shared files such as
# data/names.json); a string constant in a module anywhere under generator/ (docstrings and the message ids of
# gettext aside: the catalogues translate those) that equals one of its words, ignoring case, is a language
# word kept in code; so is such a word inside a regular expression ("(?:en|of)\\s+": its alternatives, once
# escapes, character classes, group openers and {placeholders} are taken out). What counts as a word of the
# data:
#   * .txt lists (not the gazetteers of names: first names, places): each line (comments aside), without its
#     "prefix:"/"noun:"/"tail:" mark and without what follows a tab or "|" (a gender or a kind);
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
_GETTEXT = {"gettext", "ngettext", "_"}

# Technical names in code that happen to be words of some list: spaCy labels and attributes, JSON keys of
# the data files, codes of the extraction JSON, names of settings, files, HTML and the command line. Each is
# a name the code uses, not a word it looks for. Only names: a word of a language never goes here.
TECHNICAL = {
    "per", "org", "loc", "misc", "product",  # spaCy NER labels (PER is also Dutch: "per jaar")
    "organisation", "group", "organization",  # actor kinds of the extraction JSON; schema.org's type
    "context", "kind", "name", "start", "half", "source", "id", "label", "item", "type", "index",  # field, key
    "open", "single",  # quote mark families (quotes.json "marks")                          # and group names
    "day", "week", "past", "present", "last", "begin", "low",  # temporal codes, tenses, directions, parts
    "lang",  # the key that names a language
    "match",  # the corrections file's key
    "dossier", "dossiers", "site", "data", "model", "gold", "review", "command", "workers", "blank",  # names of
    "big", "fragment",  # settings, folders, metadata, subcommands; Pagefind's fields          # the project
    "code", "script", "link", "col", "dd",  # HTML elements
    "port", "az",  # Pelican's PORT setting; the fsspec protocol of Azure
    "correct", "head", "las", "ner", "document",  # evaluation: counts, the dependency head, labelled
}                                                 # attachment score, a report's column

# (module, word) pairs whose literal is a code that is spelled like a word of a language, where it is.
TECHNICAL_AT = {
    ("formats/dates.py", "en"),  # the language code of English, for the English period labels
    ("site/articles.py", "on"),  # a yes/no header value as Pelican and YAML write it ("on"/"off")
    ("extraction/cluster.py", "local"),  # the scheduler name of --scheduler local[:N]
}

# Literals still in code (module path under generator/, lower-cased word), to move into the data. This set
# may only shrink: the test fails on a new pair, and on a listed pair that is gone (remove it).
# Measured when the guard came (issue 22): 193 pairs under components/; widened to all of generator/ and to
# regular expressions: none left.
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
    """(line, text) of the string constants of a module that are neither docstrings nor gettext's ids."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skipped = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)) and node.body:
            first = node.body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                skipped.add(id(first.value))
        if isinstance(node, ast.Call) and getattr(node.func, "id", getattr(node.func, "attr", None)) in _GETTEXT:
            skipped.update(id(arg) for arg in node.args)
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in skipped:
            yield node.lineno, node.value


_REGEX_SIGNS = re.compile(r"\\[bBsSwWdD]|\(\?|\|")
_REGEX_MACHINERY = re.compile(r"\\.|\[(?:\\.|[^\]\\])*\]|\(\?(?:P<\w+>|P=\w+\)|<?[=!]|>|[aiLmsux-]*:|[aiLmsux]+\))|\{[^{}]*\}")
_LETTERS = re.compile(r"[^\W\d_]{2,}")


def regex_words(text: str) -> list[str]:
    """The words a regular expression spells out ("^(?:de|het)\\s+" → de, het); none for plain text."""
    if not _REGEX_SIGNS.search(text):
        return []
    return _LETTERS.findall(_REGEX_MACHINERY.sub(" ", text))


def language_literals(root: Path = GENERATOR) -> dict[tuple[str, str], int]:
    """(module under ``root``, word) → the first line where a word of the data is a literal in code."""
    words = language_words() - TECHNICAL
    found: dict[tuple[str, str], int] = {}
    for path in sorted(root.rglob("*.py")):
        module = path.relative_to(root).as_posix()
        for line, text in code_literals(path):
            for word in [text, *regex_words(text)]:
                pair = (module, word.lower())
                if pair[1] in words and pair not in TECHNICAL_AT:
                    found.setdefault(pair, line)
    return found


def test_the_code_holds_no_words_of_a_language():
    found = language_literals()
    new = sorted(f"{module}:{line}: {word!r}" for (module, word), line in found.items()
                 if (module, word) not in KNOWN_DEBT)
    assert not new, ("language words as literals in code; move them to generator/data/<lang>/ "
                     "and read them through the loaders:\n" + "\n".join(new))
    paid = sorted(KNOWN_DEBT - set(found))
    assert not paid, f"no longer in code, remove from KNOWN_DEBT: {paid}"


def test_the_guard_sees_data_words_and_not_structure():
    words = language_words()
    assert {"januari", "zei", "president", "vandaag", "gmbh"} <= words
    assert not {"person", "months", "role_reach", "adjectives", "aad"} & words  # keys, settings, names


def test_the_guard_reads_the_words_of_a_regular_expression_and_not_its_machinery():
    assert regex_words(r"^(?:en|maar)\s+") == ["en", "maar"]
    assert regex_words(r"(?i)(?:aldus|(?i:als))") == ["aldus", "als"]
    assert regex_words(r"(?<!\w)(?P<since>sinds|vanaf)[a-z]{2,}\b") == ["sinds", "vanaf"]
    assert regex_words("de bank") == []  # plain text: a whole literal, checked as one
    assert regex_words(r"(?:[a-zë]{2,}|\w+)\s+\d{1,2}$") == []


def test_the_guard_finds_a_word_hidden_in_a_pattern_but_not_in_a_docstring_or_a_message_id(tmp_path):
    module = tmp_path / "dossier" / "rule.py"
    module.parent.mkdir(parents=True)
    module.write_text('import re\nCUE = re.compile(r"(?<!\\w)(?:aldus|volgens)(?!\\w)")\n'
                      'def f(x):\n    """aldus: a docstring"""\n    return gettext("vandaag")\n', encoding="utf-8")
    assert set(language_literals(tmp_path)) == {("dossier/rule.py", "aldus"), ("dossier/rule.py", "volgens")}
