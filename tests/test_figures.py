"""Key figures (the ``explainer_figures`` pipe, generator/extraction/components/figures/) on Dutch
sentences, their place in the extraction JSON, and the editors' figure corrections."""
from __future__ import annotations

import datetime as dt

import pytest

from pelican.plugins.explainer.editorial.corrections import apply_corrections
from pelican.plugins.explainer.editorial.schema import parse_corrections
from pelican.plugins.explainer.extraction.components.figures.component import find_figures
from pelican.plugins.explainer.extraction.components.figures.rank import shown_figures
from pelican.plugins.explainer.extraction.components.figures.resources import load_resources
from pelican.plugins.explainer.extraction.model import ArticleMeta, Block, Extraction, TimelineEntry
from pelican.plugins.explainer.extraction.nlp import load_pipeline
from pelican.plugins.explainer.extraction.reading import ArticleSource
from pelican.plugins.explainer.extraction.run import extract


def _extraction(text: str, title: str = "Kop") -> Extraction:
    """The rule pipeline's extraction of ``text`` (its first paragraph the lead) under ``title``."""
    first = text.find("\n\n")
    blocks = [Block("paragraph", 0, first if first > 0 else len(text))]
    if first > 0:
        blocks.append(Block("paragraph", first + 2, len(text)))
    source = ArticleSource(ArticleMeta("x", title, dt.date(2022, 1, 28)), text, blocks, {})
    return extract(source, load_pipeline("rules"))


def figures_of(text: str, **kwargs) -> list[str]:
    return [f.text for f in _extraction(text, **kwargs).figures]


def test_a_clock_time_is_not_a_figure():
    assert figures_of("Obama spreekt vandaag om 16:00 UTC het Congres toe over 30.000 nieuwe banen.") == [
        "30.000 nieuwe banen"]
    assert figures_of("Om 16.00 uur begint het debat.") == []


def test_a_number_is_never_glued_to_the_next_word_when_that_word_is_not_what_it_counts():
    text = ("De index sloot op 2138,14 terwijl de dollar daalde. Er is 30 miljard naast de begroting "
            "gereserveerd. De koers is met 100 gestegen en de beurs kreeg 500 steeg erbij.")
    assert figures_of(text) == []


def test_a_range_is_kept_whole():
    assert figures_of("Naar verwachting zullen 1.500 tot 2.000 banen gecreëerd worden.") == [
        "1.500 tot 2.000 banen"]
    assert figures_of("Bij de aanslag vielen tussen 10 en 20 doden.") == ["tussen 10 en 20 doden"]
    # "en" without "tussen" joins two figures, it is no range
    assert figures_of("In Gent sluiten 12 en in Luik 40 fabrieken.") == ["40 fabrieken"]


def test_money_keeps_its_currency_symbol_or_word():
    assert figures_of("Boeing verliest een contract van US$ 40 miljard aan Airbus.") == ["US$ 40 miljard"]
    assert figures_of("Het kabinet trekt 744 miljoen euro uit voor de zorg.") == ["744 miljoen euro"]
    # after an article an amount is still one ("de twee landen" is a reference, "het 3 miljoen euro" is not)
    assert figures_of("Volgens de gemeente kost het 3 miljoen euro.") == ["3 miljoen euro"]
    assert figures_of("Een aandeel leverde 26 dollarcent op.") == ["26 dollarcent"]


def test_a_figure_in_the_headline_is_found_and_comes_first():
    text = "Het ministerie kocht 179 nieuwe tankvliegtuigen.\n\nDe order levert 44.000 nieuwe banen op."
    title = "Scheepswerf in Vlissingen wint order van $40 miljard"
    figures = _extraction(text, title=title).figures
    assert [f.text for f in figures] == ["$40 miljard", "179 nieuwe tankvliegtuigen", "44.000 nieuwe banen"]
    assert figures[0].in_headline and figures[0].start == -1
    start, end = figures[0].title_span
    assert title[start:end] == "$40 miljard"  # a headline figure keeps its offsets, into the title


