"""Scaling benchmark: extraction throughput and full/incremental site builds, printed as one table.

    nice -n 10 .venv/bin/python benchmarks/run.py                 # N = 100, 500, 1000 (about 10 minutes)
    nice -n 10 .venv/bin/python benchmarks/run.py --sizes 1000,10000 --throughput 1000   # issue 24 (hours)
    .venv/bin/python benchmarks/run.py --sizes 50 --throughput 50  # a quick smoke run

The corpus is /work/shared/data/meantime-nl-dev/*.md replicated with distinct slugs and dates into a
temporary folder. Every build is ``python -m pelican.plugins.explainer build`` (with the Pagefind search
index; ``--no-search`` to leave it out) in a child process (wall time and the child's peak RSS from
``wait4``). "plain" is the same settings with ``PLUGINS = []`` and Pelican's ``simple`` theme.
Extraction throughput is measured serially (one process), over the local processes, and on a
``dask.distributed.LocalCluster`` of two single-threaded worker processes (needs the ``dask`` extra;
its JSON is checked byte for byte against the serial run's). Not part of the test suite.
"""
from __future__ import annotations

import argparse
import datetime as dt
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEV = ROOT.parent / "shared" / "data" / "meantime-nl-dev"
# The child builds log at INFO so the "explainer: extracted N article(s), M from cache" line is visible.
CHILD = ("import logging, sys; logging.basicConfig(level=logging.INFO, format='%(message)s'); "
         "from pelican.plugins.explainer.cli import main; raise SystemExit(main(sys.argv[1:]))")
# Plain Pelican is Pelican's own build every time: without our up-to-date check (build/uptodate.py),
# which would otherwise skip its no-change rebuild too.
PLAIN_CHILD = ("import pelican.plugins.explainer.build.uptodate as uptodate; "
               "uptodate.stamp = lambda *args, **kwargs: None; " + CHILD)
CODE = ROOT  # replaced by a snapshot of theme/ and pelicanconf.py in main()


