"""Runs of name words: where a run of capitalised words (with particles, connectors, a nickname) ends,
where a run holds two names ("Apple CEO Steve Jobs"), and which runs the gazetteers know."""
from __future__ import annotations

from spacy.tokens import Doc

from .lexicon import Lexicon, normalise
from .roles import portfolio_end
from .shapes import CLUB_YEAR, MODEL_NUMBER, adjective_like, ends_sentence, is_acronym, lower_tail_split

# a nickname between given name and surname: "Roberto 'Bobby' Santini" (opening mark → closing mark)
_NICKNAME_MARKS = {"'": "'", '"': '"', "‘": "’", "“": "”"}
_APOSTROPHES = frozenset("'’")


def digit_name(lex: Lexicon, text: str) -> bool:
    """A name with digits or an ampersand the gazetteers know ("D66", "50PLUS", "cd&v": parties write
    themselves so) or a numbered road ("A12")."""
    return bool(MODEL_NUMBER.search(text) or "&" in text) and text[:1].isalnum() and (
        lex.lookup(text) is not None or lex.is_road(text))


def known_name(lex: Lexicon, doc, start: int, end: int, initial: set[int]) -> tuple[str, str] | None:
    """The gazetteer entry of ``doc[start:end]``, unless it is one word that is also a common word
    ("Om" for the OM, "Denk" for DENK, "Leiden") where its capital says nothing. Alone in parentheses
    the capital does say something: "Els Peeters (Groen)", "(Vooruit)" name a party."""
    text = doc[start:end].text
    gaz = lex.lookup(text)
    if gaz is not None and end - start == 1 and start in initial and not text.isupper() \
            and text.lower() in lex.common_words and not parenthesised(doc, start, end):
        return None
    return gaz


def parenthesised(doc, start: int, end: int) -> bool:
    """``doc[start:end]`` is all that stands between a pair of parentheses."""
    toks = doc.tokens
    return start > 0 and end < len(doc) and toks[start - 1].text == "(" and toks[end].text == ")"


def gazetteer_at(lex: Lexicon, doc: Doc, i: int) -> int | None:
    """End of the longest multi-word gazetteer name starting at token i ("Huis van Afgevaardigden")."""
    toks = doc.tokens
    forms = lex.multiword.get(toks[i].lower_)
    if not forms or not toks[i].text[:1].isupper():
        return None
    for form in forms:
        end = i + len(form)
        if end <= len(doc) and all(normalise(toks[i + k].text) == form[k] for k in range(len(form))) \
                and (toks[end - 1].text[:1].isupper() or toks[end - 1].text[:1].isdigit()
                     or toks[end - 1].text in lex.lowercase_name_tails):
            return end  # "De Morgen" is a paper, "De morgen ..." is not; "de Vlaamse regering" is
    return None


def _capitalised_particle(lex: Lexicon, doc: Doc, i: int, j: int) -> bool:
    """Token j, inside the run started at i, is a particle spelled with a capital ("De", "Van"): the
    Flemish spelling of a surname's particle, which the two rules below read differently."""
    return j > i and doc.tokens[j].lower_ in lex.particles and doc.tokens[j].text[:1].isupper()


def capital_particle_surname(lex: Lexicon, doc: Doc, i: int, j: int) -> bool:
    """"Tine De Wilde": after a given name, a capitalised particle (the Flemish spelling) goes on into the
    surname, even when the surname is also a function word ("wilde")."""
    toks = doc.tokens
    return _capitalised_particle(lex, doc, i, j) and toks[j].whitespace_ != "" and toks[j - 1].text in lex.first_names


def flemish_particles(lex: Lexicon, doc: Doc, i: int, j: int) -> bool:
    """"Tinne Van der Straeten", "Jan Van den Broeck": a capitalised particle right after a name word (the
    Flemish spelling) opens a surname whose further particles stand lowercase, also when no list knows the
    given name; not after a role, a function word or a name the gazetteers know ("Brussel Van ...")."""
    if not _capitalised_particle(lex, doc, i, j):
        return False
    before = doc.tokens[j - 1]
    return before.text[:1].isupper() and before.lower_ not in lex.particles \
        and before.lower_ not in lex.stop_words and not lex.is_role(before.text) and lex.lookup(before.text) is None


