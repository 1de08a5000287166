"""Actors: the people, organisations, countries and places an article names, merged per entity.

Works without a statistical model (capitalisation, word lists, gazetteers) and uses ``doc.ents``
when the pipeline has an NER. The result is ``doc._.actors``: a list of :class:`~generator.extraction.model.Actor`
sorted by first mention, every mention a (start_char, end_char) span of ``doc.text``.
"""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from ....names import name_key
from ...model import Actor
from ..language_files import LanguageFilesComponent
from .candidates import CandidateFinder
from .headline import mark_headline
from .lexicon import read_lexicon
from .mention import Mention
from .resolve import ActorResolver

__all__ = ["ActorRecognizer", "actor_at", "make_actor_recognizer", "name_key"]

# the kinds of the NER's labels (spaCy's and CoNLL's): a hint for the actor's kind
NER_KINDS = {
    "PER": "person", "PERSON": "person",
    "ORG": "organisation",
    "LOC": "place", "GPE": "place", "FAC": "place",
}


def actor_at(actors: list[Actor], start: int, end: int) -> Actor | None:
    """The actor with a mention overlapping the character span ``start:end`` (the closest fit wins)."""
    best, best_overlap = None, 0
    for actor in actors:
        for m_start, m_end in actor.mentions:
            overlap = min(end, m_end) - max(start, m_start)
            if overlap > best_overlap or overlap > 0 and overlap == best_overlap and best is not None \
                    and (m_end - m_start) < 0:
                best, best_overlap = actor, overlap
    return best


def _with_entities(doc: Doc, mentions: list[Mention], finder: CandidateFinder) -> list[Mention]:
    """Add the NER's entities: their label is a kind hint; MISC entities veto rule names they cover."""
    lex = finder.lex
    covered: dict[int, Mention] = {}
    for m in mentions:
        for t in range(m.start, m.end):
            covered[t] = m
    vetoed: set[int] = set()
    extra: list[Mention] = []
    for ent in doc.ents:
        kind = NER_KINDS.get(ent.label_)
        overlapping = {id(covered[t]): covered[t] for t in range(ent.start, ent.end) if t in covered}
        if kind is None:
            if ent.label_ in {"MISC", "NORP", "PRODUCT", "EVENT", "WORK_OF_ART", "LAW", "LANGUAGE"}:
                for m in overlapping.values():
                    if m.key is None and not m.role_mention and m.kind is None:
                        vetoed.add(id(m))
            continue
        if overlapping:
            for m in overlapping.values():
                m.ner_kind = kind
            continue
        text = ent.text
        if lex.lookup(text) is None and (text.lower() in lex.common_words or text in lex.nationality):
            continue
        m = Mention(ent.start, ent.end, ent.start_char, ent.end_char, text, ner_kind=kind)
        gaz = lex.lookup(text)
        if gaz:
            m.key, m.kind = gaz
        extra.append(m)
    kept = [m for m in mentions if id(m) not in vetoed] + extra
    kept.sort(key=lambda m: m.start_char)
    return kept


def _label_mentions(doc: Doc, mentions: list[Mention]) -> None:
    """Hybrid mode: ``Mention.ner_label``, the label of an entity on exactly the mention's tokens; the
    resolver decides what it may change."""
    ents = {(ent.start, ent.end): ent.label_ for ent in doc.ents}
    for m in mentions:
        if not m.role_mention:
            m.ner_label = ents.get((m.start, m.end))


class ActorRecognizer(LanguageFilesComponent):
    """spaCy component: fills ``doc._.actors``; its word lists are ``data/<lang>/actors/``."""

    def __init__(self, nlp: Language, name: str, use_entities: bool | str = True):
        super().__init__(nlp, name)
        self.use_entities = use_entities

    def data_files(self, folder):
        return ["actors"]

    def read(self, folder, lang: str) -> None:
        self.lexicon = read_lexicon(folder / "actors", lang)
        self.find_candidates = CandidateFinder(self.lexicon)
        self.resolve = ActorResolver(self.lexicon, hybrid=self.use_entities == "hybrid")

    def mentions(self, doc: Doc) -> tuple[list[Mention], bool]:
        """The mentions the resolver merges into actors, and whether it decides in hybrid mode. A very
        long article (:mod:`generator.extraction.long_articles`) collects them piece by piece and resolves once."""
        self.require_data()
        blocks = doc._.blocks if Doc.has_extension("blocks") else None
        mentions = self.find_candidates(doc, blocks)
        hybrid = self.use_entities == "hybrid" and doc.has_annotation("ENT_IOB")  # an NER has run
        if hybrid:
            _label_mentions(doc, mentions)
        elif self.use_entities and doc.ents:
            mentions = _with_entities(doc, mentions, self.find_candidates)
        return mentions, hybrid

    def actors(self, mentions: list[Mention], hybrid: bool, title: str | None) -> list[Actor]:
        """One actor per entity of ``mentions``, each with where ``title`` (the headline) names it."""
        return mark_headline(self.resolve(mentions, hybrid=hybrid), title)

    def __call__(self, doc: Doc) -> Doc:
        mentions, hybrid = self.mentions(doc)
        doc._.actors = self.actors(mentions, hybrid, doc._.title)
        return doc


@Language.factory("explainer_actors", assigns=["doc._.actors"], default_config={"use_entities": True})
def make_actor_recognizer(nlp: Language, name: str, use_entities: bool | str) -> ActorRecognizer:
    """``use_entities``: True lets ``doc.ents`` add candidates, veto MISC names and hint kinds; "hybrid"
    lets an entity decide only where the rules guess and their own evidence agrees (``ActorResolver``:
    a sentence's first word, a name without cue); False ignores ``doc.ents``."""
    return ActorRecognizer(nlp, name, use_entities)
