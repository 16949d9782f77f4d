"""Within-document coreference: surnames, titles, "the two countries", and pronouns that act or speak.

- Surname: a person named in full is then named by the rest of the name ("Vucic said",
  "Szalay-Bobrovniczky stated"), anywhere in the document (headlines often come first). A surname
  two known people share, or one next to another capitalised name (a different person), is skipped.
- Reference: "the Serbian leader", "the Hungarian Minister of Defence", "Serbia's president" with no
  name resolve to the latest person before them of a compatible country and role; failing that, to
  the one dictionary person holding that office on the article's date.
- Group: "the two countries", "both nations", "all three countries" stand for the last N distinct
  countries mentioned in that sentence and the three before it; one mention per country, same span.
- Pronoun: he/she as subject of a verb (and his/her owning a subject like "office", "spokesman")
  take the latest person within that sentence and the two before, of the same gender where known;
  "they" as subject takes the latest group. Others are not worth the risk.
"""
from __future__ import annotations

import datetime as dt
from bisect import bisect_right
from dataclasses import replace
from typing import Any

from ..model import Mention
from .dictionary import Dictionary
from .resolver import SUBJECT, Found, role_at
from .text import BREAK, phrase_units, token_units

HEADS = {"head_of_state", "head_of_government"}
PERSONS = {"person", "surname", "reference"}


def corefer(dic: Dictionary, doc: Any, found: list[Found], day: dt.date | None) -> list[Found]:
    """The mentions with coreferent ones added, sorted by position."""
    sent_of = [0] * len(doc)
    for k, sent in enumerate(doc.sents):
        for i in range(sent.start, sent.end):
            sent_of[i] = k
    found = _references(dic, found, day)
    found = found + _surnames(doc, found)
    found.sort(key=lambda f: (f.start, f.end))
    found = found + _groups(dic, doc, found, sent_of)
    found.sort(key=lambda f: (f.start, f.end))
    found = found + _pronouns(dic, doc, found, sent_of)
    found.sort(key=lambda f: (f.start, f.end))
    return found


def _copy(ante: Found, doc: Any, s: int, e: int, kind: str, via: str) -> Found:
    span = doc[s:e]
    m = replace(ante.mention, text=span.text, span=(span.start_char, span.end_char), via=via)
    return Found(s, e, m, kind, ante.role, ante.person)


# --- surnames
def _surname_keys(name: str) -> list[tuple[str, ...]]:
    units = [u for u in phrase_units(name) if u != BREAK]
    if len(units) < 2:
        return []
    keys = [tuple(units[1:])]
    if len(units) >= 3 and len(units[-1]) >= 4:
        keys.append((units[-1],))
    return keys


def _surnames(doc: Any, found: list[Found]) -> list[Found]:
    owners: dict[tuple[str, ...], dict[str, list[Found]]] = {}
    for f in found:
        if f.kind == "person" and f.mention.name:
            ident = f.mention.actor_id or f.mention.name
            for key in _surname_keys(f.mention.name):
                owners.setdefault(key, {}).setdefault(ident, []).append(f)
    if not owners:
        return []
    covered = {i for f in found for i in range(f.start, f.end)}
    out: list[Found] = []
    i, n = 0, len(doc)
    while i < n:
        if i in covered or not doc[i].text[:1].isupper():
            i += 1
            continue
        hit = None
        for k in range(min(n, i + 3), i, -1):  # longest first: "Szalay-Bobrovniczky" is three tokens
            if any(j in covered for j in range(i, k)) or doc[k - 1].text in "-‐":
                continue
            key = tuple(u for j in range(i, k) for u in token_units(doc[j].text))
            if key in owners:
                hit = (k, owners[key])
                break
        if hit is None:
            i += 1
            continue
        k, who = hit
        beside = [j for j in (i - 1, k) if 0 <= j < n and j not in covered]
        if len(who) == 1 and not any(doc[j].text[:1].isupper() and doc[j].pos_ == "PROPN" for j in beside):
            cands = next(iter(who.values()))
            before = [f for f in cands if f.start < i]
            ante = before[-1] if before else cands[0]
            out.append(_copy(ante, doc, i, k, "surname", "surname"))
        i = k
    return out


# --- references
def _compatible(ref: Found, cand: Found) -> bool:
    r, c = ref.role, cand.role
    if ref.mention.code and cand.mention.code != ref.mention.code:
        return False
    if ref.mention.code == "IGO" and cand.person and ref.mention.actor_id:
        return False  # an IGO office: only the dictionary knows which body a person heads
    if r == c:
        return True
    if r == "leader":
        return c in HEADS
    if r == "minister":
        return c is not None and c.endswith("_minister")
    return False


