"""Nominal events: event nouns and participles coded with the actors attached to them."""
from __future__ import annotations

from .conftest import codes


def test_signing_of_a_partnership_between_two_countries(code):
    text = "Vucic spoke after the signing of a strategic defence partnership between Serbia and Hungary."
    evs = code(text, {"Serbia": "SRB", "Hungary": "HUN"})
    (ev,) = [e for e in evs if "sign" in e.trigger.text]
    assert ev.event in {"COOPERATE", "AGREE"} and codes(ev.actor) == ["HUN", "SRB"]
    assert ev.modality == "asserted"


def test_participle_pact_signed_between_three_countries(code):
    text = "Tensions grew in the wake of a trilateral defence pact signed between Albania, Croatia and Kosovo."
    evs = code(text, {"Albania": "ALB", "Croatia": "HRV", "Kosovo": "XKX"})
    (ev,) = evs
    assert ev.trigger.text == "signed" and ev.event == "COOPERATE"
    assert codes(ev.actor) == ["ALB", "HRV", "XKX"]


def test_possessor_is_the_actor_of_an_event_noun(code):
    evs = code("Serbia's condemnation of Croatia surprised nobody.", {"Serbia": "SRB", "Croatia": "HRV"})
    (ev,) = evs
    assert ev.event == "ACCUSE" and codes(ev.actor) == ["SRB"] and codes(ev.recipient) == ["HRV"]


def test_object_noun_of_a_coded_verb_is_not_a_second_event(code):
    evs = code("Serbia and Hungary signed a treaty.", {"Serbia": "SRB", "Hungary": "HUN"})
    assert len(evs) == 1 and evs[0].trigger.text == "signed"


def test_event_noun_without_actors_is_not_coded(code):
    assert code("The agreement outlines 79 joint activities.", {}) == []


def test_the_subject_of_a_clause_did_not_do_the_event_that_times_it(code):
    # "After the signing ..., Serbia expressed concern": Serbia did not sign; the signing has no named actor.
    evs = code("After the signing of the tripartite agreement, Serbia expressed concern about the talks.",
               {"Serbia": "SRB"})
    assert not [e for e in evs if "sign" in e.trigger.text and codes(e.actor) == ["SRB"]]
    # Where the noun completes the verb, its subject acts: "are moving towards the establishment of ...".
    evs = code("Serbia and Hungary are moving towards the establishment of a military alliance.",
               {"Serbia": "SRB", "Hungary": "HUN"})
    assert [codes(e.actor) for e in evs if e.trigger.text == "establishment"] == [["HUN", "SRB"]]
