"""The actor dictionary: countries, bodies, people with dated roles, titles; loaded once, as data.

Shipped files live in ``eventscope/data/actors`` (see the headers there: generated from Phoenix,
then brought up to date by hand). A user's YAML files (``--actors FILE``) use the same format as
``updates.yaml`` / ``people_2025.yaml`` / ``titles.yaml`` and are merged last, so they extend or
override anything shipped: a person with the same id (or the same name) gets the user's roles.
"""
from __future__ import annotations

import calendar
import datetime as dt
import json
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from ..errors import EventscopeError
from .text import BREAK, fold, is_acronym, phrase_units, slug

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass(frozen=True)
class Role:
    """One office held by a person over a span of dates (open ends are ``None``)."""

    code: str
    sector: str | None
    title: str | None = None
    role: str | None = None  # the role class from titles.yaml (head_of_state, defence_minister, ...)
    org: str | None = None  # the body, for an office in an international organisation
    start: dt.date | None = None
    end: dt.date | None = None

    def covers(self, day: dt.date) -> bool:
        return (self.start is None or self.start <= day) and (self.end is None or day <= self.end)


@dataclass
class Person:
    id: str
    name: str
    aliases: list[str] = field(default_factory=list)
    roles: list[Role] = field(default_factory=list)
    gender: str | None = None  # "m" / "f" where known: only used to match he/she
    curated: bool = False  # from people_2025.yaml or a user's file, not only from Phoenix (2014)
    mononym: bool = False  # known by one name ("Suharto"): matched only after a title


@dataclass
class Body:
    """A country or a body: ``code`` is ISO alpha-3 for a country, IGO/NGO/IMG for an international
    body, the country's code for a national one ("Knesset", "Hamas"), whose ``sector`` says what it is."""

    id: str
    name: str
    code: str
    country: bool
    sector: str | None = None


@dataclass(frozen=True)
class Title:
    sector: str | None
    role: str | None
    person: bool  # the title of a person ("minister"), not of a body ("ministry")
    plural: bool = False  # "ministers": several people, never one antecedent


@dataclass(frozen=True)
class Entry:
    """What a dictionary phrase stands for. kind: person, body, city, title."""

    kind: str
    ref: str  # person id, body id, or the title phrase
    acronym: bool = False
    canonical: bool = True  # the canonical name (not an alias)
    # A person's phrase that carries a title ("US President Bill Clinton", "King Hussein"): it
    # names the office holder, never a namesake.
    anchored: bool = False
    # How an acronym alias is ambiguous (tools/mark_ambiguous.py): "word" (matched only in capitals),
    # "name" (capitalised only with evidence), "short" (only with evidence in the document).
    ambiguous: tuple[str, ...] = ()


class Dictionary:
    """Every phrase as units in one token trie, plus the indexes coreference needs."""

    def __init__(self) -> None:
        self.people: dict[str, Person] = {}
        self.bodies: dict[str, Body] = {}
        self.titles: dict[str, Title] = {}
        self.trie: dict[str, Any] = {}
        self.config: dict[str, Any] = {}
        self.cities: list[tuple[str, str]] = []  # (phrase, body id)
        self.by_rest: dict[tuple[str, ...], set[str]] = defaultdict(set)  # name minus first word -> ids
        self.by_first: dict[str, list[tuple[str, str]]] = defaultdict(list)  # first word -> (rest, id)
        self.holders: dict[tuple[str, str], list[str]] = defaultdict(list)  # (code, role) -> person ids
        self.mononyms: dict[str, list[str]] = defaultdict(list)  # the one unit of a one-name person -> ids

    # --- building
    def add(self, phrase: str, entry: Entry, units: tuple[str, ...] | None = None) -> None:
        units = units if units is not None else phrase_units(phrase)
        if not units or all(u == BREAK for u in units):
            return
        node = self.trie
        for u in units:
            node = node.setdefault(u, {})
        bucket = node.setdefault("", [])
        if entry not in bucket:
            bucket.append(entry)

    def finish(self) -> None:
        """Index everything once all files are merged."""
        for phrase in self.titles:
            self.add(phrase, Entry("title", phrase))
        for p in self.people.values():
            full = phrase_units(p.name)
            units = [u for u in full if u != BREAK]
            if p.mononym:
                if len(units) == 1:
                    self.mononyms[units[0]].append(p.id)
                continue
            self.add(p.name, Entry("person", p.id, anchored=self._anchored(full)), full)
            for a in p.aliases:
                au = phrase_units(a)
                self.add(a, Entry("person", p.id, acronym=is_acronym(a), canonical=False, anchored=self._anchored(au)), au)
            if len(units) >= 2:
                self.by_rest[tuple(units[1:])].add(p.id)
                self.by_first[units[0]].append((" ".join(units[1:]), p.id))
            for r in p.roles:
                if r.role:
                    self.holders[(r.code if r.code != "IGO" else f"IGO:{r.org}", r.role)].append(p.id)
        # A seat listed later (updates.yaml, the user's file) wins over a generated capital.
        last = {" ".join(phrase_units(p)): (p, ref) for p, ref in self.cities}
        for phrase, ref in last.values():
            self.add(phrase, Entry("city", ref))

    def _anchored(self, units: tuple[str, ...]) -> bool:
        """Whether a person's phrase holds the title of a person ("president", "minister")."""
        n = len(units)
        for i in range(n):
            node: dict[str, Any] | None = self.trie
            for j in range(i, n):
                node = node.get(units[j]) if node is not None else None
                if node is None:
                    break
                if any(e.kind == "title" and self.titles[e.ref].person for e in node.get("", ())):
                    return True
        return False

    def title(self, phrase: str, sector: str | None = None, role: str | None = None) -> Title:
        return self.titles.get(" ".join(phrase_units(phrase)), Title(sector, role, True))


