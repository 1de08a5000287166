"""The ``explainer extract`` command: schema-valid JSON, true offsets, clear errors."""
from __future__ import annotations

import json
import re
import subprocess
import sys

import pytest

from conftest import DEV_ARTICLES, ROOT, SHARED, check_contract, require_shared

SEED = ROOT / "content" / "poetin-macron-oekraine.md"

pytestmark = pytest.mark.slow  # every test runs the command in a new process (fast tier: -m "not slow")


def run_cli(*args, cwd=ROOT):
    return subprocess.run([sys.executable, "-m", "pelican.plugins.explainer", *map(str, args)], capture_output=True,
                          text=True, cwd=cwd, timeout=300)


def test_extract_seed_prints_valid_json(schema):
    result = run_cli("extract", SEED)
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    check_contract(data, schema)
    assert data["article"] == {"slug": "poetin-macron-oekraine", "title": data["article"]["title"],
                               "date": "2022-01-28", "lang": "nl"}
    assert data["quotes"] and data["actors"] and data["timeline"]


def test_extract_raw_seed_with_date(schema):
    seed = require_shared(SHARED / "seed" / "000_55c0aa1bbed82351.txt")
    result = run_cli("extract", seed, "--date", "2022-01-28")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    check_contract(data, schema)
    assert data["article"]["date"] == "2022-01-28"


def test_extract_many_to_folder_validates_on_unseen_articles(schema, tmp_path):
    files = sorted(require_shared(DEV_ARTICLES).glob("*.md"))
    result = run_cli("extract", *files, "--out", tmp_path)
    assert result.returncode == 0, result.stderr
    written = sorted(tmp_path.glob("*.json"))
    assert len(written) == len(files)
    for path in written:
        check_contract(json.loads(path.read_text(encoding="utf-8")), schema)


def test_bad_inputs_one_line_each_and_exit_2(tmp_path):
    bad_date = tmp_path / "datum.md"
    bad_date.write_text("Title: T\n\nTekst.\n", encoding="utf-8")
    latin = tmp_path / "latin.md"
    latin.write_bytes("Title: Caf\xe9\n\nTekst.\n".encode("cp1252"))
    good = tmp_path / "goed.md"
    good.write_text("Title: Goed\nDate: 2022-01-28\n\nGisteren zei Jan Peeters iets.\n", encoding="utf-8")
    result = run_cli("extract", tmp_path / "ontbreekt.md", latin, good, "--out", tmp_path / "out")
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert any("ontbreekt.md" in line and "not found" in line for line in lines)
    assert any("latin.md" in line and "UTF-8" in line for line in lines)
    assert "Traceback" not in result.stderr
    assert (tmp_path / "out" / "goed.json").exists()

    result = run_cli("extract", bad_date, "--date", "0000-00-00")
    assert result.returncode == 2
    assert "datum.md" in result.stderr and "0000-00-00" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_unknown_model_is_one_clear_error():
    result = run_cli("extract", SEED, "--model", "nl_core_news_nope")
    assert result.returncode == 2
    assert "nl_core_news_nope" in result.stderr and "Traceback" not in result.stderr


def test_evaluate_finds_articles_in_a_given_folder(tmp_path):
    gold = require_shared(SHARED / "gold" / "seed.gold.json")
    articles = tmp_path / "articles"
    articles.mkdir()
    for path in (SHARED / "seed").glob("*.txt"):
        (articles / path.name).write_bytes(path.read_bytes())
    (tmp_path / "elsewhere").mkdir()
    copy = tmp_path / "elsewhere" / "gold.json"
    copy.write_bytes(gold.read_bytes())
    result = run_cli("evaluate", copy, "--articles", articles, "--model", "rules")
    assert result.returncode == 0, result.stderr
    for section in ("## quotes", "## dates", "## actors", "speaker accuracy", "micro total"):
        assert section in result.stdout


def test_evaluate_scores_what_the_gold_annotates_key_figures_from_offsets():
    require_shared(SHARED / "data" / "meantime-nl-dev")
    gold = ROOT / "benchmarks" / "gold" / "meantime-nl-dev.figures.json"
    result = run_cli("evaluate", gold, "--articles", SHARED / "data" / "meantime-nl-dev", "--model", "rules")
    assert result.returncode == 0, result.stderr
    assert "## figures" in result.stdout and "## quotes" not in result.stdout
    assert re.search(r"^figures: P \d\.\d{3} R \d\.\d{3}", result.stdout, re.M)
