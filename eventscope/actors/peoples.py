"""Peoples named by where they live, not by the state their name comes from.

Event coders (CAMEO, PLOVER) code an ethnic group by the country it lives in: "Bosnian Serbs" are
Bosnia's, "ethnic Albanians" in Macedonia are Macedonia's, "Albanians of southern Serbia" are
Serbia's. A demonym alone ("Albanians") keeps its own country. The rules, on mentions of countries:

- Nationality + plural demonym of another country ("Bosnian Serbs", "Israeli Palestinians"): one
  mention of the first country.
- "ethnic" + demonym (or + demonym + agent noun: "ethnic Albanian guerrillas"): the country the
  sentence places them in ("in/of/near/across Macedonia"), else the other country the sentence
  names most often (the first on a tie); with none, no mention: the state of the name would be
  wrong more often than right.
- Plural demonym + "of" + a country ("Albanians of southern Serbia"): that country. Not "in":
  "Americans in Iraq" are mostly Americans abroad.
"""
from __future__ import annotations

from dataclasses import replace
from typing import Any

from .dictionary import Dictionary
from .resolver import Found

RESIDENCE = {"in", "of", "from", "near", "across", "inside", "throughout"}
# Words that may stand between a residence preposition and the country ("of southern Serbia").
BETWEEN = {"the", "southern", "northern", "eastern", "western", "central", "south", "north", "east", "west",
           "neighbouring", "neighboring"}


def _country(dic: Dictionary, f: Found, compound: bool = False) -> str | None:
    """The country code of a mention of a country by name or demonym (with ``compound``, also of a
    nationality + agent noun: "Albanian guerrillas"), else None."""
    body = dic.bodies.get(f.mention.actor_id or "")
    kinds = ("body", "compound") if compound else ("body",)
    return body.code if f.kind in kinds and body is not None and body.country else None


def _plural(tok: Any) -> bool:
    return tok.tag_ in ("NNS", "NNPS") or (tok.tag_ == "NNP" and tok.lower_.endswith("s"))


def residents(dic: Dictionary, doc: Any, found: list[Found]) -> list[Found]:
    """The mentions with peoples coded by where they live (see the module's rules)."""
    found = sorted(found, key=lambda f: (f.start, f.end))
    by_start = {f.start: f for f in found}
    drop: set[int] = set()
    out: list[Found] = []
    for f in found:
        if id(f) in drop:
            continue
        code = _country(dic, f, compound=True)
        if code is None:
            out.append(f)
            continue
        ethnic = f.start >= 1 and doc[f.start - 1].lower_ == "ethnic"
        if f.kind == "compound" and not ethnic:
            out.append(f)
            continue
        nxt = by_start.get(f.end)
        if nxt is not None and _country(dic, nxt) not in (None, code) and _plural(doc[nxt.end - 1]) \
                and not _plural(doc[f.end - 1]):
            span = doc[f.start:nxt.end]  # "Bosnian Serbs"
            out.append(replace(f, end=nxt.end, mention=replace(f.mention, text=span.text,
                                                                span=(span.start_char, span.end_char), via="title")))
            drop.add(id(nxt))
            continue
        if ethnic:
            home = _placed(dic, doc, f, found, RESIDENCE) or _other(dic, doc, f, found)
            if home is not None:
                span = doc[f.start - 1:f.end]
                sector = f.mention.sector if f.kind == "compound" else "CVL"
                out.append(Found(f.start - 1, f.end, replace(f.mention, text=span.text, code=home, sector=sector,
                                                             name=None, actor_id=None,
                                                             span=(span.start_char, span.end_char), via="title"),
                                 "compound"))
            continue
        if _plural(doc[f.end - 1]) and doc[f.end - 1].pos_ in ("PROPN", "NOUN"):
            home = _placed(dic, doc, f, found, {"of"})
            if home is not None and home != code:
                out.append(replace(f, mention=replace(f.mention, code=home, name=None, actor_id=None, via="title")))
                continue
        out.append(f)
    return out


def _placed(dic: Dictionary, doc: Any, f: Found, found: list[Found], preps: set[str]) -> str | None:
    """The country right after a preposition of ``preps`` following ``f`` ("Albanians of southern Serbia")."""
    i = f.end
    if i >= len(doc) or doc[i].lower_ not in preps:
        return None
    i += 1
    while i < len(doc) and doc[i].lower_ in BETWEEN:
        i += 1
    for g in found:
        if g.start == i:
            return _country(dic, g)
    return None


def _other(dic: Dictionary, doc: Any, f: Found, found: list[Found]) -> str | None:
    """The country other than ``f``'s that ``f``'s sentence names most often (the first on a tie)."""
    sent = doc[f.start].sent
    own = _country(dic, f)
    codes = [c for g in found if sent.start <= g.start < sent.end and g is not f
             for c in [_country(dic, g)] if c is not None and c != own]
    return max(codes, key=lambda c: (codes.count(c), -codes.index(c))) if codes else None