def _day(value: Any, end: bool) -> dt.date | None:
    """A date from YAML/JSON: a date, 'YYYY', 'YYYY-MM' or 'YYYY-MM-DD'; an end is its last day."""
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str) and len(value) == 10:
        return dt.date.fromisoformat(value)
    parts = [int(x) for x in str(value).split("-")[:3]]
    y = parts[0]
    m = parts[1] if len(parts) > 1 else (12 if end else 1)
    d = parts[2] if len(parts) > 2 else (calendar.monthrange(y, m)[1] if end else 1)
    return dt.date(y, m, d)


def _plural(key: str) -> str:
    """'defence minister' -> 'defence ministers'; 'minister of defence' -> 'ministers of defence'."""
    words = key.split()
    i = words.index("of") - 1 if "of" in words[1:] else len(words) - 1
    w = words[i]
    words[i] = w[:-1] + "ies" if w.endswith("y") and w[-2:-1] not in "aeiou" else w + "es" if w.endswith(
        ("s", "x", "ch", "sh")) else w[:-3] + "men" if w.endswith("man") else w + "s"
    return " ".join(words)


def _role(d: dict[str, Any], titles: dict[str, Title]) -> Role:
    t = titles.get(" ".join(phrase_units(d["title"]))) if d.get("title") else None
    sector = d.get("sector", t.sector if t else None)
    return Role(code=d["code"], sector=sector, title=d.get("title"), role=t.role if t else d.get("role"),
                org=d.get("org"), start=_day(d.get("start"), False), end=_day(d.get("end"), True))


