"""A title before a name that the dictionary knows only by surname, or not at all."""
from __future__ import annotations

from .conftest import find


def test_a_title_and_a_known_surname_name_the_one_person_who_fits(annotate):
    m = find(annotate("President Kagame left for Kampala.", "2005-01-01"), "Kagame")
    assert [(x.name, x.code, x.sector, x.via) for x in m] == [("Paul Kagame", "RWA", "GOV", "surname")]


def test_a_person_known_by_one_name_is_found_only_after_a_title(annotate):
    assert [x.code for x in find(annotate("President Suharto resigned.", "1998-05-21"), "Suharto")] == ["IDN"]
    assert find(annotate("Suharto resigned.", "1998-05-21"), "Suharto") == []


def test_a_surname_two_people_share_is_left_alone(annotate):
    assert find(annotate("President Bush spoke.", "2000-01-01"), "Bush") == []


def test_the_country_after_the_name_decides(annotate):
    a = annotate("King Hassan of Morocco met Jordanian officials.", "1995-01-01")
    assert [(x.code, x.sector) for x in find(a, "Hassan")] == [("MAR", "GOV")]


def test_a_judge_with_an_unknown_name_takes_the_country_of_the_sentence(annotate):
    a = annotate("Judge Alejandro Rivera opened investigations against 28 Chilean government officials.")
    assert [(x.code, x.sector, x.via) for x in find(a, "Alejandro Rivera")] == [("CHL", "JUD", "title")]


def test_a_president_with_an_unknown_name_does_not_take_the_sentence_country(annotate):
    a = annotate("Team president Stan Kasten said the Washington offer to the Dominican player stands.")
    assert find(a, "Stan Kasten") == []


def test_of_two_titles_before_a_name_the_last_takes_it(annotate):
    a = annotate("Indian forces repulsed the pirates, navy spokesman Commander Nirad Sinha said.")
    assert [x.text for x in a.actors if "Sinha" in x.text] == []  # a commander acts abroad: no guess


def test_a_leaders_surname_before_administration_is_that_government(annotate):
    a = annotate("The Bush administration said China must drop barriers to U.S. exports.", "2002-01-01")
    assert [(x.code, x.sector) for x in find(a, "Bush administration")] == [("USA", "GOV")]


def test_a_phoenix_phrase_with_a_title_is_never_taken_for_a_namesake(annotate):
    a = annotate("President Bill Clinton ordered new sanctions.", "1998-01-01")
    assert [(x.code, x.sector) for x in a.actors] == [("USA", "GOV")]


def test_an_office_before_a_name_is_absorbed_by_the_person(annotate):
    a = annotate("US Defence Secretary Robert Gates said intelligence was needed.", "2008-12-01")
    assert [x.text for x in a.actors] == ["Robert Gates"] and a.actors[0].code == "USA"


def test_a_state_office_without_a_name_is_that_state(annotate):
    a = annotate("Haniyeh refused a demand from the US President.", "2006-04-01")
    assert [(x.code, x.sector) for x in find(a, "US President")] == [("USA", "GOV")]
