"""Editors' corrections (content/x.explainer.yaml): validation, application, CLI and a real site build.

The extraction is being improved while these tests live, so targets are picked from the uncorrected
extraction of a tmp copy of the seed article instead of being hard-coded.
"""
from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest

from conftest import ROOT, SCHEMA_PATH
from pelican.plugins.explainer.editorial.corrections import apply_corrections, correct, export_json
from pelican.plugins.explainer.editorial.schema import corrections_path, parse_corrections, parse_date
from pelican.plugins.explainer.errors import InputError
from pelican.plugins.explainer.extraction.model import Extraction
from pelican.plugins.explainer.extraction.reading import slugify

SEED = ROOT / "content" / "poetin-macron-oekraine.md"


def run_cli(*args, cwd=ROOT):
    return subprocess.run([sys.executable, "-m", "pelican.plugins.explainer", *map(str, args)], capture_output=True,
                          text=True, cwd=cwd, timeout=300)


def check_contract(data: dict) -> None:
    if SCHEMA_PATH.exists():
        jsonschema.Draft202012Validator(json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))).validate(data)
    text = data["text"]
    ids = [a["id"] for a in data["actors"]]
    assert len(ids) == len(set(ids))
    for quote in data["quotes"]:
        assert text[quote["start"]:quote["end"]] == quote["text"]
        assert quote["speaker"] is None or quote["speaker"] in ids
    for entry in data["timeline"]:
        assert text[entry["start"]:entry["end"]] == entry["expression"]
        assert set(entry["actors"]) <= set(ids)


def y(value) -> str:
    return json.dumps(value, ensure_ascii=False)


# ------------------------------------------------------------------------------------------ fixtures


