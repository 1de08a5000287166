"""The extraction layer: an article in, an :class:`~.model.Extraction` out.

Reading articles, the spaCy pipeline and its components, the data model, key figures, the
cache and the one extraction service. Knows nothing of editors, dossiers or sites."""