def test_units_are_kept_and_a_bare_percentage_is_left_out():
    text = ("De Airbus vloog 17.446 kilometer zonder te tanken. 60 % wordt in Alabama gebouwd. "
            "Volgens de peiling twijfelt 40 procent van de Amerikaanse kiezers.")
    assert figures_of(text) == ["17.446 kilometer", "40 procent van de Amerikaanse kiezers"]


def test_years_dates_durations_and_references_are_not_figures():
    text = ("Sinds 2017 is de band slechter; de twee landen praten op 29 februari weer. "
            "Het conflict duurt al 20 jaar. Het Witte Huis nam vijf gebouwen in beslag.")
    assert figures_of(text) == ["vijf gebouwen"]


def test_dates_on_the_timeline_are_left_out():
    extraction = _extraction("Op 18 juni 2022 kwamen 300 leveranciers bijeen.")
    assert [t.expression for t in extraction.timeline] == ["18 juni 2022"]
    assert [f.text for f in extraction.figures] == ["300 leveranciers"]
    text = "Rond 1900 telde het dorp 300 boerderijen."
    data = load_resources("nl")
    assert [f.text for f in find_figures(text, "", [len(text)], 0, [], data)] == ["300 boerderijen"]
    # a span the timeline took is never a figure, whatever follows it
    entry = TimelineEntry("t1", "1900", "year", "300", 25, 28, "x")
    assert find_figures(text, "", [len(text)], 0, [entry], data) == []


def test_a_language_without_figure_data_has_no_key_figures():
    assert find_figures("The company cut 3,000 jobs.", "", [], 0, [], None) == []


def test_every_figure_keeps_its_offsets_and_travels_with_the_extraction_json():
    text = "Het waterschap investeert 3,2 miljoen euro.\n\nVolgens de raming verdwijnen 120 tot 150 banen."
    extraction = _extraction(text)
    for figure in extraction.figures:
        assert " ".join(text[figure.start:figure.end].split()) == figure.text
    assert [(f.text, f.kind, f.low, f.value) for f in extraction.figures] == [
        ("3,2 miljoen euro", "money", None, 3_200_000.0), ("120 tot 150 banen", "count", 120.0, 150.0)]
    again = Extraction.from_json(extraction.to_json())
    assert again.figures == extraction.figures and again.to_json() == extraction.to_json()


def test_a_page_lists_five_figures_technical_units_last_and_every_figure_an_editor_added():
    text = ("Het scherm telt 326 pixels. Er komen 12 nieuwe scholen, 30 nieuwe bruggen, 45 nieuwe parken, "
            "60 nieuwe wijken en 80 nieuwe fietspaden.")
    figures = _extraction(text).figures
    assert figures[-1].text == "326 pixels"  # a technical unit ranks after the rest
    shown = [f.text for f in shown_figures(figures)]
    assert len(shown) == 5 and "326 pixels" not in shown
    result = apply_corrections(_extraction(text), parse_corrections('figures:\n  - add: "7 stadions"\n', "x.explainer.yaml"))
    assert [f.text for f in shown_figures(result.extraction.figures)][5:] == ["7 stadions"]


CORRECTIONS = """
figures:
  - match: "2.000 banen"
    text: "1.500 tot 2.000 nieuwe banen"
    phrase: "nieuwe banen"
  - match: "17.446 kilometer"
    hide: true
  - add: "$40 miljard"
"""


def test_editors_hide_fix_and_add_key_figures():
    extraction = _extraction("De order levert 2.000 banen op. De Airbus vloog 17.446 kilometer.")
    result = apply_corrections(extraction, parse_corrections(CORRECTIONS, "x.explainer.yaml"))
    assert [f.text for f in result.extraction.figures] == ["1.500 tot 2.000 nieuwe banen", "$40 miljard"]
    assert [f.text for f in extraction.figures] == ["2.000 banen", "17.446 kilometer"]  # a corrected copy
    fixed = result.extraction.figures[0]
    assert fixed.corrected and fixed.number == "1.500 tot 2.000" and fixed.phrase == "nieuwe banen"
    assert [a.action for a in result.applied] == ["figure_corrected", "figure_hidden", "figure_added"]
    assert not result.warnings


def test_a_figure_correction_that_matches_nothing_warns():
    extraction = _extraction("De order levert 2.000 banen op.")
    result = apply_corrections(extraction, parse_corrections('figures:\n  - match: "99 ballonnen"\n    hide: true\n',
                                                             "x.explainer.yaml"))
    assert result.warnings and "matches no key figure" in result.warnings[0]


