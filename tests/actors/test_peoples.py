"""Peoples coded by the country they live in (CAMEO/PLOVER practice)."""
from __future__ import annotations

from .conftest import find


def test_a_nationality_before_a_foreign_demonym_is_the_country_of_residence(annotate):
    a = annotate("Bosnian Serbs shelled the town.")
    assert [(x.text, x.code) for x in a.actors] == [("Bosnian Serbs", "BIH")]


def test_ethnic_group_takes_the_country_it_lives_in(annotate):
    a = annotate("Ethnic Albanians attacked villages near Macedonia.")
    assert [(x.code, x.sector) for x in find(a, "Ethnic Albanians")] == [("MKD", "CVL")]


def test_ethnic_group_takes_the_country_the_sentence_names_most(annotate):
    a = annotate("Up to 1,000 ethnic Turks protested against Sweden's decision to send them back to Bulgaria.")
    assert [x.code for x in find(a, "ethnic Turks")] == ["SWE"]


def test_ethnic_armed_group_keeps_its_sector(annotate):
    a = annotate("Ethnic Albanian guerrillas withdrew from villages in Macedonia.")
    assert [(x.code, x.sector) for x in find(a, "Ethnic Albanian guerrillas")] == [("MKD", "REB")]


def test_ethnic_group_with_no_other_country_is_not_coded(annotate):
    assert find(annotate("Ethnic Albanians marched."), "Albanians") == []


def test_demonym_of_a_country_is_that_countrys_people(annotate):
    a = annotate("Albanians of southern Serbia demanded autonomy.")
    assert [x.code for x in find(a, "Albanians")] == ["SRB"]


def test_nationals_abroad_keep_their_own_country(annotate):
    assert [x.code for x in find(annotate("Americans in Iraq were attacked."), "Americans")] == ["USA"]


def test_plural_demonyms_are_known(annotate):
    assert [x.code for x in find(annotate("Young Algerians blocked roads."), "Algerians")] == ["DZA"]
