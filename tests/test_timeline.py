"""Behaviour of the timeline component on Dutch sentences (rules-only pipeline, no statistical model)."""
from __future__ import annotations

import datetime as dt

import pytest

from pelican.plugins.explainer.extraction.model import Actor, ArticleMeta, Block, Extraction, TimelineEntry
from pelican.plugins.explainer.extraction.nlp import load_pipeline


@pytest.fixture(scope="module")
def nlp():
    return load_pipeline("rules")


def run(nlp, text, pub="2022-01-28", blocks=None, actors=None):
    doc = nlp.make_doc(text)
    doc._.publication_date = dt.date.fromisoformat(pub) if pub else None
    doc._.blocks = blocks or []
    doc._.warnings = []
    for name, proc in nlp.pipeline:
        if name == "explainer_timeline":
            if actors is not None:
                doc._.actors = actors
        doc = proc(doc)
    return doc


def values(doc):
    """{expression: (value, end_value)} of the recognised expressions."""
    return {t.text: (t.value, t.end_value) for t in doc._.timexes}


# -- explicit dates --------------------------------------------------------------------------------

def test_explicit_dates_in_all_granularities(nlp):
    doc = run(nlp, "Het verdrag werd op 28 januari 2021 getekend. In maart 2019 begonnen de gesprekken, "
                   "die in 2017 al waren voorbereid. De wet geldt sinds 12-03-2020.", pub="2022-01-28")
    found = values(doc)
    assert found["28 januari 2021"] == ("2021-01-28", None)
    assert found["maart 2019"] == ("2019-03", None)
    assert found["2017"] == ("2017", None)
    assert found["12-03-2020"] == ("2020-03-12", None)


def test_day_and_month_without_year_take_the_publication_year(nlp):
    doc = run(nlp, "De top is gepland op 14 februari. De fabriek sloot in januari.", pub="2022-01-28")
    found = values(doc)
    assert found["14 februari"] == ("2022-02-14", None)
    assert found["januari"] == ("2022-01", None)


def test_future_month_before_publication_month_moves_to_next_year(nlp):
    doc = run(nlp, "In maart zal de nieuwe fabriek in Eindhoven openen.", pub="2021-11-15")
    assert values(doc)["maart"] == ("2022-03", None)


def test_coordinated_month_borrows_the_year_and_the_range_is_one_period(nlp):
    doc = run(nlp, "De koersen stegen tussen september en oktober 2007 sterk.", pub="2009-04-04")
    assert values(doc) == {"tussen september en oktober 2007": ("2007-09", "2007-10")}


def test_coordinated_month_borrows_the_year_a_modifier_names(nlp):
    doc = run(nlp, "De wethouder verwacht dat de huren tussen januari en maart volgend jaar dalen. "
                   "De huren stegen tussen oktober en december vorig jaar.", pub="2024-11-07")
    found = values(doc)
    assert found["tussen januari en maart volgend jaar"] == ("2025-01", "2025-03")
    assert found["tussen oktober en december vorig jaar"] == ("2023-10", "2023-12")


def test_coordinated_month_without_range_word_borrows_the_year(nlp):
    doc = run(nlp, "De koersen stegen in september en oktober 2007 sterk.", pub="2009-04-04")
    found = values(doc)
    assert found["september"] == ("2007-09", None)
    assert found["oktober 2007"] == ("2007-10", None)


def test_decades_seasons_quarters_and_parts(nlp):
    doc = run(nlp, "In de jaren negentig groeide het bedrijf snel. Eind maart komt het rapport over het eerste "
                   "kwartaal uit, en over het derde kwartaal van 2020. De bouw begint in de zomer van 2023. "
                   "Begin 2021 daalde de omzet.", pub="2022-01-28")
    found = values(doc)
    assert found["de jaren negentig"] == ("1990", "1999")
    assert found["Eind maart"] == ("2022-03", None)
    assert found["het eerste kwartaal"] == ("2022-Q1", None)
    assert found["het derde kwartaal van 2020"] == ("2020-Q3", None)
    assert found["de zomer van 2023"] == ("2023-06", "2023-08")
    assert found["Begin 2021"] == ("2021", None)
    decade = next(t for t in doc._.timeline if t.date == "1990")
    assert decade.precision == "decade" and decade.end_date == "1999"


def test_counts_measures_and_names_are_not_years(nlp):
    doc = run(nlp, "Aan de grens staan 2000 soldaten en ruim 100.000 Russische soldaten. De Boeing 737 en de "
                   "A380 vliegen 1500 kilometer. Het kost 2010 euro, of $ 1999, en de index zakte naar 1875,5 "
                   "punten. De Russell 2000 Index daalde 3 procent.")
    assert doc._.timexes == []
    assert doc._.timeline == []


def test_not_dates_per_the_guide(nlp):
    doc = run(nlp, "Het proces duurde drie jaar lang. Elk jaar komen er 20 minuten bij. Onlangs zei hij dat "
                   "hij binnenkort stopt. Nu is het 10.30 uur en momenteel wacht de 45-jarige man op zijn beurt. "
                   "Elke vrijdag is er markt. Inmiddels is het jarenlang stil.")
    assert values(doc) == {}


def test_dateline_is_not_a_date(nlp):
    text = "13-Jun-05\n\nDe beurs daalde vandaag fors."
    blocks = [Block("paragraph", 0, 9), Block("paragraph", 11, len(text))]
    doc = run(nlp, text, pub="2005-06-13", blocks=blocks)
    assert values(doc) == {"vandaag": ("2005-06-13", None)}


