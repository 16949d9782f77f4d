"""An event needs a party that can make it political; a country named as a place makes none, except where
CAMEO codes by place (violence and coercion: "a bomb near Samarra"). Sentences written for the test,
everyday and political use side by side, run through the whole pipeline."""
from __future__ import annotations

import pytest

import eventscope


def _events(text: str) -> list[str]:
    [doc] = eventscope.annotate([{"id": "t", "text": text, "published": "2025-05-06"}])
    return [e["event"] for e in doc["events"]]


@pytest.mark.parametrize("text", [
    "It depends on what you want to do in Japan.",
    "The hotel offers free breakfast to guests staying in Vienna.",
    "Most students who enrolled in Canada found housing near campus.",
    "Check the weather before travelling in Norway.",
    "We offer a variety of meals, from pizza to Italian specialties.",
    "Here you can indulge in a Japanese bath, then settle in for dinner.",
])
def test_a_country_named_only_as_a_place_makes_no_event(text):
    assert _events(text) == []


@pytest.mark.parametrize("text, event", [
    ("Japan offered Vietnam a loan for the new railway.", "AGREE"),
    ("The Portuguese government visited Angola to discuss debt.", "CONSULT"),
    ("Italy asked Libya to stop the boats.", "REQUEST"),
    ("The Austrian foreign minister met his Czech counterpart in Vienna.", "CONSULT"),
])
def test_a_state_or_official_acting_makes_the_event(text, event):
    assert event in _events(text)


@pytest.mark.parametrize("text, event", [
    ("A car bomb exploded near the town of Kirkuk, wounding nine people.", "ASSAULT"),
    ("Gunmen shot dead two traders in the market of Maiduguri.", "ASSAULT"),
    ("Police arrested twelve protesters in Athens on Monday.", "ASSAULT"),
])
def test_violence_is_coded_by_the_place_it_happens_in(text, event):
    assert event in _events(text)


@pytest.mark.parametrize("text", [
    "The 2025 design awards were held in Turin last week.",
    "The festival will be held in Austria in July.",
    "The startup is targeting customers in Germany with its new app.",
    "A startup targeting AI data centers in the US raised $90 million.",
    "The brand is targeting young buyers in Brazil.",
    "The bank held its rates steady in March.",
])
def test_force_needs_something_it_is_done_to(text):
    assert [e for e in _events(text) if e in ("ASSAULT", "COERCE")] == []


@pytest.mark.parametrize("text, event", [
    ("Police held the suspect for two days in Lagos.", "COERCE"),
    ("Russian forces targeted a convoy near Kharkiv.", "ASSAULT"),
    ("Soldiers fired on protesters in Khartoum.", "ASSAULT"),
    ("Israeli jets struck a village in southern Lebanon.", "ASSAULT"),
    ("A roadside bomb near the town of Kandahar wounded three others on Sunday.", "ASSAULT"),
])
def test_force_done_to_people_places_or_things_is_coded(text, event):
    assert event in _events(text)


@pytest.mark.parametrize("text", [
    "A teenager was shot by police in Athens on Saturday.",
    "A woman opened fire at a factory in Philadelphia last night, killing two workers.",
])
def test_force_by_those_who_bear_it_or_in_a_specific_frame_is_coded(text):
    assert "ASSAULT" in _events(text)
