"""The site and the dossier layer never re-parse an article's text (docs/architecture.md, "Rules of the
house"): what a page shows about the text (a vague date, a fragment, who the headline names, a key figure)
is data the extraction components put on the ``Extraction``. This guard fails when a module under
``generator/site/`` or ``generator/dossier/`` uses a regular expression or a language's word list that the
short allow-lists below do not name with a reason."""
from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "generator"
LAYERS = ("site", "dossier")
RE_FUNCTIONS = {"compile", "findall", "finditer", "search", "match", "fullmatch", "sub", "subn", "split"}

# (module, pattern): why it is not reading an article's text
ALLOWED_PATTERNS = {
    ("site/articles.py", r"(^|\s)(footnotes?|footnote-ref|footnote-backref)(\s|$)"):
        "the class attribute of Markdown's footnote HTML (reading the article Pelican rendered)",
    ("site/articles.py", r"<[^>]*>"): "HTML tags out of a metadata value (title, summary) before it is text",
    ("site/articles.py", r"``(?=[^`\s])([^`\n]*(?:\n(?![ \t]*\n)[^`\n]*)*?)''"):
        "wire copy's ``…'' quote marks in the Markdown source, before Markdown renders it (reading)",
    ("site/articles.py", r"^[ \t]{0,3}(```|~~~)"): "Markdown code fences in the source (reading)",
    ("site/views.py", r'\sid="([^"]+)"'): "the id attributes of the annotated article's HTML",
    ("site/dossier_generator.py", r'id="([^"]+)"'): "the id attributes of a dossier page's HTML",
    ("dossier/dossiers.py", r"[-_]+"): "a Dossier: value's slug made a title (\"general-motors\")",
}

# Known debt, may only shrink: language words in the dossier's name keys (actor names across articles,
# not article text, but Dutch and English particles and articles as literals; they belong in data/<lang>/).
KNOWN_DEBT_PATTERNS = {
    ("dossier/names.py", r"\w+"),
}

# the keys of a language's display.json the site may read: words of the user interface, not of articles
UI_KEYS = {"page_segments", "period_labels", "header_yes", "header_no"}
# Known debt, may only shrink: whether an actor's role is relational ("ambtsgenoot") is a decision about
# the article's words that belongs in the actors component (editors' role corrections need it too).
KNOWN_DEBT_KEYS = {("site/views.py", "relational_roles")}
# the language module's loaders a site or dossier module may import: none reads an article's words
ALLOWED_LANGUAGE_IMPORTS = {"display_data", "supported_languages"}


def _modules():
    for layer in LAYERS:
        for path in sorted((PACKAGE / layer).rglob("*.py")):
            yield path.relative_to(PACKAGE).as_posix(), ast.parse(path.read_text(encoding="utf-8"))


def regex_uses(tree: ast.AST) -> set[str]:
    """The patterns a module hands to ``re`` (``"<computed>"`` for one that is not a literal)."""
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module == "re":
            found.add("<from re import>")
        if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                and isinstance(node.func.value, ast.Name) and node.func.value.id == "re"
                and node.func.attr in RE_FUNCTIONS):
            first = node.args[0] if node.args else None
            found.add(first.value if isinstance(first, ast.Constant) and isinstance(first.value, str)
                      else "<computed>")
    return found


def language_reads(tree: ast.AST) -> tuple[set[str], set[str]]:
    """The ``display_data(...)`` keys a module reads, and what it imports from ``extraction.language``."""
    keys, imports = set(), set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and (node.module or "").endswith("language"):
            imports.update(alias.name for alias in node.names)
        call = None
        if isinstance(node, ast.Subscript):
            call, key = node.value, node.slice
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "get":
            call, key = node.func.value, node.args[0] if node.args else None
        if (isinstance(call, ast.Call) and isinstance(call.func, ast.Name) and call.func.id == "display_data"):
            keys.add(key.value if isinstance(key, ast.Constant) else "<computed>")
    return keys, imports


def test_site_and_dossier_modules_use_regular_expressions_only_on_markup_slugs_and_listed_debt():
    allowed = set(ALLOWED_PATTERNS) | KNOWN_DEBT_PATTERNS
    found = {(module, pattern) for module, tree in _modules() for pattern in regex_uses(tree)}
    assert sorted(found - allowed) == []


def test_the_allow_lists_name_only_patterns_still_in_use():
    found = {(module, pattern) for module, tree in _modules() for pattern in regex_uses(tree)}
    assert sorted((set(ALLOWED_PATTERNS) | KNOWN_DEBT_PATTERNS) - found) == []


def test_site_and_dossier_modules_read_no_word_list_of_a_language():
    problems = []
    for module, tree in _modules():
        keys, imports = language_reads(tree)
        problems += [(module, key) for key in keys - UI_KEYS if (module, key) not in KNOWN_DEBT_KEYS]
        problems += [(module, name) for name in imports - ALLOWED_LANGUAGE_IMPORTS]
    assert problems == []
    used = {(module, key) for module, tree in _modules() for key in language_reads(tree)[0]}
    assert KNOWN_DEBT_KEYS <= used  # debt paid: take it off the list


def test_the_guard_sees_a_regex_on_text_and_a_word_list_read():
    tree = ast.parse('import re\nfrom ..extraction.language import load_language\n'
                     'def vague(e, lang):\n'
                     '    return set(re.findall(r"\\w+", e.expression)) & set(display_data(lang)["vague_markers"])\n')
    assert regex_uses(tree) == {r"\w+"}
    assert language_reads(tree) == ({"vague_markers"}, {"load_language"})
    assert regex_uses(ast.parse("from re import findall\nre.sub(pattern, '', text)\n")) == {
        "<from re import>", "<computed>"}