# -- relative to the publication date ---------------------------------------------------------------

def test_relative_days(nlp):
    doc = run(nlp, "Gisteren viel het kabinet. Eergisteren was er nog overleg. Morgen stemt de Kamer, "
                   "overmorgen volgt de Senaat. Vandaag is het stil.", pub="2022-03-02")
    found = values(doc)
    assert found["Gisteren"][0] == "2022-03-01"
    assert found["Eergisteren"][0] == "2022-02-28"
    assert found["Morgen"][0] == "2022-03-03"
    assert found["overmorgen"][0] == "2022-03-04"
    assert found["Vandaag"][0] == "2022-03-02"


def test_morning_is_not_tomorrow(nlp):
    doc = run(nlp, "Hij werkte de hele morgen aan het plan.", pub="2022-03-02")
    assert values(doc) == {}


def test_weekday_direction_follows_tense(nlp):
    # Wednesday 2 March 2022
    doc = run(nlp, "De rechter sprak maandag het vonnis uit. Het hoger beroep begint vrijdag. "
                   "De minister heeft woensdag zijn ontslag aangeboden.", pub="2022-03-02")
    found = values(doc)
    assert found["maandag"][0] == "2022-02-28"
    assert found["vrijdag"][0] == "2022-03-04"
    assert found["woensdag"][0] == "2022-03-02"


def test_seed_weekdays(nlp):
    text = ("De Russische president Vladimir Poetin heeft vrijdag zijn stilzwijgen doorbroken. "
            "“Vorige vrijdag kwamen we overeen met Blinken”, zei Lavrov.")
    found = values(run(nlp, text, pub="2022-01-28"))
    assert found["vrijdag"][0] == "2022-01-28"
    assert found["Vorige vrijdag"][0] == "2022-01-21"


def test_modified_weekdays(nlp):
    doc = run(nlp, "Afgelopen dinsdag meldde Ford hogere verkopen. Komende maandag volgt GM, en volgende week "
                   "donderdag Chrysler.", pub="2010-03-03")
    found = values(doc)
    assert found["Afgelopen dinsdag"][0] == "2010-03-02"
    assert found["Komende maandag"][0] == "2010-03-08"
    assert found["volgende week donderdag"][0] == "2010-03-11"


def test_weeks_months_years_relative(nlp):
    doc = run(nlp, "Vorige week sprak de raad. Eerder deze maand daalde de koers, vorig jaar steeg hij. "
                   "Volgend jaar en later dit jaar komen er verkiezingen. Vorige maand was het rustig.",
              pub="2022-01-28")
    found = values(doc)
    assert found["Vorige week"][0] == "2022-W03"
    assert found["Eerder deze maand"][0] == "2022-01"
    assert found["vorig jaar"][0] == "2021"
    assert found["Volgend jaar"][0] == "2023"
    assert found["later dit jaar"][0] == "2022"
    assert found["Vorige maand"][0] == "2021-12"


def test_ago_with_digits_and_words(nlp):
    doc = run(nlp, "Drie dagen geleden brak de brand uit. Het bedrijf werd 12 jaar geleden opgericht. "
                   "Twee weken geleden vertrok de directeur; enkele maanden geleden kwam hij nog.",
              pub="2022-01-28")
    found = values(doc)
    assert found["Drie dagen geleden"][0] == "2022-01-25"
    assert found["12 jaar geleden"][0] == "2010"
    assert found["Twee weken geleden"][0] == "2022-W02"
    assert found["enkele maanden geleden"][0] == "2021-10"


def test_anchored_periods(nlp):
    doc = run(nlp, "De band is verslechterd sinds 2017. Rusland klaagt over de al 20 jaar durende uitbreiding "
                   "van de NAVO. De afgelopen vijf jaar groeide de economie, de komende jaren krimpt ze. "
                   "Dat is het laagste punt in meer dan tien jaar.", pub="2022-01-28")
    found = values(doc)
    assert found["sinds 2017"] == ("2017", "2022")
    assert found["al 20 jaar durende"] == ("2002", "2022")
    assert found["De afgelopen vijf jaar"] == ("2017", "2022")
    assert found["de komende jaren"] == ("2022", "2025")
    assert found["in meer dan tien jaar"] == ("2012", "2022")


def test_future_offsets(nlp):
    doc = run(nlp, "De fabriek sluit over twee jaar. GM wil binnen drie jaar winst maken.", pub="2009-02-18")
    found = values(doc)
    assert found["over twee jaar"] == ("2011", None)
    assert found["binnen drie jaar"] == ("2009", "2012")


def test_next_day_anchors_on_the_last_mentioned_date(nlp):
    doc = run(nlp, "Op 3 maart 2020 landde het toestel in Rome. De volgende dag vertrok het naar Athene. "
                   "Drie jaar later werd de lijn opgeheven. Een dag eerder was de directie al vertrokken.",
              pub="2024-05-01")
    found = values(doc)
    assert found["De volgende dag"][0] == "2020-03-04"
    assert found["Drie jaar later"][0] == "2023"
    assert found["3 maart 2020"][0] == "2020-03-03"


def test_without_publication_date(nlp):
    doc = run(nlp, "Het akkoord werd op 12 mei 2019 getekend. Gisteren reageerde de minister.", pub=None)
    found = values(doc)
    assert found["12 mei 2019"] == ("2019-05-12", None)
    assert found["Gisteren"] == (None, None)
    assert [t.date for t in doc._.timeline] == ["2019-05-12"]
    assert any("Gisteren" in w for w in doc._.warnings)