def _references(dic: Dictionary, found: list[Found], day: dt.date | None) -> list[Found]:
    out: list[Found] = []
    for f in found:
        if f.kind != "reference":
            out.append(f)
            continue
        ante = next((c for c in reversed(out) if c.kind in PERSONS and c.mention.name and _compatible(f, c)), None)
        if ante is not None:
            m = replace(ante.mention, text=f.mention.text, span=f.mention.span, via="reference")
            out.append(Found(f.start, f.end, m, "reference", ante.role, ante.person))
            continue
        holder = _holder(dic, f, day)
        if holder is not None:
            out.append(holder)
        elif f.mention.code:  # no one to point at: still a mention of that country's office
            out.append(Found(f.start, f.end, replace(f.mention, via="title"), "compound", f.role))
    return out


def _holder(dic: Dictionary, f: Found, day: dt.date | None) -> Found | None:
    """The one dictionary person holding the referred office on the day (the current one, undated)."""
    code = f.mention.code
    if not code or not f.role:
        return None
    roles = HEADS if f.role == "leader" else {f.role}
    key = f"IGO:{f.mention.actor_id}" if code == "IGO" else code
    ids = {pid for r in roles for pid in dic.holders.get((key, r), [])}
    holders = []
    for pid in ids:
        role, status = role_at(dic.people[pid], day)
        if (status == "current" and role is not None and role.code == code and role.role in roles
                and (code != "IGO" or role.org == f.mention.actor_id)):
            holders.append((dic.people[pid], role))
    if f.role == "leader" and len(holders) > 1:
        holders = [h for h in holders if h[1].role == "head_of_state"] if day is None else holders
    if len(holders) != 1:
        return None
    person, role = holders[0]
    m = replace(f.mention, code=role.code, sector=role.sector, name=person.name, actor_id=person.id, via="reference")
    return Found(f.start, f.end, m, "reference", role.role, person.id)


# --- groups
def _groups(dic: Dictionary, doc: Any, found: list[Found], sent_of: list[int]) -> list[Found]:
    nouns = dic.config.get("group_nouns", set())
    numbers = dic.config.get("numbers", {})
    out: list[Found] = []
    starts = [f.start for f in found]  # found is sorted by position: a mention after s cannot end by it
    for tok in doc:
        if tok.lower_ not in nouns or tok.i < 1:
            continue
        prev = doc[tok.i - 1].lower_
        if prev == "both":
            s, n = tok.i - 1, 2
        elif prev in numbers and tok.i >= 2 and doc[tok.i - 2].lower_ in ("the", "all", "these", "those"):
            s, n = tok.i - 2, int(numbers[prev])
        else:
            continue
        codes: list[str] = []
        for k in range(bisect_right(starts, s) - 1, -1, -1):
            f = found[k]
            if sent_of[f.start] < sent_of[s] - 3:
                break  # and so are all before it
            if f.end > s:
                continue
            code = f.mention.code
            if code and len(code) == 3 and code not in ("IGO", "NGO") and code not in codes and code in dic.bodies:
                codes.append(code)
                if len(codes) == n:
                    break
        if len(codes) < n:
            continue
        span = doc[s:tok.i + 1]
        for code in reversed(codes):
            body = dic.bodies[code]
            m = Mention(text=span.text, span=(span.start_char, span.end_char), code=code, sector=None,
                        name=body.name, actor_id=body.id, via="group")
            out.append(Found(s, tok.i + 1, m, "group"))
    return out


# --- pronouns
def _pronouns(dic: Dictionary, doc: Any, found: list[Found], sent_of: list[int]) -> list[Found]:
    owned = dic.config.get("owned_agents", set())
    out: list[Found] = []
    # found is sorted by position: only mentions starting by a pronoun can end before it.
    starts = [f.start for f in found]
    group_found = [f for f in found if f.kind == "group"]
    for tok in doc:
        low = tok.lower_
        if low in ("he", "she") and tok.dep_ in SUBJECT and tok.head.pos_ in ("VERB", "AUX"):
            gender = "m" if low == "he" else "f"
        elif low in ("his", "her") and tok.dep_ == "poss" and tok.head.lower_ in owned and tok.head.dep_ in SUBJECT:
            gender = "m" if low == "his" else "f"
        elif low == "they" and tok.dep_ in SUBJECT and tok.head.pos_ in ("VERB", "AUX"):
            groups = [f for f in group_found if f.end <= tok.i and sent_of[f.start] >= sent_of[tok.i] - 1]
            if groups:
                last = groups[-1].start
                out += [_copy(g, doc, tok.i, tok.i + 1, "pronoun", "pronoun") for g in groups if g.start == last]
            continue
        else:
            continue
        for k in range(bisect_right(starts, tok.i) - 1, -1, -1):  # back from the pronoun, no copy of the prefix
            f = found[k]
            if sent_of[f.start] < sent_of[tok.i] - 2:
                break  # and so are all before it
            if f.end > tok.i or f.kind not in PERSONS or not f.mention.name:
                continue
            known = dic.people.get(f.person or "")
            if known is not None and known.gender and known.gender != gender:
                continue
            out.append(_copy(f, doc, tok.i, tok.i + 1, "pronoun", "pronoun"))
            break
    return out
