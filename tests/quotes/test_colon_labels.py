"""A line label before a colon is no speaker; a person or a body before one is, as transcripts and
headlines write it. Lines written for the test."""
from __future__ import annotations

import pytest

import eventscope


def _colon_quotes(text: str) -> list[str | None]:
    [doc] = eventscope.annotate([{"id": "t", "text": text}])
    return [(q.get("speaker") or {}).get("text") for q in doc["quotes"] if q["cue"] == ":"]


@pytest.mark.parametrize("text", [
    "Pricing: $20 a month for the basic plan, with a free trial.",
    "Best for: families who travel often with small children.",
    "Address: 3524 W. National Ave., Milwaukee, WI 53215",
    "Processor: Intel Core i7-1360P with twelve cores and a fan",
    "Opening Hours: Monday to Friday, from nine in the morning",
    "Texas: No state income tax and a lower cost of living overall.",
    "Key Takeaways: Index funds spread your money over many companies.",
])
def test_a_label_before_a_colon_is_no_speaker(text):
    assert _colon_quotes(text) == []


@pytest.mark.parametrize("text, speaker", [
    ("Jon Hartley: I think the rate cut came too late for most households.", "Jon Hartley"),
    ("Graham: Trump's tariffs will hurt farmers across the Midwest.", "Graham"),
])
def test_a_person_before_a_colon_speaks(text, speaker):
    assert _colon_quotes(text) == [speaker]
