"""The Phoenix converter's rules (tools/build_actors.py): bodies vs people, aliases kept or dropped."""
from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "tools"))

import build_actors as build


def test_institutions_offices_and_groups_are_bodies_and_countryinfo_people_are_people():
    assert build.is_body({"name": "KNESSET", "codes": [("ISRGOVLEG", "")]}, "countries")
    assert build.is_body({"name": "PRESIDENT_OF_THE_UNITED_STATES_", "codes": [("USAGOV", "")]}, "countries")
    assert not build.is_body({"name": "IMRAN_KHAN", "codes": [("PAKELI", "")]}, "countries")
    assert not build.is_body({"name": "SUHARTO_", "codes": [("IDNGOV", "670312-980521")], "info": True},
                             "countries")
    assert build.is_body({"name": "HAMAS_", "codes": [("PSEREBHMS", "")]}, "milnonstate")
    assert not build.is_body({"name": "SHEIKH_AHMED_YASSIN", "codes": [("PSEREBHMS", "19870101-20040322")]},
                             "milnonstate")


def test_generic_aliases_and_dates_are_dropped():
    assert build.generic("Organization") and build.generic("Black Friday") and build.generic("17 November")
    assert not build.generic("Hamas") and not build.generic("Red Brigades")


def test_a_bracketed_acronym_becomes_an_alias_and_a_qualifier_is_dropped():
    assert build.unbracket("Aden Abyan Islamic Army (aaia)") == ["Aden Abyan Islamic Army", "AAIA"]
    assert build.unbracket("African National Congress (South Africa)") == ["African National Congress"]


def test_legislatures_and_courts_are_coded_by_what_they_are():
    assert (build.sector_of("GOVLEG"), build.sector_of("GOVMIL"), build.sector_of("GOVBUS")) == ("LEG", "MIL", "GOV")


def test_armed_groups_coded_by_region_are_international_militarised_groups():
    rows = build.bodies([{"name": "AL-FATAH_", "aliases": ["FATAH_HAWKS_"], "codes": [("MEAREB", "")]}],
                        "milnonstate", {"PSE"}, set())
    assert [(r["code"], r["sector"]) for r in rows] == [("IMG", "REB")]
