"""Wiring the explainer into Pelican's signals (receivers at module level: signals hold weak refs)."""
from __future__ import annotations

from pelican import signals

from . import i18n
from .explainer_generator import ExplainerGenerator, setting


def add_generator(pelican):
    return ExplainerGenerator


def install_translations(generator):
    """Every generator's Jinja environment gets the UI language's ``_()``."""
    i18n.install(generator.env, setting(generator.settings, "EXPLAINER_UI_LANG"))


def connect_signals():
    signals.get_generators.connect(add_generator)
    signals.generator_init.connect(install_translations)
