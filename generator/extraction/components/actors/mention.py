"""A mention: one stretch of text that names an actor, with what its context says about it."""
from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc

from .lexicon import normalise


@dataclass(slots=True)
class Mention:
    """One name in the text (token range ``start:end``) and what its context says about it."""

    start: int
    end: int
    start_char: int
    end_char: int
    text: str
    key: str | None = None  # gazetteer entity ("country:US"), merges its surface forms
    kind: str | None = None  # kind a gazetteer or name word decides
    ner_kind: str | None = None
    ner_label: str | None = None  # label of an NER entity on exactly this name's tokens (hybrid mode)
    initial: bool = False  # weak only because its capital says nothing (a sentence's first word)
    roles: list[str] = field(default_factory=list)
    affiliations: list[str] = field(default_factory=list)  # names: "Rusland", "NAVO"
    person_cue: bool = False  # a role, form of address or apposition vouches for a person
    place_cue: bool = False
    org_cue: bool = False  # "het bedrijf X", "woordvoerder van X": the context presents an organisation
    weak: bool = False  # kept only if the same name also occurs on its own
    span: tuple[int, int] | None = None  # char offsets to record (may include "meneer")
    role_mention: bool = False  # "De Russische president": a mention of an actor named elsewhere
    role_head: str | None = None
    # the mention this one abbreviates "(EADS)" (the object: the list is filtered and re-sorted later)
    acronym_of: "Mention | None" = field(default=None, repr=False)
    product: bool = False  # the context presents a product, model or event ("het besturingssysteem X")

    @property
    def norm(self) -> str:
        return normalise(self.text)


def make_mention(doc: Doc, start: int, end: int) -> Mention:
    span = doc[start:end]
    return Mention(start, end, span.start_char, span.end_char, span.text)
