"""Places inside a country are not the country (tools/split_regions.py moved them to ``regions``), except
where they act, as a capital does."""
from __future__ import annotations

import pytest

from .conftest import find


@pytest.mark.parametrize("text, place", [
    ("We drove along the coast of California for a week.", "California"),
    ("A plumber in Ohio charges about $90 an hour.", "Ohio"),
    ("Our favourite trail runs beside the Mississippi River.", "Mississippi River"),
    ("Hikers flock to the Grand Canyon every spring.", "Grand Canyon"),
])
def test_a_place_inside_a_country_is_no_mention_of_the_state(annotate, text, place):
    assert find(annotate(text), place) == []


@pytest.mark.parametrize("text, phrase, code", [
    ("The United States imposed tariffs on steel.", "United States", "USA"),
    ("America warned Iran on Tuesday.", "America", "USA"),
    ("The Solomon Islands signed a security pact.", "Solomon Islands", "SLB"),
])
def test_the_country_keeps_its_own_names(annotate, text, phrase, code):
    assert [m.code for m in find(annotate(text), phrase)] == [code]


@pytest.mark.parametrize("text, phrase, code, sector", [
    ("California sued the federal government over the new rule.", "California", "USA", "GOV"),
    ("Texas's legislature passed the bill on Friday.", "Texas's legislature", "USA", "LEG"),
])
def test_a_region_that_acts_stands_for_its_country(annotate, text, phrase, code, sector):
    assert [(m.code, m.sector) for m in find(annotate(text), phrase)] == [(code, sector)]
