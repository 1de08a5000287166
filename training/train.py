"""Train the project's Dutch pipeline and ship it to ``generator/models/nl_explainer/``.

    python training/train.py [DATA_DIR] [--stages convert,lexicon,ner,parser,assemble,evaluate]

DATA_DIR defaults to ``../shared/data`` relative to the repository root and must hold
``conll2002-nl/ned.{train,testa}``, ``ud-lassysmall/nl_lassysmall-ud-{train,dev}.conllu`` and
``ud-alpino/nl_alpino-ud-dev.conllu`` (``ned.testb`` is never read). Steps:

1. convert  the corpora to DocBin files in ``training/output/corpus/`` (CoNLL-2002: whole documents;
            UD: LassySmall train (``cc`` and punctuation re-attached the UD v2 way, as in Alpino:
            ``training/convert.py``) + the Alpino dev sentences NOT held out (every 5th sentence, 1-based
            5, 10, ..., is held out: ``training/output/corpus/alpino-heldout.conllu``), the Alpino
            part written ``ALPINO_REPEAT`` times (oversampled: it is the newspaper domain);
2. lexicon  ``training/lexicon.py``: the word lists of the NER's lexicon features
            (``training/output/lexicon.json``; copied into the model when the NER is initialised);
3. ner      ``spacy train training/ner.cfg``    (CoNLL-2002 train; testa only for model selection);
4. parser   ``spacy train training/parser.cfg`` (shared tok2vec + morphologizer + parser + edit-tree
            lemmatizer; LassySmall dev only for model selection);
5. assemble ``spacy assemble training/assemble.cfg`` sources both best models into one pipeline,
            written to ``generator/models/nl_explainer/`` (meta.json gets licences and scores), then
            adds the sentencizer and our extraction components with a copy of their word lists from
            ``generator/data/nl/`` (:func:`add_components`; alone as the stage ``components``: run it
            after editing those lists, ``tests/test_pipes.py`` fails until then);
6. evaluate ``spacy evaluate`` on the dev sets and ``explainer evaluate-parser`` on LassySmall dev
            and the Alpino held-out part, scores in ``training/output/scores.json``.

``morph`` (``training/morph.cfg``, the earlier stand-alone morphologizer) is no longer a default stage:
the shipped morphologizer is the one trained together with the parser.
When the NER stage has not been run, assemble sources the NER of the currently shipped pipeline
unchanged.

Everything runs on the CPU with one thread, ``[system] seed = 0`` and no GPU allocator, so a rerun
on the same machine and library versions reproduces the same weights.
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
TRAINING = REPO / "training"
OUTPUT = TRAINING / "output"
CORPUS = OUTPUT / "corpus"
SHIPPED = REPO / "generator" / "models" / "nl_explainer"
DEFAULT_DATA = REPO.parent / "shared" / "data"
DATA = DEFAULT_DATA  # set by main()
STAGES = ("convert", "lexicon", "ner", "parser", "assemble", "evaluate")
OPTIONAL_STAGES = ("morph", "components")
ORDER = ("convert", "lexicon", "ner", "morph", "parser", "assemble", "components", "evaluate")
# the Alpino sentences used for training are written this many times (the target domain)
ALPINO_REPEAT = 3
# every HELD_OUT-th Alpino dev sentence (1-based 5, 10, ...) is held out for our own evaluation
HELD_OUT = 5
LEXICON = OUTPUT / "lexicon.json"
# the NER's embedding architecture (explainer.LexiconHashEmbed.v1); spaCy's commands import it with --code
ARCHITECTURE = REPO / "generator" / "extraction" / "ml" / "lexicon_embed.py"

# one thread for every numerical library: reproducible, and polite to a shared machine
THREAD_ENV = {k: "1" for k in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS", "BLIS_NUM_THREADS")}


def _inputs(data: Path) -> dict[str, Path]:
    return {
        "ner-train": data / "conll2002-nl" / "ned.train",
        "ner-dev": data / "conll2002-nl" / "ned.testa",
        "morph-train": data / "ud-lassysmall" / "nl_lassysmall-ud-train.conllu",
        "morph-dev": data / "ud-lassysmall" / "nl_lassysmall-ud-dev.conllu",
        "alpino-dev": data / "ud-alpino" / "nl_alpino-ud-dev.conllu",
    }


def _run(cmd: list[str], log: Path | None = None) -> None:
    env = {**os.environ, **THREAD_ENV, "PYTHONHASHSEED": "0"}
    print("$", " ".join(str(c) for c in cmd), flush=True)
    if log is None:
        subprocess.run(cmd, check=True, cwd=REPO, env=env)
        return
    log.parent.mkdir(parents=True, exist_ok=True)
    with open(log, "w", encoding="utf-8") as fh:
        proc = subprocess.Popen(cmd, cwd=REPO, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        assert proc.stdout is not None
        for line in proc.stdout:
            sys.stdout.write(line)
            sys.stdout.flush()
            fh.write(line)
            fh.flush()
        if proc.wait():
            raise subprocess.CalledProcessError(proc.returncode, cmd)


def _rel(path: Path) -> str:
    """A path as the commands see it (they run in the repository): relative, so no machine's
    folders end up in the shipped config."""
    try:
        return str(path.relative_to(REPO))
    except ValueError:
        return str(path)


def _spacy(*args: str) -> list[str]:
    return [sys.executable, "-m", "spacy", *args, "--code", _rel(ARCHITECTURE)]


def convert(files: dict[str, Path]) -> None:
    from convert import (convert_conll_ner, convert_conllu, convert_ud, read_conllu, sentence_blocks,
                         to_ud2_coordination_and_punct)

    for name, src in files.items():
        dest = CORPUS / f"{name}.spacy"
        if name == "alpino-dev":
            continue
        if name.startswith("ner"):
            n_docs, n_ents = convert_conll_ner(src, dest, n_sents=0)
            print(f"{src} -> {dest.relative_to(REPO)}: {n_docs} docs, {n_ents} entities")
        else:
            n_docs = convert_conllu(src, dest, n_sents=10)
            print(f"{src} -> {dest.relative_to(REPO)}: {n_docs} docs")
    # the parser's corpora (training/convert.py reads CoNLL-U itself: Alpino has empty nodes)
    alpino = read_conllu(files["alpino-dev"])
    blocks = sentence_blocks(files["alpino-dev"])
    assert len(blocks) == len(alpino), "one text block per sentence expected"
    held = [i % HELD_OUT == HELD_OUT - 1 for i in range(len(alpino))]
    alpino_train = [s for s, h in zip(alpino, held) if not h]
    (CORPUS / "alpino-heldout.conllu").write_text("\n".join(b for b, h in zip(blocks, held) if h) + "\n",
                                                  encoding="utf-8")
    lassy = {}
    for name in ("morph-train", "morph-dev"):  # LassySmall: cc and punct re-attached as in UD v2 / Alpino
        lassy[name] = read_conllu(files[name])
        n_changed = sum(to_ud2_coordination_and_punct(sent) for sent in lassy[name])
        print(f"{files[name].name}: {n_changed} cc/punct heads re-attached (UD v2 style)")
    for name, parts in {
        "parser-train": [(lassy["morph-train"], 1), (alpino_train, ALPINO_REPEAT)],
        "parser-dev": [(lassy["morph-dev"], 1)],
    }.items():
        n_docs, n_words = convert_ud(parts, CORPUS / f"{name}.spacy", n_sents=10)
        print(f"-> {_rel(CORPUS / f'{name}.spacy')}: {n_docs} docs, {n_words} words")
    print(f"Alpino dev: {len(alpino_train)} sentences for training (x{ALPINO_REPEAT}), {sum(held)} held out "
          f"-> {_rel(CORPUS / 'alpino-heldout.conllu')}")


def train(component: str) -> None:
    out = OUTPUT / component
    if out.exists():
        shutil.rmtree(out)
    _run(
        _spacy(
            "train", _rel(TRAINING / f"{component}.cfg"), "--output", _rel(out), "--gpu-id", "-1",
            "--paths.train", _rel(CORPUS / f"{component}-train.spacy"),
            "--paths.dev", _rel(CORPUS / f"{component}-dev.spacy"),
            *(["--paths.lexicon", _rel(LEXICON)] if component == "ner" else []),
        ),
        log=OUTPUT / f"{component}.log",
    )


def _report_lexicon_drift() -> None:
    """Say whether the word lists just built are the ones inside the shipped NER: only then can the
    ``ner`` stage reproduce the shipped NER (a run without that stage keeps the shipped NER either way)."""
    from lexicon import shipped_drift

    if not (SHIPPED / "ner").exists():
        return
    drift = shipped_drift(json.loads(LEXICON.read_text(encoding="utf-8"))["lexicon"], SHIPPED)
    if drift is None:  # a shipped NER without word-list features
        return
    if not any(drift.values()):
        print(f"{_rel(LEXICON)}: the same word lists as in the shipped NER")
    else:
        print(f"{_rel(LEXICON)}: the word lists changed since the shipped NER was trained "
              f"({drift['added']} words added, {drift['removed']} removed, {drift['changed']} with other bits): "
              "retraining the NER will not reproduce the shipped one")


DESCRIPTION = (
    "Small Dutch CPU pipeline of the Explainer project: one CNN tok2vec shared by a "
    "morphologizer (UPOS + UD features), a dependency parser (UD relations) and an edit-tree "
    "lemmatizer, trained on UD Dutch LassySmall train + 4/5 of UD Dutch Alpino dev; NER "
    "(PER/ORG/LOC/MISC) trained on CoNLL-2002 Dutch with word-list, long-affix, document-level and "
    "training-memory features (generator/extraction/ml/lexicon_embed.py); a rule-based sentencizer and "
    "the Explainer's extraction components (blocks, language check, actors, quotes, timeline) with their "
    "word lists. spacy.load(path) finds that code through the package's entry points (pip install "
    "pelican-explainer). No vectors. See docs/model-card.md."
)


def assemble(data: Path) -> None:
    tmp = OUTPUT / "assembled"
    if tmp.exists():
        shutil.rmtree(tmp)
    ner_model = OUTPUT / "ner" / "model-best"
    if not ner_model.exists():  # NER stage not run: keep the shipped NER weights unchanged
        ner_model = OUTPUT / "shipped-before"
        if ner_model.exists():
            shutil.rmtree(ner_model)
        shutil.copytree(SHIPPED, ner_model)
        print(f"no {_rel(OUTPUT / 'ner' / 'model-best')}: the NER is sourced from the shipped pipeline")
    _run(
        _spacy(
            "assemble", _rel(TRAINING / "assemble.cfg"), _rel(tmp),
            "--paths.ner_model", _rel(ner_model),
            "--paths.parser_model", _rel(OUTPUT / "parser" / "model-best"),
        )
    )
    meta_path = tmp / "meta.json"
    meta = json.loads(meta_path.read_text(encoding="utf-8"))
    meta.update(
        {
            "name": "explainer",
            "version": "0.1.0",
            "description": DESCRIPTION,
            "author": "Explainer project",
            "license": "CoNLL-2002 research-use terms (NER data); CC BY-SA 4.0 (LassySmall, Alpino)",
            "sources": [
                {"name": "CoNLL-2002 Dutch NER (ned.train; ned.testa for model selection)",
                 "author": "Tjong Kim Sang (2002)",
                 "license": "distributed for research purposes by the CoNLL-2002 organisers"},
                {"name": "UD Dutch LassySmall (train; dev for model selection)",
                 "author": "Bouma, van Noord", "license": "CC BY-SA 4.0"},
                {"name": "UD Dutch Alpino (dev: 4/5 of the sentences for training, every 5th held out)",
                 "author": "Bouma, van Noord", "license": "CC BY-SA 4.0"},
                {"name": "OpenTaal Dutch word list (Debian wdutch), in the NER's lexicon features",
                 "author": "OpenTaal", "license": "BSD or CC BY 3.0"},
                {"name": "Given names (gender-guesser), GeoNames places, Babel/CLDR country and language names, "
                         "in the NER's lexicon features (see generator/data/nl/actors/)",
                 "author": "Jörg Michael; GeoNames; Unicode CLDR", "license": "GFDL 1.2; CC BY 4.0; Unicode licence"},
                {"name": "Given names and surnames of Faker's person providers (faker 40.63.0), in the NER's "
                         "lexicon features",
                 "author": "Faker contributors", "license": "MIT"},
            ],
        }
    )
    meta_path.write_text(json.dumps(meta, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    if SHIPPED.exists():
        shutil.rmtree(SHIPPED)
    SHIPPED.parent.mkdir(parents=True, exist_ok=True)
    shutil.copytree(tmp, SHIPPED)
    add_components()
    print(f"shipped pipeline -> {SHIPPED.relative_to(REPO)}")


def evaluate() -> dict:
    scores: dict[str, dict] = {}
    for name, corpus in (("ner", "ner-dev"), ("parser", "parser-dev")):
        out = OUTPUT / f"eval-{name}.json"
        _run(_spacy("evaluate", str(SHIPPED), str(CORPUS / f"{corpus}.spacy"), "--output", str(out)))
        scores[name] = json.loads(out.read_text(encoding="utf-8"))
    # our own gold-tokenisation evaluation (the one `explainer evaluate-parser` prints)
    sys.path.insert(0, str(REPO))
    from pelican.plugins.explainer.evaluation.parser import evaluate_parser  # noqa: E402  (training script, not package code)

    dep = {
        "LassySmall dev": evaluate_parser(_inputs(DATA)["morph-dev"]),
        "Alpino dev held-out (every 5th)": evaluate_parser(CORPUS / "alpino-heldout.conllu"),
    }
    keys = ("uas", "las", "las_full", "uas_nopunct", "las_nopunct", "lemma_acc", "sents_f")
    summary = {
        "ner (CoNLL-2002 testa)": {
            "ents_p": scores["ner"]["ents_p"], "ents_r": scores["ner"]["ents_r"], "ents_f": scores["ner"]["ents_f"],
            "ents_per_type": scores["ner"]["ents_per_type"],
        },
        "morph (LassySmall dev)": {"pos_acc": scores["parser"]["pos_acc"], "morph_acc": scores["parser"]["morph_acc"]},
        "spacy evaluate parser (LassySmall dev, spaCy's scorer: punctuation excluded, full labels)": {
            k: scores["parser"][k] for k in ("dep_uas", "dep_las", "sents_f", "lemma_acc")
        },
        **{f"evaluate-parser ({name})": {k: round(v[k], 4) for k in keys} for name, v in dep.items()},
    }
    (OUTPUT / "scores.json").write_text(json.dumps(summary, indent=2) + "\n", encoding="utf-8")
    # record the dev scores in the shipped meta.json as well
    meta_path = SHIPPED / "meta.json"
    meta = json.loads(meta_path.read_text(encoding="utf-8"))
    held = dep["Alpino dev held-out (every 5th)"]
    meta["performance"] = {
        "ents_p": scores["ner"]["ents_p"], "ents_r": scores["ner"]["ents_r"], "ents_f": scores["ner"]["ents_f"],
        "ents_per_type": scores["ner"]["ents_per_type"],
        "pos_acc": scores["parser"]["pos_acc"], "morph_acc": scores["parser"]["morph_acc"],
        "dep_uas": scores["parser"]["dep_uas"], "dep_las": scores["parser"]["dep_las"],
        "sents_f": scores["parser"]["sents_f"], "lemma_acc": scores["parser"]["lemma_acc"],
        "alpino_heldout_uas": round(held["uas"], 4), "alpino_heldout_las": round(held["las"], 4),
        "alpino_heldout_lemma_acc": round(held["lemma_acc"], 4), "alpino_heldout_sents_f": round(held["sents_f"], 4),
    }
    meta_path.write_text(json.dumps(meta, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(json.dumps(summary, indent=2))
    return summary


def add_components() -> None:
    """Our sentencizer and extraction components into the shipped pipeline, with their word lists.

    Only ``config.cfg``, ``meta.json`` and the new components' folders are written; the trained
    components, the vocab and the tokenizer stay as assembled. ``add_components`` is the function
    ``load_pipeline`` uses for every other base, so the two pipelines are built alike.
    """
    import spacy
    from pelican.plugins.explainer.extraction.nlp import COMPONENTS, add_components as add

    ours = ["sentencizer", *COMPONENTS]
    nlp = spacy.load(SHIPPED, exclude=ours)  # a rerun starts again from the assembled pipeline
    add(nlp, "nl", "default")
    nlp.meta["description"] = DESCRIPTION
    nlp.to_disk(SHIPPED, exclude=["vocab", "tokenizer", *(name for name in nlp.pipe_names if name not in ours)])
    # byte-deterministic files (the cache key hashes the model folder): spaCy writes the sentencizer's
    # characters in set order, which changes with every interpreter; meta.json as assemble writes it
    sentencizer = SHIPPED / "sentencizer.json"
    cfg = json.loads(sentencizer.read_text(encoding="utf-8"))
    cfg["punct_chars"] = sorted(cfg["punct_chars"])
    sentencizer.write_text(json.dumps(cfg, indent=2) + "\n", encoding="utf-8")
    meta = json.loads((SHIPPED / "meta.json").read_text(encoding="utf-8"))
    (SHIPPED / "meta.json").write_text(json.dumps(meta, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"components {', '.join(ours)} -> {_rel(SHIPPED / 'config.cfg')}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("data_dir", nargs="?", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--stages", default=",".join(STAGES),
                    help=f"comma-separated subset of {','.join(STAGES + OPTIONAL_STAGES)}")
    args = ap.parse_args(argv)
    stages = [s.strip() for s in args.stages.split(",") if s.strip()]
    unknown = set(stages) - set(STAGES + OPTIONAL_STAGES)
    if unknown:
        ap.error(f"unknown stage(s): {', '.join(sorted(unknown))}")
    global DATA
    data = DATA = args.data_dir.resolve()
    os.environ.update(THREAD_ENV)  # the in-process evaluation too
    files = _inputs(data)
    if "convert" in stages:
        missing = [str(p) for p in files.values() if not p.exists()]
        if missing:
            print("training data not found (pass DATA_DIR):\n  " + "\n  ".join(missing), file=sys.stderr)
            return 2
    sys.path.insert(0, str(TRAINING))
    t0 = time.monotonic()
    for stage in ORDER:
        if stage not in stages:
            continue
        t = time.monotonic()
        print(f"=== {stage}", flush=True)
        if stage == "convert":
            convert(files)
        elif stage == "lexicon":
            _run([sys.executable, _rel(TRAINING / "lexicon.py"), str(data), _rel(LEXICON)])
            _report_lexicon_drift()
        elif stage in ("ner", "morph", "parser"):
            train(stage)
        elif stage == "assemble":
            assemble(data)
        elif stage == "components":
            add_components()
        elif stage == "evaluate":
            evaluate()
        print(f"=== {stage} done in {time.monotonic() - t:.0f}s", flush=True)
    print(f"total {time.monotonic() - t0:.0f}s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
