"""Speakers from the dependency parse (generator/extraction/components/quotes/syntax.py), on hand-built parses
of invented sentences, so the test does not depend on the parser model's accuracy."""
import spacy
from spacy.tokens import Doc

from pelican.plugins.explainer.extraction.components.quotes.lexicon import load_lexicon
from pelican.plugins.explainer.extraction.components.quotes.syntax import has_parse, speaker_token, subject_of

LEX = load_lexicon("nl")
VOCAB = spacy.blank("nl").vocab


def parsed(words, heads, deps):
    return Doc(VOCAB, words=words, heads=heads, deps=deps)


def span_of(doc, first, last):
    return doc[first].idx, doc[last].idx + len(doc[last])


def test_subject_after_a_quote():
    # “ Het kan niet , ” zei Karin Vos .
    doc = parsed(["“", "Het", "kan", "niet", ",", "”", "zei", "Karin", "Vos", "."],
                 [2, 2, 2, 2, 2, 2, 2, 6, 7, 2],
                 ["punct", "nsubj", "ROOT", "advmod", "punct", "punct", "parataxis", "nsubj", "flat", "punct"])
    assert has_parse(doc)
    quote = span_of(doc, 0, 5)
    assert speaker_token(doc, quote, span_of(doc, 6, 6), LEX).text == "Karin"
    assert speaker_token(doc, quote, None, LEX).text == "Karin"  # the rules found no cue: the parse does


def test_conjoined_verb_inherits_the_subject():
    # Vos reageerde verbaasd en zei : “ Nee . ”
    doc = parsed(["Vos", "reageerde", "verbaasd", "en", "zei", ":", "“", "Nee", ".", "”"],
                 [1, 1, 1, 4, 1, 4, 7, 4, 7, 7],
                 ["nsubj", "ROOT", "xcomp", "cc", "conj", "punct", "punct", "ccomp", "punct", "punct"])
    assert subject_of(doc[4], LEX).text == "Vos"
    assert speaker_token(doc, span_of(doc, 6, 9), span_of(doc, 4, 4), LEX).text == "Vos"


def test_passive_agent():
    # Er werd door Bram Kok gezegd dat ...
    doc = parsed(["Er", "werd", "door", "Bram", "Kok", "gezegd", "dat", "het", "kan"],
                 [5, 5, 3, 5, 3, 5, 8, 8, 5],
                 ["advmod", "aux:pass", "case", "obl:agent", "flat", "ROOT", "mark", "nsubj", "ccomp"])
    assert subject_of(doc[5], LEX).text == "Bram"


def test_no_subject_inside_the_quote():
    # “ Ik zei het al ” . : a subject inside the quote is never the speaker
    doc = parsed(["“", "Ik", "zei", "het", "al", "”", "."],
                 [2, 2, 2, 2, 2, 2, 2],
                 ["punct", "nsubj", "ROOT", "obj", "advmod", "punct", "punct"])
    assert speaker_token(doc, span_of(doc, 0, 5), span_of(doc, 2, 2), LEX) is None


def test_no_parse():
    assert not has_parse(spacy.blank("nl")("Geen ontleding hier."))
