"""What a reader sees first (issue 23): main actors with editorial sense, honest time axis, quotes with
context, provenance. Pure functions of generator/site/views.py, svg.py, annotate.py and jsonld.py."""
from __future__ import annotations

import datetime as dt
import io
import json
import re

from pelican.plugins.explainer.editorial.corrections import apply_corrections
from pelican.plugins.explainer.editorial.schema import parse_corrections
from pelican.plugins.explainer.extraction.components.actors.headline import mark_headline
from pelican.plugins.explainer.extraction.model import Actor, ArticleMeta, Block, Extraction, Quote, TimelineEntry
from pelican.plugins.explainer.site import jsonld, svg
from pelican.plugins.explainer.site.views import build_explainer

TITLE = "Poetin klaagt bij Macron over westerse antwoorden"
TEXT = ("De Russische president Vladimir Poetin klaagt bij zijn Franse ambtsgenoot Emmanuel Macron. "
        "Het Westen wijst de eisen af.\n\n"
        "Het Westen is ongerust. Het Westen overlegt. Washington en Washington D.C. reageren. "
        "“Rusland verplaatst meer troepen naar de grens”, aldus Jens Stoltenberg. Stoltenberg waarschuwt.")


def _span(word: str, nth: int = 0) -> tuple[int, int]:
    starts = [m.start() for m in re.finditer(re.escape(word), TEXT)]
    return starts[nth], starts[nth] + len(word)


def _extraction(**kwargs) -> Extraction:
    lead_end = TEXT.index("\n\n")
    sentences = [(m.start(), m.end()) for m in re.finditer(r"[^.\n]+\.(?:”[^.]*\.)?", TEXT)]
    actors = mark_headline([
        Actor("vladimir-poetin", "Vladimir Poetin", "person", ["president"], mentions=[_span("Vladimir Poetin")]),
        Actor("emmanuel-macron", "Emmanuel Macron", "person", ["ambtsgenoot"], mentions=[_span("Emmanuel Macron")],
              affiliation="Frankrijk"),
        Actor("westen", "Westen", "group", mentions=[_span("Westen", i) for i in range(3)]),
        Actor("washington", "Washington", "place", mentions=[_span("Washington", 0)]),
        Actor("washington-d-c", "Washington D.C.", "place", mentions=[_span("Washington D.C.")]),
        Actor("jens-stoltenberg", "Jens Stoltenberg", "person", mentions=[_span("Jens Stoltenberg"),
                                                                         _span("Stoltenberg", 1)]),
    ], TITLE)
    quote_start = TEXT.index("Rusland verplaatst")
    quotes = [Quote("q1", "Rusland verplaatst meer troepen naar de grens", quote_start,
                    quote_start + len("Rusland verplaatst meer troepen naar de grens"), "jens-stoltenberg",
                    words=7)]
    return Extraction(article=ArticleMeta("x", TITLE, dt.date(2022, 1, 28)), text=TEXT,
                      blocks=[Block("paragraph", 0, lead_end), Block("paragraph", lead_end + 2, len(TEXT))],
                      sentences=sentences, actors=actors, quotes=quotes, **kwargs)


def _names(views) -> list[str]:
    return [v.actor.name for v in views]


def test_the_people_in_the_headline_lead_the_main_actors():
    explainer = build_explainer(_extraction(), "nl", gettext=lambda s: s)
    assert _names(explainer.main_actors)[:2] == ["Vladimir Poetin", "Emmanuel Macron"]
    assert _names(explainer.main_actors).index("Jens Stoltenberg") < _names(explainer.main_actors).index("Westen")


def test_an_actor_that_reads_as_another_is_not_a_main_actor_twice():
    names = _names(build_explainer(_extraction(), "nl", gettext=lambda s: s).main_actors)
    assert ("Washington" in names) + ("Washington D.C." in names) <= 1


def test_a_relational_role_is_not_shown_as_who_someone_is():
    explainer = build_explainer(_extraction(), "nl", gettext=lambda s: s)
    assert explainer.actors_by_id["emmanuel-macron"].role == ""
    assert explainer.actors_by_id["vladimir-poetin"].role == "president"


def test_editors_feature_an_actor_first():
    corrections = parse_corrections('actors:\n  - match: "Westen"\n    feature: true\n', "x.explainer.yaml")
    result = apply_corrections(_extraction(), corrections)
    explainer = build_explainer(result.extraction, "nl", gettext=lambda s: s)
    assert _names(explainer.main_actors)[0] == "Westen"
    assert [a.action for a in result.applied] == ["actor_featured"]


