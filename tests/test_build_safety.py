"""Two builds into one output folder never interleave, and the swap leaves no moment without a site."""
from __future__ import annotations

import subprocess
import sys
import time

import pytest

from pelican.plugins.explainer.site import build

HOLD = """
import sys, time
from pathlib import Path
from pelican.plugins.explainer.site.build import _build_lock
with _build_lock(Path(sys.argv[1])):
    print("got the lock", flush=True)
"""


def test_a_second_build_of_the_same_output_waits_for_the_first(tmp_path):
    output = tmp_path / "output"
    with build._build_lock(output):
        second = subprocess.Popen([sys.executable, "-c", HOLD, str(output)], stdout=subprocess.PIPE,
                                  stderr=subprocess.PIPE, text=True)
        time.sleep(1.5)
        assert second.poll() is None  # still waiting while the first holds the lock
    out, err = second.communicate(timeout=30)
    assert "got the lock" in out
    assert err.strip() == f"explainer: waiting for another build of {output} to finish"


def test_builds_of_different_outputs_do_not_wait_for_each_other(tmp_path):
    with build._build_lock(tmp_path / "a"):
        done = subprocess.run([sys.executable, "-c", HOLD, str(tmp_path / "b")], capture_output=True,
                              text=True, timeout=30)
    assert "got the lock" in done.stdout and not done.stderr


def test_the_new_site_and_the_old_one_swap_in_one_step(tmp_path):
    old, new = tmp_path / "output", tmp_path / "output.staging"
    old.mkdir()
    new.mkdir()
    (old / "index.html").write_text("old")
    (new / "index.html").write_text("new")
    assert build._exchange(new, old)
    assert (old / "index.html").read_text() == "new"
    assert (new / "index.html").read_text() == "old"


@pytest.mark.slow
def test_warnings_logged_during_a_build_reach_the_user_once_each(tmp_path):
    (tmp_path / "content").mkdir()
    (tmp_path / "plugins").mkdir()
    (tmp_path / "plugins" / "warn.py").write_text(
        "import logging\nfrom pelican import signals\n"
        "def warn(pelican):\n"
        "    for _ in range(3):\n"
        "        logging.getLogger('some.plugin').warning('corrections.yaml: actor a9: no such actor')\n"
        "def register():\n    signals.initialized.connect(warn)\n")
    (tmp_path / "conf.py").write_text(
        f"PATH = {str(tmp_path / 'content')!r}\nPLUGIN_PATHS = [{str(tmp_path / 'plugins')!r}]\n"
        "PLUGINS = ['warn']\nTHEME = 'simple'\nSITEURL = ''\nFEED_ALL_ATOM = None\n")
    done = subprocess.run([sys.executable, "-m", "pelican.plugins.explainer", "build", "--settings",
                           str(tmp_path / "conf.py"), "--output", str(tmp_path / "out"), "--no-search"],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stderr.count("explainer: warning: corrections.yaml: actor a9: no such actor") == 1
