"""Actor mentions vs CoNLL-2002 gold entity spans: a proxy for unseen news that does not use the dev gold.

Every ``-DOCSTART-`` document of a CoNLL file (default ``ned.testa``; never use ``ned.testb``, it is
held out) becomes one Doc, each sentence a paragraph block (so its first word counts as sentence-initial,
as in an article). The extraction components run up to ``explainer_actors``; every actor mention that
starts with a capital (role mentions like "de president" are left out) is compared by exact character
span with the gold PER/ORG/LOC spans. Mentions exactly on a gold MISC span count neither way.

- mention precision/recall/F1 by exact span;
- kind agreement over matched mentions: person = PER, organisation = ORG, country/place = LOC.

    PYTHONPATH=. python benchmarks/actors_conll.py --model rules [--file ../shared/data/conll2002-nl/ned.testa]
"""
from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

from spacy.tokens import Doc

from pelican.plugins.explainer.evaluation.ner import iob_spans, read_conll_documents
from pelican.plugins.explainer.extraction.model import Block
from pelican.plugins.explainer.extraction.nlp import load_pipeline

KIND_TO_LABEL = {"person": "PER", "organisation": "ORG", "country": "LOC", "place": "LOC"}
DEFAULT_FILE = Path(__file__).resolve().parents[2] / "shared" / "data" / "conll2002-nl" / "ned.testa"


def read_documents(path: Path, encoding: str = "latin-1"):
    """Yield documents: lists of (words, tags) sentences, split at ``-DOCSTART-``."""
    if path.name.endswith("testb"):
        raise SystemExit("ned.testb is held out: do not evaluate on it")
    yield from read_conll_documents(path, encoding)


def build_doc(nlp, sentences):
    words, gold, blocks = [], [], []
    char = 0
    offsets = []
    for sent_words, sent_tags in sentences:
        base = len(words)
        start_char = char
        for w in sent_words:
            offsets.append(char)
            char += len(w) + 1
        blocks.append(Block("paragraph", start_char, char - 1))
        for s, e, label in iob_spans(sent_tags):
            gold.append((offsets[base + s], offsets[base + e - 1] + len(sent_words[e - 1]), label))
        words.extend(sent_words)
    doc = Doc(nlp.vocab, words=words, spaces=[True] * len(words))
    doc._.publication_date = None
    doc._.blocks = blocks
    doc._.warnings = []
    return doc, gold


def run(model: str, path: Path, verbose: bool = False) -> dict:
    nlp = load_pipeline(model)
    pipes = []
    for name, proc in nlp.pipeline:
        pipes.append(proc)
        if name == "explainer_actors":
            break
    tp = pred_n = gold_n = kind_ok = 0
    confusion = Counter()
    errors = []
    for sentences in read_documents(path):
        doc, gold = build_doc(nlp, sentences)
        for proc in pipes:
            doc = proc(doc)
        gold_main = {(s, e): label for s, e, label in gold if label != "MISC"}
        gold_misc = {(s, e) for s, e, label in gold if label == "MISC"}
        pred = {}
        for actor in doc._.actors or []:
            for s, e in actor.mentions:
                if doc.text[s:s + 1].isupper():
                    pred[(s, e)] = KIND_TO_LABEL.get(actor.kind, "OTHER")
        pred = {span: k for span, k in pred.items() if span not in gold_misc}
        gold_n += len(gold_main)
        pred_n += len(pred)
        for span, kind in pred.items():
            if span in gold_main:
                tp += 1
                kind_ok += kind == gold_main[span]
                confusion[(gold_main[span], kind)] += 1
                if kind != gold_main[span]:
                    errors.append(("KIND", doc.text[span[0]:span[1]], gold_main[span], kind))
            else:
                errors.append(("FP", doc.text[span[0]:span[1]], "", kind))
        for span, label in gold_main.items():
            if span not in pred:
                errors.append(("FN", doc.text[span[0]:span[1]], label, ""))
    p = tp / pred_n if pred_n else 0.0
    r = tp / gold_n if gold_n else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"model": model, "precision": p, "recall": r, "f1": f, "tp": tp, "predicted": pred_n, "gold": gold_n,
            "kind_agreement": kind_ok / tp if tp else 0.0, "confusion": confusion, "errors": errors}


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--model", default="rules")
    ap.add_argument("--file", type=Path, default=DEFAULT_FILE)
    ap.add_argument("--errors", action="store_true", help="print every error")
    args = ap.parse_args(argv)
    res = run(args.model, args.file)
    if args.errors:
        for e in res["errors"]:
            print("\t".join(e))
    print(f"{args.file.name} model {res['model']}: mention P {res['precision']:.3f} R {res['recall']:.3f} "
          f"F1 {res['f1']:.3f} (tp {res['tp']}, predicted {res['predicted']}, gold {res['gold']}); "
          f"kind agreement {res['kind_agreement']:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