def test_a_vague_period_is_drawn_dashed_and_labelled_approximate():
    entry = TimelineEntry("t1", "2002", "year", "al 20 jaar durende", 0, 5, "x", end_date="2022", vague=True)
    explainer = build_explainer(_extraction(timeline=[entry]), "nl", gettext=lambda s: s)
    assert explainer.timeline[0]["vague"]
    assert 'class="ta-period uncertain"' in explainer.time_axis and "ca. 2002" in explainer.time_axis


def test_tick_labels_do_not_repeat():
    events = [svg.AxisEvent(f"t{i}", f"2022-01-{day:02d}", None, f"{day} jan", "x")
              for i, day in enumerate((3, 4, 20))] + [svg.AxisEvent("t9", "2022", None, "2022", "x")]
    axis = str(svg.time_axis(events, lambda s: s, published=dt.date(2022, 1, 28)))
    ticks = re.findall(r'class="ta-tick-label">([^<]*)<', axis)
    assert len(ticks) == len(set(ticks))


def test_the_annotated_article_names_the_speaker_without_hover():
    extraction = _extraction()
    extraction.quotes[0] = Quote("q1", "Het Westen is ongerust", TEXT.index("Het Westen is"),
                                 TEXT.index("Het Westen is") + 22, "jens-stoltenberg", words=4)
    html = "".join(str(b["html"]) for b in build_explainer(extraction, "nl", gettext=lambda s: s).blocks)
    assert '<small class="quote-speaker" data-pagefind-ignore>(Jens Stoltenberg)</small>' in html
    assert "title=" not in html


def test_mention_context_has_no_stray_quote_mark():
    explainer = build_explainer(_extraction(), "nl", gettext=lambda s: s)
    for mention in explainer.actors_by_id["jens-stoltenberg"].mentions:
        sentence = mention["before"] + mention["mention"] + mention["after"]
        assert sentence.count("”") <= sentence.count("“")


def test_json_ld_names_author_publisher_and_modification():
    explainer = build_explainer(_extraction(), "nl", gettext=lambda s: s)
    block = explainer.jsonld("overview", "https://example.org", source_url="https://krant.example/artikel",
                             metadata={"author": "An Peeters", "publisher": "De Krant",
                                       "modified": dt.datetime(2022, 1, 30, 9, 0)})
    data = json.loads(re.search(r">(.*)</script>", str(block)).group(1))
    assert data["author"] == [{"@type": "Person", "name": "An Peeters"}]
    assert data["publisher"]["name"] == "De Krant" and data["dateModified"] == "2022-01-30"
    assert data["isBasedOn"] == "https://krant.example/artikel"


def test_an_unattributed_subhead_in_quote_marks_is_a_heading_not_a_quote():
    text = "‘We bouwen door’\n\nDe wethouder opent de bouwplaats. Het werk begint maandag."
    subhead = Quote("q1", "We bouwen door", 1, 15, None, headline=True)
    attributed = Quote("q1", "We bouwen door", 1, 15, "wethouder", headline=True)
    blocks = [Block("heading", 0, 16), Block("paragraph", 18, len(text))]

    def explainer(quote):
        extraction = Extraction(article=ArticleMeta("x", "Kop", dt.date(2022, 1, 28)), text=text, blocks=blocks,
                                sentences=[(18, 51), (52, len(text))], quotes=[quote],
                                actors=[Actor("wethouder", "Karin de Wethouder", "person", mentions=[])])
        return build_explainer(extraction, "nl", gettext=lambda s: s)

    shown = explainer(subhead)
    assert shown.quotes == [] and shown.quotes_by_speaker == []
    assert 'class="quote"' not in "".join(str(b["html"]) for b in shown.blocks)
    assert not jsonld.quotations(shown, "https://example.org")["@graph"]
    # when the text says whose words they are, the subhead is a quote
    assert explainer(attributed).quotes == [attributed]
    # one rule for explainers and dossiers (site/dossier_generator.py filters with it too)
    from pelican.plugins.explainer.site.views import is_shown_quote
    assert not is_shown_quote(subhead) and is_shown_quote(attributed)
    assert is_shown_quote(Quote("q1", "We bouwen door", 1, 15, None, headline=True, speaker_label="een woordvoerder"))


def test_a_compressed_gap_on_the_time_axis_says_how_long_it_is():
    events = [svg.AxisEvent("t1", "2002-03-01", None, "maart 2002", "x"),
              svg.AxisEvent("t2", "2022-01-20", None, "20 jan", "x"),
              svg.AxisEvent("t3", "2022-01-27", None, "27 jan", "x")]
    axis = str(svg.time_axis(events, lambda s: s, locale="nl", published=dt.date(2022, 1, 28)))
    assert re.findall(r'class="ta-gap-label">([^<]*)<', axis) == ["20 jaar later"]  # the week apart: no label


