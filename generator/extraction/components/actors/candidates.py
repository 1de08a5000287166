"""Finding name mentions in a Doc: capitalised runs, acronyms, gazetteer names, compounds, role mentions.

A *mention* is one stretch of text that names an actor ("Jens Stoltenberg", "het Kremlin" → "Kremlin",
"VS"). Words around it that say who the actor is (a role, a form of address, a nationality) are kept
on the mention for the roles and kinds, but are not part of its name.

This module is the scan; its steps live apart: the shape of a word (``shapes.py``), the Doc as the rules
read it (``tokens.py``), runs of name words (``runs.py``), from a run to a mention (``trimming.py``),
roles around a name (``roles.py``), products and events (``products.py``), what mentions say about each
other (``linking.py``). The words they look for are the language's (``lexicon.py`` → ``data/<lang>/actors``).
"""
from __future__ import annotations

from spacy.tokens import Doc

from .lexicon import Lexicon
from .linking import club_towns, enumerated_places, link_parentheses, surname_particles
from .mention import Mention, make_mention
from .products import drop_event_acronyms, product_cues
from .roles import role_mentions
from .runs import digit_name, gazetteer_at, run_end, split_run
from .shapes import CURRENCY, MODEL_NUMBER, is_acronym, is_name_token, lower_tail_split
from .tokens import DocView, initial_positions
from .trimming import mention_from_run


class CandidateFinder:
    """Scans a Doc once, left to right, and returns its name mentions (token order)."""

    def __init__(self, lex: Lexicon):
        self.lex = lex

    def __call__(self, doc: Doc, blocks=None) -> list[Mention]:
        lex = self.lex
        doc = doc if isinstance(doc, DocView) else DocView(doc)
        toks = doc.tokens
        initial = initial_positions(doc, blocks)
        lower_words = {tok.text for tok in doc if tok.text.islower()}
        is_name = [is_name_token(tok) and not (tok.i + 1 < len(doc) and CURRENCY.match(toks[tok.i + 1].text))
                   or digit_name(lex, tok.text) or numbered_firm(lex, doc, tok.i)
                   for tok in doc]  # "US$ 40 miljard"; "D66", "50PLUS", "A12"; "S7 Airlines"
        mentions: list[Mention] = []
        n = len(doc)
        multiword = lex.multiword
        i = 0
        while i < n:
            tok = toks[i]
            gaz = gazetteer_at(lex, doc, i) if tok.lower_ in multiword else None
            if not is_name[i] and gaz is None:
                if "-" in tok.text and lower_tail_split(tok.text) is not None and tok.text[0].isupper():
                    compound_mention(lex, doc, i, mentions, is_name)
                elif tok.lower_ == lex.ministry_word and i + 2 < n and toks[i + 1].lower_ == lex.of_word \
                        and toks[i + 2].is_alpha:
                    end = ministry_end(lex, doc, i, is_name)
                    m = make_mention(doc, i, end)
                    m.kind = "organisation"
                    mentions.append(m)
                    i = end
                    continue
                glued = elided_name(lex, doc, i)
                if glued is not None:
                    mentions.append(glued)
                    i += 2
                    continue
                end = institution_end(lex, doc, i, is_name)
                if end is not None:
                    m = make_mention(doc, i, end)
                    m.kind = "organisation"
                    mentions.append(m)
                    i = end
                    continue
                i += 1
                continue
            end = run_end(lex, doc, i, is_name)
            if gaz is not None and gaz > end:
                end = gaz
            for k in range(i + 1, end):  # "De Vlaamse regering": a listed name starts inside the run, ends after it
                inner = gazetteer_at(lex, doc, k) if toks[k].lower_ in multiword else None
                if inner is not None and inner > end:
                    end = inner
            for piece_start, piece_end in split_run(lex, doc, i, end):
                mention_from_run(lex, doc, piece_start, piece_end, mentions, initial, lower_words, is_name)
            i = end
        link_parentheses(lex, doc, mentions)
        surname_particles(lex, doc, mentions)
        mentions = drop_event_acronyms(lex, doc, mentions)
        mentions.sort(key=lambda m: m.start_char)
        product_cues(lex, doc, mentions)
        enumerated_places(lex, doc, mentions)
        club_towns(lex, doc, mentions)
        mentions.extend(role_mentions(lex, doc, is_name))
        mentions.sort(key=lambda m: m.start_char)
        return mentions


def numbered_firm(lex: Lexicon, doc: Doc, i: int) -> bool:
    """"S7 Airlines", "X5 Group": a capitalised word with digits right before a company's closing word
    (``org_words.txt``) opens the firm's name; a model number ("Boeing 737") stands after a name."""
    toks = doc.tokens
    text = toks[i].text
    return i + 1 < len(doc) and text[:1].isupper() and any(c.isdigit() for c in text) and text.isalnum() \
        and toks[i + 1].text in lex.org_suffixes and (i == 0 or not toks[i - 1].text[:1].isupper())


