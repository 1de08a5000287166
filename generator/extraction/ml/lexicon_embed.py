"""Token embedding with word-list and document-level features for the NER (``explainer.LexiconHashEmbed.v1``).

CoNLL-2002 gives the NER 200k tokens and no vectors: it finds most names but often gives them the
wrong type (an airline tagged as a person, a town as MISC). Three feature columns, hashed and embedded
next to spaCy's NORM/PREFIX/SUFFIX/SHAPE, bring in what a reader knows and the training data lacks:

* **lexicon**: which word lists the token is on (given names, surnames, places and countries,
  nationality words, organisation words, role nouns, common words, Dutch dictionary words and
  names), as a bit mask;
* **document**: how the same capitalised word is used *elsewhere in the document* ("Shimon Peres"
  earlier makes a later "Peres" a surname; "in Geetbets" makes "Geetbets" a place everywhere; a
  lowercase "vallen" elsewhere makes a sentence-initial "Vallen" an ordinary word). This is why the
  NER should see whole articles, not single sentences;
* **memory**: how the training corpus labelled the word (mostly PER, ORG, LOC, MISC or nothing, and
  how consistently). While training, each document sees only the counts of the *other* folds of the
  corpus (jackknifing), so the model learns how far such a memory can be trusted for a name it has
  not seen in this document, instead of copying the answer.

Optionally (``affix_rows``) two more columns hash each word's lowercased first three and last four
characters, so unseen names share endings spaCy's 1-character PREFIX and 3-character SUFFIX miss.

The word lists are read once, when training initialises the model, from a JSON file made by
``training/lexicon.py``, and stored inside the model (thinc ``attrs``) as arrays: the sorted 64-bit
spaCy hashes of the words with their bit masks, and of the memory words with their counts. The
shipped pipeline so carries the exact lists it was trained with, needs no file at load time, and
looks words up with one ``searchsorted`` per document on the ORTH and LOWER hashes spaCy already has.

This module imports only spaCy, thinc and numpy so ``spacy train --code`` can load it on its own.
"""
from __future__ import annotations

import json
import zlib
from functools import lru_cache
from pathlib import Path
from typing import List, Optional

import numpy
from spacy.attrs import LOWER, ORTH
from spacy.ml.featureextractor import FeatureExtractor
from spacy.strings import get_string_id
from spacy.tokens import Doc
from spacy.util import registry
from thinc.api import HashEmbed, Maxout, Model, chain, concatenate, list2ragged, ragged2list, with_array

# bits of the lexicon column (also read for the neighbours in the document column)
LEXICON_BITS = {
    name: 1 << i
    for i, name in enumerate(
        ("first_name", "place", "place_part", "nationality", "org_word", "role", "common", "dictionary_word",
         "dictionary_name", "surname")
    )
}
FIRST_NAME, ROLE, ORG_WORD = LEXICON_BITS["first_name"], LEXICON_BITS["role"], LEXICON_BITS["org_word"]
# lists matched on the lowercased token; the others match the token as written
LOWERCASE_BITS = LEXICON_BITS["role"] | LEXICON_BITS["common"] | LEXICON_BITS["dictionary_word"]

# the language's data folders, read by path: this module imports nothing of the package (see above)
DATA_DIR = Path(__file__).resolve().parent.parent.parent / "data"
# a word after one of these (or at the start of the text) may be capitalised only because it opens a clause
CLAUSE_OPENERS = frozenset(
    {".", "!", "?", ":", ";", '"', "'", "`", "``", "''", "(", "[", "-", "–", "—", "…", "...",
     "\u201c", "\u201d", "\u2018", "\u2019", "\u201e"}
)

# bits of the document column: the contexts the same capitalised word has anywhere in the document
DOCUMENT_BITS = {
    name: 1 << i
    for i, name in enumerate(
        ("after_first_name", "after_role", "after_place_preposition", "after_article", "before_org_word",
         "before_name", "after_name", "alone_mid_sentence", "lowercase_elsewhere")
    )
}


