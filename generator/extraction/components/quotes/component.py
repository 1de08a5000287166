"""Quotes: every quoted stretch of speech in the article, with its attribution cue and speaker.

``doc._.quotes`` is a list of :class:`~generator.extraction.model.Quote` in text order (ids q1, q2, …). The
work is split by question:

- :mod:`.marks` — where are the quotes? (quote marks, nesting, apostrophes, malformed wire copy)
- :mod:`.cues` — what attributes them? ("zei", "aldus", "volgens", "X:", "klinkt het")
- :mod:`.attribution` — which actor is the speaker? (names, roles, pronouns, context)

and this module wires them together, decides full versus partial quotes, drops quoted names and
scare quotes, and attributes headline quotes and cue-less continuation quotes.

Example (the seed article): in “Rusland verplaatst meer troepen …”, aldus Stoltenberg. “De bewapening
gaat dus voort.” the first quote has the cue "aldus" and the speaker Jens Stoltenberg; the second has
no cue and continues his words.
"""
from __future__ import annotations

import re
from bisect import bisect_right

from spacy.language import Language
from spacy.tokens import Doc

from ...model import Block, Quote
from .attribution import ActorIndex, Evidence, SpeakerResolver
from .cues import (Cue, Sentences, _dat_follows, cue_after, cue_before, cue_next_sentence, later_cue, mask_quotes,
                   source_in, tokens)
from ..language_files import LanguageFilesComponent
from .lexicon import Lexicon, data_files, read_lexicon
from .marks import MarkScanner, QuoteSpan, find_quote_spans
from .syntax import has_parse, speaker_of, speaker_token

_WORDS = re.compile(r"\w+")
_INTERNAL_BREAK = re.compile(r"[.!?…][\"'”’»]*\s+(?:,,)?[\"'“„‘«‚`]*[A-Z0-9À-Ý]|\n")
_HEADLINE_PREFIX = re.compile(r"^[^:\n]{1,80}:\s*$")
_OPENING_QUOTE = re.compile(r"\s*[^\w\s]*_[_\s]*[^\w\s]*\s*")


def _continued(evidence: Evidence | None) -> Evidence:
    return Evidence("previous quote", None, evidence.label if evidence else None)


_WORD = re.compile(r"\w+")
_PULL_QUOTE_MIN_WORDS = 4  # fewer words ("Nooit meer", "Dat klopt") repeat by chance, not as a pull quote


def _repeated(text: str, span: QuoteSpan, records: list) -> list | None:
    """The attributed quote whose words this one repeats, in order, elsewhere in the article: a pull
    quote (a streamer between paragraphs) says again what a speaker said; else None."""
    words = _WORD.findall(text[span.start:span.end].lower())
    if len(words) < _PULL_QUOTE_MIN_WORDS:
        return None
    needle = " " + " ".join(words) + " "
    for other in records:
        if other[0] is span or not other[4] or other[5]:
            continue
        if needle in " " + " ".join(_WORD.findall(text[other[0].start:other[0].end].lower())) + " ":
            return other
    return None


def _separable_reporting(toks: list, i: int, lex) -> bool:
    """"X laat weten dat …", "X gaf aan dat …": a separable cue verb whose particle opens reported
    speech (not "gaf de prijs aan zijn moeder")."""
    particles = lex.separable.get(toks[i][0])
    if not particles:
        return False
    return any(word in particles and k + 1 < len(toks) and toks[k + 1][0] in lex.reported_speech_openers
               for k, (word, _, _) in enumerate(toks[i + 1:], start=i + 1))


def _opens_paragraph(masked: str, span: QuoteSpan, blocks: list[Block], block: int) -> bool:
    """Whether the quote is the first thing in its paragraph (block ``block``): the lead of a report,
    whose speaker the sentences after it name."""
    return not blocks or not masked[blocks[block].start:span.open_start].strip()


def blocks_of(doc: Doc) -> list[Block]:
    """The article's blocks, or paragraphs split on blank lines when the reader gave none."""
    if doc._.blocks:
        return sorted(doc._.blocks, key=lambda b: b.start)
    blocks, start = [], 0
    for match in re.finditer(r"\n\s*\n", doc.text):
        blocks.append(Block("paragraph", start, match.start()))
        start = match.end()
    blocks.append(Block("paragraph", start, len(doc.text)))
    return blocks


