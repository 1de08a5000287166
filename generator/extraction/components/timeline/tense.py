"""Tense of the clause around a temporal expression, without a statistical model.

Uses ``token.morph`` (Tense=Past/Pres) when the pipeline provides it; otherwise word lists from the
data file: past auxiliaries and irregular past forms, perfect tense (hebben/zijn + participle),
regular past forms in -de/-te(n), and future markers (zal, gaat, ...).
"""
from __future__ import annotations

import re

from .resources import Resources

_WORDS = re.compile(r"[a-zà-ÿ]+(?:'[a-z]+)?")
_CAPITALISED = re.compile(r"(?<![\w'’])[A-ZÀ-Ý][\w'’-]*")
_PERFECT_REACH = 8  # words between a perfect auxiliary and its participle


class TenseDetector:
    def __init__(self, res: Resources):
        s = res.sets
        self.past_aux = s["tense.past_auxiliaries"] | s["tense.irregular_past"]
        self.perfect_aux = s["tense.perfect_auxiliaries"]
        self.future = s["tense.future_markers"]
        self.prospective = s.get("tense.prospective_participles", frozenset())
        self.prospective_prepositions = s.get("tense.prospective_prepositions", frozenset())
        self.ipp = s.get("tense.ipp_infinitives", frozenset())
        self.not_past = s["tense.not_past_de_te"] | frozenset(res.numbers) | frozenset(res.ordinals) \
            | frozenset(res.modifiers) | frozenset(res.weekdays)
        self.adjective_context = s["tense.adjective_context_before"]
        self.strong_future = s.get("tense.strong_future", frozenset())
        self.ipp_not_after = s.get("tense.ipp_not_after", frozenset())
        self.infinitive_endings = tuple(sorted(s.get("tense.infinitive_endings", ())))
        self.present_modals = s.get("tense.present_modals", frozenset())
        self.perfect_infinitives = s.get("tense.perfect_infinitives", frozenset())
        self.participle = res.participle
        self.separable_participle = res.separable_participle
        self.have_aux = s.get("tense.have_auxiliaries", frozenset())
        self.weak_past = res.weak_past

    def _ipp_perfect(self, words: list[str]) -> bool:
        """"heeft maandag laten weten", "is in Parijs gaan wonen": a perfect tense whose participle is an
        infinitive (hebben/zijn, then one of ``ipp_infinitives`` not after "te", then an infinitive)."""
        aux = [i for i, w in enumerate(words) if w in self.perfect_aux]
        if not aux:
            return False
        for i in range(1, len(words) - 1):
            if words[i] in self.ipp and words[i - 1] not in self.ipp_not_after \
                    and words[i + 1].endswith(self.infinitive_endings) \
                    and any(0 < i - j <= _PERFECT_REACH for j in aux):
                return True
        return False

    def _have_perfect(self, words: list[str]) -> bool:
        """"Dat heeft de directie vrijdag meegedeeld": a form of "hebben" and a separable verb's
        participle near it, whatever tag the participle got (a weak tagger reads some as nouns)."""
        have = [i for i, w in enumerate(words) if w in self.have_aux]
        return bool(have) and self.separable_participle is not None and any(
            self.separable_participle.match(w) and w not in self.future and w not in self.prospective
            and any(0 < i - j <= _PERFECT_REACH for j in have) for i, w in enumerate(words))

    def _modal_perfect(self, words: list[str]) -> bool:
        """"moeten op 1 mei vertrokken zijn", "kan eind juni klaar zijn" is not: a present modal, then a
        participle and a perfect infinitive ("zijn", "hebben") at the end — what must or may be done by
        a day, which the participle and "zijn" would otherwise make a perfect (past) tense."""
        return any(w in self.present_modals for w in words) and any(
            words[i] in self.perfect_infinitives and self.participle.match(words[i - 1])
            for i in range(1, len(words)))

    def governs(self, word_before: str) -> bool:
        """Whether a participle of announcing may point the expression ahead: only when a preposition of
        purpose governs it ("voor zaterdag aangekondigd"); a bare day is when the announcing happened
        ("heeft vrijdag aangekondigd"). Without such a list every expression is governed."""
        return not self.prospective_prepositions or word_before.lower() in self.prospective_prepositions

    def tense_of_words(self, words: list[str], governed: bool = True) -> str | None:
        """'past', 'future' or None (present or no evidence) for a clause's lower-cased words."""
        if any(w in self.strong_future for w in words):
            return "future"
        if self._modal_perfect(words):
            return None
        if self._ipp_perfect(words):
            return "past"
        if governed and any(w in self.prospective for w in words) and not any(w in self.past_aux for w in words):
            return "future"  # "Voor zaterdag hebben zij demonstraties aangekondigd" (not "werden aangekondigd")
        aux_at = [i for i, w in enumerate(words) if w in self.perfect_aux]
        for i, w in enumerate(words):
            if w in self.past_aux:
                return "past"
            # a participle belongs to a perfect auxiliary nearby ("is ... goedgekeurd"), not to one in
            # another clause ("iOS ondersteunt ..., die ... beschikbaar is": a present verb in -t)
            # ("is gepland", "is voorzien": a scheduled event, not a past one)
            if aux_at and len(w) >= 5 and w not in self.not_past and w not in self.future \
                    and self.participle.match(w) \
                    and any(abs(i - j) <= _PERFECT_REACH for j in aux_at):
                return "past"
            if len(w) >= 5 and w not in self.not_past and self.weak_past and self.weak_past.match(w):
                if i == 0 or words[i - 1] not in self.adjective_context:
                    return "past"
        if any(w in self.future for w in words):
            return "future"
        return None

    def tense_of_text(self, text: str, governed: bool = True) -> str | None:
        """Tense from the words alone; a capitalised word is a name ("Lichtenvoorde", "Wieke"), no verb form."""
        return self.tense_of_words(_WORDS.findall(_CAPITALISED.sub(" ", text).lower()), governed)

    def _plural_present(self, token) -> bool:
        """A verb tagged past that is spelled like its own infinitive ("openen", lemma "openen") is a
        present plural: a past plural differs from the infinitive ("openden", "liepen"). Guards weekday
        direction against a morphologizer that mixes up the two plural forms."""
        return bool(token.lemma_) and token.lower_ == token.lemma_.lower() and \
            token.lower_.endswith(self.infinitive_endings) and not (
                self.weak_past and self.weak_past.match(token.lower_) and token.lower_ not in self.not_past)
        # ("zegden", "werkten": a weak past plural the lemmatizer did not know keeps its past tag)

    def tense_of_tokens(self, tokens, governed: bool = True) -> str | None:
        """From morphology, when the pipeline has it (None when no finite verb is tagged)."""
        found = None
        tokens = list(tokens)
        if self._modal_perfect([t.lower_ for t in tokens if t.is_alpha]):
            return "present"
        # a capitalised word inside the sentence is a name, no past verb ("overleg in Namen")
        if governed and any(t.lower_ in self.prospective for t in tokens) and not any(
                (t.lower_ in self.past_aux or "Past" in t.morph.get("Tense") and "Part" not in t.morph.get("VerbForm"))
                and not (t.text[:1].isupper() and not t.is_sent_start) for t in tokens):
            return "future"
        if any(t.lower_ in self.perfect_aux for t in tokens) and \
                any("Part" in t.morph.get("VerbForm") and t.pos_ in ("VERB", "AUX") for t in tokens):
            if not any(t.lower_ in self.strong_future for t in tokens):
                return "past"
        words = [t.lower_ for t in tokens if t.is_alpha]
        if self._ipp_perfect(words) and not any(w in self.strong_future for w in words):
            return "past"
        if self._have_perfect(words) and not any(w in self.strong_future for w in words):
            return "past"
        for token in tokens:
            tense = token.morph.get("Tense")
            if not tense:
                continue
            if token.lower_ in self.strong_future:
                return "future"
            if "Past" in tense and "Part" not in token.morph.get("VerbForm") and not self._plural_present(token):
                found = "past"
            elif "Past" in tense and found is None and "Part" not in token.morph.get("VerbForm"):
                found = "present"
            elif "Pres" in tense and found is None and "Part" not in token.morph.get("VerbForm"):
                found = "present"
        return found
