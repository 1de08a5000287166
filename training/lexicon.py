"""Build the word lists the NER's lexicon features read (``explainer.LexiconHashEmbed.v1``).

    python training/lexicon.py DATA_DIR OUT.json [--dictionary /usr/share/dict/dutch] [--train-docs NER_TRAIN.spacy]

Sources, all outside CoNLL-2002's evaluation files:
* the project's actor word lists in ``generator/data/nl/actors/`` (given names from gender-guesser,
  GeoNames cities and Belgian/Dutch towns, Dutch exonyms, nationality words, organisation words,
  role nouns; their headers name their sources and licences);
* Babel's Dutch country and language names (CLDR, Unicode licence);
* given names and surnames of the ~80 locales of Faker's person provider (MIT; Latin script only):
  the only surname lists installable here;
* OpenTaal's Dutch word list (Debian package ``wdutch``; BSD or CC BY 3.0): its lowercase entries
  are dictionary words, its capitalised entries (places, given names, surnames, brands) dictionary names;
* common lowercase words: word types of ``ned.train`` tagged O and of LassySmall train, seen at
  least twice (never ``ned.testa`` or ``ned.testb``).

The training memory counts, per fold of training documents, how often each word of ``ned.train``
(the converted ``ner-train.spacy``) was part of a PER/ORG/LOC/MISC entity or of none; only words
that were part of an entity at least once are kept.

The output maps a word to a bit mask, and memory words to their counts (see
``generator/extraction/ml/lexicon_embed.py``); training copies both into the model, so the shipped pipeline does
not read this file.
"""
from __future__ import annotations

import argparse
import json
import sys
import unicodedata
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from pelican.plugins.explainer.extraction.components.actors.lexicon import _lines as read_word_list  # noqa: E402
from pelican.plugins.explainer.extraction.ml.lexicon_embed import LEXICON_BITS, MEMORY_FOLDS, MEMORY_LABELS, memory_fold  # noqa: E402

ACTOR_LISTS = REPO / "generator" / "data" / "nl" / "actors"
MIN_COMMON_COUNT = 2
DEFAULT_DICTIONARY = Path("/usr/share/dict/dutch")  # Debian: apt-get install wdutch


def _lines(name: str) -> list[str]:
    """One of the actor word lists, read the way the actor rules read it (comments and blanks skipped)."""
    return read_word_list(ACTOR_LISTS / name)


def _place_names() -> list[str]:
    from babel import Locale

    countries = json.loads((ACTOR_LISTS / "countries.json").read_text(encoding="utf-8"))
    names = [n for code, n in Locale("nl").territories.items() if code not in countries["not_countries"]]
    names += [alias for aliases in countries["aliases"].values() for alias in aliases]
    names += countries["extra_countries"]
    return names + _lines("places.txt") + _lines("places_world.txt")


def _nationality_words() -> list[str]:
    from babel import Locale

    nat = json.loads((ACTOR_LISTS / "nationalities.json").read_text(encoding="utf-8"))
    words = [w for forms in nat["adjectives"].values() for w in forms]
    words += [w for forms in nat["inhabitants"].values() for w in forms]
    words += nat["other_adjectives"]
    words += [name[:1].upper() + name[1:] for name in Locale("nl").languages.values() if " " not in name]
    return words


def _common_words(data: Path) -> list[str]:
    counts: Counter[str] = Counter()
    with open(data / "conll2002-nl" / "ned.train", encoding="latin-1", errors="replace") as fh:
        for line in fh:
            parts = line.split()
            if len(parts) >= 2 and parts[-1] == "O" and parts[0].isalpha() and parts[0].islower():
                counts[parts[0]] += 1
    with open(data / "ud-lassysmall" / "nl_lassysmall-ud-train.conllu", encoding="utf-8") as fh:
        for line in fh:
            parts = line.split("\t")
            if len(parts) > 3 and parts[0].isdigit() and parts[1].isalpha() and parts[1].islower():
                counts[parts[1]] += 1
    return [w for w, c in counts.items() if c >= MIN_COMMON_COUNT]


def _latin(word: str) -> bool:
    return all(not c.isalpha() or "LATIN" in unicodedata.name(c, "") for c in word)


def _faker_names() -> tuple[list[str], list[str]]:
    """``(given names, surnames)`` of every locale of Faker's person provider, Latin script only.

    Faker (MIT) carries real name frequency lists for ~80 locales; news names come from everywhere.
    Multi-word surnames ("De Coster") give their capitalised last word.
    """
    import importlib
    import pkgutil

    try:
        from faker.providers import person
    except ImportError:
        raise SystemExit("faker is not installed: pip install -e '.[training]' (make model does it)") from None

    given: set[str] = set()
    surnames: set[str] = set()
    for info in pkgutil.iter_modules(person.__path__):
        provider = importlib.import_module(f"{person.__name__}.{info.name}").Provider
        for attr, target in (("first_names", given), ("first_names_male", given), ("first_names_female", given),
                             ("last_names", surnames)):
            names = getattr(provider, attr, ())
            if not isinstance(names, (dict, list, tuple)):
                continue
            for name in names:
                word = name.rsplit(maxsplit=1)[-1] if name.strip() else ""
                if word[:1].isupper() and _latin(word):
                    target.add(word)
    return sorted(given), sorted(surnames)


