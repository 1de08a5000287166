"""Shared fixtures: the repository, the read-only shared data, and a built site."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import jsonschema
import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
SCHEMA_PATH = SHARED / "spec" / "extraction.schema.json"
DEV_ARTICLES = SHARED / "data" / "meantime-nl-dev"


def require_shared(path: Path) -> Path:
    if not path.exists():
        pytest.skip(f"{path} is absent (../shared is not laid out next to the repository)")
    return path


@pytest.fixture(scope="session")
def schema() -> dict:
    return json.loads(require_shared(SCHEMA_PATH).read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """A real Pelican build of a copy of content/ (with the default settings) into a temporary folder."""
    from pelican.plugins.explainer.build.atomic import build_site

    work = tmp_path_factory.mktemp("site")
    shutil.copytree(ROOT / "content", work / "content")
    conf = work / "pelicanconf.py"
    conf.write_text((ROOT / "pelicanconf.py").read_text(encoding="utf-8")
                    + f"\nPATH = {str(work / 'content')!r}\nTHEME = {str(ROOT / 'theme')!r}\n"
                    + f"EXPLAINER_CACHE_PATH = {str(work / 'cache')!r}\n", encoding="utf-8")
    return build_site(conf, work / "output", search=False)


def check_contract(data: dict, schema: dict) -> None:
    """The extraction contract: schema-valid, unique actor ids, every offset points at its text."""
    jsonschema.Draft202012Validator(schema).validate(data)
    text = data["text"]
    ids = {a["id"] for a in data["actors"]}
    assert len(ids) == len(data["actors"])
    for actor in data["actors"]:
        for start, end in actor["mentions"]:
            assert 0 <= start < end <= len(text)
    for quote in data["quotes"]:
        assert text[quote["start"]:quote["end"]] == quote["text"]
        assert quote["speaker"] is None or quote["speaker"] in ids
    for entry in data["timeline"]:
        assert text[entry["start"]:entry["end"]] == entry["expression"]
        assert set(entry["actors"]) <= ids
