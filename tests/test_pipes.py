"""Our components are spaCy pipes: in the shipped config.cfg, found by entry points, their word lists
read in initialize() and carried by to_disk/from_disk (generator/extraction/components/language_files.py)."""
from __future__ import annotations

import dataclasses
import json
from importlib.metadata import entry_points
from pathlib import Path

import pytest
import spacy

from pelican.plugins.explainer.extraction.language import language_dir
from pelican.plugins.explainer.extraction.nlp import COMPONENTS, DEFAULT_MODEL_PATH, load_pipeline

REFRESH = "python training/train.py --stages components (make model STAGES=components)"
TEXT = ("Wethouder Marieke van Dalen zei dinsdag: \"We openen de brug op 4 april 2025.\" "
        "Volgens de gemeente Zuidervoort is de bouw vorige week afgerond.\n\n"
        "\"Het was een lange klus,\" aldus aannemer Bram Kooistra.")

needs_model = pytest.mark.skipif(not (DEFAULT_MODEL_PATH / "config.cfg").exists(),
                                 reason="shipped model folder absent (make model)")


def results(doc) -> str:
    """What the components put on a Doc, as comparable text."""
    fields = {name: getattr(doc._, name) for name in ("actors", "quotes", "timexes", "timeline", "warnings")}
    return json.dumps({k: [dataclasses.asdict(x) if dataclasses.is_dataclass(x) else x for x in v or []]
                       for k, v in fields.items()}, default=str, sort_keys=True)


def shipped_config():
    return spacy.util.load_config(DEFAULT_MODEL_PATH / "config.cfg")


@needs_model
def test_the_shipped_config_holds_the_whole_pipeline_in_order():
    pipeline = shipped_config()["nlp"]["pipeline"]
    assert pipeline[:2] == ["sentencizer", "explainer_blocks"]  # boundaries before the parser sees them
    assert pipeline.index("parser") < pipeline.index("explainer_actors")
    assert pipeline[-len(COMPONENTS) + 1:] == [c for c in COMPONENTS if c != "explainer_blocks"]
    assert shipped_config()["components"]["explainer_actors"]["use_entities"] == "hybrid"


@needs_model
def test_every_factory_the_shipped_config_names_is_spacys_or_an_entry_point_of_ours():
    ours = {point.name: point for point in entry_points(group="spacy_factories")
            if point.value.startswith("pelican.plugins.explainer.")}
    blank = spacy.blank("nl")
    for name, section in shipped_config()["components"].items():
        factory = section["factory"]
        if factory.startswith("explainer_"):
            assert factory in ours, f"{name}: factory {factory!r} has no spacy_factories entry point in pyproject.toml"
            assert callable(ours[factory].load())
        else:
            assert blank.has_factory(factory), factory


@needs_model
@pytest.mark.parametrize("name", [c for c in COMPONENTS if c not in ("explainer_blocks", "explainer_language_check")])
def test_the_models_copy_of_the_word_lists_is_the_language_folder(name):
    """generator/data/<lang>/ is the source; the model's copy must be refreshed after every edit."""
    nlp = spacy.blank("nl")
    component = nlp.add_pipe(name)
    source, copy = language_dir("nl"), DEFAULT_MODEL_PATH / name
    wanted = sorted(p.relative_to(source) for relative in component.data_files(source)
                    for p in ([source / relative] if (source / relative).is_file() else (source / relative).rglob("*"))
                    if p.is_file())
    shipped = sorted(p.relative_to(copy) for p in copy.rglob("*") if p.is_file() and p.name != "cfg")
    assert shipped == wanted, f"{copy}: other files than {source} has; refresh with {REFRESH}"
    for relative in wanted:
        assert (copy / relative).read_bytes() == (source / relative).read_bytes(), \
            f"{copy / relative} differs from {source / relative}; refresh with {REFRESH}"


def test_a_component_without_word_lists_says_to_initialize():
    nlp = spacy.blank("nl")
    load_pipeline("rules")  # registers the factories
    nlp.add_pipe("explainer_quotes")
    with pytest.raises(ValueError, match="explainer_quotes: no word lists yet; call nlp.initialize"):
        nlp("Hij zei: \"Ja.\"")


def test_a_saved_pipeline_carries_its_word_lists_and_extracts_the_same(tmp_path, monkeypatch):
    nlp = load_pipeline("rules")
    nlp.to_disk(tmp_path / "pipeline")
    monkeypatch.setattr("pelican.plugins.explainer.extraction.components.language_files.language_dir",
                        lambda code: pytest.fail("a loaded pipeline read generator/data/"))
    again = spacy.load(tmp_path / "pipeline")
    assert again.pipe_names == nlp.pipe_names
    assert (tmp_path / "pipeline" / "explainer_timeline" / "temporal.json").read_bytes() == \
        (language_dir("nl") / "temporal.json").read_bytes()
    assert results(again(TEXT)) == results(nlp(TEXT))
    assert json.loads(results(nlp(TEXT)))["quotes"]  # the text does exercise the components


def test_a_pipeline_as_bytes_carries_its_word_lists_too():
    nlp = load_pipeline("rules")
    again = spacy.util.load_model_from_config(nlp.config).from_bytes(nlp.to_bytes())
    assert again.get_pipe("explainer_actors").files == nlp.get_pipe("explainer_actors").files
    assert results(again(TEXT)) == results(nlp(TEXT))


def test_initialize_reads_the_language_it_is_given(tmp_path):
    """A base whose nlp.lang is not the article's (a multilingual model) still gets the article's lists."""
    nlp = spacy.blank("xx")
    load_pipeline("rules")
    component = nlp.add_pipe("explainer_timeline")
    component.initialize(nlp=nlp, lang="nl")
    assert component.lang == "nl" and component.data_dir == language_dir("nl")


@pytest.mark.slow
@needs_model
def test_plain_spacy_load_in_a_fresh_interpreter_extracts_like_load_pipeline():
    """spaCy finds our NER embedding and components through the package's entry points."""
    import subprocess
    import sys

    code = ("import spacy, sys, json; nlp = spacy.load(sys.argv[1]); doc = nlp(sys.argv[3]); "
            "sys.path.insert(0, sys.argv[2]); from test_pipes import results; "  # only to print them
            "print(json.dumps(nlp.pipe_names)); print(results(doc))")
    done = subprocess.run([sys.executable, "-c", code, str(DEFAULT_MODEL_PATH), str(Path(__file__).parent), TEXT],
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]
    names, extracted = done.stdout.splitlines()[-2:]
    nlp = load_pipeline("default")
    assert json.loads(names) == nlp.pipe_names
    assert extracted == results(nlp(TEXT))
