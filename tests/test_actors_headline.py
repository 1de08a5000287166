"""Where the headline names an actor (extraction/components/actors/headline.py): the site ranks the
people a headline names first, from ``Actor.headline_position``, without reading the title itself."""
from __future__ import annotations

from pelican.plugins.explainer.extraction.components.actors.headline import headline_position, mark_headline
from pelican.plugins.explainer.extraction.model import Actor, Extraction

TITLE = "Wethouder De Wit opent brug in Zwolle, Provincie Overijssel betaalt mee"


def test_the_headline_position_counts_words_from_the_start_of_the_title():
    wit = Actor("anna-de-wit", "Anna de Wit", "person", aliases=["De Wit"])
    province = Actor("provincie-overijssel", "Provincie Overijssel", "organisation")
    assert headline_position(wit, TITLE) == 1
    assert headline_position(province, TITLE) == 7
    assert headline_position(Actor("zwolle", "Zwolle", "place"), TITLE) == 6


def test_a_person_is_found_by_surname_and_an_absent_actor_is_not_placed():
    bakker = Actor("piet-bakker", "Piet Bakker", "person")
    assert headline_position(bakker, "Bakker treedt af als voorzitter") == 0
    assert headline_position(Actor("bakker-bv", "Bakker", "organisation"), "Bakkerij sluit") is None
    assert headline_position(bakker, "") is None


def test_the_position_travels_in_the_extraction_json():
    actors = mark_headline([Actor("zwolle", "Zwolle", "place"), Actor("deventer", "Deventer", "place")], TITLE)
    assert [a.headline_position for a in actors] == [6, None]
    data = [a.to_json() for a in actors]
    assert data[0]["headline_position"] == 6 and "headline_position" not in data[1]
    again = Extraction.from_json({"article": {"slug": "x", "title": TITLE, "date": None}, "text": "",
                                  "actors": data, "quotes": [], "timeline": []})
    assert [a.headline_position for a in again.actors] == [6, None]
