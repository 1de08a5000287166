"""From a run of name words to a mention: strip what precedes the name (a sentence's first word, a form
of address, a role, a nationality), refuse what is no name (an inhabitant noun, a compound noun, an
imperative), and note what the context says (roles, cues for a person, place or organisation)."""
from __future__ import annotations

import re

from spacy.tokens import Doc

from .lexicon import Lexicon
from .mention import Mention, make_mention
from .roles import apposition_after, portfolio_after_name, portfolio_end, role_before_portfolio, roles_before
from .runs import known_name
from .shapes import MODEL_NUMBER, adjective_like, ends_sentence, is_acronym, lower_tail_split

_DOTTED = re.compile(r"^(?:[A-Z]\.)+[A-Z]$")
_AGE = re.compile(r"^\d{1,3}\)$")
_NUMBER = re.compile(r"^\d{1,4}$")


def mention_from_run(lex: Lexicon, doc: Doc, i: int, end: int, mentions: list[Mention], initial: set[int],
                     lower_words: set[str], is_name: list[bool]) -> None:
    toks = doc.tokens
    if end - i > 1 and end < len(doc) and toks[end].text == ":" and toks[end - 1].text in lex.caption_words:
        end -= 1  # "Steve Jobs Credit: mylerdude"
    roles: list[str] = []
    person_cue = False
    honorific_start: int | None = None
    start = i
    role_at: tuple[int, str] | None = None
    if portfolio_after_name(lex, doc, i, end):
        return  # "minister Ilse Brinkhorst van Buitenlandse Zaken": the portfolio is part of her role
    r = role_before_portfolio(lex, doc, i)
    if r is not None:
        # "minister van Buitenlandse Zaken Sergei Lavrov": the portfolio belongs to the role
        for p in range(i + 1, end):
            if toks[p].text in lex.first_names:
                role_at = (r, doc[r:p].text)
                start = i = p
                break
        else:
            p = portfolio_end(lex, doc, i, end)
            if p is None and end - i >= 3 and toks[r].lower_ in lex.portfolio_roles \
                    and toks[i].lower_ in lex.common_words and toks[i].lower_ not in lex.stop_words \
                    and not any(toks[x].lower_ in lex.common_words for x in range(i + 1, end)):
                p = i + 1  # "minister van Werk Lander Callewaert": a one-word portfolio, then a name of no common words
            if p is not None:  # "minister van Financiën Andrés Fuentes": a name after a known portfolio
                role_at = (r, doc[r:p].text)
                start = i = p
        if role_at is None and toks[r].lower_ in lex.portfolio_roles and (
                lex.lookup(doc[i:end].text) is None or lex.is_portfolio(doc[i:end].text)):
            return  # "(de Amerikaanse minister van Buitenlandse Zaken)": the portfolio is part of the role
    # strip what precedes the name: sentence-initial words, forms of address, roles
    affiliation_before: str | None = None
    while start < end:
        tok = toks[start]
        low = tok.lower_
        if known_name(lex, doc, start, end, initial):
            break
        if end - start > 1 and low in lex.stop_words and start in initial and not tok.text.isupper() \
                and low != lex.of_word and low not in lex.definite_articles and toks[start + 1].text[:1].isupper() \
                and (lex.lookup(doc[start + 1:end].text) or doc[start + 1:end].text in lex.world_places):
            start += 1  # "In Ter Apel": a preposition opens the sentence before a place ("In" is also a particle)
            continue
        if end - start > 1 and start in initial and tok.text[1:].islower() and tok.text not in lex.first_names \
                and any(low.endswith(tail) and len(low) > len(tail) + 2 for tail in lex.descriptor_tails):
            start += 1  # "Chipmaker ASML", "Scheepsbouwer Damen": a noun opening the sentence says what it is
            continue
        if end - start > 1 and low in lex.stop_words and low not in lex.particles \
                and low not in lex.connectors and tok.text not in lex.first_names and not tok.text.isupper():
            start += 1  # "Terwijl Van Houten": a function word opens a sentence after a run-in intertitle
            continue
        if end - start > 1 and tok.text not in lex.first_names and toks[start + 1].text in lex.first_names \
                and not lex.is_place_name(tok.text) and tok.text not in lex.org_prefixes and (
                low in lex.common_words or lex.is_inhabitant(tok.text) or tok.text in lex.nationality
                or lex.is_role(low) or lex.has_inhabitant_ending(tok.text)):
            # "PSV'er Luis Moreno", "Fransman Luc Bernard", "Gouwenaar Joost Verkerk", "Dj Jan
            # Smit", "Reportage Eva ...": a descriptor or a rubric before a given name
            affiliation_before = lex.member_of(tok.text)
            if low in lex.stop_words:
                pass  # "De Roos", "In Le Grand Café": an article or preposition says nothing
            elif lex.is_role(low) or low in lex.common_words and not affiliation_before:
                roles.append(tok.text)
                person_cue = True
            if tok.text in lex.nationality:
                affiliation_before = lex.nationality[tok.text]
            start += 1
            continue
        if start == i and start in initial and tok.is_alpha and tok.like_num and end - start > 1:
            return  # "Tachtig Kamerleden stemden voor": a count opens the sentence, no name follows
        if low in lex.honorifics:
            person_cue = True
            honorific_start = toks[i].idx if honorific_start is None else honorific_start
            start += 1
        elif lex.is_role(low) and end - start > 1 and not (
                tok.text[:1].isupper() and toks[end - 1].text in lex.org_suffixes and start == i
                and toks[start + 1].text[:1].isupper()):  # ("Secretary of Defense" is a role)
            # not "Admiraal De Ruyter Ziekenhuis": a title that opens an institution's name is part of it
            roles.append(tok.text)
            person_cue = True
            start += 1
        elif start in initial and not (tok.text in lex.first_names and end - start > 1) \
                and not (low in lex.particles and end - start > 2 and toks[start + 1].lower_ in lex.particles) \
                and not (low in lex.particles and low not in lex.articles and end - start > 1
                         and capital_particle_inside(doc, start)) and (
                low in lower_words or low in lex.common_words and (
                end - start == 1 or low in lex.stop_words
                or tok.text in lex.nationality or lex.is_role(low))
                or lex.is_common_compound(low) and not affiliation_in_brackets(doc, start, end)) \
                and tok.text not in lex.org_prefixes and tok.text not in lex.place_prefixes:
            start += 1
            if start < end and (toks[start].text in lex.connectors or toks[start].text in lex.articles):
                start += 1  # "In het Anderlechtse ..."
        elif start in initial and low in lex.stop_words and start + 2 < end \
                and toks[start + 1].text in lex.articles:
            start += 2  # "In het Anderlechtse stadhuis": a preposition and an article
        elif low in lex.articles and start + 1 < end and (
                toks[start + 1].text in lex.nationality or lex.is_role(toks[start + 1].text)
                or adjective_like(lex, toks[start + 1].text)):
            start += 1  # "(1) De Amerikaanse en Chinese beurzen"
        elif start in initial and tok.is_verb and tok.text[1:].islower() and tok.text not in lex.first_names \
                and not lex.is_place_name(tok.text) and end - start > 1:
            start += 1  # "Bel Zuiderlicht Energie eens": an imperative opens the sentence
        elif roles and tok.text in lex.connectors:
            return  # "Chief of Staff", "Secretary of Defense": a role, not a name
        elif tok.text in lex.connectors or tok.text in lex.particles and start + 1 < end and start == i:
            start += 1
        else:
            break
    if start >= end:
        return
    # honorific right before the run ("meneer Antonov", lowercase so not in the run)
    prev = toks[start - 1] if start > 0 else None
    if prev is not None and prev.lower_ in lex.honorifics and start == i:
        person_cue = True
        honorific_start = prev.idx
    if lex.is_role(toks[end - 1].text) and not surname_like_role(lex, doc, start, end) \
            or roles and start < end and toks[start].lower_ in lex.connectors:
        return  # "Chief Financial Officer", "Vice President", "Secretary of Defense"
    adjective_country = None
    if end - start > 1 and toks[start].text not in lex.nationality and lex.lookup(doc[start:end].text) is None \
            and toks[start].text not in lex.first_names \
            and adjective_like(lex, toks[start].text, attributive=start > 0 and toks[start - 1].lower_ in lex.definite_articles) \
            and toks[start + 1].lower_ not in lex.common_words and not lex.is_common_compound(toks[start + 1].text):
        start += 1  # "het Oost-Duitse Eisenach", "het Vlaams-Brabantse Geetbets"
    if end - start > 1 and toks[start].text in lex.nationality and lex.lookup(doc[start:end].text) is None \
            and not (toks[start].text in lex.first_names and end - start == 2 and lex.lookup(toks[end - 1].text) is None
                     and toks[end - 1].lower_ not in lex.common_words):  # "Frans Timmermans", not "Frans Guyana"
        rest = doc[start + 1:end]
        keeps = lex.lookup(rest.text) is None and (
            len(rest) > 1 and rest[0].lower_.endswith("e") and rest[0].lower_ in lex.common_words or any(
            w.text in lex.org_suffixes or any(w.lower_.endswith(suf.lower()) and len(suf) >= 5
                                              for suf in lex.org_endings)
            for w in rest))
        if keeps and start > 0 and toks[start - 1].lower_ in lex.definite_articles \
                and toks[end - 1].text in lex.legal_forms:
            keeps = False  # "het Amerikaanse Veltrona Inc.": a legal name does not start with an inflected adjective
        if not keeps:
            adjective_country = lex.nationality[toks[start].text]
            start += 1  # "de Italiaanse Fiat" → Fiat
    text = doc[start:end].text
    gaz = known_name(lex, doc, start, end, initial)
    if ends_sentence(toks[end - 1].text):
        text = text[:-1]
        gaz = lex.lookup(text)
    if text.lower() in lex.non_actors or end - start > 1 and (
            toks[end - 1].text in lex.non_actor_tails or toks[start].text in lex.non_actor_heads):
        return
    if gaz is None:
        words = text.split()
        if lex.is_inhabitant(words[-1]) and words[-1] not in lex.first_names \
                and not surname_position(lex, words) and not (len(words) > 1 and lex.lookup(words[-1])):
            # "Vele Rotterdammers", "Nieuw-Zeelanders"; but "Gijs Bremer" is a surname, and "Euronext
            # Brussels" ends in a place's name in another language, not an inhabitant noun
            return
        if name_with_common_tail(lex, words[-1]) and words[0] not in lex.org_prefixes \
                and not surname_position(lex, words) \
                and not any(w in lex.org_suffixes for w in words[:-1]) \
                and all(w[:1].isupper() for w in words) and not affiliation_in_brackets(doc, start, end):
            # ("Jongeren Organisatie Beroepsonderwijs": an organisation's word inside makes it a name;
            # after a given name it is a surname: "Peter Westenbroek" is no "Westen" + "broek")
            return  # "Chinadeal", "Facebookberichten", "Europa Leaguefinale": a compound noun
        if len(words) == 1 and (text.lower() in lex.non_actors or lex.is_inhabitant(text)
                                or text in lex.nationality or lex.is_role(text)):
            return  # "Rotterdammers", "VVD'ers", "Edammer"
        if all(w.lower().strip(".") in lex.non_actors for w in words):
            return
        if len(words) == 1 and text.lower() in lex.stop_words and not (text.isupper() and len(text) > 1):
            return  # "Zowel", but "ERG" (an acronym)
        if end - start == 1 and start in initial and (text.lower() in lex.common_words
                                                      or text.lower() in lower_words):
            return
        if lex.is_role(toks[end - 1].text) and end - start == 1:
            return
        if end - start == 1 and toks[start].is_verb and text[1:].islower() and text not in lex.first_names \
                and not lex.is_place_name(text) and not roles and not person_cue:
            return  # "Loop naar huis", "Neem me mee": the tagger reads a verb (an imperative in a quote)
        if text in lex.nationality and end - start == 1:
            return
        if end - start == 1 and text not in lex.first_names and not is_acronym(text) and adjective_like(lex, 
                text, toks[end].text if end < len(doc) else ""):
            return  # "de Brusselse regering", "de Palestijnen"
        if end - start == 1 and end < len(doc) and toks[end].text[:1].islower() \
                and toks[end].lower_ not in lex.stop_words and lex.is_inhabitant(text, hints=True):
            return  # "Volendammer vis", "Zaandammer koek": an adjective made from a place name
    mention = make_mention(doc, start, end)
    if mention.text != text:  # "VS." → "VS"
        mention.text = text
        mention.end_char -= 1
    particle_start = glued_particle(lex, doc, start)
    if particle_start is not None:  # "het kabinet-Van Dalen": the particle is part of the surname
        mention.start_char = particle_start
        mention.text = doc.text[particle_start:mention.end_char]
    if affiliation_before:
        mention.affiliations.append(affiliation_before)
        mention.person_cue = True
    if _DOTTED.match(toks[end - 1].text) and doc.text[mention.end_char:mention.end_char + 1] == ".":
        # "in de V.S.." — the tokenizer took the abbreviation's dot for a full stop
        mention.end_char += 1
        mention.text += "."
        gaz = lex.lookup(mention.text) or gaz
    if gaz is not None:
        mention.key, mention.kind = gaz
    mention.roles = roles
    mention.person_cue = person_cue
    if adjective_country:
        mention.affiliations.append(adjective_country)
    if honorific_start is not None:
        mention.span = (honorific_start, mention.end_char)
    # role or nationality just before the name: "de Russische minister van Buitenlandse Zaken Sergei Lavrov"
    roles_before(lex, doc, start, mention, role_at)
    # products: "Boeing 737", "Airbus A330 MRTT" — the maker is an actor only if named on its own
    if end < len(doc) and MODEL_NUMBER.search(toks[end].text) and any(c.isalpha() for c in toks[end].text) \
            or end < len(doc) and re.fullmatch(r"\d{3}\w*", toks[end].text):
        mention.weak = True
    if end - start == 1 and gaz is None and end < len(doc) and _NUMBER.match(toks[end].text) \
            and toks[end - 1].whitespace_ and text not in lex.first_names and not is_acronym(text) \
            and not lex.is_place_tail(text) and not lex.is_place_name(text):
        mention.weak = True  # "Chapter 11", "Fase 2", not "Kerkstraat 14": a word and its number name a thing
    if start > 0 and model_before(lex, toks[start - 1].text):
        return
    if end < len(doc) and lower_tail_split(toks[end].text) is not None and toks[end].whitespace_ is not None \
            and toks[end - 1].whitespace_:
        pass
    if end < len(doc) and not toks[end - 1].whitespace_ and toks[end].text[:1] == "-":
        mention.weak = True
    if end < len(doc) and toks[end].text[:1].isupper() and lower_tail_split(toks[end].text) is not None:
        # "Joint Strike Fighter-programma": the run modifies a compound noun
        mention.weak = True
    if end < len(doc) and toks[end].lower_ in lex.place_words_after:
        mention.place_cue = True
    if start > 0 and toks[start - 1].lower_ in lex.place_words_before and not toks[start - 1].is_sent_start:
        mention.place_cue = True
    if start > 2 and toks[start - 1].text in lex.nationality and toks[start - 2].lower_ in lex.definite_articles \
            and toks[start - 3].lower_ in lex.place_words_before:
        mention.place_cue = True  # "fabrieken in het Maleisische Penang"
    if start > 0 and toks[start - 1].text in lex.place_nouns:
        mention.place_cue = True  # "het dorp Ubbergen", "de Tsjechische stad Brno"
    if end + 2 < len(doc) and toks[end].text == "," and toks[end + 1].lower_ in lex.apposition_articles \
            and toks[end + 2].lower_ in lex.place_nouns:
        mention.place_cue = True  # "Runkst, een wijk van Hasselt": an apposition says what the name is
    if start > 1 and toks[start - 1].lower_ == lex.of_word and toks[start - 2].lower_ in lex.place_owner_nouns:
        mention.place_cue = True  # "de burgemeester van Zele", "de rand van Chalkida"
    if start > 0 and lex.age_pattern is not None and lex.age_pattern.match(toks[start - 1].text):
        mention.person_cue = True  # "de 78-jarige Gré Visser": only a person has an age before the name
    if end + 1 < len(doc) and toks[end].text == "(" and (
            _AGE.match(toks[end + 1].text) or end + 2 < len(doc) and toks[end + 2].text == ")"
            and toks[end + 1].text.isdigit() and len(toks[end + 1].text) <= 3):
        mention.person_cue = True  # "Sanne (11)", "Piet Jansen (54)": a person's age ("8)" is one token)
    if start > 0:
        prev_low = toks[start - 1].lower_
        if prev_low in lex.org_noun_set or prev_low.islower() and prev_low.endswith(lex.org_noun_tails) \
                and not lex.is_role(prev_low) or start > 1 and prev_low in lex.employer_links \
                and toks[start - 2].lower_ in lex.employer_roles:
            mention.org_cue = True
        if gaz is None and end - start > 1 and start > 1 and toks[start - 2].lower_ in lex.neuter_articles \
                and (toks[start - 1].text in lex.nationality or adjective_like(lex, toks[start - 1].text)):
            mention.org_cue = True  # "het Britse British Midland": a person would take "de"
        if gaz is None and employer_of_previous(lex, toks, start, mentions):
            mention.kind = "organisation"  # a person's employer, even when it reads like a name ("Morgan Stanley")
    if end + 1 < len(doc) and toks[end].text == "," and (lex.lookup(toks[end + 1].text) or ("",))[-1] == "place":
        mention.place_cue = True  # "Mobile, Alabama"
    apposition_after(lex, doc, end, mention)
    described = end + 1 < len(doc) and toks[end].text == "," and toks[end + 1].lower_ in lex.apposition_articles
    if end - start == 1 and gaz is None and not is_acronym(text) and not mention.person_cue and not described \
            and (start in initial or text.lower() in lower_words and text.lower() in lex.common_words
                 and text not in lex.first_names and not mention.org_cue):
        # a sentence's first word, or a word the article also writes in lowercase ("Lekker met de meiden")
        mention.weak = True  # "Fabrieken ..." — a name only if the text names it elsewhere too
        # the NER may vouch for it (hybrid mode), unless a function word follows ("Voorafgaand aan")
        mention.initial = end >= len(doc) or toks[end].lower_ not in lex.stop_words
    mentions.append(mention)


