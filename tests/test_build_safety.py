"""Two builds into one output folder never interleave, and the swap leaves no moment without a site."""
from __future__ import annotations

import os
import subprocess
import sys
import time

import pytest

from pelican.plugins.explainer.build import atomic as build

HOLD = """
import sys, time
from pathlib import Path
from pelican.plugins.explainer.build.atomic import _build_lock
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


# --- the bad-article policy (generator/site/refusals.py) ------------------------------------------

GOOD = "Title: Goed\nDate: 2023-03-10\nSlug: goed\n\nWethouder Marieke Jansen zei dinsdag: “De brug is in 2025 klaar.”\n"
SECOND = "Title: Tweede\nDate: 2023-03-11\nSlug: tweede\n\nDirecteur Kees de Wit zei woensdag: “We openen in mei.”\n"


def _site(tmp_path):
    from conftest import ROOT

    content = tmp_path / "content"
    content.mkdir()
    (content / "goed.md").write_text(GOOD, encoding="utf-8")
    (content / "tweede.md").write_text(SECOND, encoding="utf-8")
    conf = tmp_path / "pelicanconf.py"
    conf.write_text((ROOT / "pelicanconf.py").read_text(encoding="utf-8")
                    + f"\nPATH = {str(content)!r}\nTHEME = {str(ROOT / 'theme')!r}\n"
                    + f"EXPLAINER_CACHE_PATH = {str(tmp_path / 'cache')!r}\nEXPLAINER_SPACY_MODEL = 'rules'\n",
                    encoding="utf-8")
    return content, conf


def _build(conf, output, *options):
    return subprocess.run([sys.executable, "-m", "pelican.plugins.explainer", "build", "--settings", str(conf),
                           "--output", str(output), "--no-search", *options], capture_output=True, text=True,
                          cwd=conf.parent, timeout=300)


def _files(folder):
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.mark.slow
def test_a_bad_article_is_refused_in_one_line_and_the_good_ones_are_published(tmp_path):
    content, conf = _site(tmp_path)
    output = tmp_path / "output"
    assert _build(conf, output).returncode == 0
    assert (output / "tweede" / "explainer.json").is_file()
    (content / "tweede.explainer.yaml").write_text("actors:\n  - match: [\n", encoding="utf-8")
    (content / "leeg.md").write_text("Title: Leeg\nDate: morgen\n\nTekst.\n", encoding="utf-8")
    result = _build(conf, output)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    errors = [line for line in result.stderr.splitlines() if line.startswith("explainer: ") and "warning" not in line]
    assert len(errors) == 1, result.stderr
    assert errors[0].startswith("explainer: 2 article(s) refused")
    assert "tweede.explainer.yaml: line 3" in errors[0] and "leeg.md" in errors[0]
    assert (output / "goed" / "tijdlijn" / "index.html").is_file()
    # the refused article's page stays, its previous explainer does not (it described another text)
    assert (output / "tweede" / "index.html").is_file()
    assert not (output / "tweede" / "explainer.json").exists()
    assert not (output / "tweede" / "tijdlijn").exists()


@pytest.mark.slow
def test_a_strict_build_refuses_everything_and_keeps_the_previous_site(tmp_path):
    content, conf = _site(tmp_path)
    output = tmp_path / "output"
    assert _build(conf, output, "--strict").returncode == 0
    before = _files(output)
    (content / "botsing.md").write_text("Title: Botsing\nDate: 2023-03-12\nSave_as: index.html\n\nTekst.\n",
                                        encoding="utf-8")
    result = _build(conf, output, "--strict")
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert "botsing.md: Save_as: 'index.html' would replace the site's own index.html" in result.stderr
    assert _files(output) == before
    assert not output.with_name("output.staging").exists()


@pytest.mark.slow
def test_plain_pelican_publishes_the_good_articles_and_names_the_bad_one(tmp_path):
    content, conf = _site(tmp_path)
    (content / "botsing.md").write_text("Title: Botsing\nDate: 2023-03-12\nSave_as: index.html\n\nTekst.\n",
                                        encoding="utf-8")
    (content / "tweede.explainer.yaml").write_text("quotes:\n  - match: x\n    speaker: [a, b]\n", encoding="utf-8")
    output = tmp_path / "plain"
    result = subprocess.run([sys.executable, "-m", "pelican", str(content), "-s", str(conf), "-o", str(output)],
                            capture_output=True, text=True, cwd=tmp_path, timeout=300,
                            env={**os.environ, "COLUMNS": "400"})
    log = result.stdout + result.stderr
    assert result.returncode == 0, log
    assert "Traceback" not in log and "CRITICAL" not in log
    assert "botsing.md: Save_as: 'index.html' would replace" in log
    assert "tweede.explainer.yaml: line 3: quotes[0].speaker: must be text" in log
    assert (output / "goed" / "explainer.json").is_file()
    assert "Botsing" not in (output / "index.html").read_text(encoding="utf-8")
    assert not (output / "tweede" / "explainer.json").exists()


# --- what a killed or broken build leaves behind ---------------------------------------------------

def test_a_helper_left_running_by_a_killed_build_is_ended_by_the_next(tmp_path):
    from pelican.plugins.explainer.site import helpers

    orphan = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(120)"])
    stranger = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(120)"])
    try:
        listed = tmp_path / "build.helpers"
        with helpers.tracking(tmp_path / "first.helpers"):
            helpers._current = listed  # as a build that is killed before it removes its list
            helpers.record(orphan.pid)
        listed.write_text(listed.read_text() + f"{stranger.pid} 1\n")  # a recycled pid: another process
        assert helpers.end_stale(listed) == 1
        assert orphan.wait(timeout=10) == -9
        assert stranger.poll() is None and not listed.exists()
    finally:
        for process in (orphan, stranger):
            process.kill()
            process.wait()


def test_a_syntax_error_in_the_settings_is_one_line_naming_file_and_line(tmp_path):
    conf = tmp_path / "pelicanconf.py"
    conf.write_text("SITENAME = 'x'\nPLUGINS = [\n", encoding="utf-8")
    with pytest.raises(build.BuildError) as caught:
        build._run_pelican(conf, tmp_path / "staging")
    assert str(caught.value).startswith(f"{conf}: line 2: SyntaxError: ")
    assert "\n" not in str(caught.value)


@pytest.mark.slow
def test_an_unwritable_reader_cache_is_one_warning_and_the_site_is_built(tmp_path):
    content, conf = _site(tmp_path)
    (tmp_path / "blocked").write_text("a file where the cache folder should be", encoding="utf-8")
    conf.write_text(conf.read_text(encoding="utf-8") + f"CACHE_PATH = {str(tmp_path / 'blocked')!r}\n",
                    encoding="utf-8")
    result = _build(conf, tmp_path / "output")
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    [warning] = [line for line in result.stderr.splitlines() if "reader cache" in line]
    assert "blocked" in warning and warning.startswith("explainer: warning: ")
    assert (tmp_path / "output" / "goed" / "explainer.json").is_file()


@pytest.mark.slow
def test_a_syntax_error_in_a_plugin_is_one_line_naming_file_and_line(tmp_path):
    content, conf = _site(tmp_path)
    (tmp_path / "plugins" / "kapot").mkdir(parents=True)
    (tmp_path / "plugins" / "kapot" / "__init__.py").write_text("def register(:\n    pass\n", encoding="utf-8")
    conf.write_text(conf.read_text(encoding="utf-8") + f"PLUGIN_PATHS = [{str(tmp_path / 'plugins')!r}]\n"
                    "PLUGINS = ['explainer', 'kapot']\n", encoding="utf-8")
    result = _build(conf, tmp_path / "output")
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert result.stderr.strip().splitlines()[-1].startswith(
        f"explainer: {tmp_path / 'plugins' / 'kapot' / '__init__.py'}: line 1: SyntaxError: ")


def test_errors_about_one_article_refuse_it_and_other_errors_fail_the_build():
    import logging

    from pelican.plugins.explainer.site import refusals

    def record(msg, *args, **extra):
        item = logging.LogRecord("x", logging.ERROR, __file__, 1, msg, args, None)
        item.__dict__.update(extra)
        return item

    assert refusals.refused_file(record("Could not process %s", "./a.md"), "content") == "content/a.md"
    assert refusals.refused_file(record("Skipping %s: could not find information about '%s'", "/s/b.md", "title"),
                                 "content") == "/s/b.md"
    assert refusals.refused_file(record("%s", "c.md: Slug: too long", **{refusals.MARK: "c.md"})) == "c.md"
    assert refusals.refused_file(record("Failed to write Tag page for %s", "x")) is None
    line = refusals.summary({"a.md": ["a.md: kapot"], "b.md": ["b.md: leeg", "b.md: leeg"]})
    assert line == "2 article(s) refused, the others published: a.md: kapot; b.md: leeg"
    assert refusals.is_summary(f"explainer: {line}") and not refusals.is_summary("explainer: a.md: kapot")
