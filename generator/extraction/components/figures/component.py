"""The ``explainer_figures`` pipe: an article's key figures on ``doc._.figures``.

It runs after the timeline, whose dates are never figures, and reads what the Doc already knows:
its sentences (what a number counts never crosses a sentence end), its blocks (the lead's figures
come first) and its headline (``doc._.title``, set with the text: a headline figure ranks first,
one only the headline has is kept with its offsets into the title). The figures are ranked once
here (:func:`.rank.rank`), so every reader of the extraction sees the same order.
"""
from __future__ import annotations

import bisect
from dataclasses import replace

from spacy.language import Language
from spacy.tokens import Doc

from ...model import KeyFigure, TimelineEntry
from .rank import rank
from .recognise import figures_in
from ..language_files import LanguageFilesComponent
from .resources import DATA_FILE, read_resources


def find_figures(text: str, title: str, sentence_ends: list[int], lead_end: int,
                 timeline: list[TimelineEntry], data: dict | None) -> list[KeyFigure]:
    """The ranked figures of a body ``text`` and its ``title``; none without the language's figure
    words (``data`` None: nothing is shown unless it is sure)."""
    if data is None:
        return []
    ends = sorted(sentence_ends) or [len(text)]

    def sentence_end(pos: int) -> int:
        at = bisect.bisect_left(ends, pos)
        return ends[at] if at < len(ends) else len(text)

    taken = [(s, e) for t in timeline for s, e in (t.sources or [(t.start, t.end)])]
    body = figures_in(text, data, sentence_end, taken)
    headline = [replace(f, title_span=(f.start, f.end))
                for f in figures_in(title, data, lambda pos: len(title))]
    return rank(body, headline, lead_end)


class FigureFinder(LanguageFilesComponent):
    """The ``explainer_figures`` component; its word list is ``data/<lang>/figures.json`` (a
    language without one has no key figures)."""

    def __init__(self, nlp: Language, name: str):
        super().__init__(nlp, name)
        self.was_read = False  # a language without figures.json has no files, but was read all the same

    def data_files(self, folder):
        return [DATA_FILE] if (folder / DATA_FILE).is_file() else []

    def read(self, folder, lang: str) -> None:
        self.data = read_resources(folder)
        self.was_read = True

    def require_data(self) -> None:
        if not self.was_read:
            super().require_data()

    def __call__(self, doc: Doc) -> Doc:
        self.require_data()
        lead = next((b for b in (doc._.blocks or []) if b.kind == "paragraph"), None)
        doc._.figures = find_figures(
            doc.text, doc._.title or "", [s.end_char for s in doc.sents] if doc.has_annotation("SENT_START") else [],
            lead.end if lead else 0, doc._.timeline or [], self.data)
        return doc


@Language.factory("explainer_figures", assigns=["doc._.figures"])
def make_figure_finder(nlp: Language, name: str) -> FigureFinder:
    return FigureFinder(nlp, name)
