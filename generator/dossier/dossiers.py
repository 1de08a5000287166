"""Dossiers: the articles that share a ``Dossier:`` value, read together (pure functions, no I/O).

Three things happen across a dossier's articles (see docs/dossier-schema.md):

* **Actor identity** (:func:`resolve_actors`): the per-article actors that are the same person,
  organisation or country get one dossier id. Evidence, strongest first: the same full name or alias;
  an acronym of a multi-word name ("GM" ↔ "General Motors"); for people, a surname alone ("Jobs")
  matches a full name ("Steve Jobs") when exactly one person in the dossier carries that surname, and
  two full names with the same surname match when their first names agree ("Michael M. Sears" ↔
  "Michael Sears"). Conflicting evidence — different kinds, different first names, an ambiguous
  surname or acronym, two actors one article keeps apart — keeps them apart and is reported in
  :attr:`Dossier.conflicts` (and logged by the site generator).
* **Merged timeline** (:func:`merge_timeline`): every article's entries in one chronological order
  (:func:`generator.formats.dates.sort_key`); an event reported by several articles appears once and
  lists every source. Dates stay as each article's extraction normalised them (against its own
  publication date).
* **Export** (:func:`dossier_json`, :func:`dossier_timelinejs`).
"""
from __future__ import annotations

import datetime as dt
import re

from ..extraction.model import Extraction
from ..extraction.reading import slugify
from .identity import resolve_actors
from .model import DOSSIER_SCHEMA_ID, Dossier, DossierQuote
from .timeline import merge_timeline


# --------------------------------------------------------------------------- grouping

def dossier_slug(value: str) -> str:
    return slugify(value) or "dossier"


def dossier_title(value: str, titles: dict | None = None) -> str:
    """``DOSSIER_TITLES[slug]`` when set; else the value prettified ("general-motors" → "General Motors")."""
    slug = dossier_slug(value)
    if titles and titles.get(slug):
        return str(titles[slug])
    value = value.strip()
    if value == value.lower() and " " not in value:
        return " ".join(w[:1].upper() + w[1:] for w in re.split(r"[-_]+", value) if w)
    return value


def _article_order(extraction: Extraction) -> tuple:
    return (extraction.article.date or dt.date.max, extraction.article.slug)


def group_by_dossier(items) -> dict[str, tuple[str, list[Extraction]]]:
    """``(dossier value or None, extraction)`` pairs → slug → (first value seen, extractions by date).

    Values that slugify alike ("Boeing Airbus", "boeing-airbus") are one dossier; no value: no dossier.
    """
    groups: dict[str, tuple[str, list[Extraction]]] = {}
    for value, extraction in items:
        if not value or not str(value).strip():
            continue
        slug = dossier_slug(str(value))
        groups.setdefault(slug, (str(value).strip(), []))[1].append(extraction)
    for _, extractions in groups.values():
        extractions.sort(key=_article_order)
    return dict(sorted(groups.items()))


# --------------------------------------------------------------------------- the dossier

def build_dossier(value: str, extractions: list[Extraction], titles: dict | None = None) -> Dossier:
    extractions = sorted(extractions, key=_article_order)
    actors, mapping, conflicts = resolve_actors(extractions)
    quotes = [DossierQuote(e.article.slug, q, mapping.get((e.article.slug, q.speaker)) if q.speaker else None)
              for e in extractions for q in sorted(e.quotes, key=lambda q: q.start)]
    return Dossier(slug=dossier_slug(value), title=dossier_title(value, titles), value=value,
                   extractions=extractions, actors=actors, actor_ids=mapping, quotes=quotes,
                   timeline=merge_timeline(extractions, mapping), conflicts=conflicts)


def build_dossiers(items, titles: dict | None = None) -> list[Dossier]:
    """``(dossier value, extraction)`` pairs → dossiers, ordered by slug."""
    return [build_dossier(value, extractions, titles)
            for _, (value, extractions) in group_by_dossier(items).items()]


def dossier_json(dossier: Dossier) -> dict:
    return {
        "schema": DOSSIER_SCHEMA_ID,
        "dossier": {"slug": dossier.slug, "title": dossier.title, "articles": dossier.articles},
        "articles": [{**e.article.to_json()} for e in dossier.extractions],
        "actors": [a.to_json() for a in dossier.actors],
        "quotes": [q.to_json() for q in dossier.quotes],
        "timeline": [t.to_json() for t in dossier.timeline],
        "conflicts": [dict(c) for c in dossier.conflicts],
    }
