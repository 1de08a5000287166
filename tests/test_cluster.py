"""The Dask settings extraction workers run with, and the local cluster started with them."""
from __future__ import annotations

import re
import textwrap

import pytest

from conftest import ROOT
from pelican.plugins.explainer.errors import ConfigurationError
from pelican.plugins.explainer.extraction.cluster import SETTINGS, local_cluster, local_workers


@pytest.mark.parametrize("scheduler,workers", [("local", 0), ("local:3", 3), ("LOCAL: 2", 2),
                                                ("tcp://127.0.0.1:8786", None), ("localhost:8786", None),
                                                (None, None), (object(), None)])
def test_local_names_a_cluster_on_this_machine_and_anything_else_is_a_scheduler(scheduler, workers):
    assert local_workers(scheduler) == workers


@pytest.mark.parametrize("scheduler", ["local:two", "local:-1"])
def test_a_local_cluster_of_no_number_is_one_clear_error(scheduler):
    with pytest.raises(ConfigurationError, match="'local:WORKERS'"):
        local_workers(scheduler)


def _flatten(tree: dict, prefix: str = "") -> dict:
    flat = {}
    for key, value in tree.items():
        if isinstance(value, dict):
            flat.update(_flatten(value, f"{prefix}{key}."))
        else:
            flat[f"{prefix}{key}"] = value
    return flat


def test_the_settings_docs_give_for_other_clusters_are_the_ones_a_local_cluster_gets():
    yaml = pytest.importorskip("yaml")
    docs = (ROOT / "docs" / "scaling.md").read_text(encoding="utf-8")
    block = re.search(r"```yaml\n *# explainer-dask\.yaml[^\n]*\n(.*?)```", docs, re.S)
    assert block, "docs/scaling.md: the ```yaml block starting with '# explainer-dask.yaml' is missing"
    assert _flatten(yaml.safe_load(textwrap.dedent(block.group(1)))) == SETTINGS


@pytest.mark.slow
def test_a_local_cluster_starts_its_workers_without_dasks_malloc_setting_and_without_the_profiler():
    distributed = pytest.importorskip("dask.distributed")

    def worker_view():
        import os

        import dask
        return os.environ.get("MALLOC_TRIM_THRESHOLD_"), dask.config.get("distributed.worker.profile.enabled")

    with local_cluster(1) as cluster, distributed.Client(cluster) as client:
        assert list(client.run(worker_view).values()) == [(None, False)]
