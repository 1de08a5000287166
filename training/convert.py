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


# ---------------------------------------------------------------------------------------------
# UD treebanks for the parser, morphologizer and lemmatizer (our own reader: spaCy's converter
# stops at empty nodes such as ``8.1``, which UD Dutch Alpino has)

UDToken = dict  # id, form, lemma, upos, feats, head, deprel, space_after
# UD Dutch LassySmall here is an older conversion than UD Dutch Alpino: its proper-name label
# ``flat:name`` is plain ``flat`` in Alpino (and in current UD Dutch). Renamed so the two agree.
DEPREL_RENAME = {"flat:name": "flat"}


def read_conllu(path: Path) -> list[list[UDToken]]:
    """Sentences of a CoNLL-U file as lists of word dicts (multiword-token ranges and empty nodes
    skipped; heads are 0-based indexes into the sentence, -1 for the root)."""
    sentences: list[list[UDToken]] = []
    words: list[UDToken] = []
    for raw in Path(path).read_text(encoding="utf-8").splitlines() + [""]:
        line = raw.rstrip("\n")
        if not line.strip():
            if words:
                sentences.append(words)
                words = []
            continue
        if line.startswith("#"):
            continue
        cols = line.split("\t")
        if len(cols) != 10 or not cols[0].isdigit():
            continue  # 3-4 (multiword range) or 8.1 (empty node)
        words.append({
            "id": int(cols[0]), "form": cols[1], "lemma": cols[2], "upos": cols[3],
            "feats": "" if cols[5] == "_" else cols[5], "head": int(cols[6]) - 1 if cols[6].isdigit() else -1,
            "deprel": cols[7], "space_after": "SpaceAfter=No" not in cols[9].split("|"),
        })
    return sentences


def sentence_blocks(path: Path) -> list[str]:
    """The raw text blocks (comments + lines) of a CoNLL-U file, one per sentence."""
    text = Path(path).read_text(encoding="utf-8")
    return [block.strip("\n") + "\n" for block in text.split("\n\n") if block.strip()]


def normalise_lemma(form: str, lemma: str) -> str:
    """Alpino marks compound and particle-verb boundaries in lemmas (``basis_niveau``, ``mee_doen``),
    LassySmall does not: the boundary is dropped unless the word itself has an underscore."""
    return lemma if "_" in form or lemma == "_" else lemma.replace("_", "")


# Quote and bracket pairs (Alpino writes Dutch opening quotes as ",,").
OPENING = {"(": ")", "[": "]", '"': '"', ",,": "''", "\u201c": "\u201d", "\u201e": "\u201d", "\u2018": "\u2019"}
FINAL = {".", "?", "!"}


def _subtree_spans(heads: list[int]) -> list[tuple[int, int]]:
    """First and last index of every word's subtree."""
    lo, hi = list(range(len(heads))), list(range(len(heads)))
    for j in range(len(heads)):
        k, steps = heads[j], 0
        while k != -1 and steps <= len(heads):
            lo[k], hi[k] = min(lo[k], j), max(hi[k], j)
            k, steps = heads[k], steps + 1
    return list(zip(lo, hi))


def _dominates(heads: list[int], a: int, b: int) -> bool:
    """Whether ``a`` is ``b`` or an ancestor of it."""
    steps = 0
    while b != -1 and steps <= len(heads):
        if b == a:
            return True
        b, steps = heads[b], steps + 1
    return False


