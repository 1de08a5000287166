"""A Doc as the name rules read it: token attributes read once (:class:`DocView`), and the positions
where a capital says nothing (:func:`initial_positions`)."""
from __future__ import annotations

from spacy.attrs import IDX, IS_ALPHA, IS_SPACE, LIKE_NUM, LOWER, ORTH, POS, SENT_START, SPACY
from spacy.symbols import AUX, VERB
from spacy.tokens import Doc

from .shapes import ends_sentence

OPENING_MARKS = frozenset({"“", "„", '"', "`", "``", "'", "''", "‘", "’", "”", "«", "»", "(", "[", ":", ";", "‚", "‹",
                           "-", "–", "—", "•", "*"})
_VERB_TAGS = frozenset({VERB, AUX})


class TokenView:
    """The attributes of one spaCy token the rules read, read once per Doc (spaCy makes a new Token
    object on every ``doc[i]``, which made the scans below slow)."""

    __slots__ = ("i", "text", "lower_", "whitespace_", "idx", "is_sent_start", "is_alpha", "is_space", "is_verb",
                 "like_num")

    def __init__(self, i, text, lower, whitespace, idx, is_sent_start, is_alpha, is_space, is_verb=False,
                 like_num=False):
        self.i = i
        self.text = text
        self.lower_ = lower
        self.whitespace_ = whitespace
        self.idx = idx
        self.is_sent_start = is_sent_start
        self.is_alpha = is_alpha
        self.is_space = is_space
        self.is_verb = is_verb  # the tagger's reading (False without one): "Bel", "Loop" open a sentence
        self.like_num = like_num  # the language's number test: "12", "tachtig"


class SpanView:
    """``doc[start:end]`` of a :class:`DocView`: text and offsets as spaCy's Span gives them."""

    __slots__ = ("doc", "start", "end")

    def __init__(self, doc: "DocView", start: int, end: int):
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

    def __getitem__(self, k: int) -> TokenView:
        n = self.end - self.start
        if k < 0:
            k += n
        if not 0 <= k < n:
            raise IndexError(k)
        return self.doc.tokens[self.start + k]

    def __iter__(self):
        return iter(self.doc.tokens[self.start:self.end])


class DocView:
    """A read-only stand-in for a Doc: ``view[i]`` → token, ``view[a:b]`` → span, ``len(view)``."""

    __slots__ = ("doc", "text", "tokens")

    def __init__(self, doc: Doc):
        self.doc = doc
        strings = doc.vocab.strings
        tokens = []
        pieces = []
        if len(doc):
            rows = doc.to_array([IDX, ORTH, SPACY, LOWER, SENT_START, IS_ALPHA, IS_SPACE, POS, LIKE_NUM]).tolist()
            for i, (idx, orth, spacy, lower, sent_start, alpha, space, pos, num) in enumerate(rows):
                text = strings[orth]
                whitespace = " " if spacy else ""
                pieces.append(text)
                pieces.append(whitespace)
                tokens.append(TokenView(i, text, strings[lower], whitespace, idx,
                                         None if sent_start == 0 else sent_start == 1, bool(alpha), bool(space),
                                         pos in _VERB_TAGS, bool(num)))
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
            return SpanView(self, start, stop)
        return self.tokens[key]


def initial_positions(doc: Doc, blocks) -> set[int]:
    """Token indices where a capital says nothing: sentence, quote, heading and line starts."""
    view = doc if isinstance(doc, DocView) else DocView(doc)
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
                or ends_sentence(tok.text):  # "dat." and "VS." are one token
            starts.add(tok.i + 1)
    return starts
