"""Wiring the explainer into Pelican's signals (receivers at module level: signals hold weak refs).

Only extension points: settings at ``initialized``, a Markdown reader at ``readers_init``, control
characters dropped from what was read at ``content_object_init``, articles and pages that would
replace another's files refused at ``article_generator_pretaxonomy``/``page_generator_finalized``, the
explainer's templates on each generator's Jinja loader at ``generator_init``, two generators at
``get_generators``, a writer at ``get_writer`` and the reuse of unchanged explainers decided at
``all_generators_finalized``. No Pelican method is replaced, no process forked.
"""
from __future__ import annotations

import sys
from pathlib import Path

from jinja2 import ChoiceLoader, FileSystemLoader
from pelican import signals

from . import guard, i18n, settings as explainer_settings
from .dossier_generator import DossierGenerator
from .explainer_generator import ExplainerGenerator
from .settings import setting
from .writer import ExplainerWriter

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"


def apply_settings(pelican):
    """Every EXPLAINER_* default, once per build (see :mod:`.settings`)."""
    explainer_settings.apply(pelican.settings)


def add_reader(readers):
    """Markdown that keeps wire-copy quotes ``…'' as text (see :mod:`.articles`), unless another
    plugin already replaced Pelican's Markdown reader."""
    from pelican.readers import MarkdownReader

    from .articles import wire_quote_reader

    if not setting(readers.settings, "EXPLAINER_WIRE_QUOTES"):
        return
    for ext in MarkdownReader.file_extensions:
        if readers.reader_classes.get(ext) is MarkdownReader:
            readers.reader_classes[ext] = wire_quote_reader(MarkdownReader)


def add_generator(pelican):
    # in this order: DossierGenerator reads the explainers ExplainerGenerator attached
    return [ExplainerGenerator, DossierGenerator]


def add_writer(pelican):
    return ExplainerWriter


def prepare_templates(generator):
    """The explainer's templates after the theme's (so a theme can override any of them), and the UI
    language's ``_()`` for templates, unless the site installed its own translations."""
    env = getattr(generator, "env", None)
    if env is None:
        return
    loader = FileSystemLoader(str(TEMPLATES))
    if isinstance(env.loader, ChoiceLoader):
        if not any(getattr(x, "searchpath", None) == [str(TEMPLATES)] for x in env.loader.loaders):
            env.loader.loaders.append(loader)
    else:
        env.loader = ChoiceLoader([env.loader, loader] if env.loader else [loader])
    if isinstance(generator, (ExplainerGenerator, DossierGenerator)) or "gettext" not in env.globals:
        i18n.install(env, setting(generator.settings, "EXPLAINER_UI_LANG"))


def drop_unwritten_drafts(generator):
    """Drafts (``Status: draft``) are never published when ``DRAFT_SAVE_AS`` is empty (both settings
    files). Pelican would still render them, and crash doing so: with categories switched off a draft
    has no ``category``. Drop them after reading."""
    if not generator.settings.get("DRAFT_SAVE_AS"):
        del generator.drafts[:]
        del generator.drafts_translations[:]


def refuse_unsafe_articles(generator):
    """Articles whose page would take a site file's or another article's place are refused (one
    line each, :mod:`.refusals`) before Pelican lists them in its indexes and feeds."""
    guard.drop_unsafe(generator, ("articles", "translations", "hidden_articles", "hidden_translations"))


def refuse_unsafe_pages(generator):
    guard.drop_unsafe(generator, ("pages", "translations", "hidden_pages", "hidden_translations"))


def strip_control_characters(content):
    """NUL and other control characters are not text (HTML forbids them; the html gate refuses them):
    drop them from what Pelican read, its HTML, title, summary and metadata, before any page uses it."""
    from ..sanitise import strip_controls

    for name in ("_content", "_summary"):
        value = getattr(content, name, None)
        if isinstance(value, str):
            setattr(content, name, strip_controls(value))
    metadata = getattr(content, "metadata", None) or {}
    for key, value in list(metadata.items()):
        if isinstance(value, str) and value != strip_controls(value):
            metadata[key] = strip_controls(value)
            if isinstance(getattr(content, key.lower(), None), str):
                setattr(content, key.lower(), metadata[key])


def plan_reuse(generators):
    """Once every generator has its context and before any writes: decide which explainers' files
    are kept, linked or rendered (:meth:`.RenderSession.plan`, which also clears the adopted
    spare's other files out of the output)."""
    for generator in generators:
        session = getattr(generator, "session", None) if isinstance(generator, ExplainerGenerator) else None
        if session is not None:
            session.plan()


KEEP_PIPELINE = False  # the preview's build worker keeps it: it is replaced when generator/ changes


def reset_state(pelican):
    """After each run, drop what this process cached, so a rebuild in the same process (``pelican
    --autoreload``, repeated ``build_site``) reads edited catalogues and word lists again. Code changes
    need a fresh process: ``make serve`` (generator/build/preview.py) starts one when they happen."""
    i18n.translations_for.cache_clear()
    nlp = sys.modules.get("pelican.plugins.explainer.extraction.nlp")  # imported (with spaCy) only when something was extracted
    if nlp is not None and not KEEP_PIPELINE:
        nlp.load_pipeline.cache_clear()


def connect_signals():
    signals.initialized.connect(apply_settings)
    signals.readers_init.connect(add_reader)
    signals.get_generators.connect(add_generator)
    signals.get_writer.connect(add_writer)
    signals.generator_init.connect(prepare_templates)
    signals.content_object_init.connect(strip_control_characters)
    signals.article_generator_pretaxonomy.connect(refuse_unsafe_articles)
    signals.page_generator_finalized.connect(refuse_unsafe_pages)
    signals.article_generator_finalized.connect(drop_unwritten_drafts)
    signals.all_generators_finalized.connect(plan_reuse)
    signals.finalized.connect(reset_state)
