"""spaCy pipeline components of the explainer: each one fills fields on ``Doc._``.

Order: ``explainer_blocks`` (paragraph/heading boundaries as sentence starts) → ``explainer_actors``
→ ``explainer_quotes`` (uses actors for speakers) → ``explainer_timeline`` (uses actors and quotes).
"""
