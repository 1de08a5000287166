"""Convert the training corpora to spaCy DocBin files.

* CoNLL-2002 Dutch NER (``token POS IOB-tag`` per line, Latin-1, ``-DOCSTART-`` between documents,
  blank line between sentences) -> ``.spacy`` with ``doc.ents``; consecutive sentences of one
  source document are grouped into Docs of ``--n-sents`` sentences (0: whole documents, which the
  NER's document-level features need).
* UD CoNLL-U (LassySmall) -> ``.spacy`` with POS, morphological features, lemmas (and heads/deps,
  which our training ignores) via spaCy's own ``conllu`` converter.

Usage::

    python training/convert.py conll  ned.train  out/ner-train.spacy [--n-sents 10]
    python training/convert.py conllu nl_lassysmall-ud-train.conllu out/morph-train.spacy
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Iterable, Iterator

import spacy
from spacy.tokens import Doc, DocBin
from spacy.training import iob_to_biluo, biluo_tags_to_spans

Sentence = list[tuple[str, str]]  # (word, IOB tag)


def read_conll_ner(path: Path, encoding: str = "latin-1") -> Iterator[list[Sentence]]:
    """Yield documents (lists of sentences of ``(word, iob)``) from a CoNLL-2002 file.

    The word is the first column, the tag the last; ``-DOCSTART-`` lines split documents.
    Stray bytes are harmless: Latin-1 decodes every byte.
    """
    doc: list[Sentence] = []
    sent: Sentence = []
    with open(path, encoding=encoding, errors="replace") as fh:
        for raw in fh:
            line = raw.strip()
            if not line:
                if sent:
                    doc.append(sent)
                    sent = []
                continue
            parts = line.split()
            if parts[0] == "-DOCSTART-":
                if sent:
                    doc.append(sent)
                    sent = []
                if doc:
                    yield doc
                    doc = []
                continue
            if len(parts) < 2:
                raise ValueError(f"{path}: malformed line {raw!r}")
            sent.append((parts[0], parts[-1]))
    if sent:
        doc.append(sent)
    if doc:
        yield doc


def _fix_iob(tags: list[str]) -> list[str]:
    """Turn IOB1-style or dangling ``I-`` tags into valid IOB2 (an ``I-X`` after non-X starts X)."""
    fixed = []
    prev = "O"
    for tag in tags:
        if tag.startswith("I-") and (prev == "O" or prev[2:] != tag[2:]):
            tag = "B-" + tag[2:]
        fixed.append(tag)
        prev = tag
    return fixed


def sentences_to_doc(vocab, sentences: list[Sentence]) -> Doc:
    words: list[str] = []
    tags: list[str] = []
    starts: list[bool] = []
    for sent in sentences:
        for i, (word, tag) in enumerate(sent):
            words.append(word)
            tags.append(tag)
            starts.append(i == 0)
    doc = Doc(vocab, words=words, sent_starts=starts)
    # IOB -> BILUO per sentence, so an entity never crosses a sentence boundary
    biluo: list[str] = []
    for sent in sentences:
        biluo.extend(iob_to_biluo(_fix_iob([t for _, t in sent])))
    doc.ents = biluo_tags_to_spans(doc, biluo)
    return doc


def chunk(sentences: list[Sentence], n: int) -> Iterable[list[Sentence]]:
    """Groups of ``n`` consecutive sentences; the whole document when ``n`` is 0."""
    n = n if n > 0 else max(len(sentences), 1)
    for i in range(0, len(sentences), n):
        yield sentences[i : i + n]


def convert_conll_ner(src: Path, dest: Path, n_sents: int = 10, encoding: str = "latin-1") -> tuple[int, int]:
    nlp = spacy.blank("nl")
    db = DocBin(attrs=["ORTH", "ENT_IOB", "ENT_TYPE", "SENT_START"], store_user_data=False)
    n_docs = n_ents = 0
    for document in read_conll_ner(src, encoding=encoding):
        for group in chunk(document, n_sents):
            doc = sentences_to_doc(nlp.vocab, group)
            n_docs += 1
            n_ents += len(doc.ents)
            db.add(doc)
    dest.parent.mkdir(parents=True, exist_ok=True)
    db.to_disk(dest)
    return n_docs, n_ents


def convert_conllu(src: Path, dest: Path, n_sents: int = 10) -> int:
    """UD CoNLL-U -> DocBin with spaCy's own converter (keeps POS, MORPH, LEMMA, HEAD/DEP)."""
    from spacy.training.converters import conllu_to_docs

    text = src.read_text(encoding="utf-8")
    docs = list(conllu_to_docs(text, n_sents=n_sents, merge_subtokens=False, no_print=True))
    dest.parent.mkdir(parents=True, exist_ok=True)
    DocBin(docs=docs, store_user_data=False).to_disk(dest)
    return len(docs)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("format", choices=["conll", "conllu"])
    ap.add_argument("src", type=Path)
    ap.add_argument("dest", type=Path)
    ap.add_argument("--n-sents", type=int, default=10)
    ap.add_argument("--encoding", default="latin-1", help="CoNLL-2002 only")
    args = ap.parse_args(argv)
    if args.format == "conll":
        n_docs, n_ents = convert_conll_ner(args.src, args.dest, args.n_sents, args.encoding)
        print(f"{args.src} -> {args.dest}: {n_docs} docs, {n_ents} entities")
    else:
        n_docs = convert_conllu(args.src, args.dest, args.n_sents)
        print(f"{args.src} -> {args.dest}: {n_docs} docs")
    return 0


if __name__ == "__main__":
    sys.exit(main())
