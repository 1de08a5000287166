"""The layers of docs/architecture.md hold: extraction, formats, dossier and editorial code never imports
the site or the build layer (the site may import them, not the other way round)."""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "generator"
LOWER = ("extraction", "formats", "dossier", "editorial")
UPPER = ("site", "build")


def _imported_layers(path: Path, source: str | None = None) -> set[str]:
    """The top-level sub-packages of generator/ that a module imports (relative or absolute)."""
    module = path.relative_to(PACKAGE).with_suffix("").parts
    found = set()
    text = path.read_text(encoding="utf-8") if source is None else source
    for node in ast.walk(ast.parse(text)):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = list(module[:-node.level]) if node.level <= len(module) else []
                parts = base + (node.module.split(".") if node.module else [])
                names = [parts] if parts else [[alias.name] for alias in node.names]
            elif node.module and node.module.startswith("pelican.plugins.explainer."):
                names = [node.module.split(".")[3:]]
            else:
                continue
            found.update(n[0] for n in names if n)
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.startswith("pelican.plugins.explainer."):
                    found.add(alias.name.split(".")[3])
    return found


@pytest.mark.parametrize("layer", LOWER)
def test_a_lower_layer_never_imports_the_site_or_the_build(layer):
    offending = {str(path.relative_to(PACKAGE)): sorted(_imported_layers(path) & set(UPPER))
                 for path in sorted((PACKAGE / layer).rglob("*.py"))}
    assert {k: v for k, v in offending.items() if v} == {}


def test_the_check_sees_an_upward_import():
    path = PACKAGE / "extraction" / "components" / "quotes" / "attribution.py"
    assert "site" not in _imported_layers(path)
    assert _imported_layers(path, "from ....site.settings import setting\n") == {"site"}
    assert _imported_layers(path, "from pelican.plugins.explainer.build import atomic\n") == {"build"}
    assert _imported_layers(path, "from ... import language\n") == {"extraction"}  # extraction/language.py
    assert _imported_layers(path, "from .... import cli\n") == {"cli"}


def test_the_site_layer_does_not_import_spacy():
    """A build whose extractions all come from the cache renders without spaCy (importing it costs
    ~2 s): the plugin and its generators import only pure helpers from the extraction layer."""
    import subprocess
    import sys

    code = ("import sys; import pelican.plugins.explainer.site.plugin, pelican.plugins.explainer.site.views, "
            "pelican.plugins.explainer.site.dossier_generator, pelican.plugins.explainer.build.atomic; "
            "print(sorted(m for m in sys.modules if m == 'spacy' or m.startswith('spacy.')))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"
