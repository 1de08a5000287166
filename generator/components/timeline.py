"""Timeline (baseline): four-digit years after "in"/"sinds"."""
from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

from ..model import TimeExpression, TimelineEntry

YEAR_PATTERN = re.compile(r"\b(?:in|sinds) ((?:19|20)\d\d)\b")


class TimelineBuilder:
    def __init__(self, nlp: Language, name: str, lang: str):
        self.lang = lang

    def __call__(self, doc: Doc) -> Doc:
        timexes, entries = [], []
        for match in YEAR_PATTERN.finditer(doc.text):
            start, end = match.span()
            timexes.append(TimeExpression(start, end, match.group(0), match.group(1), "year"))
            sent = doc.char_span(start, end, alignment_mode="expand").sent
            entries.append(TimelineEntry(id=f"t{len(entries) + 1}", date=match.group(1), precision="year",
                                         expression=match.group(0), start=start, end=end,
                                         summary=sent.text.strip()))
        doc._.timexes = timexes
        doc._.timeline = entries
        return doc


@Language.factory("explainer_timeline", default_config={"lang": "nl"})
def make_timeline_builder(nlp: Language, name: str, lang: str) -> TimelineBuilder:
    return TimelineBuilder(nlp, name, lang)
