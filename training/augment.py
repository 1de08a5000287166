"""Entity-swap augmentation for the NER: an experiment, NOT used by ``training/ner.cfg``.

Tried on 2026-11-28 (see docs/model-card.md, "Tuning attempts"): with it the NER scored lower on
``ned.testa`` (best 0.685 vs 0.708 without, same architecture), so the shipped training does not use
it. To repeat the experiment, add to the NER config

    [corpora.train.augmenter]
    @augmenters = "explainer.entity_swap.v1"
    corpus = ${paths.train}
    level = 0.5
    swap_prob = 0.5

and run ``python -m spacy train CONFIG --code training/augment.py ...``.

``explainer.entity_swap.v1``: with probability ``level`` a training document is replaced by a copy
in which each entity (of the labels in ``labels``) is, with probability ``swap_prob``, replaced by
another entity of the same label drawn uniformly from the *distinct* entity strings of the training
corpus itself. The model then sees each context with many names and each name in many contexts,
so it has to rely on the context and the shape of a name rather than memorise the name list of
200k tokens of newspaper text. No outside name list is used (the training data's own names only),
so the weights inherit no further licence terms.

The augmenter draws from Python's ``random``, which ``spacy train`` seeds from ``[training] seed``,
so training stays reproducible.
"""
from __future__ import annotations

import random
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

import spacy
from spacy.language import Language
from spacy.tokens import Doc, DocBin, Span
from spacy.training import Example
from spacy.vocab import Vocab


def _entity_pool(path: Path, labels: set[str]) -> dict[str, list[tuple[str, ...]]]:
    vocab = Vocab()
    pool: dict[str, set[tuple[str, ...]]] = {label: set() for label in labels}
    for doc in DocBin().from_disk(path).get_docs(vocab):
        for ent in doc.ents:
            if ent.label_ in pool:
                pool[ent.label_].add(tuple(t.text for t in ent))
    return {label: sorted(names) for label, names in pool.items()}


@spacy.registry.augmenters("explainer.entity_swap.v1")
def create_entity_swap_augmenter(
    corpus: str, level: float = 0.5, swap_prob: float = 0.5, labels: Sequence[str] = ("PER", "ORG", "LOC", "MISC")
) -> Callable[[Language, Example], Iterator[Example]]:
    pool = _entity_pool(Path(corpus), set(labels))

    def augment(nlp: Language, example: Example) -> Iterator[Example]:
        if random.random() >= level:
            yield example
            return
        ref = example.reference
        words: list[str] = []
        spaces: list[bool] = []
        sent_starts: list[bool] = []
        ents: list[tuple[int, int, str]] = []
        i = 0
        ent_at = {ent.start: ent for ent in ref.ents}
        while i < len(ref):
            ent = ent_at.get(i)
            if ent is not None:
                names = pool.get(ent.label_)
                new = [t.text for t in ent]
                if names and random.random() < swap_prob:
                    new = list(random.choice(names))
                start = len(words)
                for j, w in enumerate(new):
                    words.append(w)
                    spaces.append(True if j < len(new) - 1 else bool(ent[-1].whitespace_))
                    sent_starts.append(bool(ref[i].is_sent_start) if j == 0 else False)
                ents.append((start, len(words), ent.label_))
                i = ent.end
                continue
            tok = ref[i]
            words.append(tok.text)
            spaces.append(bool(tok.whitespace_))
            sent_starts.append(bool(tok.is_sent_start))
            i += 1
        doc = Doc(nlp.vocab, words=words, spaces=spaces, sent_starts=sent_starts)
        doc.ents = [Span(doc, s, e, label=lab) for s, e, lab in ents]
        yield Example(nlp.make_doc(doc.text), doc)

    return augment
