"""Dossiers: articles sharing a ``Dossier:`` value, with one actor identity and one merged timeline.

The site is built once per session from copies of the MEANTIME dev articles (with the Dossier value
from TOPICS.tsv) and of the seed article (a dossier of its own), in rules mode (fast, deterministic).
"""
from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pytest

from pelican.plugins.explainer.dossier.dossiers import build_dossier, dossier_title
from pelican.plugins.explainer.dossier.timeline import merge_timeline
from pelican.plugins.explainer.dossier.names import names_compatible, person_name
from pelican.plugins.explainer.dossier.identity import resolve_actors
from pelican.plugins.explainer.extraction.model import Actor, ArticleMeta, Extraction, KeyFigure, TimelineEntry
from pelican.plugins.explainer.formats.dates import sort_key

pytestmark = pytest.mark.slow  # builds whole sites (the fast tier: pytest -m "not slow")


ROOT = Path(__file__).resolve().parent.parent
DEV_ARTICLES = ROOT.parent / "shared" / "data" / "meantime-nl-dev"
DOSSIER_SCHEMA = ROOT / "docs" / "dossier.schema.json"
TOPICS = ("boeing-airbus", "apple", "general-motors", "beurzen")
SEED_DOSSIER = "Oorlog in Oekraïne"


def _with_dossier(source: str, value: str) -> str:
    first, rest = source.split("\n", 1)
    return f"{first}\nDossier: {value}\n{rest}"


@pytest.fixture(scope="session")
def dossier_site(tmp_path_factory) -> Path:
    from pelican.plugins.explainer.build.atomic import build_site

    topics_file = DEV_ARTICLES / "TOPICS.tsv"
    if not topics_file.exists():
        pytest.skip(f"{topics_file} is absent")
    work = tmp_path_factory.mktemp("dossiers")
    content = work / "content"
    content.mkdir()
    for line in topics_file.read_text(encoding="utf-8").splitlines()[1:]:
        name, topic = line.split("\t")
        source = (DEV_ARTICLES / name).read_text(encoding="utf-8")
        (content / name).write_text(_with_dossier(source, topic), encoding="utf-8")
    seed = ROOT / "content" / "poetin-macron-oekraine.md"
    (content / seed.name).write_text(_with_dossier(seed.read_text(encoding="utf-8"), SEED_DOSSIER),
                                     encoding="utf-8")
    conf = work / "pelicanconf.py"
    conf.write_text((ROOT / "pelicanconf.py").read_text(encoding="utf-8")
                    + f"\nPATH = {str(content)!r}\nTHEME = {str(ROOT / 'theme')!r}\n"
                    + f"EXPLAINER_CACHE_PATH = {str(work / 'cache')!r}\n"
                    + "EXPLAINER_SPACY_MODEL = 'rules'\n"
                    + "EXPLAINER_DOSSIER_TITLES = {'beurzen': 'Beurzen in de kredietcrisis'}\n", encoding="utf-8")
    return build_site(conf, work / "output", search=False)


def _data(site: Path, slug: str) -> dict:
    return json.loads((site / "dossiers" / slug / "dossier.json").read_text(encoding="utf-8"))


def _actor(data: dict, name: str) -> dict:
    """The one dossier actor called ``name`` or using it as an alias (fails if there are several)."""
    found = [a for a in data["actors"] if a["name"] == name or name in a["aliases"]]
    assert len(found) == 1, (name, [(a["id"], a["name"]) for a in found])
    return found[0]


def _mention_articles(actor: dict) -> set[str]:
    return {m["article"] for m in actor["mentions"]}


# ----------------------------------------------------------------------------- the built site

def test_every_dossier_builds(dossier_site):
    for slug in TOPICS + ("oorlog-in-oekraine",):
        folder = dossier_site / "dossiers" / slug
        for page in ("index.html", "tijdlijn/index.html", "actoren/index.html", "citaten/index.html",
                     "dossier.json", "timeline.json", "share.png"):
            assert (folder / page).is_file(), f"{slug}/{page}"
        data = _data(dossier_site, slug)
        for actor in data["actors"]:
            assert (folder / "actoren" / actor["id"] / "index.html").is_file()
    assert len(_data(dossier_site, "apple")["dossier"]["articles"]) == 10
    assert (dossier_site / "dossiers" / "index.html").is_file()


