"""Modality: asserted, planned, hypothetical, negated, historical."""
from __future__ import annotations

from eventscope.model import Timex

SH = {"Serbia": "SRB", "Hungary": "HUN", "Croatia": "HRV"}


def _only(evs):
    assert len(evs) == 1, [(e.event, e.trigger.text) for e in evs]
    return evs[0]


def test_plain_past_is_asserted(code):
    assert _only(code("Serbia condemned the decision of Croatia.", SH)).modality == "asserted"


def test_will_is_planned_and_cooperation_becomes_intent(code):
    ev = _only(code("Serbia will sign a defence treaty with Hungary.", SH))
    assert ev.modality == "planned" and ev.event == "AGREE" and ev.cameo == "0312"


def test_aims_to_is_planned(code):
    ev = _only(code("Serbia aims to sign a defence treaty with Hungary.", SH))
    assert ev.modality == "planned"


def test_working_towards_a_nominal_event_is_planned(code):
    ev = _only(code("Serbia and Hungary are working towards the establishment of a military alliance.", SH))
    assert ev.modality == "planned" and ev.event == "AGREE"


def test_pave_the_way_for_is_planned(code):
    ev = _only(code("This agreement will pave the way for a military alliance between Serbia and Hungary.", SH))
    assert ev.modality == "planned" and ev.event in {"AGREE", "COOPERATE"}


def test_planned_conflict_becomes_a_threat(code):
    ev = _only(code("Serbia will impose sanctions on Croatia.", SH))
    assert ev.modality == "planned" and ev.event == "THREATEN"


def test_could_is_hypothetical(code):
    ev = _only(code("Croatia could attack Serbia.", SH))
    assert ev.modality == "hypothetical" and ev.event == "ASSAULT"


def test_if_clause_is_hypothetical(code):
    evs = code("If Croatia attacks Serbia, the region will suffer.", SH)
    assert [e.modality for e in evs if e.event == "ASSAULT"] == ["hypothetical"]


def test_not_is_negated(code):
    assert _only(code("Serbia did not condemn the decision of Croatia.", SH)).modality == "negated"


def test_years_old_event_is_historical(code):
    text = "Serbia signed a defence treaty with Hungary in 2009."
    t0 = text.index("2009")
    ev = _only(code(text, SH, published="2025-04-02", timex=[Timex("2009", (t0, t0 + 4), "2009")]))
    assert ev.date == "2009" and ev.modality == "historical"


def test_recent_event_stays_asserted(code):
    text = "Serbia signed a defence treaty with Hungary on April 1."
    t0 = text.index("April 1")
    ev = _only(code(text, SH, published="2025-04-02", timex=[Timex("April 1", (t0, t0 + 7), "2025-04-01")]))
    assert ev.date == "2025-04-01" and ev.modality == "asserted"


def test_a_year_before_another_noun_dates_that_noun_not_the_event(code):
    text = "Serbia thanked Hungary for its support during the 1999 bombing campaign."
    t0 = text.index("1999")
    ev = _only(code(text, SH, published="2025-04-02", timex=[Timex("1999", (t0, t0 + 4), "1999")]))
    assert ev.date is None and ev.modality == "asserted"
    # Before the trigger noun itself, the date is the event's.
    text = "Croatia protested after the April 1 signing by Serbia and Hungary."
    t0 = text.index("April 1")
    evs = code(text, SH, published="2025-04-02", timex=[Timex("April 1", (t0, t0 + 7), "2025-04-01")])
    signing = [e for e in evs if e.trigger.text == "signing"]
    assert all(e.date == "2025-04-01" for e in signing)


def test_an_act_pressed_for_is_not_done(code):
    text = "Serbia and Hungary have resisted pressure from Croatia to sever their ties with Russia."
    evs = [e for e in code(text, {**SH, "Russia": "RUS"}) if e.trigger.text == "sever"]
    assert evs and all(e.modality == "hypothetical" for e in evs)
