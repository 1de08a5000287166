"""Scoring the extraction against hand annotations (``../shared/gold``, format in its GUIDE.md)."""
