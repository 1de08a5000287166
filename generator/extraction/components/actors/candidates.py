"""Finding name mentions in a Doc: capitalised runs, acronyms, gazetteer names, NER entities.

A *mention* is one stretch of text that names an actor ("Jens Stoltenberg", "het Kremlin" → "Kremlin",
"VS"). Words around it that say who the actor is (a role, a form of address, a nationality) are kept
on the mention for the roles and kinds, but are not part of its name.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from spacy.attrs import IDX, IS_ALPHA, IS_SPACE, LOWER, ORTH, POS, SENT_START, SPACY
from spacy.symbols import AUX, VERB
from spacy.tokens import Doc, Token

from .lexicon import Lexicon, normalise

OPENING_MARKS = frozenset({"“", "„", '"', "`", "``", "'", "''", "‘", "’", "”", "«", "»", "(", "[", ":", ";", "‚", "‹",
                           "-", "–", "—", "•", "*"})
_ACRONYM = re.compile(r"^(?:[A-Z]{2,}|[A-Z][a-z]?[A-Z]+[a-z]?|(?:[A-Z]\.){2,}[A-Z]?|[A-Z]{1,4}&[A-Z]{1,4})$")
_MODEL_NUMBER = re.compile(r"\d")
_CURRENCY = re.compile(r"[$€£¥#]")
_DOTTED = re.compile(r"^(?:[A-Z]\.)+[A-Z]$")
NER_KINDS = {
    "PER": "person", "PERSON": "person",
    "ORG": "organisation",
    "LOC": "place", "GPE": "place", "FAC": "place",
}
# a nickname between given name and surname: "Roberto 'Bobby' Santini" (opening mark → closing mark)
_NICKNAME_MARKS = {"'": "'", '"': '"', "‘": "’", "“": "”"}
_AGE = re.compile(r"^\d{1,3}\)$")
# Adjectives and inhabitant nouns made from place names ("Brusselse", "Vlaams-Brabantse", "Israëlische",
# "Rwandese", "Palestijnen", "Braziliaan"): capitalised, but no actor. Strong endings always; a consonant
# + "se" ("Antwerpse", "Limburgse") only before a lowercase word, as adjectives stand.
_ADJECTIVE_STRONG = re.compile(r"(?:[a-zë]isch|[a-zë]ische|[a-z]sche|aanse|iaanse|[a-z]ese|ijnse|talige|iaan|ianen|[kc]anen"
                               r"|eanen|ijnen)$")
_ADJECTIVE_WEAK = re.compile(r"[bdfgklmnprtvwz]se$")
# The words around a name that tell what it names ("het bedrijf X", "woordvoerder van X", "minister van
# Buitenlandse Zaken") are the language's: Lexicon.org_nouns, employer_roles, portfolio_roles (context_words.json).


# Product context ("het besturingssysteem X", "de nieuwe X", "X, de jongste versie"): see _product_cues; its
# words are Lexicon.new_adjectives, making_verbs, list_intros, list_glue, title_words, production_nouns.
_MODEL_DESIGNATION = re.compile(r"^(?:\d{3}|[A-Z]{1,2}\d{2,4})[a-zA-Z]?$")  # "787", "A380", "MD11"
_CAMEL = re.compile(r"^[a-z]{1,2}[A-Z]\w*$")  # "iPod", "iPhone": a product prefix
_LONE_CAPITAL = re.compile(r"^[A-Z]$")  # "Mac OS X", "OS X Lion"
_VERB_TAGS = frozenset({VERB, AUX})
_NUMBER = re.compile(r"^\d{1,4}$")


def adjective_like(text: str, next_text: str = "", attributive: bool = False) -> bool:
    """"Brusselse", "Oost-Duitse", "Palestijnen": an adjective or inhabitant noun made from a name.
    ``attributive``: the word stands between an article and a name ("het Zwolse Rood-Wit"), where a
    weak ending is as telling as before a lowercase noun."""
    tail = text.rsplit("-", 1)[-1]
    if not tail[:1].isupper() and "-" in text:
        return False
    if _ADJECTIVE_STRONG.search(tail):
        return True
    return bool(_ADJECTIVE_WEAK.search(tail)) and len(tail) >= 6 and (
        attributive or next_text[:1].islower() or "-" in text)


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


class _TokenView:
    """The attributes of one spaCy token the rules read, read once per Doc (spaCy makes a new Token
    object on every ``doc[i]``, which made the scans below slow)."""

    __slots__ = ("i", "text", "lower_", "whitespace_", "idx", "is_sent_start", "is_alpha", "is_space", "is_verb")

    def __init__(self, i, text, lower, whitespace, idx, is_sent_start, is_alpha, is_space, is_verb=False):
        self.i = i
        self.text = text
        self.lower_ = lower
        self.whitespace_ = whitespace
        self.idx = idx
        self.is_sent_start = is_sent_start
        self.is_alpha = is_alpha
        self.is_space = is_space
        self.is_verb = is_verb  # the tagger's reading (False without one): "Bel", "Loop" open a sentence


class _SpanView:
    """``doc[start:end]`` of a :class:`_DocView`: text and offsets as spaCy's Span gives them."""

    __slots__ = ("doc", "start", "end")

    def __init__(self, doc: "_DocView", start: int, end: int):
        self.doc = doc
        self.start = start
        self.end = end

    @property
    def start_char(self) -> int:
        return self.doc.tokens[self.start].idx

    @property
    def end_char(self) -> int:
        last = self.doc.tokens[self.end - 1]
        return last.idx + len(last.text)

    @property
    def text(self) -> str:
        if self.start >= self.end:
            return ""
        tokens = self.doc.tokens
        last = tokens[self.end - 1]
        return self.doc.text[tokens[self.start].idx:last.idx + len(last.text)]

    def __len__(self) -> int:
        return self.end - self.start

    def __getitem__(self, k: int) -> _TokenView:
        n = self.end - self.start
        if k < 0:
            k += n
        if not 0 <= k < n:
            raise IndexError(k)
        return self.doc.tokens[self.start + k]

    def __iter__(self):
        return iter(self.doc.tokens[self.start:self.end])


