"""Key figures (generator/extraction/figures.py) on Dutch sentences, and the editors' figure corrections."""
from __future__ import annotations

import datetime as dt

import pytest

from pelican.plugins.explainer.editorial.corrections import apply_corrections
from pelican.plugins.explainer.editorial.schema import parse_corrections
from pelican.plugins.explainer.extraction.model import ArticleMeta, Block, Extraction, TimelineEntry
from pelican.plugins.explainer.extraction.figures import key_figures


def _extraction(text: str, title: str = "Kop", **kwargs) -> Extraction:
    first = text.find("\n\n")
    lead_end = first if first > 0 else len(text)
    sentences, start = [], 0
    for index, char in enumerate(text):
        if char in ".!?" and (index + 1 == len(text) or text[index + 1] in " \n"):
            sentences.append((start, index + 1))
            start = index + 2
    return Extraction(article=ArticleMeta(slug="x", title=title, date=dt.date(2022, 1, 28)), text=text,
                      blocks=[Block("paragraph", 0, lead_end)], sentences=sentences or [(0, len(text))],
                      **kwargs)


def figures_of(text: str, **kwargs) -> list[str]:
    return [f.text for f in key_figures(_extraction(text, **kwargs), limit=10)]


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
    assert figures_of("Een aandeel leverde 26 dollarcent op.") == ["26 dollarcent"]


def test_a_figure_in_the_headline_is_found_and_comes_first():
    text = "Het ministerie kocht 179 nieuwe tankvliegtuigen.\n\nDe order levert 44.000 nieuwe banen op."
    figures = key_figures(_extraction(text, title="Airbus wint contract van $40 miljard"))
    assert [f.text for f in figures] == ["$40 miljard", "179 nieuwe tankvliegtuigen", "44.000 nieuwe banen"]
    assert figures[0].in_headline and figures[0].start == -1


def test_units_are_kept_and_a_bare_percentage_is_left_out():
    text = ("De Airbus vloog 17.446 kilometer zonder te tanken. 60 % wordt in Alabama gebouwd. "
            "Volgens de peiling twijfelt 40 procent van de Amerikaanse kiezers.")
    assert figures_of(text) == ["17.446 kilometer", "40 procent van de Amerikaanse kiezers"]


def test_years_dates_durations_and_references_are_not_figures():
    text = ("Sinds 2017 is de band slechter; de twee landen praten op 29 februari weer. "
            "Het conflict duurt al 20 jaar. Het Witte Huis nam vijf gebouwen in beslag.")
    assert figures_of(text) == ["vijf gebouwen"]


def test_dates_on_the_timeline_are_left_out():
    text = "Op 18 juni kwamen 300 leveranciers bijeen."
    entry = TimelineEntry("t1", "2022-06-18", "day", "18 juni", 3, 10, "x")
    assert [f.text for f in key_figures(_extraction(text, timeline=[entry]))] == ["300 leveranciers"]


def test_a_language_without_figure_data_has_no_key_figures():
    extraction = _extraction("The company cut 3,000 jobs.")
    extraction.article.lang = "xx"
    assert key_figures(extraction) == []


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
    assert [f.text for f in result.key_figures] == ["1.500 tot 2.000 nieuwe banen", "$40 miljard"]
    fixed = result.key_figures[0]
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
    assert key_figures(_extraction("Er kwamen vijfhonderd bezoekers."), limit=10)[0].value == 500


def test_small_lengths_count_and_minutes_are_a_duration():
    assert figures_of("Het nieuwe scherm is 6,1 millimeter dik.") == ["6,1 millimeter"]
    assert figures_of("Na 90 minuten spelen stond het gelijk.") == []