# the training memory: labels a word had in the training corpus, counted per fold of documents
MEMORY_LABELS = ("O", "PER", "ORG", "LOC", "MISC")
MEMORY_FOLDS = 5


def memory_fold(words: list[str]) -> int:
    """The fold of a training document (from its first words: the same in the builder and in training)."""
    return zlib.crc32(" ".join(words[:20]).encode("utf-8")) % MEMORY_FOLDS


def memory_arrays(memory: dict[str, list[int]]) -> tuple[numpy.ndarray, numpy.ndarray]:
    """``(sorted uint64 hashes, uint16 counts (n, folds, labels))`` of ``{word: flat counts}``."""
    pairs = sorted((get_string_id(word), counts) for word, counts in memory.items())
    keys = numpy.asarray([k for k, _ in pairs], dtype="uint64")
    counts = numpy.asarray([c for _, c in pairs], dtype="uint16").reshape((len(pairs), MEMORY_FOLDS, len(MEMORY_LABELS)))
    return keys, counts


def memory_column(orth: numpy.ndarray, keys: numpy.ndarray, counts: numpy.ndarray, held_out_fold: int | None) -> numpy.ndarray:
    """A code per token: its majority label in the remembered folds, how pure and how frequent (0: never an entity)."""
    out = numpy.zeros(len(orth), dtype="uint64")
    if not len(keys) or not len(orth):
        return out
    idx = numpy.minimum(numpy.searchsorted(keys, orth), len(keys) - 1)
    found = keys[idx] == orth
    folds = counts[idx].astype("int64")  # (n, folds, labels)
    if held_out_fold is not None:
        folds[:, held_out_fold, :] = 0
    total_by_label = folds.sum(axis=1)  # (n, labels)
    total = total_by_label.sum(axis=1)
    entity = total_by_label[:, 1:].sum(axis=1)
    majority = total_by_label.argmax(axis=1)
    purity = numpy.where(total > 0, total_by_label.max(axis=1) / numpy.maximum(total, 1), 0)
    purity_bucket = (purity >= 0.6).astype("int64") + (purity >= 0.9)
    freq_bucket = (total >= 2).astype("int64") + (total >= 4)
    code = 1 + majority * 9 + purity_bucket * 3 + freq_bucket
    return numpy.where(found & (entity > 0), code, 0).astype("uint64")


def lexicon_arrays(lexicon: dict[str, int]) -> tuple[numpy.ndarray, numpy.ndarray]:
    """``(sorted uint64 hashes, uint16 bit masks)`` of a ``{word: bits}`` lexicon."""
    pairs = sorted((get_string_id(word), bits) for word, bits in lexicon.items())
    keys = numpy.asarray([k for k, _ in pairs], dtype="uint64")
    values = numpy.asarray([v for _, v in pairs], dtype="uint16")
    return keys, values


def _lookup(keys: numpy.ndarray, values: numpy.ndarray, hashes: numpy.ndarray) -> numpy.ndarray:
    if not len(keys):
        return numpy.zeros(len(hashes), dtype="uint64")
    idx = numpy.minimum(numpy.searchsorted(keys, hashes), len(keys) - 1)
    return numpy.where(keys[idx] == hashes, values[idx], 0).astype("uint64")


def lexicon_column(orth: numpy.ndarray, lower: numpy.ndarray, keys: numpy.ndarray, values: numpy.ndarray) -> numpy.ndarray:
    """Each token's bit mask: exact-match lists on the word as written, lowercase lists on its lowercase form."""
    exact = _lookup(keys, values, orth) & numpy.uint64(~LOWERCASE_BITS & 0xFFFF)
    return exact | (_lookup(keys, values, lower) & numpy.uint64(LOWERCASE_BITS))


def _capitalised(word: str) -> bool:
    return word[:1].isupper()


