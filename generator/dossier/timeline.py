"""A dossier's merged timeline: every article's entries in one order, an event reported twice once; its
TimelineJS export."""
from __future__ import annotations

from collections import defaultdict
from difflib import SequenceMatcher

from ..extraction.model import Extraction
from ..formats.timelinejs import timelinejs_document
from .model import Dossier, DossierEvent
from .names import _WORD

COARSE_PRECISIONS = ("year", "decade", "century")


# --------------------------------------------------------------------------- merged timeline

def _words(text: str) -> set[str]:
    return {w.lower() for w in _WORD.findall(text) if len(w) >= 3}


def similar_summaries(a: str, b: str) -> bool:
    """Word overlap (Jaccard ≥ 0.5) or close spelling (ratio ≥ 0.75)."""
    wa, wb = _words(a), _words(b)
    if wa and wb and len(wa & wb) / len(wa | wb) >= 0.5:
        return True
    return SequenceMatcher(None, a.lower(), b.lower()).ratio() >= 0.75


def entry_figures(extraction: Extraction, entry) -> frozenset[float]:
    """The values of the key figures (``Extraction.figures``, the ``explainer_figures`` pipe) in the
    sentence that dates ``entry``: what two reports of one event share besides an actor ("1,6 miljard",
    "254 banen"). The figures pipe leaves dates out, so a year is never a shared figure."""
    if entry.end <= entry.start:
        return frozenset()  # an event an editor added: no sentence of the article dates it
    start, end = next(((s, e) for s, e in extraction.sentences if s <= entry.start < e), (entry.start, entry.end))
    return frozenset(value for f in extraction.figures if start <= f.start and f.end <= end
                     for value in (f.value, f.low) if value is not None)


def merge_timeline(extractions: list[Extraction], actor_ids: dict) -> list[DossierEvent]:
    """All articles' timeline entries in date order; one event per happening reported by several articles.

    Two entries of *different* articles are one event when they have the same date value, end date and
    precision and either share an actor or have similar summaries; for a year or coarser a shared actor
    counts only together with a shared figure (a shared actor in the same year is too weak). Entries of one article are never
    merged here: the extraction already did that.
    """
    from ..formats.dates import sort_key

    events: list[DossierEvent] = []
    figures: dict[int, frozenset[float]] = {}  # id(event) → the figures of its first report
    by_date: dict[tuple, list[DossierEvent]] = defaultdict(list)
    for extraction in extractions:  # in publication order: the first report leads
        slug = extraction.article.slug
        for entry in sorted(extraction.timeline, key=lambda t: t.start):
            found = entry_figures(extraction, entry)
            actors = list(dict.fromkeys(actor_ids.get((slug, a), a) for a in entry.actors))
            source = {"article": slug, "id": entry.id, "start": entry.start, "end": entry.end,
                      "expression": entry.expression}
            key = (entry.date, entry.end_date, entry.precision)
            match = None
            for event in by_date[key]:
                if slug in event.articles:
                    continue
                shared = bool(set(actors) & set(event.actors))
                if shared and entry.precision in COARSE_PRECISIONS:
                    shared = bool(found & figures[id(event)])
                if shared or similar_summaries(entry.summary, event.summary):
                    match = event
                    break
            if match:
                match.sources.append(source)
                match.actors.extend(a for a in actors if a not in match.actors)
                match.certain = match.certain or entry.certain
                continue
            event = DossierEvent(id="", date=entry.date, precision=entry.precision, expression=entry.expression,
                                 start=entry.start, end=entry.end, summary=entry.summary, article=slug,
                                 actors=actors, end_date=entry.end_date, certain=entry.certain, sources=[source])
            events.append(event)
            figures[id(event)] = found
            by_date[key].append(event)
    order = {e.article.slug: i for i, e in enumerate(extractions)}
    events.sort(key=lambda ev: (sort_key(ev.date), order[ev.article], ev.start))
    for number, event in enumerate(events, 1):
        event.id = f"t{number}"
    return events


def dossier_timelinejs(dossier: Dossier, locale: str = "nl") -> dict:
    """The merged timeline in Knight Lab TimelineJS JSON; each event names its source articles."""
    titles = {e.article.slug: e.article.title for e in dossier.extractions}

    def text(event: DossierEvent) -> str:
        return f"{event.summary} ({', '.join(titles.get(s, s) for s in event.articles)})"

    return timelinejs_document(dossier.title, dossier.timeline, locale, text)
