"""`make serve`: the real preview server rebuilds on content, template and plugin-code changes.

Works in a temporary copy of content/, theme/ and the settings; never touches the repository's files.
A small plugin in the copy stands in for the generator's code: Pelican's own autoreload would keep the
old module loaded, the preview must rebuild in a fresh process so the new code runs.
"""
from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from pelican.plugins.explainer.build import preview

ROOT = Path(__file__).resolve().parent.parent
SLUG = "poetin-macron-oekraine"
WAIT = 60  # seconds, per change

pytestmark = pytest.mark.slow  # runs the preview server and its builds (fast tier: pytest -m "not slow")

PLUGIN = '''from pathlib import Path
from pelican import signals

STAMP = "{stamp}"


def write_stamp(pelican):
    Path(pelican.output_path, "stamp.txt").write_text(STAMP)


def register():
    signals.finalized.connect(write_stamp)
'''


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fetch(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as err:
        return err.code, ""
    except (urllib.error.URLError, ConnectionError, TimeoutError, OSError):
        return 0, ""


def wait_for(url: str, text: str, server: subprocess.Popen, log: Path) -> str:
    deadline = time.monotonic() + WAIT
    while time.monotonic() < deadline:
        status, body = fetch(url)
        if status == 200 and text in body:
            return body
        if server.poll() is not None:
            pytest.fail(f"the preview server exited ({server.returncode}):\n{log.read_text()}")
        time.sleep(0.5)
    pytest.fail(f"{url} did not show {text!r} within {WAIT} s; server log:\n{log.read_text()}")


@pytest.fixture
def site(tmp_path) -> Path:
    shutil.copytree(ROOT / "content", tmp_path / "content")
    shutil.copytree(ROOT / "theme", tmp_path / "theme")
    (tmp_path / "plugins").mkdir()
    (tmp_path / "plugins" / "stamp.py").write_text(PLUGIN.format(stamp="eerste versie"), encoding="utf-8")
    (tmp_path / "pelicanconf.py").write_text(
        (ROOT / "pelicanconf.py").read_text(encoding="utf-8")
        + "\nPATH = 'content'\nTHEME = 'theme'\nPLUGIN_PATHS = ['plugins']\n"
        + "PLUGINS = ['explainer', 'stamp']\n"
        + f"EXPLAINER_CACHE_PATH = {str(tmp_path / 'cache')!r}\n", encoding="utf-8")
    return tmp_path


@pytest.fixture
def server(site):
    port = free_port()
    log = site / "preview.log"
    env = {**os.environ, "EXPLAINER_SPACY_MODEL": "rules", "PYTHONUNBUFFERED": "1"}
    with log.open("w") as out:
        process = subprocess.Popen([sys.executable, "-m", "pelican.plugins.explainer.build.preview", "--settings", "pelicanconf.py",
                                    "--output", "output", "--port", str(port), "--no-search"],
                                   cwd=site, env=env, stdout=out, stderr=subprocess.STDOUT)
    try:
        yield f"http://127.0.0.1:{port}", process, log
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def test_preview_rebuilds_on_content_template_and_code_changes(site, server):
    base, process, log = server
    wait_for(f"{base}/{SLUG}/", "<html", process, log)
    wait_for(f"{base}/stamp.txt", "eerste versie", process, log)
    assert fetch(f"{base}/bestaat-niet/")[0] == 404

    article = site / "content" / f"{SLUG}.md"
    text = article.read_text(encoding="utf-8")
    title = next(line for line in text.splitlines() if line.startswith("Title:"))
    article.write_text(text.replace(title, "Title: Bewerkte kop voor de preview"), encoding="utf-8")
    wait_for(f"{base}/", "Bewerkte kop voor de preview", process, log)

    base_template = site / "theme" / "templates" / "base.html"
    html = base_template.read_text(encoding="utf-8")
    assert "</footer>" in html
    base_template.write_text(html.replace("</footer>", "<p>sjabloon gewijzigd</p></footer>", 1), encoding="utf-8")
    wait_for(f"{base}/{SLUG}/", "sjabloon gewijzigd", process, log)

    (site / "plugins" / "stamp.py").write_text(PLUGIN.format(stamp="tweede versie"), encoding="utf-8")
    wait_for(f"{base}/stamp.txt", "tweede versie", process, log)

    # A broken article is refused (the bad-article policy): the log names it, the rest is still served.
    (site / "content" / "kapot.md").write_bytes(b"Title: x\nDate: 2022-13-45\n\nTekst.\n")
    deadline = time.monotonic() + WAIT
    while "refused" not in log.read_text() and time.monotonic() < deadline:
        time.sleep(0.5)
    assert "refused" in log.read_text() and "kapot.md" in log.read_text()
    assert "build failed" not in log.read_text()
    assert "sjabloon gewijzigd" in fetch(f"{base}/{SLUG}/")[1]


def test_preview_watches_the_generator_code_and_plugin_paths(site):
    paths = preview.watched_paths(site / "pelicanconf.py")
    assert preview.GENERATOR_DIR in paths
    assert {(site / name).resolve() for name in ("content", "theme", "plugins")} <= set(paths)


def test_preview_reports_a_busy_port(site):
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        sock.listen()
        port = sock.getsockname()[1]
        result = subprocess.run([sys.executable, "-m", "pelican.plugins.explainer.build.preview", "--port", str(port)],
                                cwd=site, capture_output=True, text=True, timeout=60)
    assert result.returncode == 2 and "cannot listen" in result.stderr


def test_the_build_worker_stays_warm_until_code_or_settings_change(site, monkeypatch):
    """Article and template edits are built by the same worker process (the pipeline stays loaded);
    generator code, plugin folders and settings files get a fresh one."""
    monkeypatch.setenv("EXPLAINER_SPACY_MODEL", "rules")
    monkeypatch.chdir(site)
    view = preview.Preview(site / "pelicanconf.py", site / "output", search=False)
    try:
        assert view.build()
        first = view.worker.process.pid
        article = next((site / "content").glob("*.md"))
        article.write_text(article.read_text(encoding="utf-8") + "\nDe minister zei dinsdag iets.\n", encoding="utf-8")
        assert view.build("article")
        assert view.worker.process.pid == first
        assert not view._needs_fresh_worker([article.resolve(), (site / "theme" / "templates" / "base.html").resolve()])
        for path in (site / "pelicanconf.py", site / "plugins" / "stamp.py", preview.GENERATOR_DIR / "extraction" / "nlp.py"):
            assert view._needs_fresh_worker([path.resolve()]), path
        assert view.build("settings", fresh=True)
        assert view.worker.process.pid != first
        bad = site / "content" / "kapot.md"
        bad.write_bytes(b"Title: Kapot\nDate: 2022-01-28\n\nCaf\xe9\n")
        assert view.build("bad")  # built without the refused article; the worker carries on
        bad.unlink()
        assert view.build("fixed")
    finally:
        view.worker.stop()
    assert view.worker.process is None