def clause_initial(words: list[str]) -> list[bool]:
    """Whether each word opens a sentence or clause (from punctuation: the same with or without a sentencizer)."""
    return [i == 0 or words[i - 1] in CLAUSE_OPENERS or not words[i - 1].strip() for i in range(len(words))]


@lru_cache(maxsize=8)
def neighbour_words(lang: str) -> tuple[frozenset[str], frozenset[str]]:
    """(place prepositions, articles): small closed classes of a left neighbour, from
    ``data/<lang>/ner_features.json``; none for a language without the file."""
    path = DATA_DIR / lang / "ner_features.json"
    if not path.is_file():
        return frozenset(), frozenset()
    data = json.loads(path.read_text(encoding="utf-8"))
    return frozenset(data["place_prepositions"]), frozenset(data["articles"])


def document_column(words: list[str], lex: list[int], lang: str) -> list[int]:
    """For each capitalised word, the union of the contexts all its occurrences in the document have
    (``lang``: whose neighbour words count, see :func:`neighbour_words`)."""
    b = DOCUMENT_BITS
    place_prepositions, articles = neighbour_words(lang)
    initial = clause_initial(words)
    lowercase_words = {w for w in words if w.islower()}
    contexts: dict[str, int] = {}
    n = len(words)
    for i, word in enumerate(words):
        if not _capitalised(word):
            continue
        bits = 0
        name_before = not initial[i] and _capitalised(words[i - 1])
        name_after = i + 1 < n and not initial[i + 1] and _capitalised(words[i + 1])
        if not initial[i]:
            prev_lower = words[i - 1].lower()
            if name_before and lex[i - 1] & FIRST_NAME:
                bits |= b["after_first_name"]
            if lex[i - 1] & ROLE:
                bits |= b["after_role"]
            if prev_lower in place_prepositions:
                bits |= b["after_place_preposition"]
            if prev_lower in articles:
                bits |= b["after_article"]
            if name_before:
                bits |= b["after_name"]
            elif not name_after:
                bits |= b["alone_mid_sentence"]
        if i + 1 < n and lex[i + 1] & ORG_WORD:
            bits |= b["before_org_word"]
        if name_after:
            bits |= b["before_name"]
        if word.lower() in lowercase_words:
            bits |= b["lowercase_elsewhere"]
        contexts[word] = contexts.get(word, 0) | bits
    return [contexts.get(word, 0) if _capitalised(word) else 0 for word in words]


def doc_words(doc: Doc) -> list[str]:
    """The tokens' texts, read from the string store by ORTH (no Token objects: this runs on every document)."""
    strings = doc.vocab.strings
    return [strings[orth] for orth in doc.to_array(ORTH).tolist()] if len(doc) else []


def doc_features(doc: Doc, keys: numpy.ndarray, values: numpy.ndarray, memory_keys: numpy.ndarray | None = None,
                 memory_counts: numpy.ndarray | None = None, training: bool = False,
                 words: list[str] | None = None) -> numpy.ndarray:
    """The three extra feature columns of a document, as uint64 ``(n_tokens, 3)``.

    ``training``: the document is a training document, so its own fold is left out of the memory.
    ``words``: the tokens' texts, if the caller has them already (:func:`doc_words`).
    """
    words = doc_words(doc) if words is None else words
    hashes = doc.to_array([ORTH, LOWER]).astype("uint64").reshape((len(doc), 2))
    lex = lexicon_column(hashes[:, 0], hashes[:, 1], keys, values)
    docu = document_column(words, lex.tolist(), doc.lang_)
    if memory_keys is None or memory_counts is None:
        memory = numpy.zeros(len(doc), dtype="uint64")
    else:
        memory = memory_column(hashes[:, 0], memory_keys, memory_counts, memory_fold(words) if training else None)
    return numpy.stack([lex, numpy.asarray(docu, dtype="uint64"), memory], axis=1)


# longer affixes than spaCy's PREFIX (1 character) and SUFFIX (3): name endings such as -berg, -stra, -bank
AFFIXES = ((0, 3), (-4, None))


