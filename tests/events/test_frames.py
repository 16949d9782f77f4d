"""eventscope's own verb frames (extra.yaml ``patterns``), light verbs and governed complements:
one sentence of general news English per CAMEO family touched."""
from __future__ import annotations

import pytest

from .conftest import codes

CASES = [
    ("Belgrade relaxed the curfew in Novi Pazar on Friday.", {"Belgrade": "SRB", "Novi Pazar": "SRB"},
     "CONCEDE", "0813"),
    ("The junta eased the state of emergency in Mandalay.", {"junta": "MMR", "Mandalay": "MMR"}, "CONCEDE", "0814"),
    ("The Nepalese cabinet accepted the demands of the striking teachers.",
     {"Nepalese cabinet": "NPL", "teachers": "NPL"}, "CONCEDE", "083"),
    ("Caracas welcomed a team of election observers from the Organization of American States.",
     {"Caracas": "VEN", "Organization of American States": "IGO"}, "RETREAT", "0862"),
    ("Thousands of Zimbabwean rebels were demobilized last year.", {"Zimbabwean rebels": "ZWE"}, "RETREAT", "0873"),
    ("The Kenyan opposition dismissed a call from the government for dialogue.",
     {"Kenyan opposition": "KEN", "government": "KEN"}, "REJECT", "120"),
    ("Miners in Bolivia defied a ban on street marches.", {"Miners in Bolivia": "BOL"}, "REJECT", "128"),
    ("Farmers blocked the main highway into Lima.", {"Farmers": "PER", "Lima": "PER"}, "PROTEST", "144"),
    ("Inmates rioted in a prison outside Caracas.", {"Inmates": "VEN", "Caracas": "VEN"}, "PROTEST", "145"),
    ("Turkey reinforced its troops along the Syrian border.", {"Turkey": "TUR", "Syrian": "SYR"}, "MOBILIZE", "154"),
    ("Sweden suspended development aid to Mali.", {"Sweden": "SWE", "Mali": "MLI"}, "SANCTION", "162"),
    ("Tehran expelled two inspectors of the nuclear agency.", {"Tehran": "IRN", "nuclear agency": "IGO"},
     "SANCTION", "1662"),
    ("Rebel fighters recaptured the town of Kidal.", {"Rebel fighters": "MLI", "Kidal": "MLI"}, "COERCE", "192"),
]


@pytest.mark.parametrize("text,actors,event,cameo", CASES)
def test_own_frames_code_their_cameo_family(code, text, actors, event, cameo):
    evs = code(text, actors)
    assert any(e.event == event and e.cameo == cameo for e in evs), [(e.event, e.cameo) for e in evs]


def test_an_intended_blockade_is_a_threat(code):
    evs = code("The alliance said it would tighten its naval blockade of Yemen.", {"alliance": "IGO", "Yemen": "YEM"})
    assert [e.event for e in evs] == ["THREATEN"] and codes(evs[0].recipient) == ["YEM"]


def test_light_verb_with_under_takes_the_event_noun(code):
    evs = code("A Greek businessman has been put under investigation in Cyprus.", {"Greek businessman": "GRC"})
    assert [e.event for e in evs] == ["ACCUSE"] and codes(evs[0].recipient) == ["GRC"]


def test_light_verb_takes_a_nominalised_verb(code):
    evs = code("The Chinese premier paid a visit to Nairobi.", {"Chinese premier": "CHN", "Nairobi": "KEN"})
    assert [e.event for e in evs] == ["CONSULT"] and codes(evs[0].actor) == ["CHN"]


def test_issuing_a_statement_is_no_event_but_what_it_demands_is(code):
    evs = code("The union issued a statement demanding that the Kenyan government raise wages.",
               {"union": "KEN", "Kenyan government": "KEN"})
    assert [e.event for e in evs] == ["REQUEST"]


def test_reported_obligation_with_an_uncoded_verb_is_a_demand(code):
    (ev,) = code("Tokyo declared that Seoul must scrap the new tariffs.", {"Tokyo": "JPN", "Seoul": "KOR"})
    assert ev.event == "REQUEST" and codes(ev.actor) == ["JPN"] and codes(ev.recipient) == ["KOR"]


def test_a_speech_verb_with_a_demand_frame_governs_the_demanded_action(code):
    (ev,) = code("The African Union reiterated its demand that Khartoum withdraw its troops.",
                 {"African Union": "IGO", "Khartoum": "SDN"})
    assert ev.event == "REQUEST" and codes(ev.actor) == ["IGO"] and codes(ev.recipient) == ["SDN"]


def test_pressuring_someone_to_act_is_a_demand(code):
    evs = code("Brussels is pressuring Warsaw to reform its courts.", {"Brussels": "IGO", "Warsaw": "POL"})
    assert evs and evs[0].event == "REQUEST" and codes(evs[0].recipient) == ["POL"]


def test_claims_and_oaths_of_office_are_not_accusations(code):
    assert code("The Ghanaian president was sworn in on Monday.", {"Ghanaian president": "GHA"}) == []
    evs = code("The Somali militia claims to control the port.", {"Somali militia": "SOM"})
    assert all(e.event != "ACCUSE" for e in evs)


def test_nominal_participles_are_not_events(code):
    evs = code("Red Cross helicopters evacuated the wounded from Gorazde.", {"Red Cross": "IGO", "Gorazde": "BIH"})
    assert all(e.event != "ASSAULT" for e in evs)
