"""Dependency-parse, lemma and sentence-boundary evaluation on a CoNLL-U file (gold tokenisation).

* **UAS / LAS**: each gold sentence becomes one pre-tokenised Doc (its CoNLL-U words; multiword-token
  ranges ``3-4`` and empty nodes ``8.1`` skipped, ``SpaceAfter=No`` kept) that the pipeline parses; every
  word counts, punctuation included (as in the CoNLL 2018 shared task). A predicted root (head = the
  token itself) is head 0. **LAS compares the universal part of the relation** (``nmod:poss`` → ``nmod``,
  ``flat:name`` → ``flat``; again the CoNLL 2018 definition): UD Dutch treebanks of different releases
  disagree on subtypes (LassySmall's ``flat:name`` is Alpino's ``flat``; ``obl:arg``, ``nmod:poss``,
  ``expl:pv`` exist only in the newer conversion). The full-label LAS and the scores without punctuation
  are printed on the lines before.
* **lemma_acc**: exact match over all words, after dropping the compound/particle boundaries Alpino
  writes into lemmas (``basis_niveau`` → ``basisniveau``, ``mee_doen`` → ``meedoen``) on both sides
  (a word that itself contains ``_`` keeps them).
  Rule-based sentence splitters (``sentencizer``, ``senter``) are skipped in this pass: the gold
  sentence is given.
* **sents_f**: F1 of predicted sentence spans (exact start and end) when the pipeline segments a whole
  document of concatenated sentences: the file's ``# newdoc`` groups, or runs of ``DOC_SENTENCES``
  sentences in a file without them. This is the pipeline as the extraction runs it; in ours the
  rule-based ``sentencizer`` runs first and the parser keeps its boundaries (see ``generator/extraction/nlp.py``).
  The parser's own segmentation (sentence splitters skipped) is printed on the line before.

    scores = evaluate_parser("nl_alpino-ud-test.conllu")
    print(format_parser_report(scores))   # last line: UAS=… LAS=… lemma_acc=… sents_f=…
"""
from __future__ import annotations

from pathlib import Path

from spacy.tokens import Doc

# a file without "# newdoc" lines is cut into documents of this many sentences for sents_f
DOC_SENTENCES = 10
# components that do not take part in parsing, tagging or lemmatising (skipped to save time)
SKIPPED = ("ner", "entity_ruler", "entity_linker", "span_finder", "spancat", "textcat", "textcat_multilabel")
SPLITTERS = ("sentencizer", "senter")
PUNCT = "punct"

Word = dict  # form, lemma, head (0 = root, else 1-based index into the sentence's words), deprel, space


def read_conllu(path: str | Path) -> list[tuple[bool, list[Word]]]:
    """``(starts_new_document, words)`` per sentence. Heads are renumbered to the kept words."""
    sentences: list[tuple[bool, list[Word]]] = []
    rows: list[list[str]] = []
    newdoc = False

    def flush() -> None:
        nonlocal rows, newdoc
        if rows:
            index = {row[0]: i + 1 for i, row in enumerate(rows)}
            words = [{
                "form": row[1], "lemma": row[2],
                "head": 0 if row[6] in ("0", "_") else index.get(row[6], 0),
                "deprel": row[7],
                "space": "SpaceAfter=No" not in row[9].split("|"),
            } for row in rows]
            sentences.append((newdoc, words))
        rows, newdoc = [], False

    with open(path, encoding="utf-8") as fh:
        for lineno, raw in enumerate(fh, 1):
            line = raw.rstrip("\r\n")
            if not line.strip():
                flush()
                continue
            if line.startswith("#"):
                if line.startswith("# newdoc"):
                    newdoc = True
                continue
            cols = line.split("\t")
            if len(cols) != 10:
                raise ValueError(f"{path}:{lineno}: expected 10 tab-separated CoNLL-U columns, got {len(cols)}")
            if cols[0].isdigit():  # skip "3-4" multiword ranges and "8.1" empty nodes
                rows.append(cols)
    flush()
    return sentences


def universal(deprel: str) -> str:
    deprel = deprel.lower()
    return deprel.split(":", 1)[0]


def normalise_lemma(form: str, lemma: str) -> str:
    return lemma if "_" in form or lemma == "_" else lemma.replace("_", "")


def _pipes(nlp, skip: tuple[str, ...] = ()):
    return [(name, proc) for name, proc in nlp.pipeline
            if name not in SKIPPED + skip and not name.startswith("explainer_")]


def _run(nlp, docs: list[Doc], batch_size: int = 256, skip: tuple[str, ...] = ()) -> list[Doc]:
    for _name, proc in _pipes(nlp, skip):
        if hasattr(proc, "pipe"):
            docs = list(proc.pipe(docs, batch_size=batch_size))
        else:
            docs = [proc(doc) for doc in docs]
    return docs


