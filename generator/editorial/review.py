"""What an editor should check in an extraction, and a corrections template pre-filled with it.

``explainer review FILE`` prints the items with the sentence each comes from; ``--template`` writes
``FILE.explainer.yaml`` (next to the article) with every item as a commented-out suggestion, so an editor
uncomments what needs changing. Pure functions except :func:`write_template`.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from .schema import corrections_path, parse_date
from ..errors import InputError
from ..extraction.language import load_language
from ..extraction.model import Extraction, TimelineEntry
from ..sanitise import terminal_safe

CATEGORIES = {
    "quote_speaker": "Quotes without a speaker",
    "quote_inferred": "Quotes whose speaker was inferred",
    "actor_mentions": "Actors mentioned only once",
    "actor_kind": "Actors of an unusual kind",
    "event_date": "Dates normalised from weak evidence",
    "event_actors": "Events without actors",
}
SECTION_OF = {"quote_speaker": "quotes", "quote_inferred": "quotes", "actor_mentions": "actors", "actor_kind": "actors",
              "event_date": "timeline", "event_actors": "timeline"}

# how a quote's speaker was found (Quote.speaker_evidence) when that is worth an editor's look
INFERRED = {
    "pronoun": "speaker from a pronoun (hij/zij)",
    "previous quote": "speaker from the previous quote",
    "next quote": "speaker from the next quote",
    "repeated quote": "speaker of the quote these words repeat (a pull quote)",
    "context": "speaker from the sentence before the quote",
    "sentence": "speaker from a person named in the quote's sentence (no cue)",
}


@dataclass(frozen=True)
class _ReviewWords:
    """A language's date cues (patterns over an expression) and the template's name placeholder."""

    day: re.Pattern  # "maandag", "gisteren", "3 maart": a day
    month: re.Pattern
    relative: re.Pattern  # "vorige", "geleden": relative to the day of writing
    name_placeholder: str


def _words(words) -> str:
    return "|".join(map(re.escape, words))


@lru_cache(maxsize=None)
def _review_words(lang: str) -> _ReviewWords:
    """From ``data/<lang>/review.json`` and the language's weekdays and months (``temporal.json``)."""
    language = load_language(lang)
    data = json.loads((language.folder / "review.json").read_text(encoding="utf-8"))
    weekdays = _words(language.temporal.weekdays)
    months = _words(list(language.temporal.months) + data["month_abbreviations"])
    return _ReviewWords(
        day=re.compile(rf"\b({weekdays}|{_words(data['day_words'])}|\d{{1,2}}\s+(?:{months})\b)", re.I),
        month=re.compile(rf"\b({months}|{_words(data['month_words'])})\b", re.I),
        relative=re.compile(rf"\b({_words(data['relative_words'])}|{weekdays})\b", re.I),
        name_placeholder=data["name_placeholder"],
    )


_PRECISION_RANK = {"day": 0, "week": 1, "month": 2, "quarter": 3, "year": 4, "decade": 5, "century": 6}


@dataclass
class ReviewItem:
    category: str  # a key of CATEGORIES
    subject: str  # what the item is, as the editor would name it
    reason: str
    sentence: str
    suggestion: list[str] = field(default_factory=list)  # YAML lines of a corrections entry


def _q(value) -> str:
    """A YAML scalar: JSON strings are valid double-quoted YAML."""
    return json.dumps(value, ensure_ascii=False)


def sentence_at(extraction: Extraction, start: int, end: int | None = None) -> str:
    """The sentence that holds ``start`` (by the extraction's sentence offsets), on one line."""
    end = start if end is None else end
    span = next(((s, e) for s, e in extraction.sentences if s <= start < e or (s <= start and end <= e)),
                None)
    if span is None:  # no sentence offsets: the surrounding block
        span = next(((b.start, b.end) for b in extraction.blocks if b.start <= start <= b.end),
                    (max(0, start - 80), min(len(extraction.text), end + 80)))
    return " ".join(extraction.text[span[0]:span[1]].split())


def _quoted_span(extraction: Extraction, entry: TimelineEntry) -> bool:
    return any(q.start <= entry.start and entry.end <= q.end for q in extraction.quotes)


