"""Attribution cues around a quote: which word attributes it, and where its speaker phrase is.

All searches run on a *masked* copy of the text in which the words inside quotes are blanked out, so
a say-verb inside a quotation ("“Iedereen zei dat we gek waren”") is never taken for a cue and a
sentence boundary inside a quote does not cut the sentence around it.

Cue shapes (van Atteveldt's Dutch rules, Gender Gap Tracker's news rules):

- after the quote: “…”, zei Lavrov / ”, aldus het Kremlin / ”, zo noemde X het / ”, klinkt het
- before the quote: Lavrov zei: “…” / Hierover zei X dat ``…'' / Het Kremlin eist “…” / Lavrov: “…”
- anywhere in the sentence: volgens X
"""
from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

from .lexicon import Lexicon
from .marks import QuoteSpan

TOKEN = re.compile(r"\w+(?:[-'’&.]\w+)*|[^\w\s]")
_SENTENCE_END = re.compile(r"[.!?…]+[\"'”’»]*(?=\s+(?:,,)?[\"'“„‘«”’»‚`(\[]*[A-Z0-9À-Ý_])|\n")
_NEXT_SENTENCE = re.compile(r"[\"'”’»]*\s+(?=(?:,,)?[\"'“„‘«”’»‚`(\[]*[A-Z0-9À-Ý])")
_NEAR_DISTANCE = 7  # tokens between a near-only verb and the opening mark


@dataclass
class Cue:
    """An attribution cue: its offsets, and the speaker phrase it points at (or the context)."""

    start: int
    end: int
    kind: str  # "verb" | "source" | "colon" | "context"
    subject: tuple[int, int] | None = None  # where to look for the speaker
    subject_after: bool = True  # the speaker follows the cue (inversion, "aldus X")
    clause_start: int = 0


def mask_quotes(text: str, spans: list[QuoteSpan]) -> str:
    """The text with every quote's words blanked (offsets unchanged)."""
    if not spans:
        return text
    pieces, last = [], 0
    for span in spans:
        pieces.append(text[last:span.start])
        pieces.append(re.sub(r"\S", "_", text[span.start:span.end]).replace("\n", " "))
        last = span.end
    pieces.append(text[last:])
    return "".join(pieces)


class Sentences:
    """Sentence extents of the masked text (a quote never splits its sentence; ``run_in`` finds where a
    sentence restarts after an intertitle that lost its line break)."""

    def __init__(self, masked: str, text: str | None = None, spans: list[QuoteSpan] | None = None,
                 run_in: re.Pattern | None = None):
        starts = [0]
        for match in _SENTENCE_END.finditer(masked):
            starts.append(match.end())
        if run_in is not None:
            starts.extend(match.end() for match in run_in.finditer(masked))
        # a quote that ends its sentence inside the marks (“… ernstig.” Volgens X …) ends the sentence
        for span in spans or ():
            if text[span.start:span.end].rstrip()[-1:] in (".", "!", "?", "…"):
                nxt = _NEXT_SENTENCE.match(masked, span.close_end)
                if nxt:
                    starts.append(nxt.end())
        self.starts = sorted(set(starts))
        self.length = len(masked)

    def back(self, position: int, n: int) -> int:
        """The start of the sentence ``n`` sentences before the one around ``position``."""
        index = bisect_right(self.starts, position) - 1
        return self.starts[max(0, index - n)]

    def around(self, position: int) -> tuple[int, int]:
        index = bisect_right(self.starts, position) - 1
        end = self.starts[index + 1] if index + 1 < len(self.starts) else self.length
        return self.starts[index], end


def tokens(masked: str, start: int, end: int) -> list[tuple[str, int, int]]:
    """(lowercased word, start, end) for the words and punctuation of ``masked[start:end]``."""
    return [(m.group().lower(), m.start(), m.end()) for m in TOKEN.finditer(masked, start, end)]


