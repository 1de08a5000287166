"""Timeline component: temporal expressions → normalised values → dated events.

Recognition and normalisation follow HeidelTime's Dutch rules in spirit; every word list and pattern
lives in ``generator/data/<lang>/temporal.json``. Fills ``doc._.timexes`` (every recognised expression,
value None when it needs a publication date the article lacks) and ``doc._.timeline`` (entries sorted
chronologically, ids t1.. in that order).
"""
from __future__ import annotations

import bisect
import datetime as dt
import re

from spacy.attrs import IDX, ORTH, SENT_START, SPACY
from spacy.language import Language
from spacy.tokens import Doc

from ...model import TimeExpression
from .events import build_entries
from .normalise import Anchor, NeedsAnchor, Normaliser, OutOfRange
from .recognise import Recogniser
from .repeats import repeated_days_agree
from ..language_files import LanguageFilesComponent
from .resources import DATA_FILES, read_resources
from .speech import speech_days
from .tense import TenseDetector

_FALLBACK_SENTENCE = re.compile(r"[^.!?\n]*(?:[.!?]+[\"'”’»]*|\n|$)")
_SENTENCE_BREAK = re.compile(r"(?<=[a-zà-ÿ0-9)][.!?])[\"'”’»]*\s+(?=[A-ZÀ-Ý\"“„‘`'«])")
_WORD_BEFORE_STOP = re.compile(r"(\S+)\.[\"'”’»]*\s*$")
_MORPH_PIPES = frozenset({"morphologizer", "tagger", "attribute_ruler", "parser"})
_CLAUSE_PUNCT = re.compile(r"[,;:()\[\]\"“”„«»]|''|``")


def _after_abbreviation(text: str, match: re.Match, abbreviations: frozenset) -> bool:
    """A full stop after "St", "dhr" or "Inc" does not end the sentence ("in St. Louis gesloten")."""
    word = _WORD_BEFORE_STOP.search(text, max(0, match.start() - 20), match.end())
    return bool(word) and word.group(1).rsplit("(", 1)[-1] in abbreviations


def _text_and_sentences(doc: Doc) -> tuple[str, list[tuple[int, int]] | None]:
    """``doc.text`` and the character spans of ``doc.sents`` (None when the Doc has no sentence
    boundaries), read from one token array: both spaCy properties build a Python object per token."""
    if not len(doc):
        return doc.text, None
    strings = doc.vocab.strings
    rows = doc.to_array([IDX, ORTH, SPACY, SENT_START]).tolist()
    pieces = []
    for _idx, orth, spacy, _start in rows:
        pieces.append(strings[orth])
        if spacy:
            pieces.append(" ")
    text = "".join(pieces)
    if not doc.has_annotation("SENT_START"):
        return text, None
    if "sents" in doc.user_hooks:
        return text, [(s.start_char, s.end_char) for s in doc.sents]
    n = len(rows)
    starts = [0] + [i for i in range(1, n) if rows[i][3] == 1]
    ends = starts[1:] + [n]
    sentences = []
    for start, end in zip(starts, ends):
        last = end - 1
        sentences.append((rows[start][0], rows[last][0] + len(strings[rows[last][1]])))
    return text, sentences


def _before(start: str, end: str) -> str | None:
    """The start of a period that must not end before it begins: "van november tot februari", each
    placed in the publication year, starts the November before; None when no year back mends it."""
    if start <= end:
        return start
    earlier = f"{int(start[:4]) - 1:04d}{start[4:]}"
    if earlier > end or "-W" in start or start[4:] == "-02-29" or start[:4] <= "0001":  # weeks, leap days, year 1
        return None
    return earlier


def join_ranges(text: str, timexes: list[TimeExpression], ranges: dict[str, list[str]]) -> list[TimeExpression]:
    """"tussen 2014 en 2017", "van 12 tot en met 22 april": two ends of one period become one expression
    with ``end_value`` (a bare day number before a full date takes that date's month and year)."""
    if not ranges or not timexes:
        return timexes
    openers = "|".join(sorted(map(re.escape, ranges), key=len, reverse=True))
    joiners = sorted({j for js in ranges.values() for j in js}, key=len, reverse=True)
    joiner = "|".join(map(re.escape, joiners))
    before_first = re.compile(r"(?:^|(?<=\W))(" + openers + r")\s+$", re.IGNORECASE)
    bare_day = re.compile(r"(?:^|(?<=\W))(" + openers + r")\s+(\d{1,2})\s*(" + joiner + r")\s*$", re.IGNORECASE)
    out: list[TimeExpression] = []
    i = 0
    while i < len(timexes):
        a = timexes[i]
        b = timexes[i + 1] if i + 1 < len(timexes) else None
        if b is not None and a.value and b.value and a.precision == b.precision:
            opener = before_first.search(text, max(0, a.start - 12), a.start)
            between = text[a.end:b.start].strip().lower()
            first = _before(a.value, b.end_value or b.value)
            if opener and between in ranges.get(opener.group(1).lower(), ()) and first:
                out.append(TimeExpression(opener.start(1), b.end, text[opener.start(1):b.end], first, a.precision,
                                          end_value=b.end_value or b.value, certain=a.certain and b.certain,
                                          in_quote=a.in_quote))
                i += 2
                continue
        if a.value and a.precision == "day" and not a.end_value:
            m = bare_day.search(text, max(0, a.start - 30), a.start)
            if m and m.group(3).lower() in ranges.get(m.group(1).lower(), ()) \
                    and (not out or out[-1].end <= m.start(1)):
                try:
                    first = dt.date.fromisoformat(a.value).replace(day=int(m.group(2)))
                except ValueError:
                    first = None
                if first is not None and first.isoformat() < a.value:
                    out.append(TimeExpression(m.start(1), a.end, text[m.start(1):a.end], first.isoformat(), "day",
                                              end_value=a.value, certain=a.certain, in_quote=a.in_quote))
                    i += 1
                    continue
        out.append(a)
        i += 1
    return out