def is_full_quote(text: str, span: QuoteSpan, masked: str, sentence: tuple[int, int]) -> bool:
    """A whole sentence or more of speech, as opposed to a few words inside the writer's sentence."""
    content = text[span.start:span.end]
    if _INTERNAL_BREAK.search(content.strip()):
        return True
    first = next((c for c in content if c.isalnum()), "")
    if not (first.isupper() or first.isdigit()):
        return False
    if content.rstrip()[-1:] in ".!?…,":
        return True
    before = masked[sentence[0]:span.open_start].strip()
    after = masked[span.close_end:sentence[1]].strip()
    return (not before or before.endswith(":")) and (not after or after[0] in ",.!?;-–—")


class QuoteExtractor(LanguageFilesComponent):
    """The ``explainer_quotes`` component: finds, filters and attributes quotes; its word lists are
    ``data/<lang>/quotes.json`` and the given-names file that names."""

    def data_files(self, folder):
        return data_files(folder)

    def read(self, folder, lang: str) -> None:
        self.lex: Lexicon = read_lexicon(folder, lang)
        self.scanner = MarkScanner(self.lex.marks, self.lex.elisions)

    def __call__(self, doc: Doc) -> Doc:
        self.require_data()
        doc._.quotes = self.extract(doc.text, blocks_of(doc), list(doc._.actors or []), doc)
        return doc

    def extract(self, text: str, blocks: list[Block], actors: list, doc: Doc | None = None) -> list[Quote]:
        self.doc = doc if has_parse(doc) else None
        spans = find_quote_spans(text, blocks, self.scanner)
        masked = mask_quotes(text, spans)
        sentences = Sentences(masked, text, spans, self.lex.run_in_boundary)
        index = ActorIndex(actors, text, masked, self.lex)
        resolver = SpeakerResolver(index, self.lex)
        block_starts = [b.start for b in blocks]

        def block_of(position: int) -> int:
            return max(0, bisect_right(block_starts, position) - 1)

        self._source_events(masked, sentences, resolver, spans)
        self._speech_events(masked, sentences, resolver)

        records = []  # [span, full, cue, speaker, attributed, headline, evidence]
        for k, span in enumerate(spans):
            sentence = (sentences.around(span.open_start)[0], sentences.around(max(span.close_end - 1, 0))[1])
            headline = self._is_headline(text, span, blocks, block_of(span.start))
            full = headline or is_full_quote(text, span, masked, sentence)
            resolver.take_evidence()
            cue, speaker, attributed = self._attribute(text, masked, spans, k, sentence, resolver, blocks,
                                                       block_of, sentences)
            evidence = resolver.take_evidence() if attributed else None
            if not headline and not self._keep(text, masked, span, full, cue, sentence):
                continue
            if not attributed and k > 0 and records and records[-1][0] is spans[k - 1] \
                    and spans[k - 1].close_end >= sentence[0] and records[-1][4]:
                speaker, attributed = records[-1][3], True  # the same sentence goes on quoting the same speaker
                evidence = _continued(records[-1][6])
            records.append([span, full, cue, speaker, attributed, headline, evidence])
            if attributed and not headline:
                resolver.add_event(max(span.end, cue.end if cue else 0), speaker,
                                   evidence.label if evidence else None)

        # quotes without a cue: continue the speaker of the adjacent quote, or of the text around
        for i, record in enumerate(records):
            span, full, cue, speaker, attributed, headline, _ = record
            if attributed or headline or not full or cue is not None:
                continue
            original = _repeated(text, span, records)
            if original is not None:  # a pull quote: the words of a quote the article attributes elsewhere
                record[3], record[4] = original[3], True
                record[6] = Evidence("repeated quote", None, original[6].label if original[6] else None)
                continue
            block = block_of(span.start)
            floor = blocks[max(0, block - 1)].start if blocks else 0
            # in a long paragraph (or a body without breaks) only the last few sentences set the speaker
            floor = max(floor, sentences.back(span.open_start, self.lex.context_sentences))
            current = resolver.current_speaker(span.start, not_before=floor, named_only=False)
            # “Burgemeester Bos sprak de raad toe. ‘…’”: the person the sentence before is about, unless
            # that sentence itself reports someone's words; also when the last speaker's quote opened
            # that sentence (“‘…’ Wethouder Dekker reageerde kort. ‘…’”): a new subject after it speaks
            introduced = self._introduced_speaker(masked, sentences, span, resolver, block, block_of)
            if introduced is not None and (current is None or (current.actor != introduced[0] and (
                    current.position < introduced[1] or current.position < sentences.back(span.open_start, 1)))):
                actor = introduced[0]
                if actor is not None:
                    record[3], record[4] = actor, True
                    record[6] = Evidence("context")
                    resolver.add_event(span.end, actor)
                    continue
            if current is not None and blocks and current.position < blocks[block].start \
                    and _opens_paragraph(masked, span, blocks, block):
                # a paragraph opening with a quote: a report in the sentences after it in that paragraph
                # (“‘…’ Premier X zei gisteren dat …”) speaks louder than the last paragraph's speaker
                reported = self._reported_after(masked, sentences, spans, span, resolver, blocks, block, block_of)
                if reported is not None and reported.actor != current.actor:
                    record[3], record[4] = reported.actor, True
                    record[6] = Evidence("context")
                    continue
            if current is not None:
                record[3], record[4] = current.actor, True
                record[6] = Evidence("previous quote", None, current.label)
                resolver.add_event(span.end, current.actor, current.label)
                continue
            # “‘…’ Minister Van Dam schrijft dat …”: the sentence right after reports the speaker's words
            following = sentences.around(sentences.around(max(span.close_end - 1, 0))[1])
            reported = self._reported_after(masked, sentences, spans, span, resolver, blocks, block, block_of)
            if reported is not None:
                record[3], record[4] = reported.actor, True
                record[6] = Evidence("context")
                continue
            named = self._named_after(masked, following, span, resolver) \
                if following[0] >= span.close_end and block_of(following[0]) == block else None
            if named is not None:  # “‘…’ De vrouw, Trudy Bakker, heeft …”: the described speaker, named
                record[3], record[4] = named, True
                record[6] = Evidence("context")
                resolver.add_event(span.end, named)
                continue
            for later in records[i + 1:]:
                if block_of(later[0].start) > block + 1:
                    break
                if later[4] and later[2] is not None and not later[5]:
                    record[3], record[4] = later[3], True
                    record[6] = Evidence("next quote", None, later[6].label if later[6] else None)
                    break
            if not record[4] and introduced is not None:  # “Wetenschapper X is kritisch. “…”
                actor = introduced[0]
                if actor is not None:
                    record[3], record[4] = actor, True
                    record[6] = Evidence("context")
                    resolver.add_event(span.end, actor)

        # a few words quoted without a cue: the person the sentence names nearest before them ("Jansen
        # voelt zich 'een buitenstaander'"); words in quotes are someone's. (A person named only after
        # them is as often the object: "… 'een lied', voor zijn broer X".)
        for record in records:
            span, full, cue, speaker, attributed, headline, _ = record
            if attributed or headline or full:
                continue
            actor = self._person_in_sentence(sentences, span, resolver)
            if actor is not None:
                record[3], record[4], record[6] = actor, True, Evidence("sentence")

        # headline quotes: "Lavrov: “…”", or a quoted subhead attributed by the paragraph under it
        for record in records:
            span, full, cue, speaker, attributed, headline, _ = record
            if not headline or attributed:
                continue
            original = _repeated(text, span, records)
            if original is not None:  # a streamer between paragraphs repeats a quote of the text
                record[3], record[4] = original[3], True
                record[6] = Evidence("repeated quote", None, original[6].label if original[6] else None)
                continue
            block = block_of(span.start)
            if block + 1 < len(blocks):
                nxt = blocks[block + 1]
                for event in resolver.events:
                    if nxt.start <= event.position < nxt.end and event.actor:
                        record[3] = event.actor
                        record[6] = Evidence("context")
                        break

        quotes = []
        for span, full, cue, speaker, attributed, headline, evidence in records:
            evidence = evidence if attributed or speaker else None
            quotes.append(Quote(
                id=f"q{len(quotes) + 1}", text=text[span.start:span.end], start=span.start, end=span.end,
                words=len(text[span.start:span.end].split()),
                speaker=speaker, partial=not full, cue=(cue.start, cue.end) if cue else None,
                headline=headline,
                speaker_label=evidence.label if evidence and speaker is None else None,
                speaker_span=evidence.span if evidence and evidence.span else None,
                speaker_evidence=evidence.via if evidence else None,
            ))
        return quotes

    # -- steps -------------------------------------------------------------------------------------

    def _source_events(self, masked: str, sentences: Sentences, resolver: SpeakerResolver, spans) -> None:
        """"aldus X" and "volgens X" outside quotes: they set the speaker of the surrounding text."""
        for match in self.lex.source_marker_words.finditer(masked) if self.lex.source_marker_words else ():
            end = sentences.around(match.start())[1]
            actor, found, _ = resolver.subject_after(match.end(), end)
            if actor:
                resolver.add_event(match.start(), actor)

    def _speech_events(self, masked: str, sentences: Sentences, resolver: SpeakerResolver) -> None:
        """Reported speech outside quotes sets the speaker of the text around it ("…, zegt Van Dijk.",
        "Premier De Vries verklaarde dat …"): a cue-less quote right after it continues that speaker."""
        lex = self.lex
        for start in sentences.starts:
            end = sentences.around(start)[1]
            if "_" in masked[start:end]:
                continue  # a sentence with a quote: the quote's own attribution sets the speaker
            toks = tokens(masked, start, end)
            resolver.take_evidence()
            for i, (word, s, e) in enumerate(toks):
                if word == "," and i + 1 < len(toks):
                    cue = cue_after(masked, lex, s, end)
                    if cue is not None and cue.kind == "verb":
                        actor, found, _ = resolver.subject_after(cue.end, end)
                        if found:
                            evidence = resolver.take_evidence()
                            resolver.add_event(cue.start, actor, evidence.label if evidence else None)
                            break
            else:
                for i, (word, s, e) in enumerate(toks):
                    if word in lex.say_verbs or (word in lex.near_verbs and _dat_follows(toks, i, lex)) \
                            or _separable_reporting(toks, i, lex):
                        actor, found = resolver.subject_before(start, s)
                        if found:
                            evidence = resolver.take_evidence()
                            resolver.add_event(s, actor, evidence.label if evidence else None)
                        break

    def _attribute(self, text, masked, spans, k, sentence, resolver: SpeakerResolver, blocks, block_of,
                   sentences: Sentences):
        """(cue, speaker id, attributed?) for quote ``k``: the rules, then the parse for a quote the rules
        leave without a speaker. (Letting the parse overrule a speaker the rules found cost accuracy
        on both development sets with the first parser model, UAS ~0.8.)"""
        cue, actor, attributed = self._attribute_rules(text, masked, spans, k, sentence, resolver, blocks,
                                                       block_of, sentences)
        if self.doc is None or actor is not None:
            return cue, actor, attributed
        if attributed and resolver.evidence is not None and resolver.evidence.via == "pronoun":
            return cue, actor, attributed  # the rules read the pronoun ("zeggen ze": a group); so would the parse
        span = spans[k]
        verb_cue = cue is not None and cue.kind == "verb"
        if cue is not None and not verb_cue:
            return cue, actor, attributed  # "volgens", colon, context: the rules read those
        subject = speaker_token(self.doc, (span.open_start, span.close_end),
                                (cue.start, cue.end) if verb_cue else None, self.lex)
        if subject is None:
            return cue, actor, attributed
        kept = resolver.take_evidence()
        speaker = speaker_of(subject, resolver, self.lex)
        if speaker is None:
            resolver.evidence = kept
            return cue, actor, attributed
        return cue, speaker, True

    def _attribute_rules(self, text, masked, spans, k, sentence, resolver: SpeakerResolver, blocks, block_of,
                         sentences: Sentences):
        """(cue, speaker id, attributed?) for quote ``k`` from the cues in and around its sentence."""
        span = spans[k]
        cue = after = self._cue_after(text, masked, spans, k, sentence, blocks, block_of)
        if cue is not None:
            if cue.kind == "context":
                if cue.subject is not None:  # "klinkt het bij het ministerie": the speaker is named
                    actor, found, _ = resolver.subject_after(cue.subject[0], cue.subject[1])
                    if found or actor:
                        return cue, actor, True
                current = resolver.current_speaker(span.start)
                introduced = self._introduced_speaker(masked, sentences, span, resolver, block_of(span.start),
                                                      block_of)
                if introduced is not None and introduced[0] is not None and (
                        current is None or (current.actor != introduced[0] and current.position < introduced[1])):
                    return cue, introduced[0], True  # "De schepen geeft niet op. “…”, klinkt het": the one introduced
                return cue, current.actor if current else None, current is not None
            actor, found, _ = resolver.subject_after(cue.end, cue.subject[1])
            if found or actor:
                return cue, actor, True
        cue = cue_before(masked, self.lex, sentence[0], span.open_start)
        if cue is not None:
            if cue.kind == "colon":
                segment = tokens(masked, cue.subject[0], cue.subject[1])
                actor_id = resolver.statement_source(segment)
                pronoun = next((t for t in segment if t[0] in self.lex.subject_pronouns), None)
                if actor_id is None and pronoun is not None:  # "Daarover was hij kort: “…”"
                    actor_id = resolver.pronoun(pronoun[1])
                subject = self._inverted_subject_before_colon(segment)
                if actor_id is None and subject is not None:  # "… roept de presentator: ‘…’"
                    actor, found, _ = resolver.subject_after(subject, cue.subject[1])
                    if found:
                        return cue, actor, True
                if actor_id is None:
                    actor = resolver.index.best_in_window(cue.subject[0], cue.subject[1],
                                                          ("person", "organisation", "group"))
                    if actor is None and len(segment) <= 3:
                        actor = resolver.index.best_in_window(cue.subject[0], cue.subject[1])
                    actor_id = actor.id if actor else None
                if actor_id:
                    return cue, actor_id, True
            elif cue.kind == "source":
                actor, found, _ = resolver.subject_after(cue.end, span.open_start)
                if actor:
                    return cue, actor, True
            else:
                actor, found = resolver.subject_before(cue.clause_start, cue.start)
                if not found:
                    actor, found, _ = resolver.subject_after(cue.end, span.open_start)
                if actor is None:
                    source = source_in(masked, self.lex, sentence[0], sentence[1])
                    if source:
                        actor = resolver.subject_after(source.end, source.subject[1])[0]
                if actor or found:
                    return cue, actor, True
        source = source_in(masked, self.lex, sentence[0], sentence[1])
        if source is not None:
            actor, found, _ = resolver.subject_after(source.end, source.subject[1])
            if actor or (found and resolver.evidence and resolver.evidence.label):
                return source, actor, True  # "volgens de procureur is dat ‘…’": kept as written
        if cue is None and after is None:
            # "“…” Dat zegt X.": the next sentence; for a quote opening its paragraph also the one after
            # ("“…” Het stadsbestuur wil … Dat zei raadslid X."), unless the sentence between quotes someone
            block = block_of(span.start)
            opens = _opens_paragraph(masked, span, blocks, block)
            following = sentences.around(sentence[1])
            for hop in range(self.lex.lead_quote_sentences if opens else 1):
                if following[0] != sentence[1] if hop == 0 else block_of(following[0]) != block:
                    break
                nxt = cue_next_sentence(masked, self.lex, following[0], following[1])
                if nxt is not None:
                    actor, found, _ = resolver.subject_after(nxt.end, nxt.subject[1])
                    if actor or found:
                        return nxt, actor, True
                if following[1] >= len(masked) or any(following[0] <= other.open_start < following[1]
                                                      for other in spans):
                    break
                following = sentences.around(following[1])
        return cue or after or source, None, False  # a cue whose speaker we cannot name, or no cue at all

    def _inverted_subject_before_colon(self, segment: list) -> int | None:
        """Where "de presentator" starts in "…, roept de presentator:": a definite noun phrase of at
        most a few words right after a finite verb, ending the clause before the colon."""
        for d in range(len(segment) - 1, max(0, len(segment) - 5), -1):
            word = segment[d][0]
            if word not in self.lex.determiners or word in self.lex.indefinite_determiners:
                continue
            verb = segment[d - 1][0]
            plain_word = verb.isalpha() and verb not in self.lex.np_stop_words and verb not in self.lex.prepositions
            if plain_word and (self.lex.is_cue_verb(verb) or (
                    verb not in self.lex.not_inverted_verbs and len(verb) >= 4
                    and any(verb.endswith(e) for e in self.lex.inverted_verb_endings))):
                return segment[d][1]
            return None
        return None

    @staticmethod
    def _person_in_sentence(sentences: Sentences, span: QuoteSpan, resolver: SpeakerResolver) -> str | None:
        """The person named nearest before ``span`` in its sentence."""
        start = sentences.around(span.open_start)[0]
        before = resolver.index.in_window(start, span.open_start, ("person",))
        return before[-1][2].id if before else None

    def _introduced_speaker(self, masked, sentences: Sentences, span: QuoteSpan, resolver: SpeakerResolver,
                            block: int, block_of) -> tuple[str | None, int] | None:
        """The person who is the subject of the sentence right before a cue-less quote that opens its
        sentence ("Burgemeester X sprak de raad toe. “…”"), in the same or the previous paragraph, with
        where the sentence names them."""
        start = sentences.around(span.open_start)[0]
        if masked[start:span.open_start].strip():
            return None
        before = masked[:start].rstrip()
        if not before or before[-1] not in ".!?:":
            return None
        previous = sentences.around(len(before) - 1)
        if block_of(previous[0]) < block - 1:
            return None
        opening = _OPENING_QUOTE.match(masked, previous[0], previous[1])
        if opening:  # the sentence after a quote that opened it: “…” Wethouder Dekker reageerde kort.
            previous = (opening.end(), previous[1])
        toks = tokens(masked, previous[0], previous[1])
        i = 0
        while i < len(toks) and toks[i][0] in self.lex.skip_words:
            i += 1
        if i + 1 < len(toks) and self._person_subject(toks[i][0], toks[i + 1][0]):
            return resolver.pronoun(toks[i][1]), toks[i][1]
        for j in range(i + 1, min(i + 3, len(toks))):  # "Toch zal hij …": the subject after the finite verb
            if not toks[j - 1][0].isalpha() or toks[j - 1][0] in self.lex.np_stop_words \
                    or toks[j - 1][0] in self.lex.np_prepositions:
                break
            if self._person_subject(toks[j][0], toks[j - 1][0]):
                return resolver.pronoun(toks[j][1]), toks[j][1]
        source = resolver.statement_source(toks)
        if source is not None:  # "Later kwam een reactie van minister X."
            return source, previous[0]
        if i < len(toks) and toks[i][0] in self.lex.determiners and toks[i][0] not in self.lex.indefinite_determiners:
            head = next((t for t in toks[i + 1:i + 4] if resolver.is_person_noun(t[0])), None)
            if head is not None:  # "De 45-jarige is boos.", "De premier sprak de Kamer toe.": whom they describe
                actor = resolver.role(toks[i][1], head[2], toks[i][1])
                if actor is not None:
                    return actor, toks[i][1]
        persons = resolver.index.in_window(previous[0], previous[1], ("person",))
        if not persons:
            return None
        first = persons[0]
        lead = [t for t in toks[i:] if t[2] <= first[0] and t[0] not in self.lex.skip_words]
        if len(lead) <= 3 and not any(t[0] in self.lex.np_stop_words or not t[0][0].isalpha() for t in lead):
            return first[2].id, first[0]
        if self._concerns(toks, first[0]) and len({m[2].id for m in persons}) == 1:
            return first[2].id, first[0]  # “Dat is voor X geen troost. “…”: X's own view follows
        # “Op het congres heeft Yilmaz het plan afgekraakt. “…”: the one person the sentence
        # names outside a prepositional phrase (not "een brief aan minister X")
        free = {m[2].id: m for m in persons if self._outside_pp(toks, m[0], resolver)}
        if len(free) == 1 and len({m[2].id for m in persons}) == 1:
            mention = next(iter(free.values()))
            return mention[2].id, mention[0]
        return None

    def _concerns(self, toks: list, mention_start: int) -> bool:
        """Whether the words before a sentence's person make them the one the matter concerns ("Dat is
        voor X geen troost", "Het blijft voor X een raadsel"): a prepositional phrase, yet the person
        whose reaction a cue-less quote after it gives, unlike "een brief aan minister X"."""
        if self.lex.experiencer_lead is None:
            return False
        lead = " ".join(t[0] for t in toks if t[2] <= mention_start)
        return self.lex.experiencer_lead.match(lead) is not None

    def _person_subject(self, pronoun: str, verb: str) -> bool:
        """Whether ``pronoun``, the subject of the finite ``verb`` next to it, is one person: "hij",
        "zij", and "ze" with a singular verb ("Ze blijft nuchter", "Zelf blijft ze"), not "Ze blijven"."""
        if pronoun in self.lex.subject_pronouns:
            return True
        return pronoun in self.lex.number_ambiguous_pronouns and verb.isalpha() \
            and (not self.lex.plural_verb_ending or not verb.endswith(self.lex.plural_verb_ending)
                 or verb.endswith(self.lex.singular_verb_endings))

    def _outside_pp(self, toks: list, position: int, resolver: SpeakerResolver) -> bool:
        """Whether the words before a mention (titles skipped) do not end in a preposition or article."""
        after = next((j for j, t in enumerate(toks) if t[1] >= position), len(toks))
        k = after - 1
        while k >= 0 and (resolver.is_person_noun(toks[k][0]) or resolver.index.masked[toks[k][1]].isupper()):
            k -= 1
        while after < len(toks) and resolver.index.masked[toks[after][1]].isupper():
            after += 1
        if k >= 0 and toks[k][0] in self.lex.coordinators and after < len(toks) and toks[after][0].isalpha() \
                and resolver.index.masked[toks[after][1]].islower() and toks[after][0] not in self.lex.np_prepositions \
                and toks[after][0] not in self.lex.np_stop_words:
            return True  # "… en Jansen weet …": the subject of a coordinated clause
        if k >= 1 and toks[k][0] in self.lex.determiners and toks[k - 1][0] == "," \
                and self._opening_noun_phrase(toks[:k - 1]):
            return True  # "Een demonstrant, de lerares X, vertelde …": an apposition to the subject
        return k < 0 or not (toks[k][0] in self.lex.np_prepositions or toks[k][0] in self.lex.np_stop_words
                             or toks[k][0] in self.lex.prepositions or toks[k][0] in self.lex.determiners)

    def _reported_after(self, masked: str, sentences: Sentences, spans, span: QuoteSpan, resolver: SpeakerResolver,
                        blocks: list[Block], block: int, block_of):
        """The first report of someone's words in the sentences right after a cue-less quote, in its
        paragraph: the next sentence only, or for a quote that opens its paragraph (a lead: “‘…’ Het
        stadsbestuur wil … Dat vindt raadslid X onzin, zei hij.”) the next ``lead_quote_sentences``,
        as long as they quote nothing themselves."""
        reach = self.lex.lead_quote_sentences if _opens_paragraph(masked, span, blocks, block) else 1
        position = max(span.close_end - 1, 0)
        for _ in range(reach):
            following = sentences.around(sentences.around(position)[1])
            if following[0] < span.close_end or following[0] >= len(masked) or block_of(following[0]) != block:
                return None
            reported = resolver.first_event(following[0], following[1])
            if reported is not None:
                return reported
            if any(following[0] <= other.open_start < following[1] for other in spans):
                return None  # that sentence quotes someone: the lead's speaker is not sought past it
            position = following[0]
        return None

    def _named_after(self, masked: str, sentence: tuple[int, int], span: QuoteSpan,
                     resolver: SpeakerResolver) -> str | None:
        """The person a sentence right after a cue-less quote names in an apposition to a described
        subject ("De vrouw, Trudy Bakker, heeft een petitie opgezet."): the one just described speaking."""
        if masked[span.close_end:sentence[0]].strip(" \t.,!?'\"”’»"):
            return None
        toks = tokens(masked, sentence[0], sentence[1])
        comma = next((k for k, t in enumerate(toks[:5]) if t[0] == ","), None)
        if comma is None or comma + 1 >= len(toks) or not self._opening_noun_phrase(toks[:comma]) \
                or toks[0][0] in self.lex.indefinite_determiners \
                or not any(resolver.is_person_noun(t[0]) for t in toks[1:comma]):
            return None
        start = toks[comma + 1][1]
        named = [m for m in resolver.index.in_window(start, start + 1, ("person",)) if m[0] == start]
        return named[0][2].id if named else None

    def _opening_noun_phrase(self, toks: list) -> bool:
        """Whether ``toks`` are a short noun phrase opening the sentence ("Een demonstrant", "De vrouw"):
        an article and at most three words, none of them a preposition or function word."""
        words = [t[0] for t in toks if t[0] not in self.lex.skip_words]
        return 2 <= len(words) <= 4 and words[0] in self.lex.determiners and not any(
            w in self.lex.np_stop_words or w in self.lex.prepositions or not w[0].isalnum() for w in words[1:])

    def _cue_after(self, text, masked, spans, k, sentence, blocks, block_of) -> Cue | None:
        span = spans[k]
        end = sentence[1]
        cue = cue_after(masked, self.lex, span.close_end, end)
        if cue is not None:
            return cue
        # coordinated quotes share the cue of the last one: “Aanstootgevend” en “onacceptabel”, zo noemde…
        coordination = self.lex.quote_coordination
        if k + 1 < len(spans) and coordination and coordination.match(masked[span.close_end:spans[k + 1].open_start]):
            return self._cue_after(text, masked, spans, k + 1, (sentence[0], max(end, spans[k + 1].close_end)),
                                   blocks, block_of)
        # the cue opens the next paragraph: ``…''  (blank line)  zei Bill Strazzullo.
        block = block_of(max(span.close_end - 1, 0))
        if blocks and not masked[span.close_end:blocks[block].end].strip(" \t\n,'\"") and block + 1 < len(blocks):
            nxt = blocks[block + 1]
            first = masked[nxt.start:nxt.start + 1]
            if first.islower():
                line_end = masked.find("\n", nxt.start)
                return cue_after(masked, self.lex, nxt.start, nxt.end if line_end < 0 else min(line_end, nxt.end))
        return later_cue(masked, self.lex, span.close_end, end)

    def _is_headline(self, text: str, span: QuoteSpan, blocks: list[Block], block: int) -> bool:
        """A heading (or a one-line block) that is a quote, possibly after "Name:"."""
        if not blocks:
            return False
        b = blocks[block]
        if span.close_end > b.end or text[span.close_end:b.end].strip() or "\n" in text[b.start:b.end].strip():
            return False
        before = text[b.start:span.open_start]
        if before.strip() and not _HEADLINE_PREFIX.match(before):
            return False
        if b.kind == "heading":
            return True
        content = text[span.start:span.end].rstrip()
        return len(_WORDS.findall(content)) <= 25 and content[-1:] not in ".!?…," and \
            (block + 1 < len(blocks))

    def _keep(self, text, masked, span: QuoteSpan, full: bool, cue, sentence) -> bool:
        """Drop quoted names, titles and scare quotes; keep a short term a speaker is said to have used."""
        following = text[span.close_end:span.close_end + 2]
        if len(following) == 2 and following[0] == "-" and following[1].isalpha():
            return False  # "Apple"-merk: part of a compound
        if full:
            return True
        if (cue is None or cue.kind != "colon") and self._is_title(text, masked, span, sentence):
            return False
        n_words = len(_WORDS.findall(text[span.start:span.end]))
        preceding = masked[max(sentence[0], span.open_start - 6):span.open_start].strip().lower()
        if (preceding.endswith("(") or preceding.endswith("(de") or preceding.endswith("(het")) \
                and n_words <= self.lex.partial_max_words_without_cue:
            return False  # (de ``Big Three''); but (“onaanvaardbaar in een rijk land”) is speech
        # "met de naam ‘X’" names X; "‘X’, maar sprak de naam van Y niet uit" does not: the naming
        # words stand next to the quote, in its own clause
        reach, near = self.lex.naming_reach, self.lex.naming_gap
        before = masked[max(sentence[0], span.open_start - reach):span.open_start].rsplit(",", 1)[-1]
        after = masked[span.close_end:min(sentence[1], span.close_end + reach)].split(",", 1)[0]
        here = len(before) + 1  # where the quote sits in the joined words
        if any(m.end() >= here - near and m.start() <= here + near
               for m in self.lex.naming.finditer(before + " _ " + after)):
            return False  # but "bekend als een speler met een ‘…’" is no name
        if n_words > self.lex.partial_max_words_without_cue:
            return True
        last = tokens(masked, max(sentence[0], span.open_start - 20), span.open_start)
        if last and last[-1][0] in self.lex.speech_nouns:
            return True  # "riep hij de woorden ‘Nu is het genoeg’": spoken words, however short
        return cue is not None and cue.kind != "colon"

    def _is_title(self, text: str, masked: str, span: QuoteSpan, sentence) -> bool:
        """A quoted title or name, not words someone said: "het nummer ‘Als de zon schijnt’", "‘Dorst’
        van Jan Wolkers", "te gast bij ‘Op1’"."""
        words = _WORDS.findall(text[span.start:span.end])
        if not words or text[span.start:span.end].rstrip()[-1:] in ".!?…,":
            return False
        if not words[0][0].isupper():
            return False  # "schiet de app ‘op alle vlakken’ tekort": words, not a title
        before = tokens(masked, max(sentence[0], span.open_start - 30), span.open_start)
        before = [t[0] for t in before if t[0][0].isalnum()]
        if before and self.lex.is_work_noun(before[-1]):
            return True
        after = tokens(masked, span.close_end, min(sentence[1], span.close_end + 20))
        if after and after[0][0] in self.lex.title_followers:
            return True
        return len(words) <= self.lex.partial_max_words_without_cue and all(w[0].isupper() for w in words) \
            and bool(before) and (before[-1] in self.lex.prepositions or before[-1] in self.lex.determiners)


@Language.factory("explainer_quotes", assigns=["doc._.quotes"])
def make_quote_extractor(nlp: Language, name: str) -> QuoteExtractor:
    return QuoteExtractor(nlp, name)