def known_organisation(lex: Lexicon, doc: Doc, i: int) -> bool:
    """A known organisation's name starts at token i: "Bart Claes van Vlaams Belang" is a person of a
    party, not a surname "van Vlaams Belang"."""
    end = gazetteer_at(lex, doc, i) or i + 1
    return (lex.lookup(doc[i:end].text) or ("", ""))[1] == "organisation"


def split_run(lex: Lexicon, doc: Doc, i: int, end: int) -> list[tuple[int, int]]:
    """"Apple CEO Steve Jobs" → "Apple" | "CEO Steve Jobs"; "UAW Ron Gettelfinger" → "UAW" | "Ron Gettelfinger"."""
    toks = doc.tokens
    if lex.lookup(doc[i:end].text):
        return [(i, end)]
    for k in range(i + 2, end):
        # "Martin Verhoek Ajax": a person's name runs into a known name
        if toks[i].text in lex.first_names and lex.lookup(toks[k].text) is not None \
                and toks[k - 1].lower_ not in lex.connectors and toks[k - 1].lower_ not in lex.particles \
                and lex.lookup(doc[i:k + 1].text) is None:
            return [(i, k)] + split_run(lex, doc, k, end)
    for k in range(i + 1, end - 1):
        word = toks[k].text
        if lex.is_role(word) and not lex.is_role(toks[k - 1].text) and toks[k - 1].lower_ not in lex.connectors:
            return [(i, k)] + split_run(lex, doc, k, end)
        if word in lex.first_names and is_acronym(toks[k - 1].text) and k - 1 > i - 1 \
                and toks[k + 1].text[:1].isupper():
            return [(i, k)] + split_run(lex, doc, k, end)
    return [(i, end)]


