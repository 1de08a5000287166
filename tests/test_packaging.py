"""The project installs as the namespace plugin ``pelican.plugins.explainer`` from the ``generator/`` folder."""
from __future__ import annotations

import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_every_python_package_under_generator_is_listed_for_installation():
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]
    assert config["package-dir"] == {"pelican.plugins.explainer": "generator"}
    on_disk = {
        ".".join(("pelican.plugins.explainer", *init.parent.relative_to(ROOT / "generator").parts))
        for init in (ROOT / "generator").rglob("__init__.py")
    }
    assert on_disk == set(config["packages"])


def test_pelican_finds_the_plugin_by_its_short_name():
    from pelican.plugins._utils import get_namespace_plugins, load_plugins

    assert "pelican.plugins.explainer" in get_namespace_plugins()
    [plugin] = load_plugins({"PLUGINS": ["explainer"]})
    assert plugin.__name__ == "pelican.plugins.explainer"
    assert callable(plugin.register)