def cue_after(masked: str, lex: Lexicon, start: int, end: int) -> Cue | None:
    """A cue right after the closing mark: ", zei X", ", aldus X", ", zo noemde X het", ", klinkt het"."""
    toks = tokens(masked, start, end)
    i = 0
    while i < len(toks) and toks[i][0] in (",", "-", "–", "—", "\"", "'", "”", "’", "»"):
        i += 1
    if i < len(toks) and toks[i][0] in lex.cue_openers:
        i += 1
    if i >= len(toks):
        return None
    word, cue_start, cue_end = toks[i]
    for phrase in lex.context_cues:
        if tuple(t[0] for t in toks[i:i + len(phrase)]) == phrase:
            cue_end = toks[i + len(phrase) - 1][2]
            k = i + len(phrase)
            if k + 1 < len(toks) and toks[k][0] in lex.context_cue_links:  # klinkt het bij het ministerie
                return Cue(cue_start, cue_end, "context", (toks[k][2], end))
            return Cue(cue_start, cue_end, "context")
    if word in lex.source_markers:
        return Cue(cue_start, cue_end, "source", (cue_end, end))
    cited = _cited_passive(lex, toks, i)
    if cited is not None:
        return Cue(cue_start, cue_end, "verb", (cue_end, cited))
    if word in lex.say_verbs or word in lex.near_verbs or (
            word in lex.separable and lex.separable[word] & {t[0] for t in toks[i + 1:]}):
        return Cue(cue_start, cue_end, "verb", (cue_end, end))
    if _inverted_verb(masked, lex, toks, i):
        return Cue(cue_start, cue_end, "verb", (cue_end, end))
    return None


def _cited_passive(lex: Lexicon, toks: list, i: int) -> int | None:
    """“…”, werd Jansen geciteerd door de krant: where the participle starts when ``toks[i]`` is the
    auxiliary of a passive "citeren" (its subject, between the two, said the words), else None."""
    if toks[i][0] not in lex.passive_auxiliaries:
        return None
    for word, start, _ in toks[i + 1:i + 14]:
        if word in (".", ";", ":", "!", "?") or word[0] == "_":
            return None
        if word in lex.cited_participles:
            return start if start > toks[i][2] else None
    return None


def later_cue(masked: str, lex: Lexicon, start: int, end: int) -> Cue | None:
    """“…” in woonstraten, zo noemt Jansen de magazijnen: a ", zo <reporting verb> X" clause later in
    the quote's sentence (no other quote between) attributes it."""
    toks = tokens(masked, start, end)
    for k in range(len(toks) - 2):
        if toks[k][0][0] == "_":
            return None
        if toks[k][0] == "," and toks[k + 1][0] in lex.cue_openers:
            word, s, e = toks[k + 2]
            if word in lex.say_verbs or word in lex.near_verbs or word in lex.predicative_verbs:
                return Cue(s, e, "verb", (e, end))
    return None


def _inverted_verb(masked: str, lex: Lexicon, toks: list, i: int) -> bool:
    """“…”, moppert zij / ”, constateert Jansen: right after a quote, a finite verb followed by its subject
    (a pronoun, a name, a determiner) is a reporting verb even when no word list has it — Dutch inverts
    the subject after a fronted quotation."""
    word = toks[i][0]
    if i + 1 >= len(toks) or not word.isalpha() or not masked[toks[i][1]].islower():
        return False
    if word in lex.not_inverted_verbs or word in lex.np_stop_words or word in lex.clause_boundaries \
            or word in lex.determiners or word in lex.skip_words or word in lex.person_pronouns:
        return False
    if not any(word.endswith(e) for e in lex.inverted_verb_endings) or len(word) < 4:
        return False
    nxt, n_start, _ = toks[i + 1]
    return nxt in lex.subject_pronouns or nxt in lex.inverted_subject_words or masked[n_start].isupper()


def cue_next_sentence(masked: str, lex: Lexicon, start: int, end: int) -> Cue | None:
    """"“…” Dat zegt X." / "Dat heeft X laten weten.": the next sentence attributes the quote's sentence."""
    toks = tokens(masked, start, end)
    if len(toks) < 3 or toks[0][0] not in lex.anaphoric_cue_subjects:
        return None
    word, cue_start, cue_end = toks[1]
    if word in lex.say_verbs or word in lex.near_verbs or (
            word in lex.separable and lex.separable[word] & {t[0] for t in toks[2:]}):
        return Cue(cue_start, cue_end, "verb", (cue_end, end))
    if word in lex.passive_auxiliaries or word in lex.cue_perfect_auxiliaries:
        for later, s, _ in toks[2:]:
            if later in lex.say_verbs or later in lex.near_verbs or later in lex.perfect_say_verbs:
                return Cue(cue_start, cue_end, "verb", (cue_end, s))
    return None