def to_ud2_coordination_and_punct(sent: list[UDToken]) -> int:
    """Re-attach ``cc`` and ``punct`` of an older (UD v1 style) conversion the way UD v2 and the newer
    Alpino conversion do; returns the number of changed heads. Written for this project.

    UD Dutch LassySmall as shipped here attaches a coordinating conjunction to the *first* conjunct
    (2,292 of 2,357) and punctuation almost always to the sentence root (13,135 of 13,313); UD Dutch
    Alpino (the newspaper target) attaches ``cc`` to the conjunct that follows it and punctuation to
    the head of a neighbouring phrase. Trained on the mix, the parser learned the old habit (42 % of
    punctuation and 84 % of ``cc`` heads wrong on held-out Alpino). Rules:

    * ``cc``: the nearest ``conj`` sibling to its right becomes its head;
    * quote/bracket pairs: both marks go to the first/last word inside whose head lies outside;
    * other punctuation: from the nearest non-punctuation word on each side, climb while the head is
      on the same side and the subtree does not reach over the mark; take the lower of the two
      candidates (the left one when neither dominates the other; never a right one for . ? !).

    Check on Alpino dev itself (its punctuation first moved to the root and its ``cc`` to the first
    conjunct, as in LassySmall): the rules give back Alpino's own head for 97.4 % of punctuation
    (60 % before) and 97.8 % of ``cc`` (2 % before).
    """
    heads = [t["head"] for t in sent]
    n = len(sent)
    changed = 0
    udep = [t["deprel"].split(":")[0] for t in sent]
    for i in range(n):
        if udep[i] == "cc" and heads[i] >= 0:
            right = [j for j in range(i + 1, n) if heads[j] == heads[i] and udep[j] == "conj"]
            if right and heads[i] != right[0] and not _dominates(heads, i, right[0]):
                heads[i] = right[0]
                changed += 1
    is_punct = [t["upos"] == "PUNCT" and udep[i] == "punct" for i, t in enumerate(sent)]
    paired = [False] * n
    for a in range(n):
        closing = OPENING.get(sent[a]["form"])
        if not is_punct[a] or paired[a] or closing is None:
            continue
        b = next((j for j in range(a + 1, n) if sent[j]["form"] == closing and is_punct[j]), None)
        if b is None:
            continue
        inner = [j for j in range(a + 1, b) if not is_punct[j] and not (a <= heads[j] <= b)]
        if inner and not any(_dominates(heads, mark, j) for mark in (a, b) for j in (inner[0], inner[-1])):
            for mark, target in ((a, inner[0]), (b, inner[-1])):
                if heads[mark] != target:
                    heads[mark] = target
                    changed += 1
            paired[a] = paired[b] = True
    for i in range(n):
        if not is_punct[i] or paired[i] or any(heads[j] == i for j in range(n)):
            continue
        left = next((j for j in range(i - 1, -1, -1) if not is_punct[j]), None)
        right = None if sent[i]["form"] in FINAL else next((j for j in range(i + 1, n) if not is_punct[j]), None)
        l_path, r_path = [], []
        spans = _subtree_spans(heads)
        if left is not None:
            l_path.append(left)
            while heads[left] != -1 and heads[left] < i and spans[left][1] < i and len(l_path) <= n:
                left = heads[left]
                l_path.append(left)
        if right is not None:
            r_path.append(right)
            while heads[right] != -1 and heads[right] > i and spans[right][0] > i and len(r_path) <= n:
                right = heads[right]
                r_path.append(right)
        if left is not None and right is not None:
            target = right if _dominates(heads, left, right) and left != right else left
        else:
            target = left if left is not None else right
        if target is None or heads[i] == -1 or _dominates(heads, i, target):
            continue
        heads[i] = target
        changed += 1
    for t, h in zip(sent, heads):
        t["head"] = h
    return changed


def ud_doc(vocab, sentences: list[list[UDToken]]) -> Doc:
    words, spaces, heads, deps, pos, morphs, lemmas, starts = [], [], [], [], [], [], [], []
    offset = 0
    for sent in sentences:
        id_to_index = {tok["id"]: i for i, tok in enumerate(sent)}
        for i, tok in enumerate(sent):
            words.append(tok["form"])
            spaces.append(tok["space_after"])
            head = tok["head"]
            index = id_to_index.get(head + 1) if head >= 0 else None
            heads.append(offset + (index if index is not None else i))
            deprel = tok["deprel"]
            deps.append("ROOT" if deprel == "root" or index is None else DEPREL_RENAME.get(deprel, deprel))
            pos.append(tok["upos"])
            morphs.append(tok["feats"])
            lemmas.append(normalise_lemma(tok["form"], tok["lemma"]))
            starts.append(i == 0)
        offset += len(sent)
    return Doc(vocab, words=words, spaces=spaces, heads=heads, deps=deps, pos=pos, morphs=morphs,
               lemmas=lemmas, sent_starts=starts)


def convert_ud(parts: list[tuple[list[list[UDToken]], int]], dest: Path, n_sents: int = 10) -> tuple[int, int]:
    """``parts``: (sentences, repeat) pairs; each part cut into Docs of ``n_sents`` sentences and
    written ``repeat`` times (oversampling). Returns (docs, words)."""
    nlp = spacy.blank("nl")
    db = DocBin(store_user_data=False)
    n_docs = n_words = 0
    for sentences, repeat in parts:
        docs = [ud_doc(nlp.vocab, group) for group in chunk(sentences, n_sents)]
        for _ in range(repeat):
            for doc in docs:
                db.add(doc)
                n_docs += 1
                n_words += len(doc)
    dest.parent.mkdir(parents=True, exist_ok=True)
    db.to_disk(dest)
    return n_docs, n_words


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