def employer_of_previous(lex: Lexicon, toks, start: int, mentions: list[Mention]) -> bool:
    """"analist Sanne Visser van Goldman Sachs": a name after a person introduced by an employer role and
    "van"/"bij" is that person's employer, as in "woordvoerder van X" with the person's name in between."""
    if start < 2 or toks[start - 1].lower_ not in lex.employer_links or not mentions:
        return False
    previous = mentions[-1]
    return previous.end == start - 1 and any(r.lower() in lex.employer_roles for r in previous.roles)


def model_before(lex: Lexicon, word: str) -> bool:
    """A model number before a name ("A330 MRTT", "F-35 Lightning"): the name is a product's. Not an age
    ("de 81-jarige Truus Boomsma") or a party member's role ("D66-Kamerlid Sophie Smit"): a compound that
    turns lowercase, or ends in a role, describes the person it stands before."""
    if not (MODEL_NUMBER.search(word) and any(c.isalpha() for c in word)):
        return False
    return lower_tail_split(word) is None and not ("-" in word and lex.is_role(word.rpartition("-")[2]))


def surname_like_role(lex: Lexicon, doc: Doc, start: int, end: int) -> bool:
    """"Annelies Prins", "Bas de Koning", "De Koning": a capitalised role word after a given name or a
    surname's particle is a surname, not a title ("Chief Financial Officer" has neither before its role)."""
    last = doc.tokens[end - 1].text
    return last[:1].isupper() and last[1:].islower() and last.lower() in lex.roles \
        and surname_position(lex, doc[start:end].text.split())


