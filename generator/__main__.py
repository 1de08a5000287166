"""``python -m pelican.plugins.explainer`` is the ``explainer`` command."""
from .cli import main

raise SystemExit(main())