@pytest.fixture(scope="module")
def article(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("article")
    target = folder / SEED.name
    shutil.copy(SEED, target)
    return target


@pytest.fixture(scope="module")
def raw(article) -> Extraction:
    """The uncorrected extraction of the tmp copy, through the CLI."""
    result = run_cli("extract", article)
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert "corrections" not in data  # no corrections file yet
    return Extraction.from_json(data)


class Targets:
    """Items of the uncorrected extraction to correct, chosen so that the corrections do not overlap."""

    def __init__(self, ex: Extraction):
        speakers = [q.speaker for q in ex.quotes if q.speaker]
        by_id = {a.id: a for a in ex.actors}
        assert speakers, "the seed should have attributed quotes"
        self.renamed = by_id[max(set(speakers), key=speakers.count)]
        self.new_name = self.renamed.name + " Testnaam"
        others = [a for a in ex.actors if a is not self.renamed]
        in_events = {i for t in ex.timeline for i in t.actors}
        self.hidden = next((a for a in others if a.id in in_events), others[0])
        rest = [a for a in others if a is not self.hidden]
        self.merged = rest[-2:]  # two actors near the end of the list
        self.kind_changed = next(a for a in rest if a not in self.merged)
        self.new_kind = "group" if self.kind_changed.kind != "group" else "organisation"
        quotes = sorted(ex.quotes, key=lambda q: q.start)
        assert len(quotes) >= 3
        self.quote_speaker = quotes[-1]  # the last quote gets another speaker
        self.quote_hidden = quotes[-2]
        self.quote_nobody = quotes[-3]
        self.speaker_actor = self.kind_changed  # named in the speaker entry by its name
        events = [t for t in sorted(ex.timeline, key=lambda t: -t.start) if t.expression.strip()]
        assert len(events) >= 2, "the seed should have at least two dated events"
        self.event_dated = events[0]
        self.event_hidden = events[1]

    @staticmethod
    def prefix(text: str, words: int = 4) -> str:
        return " ".join(text.split()[:words])

    def yaml(self, extra_actor: str = "", extra_quote: str = "") -> str:
        return f"""# corrections for the test
actors:
  - match: {y(self.renamed.name.upper())}
    name: {y(self.new_name)}
    roles: ["testrol"]
  - match: {y(self.hidden.name)}
    hide: true
  - merge: [{y(self.merged[0].name)}, {y(self.merged[1].name)}]
  - match: {y(self.kind_changed.name)}
    kind: {self.new_kind}
    aliases: ["Testalias"]
{extra_actor}
quotes:
  - match: {y(self.prefix(self.quote_speaker.text))}
    speaker: "testalias"
  - match: {y(self.prefix(self.quote_hidden.text, 6))}
    hide: true
  - match: {y('“' + self.prefix(self.quote_nobody.text, 6))}
    speaker: null
{extra_quote}
timeline:
  - match: {y(self.event_dated.expression.lower())}
    date: 2021-03
    summary: "Een gecorrigeerde samenvatting."
  - match: {y(self.event_hidden.expression)}
    hide: true
  - add: {{date: "2022-02-24", summary: "Rusland valt Oekraïne binnen.", actors: [{y(self.new_name)}]}}
"""


@pytest.fixture(scope="module")
def targets(raw) -> Targets:
    return Targets(raw)


def corrections_from(text: str, path="x.explainer.yaml"):
    return parse_corrections(text, path)


# ------------------------------------------------------------------------------------------ loading


def test_readme_example_is_valid():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Corrections and review", 1)[1]
    example = re.search(r"```yaml\n(.*?)```", section, re.S).group(1)
    corrections = corrections_from(example)
    assert [len(corrections.actors), len(corrections.quotes), len(corrections.timeline)] == [4, 1, 3]
    assert corrections.timeline[0].values["date"] == "2022-01-21"


def test_empty_and_comment_only_files_are_valid():
    assert len(corrections_from("")) == 0
    assert len(corrections_from("# nothing yet\nactors:\nquotes:\n")) == 0


@pytest.mark.parametrize("value, expected", [
    ("2022", ("2022", "year")), ("2022-01", ("2022-01", "month")), ("2022-01-21", ("2022-01-21", "day")),
    (2022, ("2022", "year")), ("2022-13", None), ("2022-02-30", None), ("21-01-2022", None), ("gisteren", None),
    (True, None),
])
def test_parse_date(value, expected):
    assert parse_date(value) == expected


@pytest.mark.parametrize("text, line, key, problem", [
    ("actors:\n  - match: \"x\"\n    name: [unclosed\n", 4, None, "YAML syntax error"),
    ("actors:\n  - match: x\n    name: \"y\n", None, None, "YAML syntax error"),
    ("actor:\n  - match: x\n", 1, "actor", "unknown key 'actor'"),
    ("actors:\n  - match: x\n    nmae: y\n", 3, "actors[0].nmae", "unknown key 'nmae'"),
    ("quotes:\n  - match: x\n    speaker: y\n    who: z\n", 4, "quotes[0].who", "unknown key 'who'"),
    ("timeline:\n  - add: {date: 2022, summary: s, where: x}\n", 2, "timeline[0].add.where", "unknown key"),
    ("actors:\n  - match: x\n    roles: minister\n", 3, "actors[0].roles", "must be a list"),
    ("actors:\n  - match: x\n    hide: yes please\n", 3, "actors[0].hide", "must be true or false"),
    ("actors:\n  - match: x\n    kind: alien\n", 3, "actors[0].kind", "unknown kind 'alien'"),
    ("actors:\n  - match: 12\n    hide: true\n", 2, "actors[0].match", "must be text"),
    ("actors:\n  match: x\n", 2, "actors", "must be a list"),
    ("quotes:\n  - speaker: x\n", None, "quotes[0]", "needs `match`"),
    ("actors:\n  - merge: [x]\n", 2, "actors[0].merge", "at least 2"),
    ("timeline:\n  - match: vrijdag\n    date: 2022-13-01\n", 3, "timeline[0].date", "invalid date '2022-13-01'"),
    ("timeline:\n\n  - match: vrijdag\n    date: \"21-01-2022\"\n", 4, "timeline[0].date", "invalid date"),
    ("timeline:\n  - add: {summary: s}\n", 2, "timeline[0].add", "needs `date`"),
    ("timeline:\n  - match: vrijdag\n    summary: \"\"\n", 3, "timeline[0].summary", "must not be empty"),
    ("actors:\n  - match: x\n    match: y\n", 3, "actors[0].match", "appears twice"),
])
def test_invalid_files_name_line_and_key(text, line, key, problem):
    with pytest.raises(InputError) as caught:
        corrections_from(text, "content/x.explainer.yaml")
    message = caught.value.line()
    assert message.startswith("content/x.explainer.yaml: ")
    assert problem in message
    if line:
        assert f"line {line}:" in message
    if key:
        assert f" {key}:" in message


# ------------------------------------------------------------------------------------------ applying


def test_every_key_applies_and_keeps_the_data_consistent(raw, targets):
    t = targets
    before = json.dumps(raw.to_json())
    result = apply_corrections(raw, corrections_from(t.yaml()))
    assert json.dumps(raw.to_json()) == before, "the input extraction is not changed"
    assert result.warnings == []
    ex = result.extraction
    data = export_json(result)
    check_contract(data)
    ids = {a.id: a for a in ex.actors}

    # rename (matched case-insensitively): id follows the name, every reference follows the id
    new_id = slugify(t.new_name)
    assert t.renamed.id not in ids and new_id in ids
    renamed = ids[new_id]
    assert renamed.name == t.new_name and renamed.roles == ["testrol"] and t.renamed.name in renamed.aliases
    assert renamed.corrected is True
    old_quotes = [q.id for q in raw.quotes if q.speaker == t.renamed.id
                  and q.id not in (t.quote_speaker.id, t.quote_hidden.id, t.quote_nobody.id)]
    assert old_quotes and all(q.speaker == new_id for q in ex.quotes if q.id in old_quotes)
    assert not any(t.renamed.id in e.actors for e in ex.timeline)
    assert not any(q.speaker == t.renamed.id for q in ex.quotes)

    # hide: gone, and nothing refers to it
    assert t.hidden.id not in ids
    assert not any(q.speaker == t.hidden.id for q in ex.quotes)
    assert not any(t.hidden.id in e.actors for e in ex.timeline)

    # merge: the first name wins, mentions and aliases united
    first, second = t.merged
    assert first.id in ids and second.id not in ids
    merged = ids[first.id]
    assert set(merged.mentions) == set(first.mentions) | set(second.mentions)
    assert second.name in merged.aliases and set(second.aliases) <= set(merged.aliases)

    # kind and aliases
    changed = ids[t.kind_changed.id]
    assert changed.kind == t.new_kind and "Testalias" in changed.aliases

    # quotes: speaker by alias (case-insensitive), null, hide
    quotes = {q.id: q for q in ex.quotes}
    assert quotes[t.quote_speaker.id].speaker == t.kind_changed.id
    assert quotes[t.quote_speaker.id].corrected is True
    assert quotes[t.quote_nobody.id].speaker is None
    assert t.quote_hidden.id not in quotes

    # timeline: date with precision, summary, hide, add
    events = {e.id: e for e in ex.timeline}
    dated = events[t.event_dated.id]
    assert (dated.date, dated.precision, dated.summary) == ("2021-03", "month", "Een gecorrigeerde samenvatting.")
    assert dated.certain and dated.corrected
    assert t.event_hidden.id not in events
    added = [e for e in ex.timeline if e.added]
    assert len(added) == 1
    assert (added[0].date, added[0].precision, added[0].start, added[0].end, added[0].expression) == \
        ("2022-02-24", "day", 0, 0, "")
    assert added[0].actors == [new_id]

    # the JSON export marks what was corrected and lists the changes
    assert {"action": "actor_hidden", "subject": t.hidden.name, "value": None} in data["corrections"]
    assert any(e.get("added") for e in data["timeline"])
    assert next(a for a in data["actors"] if a["id"] == new_id)["corrected"] is True
    assert not any(a.get("corrected") for a in data["actors"] if a["id"] not in (new_id, first.id, t.kind_changed.id))
    actions = {a.action for a in result.applied}
    assert {"actor_renamed", "actor_roles", "actor_hidden", "actors_merged", "actor_kind", "actor_aliases",
            "quote_speaker", "quote_hidden", "event_date", "event_summary", "event_hidden",
            "event_added"} <= actions


def test_rename_onto_an_existing_actor_unites_them(raw):
    first, second = raw.actors[0], raw.actors[1]
    result = apply_corrections(raw, corrections_from(f"actors:\n  - match: {y(second.name)}\n"
                                                     f"    name: {y(first.name)}\n"))
    ids = [a.id for a in result.extraction.actors]
    assert ids.count(first.id) == 1 and second.id not in ids
    check_contract(export_json(result))


def test_stale_entries_are_warnings_naming_file_and_entry_and_errors_when_strict(raw, article, tmp_path):
    text = """actors:
  - match: "Niemand Bestaat"
    hide: true
  - merge: ["Ook Niemand", "Nog Iemand"]
quotes:
  - match: "Deze woorden staan er niet"
    hide: true
timeline:
  - match: "op sint-juttemis"
    date: 2022
  - add: {date: "2022-02-24", summary: "Iets.", actors: ["Onbekende Speler"]}
"""
    path = "content/x.explainer.yaml"
    result = apply_corrections(raw, corrections_from(text, path))
    assert result.warnings == [
        "content/x.explainer.yaml: actors[0] (match: 'Niemand Bestaat'): matches nothing",
        "content/x.explainer.yaml: actors[1] (merge: ['Ook Niemand', 'Nog Iemand']): 'Ook Niemand' matches nothing",
        "content/x.explainer.yaml: actors[1] (merge: ['Ook Niemand', 'Nog Iemand']): 'Nog Iemand' matches nothing",
        "content/x.explainer.yaml: quotes[0] (match: 'Deze woorden staan er niet'): matches nothing",
        "content/x.explainer.yaml: timeline[0] (match: 'op sint-juttemis'): matches nothing",
        "content/x.explainer.yaml: timeline[1] (add: 'Iets.'): actor 'Onbekende Speler' is not an actor of "
        "this article",
    ]
    # an unknown speaker is reported, not created
    quote = raw.quotes[0]
    result = apply_corrections(raw, corrections_from(
        f"quotes:\n  - match: {y(quote.text[:15])}\n    speaker: Onbekende Spreker\n", path))
    assert "speaker 'Onbekende Spreker' is not an actor" in result.warnings[0]
    assert len(result.extraction.actors) == len(raw.actors)
    assert result.extraction.quotes[0].speaker == quote.speaker

    # strict: an error naming the file and the entry
    copy = tmp_path / "x.md"
    shutil.copy(article, copy)
    corrections_path(copy).write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as caught:
        correct(raw, copy, strict=True)
    assert str(corrections_path(copy)) in caught.value.line()
    assert "actors[0] (match: 'Niemand Bestaat'): matches nothing (and 5 more)" in caught.value.line()
    assert correct(raw, copy).warnings  # not strict: warnings only


# ------------------------------------------------------------------------------------------ CLI


@pytest.mark.slow
def test_cli_extract_applies_sibling_file_and_survives_reextraction(raw, targets, tmp_path):
    work = tmp_path / SEED.name
    shutil.copy(SEED, work)
    corrections_path(work).write_text(targets.yaml(), encoding="utf-8")
    result = run_cli("extract", work)
    assert result.returncode == 0, result.stderr
    assert "warning" not in result.stderr
    first = json.loads(result.stdout)
    check_contract(first)
    assert slugify(targets.new_name) in {a["id"] for a in first["actors"]}
    assert first["corrections"]

    # edit another paragraph (all offsets after it shift), re-extract: the corrections still apply
    source = work.read_text(encoding="utf-8")
    paragraph = "De NAVO-bondgenoten zijn bereid"
    assert paragraph in source
    work.write_text(source.replace(paragraph, "Het overleg in Brussel duurde de hele dag. " + paragraph),
                    encoding="utf-8")
    result = run_cli("extract", work)
    assert result.returncode == 0, result.stderr
    assert "matches nothing" not in result.stderr, result.stderr
    second = json.loads(result.stdout)
    check_contract(second)
    assert second["text"] != first["text"]
    assert first["corrections"] == second["corrections"]
    quote = next(q for q in second["quotes"] if q["text"] == targets.quote_speaker.text)
    assert quote["start"] != targets.quote_speaker.start and quote["speaker"] == targets.kind_changed.id
    assert any(e["date"] == "2021-03" and e["precision"] == "month" for e in second["timeline"])


@pytest.mark.slow
def test_cli_strict_and_invalid_file_exit_2_with_one_line(tmp_path):
    work = tmp_path / SEED.name
    shutil.copy(SEED, work)
    corrections_path(work).write_text('actors:\n  - match: "Niemand Bestaat"\n    hide: true\n', encoding="utf-8")
    result = run_cli("extract", work)
    assert result.returncode == 0
    assert f"warning: {corrections_path(work)}: actors[0] (match: 'Niemand Bestaat'): matches nothing" \
        in result.stderr
    result = run_cli("extract", work, "--strict")
    assert result.returncode == 2 and result.stdout == ""
    assert "actors[0] (match: 'Niemand Bestaat'): matches nothing" in result.stderr

    corrections_path(work).write_text("timeline:\n  - match: vrijdag\n    date: 2022-02-30\n", encoding="utf-8")
    result = run_cli("extract", work)
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert lines == [f"explainer: {corrections_path(work)}: line 3: timeline[0].date: invalid date "
                     "'2022-02-30' (write YYYY, YYYY-MM or YYYY-MM-DD, e.g. 2022-01-21)"]


# ------------------------------------------------------------------------------------------ site


def _site(work: Path, extra: str = "") -> Path:
    shutil.copytree(ROOT / "content", work / "content")
    conf = work / "pelicanconf.py"
    conf.write_text((ROOT / "pelicanconf.py").read_text(encoding="utf-8")
                    + f"\nPATH = {str(work / 'content')!r}\nTHEME = {str(ROOT / 'theme')!r}\n"
                    + f"EXPLAINER_CACHE_PATH = {str(work / 'cache')!r}\n" + extra, encoding="utf-8")
    return conf


@pytest.mark.slow
def test_site_build_reflects_corrections(targets, tmp_path, caplog, monkeypatch):
    from pelican.plugins.explainer.build.atomic import build_site

    monkeypatch.delenv("EXPLAINER_STRICT_CORRECTIONS", raising=False)
    conf = _site(tmp_path)
    article = tmp_path / "content" / SEED.name
    stale = '  - match: "Niemand Bestaat"\n    hide: true\n'
    corrections_path(article).write_text(targets.yaml(extra_actor=stale), encoding="utf-8")
    with caplog.at_level("WARNING"):
        output = build_site(conf, tmp_path / "output", search=False)
    assert any("actors[4] (match: 'Niemand Bestaat'): matches nothing" in r.getMessage() for r in caplog.records)
    assert not list(output.rglob("*.explainer.yaml")), "the corrections file is not published"
    site = output / "poetin-macron-oekraine"
    data = json.loads((site / "explainer.json").read_text(encoding="utf-8"))
    check_contract(data)
    new_id = slugify(targets.new_name)
    assert new_id in {a["id"] for a in data["actors"]}
    assert targets.hidden.id not in {a["id"] for a in data["actors"]}
    assert data["corrections"]

    # pages: the renamed actor has its page under the new id, the hidden one has none
    assert (site / "actoren" / new_id / "index.html").exists()
    assert not (site / "actoren" / targets.renamed.id).exists()
    assert not (site / "actoren" / targets.hidden.id).exists()
    actors_page = (site / "actoren" / "index.html").read_text(encoding="utf-8")
    assert targets.new_name in actors_page
    timeline_page = (site / "tijdlijn" / "index.html").read_text(encoding="utf-8")
    assert "Een gecorrigeerde samenvatting." in timeline_page and "Rusland valt Oekraïne binnen." in timeline_page
    quotes_page = (site / "citaten" / "index.html").read_text(encoding="utf-8")
    assert targets.quote_hidden.text not in quotes_page
    timeline_json = json.loads((site / "timeline.json").read_text(encoding="utf-8"))
    assert any(e["text"]["text"] == "Rusland valt Oekraïne binnen." for e in timeline_json["events"])

    methode_template = (ROOT / "generator" / "templates" / "explainer_method.html").read_text(encoding="utf-8")
    if "explainer_corrections.html" in methode_template:
        method = (site / "methode" / "index.html").read_text(encoding="utf-8")
        assert "explainer-corrections" in method and targets.new_name in method


@pytest.mark.slow
def test_site_build_strict_fails_on_stale_and_invalid(tmp_path, monkeypatch):
    from pelican.plugins.explainer.build.atomic import BuildError, build_site

    monkeypatch.setenv("EXPLAINER_STRICT_CORRECTIONS", "1")
    conf = _site(tmp_path)
    article = tmp_path / "content" / SEED.name
    corrections_path(article).write_text('actors:\n  - match: "Niemand Bestaat"\n    hide: true\n', encoding="utf-8")
    with pytest.raises(BuildError, match=r"actors\[0\] \(match: 'Niemand Bestaat'\): matches nothing"):
        build_site(conf, tmp_path / "output", search=False, strict=True)
    assert not (tmp_path / "output").exists()
    monkeypatch.delenv("EXPLAINER_STRICT_CORRECTIONS")
    corrections_path(article).write_text("quotes:\n  - match: x\n    speaker: [a, b]\n", encoding="utf-8")
    result = run_cli("build", "--settings", conf, "--output", tmp_path / "output", "--no-search")
    assert result.returncode == 2  # the article is published without its explainer
    assert result.stderr.strip().splitlines() == [
        f"explainer: 1 article(s) refused, the others published: {corrections_path(article)}: line 3: "
        "quotes[0].speaker: must be text"]
    assert not list((tmp_path / "output").rglob("explainer.json"))


def test_corrections_template_renders_applied_changes(raw, targets):
    from jinja2 import Environment, FileSystemLoader

    from pelican.plugins.explainer.site import i18n

    env = Environment(loader=FileSystemLoader([str(ROOT / "theme" / "templates"), str(ROOT / "generator" / "templates")]), autoescape=True)
    i18n.install(env, "nl")
    result = apply_corrections(raw, corrections_from(targets.yaml()))

    class FakeExplainer:
        corrections = result

    html = env.get_template("explainer_corrections.html").render(explainer=FakeExplainer())
    assert html.count('<li class="correction') == len(result.applied)
    assert targets.new_name in html and "Rusland valt Oekraïne binnen." in html
    assert env.get_template("explainer_corrections.html").render().strip() == ""

    class Plain:
        pass

    assert env.get_template("explainer_corrections.html").render(explainer=Plain()).strip() == ""


def test_merged_actors_keep_the_earlier_headline_position():
    from pelican.plugins.explainer.extraction.model import Actor, ArticleMeta

    text = "Gemeente Zwolle en wethouder Anna de Wit openen de brug. De Wit is blij."
    extraction = Extraction(article=ArticleMeta("brug", "Zwolle opent brug, De Wit blij", None), text=text, actors=[
        Actor("anna-de-wit", "Anna de Wit", "person", mentions=[(29, 40)], headline_position=3),
        Actor("de-wit", "De Wit", "person", mentions=[(57, 63)]),
        Actor("zwolle", "Gemeente Zwolle", "organisation", mentions=[(0, 15)], headline_position=0)])
    result = apply_corrections(extraction, corrections_from("actors:\n  - merge: [De Wit, Anna de Wit]\n"))
    by_id = {a.id: a for a in result.extraction.actors}
    assert sorted(by_id) == ["de-wit", "zwolle"]  # the first name wins, and takes the other's position
    assert by_id["de-wit"].headline_position == 3 and by_id["zwolle"].headline_position == 0