# -- timeline entries ---------------------------------------------------------------------------------

def test_entries_merge_same_date_and_sort_chronologically(nlp):
    text = ("Poetin belde vrijdag met Macron. Het Kremlin gaf vrijdag een verklaring uit. "
            "In 2021 waren er al gesprekken. Op 3 januari 2022 begon het overleg.")
    doc = run(nlp, text, pub="2022-01-28")
    timeline = doc._.timeline
    assert [t.id for t in timeline] == [f"t{i}" for i in range(1, len(timeline) + 1)]
    assert [t.date for t in timeline] == ["2021", "2022-01-03", "2022-01-28"]
    friday = timeline[-1]
    assert len(friday.sources) == 2
    assert friday.expression == "vrijdag" and text[friday.start:friday.end] == "vrijdag"
    assert friday.summary.startswith("Poetin belde vrijdag")


def test_year_sorts_before_days_within_it(nlp):
    doc = run(nlp, "Op 5 maart 2019 viel het besluit. In 2019 groeide de markt.", pub="2022-01-28")
    assert [(t.date, t.precision) for t in doc._.timeline] == [("2019", "year"), ("2019-03-05", "day")]


def test_summary_is_a_clean_clause_under_the_limit(nlp):
    text = ("“Volgens de minister, die lang heeft gezwegen over de kwestie en die ook in de Kamer vaak werd "
            "bekritiseerd om zijn houding in het dossier, is de diplomatieke band tussen de twee landen ernstig "
            "verslechterd sinds 2017, toen het Witte Huis vijf gebouwen in beslag nam die toebehoorden aan de "
            "ambassade, en is er sindsdien weinig veranderd in de verhouding tussen beide hoofdsteden”, zei hij.")
    doc = run(nlp, text, pub="2022-01-28")
    entry = doc._.timeline[0]
    assert entry.date == "2017" and entry.end_date == "2022"
    assert len(entry.summary) <= 210
    assert "sinds 2017" in entry.summary
    assert entry.summary[0] not in "“\"'‘"
    start, end = entry.summary_span
    assert start <= entry.start and entry.end <= end


def test_actors_inside_the_summary(nlp):
    text = "Macron sprak vrijdag met Poetin. Scholz zweeg."
    actors = [Actor("emmanuel-macron", "Emmanuel Macron", "person", mentions=[(0, 6)]),
              Actor("vladimir-poetin", "Vladimir Poetin", "person", mentions=[(25, 31)]),
              Actor("olaf-scholz", "Olaf Scholz", "person", mentions=[(33, 39)])]
    doc = run(nlp, text, pub="2022-01-28", actors=actors)
    assert doc._.timeline[0].actors == ["emmanuel-macron", "vladimir-poetin"]


# -- evaluation -----------------------------------------------------------------------------------------

def test_date_scoring_counts_overlaps_values_and_optional():
    from pelican.plugins.explainer.evaluation import dates
    from pelican.plugins.explainer.evaluation.gold import GoldPair

    text = "Vrijdag sprak hij. Inmiddels is het 2017 geweest, en ook vandaag."
    extraction = Extraction(
        article=ArticleMeta(slug="x", title="x", date=dt.date(2022, 1, 28)), text=text,
        timeline=[
            TimelineEntry("t1", "2022-01-28", "day", "Vrijdag", 0, 7, "s", sources=[(0, 7)]),
            TimelineEntry("t2", "2016", "year", "2017", 36, 40, "s"),
            TimelineEntry("t3", "2022-01-27", "day", "Inmiddels", 19, 28, "s"),
        ])
    gold = {"docid": "x", "dates": [{"expression": "Vrijdag", "value": "2022-01-28"},
                                    {"expression": "2017", "value": "2017"},
                                    {"expression": "vandaag", "value": "2022-01-28"}],
            "dates_optional": ["Inmiddels"]}
    scores = dates.score([GoldPair(gold=gold, extraction=extraction)])
    assert scores["expression"]["tp"] == 2 and scores["expression"]["predicted"] == 2
    assert scores["expression"]["gold"] == 3
    assert scores["value"]["tp"] == 1
    assert "missed" in dates.report(scores)


# -- generalisation: Belgian/Dutch press phrasing ----------------------------------------------------

def test_jongstleden_and_eerstkomend_after_a_date_or_weekday(nlp):
    found = values(run(nlp, "Het ongeval gebeurde op 3 maart jl. bij Aalst. De fusie werd woensdag jl. goedgekeurd. "
                            "De hoorzitting is op 20 februari e.k.", pub="2023-02-10"))
    assert found["3 maart jl."] == ("2022-03-03", None)
    assert found["woensdag jl."] == ("2023-02-08", None)
    assert found["20 februari e.k."] == ("2023-02-20", None)


def test_belgian_and_long_forms_of_relative_days(nlp):
    found = values(run(nlp, "Gisterenavond en gisterennamiddag waren er rellen. Eergisteravond bleef het rustig.",
                       pub="2024-02-08"))
    assert found["Gisterenavond"] == ("2024-02-07", None)
    assert found["gisterennamiddag"] == ("2024-02-07", None)
    assert found["Eergisteravond"] == ("2024-02-06", None)


def test_komend_weekend_and_sinds_vorig_jaar(nlp):
    found = values(run(nlp, "Komend weekend wordt er sneeuw verwacht. Sinds vorig jaar is de regel van kracht.",
                       pub="2024-02-08"))
    assert found["Komend weekend"] == ("2024-02-10", "2024-02-11")
    assert found["Sinds vorig jaar"] == ("2023", "2024")


