"""Places: "in Belgrade" and datelines, on the gazetteer."""
from __future__ import annotations

from eventscope.events.places import dateline


def test_in_city_gives_place_country_and_coordinates(code):
    (ev,) = code("Serbia signed a defence treaty with Hungary in Belgrade.", {"Serbia": "SRB", "Hungary": "HUN"})
    loc = ev.location
    assert loc is not None and loc.text == "Belgrade" and loc.country == "SRB"
    assert abs(loc.lat - 44.8) < 0.5 and abs(loc.lon - 20.5) < 0.5


def test_dateline_is_the_fallback_place():
    loc = dateline("BUDAPEST, April 2 (Reuters) - Hungary said ...")
    assert loc is not None and loc.country == "HUN"


def test_no_place_no_location(code):
    (ev,) = code("Serbia signed a defence treaty with Hungary.", {"Serbia": "SRB", "Hungary": "HUN"})
    assert ev.location is None