def affix_columns(words: list[str]) -> numpy.ndarray:
    """The lowercased first three and last four characters of each word, hashed, as uint64 ``(n, 2)``.

    Hashed once per distinct word of the call (a news article repeats most of its words)."""
    hashed: dict[str, tuple[int, ...]] = {}
    rows = []
    for word in words:
        row = hashed.get(word)
        if row is None:
            lower = word.lower()
            row = hashed[word] = tuple(get_string_id(lower[start:end]) for start, end in AFFIXES)
        rows.append(row)
    return numpy.array(rows, dtype="uint64").reshape((len(words), len(AFFIXES)))


def LexiconFeatureExtractor(attrs: List[str], lexicon_path: str, affixes: bool = False) -> Model:
    """spaCy's FeatureExtractor(attrs) with the lexicon, document and memory columns appended
    (and, with ``affixes``, the longer affix columns)."""
    base = FeatureExtractor(attrs)

    def init(model: Model, X=None, Y=None) -> None:
        if not model.attrs["keys"] and model.attrs["lexicon_path"]:
            with open(model.attrs["lexicon_path"], encoding="utf-8") as fh:
                data = json.load(fh)
            keys, values = lexicon_arrays(data["lexicon"])
            memory_keys, memory_counts = memory_arrays(data.get("memory", {}))
            model.attrs.update(
                keys=keys.tobytes(), values=values.tobytes(),
                memory_keys=memory_keys.tobytes(), memory_counts=memory_counts.tobytes(),
            )

    def forward(model: Model, docs: List[Doc], is_train: bool):
        base_arrays, _ = base(docs, is_train)
        a = model.attrs
        keys = numpy.frombuffer(a["keys"], dtype="uint64")
        values = numpy.frombuffer(a["values"], dtype="uint16")
        memory_keys = numpy.frombuffer(a["memory_keys"], dtype="uint64")
        memory_counts = numpy.frombuffer(a["memory_counts"], dtype="uint16").reshape(
            (len(memory_keys), MEMORY_FOLDS, len(MEMORY_LABELS)))
        arrays = []
        for doc, arr in zip(docs, base_arrays):
            words = doc_words(doc)
            columns = [arr, doc_features(doc, keys, values, memory_keys, memory_counts, training=is_train, words=words)]
            arrays.append(numpy.hstack(columns + ([affix_columns(words)] if affixes else [])))
        return arrays, lambda d_features: []

    return Model(
        "lexicon_features", forward, init=init,
        attrs={"keys": b"", "values": b"", "memory_keys": b"", "memory_counts": b"", "lexicon_path": lexicon_path},
    )


@registry.architectures("explainer.LexiconHashEmbed.v1")
def LexiconHashEmbed(width: int, attrs: List[str], rows: List[int], lexicon_rows: List[int], lexicon_path: str,
                     affix_rows: Optional[List[int]] = None) -> Model:
    """MultiHashEmbed.v2 (no static vectors) plus the lexicon, document and memory columns (``lexicon_rows``: 3 sizes)
    and optionally the long-affix columns (``affix_rows``: 2 sizes)."""
    if len(rows) != len(attrs) or len(lexicon_rows) != 3 or len(affix_rows or []) not in (0, len(AFFIXES)):
        raise ValueError("rows must match attrs, lexicon_rows must give three table sizes, affix_rows none or two")
    all_rows = list(rows) + list(lexicon_rows) + list(affix_rows or [])
    embeddings = [HashEmbed(width, n, column=i, seed=8 + i, dropout=0.0) for i, n in enumerate(all_rows)]
    return chain(
        LexiconFeatureExtractor(list(attrs), lexicon_path, affixes=bool(affix_rows)),
        list2ragged(),
        with_array(concatenate(*embeddings)),
        with_array(Maxout(width, width * len(embeddings), nP=3, dropout=0.0, normalize=True)),
        ragged2list(),
    )