@pytest.mark.parametrize("text, problem", [
    ('figures:\n  - match: "2.000 banen"\n', "says what to find but not what to change"),
    ('figures:\n  - match: "x"\n    hide: true\n    text: "y"\n', "cannot be combined"),
    ('figures:\n  - match: "x"\n    text: "12 banen"\n    phrase: "mensen"\n', "must be the end"),
])
def test_invalid_figure_corrections_are_refused(text, problem):
    from pelican.plugins.explainer.errors import InputError

    with pytest.raises(InputError, match=problem):
        parse_corrections(text, "x.explainer.yaml")


def test_the_figure_evaluation_locates_gold_by_file_offsets_and_scores_spans_and_values(tmp_path):
    from pelican.plugins.explainer.evaluation import figures as evaluation
    from pelican.plugins.explainer.evaluation.gold import GoldPair

    body = "De gemeente Amersfoort trekt 12 miljoen euro uit. Er komen 300 nieuwe woningen en 40 procent van de huurders."
    article = tmp_path / "a.md"
    article.write_text("Title: Kop\nDate: 2022-01-28\n\n" + body + "\n", encoding="utf-8")
    file_text = article.read_text(encoding="utf-8")

    def gold(surface, **fields):
        start = file_text.index(surface)
        return {"start": start, "end": start + len(surface), **fields}

    annotations = {"docid": "a", "figures": [
        gold("12 miljoen euro", kind="money", value=12e6),
        gold("300 nieuwe woningen", kind="count", value=301),  # a wrong value in the gold: value not correct
        gold("40 procent", kind="percent", value=40, optional=True)]}
    scores = evaluation.score([GoldPair(gold=annotations, extraction=_extraction(body), source=article)])
    assert scores["span"]["tp"] == 2 and scores["span"]["gold"] == 2 and scores["span"]["predicted"] == 2
    assert scores["value"]["tp"] == 1
    assert "wrong value" in evaluation.report(scores)


def test_a_percentage_that_says_what_changed_is_a_figure_with_its_change_word():
    assert figures_of("De AEX daalde 2,4 procent.") == ["daalde 2,4 procent"]
    assert figures_of("De huren lagen 6 procent hoger.") == ["6 procent hoger"]
    assert figures_of("De bakker meldt een omzetdaling van 12 %.") == ["omzetdaling van 12 %"]
    assert figures_of("De koers is met ruim 3 % gestegen.") == ["ruim 3 % gestegen"]
    # a change word in another clause says nothing about this percentage
    assert figures_of("De koers daalde, maar 60 % is tevreden.") == []


def test_from_one_amount_to_another_is_two_figures_and_a_range_stays_one():
    assert figures_of("De subsidie gaat van € 5 miljoen tot € 8 miljoen.") == ["€ 5 miljoen", "€ 8 miljoen"]
    assert figures_of("De schade ligt tussen € 5 en € 8 miljoen.") == ["tussen € 5 en € 8 miljoen"]


def test_what_a_figure_counts_may_be_a_type_number_an_uninflected_adjective_or_follow_a_number():
    assert figures_of("De vloot krijgt 18 737-toestellen erbij.") == ["18 737-toestellen"]
    assert figures_of("Er komen 25 extra agenten in Tilburg.") == ["25 extra agenten"]
    assert figures_of("Het gaat om 15 procent van de 3.400 leraren.") == ["15 procent van de 3.400 leraren"]
    assert figures_of("Er stonden rond de 2.000 fietsen bij het station.") == ["rond de 2.000 fietsen"]


def test_a_written_compound_number_is_a_number():
    assert figures_of("Het bedrijf ontslaat drieduizend werknemers.") == ["drieduizend werknemers"]
    assert _extraction("Er kwamen vijfhonderd bezoekers.").figures[0].value == 500


def test_small_lengths_count_and_minutes_are_a_duration():
    assert figures_of("Het nieuwe scherm is 6,1 millimeter dik.") == ["6,1 millimeter"]
    assert figures_of("Na 90 minuten spelen stond het gelijk.") == []
