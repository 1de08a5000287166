"""spaCy pipeline components of the explainer: each one fills fields on ``Doc._``.

Order: ``explainer_blocks`` (paragraph/heading boundaries as sentence starts) → ``explainer_actors``
→ ``explainer_quotes`` (uses actors for speakers) → ``explainer_timeline`` (uses actors and quotes)
→ ``explainer_figures`` (leaves the timeline's dates out).
"""
from .extensions import register_extensions

register_extensions()  # importing any component (spaCy's entry points do) declares the Doc._ fields
