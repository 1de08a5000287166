"""Incremental builds: unchanged articles' explainer pages are reused from the live site (see
generator/site/render_cache.py), the result is byte-identical to a build from scratch, and every kind
of change re-renders exactly what it must."""
from __future__ import annotations

import hashlib
import json
import re
import shutil
from pathlib import Path

import pytest

from pelican.plugins.explainer.build import atomic as build_module
from pelican.plugins.explainer.build import uptodate
from pelican.plugins.explainer.site import render_cache
from pelican.plugins.explainer.build import search as search_module
from pelican.plugins.explainer.site import explainer_generator, views
from pelican.plugins.explainer.build.atomic import BuildError, build_site

from conftest import DEV_ARTICLES, ROOT, require_shared

pytestmark = pytest.mark.slow  # builds whole sites (the fast tier: pytest -m "not slow")

N = 4


def tree(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture
def site(tmp_path, monkeypatch):
    """N dev articles (the last two in one dossier), a copy of the theme, settings pointing at them."""
    monkeypatch.setenv("EXPLAINER_SPACY_MODEL", "rules")
    monkeypatch.chdir(tmp_path)
    # these tests are about the render cache: every build runs, even one with nothing changed
    # (the short-circuit before it is tests/test_uptodate.py's)
    monkeypatch.setattr(uptodate, "stamp", lambda *args, **kwargs: None)
    content = tmp_path / "content"
    content.mkdir()
    for i, path in enumerate(sorted(require_shared(DEV_ARTICLES).glob("*.md"))[:N]):
        text = path.read_text(encoding="utf-8")
        header, _, body = text.partition("\n\n")
        header = re.sub(r"(?m)^(Slug|Dossier):.*\n?", "", header).rstrip("\n") + f"\nSlug: art-{i}"
        if i >= N - 2:
            header += "\nDossier: Samen"
        (content / f"art-{i}.md").write_text(header + "\n\n" + body, encoding="utf-8")
    shutil.copytree(ROOT / "theme", tmp_path / "theme")
    conf = tmp_path / "pelicanconf.py"
    conf.write_text((ROOT / "pelicanconf.py").read_text(encoding="utf-8")
                    + f"\nPATH = {str(content)!r}\nTHEME = {str(tmp_path / 'theme')!r}\n"
                    + f"EXPLAINER_CACHE_PATH = {str(tmp_path / 'cache')!r}\n", encoding="utf-8")
    render_cache.clear()
    yield tmp_path
    render_cache.clear()
    render_cache.discard_pending()


def build(site: Path, caplog, output="output", search=False) -> tuple[int, int]:
    """Build; (rendered, reused) explainers. (Not from the log: Pelican drops repeated messages.)"""
    render_cache.last_counts.clear()
    build_site(site / "pelicanconf.py", site / output, search=search)
    return render_cache.last_counts["rendered"], render_cache.last_counts["reused"]


def drop_spare(site: Path, output="output") -> None:
    """Delete the spare (the site before the live one, kept for the next build: render_cache.adopt_spare)."""
    shutil.rmtree(render_cache.spare_path(site / "cache", site / output), ignore_errors=True)


def scratch(site: Path, caplog, search=False) -> dict[str, str]:
    """The same site built from nothing (its own output folder and no spare: nothing to reuse)."""
    shutil.rmtree(site / "scratch", ignore_errors=True)
    drop_spare(site, "scratch")
    assert build(site, caplog, "scratch", search=search) == (N, 0)
    return tree(site / "scratch")


@pytest.mark.parametrize("search", [False, True], ids=["no-search", "search"])
def test_unchanged_rebuild_reuses_everything_and_is_identical(site, caplog, monkeypatch, search):
    monkeypatch.setattr(build_module, "_index_search", lambda staging, *_: None)  # search builds, without Pagefind
    build(site, caplog, search=search)
    first = tree(site / "output")
    assert any("/actoren/" in name for name in first)
    assert build(site, caplog, search=search) == (0, N)
    assert tree(site / "output") == first
    assert build(site, caplog, search=search) == (0, N)  # and again, from the reused site
    assert tree(site / "output") == first
    assert not (site / "output.staging").exists() and not (site / "output.previous").exists()
    assert not [p for p in (site / "output").rglob(".*")], "no hidden files in the site"


def test_link_mode_never_writes_through_to_the_previous_site(site, caplog, monkeypatch):
    monkeypatch.setattr(build_module, "_index_search", lambda staging, *_: None)
    build(site, caplog, search=True)
    (site / "content" / "art-0.md").write_text((site / "content" / "art-0.md").read_text(encoding="utf-8")
                                               + "\nJan Peeters zei dinsdag iets nieuws.\n", encoding="utf-8")
    assert build(site, caplog, search=True) == (1, N - 1)
    assert tree(site / "output") == scratch(site, caplog)


def test_one_changed_article_is_rendered_alone_and_matches_a_scratch_build(site, caplog):
    build(site, caplog)
    before = tree(site / "output")
    path = site / "content" / "art-1.md"
    path.write_text(path.read_text(encoding="utf-8") + "\nDe minister zei dinsdag dat het debat verdergaat.\n",
                    encoding="utf-8")
    assert build(site, caplog) == (1, N - 1)
    after = tree(site / "output")
    changed = {name for name in after if before.get(name) != after[name]}
    assert any(name.startswith("art-1/") for name in changed)
    assert not any(name.startswith(("art-0/", "art-2/", "art-3/")) for name in changed)
    assert after == scratch(site, caplog)


def override_template(site: Path, name: str) -> None:
    """The site's theme overrides the plugin's template ``name`` with a marked copy (<!-- nieuw -->)."""
    packaged = render_cache.PACKAGE_DIR / "templates" / name
    (site / "theme" / "templates" / name).write_text(
        packaged.read_text(encoding="utf-8").replace("{% block explainer %}", "{% block explainer %}<!-- nieuw -->"),
        encoding="utf-8")


def test_template_change_renders_everything(site, caplog):
    """A theme that overrides one of the plugin's templates: every explainer is rendered again."""
    build(site, caplog)
    override_template(site, "explainer_timeline.html")
    render_cache.clear()
    assert build(site, caplog) == (N, 0)
    assert "<!-- nieuw -->" in (site / "output" / "art-0" / "tijdlijn" / "index.html").read_text(encoding="utf-8")


@pytest.mark.parametrize("search", [False, True], ids=["no-search", "search"])
def test_a_re_rendered_explainer_keeps_its_share_image_unless_the_card_changed(site, caplog, monkeypatch, search):
    """Drawing a share card costs more than rendering the explainer's pages: a template change
    renders every page again but links each unchanged card from the live site; a new site name is
    on every card, so all are drawn again. Both builds equal a build from scratch."""
    monkeypatch.setattr(build_module, "_index_search", lambda staging, *_: None)  # search builds, without Pagefind
    build(site, caplog, search=search)
    drawn, draw = [], explainer_generator.card_png
    monkeypatch.setattr(explainer_generator, "card_png", lambda card: drawn.append(card) or draw(card))
    override_template(site, "explainer_quotes.html")
    render_cache.clear()
    assert build(site, caplog, search=search) == (N, 0)
    assert drawn == []
    conf = site / "pelicanconf.py"
    conf.write_text(conf.read_text(encoding="utf-8") + 'SITENAME = "De Uitlegkrant"\n', encoding="utf-8")
    assert build(site, caplog, search=search) == (N, 0)
    assert len(drawn) == N and all(card.site_name == "De Uitlegkrant" for card in drawn)
    assert tree(site / "output") == scratch(site, caplog, search=search)


def test_static_file_change_renders_everything(site, caplog):
    build(site, caplog)
    css = next((site / "theme" / "static").rglob("*.js"))
    css.write_text(css.read_text(encoding="utf-8") + "\n/* nieuw */\n", encoding="utf-8")
    render_cache.clear()
    assert build(site, caplog) == (N, 0)


def test_code_change_under_generator_site_renders_everything(site, caplog, monkeypatch, tmp_path):
    build(site, caplog)
    code = tmp_path / "site-code"
    shutil.copytree(render_cache.SITE_DIR, code, ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setattr(render_cache, "SITE_DIR", code)
    render_cache.clear()
    assert build(site, caplog) == (0, N)  # the same code: still reused
    (code / "views.py").write_text((code / "views.py").read_text(encoding="utf-8") + "\n# changed\n",
                                   encoding="utf-8")
    render_cache.clear()
    assert build(site, caplog) == (N, 0)
    po = next(code.rglob("*.po"))
    po.write_text(po.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    render_cache.clear()
    assert build(site, caplog) == (N, 0)


@pytest.mark.parametrize("line", ['SITEURL = "https://example.org"', "RELATIVE_URLS = False",
                                  'EXPLAINER_UI_LANG = "en"', 'SITENAME = "Andere naam"'])
def test_settings_change_renders_everything_and_matches_scratch(site, caplog, line):
    build(site, caplog)
    conf = site / "pelicanconf.py"
    conf.write_text(conf.read_text(encoding="utf-8") + line + "\n", encoding="utf-8")
    assert build(site, caplog) == (N, 0)
    assert tree(site / "output") == scratch(site, caplog)


def test_corrections_file_change_renders_that_article(site, caplog):
    build(site, caplog)
    data = (site / "output" / "art-0" / "explainer.json").read_text(encoding="utf-8")
    name = re.search(r'"name": "([^"]+)"', data).group(1)
    corrections = site / "content" / "art-0.explainer.yaml"
    corrections.write_text(f'actors:\n  - match: "{name}"\n    name: "Iemand Anders"\n', encoding="utf-8")
    assert build(site, caplog) == (1, N - 1)
    assert "Iemand Anders" in (site / "output" / "art-0" / "explainer.json").read_text(encoding="utf-8")
    assert tree(site / "output") == scratch(site, caplog)
    corrections.unlink()
    # undone: the spare (the site before the live one) still holds art-0 as it was, nothing is rendered
    assert build(site, caplog) == (0, N)
    assert tree(site / "output") == scratch(site, caplog)


def test_dossier_change_renders_its_members(site, caplog):
    build(site, caplog)
    path = site / "content" / "art-0.md"
    header, _, body = path.read_text(encoding="utf-8").partition("\n\n")
    path.write_text(header + "\nDossier: Samen\n\n" + body, encoding="utf-8")
    # art-0 joins (its metadata changed); art-2 and art-3 now show a dossier of 3 articles
    assert build(site, caplog) == (3, 1)
    assert tree(site / "output") == scratch(site, caplog)
    conf = site / "pelicanconf.py"
    conf.write_text(conf.read_text(encoding="utf-8") + 'EXPLAINER_DOSSIER_TITLES = {"samen": "Een titel"}\n', encoding="utf-8")
    assert build(site, caplog)[1] == 0  # a setting: everything


def test_missing_files_are_rendered_again(site, caplog):
    build(site, caplog)
    drop_spare(site)  # the live site is then the only place to reuse from
    shutil.rmtree(site / "output" / "art-2" / "citaten")
    assert build(site, caplog) == (1, N - 1)
    assert tree(site / "output") == scratch(site, caplog)


def test_the_spare_keeps_unchanged_explainers_in_place_and_loses_the_others(site, caplog):
    """The site before the live one becomes the next build's staging folder: unchanged explainers
    stay (no link, no render), a changed one is rendered, one whose file went missing from the
    spare comes from the live site, and files of no current explainer are gone."""
    build(site, caplog)
    spare = render_cache.spare_path(site / "cache", site / "output")
    assert (spare / "art-1" / "index.html").samefile(site / "output" / "art-1" / "index.html")  # seeded by links
    (spare / "art-3" / "explainer.json").unlink()
    (spare / "weg").mkdir()
    (spare / "weg" / "index.html").write_text("oud", encoding="utf-8")
    path = site / "content" / "art-0.md"
    path.write_text(path.read_text(encoding="utf-8") + "\n\nDe minister zei dinsdag dat het debat verdergaat.\n",
                    encoding="utf-8")
    assert build(site, caplog) == (1, N - 1)
    assert not (site / "output" / "weg").exists()
    assert tree(site / "output") == scratch(site, caplog)
    # the old live site is the spare now: art-0 there is the old page, so the build after takes it from the live site
    assert not (spare / "art-0" / "index.html").samefile(site / "output" / "art-0" / "index.html")
    assert build(site, caplog) == (0, N)
    assert tree(site / "output") == scratch(site, caplog)


def test_a_replaced_output_folder_is_not_trusted(site, caplog):
    build(site, caplog)
    drop_spare(site)
    shutil.copytree(site / "output", site / "copy")
    shutil.rmtree(site / "output")
    (site / "copy").rename(site / "output")
    assert build(site, caplog) == (N, 0)


def test_failed_build_keeps_the_site_and_the_next_build_reuses_it(site, caplog):
    build(site, caplog)
    before = tree(site / "output")
    bad = site / "content" / "kapot.md"
    bad.write_bytes("Title: Kapot\nDate: 2022-01-28\n\nCaf\xe9\n".encode("cp1252"))
    with pytest.raises(BuildError):
        build_site(site / "pelicanconf.py", site / "output", search=False, strict=True)
    assert tree(site / "output") == before
    bad.unlink()
    assert build(site, caplog) == (0, N)
    assert tree(site / "output") == before


def test_no_change_rebuild_renders_no_page_of_an_article_yet_announces_each_once(site, caplog):
    """The overview (<slug>/index.html) belongs to the reused files too: nothing under an article's
    folder is rendered again, yet it is all there and the same, and Pelican's ``content_written``
    is sent once for every page, reused or not (sitemap and search plugins listen to it)."""
    from pelican import signals

    build(site, caplog)
    first = tree(site / "output")
    written: list[str] = []

    def record(path, context=None):
        assert context is not None and context["output_file"] == str(Path(path).relative_to(site / "output.staging"))
        written.append(context["output_file"])

    signals.content_written.connect(record)
    try:
        assert build(site, caplog) == (0, N)
    finally:
        signals.content_written.disconnect(record)
    pages = sorted(name for name in first if name.startswith("art-") and name.endswith(".html"))
    assert sorted(p for p in written if p.startswith("art-")) == pages
    assert tree(site / "output") == first


def test_a_no_change_rebuild_builds_no_template_data_outside_the_dossier(site, caplog, monkeypatch):
    build(site, caplog)
    built: list[str] = []
    real = views.build_explainer
    monkeypatch.setattr(views, "build_explainer",
                        lambda extraction, *args, **kwargs: (built.append(extraction.article.slug),
                                                             real(extraction, *args, **kwargs))[1])
    assert build(site, caplog) == (0, N)
    assert set(built) <= {f"art-{i}" for i in range(N - 2, N)}, "only the dossier's pages read its members"


def test_a_missing_overview_is_rendered_again(site, caplog):
    build(site, caplog)
    drop_spare(site)
    (site / "output" / "art-2" / "index.html").unlink()
    assert build(site, caplog) == (1, N - 1)
    assert tree(site / "output") == scratch(site, caplog)


def test_an_edit_that_keeps_the_file_time_is_still_read(site, caplog):
    """Pelican's reader cache checks each file by content hash, not by its modification time."""
    build(site, caplog)
    path = site / "content" / "art-1.md"
    stat = path.stat()
    text = path.read_text(encoding="utf-8")
    header, _, body = text.partition("\n\n")
    path.write_text(re.sub(r"(?m)^Title:.*$", "Title: Een nieuwe titel", header) + "\n\n" + body, encoding="utf-8")
    import os

    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert build(site, caplog) == (1, N - 1)
    assert "Een nieuwe titel" in (site / "output" / "art-1" / "index.html").read_text(encoding="utf-8")
    assert tree(site / "output") == scratch(site, caplog)


def test_reader_cache_follows_the_settings(site, caplog):
    """Pelican's reader cache does not know the settings its readers used: a setting that changes
    how articles are read (here the time zone of their dates) gets a cache of its own, and only a
    few settings' caches are kept."""
    build(site, caplog)
    caches = site / ".cache" / "pelican"
    seen = {p.name for p in caches.glob("pelican-*")}
    assert len(seen) == 1
    conf = site / "pelicanconf.py"
    original = conf.read_text(encoding="utf-8")
    for zone in ["America/New_York", "Asia/Tokyo", "UTC", "Europe/Lisbon"]:
        conf.write_text(original + f'TIMEZONE = "{zone}"\n', encoding="utf-8")
        build(site, caplog)
        new = {p.name for p in caches.glob("pelican-*")} - seen
        assert len(new) == 1 and any((caches / name).glob("ArticlesGenerator*") for name in new)
        seen |= new
    assert len(list(caches.glob("pelican-*"))) == build_module._READER_CACHES_KEPT


def test_search_shards_are_indexed_again_only_when_their_pages_changed(site, caplog, monkeypatch):
    pytest.importorskip("pagefind")
    monkeypatch.setattr(search_module, "PAGES_PER_SHARD", 8)  # the four explainers' pages over several shards
    build(site, caplog, search=True)
    counts = search_module.last_counts
    listing = json.loads((site / "output" / "pagefind" / search_module.SHARDS_FILE).read_text(encoding="utf-8"))
    assert [s["bundle"] for s in listing["shards"]] == sorted((s["bundle"] for s in listing["shards"]),
                                                              key=lambda b: int(b.rstrip("/")))
    assert 1 < counts["shards"] == counts["indexed"] == len(listing["shards"])
    first = tree(site / "output")
    assert build(site, caplog, search=True) == (0, N)
    assert search_module.last_counts["indexed"] == 0, "nothing changed: Pagefind is not run again"
    assert tree(site / "output") == first
    path = site / "content" / "art-1.md"
    path.write_text(path.read_text(encoding="utf-8") + "\nDe minister zei dinsdag dat het debat verdergaat.\n",
                    encoding="utf-8")
    assert build(site, caplog, search=True) == (1, N - 1)
    counts = search_module.last_counts
    assert counts["indexed"] == 1 < counts["shards"], "only the changed explainer's shard is indexed again"
    assert 0 < counts["read"] < counts["pages"] / 2, "only the re-rendered pages are read again"
    assert tree(site / "output" / "pagefind") == {
        k.removeprefix("pagefind/"): v for k, v in scratch(site, caplog, search=True).items() if k.startswith("pagefind/")}
    build(site, caplog, search=False)
    assert not (site / "output" / "pagefind").exists()
    build(site, caplog, search=True)
    assert search_module.last_counts["indexed"] == search_module.last_counts["shards"]


@pytest.mark.parametrize("damage", ["no index", "empty index"])
def test_a_missing_or_empty_search_index_fails_the_build(site, caplog, monkeypatch, damage):
    pytest.importorskip("pagefind")
    build(site, caplog, search=True)
    before = tree(site / "output")
    path = site / "content" / "art-1.md"
    path.write_text(path.read_text(encoding="utf-8") + "\nDe minister zei dat niet.\n", encoding="utf-8")

    async def broken(folder, records):
        if damage == "empty index":
            folder.mkdir(parents=True)
            (folder / "pagefind-entry.json").write_text("{}", encoding="utf-8")

    monkeypatch.setattr(search_module, "_write_index", broken)
    with pytest.raises(BuildError, match="search index"):  # no readable entry, or none of the pages
        build(site, caplog, search=True)
    assert tree(site / "output") == before  # the live site is untouched
