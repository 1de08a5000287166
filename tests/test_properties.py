"""Property-based tests: for any text the extraction never raises, validates and keeps true offsets.

CI runs a modest number of examples; for a longer local run:
``HYPOTHESIS_PROFILE=long .venv/bin/python -m pytest tests/test_properties.py``.
"""
from __future__ import annotations

import datetime as dt
import os

from hypothesis import HealthCheck, given, settings, strategies as st

from conftest import check_contract
from pelican.plugins.explainer.extraction.run import extract
from pelican.plugins.explainer.extraction.model import ArticleMeta
from pelican.plugins.explainer.extraction.nlp import load_pipeline
from pelican.plugins.explainer.extraction.reading import ArticleSource, body_to_plain_text

settings.register_profile("ci", max_examples=60, deadline=None,
                          suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("long", max_examples=2000, deadline=None,
                          suppress_health_check=[HealthCheck.too_slow])
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

DUTCHY = st.sampled_from([
    "De", "minister", "Jan", "Peeters", "zei", "gisteren", "“", "”", "``", "''", "‘", "’", '"', "«", "»",
    "vrijdag", "2017", "sinds", "NAVO", "VS", "(", ")", ",", ".", ":", "\n\n", "## ", "aldus", "Rusland",
    "vorige", "week", "jaar", "geleden", "drie", "van", "der", "O'Leary", "<script>", "</", "—", "…",
])
TEXTS = st.one_of(
    st.text(max_size=300),
    st.lists(DUTCHY, max_size=80).map(" ".join),
)


def source_for(body: str, date) -> ArticleSource:
    text, blocks = body_to_plain_text(body)
    return ArticleSource(meta=ArticleMeta(slug="prop", title="Eigenschap", date=date), text=text,
                         blocks=blocks, metadata={})


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(body=TEXTS, date=st.one_of(st.none(), st.dates(min_value=dt.date(1900, 1, 1),
                                                        max_value=dt.date(2100, 12, 31))))
def test_extraction_is_total_valid_and_true_to_offsets(schema, body, date):
    extraction = extract(source_for(body, date), load_pipeline("rules"))
    check_contract(extraction.to_json(), schema)
