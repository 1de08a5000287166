"""The ``Doc._`` fields our components read and fill, declared once for every way a pipeline is built
(``load_pipeline``, or plain ``spacy.load`` finding the components through their entry points)."""
from __future__ import annotations

from spacy.tokens import Doc

DOC_EXTENSIONS = {
    "publication_date": None,  # datetime.date | None: the anchor for relative dates
    "title": None,  # str | None: the headline (its figures rank first; the actors it names lead)
    "blocks": None,  # list[model.Block]: paragraphs and headings of the body
    "actors": None,  # list[model.Actor]
    "quotes": None,  # list[model.Quote]
    "timexes": None,  # list[model.TimeExpression]
    "timeline": None,  # list[model.TimelineEntry]
    "figures": None,  # list[model.KeyFigure]: ranked, headline and lead first
    "warnings": None,  # list[str]: problems a build should report (e.g. dates without anchor)
}


def register_extensions() -> None:
    """Declare the ``Doc._`` fields (idempotent)."""
    for name, default in DOC_EXTENSIONS.items():
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=default)
