"""Output formats shared by the dossier and site layers: dates as readers see them, TimelineJS."""