def surname_position(lex: Lexicon, words: list[str]) -> bool:
    """Whether the last of ``words`` stands where a surname stands: after given names and particles
    ("Gijs Bremer", "Kees de Hollander", "De Koning"), whatever else the word could be."""
    before = words[:-1]
    if not before:
        return False
    particles = [w for w in before if w.lower() in lex.particles]
    given = [w for w in before if w in lex.first_names]
    return len(particles) + len(given) == len(before) and bool(given or before[-1].lower() in lex.particles)


def affiliation_in_brackets(doc: Doc, start: int, end: int) -> bool:
    """"Arend Bijvank (Gemeentebelangen)": a capitalised word alone in brackets right after a name is the
    person's party or employer, even when it reads as a compound of ordinary words."""
    toks = doc.tokens
    return start >= 2 and end < len(doc) and toks[start - 1].text == "(" and toks[end].text == ")" \
        and toks[start - 2].text[:1].isupper()


def capital_particle_inside(doc: Doc, start: int) -> bool:
    """Whether the article also writes the particle at ``start`` and the word after it capitalised inside a
    sentence ("het bedrijf Van Dongen", "de winkels van Van Dongen"): then "Van Dongen" opening a sentence
    is that name, not the preposition "Van" before a name."""
    toks = doc.tokens
    if f"{toks[start].text} {toks[start + 1].text}" not in doc.text:
        return False
    return any(i > 0 and toks[i - 1].text.islower() and tok.text == toks[start].text and i + 1 < len(doc)
               and toks[i + 1].text == toks[start + 1].text for i, tok in enumerate(toks))


def name_with_common_tail(lex: Lexicon, word: str) -> bool:
    """A name glued to a long common noun ("Oranjefeest", "Instagrampagina"): no actor."""
    low = word.lower()
    if not low.isalpha() or word in lex.first_names or lex.lookup(word) or lex.is_place_tail(word) \
            or word in lex.world_places or word in lex.org_suffixes:
        return False  # "Van Dongen Supermarkten": a firm's closing word, not "Super" + "markten"
    return any(low[cut:] in lex.common_words for cut in range(3, len(low) - 6)) or any(
        low[cut:] in lex.common_words and lex.lookup(word[:cut]) is not None for cut in range(3, len(low) - 3))


def glued_particle(lex: Lexicon, doc: Doc, start: int) -> int | None:
    """Where a surname begins whose capitalised particle is glued to the noun before it ("het
    kabinet-Van Dalen", "het tijdperk-De Wit"): the particle's character offset, else None."""
    if start == 0:
        return None
    prev = doc.tokens[start - 1]
    head, dash, particle = prev.text.rpartition("-")
    if dash and prev.whitespace_ and head[:1].islower() and particle[:1].isupper() \
            and particle.lower() in lex.particles:
        return prev.idx + len(head) + 1
    return None
