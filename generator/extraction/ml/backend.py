"""The arithmetic the statistical pipeline runs on: numpy's BLAS, one thread per process.

Matrix products are most of the time of the tok2vec layers, the NER and the parser. thinc's default
CPU backend (``NumpyOps``) does them with the BLIS library bundled in cython-blis, which picks its
``generic`` kernels on a CPU it has no configuration for; on our 2-core AMD EPYC build machine that is
29 GFLOP/s for a tok2vec-sized product (6,000 × 288 × 288), against 88 GFLOP/s for the OpenBLAS that
numpy ships (picked per CPU at run time). ``NumpyOps(use_blis=False)`` hands the products to numpy:
the same weights and the same model, the sums only added in another order (the last bits of a score;
the evaluation before and after is in ``docs/model-card.md``, *Inference speed*).

OpenBLAS would split a large product over a thread per core. The extraction already spreads articles
over worker processes (``EXPLAINER_PROCESSES``), and idle OpenBLAS threads spin, so BLAS is kept to
one thread in every process that loads a pipeline.
"""
from __future__ import annotations

from contextlib import contextmanager
from typing import Iterator

from thinc.api import use_ops

BLAS_THREADS = 1


@contextmanager
def numpy_blas() -> Iterator[None]:
    """Models built inside this block multiply their matrices with numpy's BLAS (one thread)."""
    from threadpoolctl import threadpool_limits

    threadpool_limits(limits=BLAS_THREADS, user_api="blas")
    with use_ops("numpy", use_blis=False):
        yield
