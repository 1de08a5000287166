"""The site layer: a Pelican plugin that turns extractions into explainer pages (never re-parses text)."""
