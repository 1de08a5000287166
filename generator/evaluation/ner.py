"""Exact-span NER evaluation on a CoNLL-format file (CoNLL-2002/2003 style).

The file has one token per line with the word in the first column and the IOB tag in the last
(``token POS tag``), blank lines between sentences and optional ``-DOCSTART-`` lines. Each document
(up to ``MAX_DOC_SENTENCES`` sentences) is fed to the pipeline as one pre-tokenised Doc, as an article
would be, so tokenisation never costs a span and the NER sees the whole document; a predicted entity
that crosses a sentence boundary counts as a wrong prediction. Predicted labels are mapped
onto the four CoNLL labels (OntoNotes-style labels too), anything else (DATE, MONEY, ...) is ignored.

    scores = evaluate_ner("ned.testa")
    print(format_ner_report(scores))
"""
from __future__ import annotations

from pathlib import Path
from typing import Iterator

from spacy.tokens import Doc

CONLL_LABELS = ("PER", "ORG", "LOC", "MISC")

# predicted label -> CoNLL label; labels not listed are not entities for this evaluation
LABEL_MAP = {
    "PER": "PER", "PERSON": "PER",
    "ORG": "ORG",
    "LOC": "LOC", "GPE": "LOC", "FAC": "LOC",
    "MISC": "MISC", "NORP": "MISC", "EVENT": "MISC", "PRODUCT": "MISC", "WORK_OF_ART": "MISC",
    "LANGUAGE": "MISC",
}

# pipeline components that take part in producing doc.ents (others are skipped)
NER_COMPONENTS = ("tok2vec", "transformer", "ner", "entity_ruler")

# a file without -DOCSTART- lines is cut into documents of this many sentences
MAX_DOC_SENTENCES = 200

Span = tuple[int, int, str]  # (start token, end token exclusive, label)
Sentence = tuple[list[str], list[str]]  # (words, IOB tags)


def read_conll_documents(path: str | Path, encoding: str = "latin-1") -> Iterator[list[Sentence]]:
    """Yield documents, each a list of ``(words, iob_tags)`` sentences."""
    document: list[Sentence] = []
    words: list[str] = []
    tags: list[str] = []
    with open(path, encoding=encoding, errors="replace") as fh:
        for lineno, raw in enumerate(fh, 1):
            parts = raw.split()
            if not parts or parts[0] == "-DOCSTART-":
                if words:
                    document.append((words, tags))
                    words, tags = [], []
                if document and (parts or len(document) >= MAX_DOC_SENTENCES):
                    yield document
                    document = []
                continue
            if len(parts) < 2:
                raise ValueError(f"{path}:{lineno}: expected 'token ... tag', got {raw.rstrip()!r}")
            words.append(parts[0])
            tags.append(parts[-1])
    if words:
        document.append((words, tags))
    if document:
        yield document


def iob_spans(tags: list[str]) -> set[Span]:
    """Entity spans of an IOB1 or IOB2 tag sequence (an ``I-X`` not continuing X starts a new span)."""
    spans: set[Span] = set()
    start, label = None, None
    for i, tag in enumerate(list(tags) + ["O"]):
        prefix, _, typ = tag.partition("-")
        continues = prefix == "I" and label == typ
        if start is not None and not continues:
            spans.add((start, i, label))
            start, label = None, None
        if prefix in ("B", "I") and not continues:
            start, label = i, typ
    return spans


def _prf(correct: int, predicted: int, gold: int) -> dict:
    p = correct / predicted if predicted else 0.0
    r = correct / gold if gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": p, "recall": r, "f1": f, "correct": correct, "predicted": predicted, "gold": gold}


def _ner_pipes(nlp):
    return [(name, proc) for name, proc in nlp.pipeline if name in NER_COMPONENTS]


def _annotate(nlp, docs: list[Doc], batch_size: int = 256) -> list[Doc]:
    for _name, proc in _ner_pipes(nlp):
        if hasattr(proc, "pipe"):
            docs = list(proc.pipe(docs, batch_size=batch_size))
        else:
            docs = [proc(doc) for doc in docs]
    return docs


def _document_doc(vocab, document: list[Sentence]) -> Doc:
    words = [w for sent_words, _ in document for w in sent_words]
    starts = [i == 0 for sent_words, _ in document for i in range(len(sent_words))]
    return Doc(vocab, words=words, sent_starts=starts)


def evaluate_ner(path: str | Path, encoding: str = "latin-1", model: str = "default") -> dict:
    """Exact-span precision/recall/F1 per CoNLL label and overall (micro-averaged).

    ``model`` is passed to :func:`pelican.plugins.explainer.extraction.nlp.load_pipeline` ('default' = our shipped pipeline).
    """
    from ..extraction.nlp import load_pipeline

    nlp = load_pipeline(model)
    if not any(name in ("ner", "entity_ruler") for name, _ in nlp.pipeline):
        raise ValueError(f"pipeline {model!r} has no NER component (pipes: {', '.join(nlp.pipe_names)})")
    documents = list(read_conll_documents(path, encoding=encoding))
    docs = _annotate(nlp, [_document_doc(nlp.vocab, document) for document in documents])

    counts = {label: [0, 0, 0] for label in CONLL_LABELS}  # correct, predicted, gold
    n_tokens = n_sentences = 0
    for document, doc in zip(documents, docs):
        n_sentences += len(document)
        gold: set[Span] = set()
        offset = 0
        for words, tags in document:
            gold |= {(s + offset, e + offset, label) for s, e, label in iob_spans(tags) if label in counts}
            offset += len(words)
        n_tokens += offset
        pred = {
            (ent.start, ent.end, LABEL_MAP[ent.label_]) for ent in doc.ents if ent.label_ in LABEL_MAP
        }
        for start, end, label in gold:
            counts[label][2] += 1
        for span in pred:
            counts[span[2]][1] += 1
            if span in gold:
                counts[span[2]][0] += 1
    per_label = {label: _prf(*c) for label, c in counts.items()}
    overall = _prf(*(sum(c[i] for c in counts.values()) for i in range(3)))
    return {
        "path": str(path),
        "model": model,
        "documents": len(documents),
        "sentences": n_sentences,
        "tokens": n_tokens,
        "labels": per_label,
        "overall": overall,
    }


def format_ner_report(scores: dict) -> str:
    """A small table per label; the last line is ``overall precision=… recall=… f1=…``."""
    lines = [
        f"NER exact-span evaluation: {scores.get('path', '?')} (model {scores.get('model', '?')}, "
        f"{scores.get('sentences', 0)} sentences, {scores.get('tokens', 0)} tokens)",
        f"{'label':<6} {'precision':>9} {'recall':>7} {'f1':>6} {'gold':>6} {'pred':>6}",
    ]
    for label, s in scores["labels"].items():
        lines.append(
            f"{label:<6} {s['precision']:>9.3f} {s['recall']:>7.3f} {s['f1']:>6.3f} {s['gold']:>6} {s['predicted']:>6}"
        )
    o = scores["overall"]
    lines.append(f"overall precision={o['precision']:.3f} recall={o['recall']:.3f} f1={o['f1']:.3f}")
    return "\n".join(lines)