def ministry_end(lex: Lexicon, doc: Doc, i: int, is_name: list[bool]) -> int:
    """End of "ministerie van X" at token i: a listed ministry's full name ("ministerie van Onderwijs,
    Cultuur en Wetenschap"), else (a foreign ministry) its portfolios as written, coordinated by commas and
    a last "en" ("ministerie van Visserij en Kustwacht"), but not into a name of its own ("... en
    Rijkswaterstaat") or a person's ("..., Bram de Vlieger en ...")."""
    toks, n = doc.tokens, len(doc)
    end = i + 3
    while end < n and is_name[end] and end - i < 5:
        end += 1
    listed = [k for k in range(end, min(n, i + 12) + 1) if lex.lookup(doc[i:k].text) is not None]
    if listed:
        return max(listed)  # a listed name is whole: "ministerie van Defensie en Heineken" are two
    k = end  # a list of portfolios: ", X" items closed by "en X"; a given name starts a person instead
    while k + 1 < n and (toks[k].text == "," or toks[k].lower_ in lex.enumeration_joiners) and is_name[k + 1] \
            and lex.lookup(toks[k + 1].text) is None and toks[k + 1].text not in lex.first_names:
        item_end = k + 1
        while item_end < n and is_name[item_end] and lex.lookup(toks[item_end].text) is None and item_end - i < 12:
            item_end += 1
        if toks[k].text != ",":
            return item_end
        k = item_end
    return end


def glued_compound(lex: Lexicon, doc: Doc, i: int, name_len: int, employer: bool, mentions: list[Mention]) -> None:
    """"Go Ahead-coach", "Tata Steel-woordvoerder": a name of several words glued to a role noun. The
    words before the hyphen were taken as a name of their own ("Go"); the whole name replaces them
    when the article also writes it free-standing ("Go Ahead Eagles", "Tata Steel Nederland") or a
    gazetteer lists it, which leaves "Joint Strike Fighter-programma" alone."""
    last = mentions[-1] if mentions else None
    if last is None or last.end != i or doc.tokens[i - 1].whitespace_ == "":
        return
    start_char, end_char = last.start_char, doc.tokens[i].idx + name_len
    full = doc.text[start_char:end_char]
    if lex.lookup(full) is None and (full + " ") not in doc.text:
        return
    glued = Mention(last.start, i + 1, start_char, end_char, full)
    if gaz := lex.lookup(full):
        glued.key, glued.kind = gaz
    glued.org_cue = employer  # a role glued after a name makes it the employer: "Go Ahead-coach"
    mentions[-1] = glued


def elided_name(lex: Lexicon, doc: Doc, i: int) -> Mention | None:
    """"'s-Hertogenbosch", "'s-Gravenhage" at token i: the tokenizer splits the elided article's
    apostrophe off, so the listed name is found only by gluing the two tokens back together."""
    toks = doc.tokens
    if i + 1 >= len(doc) or toks[i].text not in ("'", "’") or toks[i].whitespace_:
        return None
    gaz = lex.lookup("'" + toks[i + 1].text)
    if gaz is None:
        return None
    m = make_mention(doc, i, i + 2)
    m.key, m.kind = gaz
    return m


def institution_end(lex: Lexicon, doc: Doc, i: int, is_name: list[bool]) -> int | None:
    """End of "politiezone Rupel", "parket van Antwerpen" at token i: a lowercase head noun that is part
    of the body's name (the name alone is a place), else None."""
    toks = doc.tokens
    link = lex.institution_heads.get(toks[i].text)
    if link is None:
        return None
    k = i + 1 + len(link.split())
    if k >= len(doc) or not is_name[k] or (link and toks[i + 1].lower_ != link):
        return None
    return run_end(lex, doc, k, is_name)


def compound_mention(lex: Lexicon, doc: Doc, i: int, mentions: list[Mention], is_name: list[bool]) -> None:
    """"NAVO-secretaris-generaal", "UBS-analyst", "Airbus-eigenaar": the name part is a mention."""
    toks = doc.tokens
    text = toks[i].text
    cut = lower_tail_split(text)
    if cut is None:
        return
    name, tail = text[:cut], text[cut + 1:]
    if not name or not any(c.isalpha() for c in name) or MODEL_NUMBER.search(name):
        return
    if i > 0 and is_name[i - 1] and toks[i - 1].lower_ not in lex.stop_words:
        glued_compound(lex, doc, i, len(name), lex.is_role(tail), mentions)
        return  # "Joint Strike Fighter-programma"
    start_char = toks[i].idx
    m = Mention(i, i + 1, start_char, start_char + len(name), name)
    gaz = lex.lookup(name)
    if gaz:
        m.key, m.kind = gaz
    elif not (is_acronym(name) or lex.is_role(tail)):
        m.weak = True
    if name in lex.nationality or name.lower() in lex.non_actors:
        return
    if gaz is None and not is_acronym(name) and name.lower() in lex.common_words:
        return  # "Auto-analist", "Defensie-experts": an ordinary word, capitalised at a sentence start
    mentions.append(m)