class TimelineBuilder(LanguageFilesComponent):
    """The ``explainer_timeline`` component; its word lists are ``data/<lang>/temporal.json`` and
    ``abbreviations.txt``."""

    def __init__(self, nlp: Language, name: str):
        super().__init__(nlp, name)
        self.nlp = nlp  # which pipes ran before (a morphologizer's tense features)

    def data_files(self, folder):
        return list(DATA_FILES)

    def read(self, folder, lang: str) -> None:
        self.res = read_resources(folder)
        self.recogniser = Recogniser(self.res)
        self.normaliser = Normaliser(self.res, self.recogniser)
        self.tense = TenseDetector(self.res)
        breaks = sorted(self.res.sets["clause_breaks"], key=len, reverse=True)
        self._clause_word = re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, breaks)) + r")(?!\w)", re.IGNORECASE)

    # -- document structure ----------------------------------------------------------------------
    def _excluded(self, doc: Doc, text: str) -> list[tuple[int, int]]:
        """The dateline ("13-Jun-05") opening the body is not a date of the story."""
        blocks = doc._.blocks or []
        first = (blocks[0].start, blocks[0].end) if blocks else (0, (text.find("\n") + 1 or len(text) + 1) - 1)
        if self.res.dateline and self.res.dateline.match(text[first[0]:first[1]]):
            return [first]
        return []

    def _sentences(self, doc: Doc, text: str, doc_sentences=None) -> list[tuple[int, int]]:
        spans: list[tuple[int, int]] = []
        if doc_sentences is not None:
            spans = doc_sentences
        elif len(doc) and doc.has_annotation("SENT_START"):
            spans = [(s.start_char, s.end_char) for s in doc.sents]
        else:
            spans = [m.span() for m in _FALLBACK_SENTENCE.finditer(text) if m.group().strip()]
        # never across paragraph/heading boundaries, line breaks, or a full stop before a capital
        cuts = sorted({b.start for b in (doc._.blocks or [])} | {m.end() for m in re.finditer(r"\n", text)}
                      | {m.end() for m in _SENTENCE_BREAK.finditer(text) if not _after_abbreviation(text, m, self.res.abbreviations)})
        result = []
        for start, end in spans:
            inner = [c for c in cuts[bisect.bisect_right(cuts, start):bisect.bisect_left(cuts, end)]]
            for cut in inner + [end]:
                if text[start:cut].strip():
                    result.append((start, cut))
                start = cut
        return result

    # -- tense -------------------------------------------------------------------------------------
    def _clause(self, text: str, sentence: tuple[int, int], start: int, end: int) -> tuple[int, int]:
        s, e = sentence
        left, right = s, e
        for m in _CLAUSE_PUNCT.finditer(text, s, e):
            if m.end() <= start:
                left = max(left, m.end())
            elif m.start() >= end:
                right = min(right, m.start())
                break
        for m in self._clause_word.finditer(text, left, right):
            if m.end() <= start:
                left = max(left, m.start())
            elif m.start() >= end:
                right = min(right, m.start())
                break
        return left, right

    def _tense(self, doc: Doc, text: str, sentence: tuple[int, int], start: int, end: int,
               morph: bool, strict: bool = False) -> str | None:
        """Tense of the clause around the expression, else of its sentence (strict: the clause only)."""
        clause = self._clause(text, sentence, start, end)
        before = text[sentence[0]:start].split()
        governed = self.tense.governs(before[-1] if before else "")
        for lo, hi in ((clause,) if strict else (clause, sentence)):
            if morph:
                span = doc.char_span(lo, hi, alignment_mode="expand")
                if span is not None:
                    tokens = [t for t in span if not (start <= t.idx < end)]
                    found = self.tense.tense_of_tokens(tokens, governed)
                    if found in ("past", "future"):
                        return found
                    if found == "present" and lo == clause[0] and hi == clause[1]:
                        # a present-tense clause ("We moeten woensdag winnen") speaks for itself: the
                        # sentence's other clauses ("anders heeft het geen zin gehad") do not move it
                        return None
                    if found == "present":
                        continue
            found = self.tense.tense_of_text(text[lo:start] + " " + text[end:hi], governed)
            if found:
                return found
        return None

    # -- the component ---------------------------------------------------------------------------
    def _resolve(self, doc: Doc, text: str, cand, reference, anchor, tense, in_quote: bool,
                 missing: list[str]):
        """One expression as a TimeExpression against ``reference`` (the publication date, or the day a
        quote was spoken), with the normalised Value (None when it has no date)."""
        expression = text[cand.start:cand.end]
        undated = TimeExpression(cand.start, cand.end, expression, None, None, certain=False, in_quote=in_quote)
        try:
            value = self.normaliser.normalise(cand, text, reference, anchor, tense)
        except NeedsAnchor:
            missing.append(expression)
            return undated, None
        except OutOfRange:  # "no date", never a crash: the review lists it
            doc._.warnings.append(f"timeline: {expression!r} falls outside the years 1-9999 (check the "
                                  "article's Date:); left without a date")
            return undated, None
        if value is None:
            return undated, None
        return TimeExpression(cand.start, cand.end, expression, value.value, value.precision,
                              end_value=value.end_value, certain=value.certain, in_quote=in_quote), value

    def __call__(self, doc: Doc) -> Doc:
        self.require_data()
        text, doc_sentences = _text_and_sentences(doc)
        pub = doc._.publication_date
        if doc._.warnings is None:
            doc._.warnings = []
        sentences = self._sentences(doc, text, doc_sentences)
        starts = [s for s, _ in sentences]

        def sentence_of(offset: int) -> tuple[int, int]:
            i = bisect.bisect_right(starts, offset) - 1
            if i >= 0 and sentences[i][0] <= offset < sentences[i][1] + 1:
                return sentences[i]
            return (max(0, offset - 100), min(len(text), offset + 100))

        quotes = sorted((q for q in (doc._.quotes or []) if hasattr(q, "start")), key=lambda q: q.start)
        quote_starts = [q.start for q in quotes]
        morph = bool(len(doc)) and any(name in _MORPH_PIPES for name in self.nlp.pipe_names) \
            and doc.has_annotation("MORPH")
        anchor: Anchor | None = None
        timexes: list[TimeExpression] = []
        missing: list[str] = []
        resolved = []  # (candidate, its tense, the anchor it saw, the quote it is in) per expression
        for cand in self.recogniser.find(text, self._excluded(doc, text)):
            sentence = sentence_of(cand.start)
            cache: dict = {}

            def tense(strict=False, cand=cand, sentence=sentence, cache=cache):
                if strict not in cache:
                    cache[strict] = self._tense(doc, text, sentence, cand.start, cand.end, morph, strict)
                return cache[strict]

            quote = bisect.bisect_right(quote_starts, cand.start) - 1
            quote = quote if quote >= 0 and cand.end <= quotes[quote].end else None
            resolved.append((cand, tense, anchor, quote))
            timex, value = self._resolve(doc, text, cand, pub, anchor, tense, quote is not None, missing)
            timexes.append(timex)
            # a quote counts on from its own story ("drie weken later", says the witness): the narrative's
            # next "de volgende dag" still counts from the narrative's last date
            if value is not None and value.updates_anchor and value.anchor is not None \
                    and not (quote is not None and cand.kind == "anchored"):
                anchor = Anchor(value.anchor, value.precision, cand.end, "year" in cand.groups
                                and not cand.groups["year"].startswith("'"))
        if quotes:
            days = speech_days(quotes, timexes, sentence_of)
            for index, (cand, tense, seen, quote) in enumerate(resolved):
                day = days[quote] if quote is not None else None
                if day is not None and day != pub:
                    before = timexes[index]
                    timexes[index], _ = self._resolve(doc, text, cand, day, seen, tense, True, [])
                    if before.value is None and timexes[index].value is not None and before.text in missing:
                        missing.remove(before.text)
        for expression in missing:
            doc._.warnings.append(
                f"timeline: no publication date, so {expression!r} cannot be placed on the timeline "
                "(add a Date: to the article header)")
        timexes = repeated_days_agree([cand for cand, *_ in resolved], timexes, pub)
        timexes = join_ranges(text, timexes, self.res.data.get("ranges", {}))
        doc._.timexes = timexes
        doc._.timeline = build_entries(text, timexes, sentence_of, doc._.actors, doc._.quotes,
                                       vague_markers=self.res.sets["vague_markers"],
                                       conjunction=self.res.summary_conjunction)
        return doc


@Language.factory("explainer_timeline", assigns=["doc._.timexes", "doc._.timeline", "doc._.warnings"])
def make_timeline_builder(nlp: Language, name: str) -> TimelineBuilder:
    return TimelineBuilder(nlp, name)
