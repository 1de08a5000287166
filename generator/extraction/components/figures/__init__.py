"""Key figures: recognising them in the text (:mod:`.recognise`, words from :mod:`.resources`),
ranking them (:mod:`.rank`) and the ``explainer_figures`` pipe (:mod:`.component`)."""
