"""The extraction model: dataclasses that serialise to ``explainer/1`` (see docs/schema).

Every extracted item carries character offsets into :attr:`Extraction.text` so that readers and
editors can check it against the article. Fields beyond the schema's required ones (roles'
affiliation, quote cues, timeline sources, the key figures) are allowed by the schema and used by the site.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

SCHEMA_ID = "explainer/1"
ACTOR_KINDS = ("person", "organisation", "country", "place", "group")
PRECISIONS = ("day", "week", "month", "quarter", "year", "decade", "century")

Offsets = tuple[int, int]
# a quote of fewer words is a fragment ("betere", "wettelijke garanties"), not anyone's quote
FRAGMENT_WORDS = 3


@dataclass
class ArticleMeta:
    """What the article's header says about it (Pelican metadata)."""

    slug: str
    title: str
    date: dt.date | None
    lang: str = "nl"
    dossier: str | None = None
    source_path: str | None = None

    def to_json(self) -> dict:
        return {
            "slug": self.slug,
            "title": self.title,
            "date": self.date.isoformat() if self.date else None,
            "lang": self.lang,
        }


@dataclass
class Block:
    """A paragraph or heading of the body: its kind and its offsets into the plain text."""

    kind: str  # "paragraph" | "heading"
    start: int
    end: int


@dataclass
class Actor:
    id: str
    name: str
    kind: str
    roles: list[str] = field(default_factory=list)
    aliases: list[str] = field(default_factory=list)
    mentions: list[Offsets] = field(default_factory=list)
    affiliation: str | None = None  # id or name of a country/organisation the text ties it to
    headline_position: int | None = None  # where the article's title names the actor, in words from its start

    def to_json(self) -> dict:
        data = {
            "id": self.id,
            "name": self.name,
            "kind": self.kind,
            "roles": list(self.roles),
            "aliases": list(self.aliases),
            "mentions": [[s, e] for s, e in self.mentions],
        }
        if self.affiliation:
            data["affiliation"] = self.affiliation
        if self.headline_position is not None:
            data["headline_position"] = self.headline_position
        return data


@dataclass
class Quote:
    id: str
    text: str
    start: int
    end: int
    speaker: str | None  # actor id, or None when the text gives no evidence
    partial: bool = False
    cue: Offsets | None = None  # offsets of the attribution cue ("aldus", "zei", "volgens")
    headline: bool = False
    speaker_label: str | None = None  # an unnamed speaker as the text names them ("een woordvoerder")
    speaker_span: Offsets | None = None  # the speaker phrase the attribution used ("zei hij": "hij")
    speaker_evidence: str | None = None  # how: "name", "role", "pronoun", "unnamed", "previous quote", …
    words: int = 0  # how many words the quote has (counted by the quotes component)

    @property
    def fragment(self) -> bool:
        """A word or two between quote marks ("betere", "wettelijke garanties") is no one's quote:
        readers see it as a fragment, never as a quote."""
        return self.words < FRAGMENT_WORDS

    def to_json(self) -> dict:
        data = {
            "id": self.id,
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "speaker": self.speaker,
            "partial": self.partial,
            "words": self.words,
        }
        if self.cue:
            data["cue"] = [self.cue[0], self.cue[1]]
        if self.headline:
            data["headline"] = True
        if self.speaker_label:
            data["speaker_label"] = self.speaker_label
        if self.speaker_span:
            data["speaker_span"] = [self.speaker_span[0], self.speaker_span[1]]
        if self.speaker_evidence:
            data["speaker_evidence"] = self.speaker_evidence
        return data


@dataclass
class TimeExpression:
    """A recognised temporal expression and its normalised value (a TIMEX3-like record)."""

    start: int
    end: int
    text: str
    value: str | None  # ISO value, None when it needs an anchor the article lacks
    precision: str | None
    end_value: str | None = None
    certain: bool = True
    in_quote: bool = False


@dataclass
class TimelineEntry:
    id: str
    date: str
    precision: str
    expression: str
    start: int
    end: int
    summary: str
    actors: list[str] = field(default_factory=list)
    end_date: str | None = None
    sources: list[Offsets] = field(default_factory=list)  # every mention of the same event
    summary_span: Offsets | None = None
    certain: bool = True
    vague: bool = False  # the text gives the date only roughly ("de al 20 jaar durende", "de komende decennia")

    def to_json(self) -> dict:
        data = {
            "id": self.id,
            "date": self.date,
            "precision": self.precision,
            "expression": self.expression,
            "start": self.start,
            "end": self.end,
            "summary": self.summary,
            "actors": list(self.actors),
        }
        if self.end_date:
            data["end_date"] = self.end_date
        if self.sources:
            data["sources"] = [[s, e] for s, e in self.sources]
        if not self.certain:
            data["certain"] = False
        if self.vague:
            data["vague"] = True
        return data