def test_dossier_json_matches_its_schema(dossier_site):
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads(DOSSIER_SCHEMA.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    for slug in TOPICS + ("oorlog-in-oekraine",):
        data = _data(dossier_site, slug)
        jsonschema.validate(data, schema)
        ids = [a["id"] for a in data["actors"]]
        assert len(ids) == len(set(ids))
        known = set(ids)
        assert all(q["speaker"] in known for q in data["quotes"] if q["speaker"])
        assert all(a in known for t in data["timeline"] for a in t["actors"])
        articles = set(data["dossier"]["articles"])
        assert {m["article"] for a in data["actors"] for m in a["mentions"]} <= articles
        assert {q["article"] for q in data["quotes"]} <= articles


def test_offsets_point_into_each_articles_text(dossier_site):
    data = _data(dossier_site, "apple")
    texts = {slug: json.loads((dossier_site / slug / "explainer.json").read_text(encoding="utf-8"))["text"]
             for slug in data["dossier"]["articles"]}
    for quote in data["quotes"]:
        assert texts[quote["article"]][quote["start"]:quote["end"]] == quote["text"]
    for event in data["timeline"]:
        for source in event["sources"]:
            assert texts[source["article"]][source["start"]:source["end"]] == source["expression"]


def test_titles(dossier_site):
    assert _data(dossier_site, "general-motors")["dossier"]["title"] == "General Motors"
    assert _data(dossier_site, "beurzen")["dossier"]["title"] == "Beurzen in de kredietcrisis"  # DOSSIER_TITLES
    assert _data(dossier_site, "oorlog-in-oekraine")["dossier"]["title"] == SEED_DOSSIER


@pytest.mark.parametrize("dossier, names", [
    ("boeing-airbus", ["Boeing"]),
    ("boeing-airbus", ["Airbus"]),
    ("apple", ["Steve Jobs", "Jobs"]),
    ("apple", ["Apple", "Apple Computer", "Apple Inc."]),
    ("general-motors", ["General Motors", "GM"]),
])
def test_recurring_actors_are_one_actor(dossier_site, dossier, names):
    data = _data(dossier_site, dossier)
    actors = {_actor(data, name)["id"] for name in names}
    assert len(actors) == 1, actors
    actor = _actor(data, names[0])
    assert len(_mention_articles(actor)) >= 2
    assert len({s["article"] for s in actor["sources"]}) == len(_mention_articles(actor))


def test_no_false_merges(dossier_site):
    boeing = _data(dossier_site, "boeing-airbus")
    assert _actor(boeing, "Boeing")["id"] != _actor(boeing, "Airbus")["id"]
    apple = _data(dossier_site, "apple")
    # the Beatles' Apple Corps is not Apple Computer; two Steves are two people
    assert _actor(apple, "Apple Corps")["id"] != _actor(apple, "Apple")["id"]
    assert _actor(apple, "Steve Jobs")["id"] != _actor(apple, "Steve Wozniak")["id"]
    for data in (boeing, apple):
        for actor in data["actors"]:
            kinds = {actor["kind"]}
            assert len(kinds) == 1
            # no actor unites two different full names of people with different first names
            if actor["kind"] == "person":
                firsts = {person_name(n).first for n in [actor["name"], *actor["aliases"]] if person_name(n).full}
                assert len(firsts) <= 1, (actor["name"], actor["aliases"])


def test_merged_timeline_spans_the_articles_and_is_sorted(dossier_site):
    for slug in TOPICS:
        data = _data(dossier_site, slug)
        years = set()
        for article in data["dossier"]["articles"]:
            article_data = json.loads((dossier_site / article / "explainer.json").read_text(encoding="utf-8"))
            years |= {int(t["date"].lstrip("-")[:4]) for t in article_data["timeline"]}
        dates = [t["date"] for t in data["timeline"]]
        merged_years = {int(d.lstrip("-")[:4]) for d in dates}
        assert (min(merged_years), max(merged_years)) == (min(years), max(years))
        assert dates == sorted(dates, key=sort_key)
        assert {s["article"] for t in data["timeline"] for s in t["sources"]} > {data["timeline"][0]["article"]}
        js = json.loads((dossier_site / "dossiers" / slug / "timeline.json").read_text(encoding="utf-8"))
        assert len(js["events"]) == len(data["timeline"])


def test_seed_dossier_with_one_article(dossier_site):
    data = _data(dossier_site, "oorlog-in-oekraine")
    assert data["dossier"]["articles"] == ["poetin-macron-oekraine"]
    assert data["actors"] and data["quotes"] and data["timeline"]
    page = (dossier_site / "dossiers" / "oorlog-in-oekraine" / "index.html").read_text(encoding="utf-8")
    assert "../../poetin-macron-oekraine/" in page
    citaten = (dossier_site / "dossiers" / "oorlog-in-oekraine" / "citaten" / "index.html").read_text(encoding="utf-8")
    assert re.search(r'href="\.\./\.\./\.\./poetin-macron-oekraine/artikel/#q\d+"', citaten)


def test_actor_page_links_every_article(dossier_site):
    data = _data(dossier_site, "apple")
    jobs = _actor(data, "Steve Jobs")
    page = (dossier_site / "dossiers" / "apple" / "actoren" / jobs["id"] / "index.html").read_text(encoding="utf-8")
    for article in _mention_articles(jobs):
        assert f"../../../../{article}/artikel/#" in page


def test_dossier_links_resolve(dossier_site):
    """Every relative link and anchor on the dossier pages points at a page (and id) that exists."""
    pages = list((dossier_site / "dossiers").rglob("index.html"))
    ids_cache: dict[Path, set] = {}
    for page in pages:
        html = page.read_text(encoding="utf-8")
        for href in re.findall(r'href="([^"#]*)(?:#([^"]*))?"', html):
            url, anchor = href
            if url.startswith(("http", "mailto:")) or (not url and not anchor):
                continue
            target = (page.parent / url).resolve() if url else page
            if target.is_dir():
                target = target / "index.html"
            assert target.exists(), f"{page.relative_to(dossier_site)} → {url}"
            if anchor and target.suffix == ".html":
                ids = ids_cache.setdefault(target, set(re.findall(r'id="([^"]+)"', target.read_text(encoding="utf-8"))))
                assert anchor in ids, f"{page.relative_to(dossier_site)} → {url}#{anchor}"


# ----------------------------------------------------------------------------- pure functions

def _extraction(slug, date, actors=(), timeline=()):
    return Extraction(article=ArticleMeta(slug=slug, title=slug, date=dt.date.fromisoformat(date)),
                      text="x" * 200, actors=list(actors), timeline=list(timeline))


def _person(id_, name, aliases=(), kind="person"):
    return Actor(id=id_, name=name, kind=kind, aliases=list(aliases), mentions=[(0, 1)])


def test_person_names():
    assert person_name("William Clay Ford Jr.") == person_name("William Clay Ford")
    assert person_name("Jan van der Veer").surname == "van der veer"
    assert not person_name("Obama").full
    assert names_compatible(person_name("Michael M. Sears"), person_name("Michael Sears"))
    assert names_compatible(person_name("M. Sears"), person_name("Michael Sears"))
    assert not names_compatible(person_name("Michael Sears"), person_name("Martin Sears"))


def test_surname_matches_only_when_unambiguous():
    one = _extraction("a", "2020-01-01", [_person("barack-obama", "Barack Obama")])
    two = _extraction("b", "2020-02-01", [_person("michelle-obama", "Michelle Obama")])
    three = _extraction("c", "2020-03-01", [_person("obama", "Obama")])
    actors, mapping, conflicts = resolve_actors([one, two, three])
    assert len(actors) == 3
    assert {c["type"] for c in conflicts} == {"first-name", "ambiguous-surname"}
    actors, mapping, conflicts = resolve_actors([one, three])
    assert mapping[("a", "barack-obama")] == mapping[("c", "obama")] and not conflicts


def test_kinds_and_shared_first_names_stay_apart():
    one = _extraction("a", "2020-01-01", [_person("ford", "Ford", kind="organisation"),
                                          _person("steve-jobs", "Steve Jobs")])
    two = _extraction("b", "2020-02-01", [_person("ford", "Ford"), _person("steve-wozniak", "Steve Wozniak")])
    actors, mapping, conflicts = resolve_actors([one, two])
    assert len(actors) == 4
    assert any(c["type"] == "kind" for c in conflicts)


def test_acronyms_and_aliases():
    one = _extraction("a", "2020-01-01", [_person("general-motors", "General Motors", kind="organisation"),
                                          _person("vs", "Verenigde Staten", kind="country")])
    two = _extraction("b", "2020-02-01", [_person("gm", "GM", kind="organisation"),
                                          _person("v-s", "V.S.", kind="country"),
                                          _person("gmac", "GMAC", kind="organisation")])
    actors, mapping, _ = resolve_actors([one, two])
    assert mapping[("a", "general-motors")] == mapping[("b", "gm")] != mapping[("b", "gmac")]
    assert mapping[("a", "vs")] == mapping[("b", "v-s")]


def test_same_event_in_two_articles_appears_once():
    def entry(id_, date, summary, actors, precision="day"):
        return TimelineEntry(id=id_, date=date, precision=precision, expression=date, start=0, end=4,
                             summary=summary, actors=actors)

    boeing = _person("boeing", "Boeing", kind="organisation")
    one = _extraction("a", "2008-03-01", [boeing], [entry("t1", "2008-02-29", "Het contract gaat naar Northrop.", ["boeing"]),
                                                    entry("t2", "2006", "Boeing won een order.", ["boeing"], "year")])
    two = _extraction("b", "2008-07-02", [boeing], [entry("t1", "2008-02-29", "De luchtmacht koos anders.", ["boeing"]),
                                                    entry("t2", "2006", "Het Pentagon gunde Boeing toen een contract.", ["boeing"], "year"),
                                                    entry("t3", "2001", "Iets anders.", [])])
    dossier = build_dossier("test", [two, one])
    days = [t for t in dossier.timeline if t.date == "2008-02-29"]
    assert len(days) == 1 and days[0].articles == ["a", "b"]
    assert len([t for t in dossier.timeline if t.date == "2006"]) == 2  # same year, same actor: too weak
    assert [t.date for t in dossier.timeline] == ["2001", "2006", "2006", "2008-02-29"]
    assert merge_timeline([one], {}) and dossier.timeline[0].id == "t1"


def test_one_year_and_actor_merge_only_with_a_key_figure_both_reports_share():
    """The shared figure comes from the extraction's key figures (the figures pipe): their values agree
    however the text writes them ("1.200", "1200"); the summaries alone are too different to merge."""
    def article(slug, sentence, number, value):
        at = sentence.index(number)
        figure = KeyFigure(text=number, number=number, phrase="", value=value, start=at, end=at + len(number))
        entry = TimelineEntry(id="t1", date="2019", precision="year", expression="In 2019", start=0, end=7,
                              summary=sentence, actors=["bouwbedrijf"])
        return Extraction(article=ArticleMeta(slug=slug, title=slug, date=dt.date(2020, 1, 1)), text=sentence,
                          sentences=[(0, len(sentence))], actors=[_person("bouwbedrijf", "Bouwbedrijf", kind="organisation")],
                          timeline=[entry], figures=[figure])

    one = article("a", "In 2019 bouwde het Bouwbedrijf 1.200 woningen in Almere.", "1.200 woningen", 1200)
    same = article("b", "In 2019 kwamen er dankzij de aannemer 1200 nieuwe huizen bij.", "1200 nieuwe huizen", 1200)
    other = article("c", "In 2019 ontsloeg het Bouwbedrijf 80 mensen.", "80 mensen", 80)
    assert [len(e.sources) for e in merge_timeline([one, same], {})] == [2]
    assert [len(e.sources) for e in merge_timeline([one, other], {})] == [1, 1]


def test_dossier_title():
    assert dossier_title("general-motors") == "General Motors"
    assert dossier_title("Oorlog in Oekraïne") == "Oorlog in Oekraïne"
    assert dossier_title("beurzen", {"beurzen": "Beurzen"}) == "Beurzen"
