"""The arithmetic backend of the pipeline (generator/extraction/ml/backend.py): numpy's BLAS, one thread."""
from __future__ import annotations

import numpy
import pytest
from thinc.api import Linear, NumpyOps

from pelican.plugins.explainer.extraction.ml.backend import BLAS_THREADS, numpy_blas
from pelican.plugins.explainer.extraction.nlp import DEFAULT_MODEL_PATH

needs_model = pytest.mark.skipif(not (DEFAULT_MODEL_PATH / "config.cfg").exists(), reason="shipped model folder absent")

# invented sentences: names, a place, a date, a quote, a compound, a relative clause
SENTENCES = (
    "Burgemeester Marloes Verbeek van Zwolle opende dinsdag het nieuwe station.",
    "\"We gaan door\", zei directeur Dirk Jansen van Bouwbedrijf Hoorn, die de plannen in maart presenteerde.",
    "Volgens de minister kost het project 12 miljoen euro.",
)


def test_models_built_inside_multiply_with_numpy_and_outside_keep_thincs_default():
    with numpy_blas():
        inside = Linear(4, 3)
    outside = Linear(4, 3)
    assert isinstance(inside.ops, NumpyOps) and not inside.ops.use_blis
    assert not (isinstance(outside.ops, NumpyOps) and not outside.ops.use_blis)
    x = numpy.arange(6, dtype="f").reshape((2, 3))
    y = numpy.ones((4, 3), dtype="f")
    assert numpy.allclose(inside.ops.gemm(x, y, trans2=True), x @ y.T)


def test_blas_keeps_to_one_thread():
    from threadpoolctl import threadpool_info

    with numpy_blas():
        pass
    blas = [pool for pool in threadpool_info() if pool["user_api"] == "blas"]
    assert blas and all(pool["num_threads"] == BLAS_THREADS for pool in blas)


@needs_model
def test_the_pipeline_runs_on_numpy_blas_and_analyses_as_with_thincs_default():
    import spacy

    from pelican.plugins.explainer.extraction.nlp import load_pipeline

    nlp = load_pipeline("default", "nl")
    for name in ("tok2vec", "ner", "parser"):
        assert not nlp.get_pipe(name).model.ops.use_blis, name
    reference = spacy.load(DEFAULT_MODEL_PATH, exclude=["senter"])
    assert nlp.get_pipe("ner").model.ops.use_blis is not reference.get_pipe("ner").model.ops.use_blis
    with nlp.select_pipes(enable=reference.pipe_names):
        ours = list(nlp.pipe(SENTENCES))
    for doc, ref in zip(ours, reference.pipe(SENTENCES)):
        assert [(e.start, e.end, e.label_) for e in doc.ents] == [(e.start, e.end, e.label_) for e in ref.ents]
        assert [(t.head.i, t.dep_, t.lemma_, t.pos_) for t in doc] == [(t.head.i, t.dep_, t.lemma_, t.pos_) for t in ref]
