"""The Dask settings extraction workers should run with, and a local cluster started with them.

Dask's defaults suit general workloads; ours are ~1 s batches of CPU-bound Python
through a spaCy pipeline. Measured on this project's 2-core machine (benchmarks/README.md, issue 24),
a ``LocalCluster`` of two worker processes with Dask's defaults spent 1.7-1.9× the CPU seconds of
one process on the same articles (1.1-1.2× with :data:`SETTINGS`), because of these defaults:

* ``MALLOC_TRIM_THRESHOLD_=65536``, which Dask's nanny puts in every worker's environment so that
  freed memory goes back to the OS sooner. Setting it also switches off glibc's adaptive mmap
  threshold, so every buffer of 128 KiB or more the pipeline allocates (the parser's and tok2vec's
  arrays, each batch) is a fresh ``mmap`` of zeroed pages: ~40× the page faults of one process and
  a quarter of the workers' CPU. Left unset, workers allocate the way a plain Python process does.
* The statistical profiler, which samples every thread's stack every 10 ms, and the event loop's
  20 ms tick (it only measures how long the loop was blocked): together ~8 % of the workers' CPU.
* ``worker-saturation`` 1.1, which lets a single-threaded worker hold a second batch while it works
  on the first; at the end of a run one worker can then still have two batches while the other idles.
  With 1.0 the batches wait on the scheduler until a worker is free, so work stealing has nothing
  to move and is switched off; the memory and system monitors poll every 1-2 s instead of 0.1-0.5 s.
  Together these halve the cluster's CPU when it waits (0.28 → 0.11 CPU s per 15 s in the client
  and scheduler, 0.11 → 0.05 in each worker).

:data:`SETTINGS` is applied when we start the cluster (``--scheduler local``); for a cluster started
by other means, ``docs/scaling.md`` gives the same settings as a Dask configuration file.

A cluster we start on this machine also forks its workers (:data:`LOCAL_SETTINGS`) instead of spawning
fresh interpreters, as the local process pool does: a forked worker starts with the parent's imported
code (and its loaded pipeline, if the parent has one) in pages shared copy-on-write, where two spawned
workers each hold their own copy. Measured 2026-12-07 on the idle 2-core machine with
``benchmarks/run.py --sizes '' --throughput N`` (Dask ÷ one process; run-to-run noise is ±0.15): spawned
workers 1.63× at N = 200 and 1.63× at N = 1,000; forked 1.45×, 1.69×, 1.73×, 1.82× at N = 200 and 1.94× at
N = 1,000. JSON byte-identical to the serial run in every run.
"""
from __future__ import annotations

from contextlib import contextmanager

from ..errors import ConfigurationError

SETTINGS = {
    "distributed.nanny.pre-spawn-environ.MALLOC_TRIM_THRESHOLD_": None,  # None: not set at all
    "distributed.worker.profile.enabled": False,
    "distributed.admin.tick.interval": "1s",
    "distributed.scheduler.worker-saturation": 1.0,
    "distributed.scheduler.work-stealing": False,
    "distributed.worker.memory.monitor-interval": "1s",
    "distributed.admin.system-monitor.interval": "2s",
}

# only for the workers of a cluster on this machine: a worker elsewhere cannot be forked from us
LOCAL_SETTINGS = {"distributed.worker.multiprocessing-method": "fork"}

LOCAL = "local"  # --scheduler local[:WORKERS] / EXPLAINER_SCHEDULER=local: a cluster on this machine


def local_workers(scheduler) -> int | None:
    """The number of workers ``scheduler`` asks for when it names a local cluster (``local``: 0, meaning
    one per usable core; ``local:3``: 3), else None (an address, Client or cluster object)."""
    if not isinstance(scheduler, str) or scheduler.split(":", 1)[0].strip().lower() != LOCAL:
        return None
    _, _, count = scheduler.partition(":")
    try:
        workers = int(count) if count.strip() else 0
    except ValueError:
        workers = -1
    if workers < 0:
        raise ConfigurationError(f"EXPLAINER_SCHEDULER / --scheduler: {scheduler!r} is not 'local' or "
                                 "'local:WORKERS' (a number), nor a scheduler address such as tcp://host:8786")
    return workers


@contextmanager
def local_cluster(workers: int):
    """A ``LocalCluster`` of ``workers`` single-threaded worker processes on the loopback interface,
    started and run with :data:`SETTINGS` and :data:`LOCAL_SETTINGS` (one process per core: the
    extraction is CPU-bound Python, threads would share the GIL)."""
    import dask
    from dask.distributed import LocalCluster

    with dask.config.set({**SETTINGS, **LOCAL_SETTINGS}), LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                                                 host="127.0.0.1", dashboard_address=None) as cluster:
        yield cluster
