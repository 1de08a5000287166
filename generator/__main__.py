"""``python -m generator`` is the ``explainer`` command."""
from .cli import main

raise SystemExit(main())