def _date_reason(extraction: Extraction, entry: TimelineEntry) -> str | None:
    """Why a normalised date deserves a look, or None."""
    expression = entry.expression
    rank = _PRECISION_RANK.get(entry.precision, 0)
    if not entry.certain:
        return "the extractor marked this date as uncertain"
    words = _review_words(extraction.article.lang)
    if words.day.search(expression) and rank > _PRECISION_RANK["day"]:
        return f"the expression names a day but the date is only a {entry.precision}"
    if words.month.search(expression) and rank > _PRECISION_RANK["month"]:
        return f"the expression names a month but the date is only a {entry.precision}"
    if words.relative.search(expression) and _quoted_span(extraction, entry):
        return ("a relative date inside a quote, resolved against the publication date; "
                "the words may have been spoken earlier")
    return None


def _nearby_speaker(extraction: Extraction, start: int, end: int) -> str | None:
    """A person (else organisation) mentioned in the quote's sentence: a guess for the template."""
    span = next(((s, e) for s, e in extraction.sentences if s <= start < e), (start, end))
    for kind in ("person", "organisation"):
        for actor in extraction.actors:
            if actor.kind == kind and any(span[0] <= s and e <= span[1] and not (start <= s < end)
                                          for s, e in actor.mentions):
                return actor.name
    return None


def review_items(extraction: Extraction) -> list[ReviewItem]:
    """Everything an editor should check, grouped by category in :data:`CATEGORIES` order."""
    items: list[ReviewItem] = []
    placeholder = _review_words(extraction.article.lang).name_placeholder
    names = {a.id: a.name for a in extraction.actors}
    speakers = {q.speaker for q in extraction.quotes if q.speaker}
    for quote in sorted(extraction.quotes, key=lambda q: q.start):
        if quote.speaker is None:
            prefix = " ".join(quote.text.split()[:6])
            candidate = _nearby_speaker(extraction, quote.start, quote.end) or placeholder
            items.append(ReviewItem("quote_speaker", f"“{prefix}{' …' if prefix != quote.text else ''}”",
                                    "no speaker was found", sentence_at(extraction, quote.start, quote.end),
                                    [f"- match: {_q(prefix)}", f"  speaker: {_q(candidate)}  # an actor's name",
                                     "  # hide: true"]))
        elif quote.speaker_evidence in INFERRED:
            prefix = " ".join(quote.text.split()[:6])
            name = names.get(quote.speaker, quote.speaker)
            items.append(ReviewItem("quote_inferred", f"“{prefix}{' …' if prefix != quote.text else ''}” → {name}",
                                    INFERRED[quote.speaker_evidence], sentence_at(extraction, quote.start, quote.end),
                                    [f"- match: {_q(prefix)}", f"  speaker: {_q(name)}  # an actor's name",
                                     "  # hide: true"]))
    for actor in extraction.actors:
        first = min(actor.mentions) if actor.mentions else (0, 0)
        entry = [f"- match: {_q(actor.name)}", f"  name: {_q(actor.name)}", f"  kind: {actor.kind}",
                 f"  roles: {_q(list(actor.roles))}", "  # hide: true",
                 "  # (or unite it with another actor: - merge: [" + _q(actor.name) + ", \"…\"])"]
        if len(actor.mentions) <= 1:
            items.append(ReviewItem("actor_mentions", f"{actor.name} ({actor.kind})",
                                    "mentioned once: a name the extractor may have misread, or an alias of "
                                    "another actor", sentence_at(extraction, *first), entry))
        reason = None
        if actor.kind == "group":
            reason = "“group” is the extractor's catch-all kind"
        elif actor.kind == "place" and actor.id in speakers:
            reason = "a place that speaks: probably a government or organisation (“Moskou”)"
        elif actor.kind == "person" and " " not in actor.name.strip() and not actor.roles:
            reason = "a person known by one word only and without a role"
        if reason:
            items.append(ReviewItem("actor_kind", f"{actor.name} ({actor.kind})", reason,
                                    sentence_at(extraction, *first), entry))
    for event in sorted(extraction.timeline, key=lambda t: t.start):
        where = (event.start, event.end)
        date_line = (f"  date: {_q(event.date)}" if parse_date(event.date)
                     else f"  # date: YYYY-MM-DD  (now {event.date}; write YYYY, YYYY-MM or YYYY-MM-DD)")
        base = [f"- match: {_q(event.expression)}", date_line, f"  summary: {_q(event.summary)}"]
        reason = _date_reason(extraction, event) if event.expression else None
        if reason:
            items.append(ReviewItem("event_date", f"“{event.expression}” → {event.date} ({event.precision})",
                                    reason, sentence_at(extraction, *where), base))
        if not event.actors:
            items.append(ReviewItem("event_actors", f"“{event.expression}” ({event.date})",
                                    "no actor is tied to this event", sentence_at(extraction, *where),
                                    base + [f"  actors: [{_q(placeholder)}]"]))
    order = list(CATEGORIES)
    return sorted(items, key=lambda item: order.index(item.category))