class _DocView:
    """A read-only stand-in for a Doc: ``view[i]`` → token, ``view[a:b]`` → span, ``len(view)``."""

    __slots__ = ("doc", "text", "tokens")

    def __init__(self, doc: Doc):
        self.doc = doc
        strings = doc.vocab.strings
        tokens = []
        pieces = []
        if len(doc):
            rows = doc.to_array([IDX, ORTH, SPACY, LOWER, SENT_START, IS_ALPHA, IS_SPACE, POS]).tolist()
            for i, (idx, orth, spacy, lower, sent_start, alpha, space, pos) in enumerate(rows):
                text = strings[orth]
                whitespace = " " if spacy else ""
                pieces.append(text)
                pieces.append(whitespace)
                tokens.append(_TokenView(i, text, strings[lower], whitespace, idx,
                                         None if sent_start == 0 else sent_start == 1, bool(alpha), bool(space),
                                         pos in _VERB_TAGS))
        self.text = "".join(pieces)  # what doc.text gives (it joins Token objects: slow)
        self.tokens = tokens

    def __len__(self) -> int:
        return len(self.tokens)

    def __iter__(self):
        return iter(self.tokens)

    def __getitem__(self, key):
        if isinstance(key, slice):
            n = len(self.tokens)
            start, stop = key.start, key.stop
            if start is None:
                start = 0
            elif start < 0:
                start += n
            start = min(n, max(0, start))
            if stop is None:
                stop = n
            elif stop < 0:
                stop += n
            stop = min(n, max(start, stop))
            return _SpanView(self, start, stop)
        return self.tokens[key]


@lru_cache(maxsize=65536)
def is_acronym(text: str) -> bool:
    """"NAVO", "VS", "V.S.", "PvdA", "AT&T": letters mostly capitals."""
    return bool(_ACRONYM.match(text))


def _is_name_token(tok: Token) -> bool:
    text = tok.text
    if not text or not text[0].isupper() or _MODEL_NUMBER.search(text) or _CURRENCY.search(text):
        return False
    if len(text) == 1 or text.endswith("-") or '"' in text:
        return False  # a lone letter, "Lion- en ..." (a truncated compound), tokenizer debris
    if "-" in text:
        # "NAVO-secretaris-generaal", "Airbus-eigenaar": a compound with a common noun, not a name
        if _lower_tail_split(text) is not None:
            return False
    return any(ch.isalpha() for ch in text)


def _lower_tail_split(text: str) -> int | None:
    """Where a capitalised compound turns lowercase ("UBS-analyst" → 3), else None."""
    pos = text.find("-")
    while pos >= 0:
        if text[pos + 1:pos + 2].islower():
            return pos
        pos = text.find("-", pos + 1)
    return None


def initial_positions(doc: Doc, blocks) -> set[int]:
    """Token indices where a capital says nothing: sentence, quote, heading and line starts."""
    view = doc if isinstance(doc, _DocView) else _DocView(doc)
    doc = view.doc
    starts: set[int] = {0}
    if doc.has_annotation("SENT_START"):
        if "sents" in doc.user_hooks:
            starts.update(sent.start for sent in doc.sents)
        else:  # what doc.sents yields, without making its Spans: 0 and every token marked as a start
            starts.update(tok.i for tok in view.tokens if tok.is_sent_start)
    doc = view
    block_starts = {b.start for b in (blocks or [])}
    for tok in doc:
        if tok.idx in block_starts:
            starts.add(tok.i)
        if tok.text in {",,", "„"} or tok.text == "," and not tok.whitespace_ and tok.i + 1 < len(doc) \
                and doc[tok.i + 1].text == ",":
            starts.add(tok.i + 1)  # ",,Laat me duidelijk zijn": the Dutch newspaper opening mark
            starts.add(tok.i + 2)
        if tok.text[-1:] == "/" and tok.whitespace_:
            starts.add(tok.i + 1)  # "Ik zing voor jou/ Neem me mee": a line break of quoted verse
        if tok.text in OPENING_MARKS or tok.text.startswith(("“", "„", "``", "‘")) or tok.is_space \
                or "\n" in tok.whitespace_ or tok.text in {".", "!", "?", "…"} \
                or tok.text[-1:] in {".", "!", "?"} and tok.text[:1].islower() \
                or CandidateFinder._ends_sentence(tok.text):  # "dat." and "VS." are one token
            starts.add(tok.i + 1)
    return starts


