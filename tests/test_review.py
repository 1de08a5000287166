"""``explainer review``: what an editor should check, and the corrections template it writes."""
from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess
import sys

import pytest

from conftest import ROOT
from pelican.plugins.explainer.editorial.corrections import apply_corrections
from pelican.plugins.explainer.editorial.schema import corrections_path, parse_corrections
from pelican.plugins.explainer.extraction.model import Actor, ArticleMeta, Extraction, Quote, TimelineEntry
from pelican.plugins.explainer.editorial.review import format_review, review_items, template_text

SEED = ROOT / "content" / "poetin-macron-oekraine.md"


def run_cli(*args, cwd=ROOT):
    return subprocess.run([sys.executable, "-m", "pelican.plugins.explainer", *map(str, args)], capture_output=True,
                          text=True, cwd=cwd, timeout=300)


def _span(text: str, word: str, after: int = 0) -> tuple[int, int]:
    start = text.index(word, after)
    return start, start + len(word)


def small_extraction() -> Extraction:
    """A hand-made extraction with one item of every kind the review looks for."""
    text = ("Jan Peeters zei maandag dat het goed gaat. “We zagen elkaar vorige week”, klonk het. "
            "Het Comité vergaderde op 3 januari. In 2019 begon alles. De Kring zweeg.")
    sentences = [_span(text, s) for s in ("Jan Peeters zei maandag dat het goed gaat.",
                                          "“We zagen elkaar vorige week”, klonk het.",
                                          "Het Comité vergaderde op 3 januari.", "In 2019 begon alles.",
                                          "De Kring zweeg.")]
    quote_span = _span(text, "We zagen elkaar vorige week")
    jan = Actor("jan-peeters", "Jan Peeters", "person", ["burgemeester"], [], [_span(text, "Jan Peeters")])
    comite = Actor("comite", "Comité", "organisation", [], [], [_span(text, "Comité")] * 2)
    groep = Actor("kring", "Kring", "group", [], [], [_span(text, "Kring"), _span(text, "Kring")])
    return Extraction(
        article=ArticleMeta("test", "Test", dt.date(2022, 1, 28), source_path="content/test.md"),
        text=text, sentences=sentences, actors=[jan, comite, groep],
        quotes=[Quote("q1", text[slice(*quote_span)], *quote_span, speaker=None)],
        timeline=[
            TimelineEntry("t1", "2022-01-24", "day", "maandag", *_span(text, "maandag"),
                          "Jan Peeters zegt dat het goed gaat.", ["jan-peeters"]),
            TimelineEntry("t2", "2022-W03", "week", "vorige week", *_span(text, "vorige week"),
                          "Ze zagen elkaar.", ["jan-peeters"]),
            TimelineEntry("t3", "2022", "year", "op 3 januari", *_span(text, "op 3 januari"),
                          "Het Comité vergaderde.", ["comite"]),
            TimelineEntry("t4", "2019", "year", "In 2019", *_span(text, "In 2019"), "Alles begon.", [],
                          certain=False),
        ],
    )


def test_review_finds_every_kind_of_item_with_its_sentence():
    ex = small_extraction()
    items = review_items(ex)
    found = {(i.category, i.subject.split(" ")[0]) for i in items}
    assert ("quote_speaker", "“We") in found
    assert ("actor_mentions", "Jan") in found  # one mention
    assert ("actor_kind", "Kring") in found  # group: the catch-all kind
    assert not any(i.category == "actor_mentions" and i.subject.startswith("Kring") for i in items)
    dates = {i.subject.split("”")[0].lstrip("“"): i.reason for i in items if i.category == "event_date"}
    assert set(dates) == {"vorige week", "op 3 januari", "In 2019"}
    assert "inside a quote" in dates["vorige week"]
    assert "names a day" in dates["op 3 januari"]
    assert "uncertain" in dates["In 2019"]
    assert [i.subject for i in items if i.category == "event_actors"] == ["“In 2019” (2019)"]
    quote_item = next(i for i in items if i.category == "quote_speaker")
    assert quote_item.sentence.startswith("“We zagen elkaar vorige week”")
    assert quote_item.suggestion[0] == '- match: "We zagen elkaar vorige week"'
    assert quote_item.suggestion[1].startswith("  speaker: ")
    report = format_review(ex, items, ["content/test.explainer.yaml: actors[0] (match: 'X'): matches nothing"])
    assert report.startswith("content/test.md: ")
    for title in ("Quotes without a speaker", "Actors mentioned only once", "Actors of an unusual kind",
                  "Dates normalised from weak evidence", "Events without actors"):
        assert title in report
    assert "Het Comité vergaderde op 3 januari." in report
    assert "warning: content/test.explainer.yaml: actors[0]" in report


def test_template_is_valid_and_its_suggestions_apply_when_uncommented():
    ex = small_extraction()
    items = review_items(ex)
    text = template_text(ex, items)
    assert len(parse_corrections(text, "t.explainer.yaml")) == 0  # all commented out
    uncommented = "\n".join(line[2:] if re.match(r"^# (- (?!add)|  [a-z])", line) else line for line in text.splitlines())
    corrections = parse_corrections(uncommented, "t.explainer.yaml")
    assert len(corrections.actors) >= 2 and len(corrections.quotes) == 1 and len(corrections.timeline) >= 3
    result = apply_corrections(ex, corrections)
    assert [w for w in result.warnings if "matches nothing" in w] == []


@pytest.mark.slow
def test_cli_review_prints_items_and_writes_template_once(tmp_path):
    work = tmp_path / SEED.name
    shutil.copy(SEED, work)
    result = run_cli("review", work)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(f"{work}: ")
    assert "item(s) to check" in result.stdout
    assert not corrections_path(work).exists()

    result = run_cli("review", work, "--template")
    assert result.returncode == 0, result.stderr
    target = corrections_path(work)
    assert target.name == "poetin-macron-oekraine.explainer.yaml" and target.exists()
    written = target.read_text(encoding="utf-8")
    assert written.startswith("# Corrections for ") and len(parse_corrections(written, target)) == 0
    assert run_cli("extract", work).returncode == 0  # a fresh template changes nothing and is valid

    target.write_text(written + "# edited\n", encoding="utf-8")
    result = run_cli("review", work, "--template")
    assert result.returncode == 2
    assert result.stderr.strip() == (f"explainer: {target}: already exists; not overwritten "
                                     "(edit it, or move it away to write a fresh template)")
    assert target.read_text(encoding="utf-8").endswith("# edited\n")