def _documents(sentences: list[tuple[bool, list[Word]]]) -> list[list[list[Word]]]:
    has_newdoc = any(newdoc for newdoc, _ in sentences)
    documents: list[list[list[Word]]] = []
    for newdoc, words in sentences:
        if not documents or (newdoc if has_newdoc else len(documents[-1]) >= DOC_SENTENCES):
            documents.append([])
        documents[-1].append(words)
    return documents


def _ratio(a: int, b: int) -> float:
    return a / b if b else 0.0


def evaluate_parser(path: str | Path, model: str = "default") -> dict:
    """UAS, LAS, lemma accuracy and sentence F1 of the pipeline on a CoNLL-U file (see module doc)."""
    from ..extraction.nlp import load_pipeline

    nlp = load_pipeline(model)
    if not nlp.has_pipe("parser"):
        raise ValueError(f"pipeline {model!r} has no parser (pipes: {', '.join(nlp.pipe_names)})")
    sentences = read_conllu(path)
    gold = [words for _, words in sentences]
    docs = _run(nlp, [
        Doc(nlp.vocab, words=[w["form"] for w in words], spaces=[w["space"] for w in words],
            sent_starts=[i == 0 for i in range(len(words))])
        for words in gold
    ], skip=SPLITTERS)
    n = uas = las = las_full = lemma = 0
    n_np = uas_np = las_np = 0
    for words, doc in zip(gold, docs):
        for word, token in zip(words, doc):
            n += 1
            head = 0 if token.head.i == token.i else token.head.i + 1
            dep = "root" if head == 0 else token.dep_.lower()
            head_ok = head == word["head"]
            label_ok = head_ok and universal(dep) == universal(word["deprel"])
            uas += head_ok
            las += label_ok
            las_full += head_ok and dep == word["deprel"].lower()
            lemma += normalise_lemma(word["form"], token.lemma_) == normalise_lemma(word["form"], word["lemma"])
            if universal(word["deprel"]) != PUNCT:
                n_np += 1
                uas_np += head_ok
                las_np += label_ok

    # sentence boundaries: whole documents, segmented by the pipeline (and by its parser alone)
    documents = _documents(sentences)
    sents = {}
    for key, skip in (("sents", ()), ("parser_sents", SPLITTERS)):
        doc_docs = _run(nlp, [
            Doc(nlp.vocab, words=[w["form"] for s in document for w in s],
                spaces=[w["space"] for s in document for w in s])
            for document in documents
        ], skip=skip)
        s_correct = s_pred = s_gold = 0
        for document, doc in zip(documents, doc_docs):
            spans, start = set(), 0
            for words in document:
                spans.add((start, start + len(words)))
                start += len(words)
            predicted = {(sent.start, sent.end) for sent in doc.sents}
            s_gold += len(spans)
            s_pred += len(predicted)
            s_correct += len(spans & predicted)
        p, r = _ratio(s_correct, s_pred), _ratio(s_correct, s_gold)
        sents.update({f"{key}_p": p, f"{key}_r": r, f"{key}_f": 2 * p * r / (p + r) if p + r else 0.0})
    return {
        "path": str(path), "model": model, "sentences": len(gold), "words": n, "documents": len(documents),
        "uas": _ratio(uas, n), "las": _ratio(las, n), "las_full": _ratio(las_full, n),
        "uas_nopunct": _ratio(uas_np, n_np), "las_nopunct": _ratio(las_np, n_np),
        "lemma_acc": _ratio(lemma, n),
        **sents,
    }


def format_parser_report(scores: dict) -> str:
    """A few explanatory lines; the last one is ``UAS=0.xxx LAS=0.xxx lemma_acc=0.xxx sents_f=0.xxx``."""
    return "\n".join([
        f"Parser evaluation: {scores['path']} (model {scores['model']}, {scores['sentences']} sentences, "
        f"{scores['words']} words, gold tokenisation; sentence boundaries over {scores['documents']} documents)",
        "UAS/LAS: all words incl. punctuation; LAS on the universal relation (nmod:poss -> nmod)",
        f"LAS_full_label={scores['las_full']:.3f} UAS_no_punct={scores['uas_nopunct']:.3f} "
        f"LAS_no_punct={scores['las_nopunct']:.3f}",
        f"sentences: pipeline P={scores['sents_p']:.3f} R={scores['sents_r']:.3f}; parser alone "
        f"P={scores['parser_sents_p']:.3f} R={scores['parser_sents_r']:.3f} F={scores['parser_sents_f']:.3f}",
        f"UAS={scores['uas']:.3f} LAS={scores['las']:.3f} lemma_acc={scores['lemma_acc']:.3f} "
        f"sents_f={scores['sents_f']:.3f}",
    ])
