"""Official short names of states, historical bodies, armed groups and parties, territories."""
from __future__ import annotations

import pytest

from .conftest import find


@pytest.mark.parametrize("text, phrase, code", [
    ("The PRC demanded talks with Taipei.", "PRC", "CHN"),
    ("The ROK and the DPRK met at the border.", "ROK", "KOR"),
    ("The UAE signed the accord.", "UAE", "ARE"),
    ("The FRY rejected the ultimatum.", "FRY", "SCG"),
    ("The KSA announced new quotas.", "KSA", "SAU"),
])
def test_official_short_names_of_states_are_the_state(annotate, text, phrase, code):
    assert [m.code for m in find(annotate(text), phrase)] == [code]


@pytest.mark.parametrize("phrase", ["European Community", "EEC", "CSCE", "Warsaw Pact", "OAU",
                                    "International Labor Office", "Comecon"])
def test_historical_international_bodies_are_igos(annotate, phrase):
    assert [m.code for m in find(annotate(f"The {phrase} demanded a ceasefire."), phrase)] == ["IGO"]


@pytest.mark.parametrize("text, phrase, code, sector", [
    ("Hamas fired rockets overnight.", "Hamas", "PSE", "REB"),
    ("The Taliban attacked a checkpoint.", "Taliban", "AFG", "REB"),
    ("Hezbollah denied it.", "Hezbollah", "LBN", "REB"),
    ("The rebel Kurdistan Workers' Party demanded talks.", "Kurdistan Workers' Party", "TUR", "REB"),
    ("He will lift the ban on the Islamic Salvation Front (FIS).", "FIS", "DZA", "OPP"),
    ("The Knesset approved the bill.", "Knesset", "ISR", "LEG"),
])
def test_armed_groups_parties_and_institutions_have_a_country_and_sector(annotate, text, phrase, code, sector):
    assert [(m.code, m.sector) for m in find(annotate(text), phrase)] == [(code, sector)]


def test_an_arabic_article_in_lower_case_does_not_hide_a_group(annotate):
    assert [m.code for m in find(annotate("Bin Laden's al-Qaeda threatened Washington."), "al-Qaeda")] == ["IMG"]


def test_a_leader_of_an_armed_group_is_coded_with_the_group(annotate):
    a = annotate("Hamas leaders rejected the offer.")
    assert [(m.code, m.sector) for m in find(a, "Hamas leaders")] == [("PSE", "REB")]


def test_a_national_legislature_keeps_its_sector(annotate):
    assert [(m.code, m.sector) for m in find(annotate("The US Congress approved it."), "US Congress")] == [
        ("USA", "LEG")]


def test_territories_that_act_are_coded_as_their_state(annotate):
    a = annotate("Israel attacked the Gaza Strip, and Nakhichevan protested.")
    assert [(m.text, m.code) for m in a.actors if m.text != "Israel"] == [("Gaza Strip", "PSE"), ("Nakhichevan", "AZE")]


def test_common_words_among_phoenix_group_aliases_are_not_groups(annotate):
    a = annotate("Organization matters. Lightning struck on Black Friday and the Senate met.")
    assert a.actors == []


def test_a_city_stays_a_place_where_it_does_not_act(annotate):
    assert annotate("Rockets fell on Tel Aviv, in Gaza City and in Mexico City.").actors == []


@pytest.mark.parametrize("text, phrase, code", [
    ("The Emirates and Saudi Arabia restored ties.", "Emirates", "ARE"),
    ("Kampuchean guerrillas attacked the border post.", "Kampuchean guerrillas", "KHM"),
    ("Vietnam withdrew its troops from Kampuchea.", "Kampuchea", "KHM"),
    ("Chechen refugees staged a hunger strike.", "Chechen refugees", "RUS"),
])
def test_short_historical_and_resident_names_of_states(annotate, text, phrase, code):
    assert [m.code for m in find(annotate(text), phrase)] == [code]


@pytest.mark.parametrize("text, country", [
    ("A prominent anti-Syria journalist was killed in Beirut.", "SYR"),
    ("Pro-Iran militias attacked the base.", "IRN"),
    ("An anti-American cleric led the protest.", "USA"),
])
def test_a_stance_towards_a_state_is_no_member_of_it(annotate, text, country):
    assert country not in [m.code for m in annotate(text).actors]