def snapshot_theme(work: Path) -> Path:
    """A copy of theme/ and pelicanconf.py so every build of the run uses the same templates. The code is
    the installed ``pelican.plugins.explainer`` (the working tree, in a ``make`` virtualenv): do not edit
    generator/ while a run is under way."""
    target = work / "src"
    shutil.copytree(ROOT / "theme", target / "theme", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy2(ROOT / "pelicanconf.py", target / "pelicanconf.py")
    return target


def make_corpus(n: int, folder: Path) -> list[Path]:
    """N articles: the dev set repeated, each copy with its own slug and date."""
    originals = sorted(DEV.glob("*.md"))
    if not originals:
        raise SystemExit(f"no articles in {DEV}")
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(n):
        original = originals[i % len(originals)]
        text = original.read_text(encoding="utf-8")
        header, _, body = text.partition("\n\n")
        date = dt.date(2004, 1, 1) + dt.timedelta(days=i)
        header = re.sub(r"(?m)^Slug:.*$", f"Slug: bench-{i:05d}-{original.stem}", header)
        header = re.sub(r"(?m)^Date:.*$", f"Date: {date.isoformat()}", header)
        if "Slug:" not in header:
            header += f"\nSlug: bench-{i:05d}-{original.stem}"
        path = folder / f"bench-{i:05d}.md"
        path.write_text(header + "\n\n" + body, encoding="utf-8")
        paths.append(path)
    return paths


def write_settings(work: Path, plain: bool) -> Path:
    conf = work / ("plainconf.py" if plain else "pelicanconf.py")
    extra = [f"PATH = {str(work / 'content')!r}", f"EXPLAINER_CACHE_PATH = {str(work / 'cache')!r}",
             f"CACHE_PATH = {str(work / ('plain-pelican-cache' if plain else 'pelican-cache'))!r}"]
    if plain:
        # Pelican's own defaults for what its simple theme can render (it has no 404 template)
        extra += ["PLUGINS = []", "THEME = 'simple'",
                  "DIRECT_TEMPLATES = ['index', 'tags', 'categories', 'authors', 'archives']"]
    else:
        extra += [f"THEME = {str(CODE / 'theme')!r}"]
    conf.write_text((CODE / "pelicanconf.py").read_text(encoding="utf-8") + "\n" + "\n".join(extra) + "\n",
                    encoding="utf-8")
    return conf


SEARCH = True  # builds with the search index (--no-search: without)
CPU: dict[Path, list[float]] = {}  # output folder → CPU seconds of each build (contention-proof)


def _tree_rss(pid: int) -> int:
    """Resident bytes of ``pid`` and all its descendants now (0 once it has gone)."""
    import psutil

    try:
        root = psutil.Process(pid)
        processes = [root, *root.children(recursive=True)]
    except psutil.Error:
        return 0
    total = 0
    for process in processes:
        try:
            total += process.memory_info().rss
        except psutil.Error:
            pass
    return total


def run_child(args: list[str], log: Path, env: dict | None = None) -> tuple[float, float, float, int, str]:
    """Run one child to the end: (wall s, CPU s, peak RSS MB of its whole process tree, exit status, output).

    CPU is user + system of the child and every descendant it reaped (``wait4``'s rusage: Linux adds
    waited-for children's times), so worker processes count. ``ru_maxrss`` is only the largest single
    process; the peak of the *sum* over the tree (build + forked extraction workers) is sampled from
    /proc every 50 ms by a thread, and the larger of the two is reported.
    """
    import threading

    peak = [0]
    with open(log, "w+", encoding="utf-8") as logfile:  # a file, not a pipe: wait4 cannot block on a full pipe
        start = time.perf_counter()
        child = subprocess.Popen(args, cwd=CODE, stdout=logfile, stderr=subprocess.STDOUT,
                                 env={**os.environ, **(env or {})})
        done = threading.Event()

        def sample():
            while not done.wait(0.05):
                peak[0] = max(peak[0], _tree_rss(child.pid))

        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        _, status, usage = os.wait4(child.pid, 0)
        seconds = time.perf_counter() - start
        done.set()
        sampler.join()
        child.returncode = os.waitstatus_to_exitcode(status)  # reaped by wait4: stop Popen from waiting again
        logfile.seek(0)
        out = logfile.read()
    rss_mb = max(peak[0], usage.ru_maxrss * 1024) / 2**20
    return seconds, usage.ru_utime + usage.ru_stime, rss_mb, child.returncode, out


def build(conf: Path, output: Path, env: dict | None = None) -> tuple[float, float, str]:
    """(seconds, peak RSS in MB of the build's process tree, stderr) of one ``explainer build`` (the CLI's
    main), with search unless ``--no-search``.

    Also records the build's CPU time (user + system, including its reaped worker processes) in CPU:
    on a shared machine wall time depends on what else runs, CPU time much less.
    """
    flags = [] if SEARCH else ["--no-search"]  # plain Pelican gets the same Pagefind run
    code = PLAIN_CHILD if conf.name == "plainconf.py" else CHILD
    seconds, cpu, rss, status, err = run_child(
        [sys.executable, "-c", code, "build", *flags, "--settings", str(conf), "--output", str(output)],
        output.with_name(output.name + ".log"), env)
    if status != 0:
        raise SystemExit(f"build failed ({conf}):\n{err[-3000:]}")
    CPU.setdefault(output, []).append(cpu)
    print(f"    {output.parent.name}/{output.name} build {len(CPU[output])}: {cpu:.1f} CPU s, {seconds:.1f} wall s, "
          f"peak RSS {rss:.0f} MB", file=sys.stderr, flush=True)
    return seconds, rss, err


# The bare spaCy pipeline as a user without our plugin would run it: import, load the same model, and
# pipe the articles' texts with our explainer_* components disabled, in one process.
BARE = ("import sys; from pelican.plugins.explainer.extraction.nlp import load_pipeline; "
        "from pelican.plugins.explainer.extraction.reading import read_article; "
        "from pathlib import Path; nlp = load_pipeline('default', 'nl'); "
        "ours = [n for n in nlp.pipe_names if n.startswith('explainer_')]; "
        "texts = (read_article(p).text for p in sorted(Path(sys.argv[1]).glob('*.md'))); "
        "with_ = nlp.select_pipes(disable=ours); "
        "[None for _ in nlp.pipe(texts, batch_size=16)]")


def bare_pipeline(content: Path, log: Path) -> tuple[float, float]:
    """(wall s, CPU s) of the bare spaCy pipeline over the same articles as the builds, in a child process."""
    seconds, cpu, _, status, out = run_child([sys.executable, "-c", BARE, str(content)], log)
    if status != 0:
        raise SystemExit(f"bare pipeline failed:\n{out[-3000:]}")
    print(f"    bare spaCy: {cpu:.1f} CPU s, {seconds:.1f} wall s", file=sys.stderr, flush=True)
    return seconds, cpu


def extracted_line(stderr: str) -> str:
    match = re.search(r"extracted (\d+) article\(s\), (\d+) from cache", stderr)
    return f"{match.group(1)} extracted, {match.group(2)} cached" if match else "-"


def throughput(n: int, work: Path) -> dict:
    """Words/s of the full pipeline (1 process and the configured processes) and of the bare base."""
    from pelican.plugins.explainer.extraction.run import configured_processes, extract_many
    from pelican.plugins.explainer.extraction.nlp import load_pipeline
    from pelican.plugins.explainer.extraction.reading import read_article

    sources = [read_article(p) for p in make_corpus(n, work / "throughput")]
    words = sum(len(s.text.split()) for s in sources)
    nlp = load_pipeline("default", "nl")
    list(extract_many(sources[:2], nlp, processes=1, progress=False))  # warm-up
    ours = [name for name in nlp.pipe_names if name.startswith("explainer_")]
    with nlp.select_pipes(disable=ours):
        start = time.perf_counter()
        for _ in nlp.pipe((s.text for s in sources), batch_size=16):
            pass
        bare = time.perf_counter() - start
    start, cpu = time.perf_counter(), time.process_time()
    list(extract_many(sources, nlp, processes=1, progress=False))
    full1, full1_cpu = time.perf_counter() - start, time.process_time() - cpu
    processes = configured_processes()
    start = time.perf_counter()
    list(extract_many(sources, nlp, processes=processes, progress=False))
    fullp = time.perf_counter() - start
    dask_rate, identical, dask_cpu = dask_throughput(sources, words, nlp)
    return {"articles": n, "words": words, "bare": words / bare, "full1": words / full1, "fullp": words / fullp,
            "full1_cpu": full1_cpu, "dask": dask_rate, "dask_identical": identical, "dask_cpu": dask_cpu,
            "processes": processes, "words_per_article": words / n, "base": " + ".join(
                name for name in nlp.pipe_names if name not in ours)}


def dask_throughput(sources, words: int, nlp) -> tuple[float | None, bool | None, float | None]:
    """Words/s of the extraction service on the LocalCluster ``--scheduler local:2`` starts (two
    single-threaded worker processes, with the settings of ``extraction/cluster.py``), after each
    worker has loaded the pipeline; whether its JSON equals a serial run's; and the CPU seconds the
    run took in the workers, the client and the scheduler (on 2 cores, 2 × the serial run's CPU
    seconds ÷ these is the most the cluster can reach, whatever else the machine is doing)."""
    import json

    try:
        from dask.distributed import Client
    except ImportError:
        return None, None, None
    from pelican.plugins.explainer.extraction.cluster import local_cluster
    from pelican.plugins.explainer.extraction.run import extract_many
    from pelican.plugins.explainer.extraction.nlp import load_pipeline
    from pelican.plugins.explainer.extraction.service import Extractor

    serial = [json.dumps(e.to_json(), sort_keys=True) for e in extract_many(sources, nlp, processes=1, progress=False)]
    cpu = lambda: sum(os.times()[:2])  # noqa: E731 - user + system of the process it runs in
    with local_cluster(2) as cluster, Client(cluster) as client:
        # every worker loads the pipeline before the clock starts (as the serial run's has)
        client.run(lambda: load_pipeline("default", "nl") and None)
        workers, here = client.run(cpu), cpu()  # the scheduler runs in this process
        start = time.perf_counter()
        on_dask = Extractor("default", scheduler=client, progress=False).extract(sources)
        seconds = time.perf_counter() - start
        used = cpu() - here + sum(after - workers[worker] for worker, after in client.run(cpu).items())
    return words / seconds, [json.dumps(e.to_json(), sort_keys=True) for e in on_dask] == serial, used


def run_size(n: int, work: Path, rows: list) -> dict:
    site = work / f"n{n}"
    shutil.rmtree(site, ignore_errors=True)
    paths = make_corpus(n, site / "content")
    conf, plain_conf = write_settings(site, plain=False), write_settings(site, plain=True)
    out, plain_out = site / "output", site / "plain-output"
    result = {"n": n}
    result["plain_full"], result["plain_rss"], _ = build(plain_conf, plain_out)
    result["plain_rebuild"], _, _ = build(plain_conf, plain_out)
    result["full"], result["rss"], err = build(conf, out)
    result["full_note"] = extracted_line(err)
    result["nochange"], result["nochange_rss"], err = build(conf, out)
    result["nochange_note"] = extracted_line(err)
    changed = paths[n // 2]
    changed.write_text(changed.read_text(encoding="utf-8") + "\n\nDe minister zei dinsdag dat het debat volgende week "
                       "verdergaat.\n", encoding="utf-8")
    result["onechanged"], _, err = build(conf, out)
    result["onechanged_note"] = extracted_line(err)
    result["bare"], result["bare_cpu"] = bare_pipeline(site / "content", site / "bare.log")
    result["plain_cpu"], result["plain_rebuild_cpu"] = CPU[plain_out]
    result["full_cpu"], result["nochange_cpu"], result["onechanged_cpu"] = CPU[out]
    result["pages"] = sum(1 for _ in out.rglob("*.html"))
    result["plain_pages"] = sum(1 for _ in plain_out.rglob("*.html"))
    rows.append(result)
    # each size's numbers as soon as they exist: a run stopped at 10N still leaves N's
    print(f"  N={n}: CPU s: plain {result['plain_cpu']:.1f}, plain rebuild {result['plain_rebuild_cpu']:.1f}, "
          f"bare spaCy {result['bare_cpu']:.1f}, full {result['full_cpu']:.1f} ({result['full_note']}), no-change "
          f"{result['nochange_cpu']:.1f}, one changed {result['onechanged_cpu']:.1f} ({result['onechanged_note']}); "
          f"wall s: full {result['full']:.1f}, no-change {result['nochange']:.1f}; peak RSS {result['rss']:.0f} MB",
          file=sys.stderr, flush=True)
    shutil.rmtree(site, ignore_errors=True)
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="100,500,1000", help="corpus sizes, comma-separated")
    parser.add_argument("--throughput", type=int, default=200, help="articles for the words/s measurement")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder")
    parser.add_argument("--no-search", action="store_true", help="builds without the Pagefind index")
    args = parser.parse_args()
    global SEARCH
    SEARCH = not args.no_search
    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]  # --sizes '': the throughput alone
    global CODE
    work = Path(tempfile.mkdtemp(prefix="explainer-bench-"))
    try:
        print(f"work folder {work}", file=sys.stderr)
        CODE = snapshot_theme(work)
        tp = throughput(args.throughput, work) if args.throughput else None  # 0: builds only
        rows: list[dict] = []
        for n in sizes:
            run_size(n, work, rows)
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    if tp:
        print(f"\n## Extraction throughput ({tp['articles']} articles, {tp['words']} words; base: {tp['base']})\n")
        print("| pipeline | words/s | × bare |")
        print("|---|---:|---:|")
        print(f"| bare spaCy (our explainer_* disabled) | {tp['bare']:,.0f} | 1.00 |")
        print(f"| full, 1 process | {tp['full1']:,.0f} | {tp['bare'] / tp['full1']:.1f} slower |")
        print(f"| full, {tp['processes']} processes | {tp['fullp']:,.0f} | {tp['bare'] / tp['fullp']:.1f} slower |")
        if tp["dask"]:
            print(f"| full, Dask LocalCluster(2 × 1 thread) | {tp['dask']:,.0f} | {tp['bare'] / tp['dask']:.1f} slower |")
            print(f"\nDask ÷ 1 process: {tp['dask'] / tp['full1']:.2f}× (target ≥ 1.7); JSON byte-identical to "
                  f"serial: {'✓' if tp['dask_identical'] else '✗'}. CPU seconds: 1 process {tp['full1_cpu']:.1f}, "
                  f"Dask (workers + client + scheduler) {tp['dask_cpu']:.1f}, so at most "
                  f"{2 * tp['full1_cpu'] / tp['dask_cpu']:.2f}× on 2 idle cores; load average {os.getloadavg()[0]:.1f}")
    if not sizes:
        return 0
    ok = lambda good: "✓" if good else "✗"  # noqa: E731
    print(f"\n## Site builds in CPU seconds (user + system of the process and the workers it reaped; "
          f"`explainer build{'' if SEARCH else ' --no-search'}` in a child process)\n")
    print("Every target is judged in CPU seconds, valid on a shared machine. \"bare spaCy\" is a child process "
          "that loads the same model and pipes the same N articles with our explainer_* components disabled.\n")
    print("| N | plain full | plain rebuild | bare spaCy | full build | ÷ (plain+bare), target ≤ 1.25 | no-change "
          "| ÷ plain rebuild, target ≤ 2 | one changed | ÷ full, target ≤ 10% | peak RSS MB (process tree) "
          "| pages (plain) |")
    print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for r in rows:
        full_ratio = r["full_cpu"] / (r["plain_cpu"] + r["bare_cpu"])
        nochange_ratio = r["nochange_cpu"] / r["plain_rebuild_cpu"]
        one_ratio = r["onechanged_cpu"] / r["full_cpu"]
        print(f"| {r['n']} | {r['plain_cpu']:.1f} | {r['plain_rebuild_cpu']:.1f} | {r['bare_cpu']:.1f} | "
              f"{r['full_cpu']:.1f} | {full_ratio:.2f} {ok(full_ratio <= 1.25)} | {r['nochange_cpu']:.1f} | "
              f"{nochange_ratio:.2f} {ok(nochange_ratio <= 2)} | {r['onechanged_cpu']:.1f} | "
              f"{one_ratio:.0%} {ok(one_ratio <= 0.1)} | {r['rss']:.0f} | {r['pages']} ({r['plain_pages']}) |")
    print("\n## The same builds in wall seconds (for reference only: they depend on the machine's load)\n")
    print("| N | plain full | plain rebuild | bare spaCy | full build | no-change | one changed | full-build "
          "notes |")
    print("|---:|---:|---:|---:|---:|---:|---:|---|")
    for r in rows:
        print(f"| {r['n']} | {r['plain_full']:.1f} | {r['plain_rebuild']:.1f} | {r['bare']:.1f} | {r['full']:.1f} | "
              f"{r['nochange']:.1f} | {r['onechanged']:.1f} | {r['full_note']}; one changed: "
              f"{r['onechanged_note']} |")
    by_n = {r["n"]: r for r in rows}
    tens = [(n, 10 * n) for n in sorted(by_n) if 10 * n in by_n]
    if tens:
        print("\n## Scaling ×10 (full build, cold cache)\n")
        print("| N → 10N | CPU(10N)/CPU(N), target ≤ 11 | wall(10N)/wall(N) | peak RSS at 10N MB, target ≤ 2048 |")
        print("|---|---:|---:|---:|")
        for n, n10 in tens:
            ratio = by_n[n10]["full_cpu"] / by_n[n]["full_cpu"]
            rss = by_n[n10]["rss"]
            print(f"| {n} → {n10} | {ratio:.2f} {ok(ratio <= 11)} | {by_n[n10]['full'] / by_n[n]['full']:.2f} | "
                  f"{rss:.0f} {ok(rss <= 2048)} |")
    pairs = [(n, 2 * n) for n in sorted(by_n) if 2 * n in by_n]
    if pairs:
        print("\n## Scaling (full build, cold cache)\n")
        print("| N → 2N | CPU(2N)/CPU(N), target ≤ 2.2 |")
        print("|---|---:|")
        for n, n2 in pairs:
            ratio = by_n[n2]["full_cpu"] / by_n[n]["full_cpu"]
            print(f"| {n} → {n2} | {ratio:.2f} {ok(ratio <= 2.2)} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
