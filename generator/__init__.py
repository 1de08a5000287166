"""Explainer: turns news articles into static explainer sites.

Rooms: ``reading`` (articles from disk), ``components/`` (spaCy extraction components),
``model`` (the extraction dataclasses), ``extraction`` and ``cache`` (running the pipeline),
``site/`` (the Pelican plugin and page generator), ``cli`` (the ``explainer`` command).
"""


def register():
    """Pelican plugin entry point (``PLUGINS = ["explainer"]``)."""
    from .site.plugin import connect_signals

    connect_signals()
