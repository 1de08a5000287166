"""The ``actors`` spaCy component: the factory is in ``component.py``, its parts in the other modules."""
