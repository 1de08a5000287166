"""Names the context presents as a product, model, software feature or event ("het besturingssysteem X",
"de nieuwe X", "X, de jongste versie", "Worldwide Developers Conference (WWDC)"): the resolver drops a name
whose mentions are mostly such. The words are the language's: Lexicon.new_adjectives, making_verbs,
list_intros, list_glue, title_words, production_nouns (context_words.json)."""
from __future__ import annotations

import re

from spacy.tokens import Doc

from .lexicon import Lexicon
from .mention import Mention
from .shapes import is_acronym
from .tokens import OPENING_MARKS

_MODEL_DESIGNATION = re.compile(r"^(?:\d{3}|[A-Z]{1,2}\d{2,4})[a-zA-Z]?$")  # "787", "A380", "MD11"
_CAMEL = re.compile(r"^[a-z]{1,2}[A-Z]\w*$")  # "iPod", "iPhone": a product prefix
_LONE_CAPITAL = re.compile(r"^[A-Z]$")  # "Mac OS X", "OS X Lion"


def drop_event_acronyms(lex: Lexicon, doc: Doc, mentions: list[Mention]) -> list[Mention]:
    """"Worldwide Developers Conference (WWDC)": the acronym of an event (a name the rules dropped for
    its tail word) is no actor either, here and wherever the text repeats it."""
    toks = doc.tokens
    events: set[str] = set()
    for k in range(1, len(doc) - 2):
        if toks[k].text == "(" and toks[k + 2].text == ")" and is_acronym(toks[k + 1].text) \
                and toks[k - 1].text in lex.non_actor_tails and k >= 2 and toks[k - 2].text[:1].isupper() \
                and lex.lookup(toks[k + 1].text) is None:
            events.add(toks[k + 1].text)
    if not events:
        return mentions
    return [m for m in mentions if m.text not in events]


def product_cues(lex: Lexicon, doc: Doc, mentions: list[Mention]) -> None:
    """Mark mentions the context presents as a product, model, feature or event (``Mention.product``):
    a product noun before or after ("het besturingssysteem X", "X webbrowser", "X-software" is a
    compound already), an apposition ("X, de jongste versie van ..."), "de nieuwe X", "maakt de X",
    a product prefix or designation letter ("iPod Classic", "Mac OS X", "OS X Lion"), a title
    ("getiteld 'X'"); a list introduced by "zoals"/"waaronder" after a product noun; and every member
    of an enumeration ("de X, Y en Z") one of whose members is a product. The resolver drops a name
    whose mentions are mostly such and never presented as an actor."""
    toks = doc.tokens
    n = len(doc)

    def exempt(m: Mention) -> bool:
        words = m.text.split()
        return bool(m.key or m.person_cue or m.org_cue or m.roles or m.role_mention
                    or words[-1] in lex.org_suffixes or words[-1].rstrip(".") in lex.org_suffixes)

    def lower_product(tok) -> bool:
        return tok.text[:1].islower() and lex.is_product_noun(tok.text)

    for m in mentions:
        if exempt(m) or m.end_char < toks[m.end - 1].idx + len(toks[m.end - 1].text):
            continue  # a name or the name part of a compound ("Knesset-lid"): its own context decides
        s, e = m.start, m.end
        prev = toks[s - 1] if s > 0 else None
        prev2 = toks[s - 2] if s > 1 else None
        nxt = toks[e] if e < n else None
        cue = False
        if prev is not None and lower_product(prev):
            cue = True  # "het besturingssysteem X", "de e-mail client Mail"
        elif nxt is not None and lower_product(nxt) and toks[e - 1].whitespace_:
            cue = True  # "Safari webbrowser", "de Ford Taurus sedan", "Quartz gebruikersinterface"
        elif prev is not None and _CAMEL.match(prev.text) and prev.whitespace_:
            cue = True  # "iPod Classic"
        elif prev is not None and _LONE_CAPITAL.match(prev.text) and prev2 is not None \
                and prev2.text[:1].isupper():
            cue = True  # "OS X Lion"
        elif nxt is not None and _LONE_CAPITAL.match(nxt.text) and not (e + 1 < n and toks[e + 1].text == "."):
            cue = True  # "Mac OS X"
        elif prev is not None and prev2 is not None and prev2.lower_ in lex.definite_articles \
                and prev.lower_ in lex.new_adjectives:
            cue = True  # "de nieuwe X"
        elif prev is not None and prev2 is not None and prev.lower_ in lex.definite_articles \
                and prev2.lower_ in lex.making_verbs and not is_acronym(m.text):
            cue = True  # "deze fabriek maakt de X"
        elif prev is not None and prev2 is not None and prev.lower_ in lex.articles and s > 2 \
                and (prev2.text == "," and lower_product(toks[s - 3])
                     or prev2.lower_ == lex.of_word and toks[s - 3].lower_ in lex.production_nouns):
            cue = True  # "zijn regionale toestel, de Superjet", "de productie van de PT Cruiser"
        else:
            q = s - 1
            while q >= 0 and (toks[q].text in OPENING_MARKS or toks[q].text.startswith(("“", "„", "``", "‘"))):
                q -= 1
            if q >= 0 and toks[q].lower_ in lex.title_words:
                cue = True  # "het plan getiteld ``Way Forward''"
            elif q >= 0 and _MODEL_DESIGNATION.match(toks[q].text):
                cue = True  # "de 787 ``Dreamliner''"
            elif nxt is not None and nxt.text == "," and e + 1 < n and toks[e + 1].lower_ in lex.articles:
                # "Tiger, de jongste versie van Mac OS X", "Automator, een grafische scripting-interface"
                for k in range(e + 2, min(n, e + 5)):
                    if not toks[k].text[:1].islower():
                        break
                    if lex.is_product_noun(toks[k].text):
                        cue = True
                        break
                    if lex.is_role(toks[k].text):
                        break
        if cue:
            m.product = True
    # a list after a product noun: "nieuwe functies, waaronder een opnieuw ingerichte Mail en Auto Save"
    firsts = {m.start: m for m in mentions}
    for tok in toks:
        if tok.lower_ in lex.list_intros and any(lower_product(toks[k]) for k in range(max(0, tok.i - 3), tok.i)):
            for k in range(tok.i + 1, min(n, tok.i + 6)):
                if k in firsts:
                    if not exempt(firsts[k]):
                        firsts[k].product = True
                    break
                if not toks[k].text[:1].islower():
                    break
    # enumerations: "de iPod Classic, Nano en Shuffle", "de Crown Victoria en Grand Marquis"
    ordered = sorted((m for m in mentions if not m.role_mention), key=lambda m: m.start)
    groups: list[list[Mention]] = []
    for m in ordered:
        if groups:
            last = groups[-1][-1]
            between = toks[last.end:m.start] if m.start > last.end else []
            if between and all(t.text in lex.list_glue or lower_product(t) for t in between) \
                    and any(t.text == "," or t.text in lex.enumeration_joiners for t in between) \
                    and not any(t.is_sent_start for t in toks[last.end:m.start + 1]):
                groups[-1].append(m)
                continue
        groups.append([m])
    for group in groups:
        if len(group) > 1 and any(m.product for m in group):
            for m in group:
                if not exempt(m):
                    m.product = True
