"""Roles: passives, compound actors, event anaphora and quoted speakers."""
from __future__ import annotations

from .conftest import codes


def test_passive_by_agent_is_the_actor(code):
    evs = code("A refugee camp in Congo was attacked by Burundian militiamen.", {"Burundian": "BDI", "Congo": "COD"})
    (ev,) = [e for e in evs if e.event == "ASSAULT"]
    assert codes(ev.actor) == ["BDI"]


def test_passive_subject_is_the_recipient(code):
    (ev,) = code("Serbia was condemned by Croatia.", {"Serbia": "SRB", "Croatia": "HRV"})
    assert codes(ev.actor) == ["HRV"] and codes(ev.recipient) == ["SRB"]


def test_compound_subject_makes_an_actor_list(code):
    (ev,) = code("Serbia and Hungary signed a defence treaty.", {"Serbia": "SRB", "Hungary": "HUN"})
    assert codes(ev.actor) == ["HUN", "SRB"] and ev.recipient == []


def test_of_complement_gives_the_actor(code):
    evs = code("The defence ministers of Albania, Croatia and Kosovo signed a defence cooperation agreement.",
               {"Albania": "ALB", "Croatia": "HRV", "Kosovo": "XKX"})
    assert evs and codes(evs[0].actor) == ["ALB", "HRV", "XKX"]


def test_definite_event_noun_refers_back_to_the_earlier_event(code):
    text = ("Albania, Croatia and Kosovo signed a defence pact. Serbia condemned the pact.")
    evs = code(text, {"Albania": "ALB", "Croatia": "HRV", "Kosovo": "XKX", "Serbia": "SRB"})
    (accuse,) = [e for e in evs if e.event == "ACCUSE"]
    assert codes(accuse.actor) == ["SRB"] and codes(accuse.recipient) == ["ALB", "HRV", "XKX"]


def test_first_person_inside_a_quote_is_the_speaker(code):
    text = "\u201cWe will sign a defence treaty with Hungary,\u201d Vucic said."
    evs = code(text, {"Hungary": "HUN"}, quotes=[("We will sign a defence treaty with Hungary,", "Vucic", "SRB")])
    assert evs and codes(evs[0].actor) == ["SRB"] and codes(evs[0].recipient) == ["HUN"]


def test_trigger_and_sentence_spans_point_into_the_text(code):
    text = "It rained. Serbia condemned the decision of Croatia."
    (ev,) = code(text, {"Serbia": "SRB", "Croatia": "HRV"})
    assert text[ev.trigger.span[0]:ev.trigger.span[1]] == ev.trigger.text == "condemned"
    assert text[ev.sentence[0]:ev.sentence[1]].startswith("Serbia condemned")
