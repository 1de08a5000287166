"""Building the spaCy pipeline: a Dutch base (ours, blank, or any installed one) + our components.

``load_pipeline`` is the one place that decides which statistical model sits under the extraction
components; everything above it only reads ``doc.ents``, sentences, tags and the ``Doc._`` fields.
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import spacy
from spacy.language import Language
from .components.extensions import register_extensions
from .ml.backend import numpy_blas
from ..errors import ConfigurationError

PACKAGE_DIR = Path(__file__).resolve().parent.parent
DEFAULT_MODEL_PATH = PACKAGE_DIR / "models" / "nl_explainer"
COMPONENTS = ("explainer_blocks", "explainer_language_check", "explainer_actors", "explainer_quotes", "explainer_timeline",
              "explainer_figures")

def _import_components() -> None:
    """Importing the component modules registers their factories (and our NER's embedding) with spaCy."""
    from .components.actors import component as actors  # noqa: F401
    from .components import blocks, language  # noqa: F401
    from .components.quotes import component as quotes  # noqa: F401
    from .components.timeline import component as timeline  # noqa: F401
    from .components.figures import component as figures  # noqa: F401
    from .ml import lexicon_embed  # noqa: F401


def _base_pipeline(model: str, lang: str) -> Language:
    if model == "rules":
        return spacy.blank(lang)
    if model == "default":
        if lang == "nl" and DEFAULT_MODEL_PATH.exists():
            # Its tokenizer is spaCy's own Dutch one, which building the pipeline from its config
            # already made; reading it from disk again would rebuild its ~4,700 special cases, a
            # third of the load time (tests/test_model.py checks that the two are the same).
            return spacy.load(DEFAULT_MODEL_PATH, exclude=["senter", "tokenizer"])
        return spacy.blank(lang)
    try:
        return spacy.load(model)
    except (OSError, ImportError) as err:
        raise ConfigurationError(
            f"EXPLAINER_SPACY_MODEL / --model: spaCy pipeline {model!r} is not installed or not a "
            f"pipeline folder ({str(err).splitlines()[0][:120]}); use 'default', 'rules', an "
            "installed package name or a path"
        ) from None


def _actors_use_entities(model: str) -> bool | str:
    """How the actor rules take the NER's entities into account: "hybrid" for our bundled pipeline,
    True for a user-installed one (entities add candidates, veto MISC names, hint kinds), False for rules.

    Our bundled NER is trained on CoNLL-2002 (Belgian newspaper text from 2000); on the development
    news it confuses companies with MISC and persons (Boeing → MISC, Northrop Grumman → PER). Letting
    its entities decide freely lowered dev actor F1 (0.913 → 0.784) and speaker accuracy (0.926 →
    0.745). In "hybrid" mode (``ActorResolver``) an entity only counts where the rules guess and their
    own evidence agrees: a sentence's first word the NER tags PER/ORG/LOC is kept ("Starbucks kondigde
    aan"); a name the rules default to organisation takes an exact PER label when it starts with a
    known given name and an exact LOC label when it ends like a place name. The NER's silence is never
    evidence (the small model misses Airbus and Boeing). Without an NER (a blank base) "hybrid" is
    rules mode. Measured 2026-11-28 with the shipped (width-96) model: dev actor F1 0.955 → 0.956
    (P 0.926 → 0.926, R 0.986 → 0.989), kind accuracy 0.989, speaker accuracy 0.926 and dates
    unchanged, seed 13/13; CoNLL-2002 ned.testa actor-mention proxy (benchmarks/actors_conll.py) F1
    0.864 → 0.866, kind agreement 0.839 → 0.850 (flattered: the NER was selected on ned.testa).
    """
    if model == "rules":
        return False
    return "hybrid" if model == "default" else True


def add_components(nlp: Language, lang: str, model: str) -> Language:
    """Put the sentencizer and our components on ``nlp`` (where missing) and read their word lists
    from ``generator/data/<lang>/``: the one way they are added, at run time for "rules" and a
    user-installed model, once by ``training/train.py`` (stage ``components``) for the shipped model.
    ``model``: the name ``nlp`` was loaded by ("default", "rules", a package or path), which decides how
    the actors use its entities (:func:`_actors_use_entities`)."""
    if not (nlp.has_pipe("senter") or nlp.has_pipe("sentencizer")):
        # Sentence boundaries come from the rule-based sentencizer, also under a parser: it runs
        # first and the parser keeps its boundaries (it respects preset ones) and parses within them.
        # Left to our parser, the boundaries cost the extraction (2026-12-07, dev gold: actor F1
        # 0.958 -> 0.900, speaker accuracy 0.926 -> 0.915; seed 13/13 -> 13 of 14 actors); with the
        # sentencizer first every extraction score is as before the parser.
        nlp.add_pipe("sentencizer", **({"first": True} if nlp.has_pipe("parser") else {}))
    for name in COMPONENTS:
        if nlp.has_pipe(name):
            continue
        config = {"use_entities": _actors_use_entities(model)} if name == "explainer_actors" else {}
        # a parser keeps preset sentence boundaries but they cannot be changed after it, so the
        # paragraph/heading boundaries go in before it (after the sentencizer, which resets them)
        where = {}
        if name == "explainer_blocks" and nlp.has_pipe("parser"):
            where = {"after": "sentencizer"} if nlp.has_pipe("sentencizer") else {"first": True}
        component = nlp.add_pipe(name, config=config, **where)
        if hasattr(component, "initialize"):
            component.initialize(nlp=nlp, lang=lang)
    return nlp


@lru_cache(maxsize=8)
def load_pipeline(model: str = "default", lang: str = "nl") -> Language:
    """The configured pipeline with ``doc.ents`` labelled and our extraction components on top.

    The bundled model carries them in its ``config.cfg`` (with their word lists); any other base
    gets them here. Cached per process: loading a pipeline is the expensive part of a run.
    """
    register_extensions()
    _import_components()
    model = model or "default"
    with numpy_blas():  # the models' matrix products through numpy's BLAS: ml/backend.py
        nlp = add_components(_base_pipeline(model, lang), lang, model)
    # Memory grows linearly with the text (the parser too): allow 1 MB+ articles.
    nlp.max_length = max(nlp.max_length, 5_000_000)
    return nlp