def test_centuries_with_abbreviated_ordinals_and_years_after_tegen(nlp):
    found = values(run(nlp, "In de 19de eeuw bloeide de textielnijverheid. Tegen 2030 moet de uitstoot halveren.",
                       pub="2024-09-08"))
    assert found["de 19de eeuw"] == ("1800", "1899")
    assert found["2030"] == ("2030", None)


def test_bare_date_takes_the_year_of_a_full_date_earlier_in_the_sentence(nlp):
    doc = run(nlp, "De wet werd op 3 maart 2020 aangenomen en trad op 1 juli in werking. "
                   "Op 1 juli gaan de nieuwe tarieven in.", pub="2024-02-08")
    # the second "1 juli" is in a new sentence: the publication year again
    assert [t.value for t in doc._.timexes] == ["2020-03-03", "2020-07-01", "2024-07-01"]


def test_day_weeks_ahead_told_in_the_past_tense_of_its_clause_is_last_year(nlp):
    found = values(run(nlp, "De minister maakte op 3 maart de plannen bekend.", pub="2023-02-10"))
    assert found["3 maart"] == ("2022-03-03", None)
    # the past tense of another clause, or an announcement with vanaf/per/tot, does not move it
    found = values(run(nlp, "Het concert, dat op 2 december plaatsvindt, werd binnen een uur uitverkocht. "
                            "De treinen rijden vanaf 10 december volgens een nieuwe dienstregeling. "
                            "Het bedrijf meldde dat de fabriek op 20 december de deuren sluit.", pub="2023-11-15"))
    assert found["2 december"] == ("2023-12-02", None)
    assert found["vanaf 10 december"][0] == "2023-12-10"
    assert found["20 december"] == ("2023-12-20", None)


def test_day_month_with_relative_year(nlp):
    found = values(run(nlp, "De verdachte werd op 3 december vorig jaar opgepakt.", pub="2023-11-15"))
    assert found["3 december vorig jaar"] == ("2022-12-03", None)


@pytest.mark.parametrize("sentence", [
    "Door COVID-19 vielen veel evenementen weg.", "Op de A12 bij Utrecht stond een file.",
    "Een Boeing 747 landde in Zaventem.", "Het project kost 5 miljoen euro.", "De persconferentie begint om 15 uur.",
    "De vergadering duurde 20 minuten.", "Hij zat drie jaar lang vast.", "Elk jaar komen er toeristen.",
    "De 40-jarige man werd opgepakt.", "Hij overleed op 75-jarige leeftijd.", "De bonden plannen een 24-urenstaking.",
    "De leiders van de G20 kwamen samen.", "Anderlecht won met 1-0.", "De Euro 2024 wordt in Duitsland gespeeld.",
    "De 2000 betogers trokken door Gent.", "Hij reed 130 kilometer per uur op de E40.",
])
def test_press_negatives_are_not_dates(nlp, sentence):
    assert [t.text for t in run(nlp, sentence, pub="2024-02-08")._.timexes if t.value] == []


def test_summary_does_not_stop_at_an_abbreviation():
    from pelican.plugins.explainer.extraction.run import extract
    from pelican.plugins.explainer.extraction.model import ArticleMeta
    from pelican.plugins.explainer.extraction.nlp import load_pipeline
    from pelican.plugins.explainer.extraction.reading import ArticleSource, body_to_plain_text
    import datetime as dt

    text, blocks = body_to_plain_text(
        "Voor het eind van het jaar worden de fabrieken in Atlanta en St. Louis gesloten. "
        "Volgend jaar volgt dhr. Jansen hem op.")
    source = ArticleSource(ArticleMeta("x", "x", dt.date(2006, 1, 23)), text, blocks, {})
    summaries = [t.summary for t in extract(source, load_pipeline("rules")).timeline]
    assert "Voor het eind van het jaar worden de fabrieken in Atlanta en St. Louis gesloten." in summaries
    assert any(s.startswith("Volgend jaar volgt dhr. Jansen hem op") for s in summaries)


# -- tense on Dutch newspaper copy (issue 20) --------------------------------------------------------

def test_weekday_in_an_announcement_for_what_is_to_come_lies_ahead(nlp):
    doc = run(nlp, "Voor zaterdag hebben de vakbonden een grote staking aangekondigd.", pub="2019-03-07")
    assert values(doc)["zaterdag"] == ("2019-03-09", None)


def test_weekday_announced_in_the_simple_past_stays_behind(nlp):
    doc = run(nlp, "Op dinsdag werden de nieuwe plannen aangekondigd.", pub="2019-03-07")
    assert values(doc)["dinsdag"] == ("2019-03-05", None)


def test_present_tense_clause_with_a_weekday_is_not_moved_by_a_past_clause(nlp):
    doc = run(nlp, "We moeten woensdag winnen, anders heeft de overwinning van zondag geen zin gehad.",
              pub="2019-04-01")
    assert values(doc)["woensdag"] == ("2019-04-03", None)


def test_range_between_two_years_is_one_expression_with_an_end(nlp):
    doc = run(nlp, "Tussen 2014 en 2017 groeide de gemeente snel.", pub="2019-04-01")
    assert values(doc) == {"Tussen 2014 en 2017": ("2014", "2017")}


