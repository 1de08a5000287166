"""Actors (baseline): named entities from the NER source, grouped by name."""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from ..model import Actor
from ..reading import slugify

LABEL_KINDS = {"PER": "person", "PERSON": "person", "ORG": "organisation", "LOC": "place", "GPE": "country"}


class ActorRecognizer:
    def __init__(self, nlp: Language, name: str, lang: str):
        self.lang = lang

    def __call__(self, doc: Doc) -> Doc:
        actors: dict[str, Actor] = {}
        for ent in doc.ents:
            kind = LABEL_KINDS.get(ent.label_)
            if not kind:
                continue
            actor_id = slugify(ent.text)
            if not actor_id:
                continue
            actor = actors.setdefault(actor_id, Actor(id=actor_id, name=ent.text, kind=kind))
            actor.mentions.append((ent.start_char, ent.end_char))
        doc._.actors = sorted(actors.values(), key=lambda a: a.mentions[0])
        return doc


@Language.factory("explainer_actors", default_config={"lang": "nl"})
def make_actor_recognizer(nlp: Language, name: str, lang: str) -> ActorRecognizer:
    return ActorRecognizer(nlp, name, lang)
