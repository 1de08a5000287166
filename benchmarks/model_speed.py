"""Size, load time and whole-extraction speed of one or more pipeline folders, each in a fresh process.

    OMP_NUM_THREADS=1 .venv/bin/python benchmarks/model_speed.py generator/models/nl_explainer OTHER_MODEL_DIR

For each folder (used as the "default" pipeline, so the actor rules run in the same "hybrid" mode as
with the shipped model): size on disk, time of ``load_pipeline("default")`` in a new process (import
of spaCy not included), words/s of the whole extraction (``extract_many``, 1 process, all components)
and of the bare statistical base (our ``explainer_*`` components disabled), on the benchmark corpus
of ``benchmarks/run.py`` (the 41 meantime-nl-dev articles replicated to ``--articles``). Words/s are
per CPU second of that process (``time.process_time``), which a busy shared machine distorts far less
than wall time; the CPU seconds themselves are printed too, and load time as wall and CPU seconds.
Folders are measured alternately ``--repeat`` times; each column is the median of the runs (a shared
machine still slows single runs down: caches and the other core's load).
"""
from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

CHILD = r"""
import json, sys, time
from pathlib import Path
sys.path.insert(0, {root!r}); sys.path.insert(0, {bench!r})
import pelican.plugins.explainer.extraction.nlp as gnlp
gnlp.DEFAULT_MODEL_PATH = Path({model!r})
import spacy  # not part of the load time
from pelican.plugins.explainer.extraction.ml import lexicon_embed  # noqa: F401
from pelican.plugins.explainer.extraction.components.actors import component as actors  # noqa: F401
from pelican.plugins.explainer.extraction.components import blocks, language  # noqa: F401
from pelican.plugins.explainer.extraction.components.quotes import component as quotes  # noqa: F401
from pelican.plugins.explainer.extraction.components.timeline import component as timeline  # noqa: F401
t, c = time.perf_counter(), time.process_time()
nlp = gnlp.load_pipeline("default", "nl")
load, load_cpu = time.perf_counter() - t, time.process_time() - c
from run import make_corpus
from pelican.plugins.explainer.extraction.run import extract_many
from pelican.plugins.explainer.extraction.reading import read_article
sources = [read_article(p) for p in make_corpus({articles}, Path({work!r}))]
words = sum(len(s.text.split()) for s in sources)
list(extract_many(sources[:2], nlp, processes=1, progress=False))  # warm-up
ours = [n for n in nlp.pipe_names if n.startswith("explainer_")]
with nlp.select_pipes(disable=ours):
    t = time.process_time()
    for _ in nlp.pipe((s.text for s in sources), batch_size=16):
        pass
    bare = time.process_time() - t
t = time.process_time()
list(extract_many(sources, nlp, processes=1, progress=False))
full = time.process_time() - t
print(json.dumps({{"load_s": load, "load_cpu_s": load_cpu, "words": words, "bare_cpu_s": bare, "full_cpu_s": full,
                  "pipes": nlp.pipe_names}}))
"""


def size_mb(folder: Path) -> float:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file()) / 1e6


def measure(model: Path, articles: int, work: Path) -> dict:
    code = CHILD.format(root=str(ROOT), bench=str(ROOT / "benchmarks"), model=str(model.resolve()),
                        articles=articles, work=str(work / model.name))
    env = {"OMP_NUM_THREADS": "1", "OPENBLAS_NUM_THREADS": "1", "MKL_NUM_THREADS": "1", "BLIS_NUM_THREADS": "1",
           "EXPLAINER_PROCESSES": "1", "PATH": "/usr/bin:/bin"}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, env=env)
    if out.returncode:
        raise SystemExit(out.stderr[-3000:])
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("models", nargs="+", type=Path)
    ap.add_argument("--articles", type=int, default=100)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    runs: dict[Path, list[dict]] = {model: [] for model in args.models}
    with tempfile.TemporaryDirectory() as tmp:
        for _ in range(args.repeat):
            for model in args.models:
                runs[model].append(measure(model, args.articles, Path(tmp)))
    print("| pipeline | components | size MB | load s (wall / CPU) | bare CPU s | bare words/s "
          "| whole extraction CPU s | whole extraction words/s |")
    print("|---|---|---:|---:|---:|---:|---:|---:|")
    for model, rs in runs.items():
        words = rs[0]["words"]
        m = {key: statistics.median(r[key] for r in rs) for key in ("load_s", "load_cpu_s", "bare_cpu_s", "full_cpu_s")}
        base = " + ".join(p for p in rs[0]["pipes"] if not p.startswith("explainer_"))
        print(f"| `{model}` | {base} | {size_mb(model):.1f} | {m['load_s']:.2f} / {m['load_cpu_s']:.2f} | "
              f"{m['bare_cpu_s']:.2f} | {words / m['bare_cpu_s']:,.0f} | "
              f"{m['full_cpu_s']:.2f} | {words / m['full_cpu_s']:,.0f} |")
    print(f"\n({words} words; CPU seconds of the one process, so other jobs on a shared machine count "
          f"little; median of {args.repeat} alternating runs each)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