def test_range_of_days_borrows_month_and_year_from_its_end(nlp):
    doc = run(nlp, "De voorstellingen lopen van 12 tot en met 22 april in de schouwburg.", pub="2019-04-01")
    assert values(doc) == {"van 12 tot en met 22 april": ("2019-04-12", "2019-04-22")}


def test_fiscal_quarter_told_in_the_past_after_the_publication_quarter_is_last_year(nlp):
    doc = run(nlp, "In het derde kwartaal steeg de winst van de bank flink.", pub="2019-04-01")
    assert values(doc)["het derde kwartaal"] == ("2018-Q3", None)


def test_perfect_tense_with_an_infinitive_for_a_participle_is_past(nlp):
    # 2022-01-25 is a Tuesday: "heeft maandag laten weten" is the day before, not next week
    doc = run(nlp, "De burgemeester heeft maandag laten weten dat hij in mei stopt.", pub="2022-01-25")
    assert values(doc)["maandag"] == ("2022-01-24", None)


def test_fractional_periods_and_a_few_years(nlp):
    doc = run(nlp, "Anderhalve maand geleden begon het. De afgelopen 2,5 jaar ging het mis. De laatste paar jaar "
                   "groeide de club.", pub="2022-04-04")
    found = values(doc)
    assert found["Anderhalve maand geleden"] == ("2022-02", None)
    assert found["De afgelopen 2,5 jaar"] == ("2019", "2022")
    assert found["De laatste paar jaar"] == ("2020", "2022")
    assert not [t for t in doc._.timexes if t.text == "De laatste paar jaar"][0].certain


def test_since_a_season_runs_to_the_publication_month(nlp):
    doc = run(nlp, "Sinds de zomer van 2020 staat het leeg. Sinds de zomer wordt er gebouwd.", pub="2022-04-04")
    found = values(doc)
    assert found["Sinds de zomer van 2020"] == ("2020-06", "2022-04")
    assert found["Sinds de zomer"] == ("2021-06", "2022-04")


def test_a_season_bounded_by_voor_or_na_is_the_nearest_one_in_the_clauses_tense(nlp):
    doc = run(nlp, "De gemeente Assen wil vóór de zomer een besluit nemen.", pub="2025-03-12")
    assert values(doc) == {"de zomer": ("2025-06", "2025-08")}
    doc = run(nlp, "De gemeente Assen wil na de zomer een besluit nemen.", pub="2025-10-12")
    assert values(doc) == {"de zomer": ("2026-06", "2026-08")}  # this summer is over: the next one
    doc = run(nlp, "Na de zomer daalden de prijzen in Assen flink.", pub="2025-03-12")
    assert values(doc) == {"de zomer": ("2024-06", "2024-08")}


def test_a_season_without_year_or_bound_is_any_season(nlp):
    found = values(run(nlp, "In de zomer is het druk op het strand van Zandvoort.", pub="2025-03-12"))
    assert not [v for v in found.values() if v[0]]  # recognised at most, never dated


def test_in_a_season_of_a_past_clause_is_the_last_one(nlp):
    doc = run(nlp, "In de zomer woonde de bakker nog in Zwolle.", pub="2025-03-12")
    assert values(doc) == {"de zomer": ("2024-06", "2024-08")}


def test_a_quotes_relative_days_count_from_the_day_its_attribution_names(nlp):
    doc = run(nlp, ",,Wij stemmen vandaag tegen het plan'', zei fractievoorzitter Marleen de Bruin gisteravond "
                   "in het stadhuis van Zwolle. ,,Morgen praten we verder met de wethouder.''", pub="2023-05-11")
    found = values(doc)
    assert found["gisteravond"] == ("2023-05-10", None)
    assert found["vandaag"] == ("2023-05-10", None)  # the evening she spoke, not the morning it was printed
    assert found["Morgen"] == ("2023-05-11", None)  # the next quote of the same speaker: the same evening


def test_a_quote_whose_attribution_names_no_day_counts_from_the_publication_date(nlp):
    doc = run(nlp, ",,Wij stemmen vandaag tegen het plan'', zei fractievoorzitter Marleen de Bruin in Zwolle. "
                   "Gisteren vergaderde de raad.", pub="2023-05-11")
    assert values(doc)["vandaag"] == ("2023-05-11", None)


def test_a_week_and_a_half_ahead_is_a_day_not_a_rounded_week(nlp):
    doc = run(nlp, "Over anderhalve week kiest de gemeenteraad van Deventer een nieuwe voorzitter.", pub="2023-05-11")
    assert values(doc)["Over anderhalve week"] == ("2023-05-21", None)


def test_playing_and_school_seasons_run_across_the_turn_of_the_year(nlp):
    doc = run(nlp, "Vorig seizoen degradeerde de club uit Almere. Dit schooljaar telt de school meer leerlingen "
                   "dan in het seizoen 2016/17.", pub="2019-03-30")
    found = values(doc)
    assert found["Vorig seizoen"] == ("2017", "2018")  # March 2019 lies in 2018/19
    assert found["Dit schooljaar"] == ("2018", "2019")
    assert found["2016/17"] == ("2016", "2017")
    autumn = values(run(nlp, "Volgend seizoen speelt de club in de eredivisie.", pub="2019-09-02"))
    assert autumn["Volgend seizoen"] == ("2020", "2021")