def format_review(extraction: Extraction, items: list[ReviewItem], warnings: list[str] = ()) -> str:
    """The terminal report."""
    path = extraction.article.source_path or extraction.article.slug
    lines = [f"{path}: {len(items)} item(s) to check"
             f" ({len(extraction.actors)} actors, {len(extraction.quotes)} quotes, "
             f"{len(extraction.timeline)} timeline entries)"]
    for warning in warnings:
        lines.append(f"warning: {warning}")
    for category, title in CATEGORIES.items():
        group = [item for item in items if item.category == category]
        if not group:
            continue
        lines += ["", f"{title} ({len(group)})"]
        for item in group:
            lines.append(f"  - {item.subject}: {item.reason}")
            lines.append(f"      {item.sentence}")
    if not items:
        lines += ["", "Nothing stands out; still read the explainer against the article."]
    # article text goes to a terminal: its escape sequences (colours, titles, cursor moves) are dropped
    return terminal_safe("\n".join(lines)) + "\n"


def template_text(extraction: Extraction, items: list[ReviewItem]) -> str:
    """A corrections file whose entries are all commented out: valid (and empty) as it stands."""
    article = extraction.article.source_path or extraction.article.slug
    out = [
        f"# Corrections for {article}",
        "# Written by `explainer review --template`. Everything is commented out: uncomment (remove the",
        "# leading \"# \") the entries you want, edit them, and delete the rest. Entries find their item by",
        "# content (an actor's name or alias, the start of a quote, a date as written), never by position.",
        "# Keys: actors: match|merge, name, kind, roles, aliases, hide; quotes: match, speaker, hide;",
        "# timeline: match, date (YYYY, YYYY-MM or YYYY-MM-DD), end_date, summary, actors, hide;",
        "# or add: {date: …, summary: …, actors: […]} for an event the article does not date.",
        "# See README.md, \"Corrections and review\".",
    ]
    for section in ("actors", "quotes", "timeline"):
        out += ["", f"{section}:"]
        seen: set[tuple[str, ...]] = set()
        for item in items:
            if SECTION_OF[item.category] != section:
                continue
            out.append(f"# {CATEGORIES[item.category]}: {item.subject} — {item.reason}")
            out.append(f"#   «{item.sentence}»")
            key = tuple(item.suggestion)
            if key in seen:
                out.append("#   (suggestion above)")
                continue
            seen.add(key)
            out += [f"# {line}" for line in item.suggestion]
        if section == "timeline":
            out.append("# Add an event the article mentions without a date:")
            out.append('# - add: {date: "YYYY-MM-DD", summary: "…", actors: ["…"]}')
    return "\n".join(out) + "\n"


def write_template(article_path, extraction: Extraction, items: list[ReviewItem]) -> Path:
    """Write ``x.explainer.yaml`` next to ``x.md``; never overwrite an existing file."""
    target = corrections_path(article_path)
    try:
        with open(target, "x", encoding="utf-8") as out:
            out.write(template_text(extraction, items))
    except FileExistsError:
        raise InputError(target, "already exists; not overwritten",
                         fix="edit it, or move it away to write a fresh template") from None
    return target
