"""spaCy pipeline components of the explainer: each one fills fields on ``Doc._``.

Order: ``explainer_blocks`` (paragraph/heading boundaries as sentence starts) → ``explainer_actors``
→ ``explainer_quotes`` (uses actors for speakers) → ``explainer_timeline`` (uses actors and quotes)
→ ``explainer_figures`` (leaves the timeline's dates out).

The ``Doc._`` fields are declared by each component when it is made (``extensions.register_extensions``,
from ``language_files.LanguageFilesComponent`` and the two small pipes' modules), not when this package
is imported: the site imports pure helpers from here (headline words, figure ranking) and a build whose
extractions all come from the cache never imports spaCy (~2 s).
"""
