"""What the mentions of one text say about each other: a short form in parentheses and its long form
("European Aeronautic Defence and Space Company (EADS)"), a person's party in parentheses, a surname's
particles given back ("Van Oss" after "Bas van Oss"), the members of an enumeration of places, a club named
by its town ("Heerenveen" after "SC Heerenveen")."""
from __future__ import annotations

from spacy.tokens import Doc

from .lexicon import Lexicon
from .mention import Mention
from .shapes import is_acronym


def link_parentheses(lex: Lexicon, doc: Doc, mentions: list[Mention]) -> None:
    toks = doc.tokens
    by_start = {m.start: idx for idx, m in enumerate(mentions)}
    for idx, m in enumerate(mentions):
        if m.end + 2 < len(doc) + 1 and m.end < len(doc) and toks[m.end].text == "(":
            other = by_start.get(m.end + 1)
            if other is None:
                continue
            o = mentions[other]
            if o.end < len(doc) and toks[o.end].text == ")":
                if person_like(lex, m) and not o.roles and not person_like(lex, o) \
                        and not abbreviates(o.text, m.text):
                    # "Jan Jambon (N-VA)", "Ann Vanheste (sp.a)": the party or employer of a person
                    m.affiliations.insert(0, o.text)
                    m.person_cue = True
                    o.weak = False  # the capital after "(" says nothing, the apposition does
                    if o.key is None:
                        o.org_cue = True
                    continue
                if o.kind in {"country", "place"} and o.key != m.key:
                    continue  # "Bismarck (VS)": the country of a place, no short form
                if not is_acronym(m.text) and (is_acronym(o.text) or short_form(o.text, m.text)):
                    o.acronym_of = m
                    o.weak = False  # the capital after "(" says nothing, the long form does
                elif is_acronym(m.text) and not is_acronym(o.text):
                    m.acronym_of = o


def person_like(lex: Lexicon, m: Mention) -> bool:
    """A name the rules take for a person's: a role or form of address, or a given name and a surname."""
    words = m.text.split()
    return m.person_cue or bool(m.roles) or (
        len(words) >= 2 and words[0] in lex.first_names and m.key is None and not is_acronym(words[0]))


def short_form(short: str, long: str) -> bool:
    """"(Sobe)" after "Stichting Open Beveiliging Europa", "(Marino)" after "Marinovia Scheepsbouw":
    a one-word short form in parentheses spelling the initials or clipping the first word."""
    words = long.split()
    return " " not in short and len(words) > 1 and (
        abbreviates(short, long) or len(short) >= 3 and words[0].lower().startswith(short.lower()))


def abbreviates(short: str, long: str) -> bool:
    """"EADS" for "European Aeronautic Defence and Space Company": the short form spells initials."""
    letters = "".join(c for c in short if c.isalpha()).lower()
    words = [p for w in long.split() for p in w.split("-") if p]
    return letters in {"".join(w[0] for w in words).lower(),
                       "".join(w[0] for w in words if w[:1].isupper()).lower()}


def surname_particles(lex: Lexicon, doc: Doc, mentions: list[Mention]) -> None:
    """"Van Oss zwijgt" after "Bas van Oss": a sentence that opens with the capitalised particles of
    a surname the article wrote in full loses them to the sentence-start rule; give them back (and drop
    the gazetteer's reading of "Oss" as a town), so the surname merges with the full name."""
    toks = doc.tokens
    particles = lex.particles
    tails: set[str] = set()
    for m in mentions:
        words = m.text.split()
        for k in range(1, len(words) - 1):
            if words[k] in particles and words[k - 1] not in particles and words[k - 1][:1].isupper():
                tails.add(" ".join(words[k:]).lower())
    if not tails:
        return
    for m in mentions:
        k = m.start
        while k > 0 and toks[k - 1].lower_ in particles and m.start - k < 3 and toks[k - 1].whitespace_:
            k -= 1
        if k == m.start or not toks[k].text[:1].isupper() or m.span is not None:
            continue
        text = doc.text[toks[k].idx:m.end_char]
        if text.lower() in tails:
            m.start, m.start_char, m.text = k, toks[k].idx, text
            m.key = m.kind = None
            m.weak = m.initial = False


def enumerated_places(lex: Lexicon, doc: Doc, mentions: list[Mention]) -> None:
    """"in Brno, Ostrava en Olomouc": the members of an enumeration one of which the context or a
    gazetteer makes a place are places too, unless their own context says otherwise."""
    toks = doc.tokens
    joiners = lex.enumeration_joiners
    group: list[Mention] = []
    joined = [False]  # an "en"/"of" joins two members: an enumeration, not an apposition

    def close() -> None:
        if len(group) > 1 and joined[0] and any(m.place_cue or m.kind == "place" for m in group):
            for m in group:
                if not (m.key or m.person_cue or m.org_cue or m.roles or m.product):
                    m.place_cue = True

    for m in mentions:
        if m.role_mention:
            continue
        if group:
            last = group[-1]
            between = toks[last.end:m.start] if m.start > last.end else []
            if between and len(between) <= 2 and all(t.text == "," or t.text in joiners for t in between) \
                    and not any(t.is_sent_start for t in toks[last.end:m.start + 1]):
                group.append(m)
                joined[0] = joined[0] or any(t.text != "," for t in between)
                continue
            close()
        group = [m]
        joined[0] = False
    close()


def club_towns(lex: Lexicon, doc: Doc, mentions: list[Mention]) -> None:
    """"SC Heerenveen won ... Heerenveen klimt naar de zesde plaats": sports copy names a listed club of an
    acronym and a town ("SC Heerenveen", "PEC Zwolle") by the town alone. Where the article names such a club,
    the bare town is the club unless a preposition or a place word stands before it ("in Heerenveen",
    "tegen Heerenveen", "de gemeente Heerenveen" keep the town)."""
    toks = doc.tokens
    clubs: dict[str, str] = {}
    for m in mentions:
        words = m.text.split()
        if m.key and m.kind == "organisation" and len(words) == 2 and is_acronym(words[0]) \
                and (lex.lookup(words[1]) or ("", ""))[1] == "place":
            clubs.setdefault(words[1], m.key)
    for m in mentions:
        key = clubs.get(m.text)
        if key is None or m.place_cue or m.role_mention:
            continue
        if m.start > 0 and (toks[m.start - 1].lower_ in lex.stop_words or not toks[m.start - 1].text[:1].isalnum()
                            and toks[m.start - 1].text not in {".", "!", "?"}):
            continue
        m.key, m.kind = key, "organisation"