def _dictionary_entries(path: Path) -> list[str]:
    if not path.is_file():
        raise SystemExit(f"{path}: Dutch word list not found (Debian: apt-get install wdutch; or pass --dictionary)")
    return [line.strip() for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def build_memory(train_docs: Path) -> dict[str, list[int]]:
    """``{word: counts}``, counts flattened as ``[fold][label]`` (labels: MEMORY_LABELS)."""
    import spacy
    from spacy.tokens import DocBin

    nlp = spacy.blank("nl")
    n_labels = len(MEMORY_LABELS)
    counts: dict[str, list[int]] = {}
    for doc in DocBin().from_disk(train_docs).get_docs(nlp.vocab):
        # the fold of the document as training will see it: re-tokenised from its text
        fold = memory_fold([t.text for t in nlp.make_doc(doc.text)])
        for token in doc:
            label = MEMORY_LABELS.index(token.ent_type_) if token.ent_type_ in MEMORY_LABELS else 0
            row = counts.setdefault(token.text, [0] * (MEMORY_FOLDS * n_labels))
            row[fold * n_labels + label] += 1
    entity = {
        word: row for word, row in counts.items()
        if any(row[f * n_labels + i] for f in range(MEMORY_FOLDS) for i in range(1, n_labels))
    }
    return dict(sorted(entity.items()))


def build(data: Path, dictionary: Path = DEFAULT_DICTIONARY) -> dict[str, int]:
    lexicon: dict[str, int] = {}

    def add(word: str, bit: str) -> None:
        lexicon[word] = lexicon.get(word, 0) | LEXICON_BITS[bit]

    given, surnames = _faker_names()
    for name in _lines("first_names.txt") + given:
        add(name, "first_name")
    for name in surnames:
        add(name, "surname")
    for place in _place_names():
        parts = place.split()
        if len(parts) == 1:
            add(place, "place")
        else:
            for part in parts:
                if part[:1].isupper():
                    add(part, "place_part")
    for word in _nationality_words():
        add(word, "nationality")
    for line in _lines("org_words.txt"):
        word = line.removeprefix("prefix:")
        add(word, "org_word")
        add(word[:1].upper() + word[1:], "org_word")
    for word in _lines("roles.txt") + _lines("honorifics.txt"):
        add(word.lower(), "role")
    for word in _common_words(data):
        add(word, "common")
    for entry in _dictionary_entries(dictionary):
        if " " in entry:
            continue
        add(entry, "dictionary_name" if entry[:1].isupper() else "dictionary_word")
    return dict(sorted(lexicon.items()))


def shipped_drift(lexicon: dict[str, int], model_dir: Path) -> dict[str, int] | None:
    """How a freshly built lexicon differs from the one inside ``model_dir``'s NER: words ``added``,
    ``removed`` and with ``changed`` bits (None when that NER has no lexicon features).

    The NER copies the word lists into its weights when it is trained, so an edit to the actor lists
    afterwards does not reach the shipped model until the NER is retrained; ``training/train.py`` prints
    this after the lexicon stage so a retrain that cannot reproduce the shipped NER says why."""
    import numpy
    import spacy

    from pelican.plugins.explainer.extraction.ml.lexicon_embed import lexicon_arrays

    nlp = spacy.load(model_dir, exclude=["tok2vec", "morphologizer", "parser", "lemmatizer"])
    stored = next((node.attrs for node in nlp.get_pipe("ner").model.walk() if node.name == "lexicon_features"), None)
    if stored is None:
        return None
    old = dict(zip(numpy.frombuffer(stored["keys"], dtype="uint64").tolist(),
                   numpy.frombuffer(stored["values"], dtype="uint16").tolist()))
    keys, values = lexicon_arrays(lexicon)
    new = dict(zip(keys.tolist(), values.tolist()))
    return {
        "added": sum(1 for k in new if k not in old),
        "removed": sum(1 for k in old if k not in new),
        "changed": sum(1 for k, v in new.items() if k in old and old[k] != v),
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("data_dir", type=Path)
    ap.add_argument("out", type=Path)
    ap.add_argument("--dictionary", type=Path, default=DEFAULT_DICTIONARY, help="a Dutch word list, one entry per line")
    ap.add_argument("--train-docs", type=Path, default=REPO / "training" / "output" / "corpus" / "ner-train.spacy",
                    help="the converted CoNLL-2002 training documents (training/train.py --stages convert)")
    args = ap.parse_args(argv)
    lexicon = build(args.data_dir, args.dictionary)
    memory = build_memory(args.train_docs)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(
        json.dumps({"lexicon": lexicon, "memory": memory}, ensure_ascii=False, indent=0) + "\n", encoding="utf-8"
    )
    print(f"memory: {len(memory)} words that were part of an entity in the training documents")
    counts = Counter(bit for bits in lexicon.values() for bit, v in LEXICON_BITS.items() if bits & v)
    print(f"{args.out}: {len(lexicon)} words; " + ", ".join(f"{k} {counts[k]}" for k in LEXICON_BITS))
    return 0


if __name__ == "__main__":
    sys.exit(main())
