"""Wiring the explainer into Pelican's signals (receivers at module level: signals hold weak refs)."""
from __future__ import annotations

import sys

from pelican import signals

from . import i18n, prefetch
from .dossier_generator import DossierGenerator
from .explainer_generator import ExplainerGenerator, setting


def add_generator(pelican):
    # in this order: DossierGenerator reads the explainers ExplainerGenerator attached
    return [ExplainerGenerator, DossierGenerator]


def start_prefetch(pelican):
    """Extract the few changed articles in a forked process while Pelican reads (see :mod:`.prefetch`)."""
    prefetch.start(pelican.settings)


def install_translations(generator):
    """Every generator's Jinja environment gets the UI language's ``_()``."""
    i18n.install(generator.env, setting(generator.settings, "EXPLAINER_UI_LANG"))


def drop_unwritten_drafts(generator):
    """Drafts (``Status: draft``) are never published when ``DRAFT_SAVE_AS`` is empty (both settings
    files). Pelican would still render them, and crash doing so: with categories switched off a draft
    has no ``category``. Drop them after reading."""
    if not generator.settings.get("DRAFT_SAVE_AS"):
        del generator.drafts[:]
        del generator.drafts_translations[:]


def hand_overviews_to_explainer(generator):
    """An article with an explainer gets its page (the overview, ``<slug>/index.html``) from
    :class:`ExplainerGenerator`, which renders it with the explainer's other pages or reuses it
    unchanged from the previous build (:mod:`.render_cache`). Pelican's ArticlesGenerator keeps
    writing everything else it writes (translations, hidden articles, the index …)."""
    write_articles = generator.generate_articles

    def generate_articles(write):
        def write_unless_explained(name, template, context, article=None, **kwargs):
            if getattr(article, "explainer", None) is None:
                write(name, template, context, article=article, **kwargs)

        write_articles(write_unless_explained)

    generator.generate_articles = generate_articles


KEEP_PIPELINE = False  # the preview's build worker keeps it: it is replaced when generator/ changes


def reset_state(pelican):
    """After each run, drop what this process cached, so a rebuild in the same process (``pelican
    --autoreload``, repeated ``build_site``) reads edited catalogues and word lists again. Code changes
    need a fresh process: ``make serve`` (generator/site/preview.py) starts one when they happen."""
    prefetch.wait()  # a build that ended early must not leave its child behind
    i18n.translations_for.cache_clear()
    nlp = sys.modules.get("pelican.plugins.explainer.nlp")  # imported (with spaCy) only when something was extracted
    if nlp is not None and not KEEP_PIPELINE:
        nlp.load_pipeline.cache_clear()


def connect_signals():
    signals.initialized.connect(start_prefetch)
    signals.get_generators.connect(add_generator)
    signals.generator_init.connect(install_translations)
    signals.article_generator_finalized.connect(drop_unwritten_drafts)
    signals.article_generator_finalized.connect(hand_overviews_to_explainer)
    signals.finalized.connect(reset_state)
