"""Reading articles: metadata, plain text, blocks and clear errors."""
from __future__ import annotations

import datetime as dt

import pytest

from pelican.plugins.explainer.errors import InputError
from pelican.plugins.explainer.extraction.reading import read_article, slugify


def write(tmp_path, name, text, encoding="utf-8"):
    path = tmp_path / name
    path.write_bytes(text.encode(encoding) if isinstance(text, str) else text)
    return path


def test_markdown_header_body_and_headings(tmp_path):
    path = write(tmp_path, "a.md", "Title: Een titel\nDate: 2022-01-28\nSlug: een-titel\n\n"
                 "Eerste alinea, met *nadruk* en een [link](http://x).\n\n## Een kop\n\nTweede alinea.\n")
    source = read_article(path)
    assert source.meta.slug == "een-titel" and source.meta.date == dt.date(2022, 1, 28)
    assert source.text == "Eerste alinea, met nadruk en een link.\n\nEen kop\n\nTweede alinea."
    assert [b.kind for b in source.blocks] == ["paragraph", "heading", "paragraph"]
    for block in source.blocks:
        assert source.text[block.start:block.end].strip() == source.text[block.start:block.end]


def test_latex_quotes_are_kept_verbatim(tmp_path):
    path = write(tmp_path, "b.md", "Title: T\n\nHij zei: ``Dit is `niet' code.''\n")
    assert read_article(path).text == "Hij zei: ``Dit is `niet' code.''"


def test_txt_has_no_header_and_a_colon_sentence_is_not_metadata(tmp_path):
    path = write(tmp_path, "lavrov.md", "Lavrov: “Dit is onaanvaardbaar”\nzei hij.\n")
    assert read_article(path).text.startswith("Lavrov:")


@pytest.mark.parametrize("date", ["0000-00-00", "2022-13-01", "gisteren"])
def test_bad_date_names_file_and_field(tmp_path, date):
    path = write(tmp_path, "c.md", f"Title: T\nDate: {date}\n\nTekst.\n")
    with pytest.raises(InputError) as err:
        read_article(path)
    assert "c.md" in str(err.value) and "Date" in str(err.value)


def test_invalid_utf8_is_refused_with_a_message(tmp_path):
    path = write(tmp_path, "d.md", "Title: Caf\xe9\n\nTekst.\n", encoding="cp1252")
    with pytest.raises(InputError, match="UTF-8"):
        read_article(path)


def test_slugify():
    assert slugify("Oekraïne") == "oekraine"
    assert slugify("Michael O'Leary") == "michael-o-leary"
    assert slugify("—") == ""
