"""Explainer: turns news articles into static explainer sites.

Layers, each importing only from the ones before it (docs/architecture.md): ``extraction/`` (an
article in, an Extraction out), ``editorial/`` (corrections, review), ``formats/`` (dates, TimelineJS),
``dossier/`` (several articles, one story), ``site/`` (the Pelican plugin), ``build/`` (atomic build,
preview); ``cli`` is the ``explainer`` command.
"""


def register():
    """Pelican plugin entry point (``PLUGINS = ["explainer"]``)."""
    from .site.plugin import connect_signals

    connect_signals()
