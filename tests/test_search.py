"""The search index in shards: which page goes where, when a shard must be indexed again, and what a
rebuild reads (generator/build/search.py). Pagefind itself runs in tests/test_incremental.py."""
from __future__ import annotations

import os

import pytest

from pelican.plugins.explainer.build import search

ACTOR = ('<!DOCTYPE html><html lang="nl"><body><nav>Menu</nav><main data-pagefind-body>'
         '<h1>Marieke Vos</h1><p>Wethouder van Zwolle.</p></main></body></html>')
PLAIN = '<!DOCTYPE html><html lang="nl"><body><p>Alle uitleggers</p></body></html>'


def _site(root, explainers: int, pages_each: int = 3):
    for n in range(explainers):
        for p in range(pages_each):
            page = root / f"uitleg-{n}" / f"pagina-{p}" / "index.html"
            page.parent.mkdir(parents=True, exist_ok=True)
            page.write_text(ACTOR.replace("Zwolle", f"Zwolle {n}.{p}"), encoding="utf-8")
    (root / "index.html").write_text(PLAIN, encoding="utf-8")


def test_the_shards_double_as_the_site_grows_and_stop_at_the_maximum():
    per = search.PAGES_PER_SHARD
    assert search.shard_count(0) == search.shard_count(per) == 1
    assert search.shard_count(per + 1) == 2
    assert search.shard_count(4 * per + 1) == 8
    assert search.shard_count(1000 * per) == search.MAX_SHARDS


def test_all_pages_of_one_explainer_share_a_shard():
    for count in (1, 2, 16):
        shards = {search.shard_of(f"vos-zwolle/{name}", count)
                  for name in ("index.html", "tijdlijn/index.html", "actoren/marieke-vos/index.html")}
        assert len(shards) == 1 and 0 <= shards.pop() < count


def test_a_changed_page_changes_only_its_own_shards_key(tmp_path, monkeypatch):
    monkeypatch.setattr(search, "PAGES_PER_SHARD", 6)
    _site(tmp_path, explainers=8)
    before = search.plan_shards(search.scan(tmp_path, {}))[1]
    assert len(before) > 1 and sum(len(s["pages"]) for s in before) == 24  # the plain index page has no body
    page = tmp_path / "uitleg-5" / "pagina-1" / "index.html"
    page.write_text(ACTOR.replace("Zwolle", "Deventer"), encoding="utf-8")
    after = search.plan_shards(search.scan(tmp_path, {}))[1]
    changed = [a["bundle"] for a, b in zip(after, before) if a["key"] != b["key"]]
    assert [s["bundle"] for s in after] == [s["bundle"] for s in before]
    assert changed == [f"{search.shard_of('uitleg-5/pagina-1/index.html', search.shard_count(24))}/"]


def test_a_page_with_the_same_identity_is_not_read_again(tmp_path):
    _site(tmp_path, explainers=2)
    first = search.scan(tmp_path, {})
    assert search.last_counts == {"pages": 7, "read": 7}
    page = tmp_path / "uitleg-1" / "pagina-0" / "index.html"
    page.write_text(ACTOR.replace("Zwolle", "Kampen"), encoding="utf-8")
    os.utime(page, ns=(1, 1))  # surely another identity than before
    second = search.scan(tmp_path, first)
    assert search.last_counts == {"pages": 7, "read": 1}
    assert second["uitleg-1/pagina-0/index.html"][3] != first["uitleg-1/pagina-0/index.html"][3]


def test_without_any_body_marker_every_page_is_indexed_whole(tmp_path):
    (tmp_path / "a.html").write_text(PLAIN, encoding="utf-8")
    (tmp_path / "b.html").write_text(PLAIN.replace("Alle", "Geen"), encoding="utf-8")
    whole, shards = search.plan_shards(search.scan(tmp_path, {}))
    assert whole and [s["pages"] for s in shards] == [["a.html", "b.html"]]
    assert search.record_of((tmp_path / "a.html").read_bytes(), whole=True) == PLAIN


def test_a_record_keeps_the_language_and_only_the_marked_body():
    record = search.record_of(ACTOR.encode())
    assert record.startswith('<!DOCTYPE html><html lang="nl"><body><main data-pagefind-body>')
    assert "Menu" not in record and "Wethouder van Zwolle." in record
    assert search.record_of(PLAIN.encode()) is None


def _bundle(folder, pages: int):
    """A shard's folder as Pagefind writes it: entry file, one fragment a page, an index chunk, UI files."""
    (folder / "fragment").mkdir(parents=True)
    (folder / "index").mkdir()
    (folder / "pagefind-entry.json").write_text(
        '{"version": "1.5.2", "languages": {"nl": {"hash": "nl_1", "wasm": "nl", "page_count": %d}}}' % pages,
        encoding="utf-8")
    for n in range(pages):
        (folder / "fragment" / f"nl_{n}.pf_fragment").write_bytes(b"\x1f\x8b fragment")
    (folder / "index" / "nl_0.pf_index").write_bytes(b"\x1f\x8b chunk")
    (folder / "pagefind-modular-ui.css").write_text(":root { --pagefind-ui-scale: 0.8; }", encoding="utf-8")


def test_a_whole_shard_passes_the_check(tmp_path):
    _bundle(tmp_path / "0", 3)
    search.check_index(tmp_path / "0", 3)


def test_a_shard_with_a_file_left_empty_fails_the_check(tmp_path):
    _bundle(tmp_path / "0", 3)
    (tmp_path / "0" / "pagefind-modular-ui.css").write_bytes(b"")
    with pytest.raises(search.SearchIndexError, match="pagefind/0/pagefind-modular-ui.css empty"):
        search.check_index(tmp_path / "0", 3)