@dataclass
class KeyFigure:
    """A figure a reader can use: a number with its currency, unit or what it counts ("$40 miljard",
    "ruim 1.500 tot 2.000 banen", "daalde 2,4 procent"), with its offsets into the text.

    A figure only the headline has is no part of the body: ``start == end == -1`` and ``title_span``
    gives its offsets into the article's title (which is where a reader checks it)."""

    text: str  # "ruim 1.500 tot 2.000 banen" (as in the article, whitespace made single)
    number: str  # "ruim 1.500 tot 2.000": the figure without what it counts
    phrase: str  # "banen" ("" for money and units without a noun)
    value: float  # the (upper) value: 2000 for "1.500 tot 2.000 banen"
    start: int
    end: int
    kind: str = "count"  # money, count, percent, measure, trivial (technical units); editors add "added"
    in_headline: bool = False
    low: float | None = None  # a range's lower value (1500); None for a single number
    title_span: Offsets | None = None  # offsets into the title when the headline has it

    def to_json(self) -> dict:
        data = {"text": self.text, "number": self.number, "phrase": self.phrase, "kind": self.kind,
                "value": self.value, "start": self.start, "end": self.end}
        if self.low is not None:
            data["low"] = self.low
        if self.in_headline:
            data["in_headline"] = True
        if self.title_span:
            data["title_span"] = [self.title_span[0], self.title_span[1]]
        return data

    @classmethod
    def from_json(cls, data: dict) -> "KeyFigure":
        return cls(text=data["text"], number=data["number"], phrase=data["phrase"], value=data["value"],
                   start=data["start"], end=data["end"], kind=data["kind"], in_headline=data.get("in_headline", False),
                   low=data.get("low"), title_span=tuple(data["title_span"]) if data.get("title_span") else None)


@dataclass
class Extraction:
    """Everything the site needs about one article; the site layer never re-parses text."""

    article: ArticleMeta
    text: str
    blocks: list[Block] = field(default_factory=list)
    sentences: list[Offsets] = field(default_factory=list)
    actors: list[Actor] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    timeline: list[TimelineEntry] = field(default_factory=list)
    figures: list[KeyFigure] = field(default_factory=list)  # ranked: headline, lead, then the text
    warnings: list[str] = field(default_factory=list)

    def to_json(self) -> dict:
        return {
            "schema": SCHEMA_ID,
            "article": self.article.to_json(),
            "text": self.text,
            "actors": [a.to_json() for a in self.actors],
            "quotes": [q.to_json() for q in self.quotes],
            "timeline": [t.to_json() for t in self.timeline],
            "figures": [f.to_json() for f in self.figures],
            "blocks": [[b.kind, b.start, b.end] for b in self.blocks],
            "sentences": [[s, e] for s, e in self.sentences],
            "warnings": list(self.warnings),
        }

    @classmethod
    def from_json(cls, data: dict) -> "Extraction":
        """Rebuild an extraction from its JSON (the cache and corrections read it back)."""
        art = data["article"]
        meta = ArticleMeta(
            slug=art["slug"],
            title=art["title"],
            date=dt.date.fromisoformat(art["date"]) if art.get("date") else None,
            lang=art.get("lang", "nl"),
        )
        return cls(
            article=meta,
            text=data["text"],
            blocks=[Block(k, s, e) for k, s, e in data.get("blocks", [])],
            sentences=[(s, e) for s, e in data.get("sentences", [])],
            actors=[
                Actor(
                    id=a["id"], name=a["name"], kind=a["kind"], roles=list(a["roles"]),
                    aliases=list(a["aliases"]), mentions=[(s, e) for s, e in a["mentions"]],
                    affiliation=a.get("affiliation"), headline_position=a.get("headline_position"),
                )
                for a in data["actors"]
            ],
            quotes=[
                Quote(
                    id=q["id"], text=q["text"], start=q["start"], end=q["end"], speaker=q["speaker"],
                    partial=q["partial"], cue=tuple(q["cue"]) if q.get("cue") else None,
                    headline=q.get("headline", False), speaker_label=q.get("speaker_label"),
                    speaker_span=tuple(q["speaker_span"]) if q.get("speaker_span") else None,
                    speaker_evidence=q.get("speaker_evidence"), words=q.get("words", 0),
                )
                for q in data["quotes"]
            ],
            timeline=[
                TimelineEntry(
                    id=t["id"], date=t["date"], precision=t["precision"], expression=t["expression"],
                    start=t["start"], end=t["end"], summary=t["summary"], actors=list(t["actors"]),
                    end_date=t.get("end_date"), sources=[(s, e) for s, e in t.get("sources", [])],
                    certain=t.get("certain", True), vague=t.get("vague", False),
                )
                for t in data["timeline"]
            ],
            figures=[KeyFigure.from_json(f) for f in data.get("figures", [])],
            warnings=list(data.get("warnings", [])),
        )