def cue_before(masked: str, lex: Lexicon, sentence_start: int, open_start: int) -> Cue | None:
    """The cue of a quote introduced before its opening mark (the rightmost one in the sentence)."""
    toks = tokens(masked, sentence_start, open_start)
    if not toks:
        return None
    n = len(toks)
    clause_start = sentence_start
    best: Cue | None = None
    particles_after = None
    main_clause = None  # where the main clause started while a relative clause is open
    for i, (word, s, e) in enumerate(toks):
        if word in (";", ":") and i < n - 1:
            clause_start, main_clause = e, None
        elif word == "," and i + 1 < n and toks[i + 1][0] in lex.clause_boundaries:
            if toks[i + 1][0] in lex.relative_pronouns:
                main_clause = clause_start if main_clause is None else main_clause
            clause_start = e
        elif word == "," and main_clause is not None:
            # "Jansen, die tien jaar wethouder was van Smit, zei": the relative clause
            # closes, the main clause (and its subject) goes on
            clause_start, main_clause = main_clause, None
        if word[0] == "_":
            continue  # a blanked quote
        verb = None
        if word in lex.say_verbs:
            verb = "say"
        elif word in lex.near_verbs and n - i <= _NEAR_DISTANCE:
            verb = "near"
        elif word in lex.predicative_verbs and not any(t[0] in (",", ";", ":") for t in toks[i + 1:]):
            verb = "near"  # noemde het plan dat de raad vorig jaar aannam ‘onzinnig’
        elif word in lex.separable:
            if particles_after is None:
                particles_after = {t[0] for t in tokens(masked, open_start, min(len(masked), open_start + 400))}
            rest = {t[0] for t in toks[i + 1:]} | particles_after
            if lex.separable[word] & rest:
                verb = "say"
        elif word in lex.near_verbs and toks[-1][0] in lex.near_verb_complements:
            verb = "near"  # beschreef het plan als ``…''
        elif word in lex.near_verbs and _dat_follows(toks, i, lex):
            verb = "near"  # vertelde ook dat …: a reporting verb with its complement
        elif word in lex.near_verbs and _complement_before_quote(toks, i, lex):
            verb = "near"  # erkent in een brief aan de Kamer dat X ‘…’: its complement holds the quote
        if verb and i > 0 and toks[i - 1][0] in lex.determiners:
            verb = None  # "noemt het besluit ‘…’": a noun that looks like a verb form
        if verb:
            best = Cue(s, e, "verb", (e, open_start), subject_after=False, clause_start=clause_start)
    if best is None:
        words = {t[0] for t in toks[clause_start_index(toks, clause_start):]}
        if lex.passive_agent in words and words & lex.passive_auxiliaries:
            for i, (word, s, e) in enumerate(toks):
                if word == lex.passive_agent and s >= clause_start:
                    return Cue(s, e, "source", (e, open_start), clause_start=clause_start)
    if best is None and toks[-1][0] == ":":
        best = Cue(toks[-1][1], toks[-1][2], "colon", (clause_start, toks[-1][1]), subject_after=False,
                   clause_start=clause_start)
    return best


def _dat_follows(toks: list, i: int, lex: Lexicon, reach: int = 4) -> bool:
    """A "dat" right after the verb at ``i``, past adverbs and a short object ("vertelde de BBC dat"),
    with no punctuation between: the verb reports speech."""
    for j in range(i + 1, min(len(toks), i + 2 + reach)):
        word = toks[j][0]
        if word in lex.reported_speech_openers:
            return True
        if not word[0].isalnum() or word in lex.clause_boundaries:
            return False
    return False


def _complement_before_quote(toks: list, i: int, lex: Lexicon) -> bool:
    """A "dat" after the verb at ``i`` and before the quote, with no comma or other quote between: the
    quote sits in the verb's reported-speech complement, however far the verb is."""
    for word, _, _ in toks[i + 1:]:
        if word in (",", ";", ":") or word[0] == "_":
            return False
        if word in lex.reported_speech_openers:
            return True
    return False


def clause_start_index(toks: list, clause_start: int) -> int:
    return next((i for i, t in enumerate(toks) if t[1] >= clause_start), len(toks))


def source_in(masked: str, lex: Lexicon, start: int, end: int) -> Cue | None:
    """A "volgens X" / "aldus X" anywhere in ``masked[start:end]``."""
    toks = tokens(masked, start, end)
    for i, (word, s, e) in enumerate(toks):
        if word in lex.source_markers and i + 1 < len(toks):
            return Cue(s, e, "source", (e, end))
    return None
