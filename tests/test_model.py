"""The shipped Dutch pipeline (generator/models/nl_explainer): loads, has its labels, sensible output."""
from __future__ import annotations

import re

import pytest

from pelican.plugins.explainer.extraction.nlp import DEFAULT_MODEL_PATH

pytestmark = pytest.mark.skipif(
    not (DEFAULT_MODEL_PATH / "config.cfg").exists(),
    reason="shipped model folder absent (train it with `python training/train.py`)",
)

SENTENCE = "De Russische president Vladimir Poetin sprak vrijdag met Emmanuel Macron in Parijs."


@pytest.fixture(scope="module")
def nlp():
    import spacy

    import pelican.plugins.explainer.extraction.ml.lexicon_embed  # noqa: F401  (registers the NER's embedding architecture)

    return spacy.load(DEFAULT_MODEL_PATH)


def test_components_and_labels(nlp):
    assert "morphologizer" in nlp.pipe_names
    assert "ner" in nlp.pipe_names
    assert "parser" in nlp.pipe_names and "lemmatizer" in nlp.pipe_names
    assert {"PER", "ORG", "LOC", "MISC"} <= set(nlp.get_pipe("ner").labels)


def test_dutch_sentence(nlp):
    doc = nlp(SENTENCE)
    per = [ent for ent in doc.ents if ent.label_ == "PER"]
    assert any(ent.start_char <= SENTENCE.index("Vladimir") and ent.end_char >= SENTENCE.index("Poetin") + 6
               for ent in per), [(e.text, e.label_) for e in doc.ents]
    sprak = next(t for t in doc if t.text == "sprak")
    assert "Past" in sprak.morph.get("Tense"), str(sprak.morph)


def test_evaluate_ner_report(tmp_path):
    from pelican.plugins.explainer.evaluation.ner import evaluate_ner, format_ner_report

    snippet = (
        "-DOCSTART- -DOCSTART- O\n"
        "Vladimir N B-PER\nPoetin N I-PER\nbezocht V O\nParijs N B-LOC\n. Punc O\n\n"
        "De Art O\nVerenigde N B-ORG\nNaties N I-ORG\nvergaderden V O\nin Prep O\nBrussel N B-LOC\n. Punc O\n"
    )
    path = tmp_path / "mini.conll"
    path.write_bytes(snippet.encode("latin-1"))
    scores = evaluate_ner(path)
    assert scores["sentences"] == 2 and scores["documents"] == 1  # one -DOCSTART- document, read whole
    assert scores["overall"]["gold"] == 4
    last = format_ner_report(scores).splitlines()[-1]
    assert re.fullmatch(r"overall precision=[01]\.\d{3} recall=[01]\.\d{3} f1=[01]\.\d{3}", last), last


def test_default_pipeline_tokenizes_like_the_saved_tokenizer(nlp):
    """load_pipeline skips reading the saved tokenizer back (load time): spaCy's default must equal it."""
    from pelican.plugins.explainer.extraction.nlp import load_pipeline

    text = (
        "Dhr. J.P. Balkenende (CDA) zei op 3 jan. '05 d.w.z. na 14.30 u. in 's-Hertogenbosch: \"'t Is "
        "o.a. een kwestie van e-mail, 10%-regels en U.S.A.-beleid,\" aldus de Minister-President."
    )
    assert [t.text for t in load_pipeline("default").make_doc(text)] == [t.text for t in nlp.make_doc(text)]
    assert load_pipeline("default").tokenizer.to_bytes(exclude=["vocab"]) == nlp.tokenizer.to_bytes(exclude=["vocab"])


def test_lexicon_drift_names_words_the_shipped_ner_was_not_trained_with():
    import importlib.util

    spec = importlib.util.spec_from_file_location("training_lexicon", DEFAULT_MODEL_PATH.parents[2] / "training" / "lexicon.py")
    lexicon = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(lexicon)

    drift = lexicon.shipped_drift({"Zwurbelkampen": 4, "Maastricht": 0}, DEFAULT_MODEL_PATH)
    assert drift["added"] == 1  # an invented name is on no list
    assert drift["changed"] == 1  # a listed place given other bits
    assert drift["removed"] > 100_000  # everything else the NER was trained with
