"""Pattern families: verbs coded by their frames (Phoenix-derived lexicon), one per PLOVER family."""
from __future__ import annotations

import pytest

from .conftest import codes

CASES = [
    ("Serbia condemned the decision of Croatia.", {"Serbia": "SRB", "Croatia": "HRV"}, "ACCUSE", "111"),
    ("Zimbabwe accused the United States of blackmail.", {"Zimbabwe": "ZWE", "the United States": "USA"}, "ACCUSE", "112"),
    ("Israeli soldiers arrested 100 Palestinians in Hebron.", {"Israeli": "ISR", "Palestinians": "PSE"}, "COERCE", "173"),
    ("Argentina has apologized to Brazil.", {"Argentina": "ARG", "Brazil": "BRA"}, "SUPPORT", "055"),
    ("Peru has granted asylum to five Panamanian officers.", {"Peru": "PER", "Panamanian": "PAN"}, "AID", "075"),
    ("Jordan signed a defence treaty with Britain.", {"Jordan": "JOR", "Britain": "GBR"}, "COOPERATE", "062"),
    # approving a project is approving a plan (intent to cooperate), not yielding
    ("Serbia approved a gas pipeline project with Hungary.", {"Serbia": "SRB", "Hungary": "HUN"}, "AGREE", "030"),
]


@pytest.mark.parametrize("text,actors,event,cameo", CASES)
def test_verb_frames_code_the_plover_family(code, text, actors, event, cameo):
    evs = [e for e in code(text, actors) if e.event == event]
    assert evs, [(e.event, e.cameo) for e in code(text, actors)]
    assert evs[0].cameo == cameo


def test_every_event_carries_goldstein_and_quad(code):
    (ev,) = [e for e in code("Serbia condemned the decision of Croatia.", {"Serbia": "SRB", "Croatia": "HRV"})]
    assert ev.goldstein == -2.0 and ev.quad == 3


def test_the_most_specific_frame_wins(code):
    plain = code("Serbia signed a treaty with Hungary.", {"Serbia": "SRB", "Hungary": "HUN"})
    military = code("Serbia signed a defence treaty with Hungary.", {"Serbia": "SRB", "Hungary": "HUN"})
    assert plain[0].cameo == "057" and plain[0].event == "SUPPORT"
    assert military[0].cameo == "062" and military[0].event == "COOPERATE"


def test_object_and_with_phrase_are_recipients(code):
    (ev,) = code("Jordan signed a defence treaty with Britain.", {"Jordan": "JOR", "Britain": "GBR"})
    assert codes(ev.actor) == ["JOR"] and codes(ev.recipient) == ["GBR"]


def test_demand_governs_the_demanded_action(code):
    evs = code("China demanded that the United States cancel its sanctions.",
               {"China": "CHN", "the United States": "USA"})
    assert [e.event for e in evs] == ["REQUEST"]
    assert codes(evs[0].actor) == ["CHN"] and codes(evs[0].recipient) == ["USA"]


def test_threat_governs_the_threatened_action(code):
    evs = code("Russia threatened to halt negotiations with the United States.",
               {"Russia": "RUS", "the United States": "USA"})
    assert [e.event for e in evs] == ["THREATEN"]
    assert codes(evs[0].actor) == ["RUS"]


def test_obligation_under_a_report_is_a_demand(code):
    evs = code("Washington declared that Libya must hand over the suspects.",
               {"Washington": "USA", "Libya": "LBY"})
    assert evs and evs[0].event == "REQUEST"
    assert codes(evs[0].actor) == ["USA"] and codes(evs[0].recipient) == ["LBY"]


def test_speech_verbs_are_not_events(code):
    assert code("Serbia said the weather was fine.", {"Serbia": "SRB"}) == []


def test_sentence_without_a_lexicon_cue_yields_nothing(code):
    assert code("The weather in Serbia was fine.", {"Serbia": "SRB"}) == []


def test_no_event_without_any_actor(code):
    assert code("Somebody condemned the decision.", {}) == []


def test_engaging_in_consultations_is_talks_not_fighting(code):
    evs = code("Hungary engages in consultations with Serbia.", {"Hungary": "HUN", "Serbia": "SRB"})
    assert [(e.event, e.cameo) for e in evs] == [("CONSULT", "046")]


def test_taking_the_opportunity_is_no_seizure(code):
    evs = code("Serbia took the opportunity to thank Hungary.", {"Serbia": "SRB", "Hungary": "HUN"})
    assert all(e.event != "COERCE" for e in evs), [(e.event, e.cameo) for e in evs]
    assert any(e.cameo == "051" for e in evs), [(e.event, e.cameo) for e in evs]


def test_a_frame_noun_inside_what_is_opposed_does_not_frame_the_verb(code):
    # Phoenix's "back * sanction" is a threat of sanctions; backing the resistance to sanctions is support.
    (ev,) = code("Hungary has recently backed Serbia's resistance to US sanctions on its oil industry.",
                 {"Hungary": "HUN", "Serbia": "SRB", "US": "USA"})
    assert ev.event == "SUPPORT" and ev.actor[0].code == "HUN" and ev.recipient[0].code == "SRB"
    (ev,) = code("Britain backed sanctions against Iran.", {"Britain": "GBR", "Iran": "IRN"})
    assert ev.cameo == "1312"
