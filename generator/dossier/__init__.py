"""The dossier layer: several articles that tell one story, read together (no site imports)."""
