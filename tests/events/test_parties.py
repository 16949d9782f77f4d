"""Parties the dictionary does not name: cities standing for their country, unnamed groups of
people coded as the state they face, and the roles around them."""
from __future__ import annotations

from .conftest import codes


def _one(evs, event):
    found = [e for e in evs if e.event == event]
    assert found, [(e.event, e.cameo) for e in evs]
    return found[0]


# --- cities as places of their country
def test_a_city_an_act_is_done_in_is_the_recipient_country(code):
    ev = _one(code("Gbagbo said he will extend the night-time curfew in Abidjan.", {"Gbagbo": "CIV"}), "THREATEN")
    assert codes(ev.recipient) == ["CIV"] and ev.recipient[0].via == "place"


def test_violence_with_no_named_perpetrator_is_coded_by_the_town_it_happened_near(code):
    ev = _one(code("A roadside bombing near the town of Samarra killed one U.S. soldier.", {"U.S.": "USA"}),
              "ASSAULT")
    assert codes(ev.actor) == ["IRQ"] and codes(ev.recipient) == ["USA"]


def test_a_place_name_inside_a_persons_name_is_no_place(nlp):
    from eventscope.events.parties import place_mentions

    doc = nlp("Kenzo Oshima, the relief coordinator, demanded a ceasefire.")
    assert place_mentions(doc, []) == []


def test_a_capitals_own_name_wins_over_another_citys_spelling(nlp):
    from eventscope.events.parties import place_mentions

    doc = nlp("Prisoners rioted at a jail in Dili on Monday.")
    assert [m.code for m in place_mentions(doc, [])] == ["TLS"]


def test_an_unnamed_body_seated_in_a_city_takes_its_country(code):
    ev = _one(code("A newspaper based in Beirut criticised Michel Aoun.", {"Michel Aoun": "LBN"}), "ACCUSE")
    assert codes(ev.actor) == ["LBN"]


def test_an_unnamed_person_killed_in_a_city_is_of_that_country(code):
    ev = _one(code("A prominent journalist has been killed in a car bomb explosion in eastern Beirut.", {}),
              "ASSAULT")
    assert codes(ev.actor) == ["LBN"] and codes(ev.recipient) == ["LBN"]


def test_an_agentless_conflictual_passive_is_done_by_the_place(code):
    ev = _one(code("A US national has been arrested in Italy for her role in rioting.", {"US": "USA", "Italy": "ITA"}),
              "COERCE")
    assert codes(ev.actor) == ["ITA"] and codes(ev.recipient) == ["USA"]


# --- unnamed groups facing a state
def test_an_unnamed_group_protesting_a_government_is_its_own_people(code):
    ev = _one(code("Islamic fundamentalists continued their hunger strike to demand the resignation of "
                   "Algerian President Ahmed Ben Bella.", {"Ahmed Ben Bella": "DZA"}), "PROTEST")
    assert codes(ev.actor) == ["DZA"] and ev.actor[0].via == "group"


def test_a_group_of_refugees_is_found_through_of(code):
    ev = _one(code("A group of refugees are continuing a hunger strike in protest of the Russian government's "
                   "refusal.", {"Russian government": "RUS"}), "PROTEST")
    assert codes(ev.actor) == ["RUS"]


def test_rebels_whose_demands_a_government_accepts_are_its_own(code):
    ev = _one(code("The Mozambique government on Thursday accepted demands from Shona rebels.",
                   {"Mozambique government": "MOZ"}), "CONCEDE")
    assert codes(ev.actor) == ["MOZ"] and codes(ev.recipient) == ["MOZ"]


def test_an_unnamed_group_facing_no_state_gets_no_country(nlp):
    from eventscope.events.parties import domestic, group_mentions
    from eventscope.model import Mention

    (group,) = group_mentions(nlp("Students marched."), set())
    assert domestic([group], [Mention("Hamas", (0, 5), "PSE", "REB")]) == []
    assert domestic([group], [Mention("UN", (0, 2), "IGO", None)]) == []
    assert [m.code for m in domestic([group], [Mention("Turkish police", (0, 14), "TUR", "COP")])] == ["TUR"]


def test_a_group_with_a_nationality_is_no_unnamed_group(nlp):
    from eventscope.events.parties import group_mentions

    doc = nlp("Turkish students marched.")
    assert group_mentions(doc, {0}) == []


# --- roles around them
def test_the_possessor_of_an_ally_is_the_other_party(code):
    ev = _one(code("Hezbollah guerrillas killed the deputy chief of Israel's militia ally in southern Lebanon.",
                   {"Hezbollah guerrillas": "LBN", "Israel": "ISR", "Lebanon": "LBN"}), "ASSAULT")
    assert codes(ev.recipient) == ["LBN"]


def test_a_demanded_withdrawal_is_asked_of_those_who_withdraw(code):
    ev = _one(code("The European Community demanded the withdrawal of Serbian forces from Bosnia.",
                   {"European Community": "IGO", "Serbian": "SRB", "Bosnia": "BIH"}), "REQUEST")
    assert codes(ev.recipient) == ["SRB"]


def test_a_noun_phrase_found_down_the_object_gives_all_its_members(code):
    ev = _one(code("Morocco would host a meeting between an Israeli peace movement and the PLO.",
                   {"Morocco": "MAR", "Israeli": "ISR", "PLO": "PSE"}), "CONSULT")
    assert codes(ev.recipient) == ["ISR", "PSE"]


def test_a_circumstance_clause_gives_no_recipient(code):
    ev = _one(code("Hungary eased emergency measures on Monday in Vojvodina province, the scene of clashes last "
                   "year, as police in Romania cracked down on Hungarian protesters.",
                   {"Hungary": "HUN", "Vojvodina": "SRB", "Romania": "ROU", "Hungarian": "HUN"}), "CONCEDE")
    assert codes(ev.recipient) == ["SRB"]


def test_the_counterpart_of_talks_after_which_one_concedes(code):
    ev = _one(code("The union has called off a four-day strike after deliberations with the Nigerian government.",
                   {"union": "NGA", "Nigerian government": "NGA"}), "CONCEDE")
    assert codes(ev.recipient) == ["NGA"]


def test_a_preposition_left_without_object_takes_the_next_noun_phrase(code):
    ev = _one(code("Peru has granted diplomatic asylum to five Panamanian army officers holed up in a residence.",
                   {"Peru": "PER", "Panamanian army officers": "PAN"}), "AID")
    assert codes(ev.recipient) == ["PAN"]


def test_a_participle_clause_goes_on_with_its_heads_target(code):
    evs = code("Vietnamese forces launched artillery and rocket fire against Kampuchean guerrilla camps near the "
               "border, killing or wounding 50.", {"Vietnamese": "VNM", "Kampuchean": "KHM"})
    assert len(evs) == 2 and all(codes(e.recipient) == ["KHM"] for e in evs)
