"""Train the project's Dutch pipeline and ship it to ``generator/models/nl_explainer/``.

    python training/train.py [DATA_DIR] [--stages convert,ner,morph,assemble,evaluate]

DATA_DIR defaults to ``../shared/data`` relative to the repository root and must hold
``conll2002-nl/ned.{train,testa}`` and ``ud-lassysmall/nl_lassysmall-ud-{train,dev}.conllu``
(``ned.testb`` is never read). Steps:

1. convert  the corpora to DocBin files in ``training/output/corpus/`` (CoNLL-2002: whole documents);
2. lexicon  ``training/lexicon.py``: the word lists of the NER's lexicon features
            (``training/output/lexicon.json``; copied into the model when the NER is initialised);
3. ner      ``spacy train training/ner.cfg``   (CoNLL-2002 train; testa only for model selection);
4. morph    ``spacy train training/morph.cfg`` (LassySmall train; dev only for model selection);
5. assemble ``spacy assemble training/assemble.cfg`` sources both best models into one pipeline,
            written to ``generator/models/nl_explainer/`` (meta.json gets licences and scores);
6. evaluate ``spacy evaluate`` on the dev sets, scores in ``training/output/scores.json``.

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
STAGES = ("convert", "lexicon", "ner", "morph", "assemble", "evaluate")
LEXICON = OUTPUT / "lexicon.json"
# the NER's embedding architecture (explainer.LexiconHashEmbed.v1); spaCy's commands import it with --code
ARCHITECTURE = REPO / "generator" / "ml" / "lexicon_embed.py"

# one thread for every numerical library: reproducible, and polite to a shared machine
THREAD_ENV = {k: "1" for k in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS", "BLIS_NUM_THREADS")}


def _inputs(data: Path) -> dict[str, Path]:
    return {
        "ner-train": data / "conll2002-nl" / "ned.train",
        "ner-dev": data / "conll2002-nl" / "ned.testa",
        "morph-train": data / "ud-lassysmall" / "nl_lassysmall-ud-train.conllu",
        "morph-dev": data / "ud-lassysmall" / "nl_lassysmall-ud-dev.conllu",
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
    from convert import convert_conll_ner, convert_conllu  # training/convert.py

    for name, src in files.items():
        dest = CORPUS / f"{name}.spacy"
        if name.startswith("ner"):
            n_docs, n_ents = convert_conll_ner(src, dest, n_sents=0)
            print(f"{src} -> {dest.relative_to(REPO)}: {n_docs} docs, {n_ents} entities")
        else:
            n_docs = convert_conllu(src, dest, n_sents=10)
            print(f"{src} -> {dest.relative_to(REPO)}: {n_docs} docs")


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


def assemble(data: Path) -> None:
    tmp = OUTPUT / "assembled"
    if tmp.exists():
        shutil.rmtree(tmp)
    _run(
        _spacy(
            "assemble", _rel(TRAINING / "assemble.cfg"), _rel(tmp),
            "--paths.ner_model", _rel(OUTPUT / "ner" / "model-best"),
            "--paths.morph_model", _rel(OUTPUT / "morph" / "model-best"),
        )
    )
    meta_path = tmp / "meta.json"
    meta = json.loads(meta_path.read_text(encoding="utf-8"))
    meta.update(
        {
            "name": "explainer",
            "version": "0.1.0",
            "description": (
                "Small Dutch CPU pipeline of the Explainer project: morphologizer (UPOS + UD features) "
                "trained on UD Dutch LassySmall, NER (PER/ORG/LOC/MISC) trained on CoNLL-2002 Dutch with "
                "word-list, long-affix, document-level and training-memory features (generator/ml/lexicon_embed.py; "
                "load with pelican.plugins.explainer.nlp.load_pipeline, which registers that code). "
                "No parser, no vectors. See docs/model-card.md."
            ),
            "author": "Explainer project",
            "license": "CoNLL-2002 research-use terms (NER data); CC BY-SA 4.0 (LassySmall)",
            "sources": [
                {"name": "CoNLL-2002 Dutch NER (ned.train; ned.testa for model selection)",
                 "author": "Tjong Kim Sang (2002)",
                 "license": "distributed for research purposes by the CoNLL-2002 organisers"},
                {"name": "UD Dutch LassySmall (train; dev for model selection)",
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
    print(f"shipped pipeline -> {SHIPPED.relative_to(REPO)}")


def evaluate() -> dict:
    scores: dict[str, dict] = {}
    for component in ("ner", "morph"):
        out = OUTPUT / f"eval-{component}.json"
        _run(_spacy("evaluate", str(SHIPPED), str(CORPUS / f"{component}-dev.spacy"), "--output", str(out)))
        scores[component] = json.loads(out.read_text(encoding="utf-8"))
    summary = {
        "ner (CoNLL-2002 testa)": {
            "ents_p": scores["ner"]["ents_p"], "ents_r": scores["ner"]["ents_r"], "ents_f": scores["ner"]["ents_f"],
            "ents_per_type": scores["ner"]["ents_per_type"],
        },
        "morph (LassySmall dev)": {"pos_acc": scores["morph"]["pos_acc"], "morph_acc": scores["morph"]["morph_acc"]},
    }
    (OUTPUT / "scores.json").write_text(json.dumps(summary, indent=2) + "\n", encoding="utf-8")
    # record the dev scores in the shipped meta.json as well
    meta_path = SHIPPED / "meta.json"
    meta = json.loads(meta_path.read_text(encoding="utf-8"))
    meta["performance"] = {
        "ents_p": scores["ner"]["ents_p"], "ents_r": scores["ner"]["ents_r"], "ents_f": scores["ner"]["ents_f"],
        "ents_per_type": scores["ner"]["ents_per_type"],
        "pos_acc": scores["morph"]["pos_acc"], "morph_acc": scores["morph"]["morph_acc"],
    }
    meta_path.write_text(json.dumps(meta, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(json.dumps(summary, indent=2))
    return summary


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("data_dir", nargs="?", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--stages", default=",".join(STAGES), help=f"comma-separated subset of {','.join(STAGES)}")
    args = ap.parse_args(argv)
    stages = [s.strip() for s in args.stages.split(",") if s.strip()]
    unknown = set(stages) - set(STAGES)
    if unknown:
        ap.error(f"unknown stage(s): {', '.join(sorted(unknown))}")
    data = args.data_dir.resolve()
    files = _inputs(data)
    if "convert" in stages:
        missing = [str(p) for p in files.values() if not p.exists()]
        if missing:
            print("training data not found (pass DATA_DIR):\n  " + "\n  ".join(missing), file=sys.stderr)
            return 2
    sys.path.insert(0, str(TRAINING))
    t0 = time.monotonic()
    for stage in STAGES:
        if stage not in stages:
            continue
        t = time.monotonic()
        print(f"=== {stage}", flush=True)
        if stage == "convert":
            convert(files)
        elif stage == "lexicon":
            _run([sys.executable, _rel(TRAINING / "lexicon.py"), str(data), _rel(LEXICON)])
        elif stage in ("ner", "morph"):
            train(stage)
        elif stage == "assemble":
            assemble(data)
        elif stage == "evaluate":
            evaluate()
        print(f"=== {stage} done in {time.monotonic() - t:.0f}s", flush=True)
    print(f"total {time.monotonic() - t0:.0f}s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