def test_network_labels_are_whole_names_inside_the_chart():
    long_name = "Europese Bank voor Wederopbouw en Ontwikkeling"
    nodes = [svg.Node("a", long_name, 5), svg.Node("b", "Karin de Vries", 3), svg.Node("c", "Zwolle", 2)]
    chart = str(svg.network(nodes, {("a", "b"): 2, ("b", "c"): 1}, lambda s: s))
    labels = re.findall(r'<text x="([\d.]+)"[^>]*text-anchor="(\w+)" class="net-label">(.*?)</text>', chart)
    texts = [" ".join(re.findall(r">([^<]+)</tspan>", body)) for _, _, body in labels]
    assert long_name in texts and "…" not in "".join(texts)
    for (x, anchor, body), text in zip(labels, texts):
        widest = max(len(line) for line in re.findall(r">([^<]+)</tspan>", body)) * svg.CHAR_WIDTH
        left = {"start": float(x), "end": float(x) - widest, "middle": float(x) - widest / 2}[anchor]
        assert 0 <= left and left + widest <= svg.WIDTH, text


def test_the_share_headline_wraps_to_the_card_and_is_cut_with_an_ellipsis():
    from pelican.plugins.explainer.site import share

    title = "Gemeente Deventer bouwt 2.000 woningen aan de rand van de stad en bij het station"
    fits = lambda line: len(line) <= 27  # noqa: E731 - a stand-in for the font's measure
    lines = share.title_lines(title, fits)
    assert " ".join(lines) == title and all(fits(line) for line in lines) and len(lines) == 4
    long = " ".join(["woningbouw"] * 20)
    cut = share.title_lines(long, fits)
    assert len(cut) == share.TITLE_LINES and cut[-1].endswith("…") and all(fits(line) for line in cut)
    measured = share.title_lines(title)  # the real font: every line fits between the margins
    width = share.WIDTH - share.BAR - 2 * share.MARGIN
    assert " ".join(measured) == title
    assert all(share._font(True, share.TITLE_SIZE).getlength(line) <= width for line in measured)


def test_the_share_card_is_a_palette_png_that_depends_on_what_it_shows():
    from PIL import Image
    from pelican.plugins.explainer.site import share

    card = share.Card("Explainers", "Gemeente Deventer bouwt woningen", "3 maart 2024", "4 actoren · 2 citaten")
    png = share.card_png(card)
    assert png.startswith(b"\x89PNG") and png == share.card_png(card)  # same card, same bytes
    image = Image.open(io.BytesIO(png))
    assert image.size == (share.WIDTH, share.HEIGHT) and image.mode == "P"
    pixels = image.convert("RGB")
    assert pixels.getpixel((share.BAR // 2, 10)) == (0x0b, 0x57, 0xa4)  # the brand bar
    assert pixels.getpixel((share.WIDTH - 10, share.HEIGHT - 10)) == (255, 255, 255)
    inked = pixels.crop((share.MARGIN, 140, share.WIDTH, 220)).getcolors(4096)
    assert any(colour == (0x11, 0x11, 0x11) for _, colour in inked)  # the headline, in its ink
    other = share.Card("Explainers", "Gemeente Deventer bouwt woningen", "3 maart 2024", "5 actoren · 2 citaten")
    assert share.card_png(other) != png and share.card_key(other) != share.card_key(card)


def test_a_share_card_is_drawn_once_and_again_only_when_it_changed(tmp_path, monkeypatch):
    from pelican.plugins.explainer.site import share

    drawn = []
    draw = share.card_png
    monkeypatch.setattr(share, "card_png", lambda card: drawn.append(card) or draw(card))
    card = share.Card("Explainers", "Explainers", "3 maart 2024", "12 explainers · 2 dossiers")
    first = share.cached_png(card, tmp_path)
    assert first.startswith(b"\x89PNG") and share.cached_png(card, tmp_path) == first and len(drawn) == 1
    changed = share.Card("Explainers", "Explainers", "3 maart 2024", "13 explainers · 2 dossiers")
    assert share.cached_png(changed, tmp_path) != first and len(drawn) == 2
    for entry in (tmp_path / "share-images").iterdir():  # a damaged entry is drawn again, never served
        entry.write_bytes(b"garbage")
    assert share.cached_png(card, tmp_path) == first and len(drawn) == 3
