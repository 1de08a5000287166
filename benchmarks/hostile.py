"""Hostile-input benchmark: does extraction (and the annotated article) stay linear in the input?

    .venv/bin/python benchmarks/hostile.py [--scales 1,2,4] [--only NAME]

Each case is generated (no data files) at 1×, 2× and 4× its base size and extracted in a fresh child
process (so peak RSS is that article's alone); the table prints seconds (wall and CPU), peak RSS and
the growth time(2N)/time(N) in CPU time (wall time on a shared machine measures the other load too).
Issue 25's bar: growth ≤ 2.2 and ≤ 500 MB for a 5 MB article. Not a test.
"""
from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

SENTENCE = "De minister zei dinsdag in Den Haag dat het kabinet het plan steunt. "
CASES = {
    # name: (base size, a function of n that builds the article body)
    "punctuation-run": (40_000, lambda n: "Hij zei het al " + ")" * n + " en ging weg.\n"),
    "short-quotes": (10_000, lambda n: "".join(f'"Ja {i}," zei Jan de Vries. ' for i in range(n)) + "\n"),
    "one-line-1MB": (1_000_000, lambda n: (SENTENCE * (n // len(SENTENCE) + 1))[:n] + "\n"),
    "nested-marks": (5_000, lambda n: "Zij zei: " + "„" * n + "ja" + "”" * n + "\n"),
}
CHILD = r"""
import json, resource, sys, time
from pelican.plugins.explainer.extraction.run import extract_many
from pelican.plugins.explainer.extraction.nlp import load_pipeline
from pelican.plugins.explainer.extraction.reading import read_article
from pelican.plugins.explainer.site.annotate import annotated_blocks
nlp = load_pipeline("default")
source = read_article(sys.argv[1])
started = time.perf_counter()
cpu_started = sum(resource.getrusage(resource.RUSAGE_SELF)[:2])
[extraction] = extract_many([source], nlp)
annotated_blocks(extraction, lambda actor: "#", lambda speaker: speaker)
seconds = time.perf_counter() - started
usage = resource.getrusage(resource.RUSAGE_SELF)
print(json.dumps({"seconds": seconds, "cpu": usage.ru_utime + usage.ru_stime - cpu_started,
                  "rss_mb": usage.ru_maxrss / 1024}))
"""


def run_case(body: str, folder: Path) -> dict:
    path = folder / "hostile.md"
    path.write_text("Title: Vijandig\nDate: 2024-05-01\nLang: nl\nSlug: vijandig\n\n" + body, encoding="utf-8")
    done = subprocess.run([sys.executable, "-c", CHILD, str(path)], capture_output=True, text=True)
    if done.returncode:
        return {"error": (done.stderr.strip().splitlines() or ["?"])[-1]}
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scales", default="1,2,4")
    parser.add_argument("--only", choices=sorted(CASES))
    args = parser.parse_args()
    scales = [int(s) for s in args.scales.split(",")]
    print("| case | scale | size (chars) | seconds | CPU seconds | peak RSS (MB) | CPU time / previous |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    with tempfile.TemporaryDirectory() as work:
        for name, (base, build) in CASES.items():
            if args.only and name != args.only:
                continue
            previous = None
            for scale in scales:
                body = build(base * scale)
                result = run_case(body, Path(work))
                if "error" in result:
                    print(f"| {name} | {scale}× | {len(body):,} | error: {result['error']} | | | |")
                    continue
                growth = f"{result['cpu'] / previous:.2f}" if previous else ""
                print(f"| {name} | {scale}× | {len(body):,} | {result['seconds']:.2f} | {result['cpu']:.2f} "
                      f"| {result['rss_mb']:.0f} | {growth} |", flush=True)
                previous = result["cpu"]
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
