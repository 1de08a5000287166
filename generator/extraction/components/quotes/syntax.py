"""The speaker from the dependency parse, when the pipeline has a parser.

Used for a quote the rules of :mod:`.attribution` leave without a speaker: the subject of the
reporting verb, mapped to an actor through the mention that holds it (any word of "wethouder Karin
Vos" will do, the parse often cuts names) or, for a pronoun, through the rules' coreference. A parse
we cannot use gives None and the rules' answer stands.

Shapes (UD Dutch, as in van Atteveldt's rsyntax rules):

- ``nsubj`` of the cue verb: "Karin Vos zei: …", "…, zei Karin Vos."
- the agent of a passive: "Er werd door Karin Vos gezegd dat …" (``obl:agent``, or ``obl`` with "door")
- a conjoined verb inherits the subject: "Vos reageerde verbaasd en zei: …"
- with no cue from the rules: a say verb whose complement (``ccomp``, ``parataxis``, ``obj``) is in
  the quote, or that hangs off the quote as ``parataxis`` ("“…”, zegt Vos.")
"""
from __future__ import annotations

from spacy.tokens import Doc, Token

from .lexicon import Lexicon

_COMPLEMENTS = ("ccomp", "parataxis", "obj", "xcomp")


def has_parse(doc: Doc | None) -> bool:
    return doc is not None and len(doc) > 0 and doc.has_annotation("DEP")


def _agent(verb: Token, lex: Lexicon) -> Token | None:
    """The "door X" of a passive verb."""
    passive = any(c.dep_ == "aux:pass" for c in verb.children) or any(
        c.dep_ == "aux" and c.lower_ in lex.passive_auxiliaries for c in verb.children)
    for child in verb.children:
        if child.dep_ == "obl:agent":
            return child
        if passive and child.dep_ == "obl" and any(
                g.dep_ == "case" and g.lower_ == lex.passive_agent for g in child.children):
            return child
    return None


def subject_of(verb: Token, lex: Lexicon, depth: int = 0) -> Token | None:
    """The subject of a reporting verb: its nsubj, the agent of a passive, or the subject of the verb
    it is conjoined with."""
    for child in verb.children:
        if child.dep_ == "nsubj":
            return child
    agent = _agent(verb, lex)
    if agent is not None:
        return agent
    if verb.dep_ == "conj" and depth < 3 and verb.head is not verb:
        return subject_of(verb.head, lex, depth + 1)
    return None


def _tokens_at(doc: Doc, start: int, end: int) -> list[Token]:
    return [t for t in doc if t.idx < end and t.idx + len(t) > start]


def reporting_verb(doc: Doc, quote: tuple[int, int], cue: tuple[int, int] | None, lex: Lexicon) -> Token | None:
    """The verb that reports the quote: the cue verb the rules found, else a say verb the quote is a
    complement of (or that hangs off the quote as parataxis)."""
    if cue is not None:
        found = [t for t in _tokens_at(doc, *cue) if lex.is_cue_verb(t.lower_)]
        return found[0] if found else None
    start, end = quote
    inside = {t.i for t in _tokens_at(doc, start, end)}
    for i in sorted(inside):
        token = doc[i]
        head = token.head
        if head.i not in inside and token.dep_ in _COMPLEMENTS and lex.is_cue_verb(head.lower_):
            return head
        for child in token.children:
            if child.i not in inside and child.dep_ == "parataxis" and lex.is_cue_verb(child.lower_):
                return child
    return None


def speaker_token(doc: Doc, quote: tuple[int, int], cue: tuple[int, int] | None, lex: Lexicon) -> Token | None:
    """The head of the speaker phrase (a token outside the quote), or None."""
    verb = reporting_verb(doc, quote, cue, lex)
    if verb is None:
        return None
    subject = subject_of(verb, lex)
    if subject is None or quote[0] <= subject.idx < quote[1]:
        return None
    return subject


def speaker_of(subject: Token, resolver, lex: Lexicon) -> str | None:
    """The actor a subject token stands for: the actor whose mention holds it (the parse may pick any
    word of a name as the head), or for a personal pronoun the person it refers to (the coreference of
    :mod:`.attribution`). Role nouns and unnamed phrases stay with the rules: the parse cuts them too
    often to be read from here. Notes the evidence on the resolver."""
    index = resolver.index
    at = subject.idx
    named = [m for m in index.in_window(at, at + 1)] or [m for m in index.mentions if m[0] <= at < m[1]]
    if named:
        resolver._note("name", named[0][:2], named[0][2].id)
        return named[0][2].id
    if subject.lower_ in lex.person_pronouns:
        actor = resolver.pronoun(at)
        resolver._note("pronoun", (at, at + len(subject)), actor)
        return actor
    return None
