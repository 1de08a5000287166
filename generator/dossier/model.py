"""A dossier's dataclasses: its actors, quotes, events and conflicts (docs/dossier-schema.md)."""
from __future__ import annotations

from dataclasses import dataclass, field

from ..extraction.model import Extraction, Quote

DOSSIER_SCHEMA_ID = "explainer/dossier/1"


# --------------------------------------------------------------------------- dossier structures

@dataclass
class Mention:
    article: str
    start: int
    end: int
    local_id: str  # the actor's id in its article (for links to the article's pages)
    index: int  # 1-based position among that actor's mentions in the article (anchor m-<id>-<n>)


@dataclass
class DossierActor:
    id: str
    name: str
    kind: str
    roles: list[str] = field(default_factory=list)
    aliases: list[str] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    sources: list[tuple[str, str]] = field(default_factory=list)  # (article slug, local actor id)

    @property
    def articles(self) -> list[str]:
        return list(dict.fromkeys(slug for slug, _ in self.sources))

    def to_json(self) -> dict:
        return {
            "id": self.id,
            "name": self.name,
            "kind": self.kind,
            "roles": list(self.roles),
            "aliases": list(self.aliases),
            "mentions": [{"article": m.article, "start": m.start, "end": m.end} for m in self.mentions],
            "sources": [{"article": slug, "id": local} for slug, local in self.sources],
        }


@dataclass
class DossierQuote:
    article: str
    quote: Quote
    speaker: str | None  # dossier actor id

    def to_json(self) -> dict:
        q = self.quote
        return {"id": q.id, "article": self.article, "text": q.text, "start": q.start, "end": q.end,
                "speaker": self.speaker, "partial": q.partial}


@dataclass
class DossierEvent:
    id: str
    date: str
    precision: str
    expression: str
    start: int
    end: int
    summary: str
    article: str
    actors: list[str] = field(default_factory=list)
    end_date: str | None = None
    certain: bool = True
    sources: list[dict] = field(default_factory=list)  # {"article", "id", "start", "end", "expression"}

    @property
    def articles(self) -> list[str]:
        return list(dict.fromkeys(s["article"] for s in self.sources))

    def to_json(self) -> dict:
        data = {"id": self.id, "date": self.date, "precision": self.precision, "expression": self.expression,
                "start": self.start, "end": self.end, "summary": self.summary, "actors": list(self.actors),
                "article": self.article}
        if self.end_date:
            data["end_date"] = self.end_date
        if not self.certain:
            data["certain"] = False
        data["sources"] = [dict(s) for s in self.sources]
        return data


@dataclass
class Dossier:
    slug: str
    title: str
    value: str  # the Dossier metadata as written
    extractions: list[Extraction]
    actors: list[DossierActor]
    actor_ids: dict[tuple[str, str], str]  # (article slug, local actor id) → dossier actor id
    quotes: list[DossierQuote]
    timeline: list[DossierEvent]
    conflicts: list[dict] = field(default_factory=list)

    @property
    def articles(self) -> list[str]:
        return [e.article.slug for e in self.extractions]

    def actor(self, actor_id: str) -> DossierActor | None:
        return next((a for a in self.actors if a.id == actor_id), None)
