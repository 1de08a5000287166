"""The NER's word-list, document and training-memory features (generator/extraction/ml/lexicon_embed.py)."""
from __future__ import annotations

import numpy
import spacy

from pelican.plugins.explainer.extraction.ml.lexicon_embed import (DOCUMENT_BITS, LEXICON_BITS, MEMORY_FOLDS,
                                                                   MEMORY_LABELS, affix_columns, doc_features,
                                                                   lexicon_arrays, memory_arrays, memory_fold)

LEXICON = {
    "Shimon": LEXICON_BITS["first_name"],
    "Brussel": LEXICON_BITS["place"],
    "minister": LEXICON_BITS["role"],
    "vallen": LEXICON_BITS["common"],
    "Airlines": LEXICON_BITS["org_word"],
}


def _features(text: str) -> dict[str, tuple[set[str], set[str]]]:
    doc = spacy.blank("nl")(text)
    keys, values = lexicon_arrays(LEXICON)
    out = {}
    for token, (lex, docu, _memory) in zip(doc, doc_features(doc, keys, values)):
        out.setdefault(token.text, (
            {name for name, bit in LEXICON_BITS.items() if int(lex) & bit},
            {name for name, bit in DOCUMENT_BITS.items() if int(docu) & bit},
        ))
    return out


def test_lexicon_bits_match_as_written_or_lowercased():
    feats = _features("Vallen is niet erg in Brussel, zei Minister Shimon, maar brussel en shimon niet.")
    assert feats["Vallen"][0] == {"common"}  # a lowercase list matches the lowercased word
    assert feats["Minister"][0] == {"role"}
    assert feats["Brussel"][0] == {"place"}  # a name list matches the word as written only
    assert feats["brussel"][0] == set() and feats["shimon"][0] == set()


def test_document_column_pools_the_contexts_of_every_mention():
    feats = _features("Shimon Peres kwam aan. Later zei Peres dat in Geetbets alles goed was. Geetbets won.")
    # the later "Peres" is known to follow a given name elsewhere in the document
    assert "after_first_name" in feats["Peres"][1]
    # "Geetbets" at the start of a sentence still carries "in Geetbets" from another sentence
    assert "after_place_preposition" in feats["Geetbets"][1]
    assert feats["kwam"][1] == set()  # lowercase words get no document features


def test_document_column_sees_lowercase_uses_and_org_words():
    feats = _features("Vallen doet pijn. Wie blijft vallen, leert. Singapore Airlines vliegt.")
    assert "lowercase_elsewhere" in feats["Vallen"][1]
    assert "before_org_word" in feats["Singapore"][1]


def test_features_are_deterministic_and_sized_per_token():
    nlp = spacy.blank("nl")
    keys, values = lexicon_arrays(LEXICON)
    doc = nlp("Een zin met Brussel.")
    a, b = doc_features(doc, keys, values), doc_features(nlp("Een zin met Brussel."), keys, values)
    assert a.shape == (len(doc), 3) and a.dtype == numpy.uint64
    assert numpy.array_equal(a, b)
    assert doc_features(nlp(""), keys, values).shape == (0, 3)


def test_affix_columns_share_name_endings_across_case():
    cols = affix_columns(["Vandenberghe", "VANDENBERGHE", "Verberghe", "Bank"])
    assert cols.shape == (4, 2) and cols.dtype == numpy.uint64
    assert numpy.array_equal(cols[0], cols[1])  # lowercased
    assert cols[0, 1] == cols[2, 1] and cols[0, 0] != cols[2, 0]  # "-rghe" ends alike, "van"/"ver" differ
    assert affix_columns(["a"])[0, 0] == affix_columns(["A"])[0, 1]  # short words: the whole word


def test_memory_leaves_out_the_documents_own_fold_while_training():
    words = ["Sabena", "vliegt", "naar", "Brussel", "."]
    fold = memory_fold(words)
    n = len(MEMORY_LABELS)
    sabena = [0] * (MEMORY_FOLDS * n)
    sabena[fold * n + MEMORY_LABELS.index("ORG")] = 5  # only this document's fold saw it, as ORG
    brussel = [0] * (MEMORY_FOLDS * n)
    brussel[((fold + 1) % MEMORY_FOLDS) * n + MEMORY_LABELS.index("LOC")] = 3  # another fold saw it
    mkeys, mcounts = memory_arrays({"Sabena": sabena, "Brussel": brussel})
    keys, values = lexicon_arrays(LEXICON)
    doc = spacy.blank("nl")(" ".join(words))
    assert [t.text for t in doc] == words
    seen = doc_features(doc, keys, values, mkeys, mcounts)[:, 2]
    training = doc_features(doc, keys, values, mkeys, mcounts, training=True)[:, 2]
    assert seen[0] and seen[3] and not seen[1]
    assert training[0] == 0 and training[3] == seen[3]  # its own fold is forgotten, the others are not
    assert seen[0] != seen[3]  # ORG and LOC memories differ


def test_shipped_ner_carries_its_word_lists():
    """The model holds the lists it was trained with: loading it needs no training output."""
    from pelican.plugins.explainer.extraction.nlp import DEFAULT_MODEL_PATH, load_pipeline

    if not (DEFAULT_MODEL_PATH / "config.cfg").exists():
        return
    nlp = load_pipeline("default")
    layer = next(node for node in nlp.get_pipe("ner").model.walk() if node.name == "lexicon_features")
    assert len(layer.attrs["keys"]) > 8 * 10_000  # tens of thousands of words, as 64-bit hashes
    doc = nlp("Shimon Peres bezocht Brussel. Daarna sprak Peres in Antwerpen met minister Jan Jambon.")
    labels = {ent.text: ent.label_ for ent in doc.ents}
    assert labels.get("Peres") == "PER" and labels.get("Brussel") == "LOC", labels
    keys = numpy.frombuffer(layer.attrs["keys"], dtype="uint64")
    values = numpy.frombuffer(layer.attrs["values"], dtype="uint16")
    surname = doc_features(nlp.make_doc("Janssens"), keys, values)[0, 0]
    assert int(surname) & LEXICON_BITS["surname"]  # the person-name lists are in the model


def test_conll_documents_are_read_whole_and_long_files_are_cut(tmp_path):
    from pelican.plugins.explainer.evaluation.ner import MAX_DOC_SENTENCES, read_conll_documents

    text = "-DOCSTART- -DOCSTART- O\n\nJan N B-PER\nwint V O\n\nHij Pron O\nwint V O\n\n-DOCSTART- -DOCSTART- O\n\nGent N B-LOC\n"
    path = tmp_path / "a.conll"
    path.write_text(text, encoding="latin-1")
    assert [len(d) for d in read_conll_documents(path)] == [2, 1]
    path.write_text("Een Art O\n.\tPunc O\n\n" * (MAX_DOC_SENTENCES + 5), encoding="latin-1")
    assert [len(d) for d in read_conll_documents(path)] == [MAX_DOC_SENTENCES, 5]