def test_a_weekday_between_an_article_and_a_participle_dates_the_participle(nlp):
    doc = run(nlp, "De bewoners klagen over het dinsdag ingestelde parkeerverbod. "
                   "De vrijdag is voor veel mensen de drukste dag.", pub="2023-05-10")
    found = values(doc)
    assert found["dinsdag"] == ("2023-05-09", None)  # the ban was set: done, so the last Tuesday
    assert "vrijdag" not in {text.lower() for text in found}
    planned = values(run(nlp, "De raad bespreekt het donderdag geplande debat over de haven.", pub="2023-05-10"))
    assert planned["donderdag"] == ("2023-05-11", None)


def test_a_weekday_without_tense_lies_ahead_only_within_a_few_days(nlp):
    # Wednesday 10 May 2023: no verb dates these scenes or plans
    found = values(run(nlp, "Dinsdagavond, een volle zaal in Hengelo. Zaterdag: de finale in Ahoy.", pub="2023-05-10"))
    assert found["Dinsdagavond"] == ("2023-05-09", None)  # six days ahead is "volgende week", so yesterday
    assert found["Zaterdag"] == ("2023-05-13", None)


def test_a_count_inside_a_quote_does_not_move_the_narratives_last_date(nlp):
    doc = run(nlp, "De buurvrouw vertelde zondagmorgen aan de wijkagent: 'Drie weken later stond de schuur nog "
                   "altijd open.' De volgende dag kwam de politie kijken.", pub="2023-05-10")
    assert values(doc)["De volgende dag"] == ("2023-05-08", None)


def test_a_bare_date_written_again_is_the_day_its_first_mention_named(nlp):
    doc = run(nlp, "De veerdienst vaart op 14 augustus weer naar Vlieland. Voor 14 augustus werden vorige maand "
                   "alle plaatsen verkocht.", pub="2023-03-28")
    assert [t.value for t in doc._.timexes if t.text == "14 augustus"] == ["2023-08-14", "2023-08-14"]


def test_a_bare_month_right_after_a_year_lies_in_that_year(nlp):
    found = values(run(nlp, "De directeur trad vorig jaar in december af. In 2015, in mei, opende de zaak.",
                       pub="2008-10-15"))
    assert found["december"] == ("2007-12", None)
    assert found["mei"] == ("2015-05", None)


def test_holidays_fixed_and_counted_from_easter(nlp):
    found = values(run(nlp, "Afgelopen Kerstmis sloot de winkel in Assen. De markt opent weer met Pasen 2024. "
                            "Tijdens de Stille Week zullen de kerken vol zitten. Met Pinksteren eten we samen.",
                       pub="2024-03-05"))
    assert found["Afgelopen Kerstmis"] == ("2023-12-25", None)
    assert found["Pasen 2024"] == ("2024-03-31", None)
    assert found["de Stille Week"] == ("2024-03-24", "2024-03-30")  # future tense: this year's, Palm Sunday on
    assert found["Pinksteren"] == (None, None)  # a habit, no particular Whitsun


def test_a_weekday_after_the_pronoun_het_is_a_date(nlp):
    found = values(run(nlp, "De gemeente zei dinsdag dat het donderdag een besluit zal nemen.", pub="2008-10-15"))
    assert found["donderdag"] == ("2008-10-16", None)  # weekdays take "de": "het" here is the subject


def test_up_to_and_including_a_year_and_the_christmas_days(nlp):
    found = values(run(nlp, "De brug blijft tot en met 2027 dicht. Tijdens de kerstdagen was het museum gesloten.",
                       pub="2025-01-06"))
    assert found["2027"] == ("2027", None)
    assert found["de kerstdagen"] == ("2024-12-25", "2024-12-26")


def test_the_turn_of_the_year_runs_into_the_next_year(nlp):
    found = values(run(nlp, "Rond de jaarwisseling was het rustig op straat. Oud en nieuw vieren we thuis.",
                       pub="2023-01-09"))
    assert found["de jaarwisseling"] == ("2022-12-31", "2023-01-01")  # past tense: the one just gone
    assert found["Oud en nieuw"] == (None, None)  # a habit, no particular year
    found = values(run(nlp, "De winkels gaan rond de jaarwisseling eerder dicht.", pub="2023-11-20"))
    assert found["de jaarwisseling"] == ("2023-12-31", "2024-01-01")


def test_a_range_never_ends_before_it_begins(nlp):
    found = values(run(nlp, "Van januari tot en met maart 2018 daalde de omzet. Van november tot februari is de "
                            "ijsbaan in Deventer open.", pub="2019-04-03"))
    assert found["Van januari tot en met maart 2018"] == ("2018-01", "2018-03")
    assert found["Van november tot februari"] == ("2018-11", "2019-02")


def test_a_date_far_past_the_cue_is_not_the_day_of_speaking(nlp):
    doc = run(nlp, ",,Vandaag is een feestdag'', zei de burgemeester van Zwolle tijdens een lange toespraak in het "
                   "stadhuis over de heropening van de oude brug op 3 maart.", pub="2023-05-11")
    assert values(doc)["Vandaag"] == ("2023-05-11", None)


def test_fiscal_quarters_and_years_are_named_by_their_number(nlp):
    found = values(run(nlp, "De bank boekte in het derde fiscale kwartaal verlies. Het eerste kwartaal van het "
                            "fiscale jaar 2026 wordt zwak.", pub="2025-11-20"))
    assert found["het derde fiscale kwartaal"] == ("2025-Q3", None)
    assert found["Het eerste kwartaal van het fiscale jaar 2026"] == ("2026-Q1", None)


