"""The shipped pipeline's dependency parser and lemmatizer, and `explainer evaluate-parser`."""
from __future__ import annotations

import re
import subprocess
import sys

import pytest

from pelican.plugins.explainer.extraction.nlp import DEFAULT_MODEL_PATH

ROOT = DEFAULT_MODEL_PATH.parents[2]

pytestmark = pytest.mark.skipif(
    not (DEFAULT_MODEL_PATH / "config.cfg").exists(),
    reason="shipped model folder absent (train it with `make model`)",
)

# written for this test (not from a treebank); one multiword-token range and one empty node, both skipped
CONLLU = """# newdoc id = test-1
# text = Marieke Jansen zei dat de minister aftreedt.
1\tMarieke\tMarieke\tPROPN\t_\t_\t3\tnsubj\t_\t_
2\tJansen\tJansen\tPROPN\t_\t_\t1\tflat\t_\t_
3\tzei\tzeggen\tVERB\t_\t_\t0\troot\t_\t_
4\tdat\tdat\tSCONJ\t_\t_\t7\tmark\t_\t_
5\tde\tde\tDET\t_\t_\t6\tdet\t_\t_
6\tminister\tminister\tNOUN\t_\t_\t7\tnsubj\t_\t_
7\taftreedt\taf_treden\tVERB\t_\t_\t3\tccomp\t_\tSpaceAfter=No
8\t.\t.\tPUNCT\t_\t_\t3\tpunct\t_\t_

# text = Het bedrijf sloot de fabriek in Gent.
1\tHet\thet\tDET\t_\t_\t2\tdet\t_\t_
2\tbedrijf\tbedrijf\tNOUN\t_\t_\t3\tnsubj\t_\t_
3\tsloot\tsluiten\tVERB\t_\t_\t0\troot\t_\t_
3.1\tsloot\tsluiten\tVERB\t_\t_\t_\t_\t3:conj\t_
4\tde\tde\tDET\t_\t_\t5\tdet\t_\t_
5\tfabriek\tfabriek\tNOUN\t_\t_\t3\tobj\t_\t_
6-7\tin\t_\t_\t_\t_\t_\t_\t_\t_
6\tin\tin\tADP\t_\t_\t7\tcase\t_\t_
7\tGent\tGent\tPROPN\t_\t_\t3\tobl\t_\tSpaceAfter=No
8\t.\t.\tPUNCT\t_\t_\t3\tpunct\t_\t_
"""


@pytest.fixture(scope="module")
def nlp():
    from pelican.plugins.explainer.extraction.nlp import load_pipeline

    return load_pipeline("default")


def test_pipeline_has_parser_and_lemmatizer(nlp):
    assert nlp.has_pipe("parser") and nlp.has_pipe("lemmatizer")
    names = nlp.pipe_names  # rule-based sentence boundaries first; the parser keeps them
    assert names.index("sentencizer") < names.index("explainer_blocks") < names.index("parser")


def test_plausible_parse_and_lemmas(nlp):
    doc = nlp("Peter de Boer zei gisteren dat het kabinet de belasting verhoogt. Hij was boos.")
    zei = next(t for t in doc if t.text == "zei")
    subjects = [t for t in zei.children if t.dep_.startswith("nsubj")]
    assert subjects and subjects[0].text in ("Peter", "Boer"), [(t.text, t.dep_, t.head.text) for t in doc]
    assert zei.lemma_ == "zeggen"
    assert len(list(doc.sents)) == 2


def test_evaluate_parser_last_line(tmp_path):
    path = tmp_path / "mini.conllu"
    path.write_text(CONLLU, encoding="utf-8")
    from pelican.plugins.explainer.evaluation.parser import evaluate_parser

    scores = evaluate_parser(path)
    assert scores["sentences"] == 2 and scores["words"] == 16
    result = subprocess.run([sys.executable, "-m", "pelican.plugins.explainer", "evaluate-parser", str(path)],
                            capture_output=True, text=True, cwd=ROOT, timeout=300)
    assert result.returncode == 0, result.stderr
    last = result.stdout.strip().splitlines()[-1]
    assert re.fullmatch(r"UAS=[01]\.\d{3} LAS=[01]\.\d{3} lemma_acc=[01]\.\d{3} sents_f=[01]\.\d{3}", last), last