class CandidateFinder:
    """Scans a Doc once, left to right, and returns its name mentions (token order)."""

    def __init__(self, lex: Lexicon):
        self.lex = lex

    def __call__(self, doc: Doc, blocks=None) -> list[Mention]:
        lex = self.lex
        doc = doc if isinstance(doc, _DocView) else _DocView(doc)
        toks = doc.tokens
        initial = initial_positions(doc, blocks)
        lower_words = {tok.text for tok in doc if tok.text.islower()}
        is_name = [_is_name_token(tok) and not (tok.i + 1 < len(doc) and _CURRENCY.match(toks[tok.i + 1].text))
                   or self._digit_name(tok.text) for tok in doc]  # "US$ 40 miljard"; "D66", "50PLUS", "A12"
        mentions: list[Mention] = []
        n = len(doc)
        multiword = lex.multiword
        i = 0
        while i < n:
            tok = toks[i]
            gaz = self._gazetteer_at(doc, i) if tok.lower_ in multiword else None
            if not is_name[i] and gaz is None:
                if "-" in tok.text and _lower_tail_split(tok.text) is not None and tok.text[0].isupper():
                    self._compound(doc, i, mentions, is_name)
                elif tok.lower_ == self.lex.ministry_word and i + 2 < n and toks[i + 1].lower_ == "van" \
                        and toks[i + 2].is_alpha:
                    end = i + 3
                    while end < n and is_name[end] and end - i < 5:
                        end += 1
                    m = self._make(doc, i, end)
                    m.kind = "organisation"
                    mentions.append(m)
                    i = end
                    continue
                i += 1
                continue
            end = self._run_end(doc, i, is_name)
            if gaz is not None and gaz > end:
                end = gaz
            for piece_start, piece_end in self._split_run(doc, i, end):
                self._add_run(doc, piece_start, piece_end, mentions, initial, lower_words, is_name)
            i = end
        self._link_parentheses(doc, mentions)
        self._surname_particles(doc, mentions)
        mentions = self._drop_event_acronyms(doc, mentions)
        mentions.sort(key=lambda m: m.start_char)
        self._product_cues(doc, mentions)
        self._enumerated_places(doc, mentions)
        mentions.extend(self._role_mentions(doc, is_name))
        mentions.sort(key=lambda m: m.start_char)
        return mentions

    def _name_with_common_tail(self, word: str) -> bool:
        """A name glued to a long common noun ("Oranjefeest", "Instagrampagina"): no actor."""
        lex = self.lex
        low = word.lower()
        if not low.isalpha() or word in lex.first_names or lex.lookup(word) or lex.is_place_tail(word) \
                or word in lex.world_places:
            return False
        return any(low[cut:] in lex.common_words for cut in range(3, len(low) - 6)) or any(
            low[cut:] in lex.common_words and lex.lookup(word[:cut]) is not None for cut in range(3, len(low) - 3))

    @staticmethod
    def _ends_sentence(text: str) -> bool:
        """"VS.", "PiS.": an acronym with the sentence's full stop glued on (not an initial "P.")."""
        return len(text) > 2 and text[-1] == "." and "." not in text[:-1] and is_acronym(text[:-1])

    def _digit_name(self, text: str) -> bool:
        """A name with digits the gazetteers know ("D66", "50PLUS") or a numbered road ("A12")."""
        return bool(_MODEL_NUMBER.search(text)) and text[:1].isalnum() and (
            self.lex.lookup(text) is not None or self.lex.is_road(text))

    def _gazetteer(self, doc, start: int, end: int, initial: set[int]) -> tuple[str, str] | None:
        """The gazetteer entry of ``doc[start:end]``, unless it is one word that is also a common word
        ("Om" for the OM, "Denk" for DENK, "Leiden") where its capital says nothing."""
        text = doc[start:end].text
        gaz = self.lex.lookup(text)
        if gaz is not None and end - start == 1 and start in initial and not text.isupper() \
                and text.lower() in self.lex.common_words:
            return None
        return gaz

    # -- runs of capitalised words -------------------------------------------------------------
    def _gazetteer_at(self, doc: Doc, i: int) -> int | None:
        """End of the longest multi-word gazetteer name starting at token i ("Huis van Afgevaardigden")."""
        toks = doc.tokens
        forms = self.lex.multiword.get(toks[i].lower_)
        if not forms or not toks[i].text[:1].isupper():
            return None
        for form in forms:
            end = i + len(form)
            if end <= len(doc) and all(normalise(toks[i + k].text) == form[k] for k in range(len(form))) \
                    and toks[end - 1].text[:1].isupper():  # "De Morgen" is a paper, "De morgen ..." is not
                return end
        return None

    def _split_run(self, doc: Doc, i: int, end: int) -> list[tuple[int, int]]:
        """"Apple CEO Steve Jobs" → "Apple" | "CEO Steve Jobs"; "UAW Ron Gettelfinger" → "UAW" | "Ron Gettelfinger"."""
        toks = doc.tokens
        lex = self.lex
        if self.lex.lookup(doc[i:end].text):
            return [(i, end)]
        for k in range(i + 2, end):
            # "Martin Verhoek Ajax": a person's name runs into a known name
            if toks[i].text in lex.first_names and lex.lookup(toks[k].text) is not None \
                    and toks[k - 1].lower_ not in lex.connectors and toks[k - 1].lower_ not in lex.particles \
                    and lex.lookup(doc[i:k + 1].text) is None:
                return [(i, k)] + self._split_run(doc, k, end)
        for k in range(i + 1, end - 1):
            word = toks[k].text
            if lex.is_role(word) and not lex.is_role(toks[k - 1].text) and toks[k - 1].lower_ not in lex.connectors:
                return [(i, k)] + self._split_run(doc, k, end)
            if word in lex.first_names and is_acronym(toks[k - 1].text) and k - 1 > i - 1 \
                    and toks[k + 1].text[:1].isupper():
                return [(i, k)] + self._split_run(doc, k, end)
        return [(i, end)]

    def _run_end(self, doc: Doc, i: int, is_name: list[bool]) -> int:
        toks = doc.tokens
        lex = self.lex
        n = len(doc)
        j = i  # last token in the run
        while True:
            k = j + 1
            if k >= n or toks[j].whitespace_.count("\n"):
                break
            nxt = toks[k]
            if self._ends_sentence(toks[j].text):
                break  # "in de VS. Aandelen stegen": the tokenizer kept the full stop on the acronym
            low = nxt.lower_
            if low in lex.multiword and toks[j].lower_ in lex.common_words and toks[j].lower_ not in lex.connectors \
                    and self._gazetteer_at(doc, k) is not None:
                break  # "Geef Forum voor Democratie ...": a known name starts here
            if is_name[k] and not toks[k].is_sent_start and low in lex.stop_words and low not in lex.particles \
                    and low not in lex.connectors and nxt.text not in lex.first_names and not nxt.text.isupper():
                break  # "Peter K. Die ...", "Muizen Terwijl ...": a capitalised function word starts a sentence
            if is_name[k] and not toks[k].is_sent_start and low in lex.particles and k + 1 < n \
                    and (toks[k + 1].text in lex.nationality or adjective_like(toks[k + 1].text)):
                break  # "Fel De Nederlandse ...": an intertitle run into the sentence it heads
            if is_name[k] and not toks[k].is_sent_start:
                j = k
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
            if low in lex.particles or low == "van" or low == "voor" and toks[j].text in lex.org_prefixes:
                m = k + 1 if low == "voor" else k
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
                    single_given = (toks[j].text in lex.first_names
                                    and all(descriptor(x) for x in range(i, j))
                                    and after_van != "country") \
                        or len(run) == 1 and run[0].lower_ in lex.particles \
                        and not (run[0].lower_ in {"de", "het"} and low in lex.stop_words)  # "De in Madrid ..."
                    org_head = toks[j].text in lex.org_prefixes and low in {"van", "voor"}
                    if single_given or org_head:
                        j = m
                        continue
                break
            if nxt.text in {"-", "–"} and j == i and k + 1 < n and is_name[k + 1] and toks[j].whitespace_ \
                    and nxt.whitespace_ and (k + 2 >= n or not is_name[k + 2]) \
                    and not self.lex.lookup(toks[j].text) and not self.lex.lookup(toks[k + 1].text) \
                    and toks[k + 1].lower_ not in lex.common_words:
                j = k + 1  # "Wal - Mart", not a rubric before its headline ("Sport - Zege ...")
                break
            if nxt.text == "," and k + 1 < n and toks[k + 1].text in lex.name_suffixes_after_comma:
                j = k + 1
                continue
            if low in lex.place_words_after and nxt.text in lex.place_suffixes:  # "Schiphol Airport"
                j = k
                break
            break
        return j + 1

    def _add_run(self, doc: Doc, i: int, end: int, mentions: list[Mention], initial: set[int],
                 lower_words: set[str], is_name: list[bool]) -> None:
        toks = doc.tokens
        lex = self.lex
        if end - i > 1 and end < len(doc) and toks[end].text == ":" and toks[end - 1].text in self.lex.caption_words:
            end -= 1  # "Steve Jobs Credit: mylerdude"
        roles: list[str] = []
        person_cue = False
        honorific_start: int | None = None
        start = i
        role_at: tuple[int, str] | None = None
        r = self._role_before_portfolio(doc, i)
        if r is not None:
            # "minister van Buitenlandse Zaken Sergei Lavrov": the portfolio belongs to the role
            for p in range(i + 1, end):
                if toks[p].text in lex.first_names:
                    role_at = (r, doc[r:p].text)
                    start = i = p
                    break
            if role_at is None and toks[r].lower_ in self.lex.portfolio_roles and (
                    lex.lookup(doc[i:end].text) is None or lex.is_portfolio(doc[i:end].text)):
                return  # "(de Amerikaanse minister van Buitenlandse Zaken)": the portfolio is part of the role
        # strip what precedes the name: sentence-initial words, forms of address, roles
        affiliation_before: str | None = None
        while start < end:
            tok = toks[start]
            low = tok.lower_
            if self._gazetteer(doc, start, end, initial):
                break
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
            if low in lex.honorifics:
                person_cue = True
                honorific_start = toks[i].idx if honorific_start is None else honorific_start
                start += 1
            elif lex.is_role(low) and end - start > 1:
                roles.append(tok.text)
                person_cue = True
                start += 1
            elif start in initial and not (tok.text in lex.first_names and end - start > 1) \
                    and not (low in lex.particles and end - start > 2 and toks[start + 1].lower_ in lex.particles) and (
                    low in lower_words or low in lex.common_words and (
                    end - start == 1 or low in lex.stop_words
                    or tok.text in lex.nationality or lex.is_role(low)) or lex.is_common_compound(low)) \
                    and tok.text not in lex.org_prefixes and tok.text not in lex.place_prefixes:
                start += 1
                if start < end and (toks[start].text in lex.connectors or toks[start].text in {"de", "het", "een"}):
                    start += 1  # "In het Anderlechtse ..."
            elif start in initial and low in lex.stop_words and start + 2 < end \
                    and toks[start + 1].text in {"de", "het", "een"}:
                start += 2  # "In het Anderlechtse stadhuis": a preposition and an article
            elif low in {"de", "het", "een"} and start + 1 < end and (
                    toks[start + 1].text in lex.nationality or lex.is_role(toks[start + 1].text)
                    or adjective_like(toks[start + 1].text)):
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
        if lex.is_role(toks[end - 1].text) or roles and start < end and toks[start].lower_ in lex.connectors:
            return  # "Chief Financial Officer", "Vice President", "Secretary of Defense"
        adjective_country = None
        if end - start > 1 and toks[start].text not in lex.nationality and lex.lookup(doc[start:end].text) is None \
                and toks[start].text not in lex.first_names \
                and adjective_like(toks[start].text, attributive=start > 0 and toks[start - 1].lower_ in {"de", "het"}) \
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
            if not keeps:
                adjective_country = lex.nationality[toks[start].text]
                start += 1  # "de Italiaanse Fiat" → Fiat
        text = doc[start:end].text
        gaz = self._gazetteer(doc, start, end, initial)
        if self._ends_sentence(toks[end - 1].text):
            text = text[:-1]
            gaz = lex.lookup(text)
        if text.lower() in lex.non_actors or end - start > 1 and (
                toks[end - 1].text in lex.non_actor_tails or toks[start].text in lex.non_actor_heads):
            return
        if gaz is None:
            words = text.split()
            if lex.is_inhabitant(words[-1]) and words[-1] not in lex.first_names:
                return  # "Vele Rotterdammers", "Nieuw-Zeelanders"
            if self._name_with_common_tail(words[-1]) and words[0] not in lex.org_prefixes \
                    and all(w[:1].isupper() for w in words):
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
            if end - start == 1 and text not in lex.first_names and not is_acronym(text) and adjective_like(
                    text, toks[end].text if end < len(doc) else ""):
                return  # "de Brusselse regering", "de Palestijnen"
            if end - start == 1 and end < len(doc) and toks[end].text[:1].islower() \
                    and toks[end].lower_ not in lex.stop_words and lex.is_inhabitant(text, hints=True):
                return  # "Volendammer vis", "Zaandammer koek": an adjective made from a place name
        mention = self._make(doc, start, end)
        if mention.text != text:  # "VS." → "VS"
            mention.text = text
            mention.end_char -= 1
        particle_start = self._glued_particle(doc, start)
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
        self._roles_before(doc, start, mention, role_at)
        # products: "Boeing 737", "Airbus A330 MRTT" — the maker is an actor only if named on its own
        if end < len(doc) and _MODEL_NUMBER.search(toks[end].text) and any(c.isalpha() for c in toks[end].text) \
                or end < len(doc) and re.fullmatch(r"\d{3}\w*", toks[end].text):
            mention.weak = True
        if end - start == 1 and gaz is None and end < len(doc) and _NUMBER.match(toks[end].text) \
                and toks[end - 1].whitespace_ and text not in lex.first_names and not is_acronym(text) \
                and not lex.is_place_tail(text) and not lex.is_place_name(text):
            mention.weak = True  # "Chapter 11", "Fase 2", not "Kerkstraat 14": a word and its number name a thing
        if start > 0 and _MODEL_NUMBER.search(toks[start - 1].text) and any(c.isalpha() for c in toks[start - 1].text):
            return
        if end < len(doc) and _lower_tail_split(toks[end].text) is not None and toks[end].whitespace_ is not None \
                and toks[end - 1].whitespace_:
            pass
        if end < len(doc) and not toks[end - 1].whitespace_ and toks[end].text[:1] == "-":
            mention.weak = True
        if end < len(doc) and toks[end].text[:1].isupper() and _lower_tail_split(toks[end].text) is not None:
            # "Joint Strike Fighter-programma": the run modifies a compound noun
            mention.weak = True
        if end < len(doc) and toks[end].lower_ in lex.place_words_after:
            mention.place_cue = True
        if start > 0 and toks[start - 1].lower_ in lex.place_words_before and not toks[start - 1].is_sent_start:
            mention.place_cue = True
        if start > 0 and toks[start - 1].text in lex.place_nouns:
            mention.place_cue = True  # "het dorp Ubbergen", "de Tsjechische stad Brno"
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
        if end + 1 < len(doc) and toks[end].text == "," and (lex.lookup(toks[end + 1].text) or ("",))[-1] == "place":
            mention.place_cue = True  # "Mobile, Alabama"
        self._apposition_after(doc, end, mention)
        described = end + 1 < len(doc) and toks[end].text == "," and toks[end + 1].lower_ in self.lex.apposition_articles
        if end - start == 1 and gaz is None and not is_acronym(text) and not mention.person_cue and not described \
                and (start in initial or text.lower() in lower_words and text.lower() in lex.common_words
                     and text not in lex.first_names and not mention.org_cue):
            # a sentence's first word, or a word the article also writes in lowercase ("Lekker met de meiden")
            mention.weak = True  # "Fabrieken ..." — a name only if the text names it elsewhere too
            # the NER may vouch for it (hybrid mode), unless a function word follows ("Voorafgaand aan")
            mention.initial = end >= len(doc) or toks[end].lower_ not in lex.stop_words
        mentions.append(mention)

    def _glued_particle(self, doc: Doc, start: int) -> int | None:
        """Where a surname begins whose capitalised particle is glued to the noun before it ("het
        kabinet-Van Dalen", "het tijdperk-De Wit"): the particle's character offset, else None."""
        if start == 0:
            return None
        prev = doc.tokens[start - 1]
        head, dash, particle = prev.text.rpartition("-")
        if dash and prev.whitespace_ and head[:1].islower() and particle[:1].isupper() \
                and particle.lower() in self.lex.particles:
            return prev.idx + len(head) + 1
        return None

    def _make(self, doc: Doc, start: int, end: int) -> Mention:
        span = doc[start:end]
        return Mention(start, end, span.start_char, span.end_char, span.text)

    def _roles_before(self, doc: Doc, start: int, mention: Mention,
                      role_at: tuple[int, str] | None = None) -> None:
        """Roles written before the name: "NAVO-secretaris-generaal Jens Stoltenberg",
        "de Russische minister van Buitenlandse Zaken Sergei Lavrov", "zijn Franse ambtsgenoot Emmanuel Macron"."""
        toks = doc.tokens
        lex = self.lex
        k = start - 1
        if k < 0:
            return
        if role_at is not None:
            k, role = role_at
            mention.roles.insert(0, role)
            mention.person_cue = True
            if k > 0 and toks[k - 1].text in lex.nationality:
                mention.affiliations.append(lex.nationality[toks[k - 1].text])
            return
        tok = toks[k]
        if mention.roles:
            # a role written capitalised at the start of the run ("Generaal Arthur Lichte")
            k = start - len(mention.roles) - 1
            tok = toks[k] if k >= 0 else None
            if tok is None:
                return
        if lex.is_role(tok.text):
            role = tok.text
            head = _lower_tail_split(role)
            if head is not None and role[0].isupper():
                mention.affiliations.append(role[:head])
            mention.roles.insert(0, role)
            mention.person_cue = True
            if k > 0 and toks[k - 1].text in lex.nationality:
                mention.affiliations.append(lex.nationality[toks[k - 1].text])

    def _apposition_after(self, doc: Doc, end: int, mention: Mention) -> None:
        """Roles and affiliation after a name: "Michael O'Leary, CEO van Ryanair", "Blinken (de Amerikaanse
        minister van Buitenlandse Zaken, red.)", "Ursula von der Leyen (voorzitter van de Europese Commissie)".

        A portfolio after a portfolio role ("minister van Buitenlandse Zaken") and an institution named with
        its article ("voorzitter van de Europese Commissie") are part of the role; the affiliation is the
        organisation in the role ("CEO van Ryanair", "NAVO-secretaris-generaal"), else the country of a
        nationality adjective before the role ("de Amerikaanse minister")."""
        toks = doc.tokens
        lex = self.lex
        n = len(doc)
        if end >= n or toks[end].text not in {",", "("}:
            return
        k = end + 1
        if k < n and toks[k].lower_ in self.lex.apposition_articles:
            k += 1
        country = None
        if k < n and toks[k].text in lex.nationality:
            country = lex.nationality[toks[k].text]
            k += 1
        if not (k < n and lex.is_role(toks[k].text) and (
                not toks[k].text[:1].isupper() or is_acronym(toks[k].text) or "-" in toks[k].text)):
            return
        role = toks[k].text
        affiliations: list[str] = []
        head = _lower_tail_split(role)
        if head is not None and role[0].isupper():
            affiliations.append(role[:head])
        mention.person_cue = True
        of = k + 1
        if of < n and toks[of].lower_ in self.lex.apposition_links and of + 1 < n:
            m = of + 1
            if toks[m].lower_ in self.lex.apposition_articles:
                m += 1
            j = m
            while j < n and (toks[j].text[:1].isupper() or toks[j].lower_ in lex.connectors and j + 1 < n
                             and toks[j + 1].text[:1].isupper()):
                j += 1
            if j > m:
                org = doc[m:j].text
                gaz = lex.lookup(org)
                if (gaz is None or lex.is_portfolio(org)) and m == of + 1 and role.lower() in self.lex.portfolio_roles \
                        and toks[of].lower_ in {"van", "voor"}:
                    role = doc[k:j].text  # "minister van Buitenlandse Zaken": a portfolio, no affiliation
                else:
                    if m == of + 2 and toks[of].lower_ in {"van", "voor"} and (gaz is None or gaz[1] != "country"):
                        # an office of an institution, named with its article: "voorzitter van de Europese
                        # Commissie", "woordvoerder van het Witte Huis" (a company has none: "CEO van Ryanair")
                        role = doc[k:j].text
                    affiliations.insert(0, org)
        if country:
            affiliations.append(country)
        mention.affiliations.extend(affiliations)
        mention.roles.append(role)

    def _compound(self, doc: Doc, i: int, mentions: list[Mention], is_name: list[bool]) -> None:
        """"NAVO-secretaris-generaal", "UBS-analyst", "Airbus-eigenaar": the name part is a mention."""
        toks = doc.tokens
        text = toks[i].text
        cut = _lower_tail_split(text)
        if cut is None:
            return
        name, tail = text[:cut], text[cut + 1:]
        if not name or not any(c.isalpha() for c in name) or _MODEL_NUMBER.search(name):
            return
        if i > 0 and is_name[i - 1] and toks[i - 1].lower_ not in self.lex.stop_words:
            return  # "Joint Strike Fighter-programma"
        start_char = toks[i].idx
        m = Mention(i, i + 1, start_char, start_char + len(name), name)
        gaz = self.lex.lookup(name)
        if gaz:
            m.key, m.kind = gaz
        elif not (is_acronym(name) or self.lex.is_role(tail)):
            m.weak = True
        if name in self.lex.nationality or name.lower() in self.lex.non_actors:
            return
        if gaz is None and not is_acronym(name) and name.lower() in self.lex.common_words:
            return  # "Auto-analist", "Defensie-experts": an ordinary word, capitalised at a sentence start
        mentions.append(m)

    def _surname_particles(self, doc: Doc, mentions: list[Mention]) -> None:
        """"Van Oss zwijgt" after "Bas van Oss": a sentence that opens with the capitalised particles of
        a surname the article wrote in full loses them to the sentence-start rule; give them back (and drop
        the gazetteer's reading of "Oss" as a town), so the surname merges with the full name."""
        toks = doc.tokens
        particles = self.lex.particles
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

    def _enumerated_places(self, doc: Doc, mentions: list[Mention]) -> None:
        """"in Brno, Ostrava en Olomouc": the members of an enumeration one of which the context or a
        gazetteer makes a place are places too, unless their own context says otherwise."""
        toks = doc.tokens
        joiners = self.lex.enumeration_joiners
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

    # -- products, models, software features, events ------------------------------------------------
    def _drop_event_acronyms(self, doc: Doc, mentions: list[Mention]) -> list[Mention]:
        """"Worldwide Developers Conference (WWDC)": the acronym of an event (a name the rules dropped for
        its tail word) is no actor either, here and wherever the text repeats it."""
        toks = doc.tokens
        lex = self.lex
        events: set[str] = set()
        for k in range(1, len(doc) - 2):
            if toks[k].text == "(" and toks[k + 2].text == ")" and is_acronym(toks[k + 1].text) \
                    and toks[k - 1].text in lex.non_actor_tails and k >= 2 and toks[k - 2].text[:1].isupper() \
                    and lex.lookup(toks[k + 1].text) is None:
                events.add(toks[k + 1].text)
        if not events:
            return mentions
        return [m for m in mentions if m.text not in events]

    def _product_cues(self, doc: Doc, mentions: list[Mention]) -> None:
        """Mark mentions the context presents as a product, model, feature or event (``Mention.product``):
        a product noun before or after ("het besturingssysteem X", "X webbrowser", "X-software" is a
        compound already), an apposition ("X, de jongste versie van ..."), "de nieuwe X", "maakt de X",
        a product prefix or designation letter ("iPod Classic", "Mac OS X", "OS X Lion"), a title
        ("getiteld 'X'"); a list introduced by "zoals"/"waaronder" after a product noun; and every member
        of an enumeration ("de X, Y en Z") one of whose members is a product. The resolver drops a name
        whose mentions are mostly such and never presented as an actor."""
        toks = doc.tokens
        lex = self.lex
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
            elif prev is not None and prev2 is not None and prev2.lower_ in {"de", "het"} \
                    and prev.lower_ in self.lex.new_adjectives:
                cue = True  # "de nieuwe X"
            elif prev is not None and prev2 is not None and prev.lower_ in {"de", "het"} \
                    and prev2.lower_ in self.lex.making_verbs and not is_acronym(m.text):
                cue = True  # "deze fabriek maakt de X"
            elif prev is not None and prev2 is not None and prev.lower_ in {"de", "het", "een"} and s > 2 \
                    and (prev2.text == "," and lower_product(toks[s - 3])
                         or prev2.lower_ == "van" and toks[s - 3].lower_ in self.lex.production_nouns):
                cue = True  # "zijn regionale toestel, de Superjet", "de productie van de PT Cruiser"
            else:
                q = s - 1
                while q >= 0 and (toks[q].text in OPENING_MARKS or toks[q].text.startswith(("“", "„", "``", "‘"))):
                    q -= 1
                if q >= 0 and toks[q].lower_ in self.lex.title_words:
                    cue = True  # "het plan getiteld ``Way Forward''"
                elif q >= 0 and _MODEL_DESIGNATION.match(toks[q].text):
                    cue = True  # "de 787 ``Dreamliner''"
                elif nxt is not None and nxt.text == "," and e + 1 < n and toks[e + 1].lower_ in {"de", "het", "een"}:
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
            if tok.lower_ in self.lex.list_intros and any(lower_product(toks[k]) for k in range(max(0, tok.i - 3), tok.i)):
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
                if between and all(t.text in self.lex.list_glue or lower_product(t) for t in between) \
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

    # -- "European Aeronautic Defence and Space Company (EADS)" ------------------------------------
    def _link_parentheses(self, doc: Doc, mentions: list[Mention]) -> None:
        toks = doc.tokens
        by_start = {m.start: idx for idx, m in enumerate(mentions)}
        for idx, m in enumerate(mentions):
            if m.end + 2 < len(doc) + 1 and m.end < len(doc) and toks[m.end].text == "(":
                other = by_start.get(m.end + 1)
                if other is None:
                    continue
                o = mentions[other]
                if o.end < len(doc) and toks[o.end].text == ")":
                    if self._person_like(m) and not o.roles and not self._person_like(o) \
                            and not self._abbreviates(o.text, m.text):
                        # "Jan Jambon (N-VA)", "Ann Vanheste (sp.a)": the party or employer of a person
                        m.affiliations.insert(0, o.text)
                        m.person_cue = True
                        o.weak = False  # the capital after "(" says nothing, the apposition does
                        if o.key is None:
                            o.org_cue = True
                        continue
                    if o.kind in {"country", "place"} and o.key != m.key:
                        continue  # "Bismarck (VS)": the country of a place, no short form
                    if not is_acronym(m.text) and (is_acronym(o.text) or self._short_form(o.text, m.text)):
                        o.acronym_of = m
                        o.weak = False  # the capital after "(" says nothing, the long form does
                    elif is_acronym(m.text) and not is_acronym(o.text):
                        m.acronym_of = o

    def _role_before_portfolio(self, doc: Doc, i: int) -> int | None:
        """Token index of the role whose "van"/"voor" phrase token i continues: "minister van Buitenlandse
        Zaken" (i at "Buitenlandse"), "staatssecretaris voor Asiel en Migratie" (i at "Asiel" or "Migratie")."""
        toks = doc.tokens
        j = i - 1
        steps = 0
        while j >= 2 and (toks[j].text in self.lex.enumeration_joiners or toks[j].text == ",") \
                and toks[j - 1].text[:1].isupper() and steps < 3:
            j -= 1
            while j >= 1 and toks[j - 1].text[:1].isupper() and toks[j - 1].lower_ not in {"van", "voor"}:
                j -= 1
            j -= 1
            steps += 1
        if j >= 1 and toks[j].lower_ in {"van", "voor"} and self.lex.is_role(toks[j - 1].text):
            if j != i - 1 and toks[j - 1].lower_ not in self.lex.portfolio_roles:
                return None
            return j - 1
        return None

    def _person_like(self, m: Mention) -> bool:
        """A name the rules take for a person's: a role or form of address, or a given name and a surname."""
        words = m.text.split()
        return m.person_cue or bool(m.roles) or (
            len(words) >= 2 and words[0] in self.lex.first_names and m.key is None and not is_acronym(words[0]))

    @classmethod
    def _short_form(cls, short: str, long: str) -> bool:
        """"(Sobe)" after "Stichting Open Beveiliging Europa", "(Marino)" after "Marinovia Scheepsbouw":
        a one-word short form in parentheses spelling the initials or clipping the first word."""
        words = long.split()
        return " " not in short and len(words) > 1 and (
            cls._abbreviates(short, long) or len(short) >= 3 and words[0].lower().startswith(short.lower()))

    @staticmethod
    def _abbreviates(short: str, long: str) -> bool:
        """"EADS" for "European Aeronautic Defence and Space Company": the short form spells initials."""
        letters = "".join(c for c in short if c.isalpha()).lower()
        words = [p for w in long.split() for p in w.split("-") if p]
        return letters in {"".join(w[0] for w in words).lower(),
                           "".join(w[0] for w in words if w[:1].isupper()).lower()}

    # -- "De Russische president", "De NAVO-secretaris-generaal" ------------------------------------
    def _role_mentions(self, doc: Doc, is_name: list[bool]) -> list[Mention]:
        toks = doc.tokens
        lex = self.lex
        found = []
        n = len(doc)
        for tok in doc:
            if tok.lower_ not in {"de", "het"}:
                continue
            k = tok.i + 1
            affiliation = None
            if k < n and toks[k].text in lex.nationality:
                affiliation = lex.nationality[toks[k].text]
                k += 1
            if k >= n or not lex.is_role(toks[k].text):
                continue
            role = toks[k].text
            # a name follows: this is an introduction, not a reference ("de Russische president Vladimir Poetin")
            after = k + 1
            if after < n and toks[after].lower_ == "van":
                j = after + 1
                while j < n and (is_name[j] or toks[j].lower_ in {"de", "het"}):
                    j += 1
                if j > after + 1 and j < n and is_name[j - 1] and any(toks[x].text in lex.first_names for x in range(after + 1, j)):
                    continue
            if after < n and is_name[after]:
                continue
            if after < n and toks[after].text == ",":
                # "de topman, Louis Gallois"
                if after + 1 < n and is_name[after + 1]:
                    continue
            head = _lower_tail_split(role)
            m = self._make(doc, tok.i, k + 1)
            m.role_mention = True
            m.role_head = role
            if affiliation:
                m.affiliations.append(affiliation)
            if head is not None and role[0].isupper():
                m.affiliations.append(role[:head])
            found.append(m)
        return found