def test_the_first_months_or_quarters_of_a_year_are_one_period(nlp):
    found = values(run(nlp, "In de eerste negen maanden van 2024 steeg de omzet. De eerste drie kwartalen van dit "
                            "jaar waren goed.", pub="2025-11-20"))
    assert found["de eerste negen maanden van 2024"] == ("2024-01", "2024-09")
    assert found["De eerste drie kwartalen van dit jaar"] == ("2025-Q1", "2025-Q3")


def test_a_name_that_ends_like_a_past_form_does_not_set_the_tense(nlp):
    doc = run(nlp, "De fietstocht vertrekt op 21 juni uit Lichtenvoorde.", pub="2023-03-28")
    assert values(doc)["21 juni"] == ("2023-06-21", None)


def test_a_plural_tagged_past_but_spelled_like_its_infinitive_is_present():
    """The morphologizer sometimes tags a present plural ("ze sluiten") as past; the lemma tells them
    apart, because only the present plural is spelled like the infinitive."""
    import spacy
    from spacy.tokens import Doc

    from pelican.plugins.explainer.extraction.components.timeline.resources import load_resources
    from pelican.plugins.explainer.extraction.components.timeline.tense import TenseDetector

    tense = TenseDetector(load_resources("nl"))
    vocab = spacy.blank("nl").vocab
    words = ["De", "winkels", "sluiten", "op", "zaterdag", "."]
    morphs = ["", "Number=Plur", "Number=Plur|Tense=Past|VerbForm=Fin", "", "", ""]
    present = Doc(vocab, words=words, morphs=morphs, lemmas=["de", "winkel", "sluiten", "op", "zaterdag", "."])
    assert tense.tense_of_tokens(present) == "present"
    words[2], morphs[2] = "sloten", "Number=Plur|Tense=Past|VerbForm=Fin"
    past = Doc(vocab, words=words, morphs=morphs, lemmas=["de", "winkel", "sluiten", "op", "zaterdag", "."])
    assert tense.tense_of_tokens(past) == "past"


def test_a_weak_past_plural_the_lemmatizer_does_not_know_stays_past():
    """"zegden" (lemma left as "zegden") ends like an infinitive, but its -den after a consonant is the weak
    past: the past tag stands, where "sluiten" tagged past is a present plural."""
    import spacy
    from spacy.tokens import Doc

    from pelican.plugins.explainer.extraction.components.timeline.resources import load_resources
    from pelican.plugins.explainer.extraction.components.timeline.tense import TenseDetector

    tense = TenseDetector(load_resources("nl"))
    vocab = spacy.blank("nl").vocab
    words = ["De", "banken", "zegden", "de", "leningen", "op", "."]
    morphs = ["", "Number=Plur", "Number=Plur|Tense=Past|VerbForm=Fin", "", "", "", ""]
    lemmas = ["de", "bank", "zegden", "de", "lening", "op", "."]
    assert tense.tense_of_tokens(Doc(vocab, words=words, morphs=morphs, lemmas=lemmas)) == "past"
    words[2] = lemmas[2] = "openen"
    assert tense.tense_of_tokens(Doc(vocab, words=words, morphs=morphs, lemmas=lemmas)) == "present"


def test_a_date_opening_a_period_in_a_present_clause_is_the_next_one(nlp):
    doc = run(nlp, "Het zwembad in Hoorn sluit de sauna per 1 januari.", pub="2021-10-05")
    assert values(doc)["1 januari"] == ("2022-01-01", None)
    doc = run(nlp, "Het zwembad sloot de sauna per 1 januari.", pub="2021-10-05")
    assert values(doc)["1 januari"] == ("2021-01-01", None)


def test_a_present_modal_with_a_perfect_infinitive_is_no_past_tense(nlp):
    doc = run(nlp, "Volgens het contract moeten de bouwers op 1 juni vertrokken zijn.", pub="2020-03-10")
    assert values(doc)["1 juni"] == ("2020-06-01", None)
    doc = run(nlp, "Volgens het contract zijn de bouwers op 1 juni vertrokken.", pub="2020-03-10")
    assert values(doc)["1 juni"] == ("2019-06-01", None)


def test_nouns_in_kunde_are_no_past_forms(nlp):
    doc = run(nlp, "De faculteit geneeskunde opent op 20 december een nieuw lab.", pub="2023-10-02")
    assert values(doc)["20 december"] == ("2023-12-20", None)


def test_a_date_the_text_gives_only_roughly_is_vague(nlp):
    rough = run(nlp, "De al 20 jaar durende verbouwing van het stadhuis is eindelijk klaar.")._.timeline
    coming = run(nlp, "De gemeente wil de komende decennia duizenden woningen bouwen.")._.timeline
    exact = run(nlp, "Op 3 mei 2021 opende de nieuwe brug over de IJssel.")._.timeline
    assert [(t.expression, t.vague) for t in rough] == [("al 20 jaar durende", True)]
    assert [t.vague for t in coming] == [True]
    assert [(t.expression, t.vague) for t in exact] == [("3 mei 2021", False)]
    assert rough[0].to_json()["vague"] is True and "vague" not in exact[0].to_json()