def run_end(lex: Lexicon, doc: Doc, i: int, is_name: list[bool]) -> int:
    toks = doc.tokens
    n = len(doc)
    j = i  # last token in the run
    while True:
        k = j + 1
        if k >= n or toks[j].whitespace_.count("\n"):
            break
        nxt = toks[k]
        if ends_sentence(toks[j].text):
            break  # "in de VS. Aandelen stegen": the tokenizer kept the full stop on the acronym
        low = nxt.lower_
        if low in lex.multiword and toks[j].lower_ in lex.common_words and toks[j].lower_ not in lex.connectors \
                and gazetteer_at(lex, doc, k) is not None:
            break  # "Geef Forum voor Democratie ...": a known name starts here
        if is_name[k] and not toks[k].is_sent_start and low in lex.stop_words and low not in lex.particles \
                and low not in lex.connectors and nxt.text not in lex.first_names and not nxt.text.isupper() \
                and not capital_particle_surname(lex, doc, i, j):
            break  # "Peter K. Die ...", "Muizen Terwijl ...": a capitalised function word starts a sentence
        if is_name[k] and not toks[k].is_sent_start and low in lex.particles and k + 1 < n \
                and (toks[k + 1].text in lex.nationality or adjective_like(lex, toks[k + 1].text)):
            break  # "Fel De Nederlandse ...": an intertitle run into the sentence it heads
        if is_name[k] and not toks[k].is_sent_start:
            j = k
            continue
        particle, dash, surname = nxt.text.partition("-")
        if dash and particle in lex.particles and surname[:1].isupper() and toks[j].whitespace_:
            j = k  # "Salim al-Harthy", "Ahmed el-Sayed": a particle glued to the surname by a hyphen
            continue
        if nxt.text in _NICKNAME_MARKS and k + 3 < n and (toks[j].text in lex.first_names or j == i) \
                and toks[k + 2].text == _NICKNAME_MARKS[nxt.text] and toks[k + 1].text[:1].isupper() \
                and toks[k + 1].is_alpha and is_name[k + 3] and not nxt.whitespace_ \
                and not toks[k + 1].whitespace_ and toks[k + 2].whitespace_:
            j = k + 3  # "Roberto 'Bobby' Santini": a nickname in quote marks between given name and surname
            continue
        if low in lex.connectors and k + 1 < n and is_name[k + 1] and not toks[j].whitespace_ == "" \
                and not (j == i and toks[j].lower_ in lex.stop_words):  # "De en ...": no name
            j = k + 1
            continue
        if low in lex.particles or low == lex.of_word or low == lex.for_word and toks[j].text in lex.org_prefixes:
            m = k + 1 if low == lex.for_word else k
            while m < n and toks[m].lower_ in lex.particles and m - k < 3:
                m += 1
            if m < n and is_name[m] and not is_acronym(toks[m].text) and m > k:
                run = doc[i:j + 1]
                # "Sander van Wijchen", "Jan Willem van Dalfsen", "Kamerlid Bas van Oss": given names
                # (after a role or a function word) before "van"; not "Poetin van Rusland"
                # "Bas van Oss", "Franciscus van Assisi": Dutch surnames are often place names, but not
                # a country's ("Willem van Oranje" yes, "koning Filip van België" no)
                after_van = (lex.lookup(toks[m].text) or ("", ""))[1]
                descriptor = lambda x: (toks[x].text in lex.first_names or toks[x].lower_ in lex.stop_words
                                        or lex.is_role(toks[x].text) or toks[x].lower_ in lex.honorifics
                                        or lex.is_inhabitant(toks[x].text))
                # "minister van Justitie Piet de Wit": the portfolio before the given name is the role's
                lead = portfolio_end(lex, doc, i, j + 1) or i
                single_given = (toks[j].text in lex.first_names
                                and all(descriptor(x) for x in range(lead, j))
                                # "Wilma ter Horst van het ...": after a particle comes a surname ("Horst")
                                and not any(toks[x].lower_ in lex.particles for x in range(lead, j))
                                and after_van != "country" and not known_organisation(lex, doc, m)) \
                    or len(run) == 1 and run[0].lower_ in lex.particles \
                    and not (run[0].lower_ in lex.definite_articles and low in lex.stop_words)  # "De in Madrid ..."
                org_head = toks[j].text in lex.org_prefixes and low in lex.portfolio_links
                # "Hof ter Schelde", "Huis ten Bosch": a particle that joins one name, not a surname's start
                inner = low in lex.name_inner_particles and m == k + 1 and nxt.text == low \
                    and toks[j].lower_ not in lex.stop_words
                if single_given or org_head or inner or flemish_particles(lex, doc, i, j):
                    j = m
                    continue
            if m < n - 1 and m > k and (toks[j].text in lex.org_prefixes or toks[j].text in lex.org_suffixes) \
                    and low in lex.portfolio_links \
                    and lower_tail_split(toks[m].text) is not None and is_name[m + 1]:
                j = m + 1  # "Organisatie van Olie-exporterende Landen": a capitalised compound adjective inside
                continue
            break
        if nxt.text in {"-", "–"} and j == i and k + 1 < n and is_name[k + 1] and toks[j].whitespace_ \
                and nxt.whitespace_ and (k + 2 >= n or not is_name[k + 2]) \
                and not lex.lookup(toks[j].text) and not lex.lookup(toks[k + 1].text) \
                and toks[k + 1].lower_ not in lex.common_words:
            j = k + 1  # "Wal - Mart", not a rubric before its headline ("Sport - Zege ...")
            break
        if nxt.text in _APOSTROPHES and k + 1 < n and CLUB_YEAR.fullmatch(toks[k + 1].text) \
                and toks[j].whitespace_ and not nxt.whitespace_:
            j = k + 1  # "Excelsior '31", "Quick '20": a club's founding year belongs to its name
            break
        if nxt.text == "," and k + 1 < n and toks[k + 1].text in lex.name_suffixes_after_comma:
            j = k + 1
            continue
        if low in lex.place_words_after and nxt.text in lex.place_suffixes:  # "Schiphol Airport"
            j = k
            break
        break
    return j + 1