def _merge_file(dic: Dictionary, data: dict[str, Any], origin: str) -> None:
    """Merge one YAML document (shipped or the user's) into the dictionary."""
    if not isinstance(data, dict):
        raise EventscopeError(f"actor dictionary {origin}: expected a mapping at the top")
    for t in data.get("titles", []) or []:
        key = " ".join(phrase_units(t["phrase"]))
        title = Title(t.get("sector"), t.get("role"), t.get("person", True))
        dic.titles[key] = title
        if title.person:  # regular plurals: "ministers", "defence ministers", "ministers of defence"
            dic.titles.setdefault(_plural(key), Title(title.sector, title.role, True, plural=True))
    for key in ("person_heads", "former", "group_nouns", "owned_agents", "place_prepositions"):
        if key in data:
            dic.config.setdefault(key, set()).update(fold(w) for w in data[key])
    if "sector_cues" in data:
        cues = dic.config.setdefault("sector_cues", {})
        for sector, words in data["sector_cues"].items():
            cues.setdefault(sector, set()).update(fold(w) for w in words)
    if "numbers" in data:
        dic.config.setdefault("numbers", {}).update(data["numbers"])
    for c in data.get("countries", []) or []:
        code = c["code"]
        b = dic.bodies.get(code) or Body(code, c.get("name", code), code, True)
        if c.get("name"):
            b.name = c["name"]
        dic.bodies[code] = b
        for phrase in [c.get("name")] + list(c.get("names") or []) + list(c.get("adjectives") or []):
            if phrase:
                dic.add(phrase, Entry("body", code, acronym=is_acronym(phrase), canonical=phrase == b.name))
        if c.get("capital"):  # other cities are places, not governments (see countries.yaml)
            dic.cities.append((c["capital"], code))
        # Regions inside the country (tools/split_regions.py) stand for it, as a capital does, only where they
        # act ("California sued", "Texas Governor X"), never as places ("a week in California").
        for region in c.get("regions") or []:
            dic.cities.append((region, code))
    for o in data.get("organisations", []) or []:
        oid = o.get("id") or slug(o["name"])
        b = dic.bodies.get(oid) or Body(oid, o["name"], o.get("code", "IGO"), False)
        b.name, b.code, b.sector = o.get("name", b.name), o.get("code", b.code), o.get("sector", b.sector)
        dic.bodies[oid] = b
        ambiguous = o.get("ambiguous") or {}
        for phrase in [b.name] + list(o.get("names") or []):
            dic.add(phrase, Entry("body", oid, acronym=is_acronym(phrase), canonical=phrase == b.name,
                                  ambiguous=tuple(ambiguous.get(phrase, ()))))
    for s in data.get("seats", []) or []:
        dic.cities.append((s["name"], s.get("country") or s["organisation"]))
    for p in data.get("people", []) or []:
        pid = p.get("id") or slug(p["name"])
        old = dic.people.get(pid)
        roles = [_role(r, dic.titles) for r in p.get("roles", []) or []]
        if old is None:
            dic.people[pid] = Person(pid, p["name"], list(p.get("aliases") or []), roles, p.get("gender"), True)
        else:
            old.curated = True
            old.name = p.get("name", old.name)
            old.aliases = sorted(set(old.aliases) | set(p.get("aliases") or []))
            old.roles = roles or old.roles
            old.gender = p.get("gender", old.gender)


def _load_jsonl_people(dic: Dictionary, lines: Iterable[str]) -> None:
    for line in lines:
        rec = json.loads(line)
        if "id" not in rec:
            continue  # the header line (version, credit)
        roles = [Role(r["code"], r.get("sector"), start=_day(r.get("start"), False), end=_day(r.get("end"), True))
                 for r in rec["roles"]]
        dic.people[rec["id"]] = Person(rec["id"], rec["name"], rec.get("aliases", []), roles,
                                       mononym=rec.get("mononym", False))


def _load_agents(dic: Dictionary, lines: Iterable[str]) -> None:
    heads = dic.config.get("person_heads", set())
    for line in lines:
        rec = json.loads(line)
        if "phrase" not in rec:
            continue
        key = " ".join(phrase_units(rec["phrase"]))
        if key and key not in dic.titles:
            last = key.split()[-1]
            person = last in heads or last.rstrip("s") in heads
            dic.titles[key] = Title(rec.get("sector"), None, person)


SHIPPED_YAML = ("titles.yaml", "countries.yaml", "updates.yaml")


def load(user_files: Sequence[Path] = ()) -> Dictionary:
    """The shipped dictionary with the user's YAML files merged over it, indexed for matching."""
    dic = Dictionary()
    pkg = resources.files("eventscope") / "data" / "actors"
    for name in SHIPPED_YAML:
        _merge_file(dic, yaml.load(pkg.joinpath(name).read_text(encoding="utf-8"), Loader=_Loader), name)
    for name in ("organisations.jsonl", "bodies.jsonl"):
        with pkg.joinpath(name).open(encoding="utf-8") as f:
            generated = [json.loads(line) for line in f]
        _merge_file(dic, {"organisations": [o for o in generated if "id" in o]}, name)
    _merge_file(dic, yaml.load(pkg.joinpath("updates.yaml").read_text(encoding="utf-8"), Loader=_Loader),
                "updates.yaml")  # again: its organisations win over the generated ones
    with pkg.joinpath("agents.jsonl").open(encoding="utf-8") as f:
        _load_agents(dic, f)
    with pkg.joinpath("people.jsonl").open(encoding="utf-8") as f:
        _load_jsonl_people(dic, f)
    # Curated people replace Phoenix entries of the same folded name (ids are folded slugs).
    _merge_file(dic, yaml.load(pkg.joinpath("people_2025.yaml").read_text(encoding="utf-8"), Loader=_Loader),
                "people_2025.yaml")
    for path in user_files:
        try:
            data = yaml.load(Path(path).read_text(encoding="utf-8"), Loader=_Loader)
        except (OSError, yaml.YAMLError) as e:
            raise EventscopeError(f"actor dictionary {path}: cannot read: {e}") from e
        _merge_file(dic, data or {}, str(path))
    dic.finish()
    return dic