def test_hebben_with_a_separable_participle_the_tagger_reads_as_a_noun_is_past():
    """A weak tagger reads "meegedeeld" as a noun: "heeft" and a separable verb's participle near it still
    make a perfect tense, so "vrijdag" lies before publication."""
    import spacy
    from spacy.tokens import Doc

    from pelican.plugins.explainer.extraction.components.timeline.resources import load_resources
    from pelican.plugins.explainer.extraction.components.timeline.tense import TenseDetector

    tense = TenseDetector(load_resources("nl"))
    vocab = spacy.blank("nl").vocab
    words = ["Dat", "heeft", "de", "directie", "vrijdag", "aan", "het", "personeel", "meegedeeld", "."]
    morphs = ["", "Number=Sing|Tense=Pres|VerbForm=Fin", "", "", "", "", "", "", "Number=Sing", ""]
    pos = ["PRON", "AUX", "DET", "NOUN", "PROPN", "ADP", "DET", "NOUN", "NOUN", "PUNCT"]
    assert tense.tense_of_tokens(Doc(vocab, words=words, morphs=morphs, pos=pos)) == "past"
    words[8] = "aangekondigd"  # announcing: what is to come
    assert tense.tense_of_tokens(Doc(vocab, words=words, morphs=morphs, pos=pos)) != "past"


def test_a_date_opening_a_period_in_a_plan_with_te_lies_ahead_of_a_past_decision(nlp):
    doc = run(nlp, "De gemeenteraad heeft dinsdag beslist om het zwembad vanaf 1 september te sluiten.",
              pub="2024-04-10")
    assert values(doc)["vanaf 1 september"] == ("2024-09-01", None)
    doc = run(nlp, "Het zwembad was vanaf 1 september gesloten.", pub="2024-04-10")
    assert values(doc)["vanaf 1 september"] == ("2023-09-01", None)


def test_since_a_month_without_a_year_ends_in_the_publication_month(nlp):
    found = values(run(nlp, "De bond staakt sinds februari. Sinds april 2019 daalt de omzet.", pub="2024-06-12"))
    assert found["sinds februari"] == ("2024-02", "2024-06")
    assert found["Sinds april 2019"] == ("2019-04", "2024")


def test_a_school_holiday_with_an_article_is_the_nearest_one_in_months_and_uncertain(nlp):
    doc = run(nlp, "De bond plant acties tijdens de paasvakantie. Vorige zomervakantie bleef het rustig. "
                   "Bewaar de foto's van je zomervakantie. In de kerstvakantie is het altijd druk.", pub="2025-01-29")
    found = values(doc)
    assert found["de paasvakantie"] == ("2025-04", None)
    assert found["Vorige zomervakantie"] == ("2024-07", "2024-08")
    assert not any("zomervakantie" in t.text and t.text != "Vorige zomervakantie" for t in doc._.timexes)
    assert found["de kerstvakantie"] == (None, None)  # any Christmas holiday: no date
    assert all(not t.certain for t in doc._.timexes)


def test_an_announcing_participle_points_ahead_only_a_date_a_preposition_governs(nlp):
    """"heeft vrijdag aangekondigd" says when the announcing happened; "voor vrijdag aangekondigd" and
    "uitgesteld tot februari" name what is to come."""
    doc = run(nlp, "Dat heeft de schepen vrijdag aangekondigd. De bonden hebben voor donderdag een staking aangekondigd. "
                   "De opening is uitgesteld tot februari.", pub="2019-10-14")
    found = values(doc)
    assert found["vrijdag"] == ("2019-10-11", None)
    assert found["donderdag"] == ("2019-10-17", None)
    assert found["februari"] == ("2020-02", None)


def test_a_capitalised_name_tagged_as_a_past_verb_does_not_block_an_announced_date():
    """"overleg in Namen": the tagger may read the town as the past plural "namen"; a name is no verb."""
    import spacy
    from spacy.tokens import Doc

    from pelican.plugins.explainer.extraction.components.timeline.resources import load_resources
    from pelican.plugins.explainer.extraction.components.timeline.tense import TenseDetector

    tense = TenseDetector(load_resources("nl"))
    vocab = spacy.blank("nl").vocab
    words = ["Hij", "heeft", "de", "directie", "uitgenodigd", "voor", "overleg", "in", "Namen", "."]
    morphs = ["", "Number=Sing|Tense=Pres|VerbForm=Fin", "", "", "VerbForm=Part", "", "", "",
              "Number=Plur|Tense=Past|VerbForm=Fin", ""]
    pos = ["PRON", "AUX", "DET", "NOUN", "VERB", "ADP", "NOUN", "ADP", "VERB", "PUNCT"]
    assert tense.tense_of_tokens(Doc(vocab, words=words, morphs=morphs, pos=pos), governed=True) == "future"
    assert tense.tense_of_tokens(Doc(vocab, words=words, morphs=morphs, pos=pos), governed=False) == "past"


def test_sinds_a_day_without_a_year_ends_on_the_publication_day(nlp):
    """"sinds 3 april" runs for weeks, not to the end of the year; with a year given the period ends in the
    publication year as before."""
    doc = run(nlp, "De grens is sinds 3 april dicht. De haven ligt sinds 9 mei 2019 stil.", pub="2021-06-17")
    found = values(doc)
    assert found["sinds 3 april"] == ("2021-04-03", "2021-06-17")
    assert found["sinds 9 mei 2019"] == ("2019-05-09", "2021")


def test_tot_before_a_month_points_ahead_in_a_present_clause(nlp):
    """"blijft tot eind maart", written in November: the coming March; in a past clause the last one."""
    doc = run(nlp, "De korting blijft tot eind maart gelden.", pub="2021-10-20")
    assert values(doc)["eind maart"] == ("2022-03", None)
    doc = run(nlp, "Zij werkte tot eind maart bij de bank.", pub="2021-10-20")
    assert values(doc)["eind maart"] == ("2021-03", None)
