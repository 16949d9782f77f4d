"""Event modality: asserted, planned, hypothetical, negated or historical.

Cues live in ``data/events/modality.yaml``. The reading is syntactic: auxiliaries and negation on the
trigger, then the words that govern it on the way up to the clause that reports it ("aims to",
"working towards", "will pave the way for", "ready to", "if").
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files
from typing import Any

import yaml

Token = Any
# Prepositions that introduce a verb's complement rather than an adjunct ("pave the way for").
_COMPLEMENT_PREPS = frozenset({"for", "to", "of", "on", "with"})


@dataclass(frozen=True)
class Cues:
    planned_aux: frozenset[str]
    hypothetical_aux: frozenset[str]
    conditional_aux: frozenset[str]
    planned_governors: frozenset[str]
    planned_preps: frozenset[str]
    planned_modifiers: frozenset[str]
    hypothetical_governors: frozenset[str]
    hypothetical_modifiers: frozenset[str]
    conditional_marks: frozenset[str]
    negators: frozenset[str]
    report_verbs: frozenset[str]
    obligation_aux: frozenset[str]
    historical_years: int


@lru_cache(maxsize=1)
def cues() -> Cues:
    """The shipped modality cues."""
    raw = yaml.safe_load(files("eventscope.data.events").joinpath("modality.yaml").read_text("utf-8"))
    kw = {k: frozenset(v) for k, v in raw.items() if isinstance(v, list)}
    return Cues(historical_years=int(raw["historical_years"]), **kw)


def governors(token: Token, limit: int = 6) -> list[Token]:
    """The words above a trigger, up to (and including) the verb of the clause that reports it."""
    out: list[Token] = []
    t = token
    c = cues()
    for _ in range(limit):
        if t.head.i == t.i or t.dep_ in {"ROOT", "advcl", "relcl", "parataxis", "conj"}:
            break
        if t.dep_ == "prep" and t.head.pos_ in {"VERB", "AUX"} and t.lower_ not in c.planned_preps | _COMPLEMENT_PREPS:
            break  # an adjunct ("following the signing", "after talks") keeps its own time
        t = t.head
        out.append(t)
        if t.lemma_.lower() in c.report_verbs:
            break
    return out


def _aux(token: Token) -> set[str]:
    return {a.lower_ for a in token.children if a.dep_ in {"aux", "auxpass"}}


def negated(token: Token) -> bool:
    c = cues()
    for ch in token.children:
        if ch.dep_ == "neg" or (ch.dep_ == "det" and ch.lower_ == "no"):
            return True
        if ch.dep_ == "advmod" and ch.lower_ in {"never"}:
            return True
    return token.dep_ == "pobj" and token.head.lower_ == "without" and bool(c.negators)


def modality(token: Token, chain: list[Token] | None = None) -> str:
    """The modality of the event carried by ``token`` (before any date-based "historical")."""
    c = cues()
    chain = governors(token) if chain is None else chain
    path = [token] + chain
    reported = any(g.lemma_.lower() in c.report_verbs for g in chain)
    if any(negated(t) for t in path if t.lemma_.lower() not in c.report_verbs):
        return "negated"
    planned = hypothetical = False
    for t in path:
        lemma = t.lemma_.lower()
        if lemma in c.report_verbs:
            break
        aux = _aux(t)
        if aux & c.hypothetical_aux:
            hypothetical = True
        if aux & c.conditional_aux:
            planned, hypothetical = (True, hypothetical) if reported else (planned, True)
        if aux & c.planned_aux or ("going" in aux and t.tag_ == "VB"):
            planned = True
        if any(ch.dep_ == "mark" and ch.lower_ in c.conditional_marks for ch in t.children):
            hypothetical = True
        if t.i != token.i and lemma in c.planned_governors:
            planned = True
        if t.i != token.i and lemma in c.hypothetical_governors:
            hypothetical = True
        if t.dep_ == "pobj" and t.head.lower_ in c.planned_preps:
            planned = True
        mods = {ch.lower_ for ch in t.children if ch.dep_ in {"amod", "compound", "advmod"}}
        if mods & c.planned_modifiers:
            planned = True
        if mods & c.hypothetical_modifiers:
            hypothetical = True
    # a conditional clause above the trigger ("if talks fail, ...") makes it hypothetical too
    top = path[-1]
    if top.dep_ == "advcl" and any(ch.dep_ == "mark" and ch.lower_ in c.conditional_marks for ch in top.children):
        hypothetical = True
    if hypothetical:
        return "hypothetical"
    if planned:
        return "planned"
    return "asserted"


def obligation(token: Token) -> bool:
    """Whether the clause states what its subject must do ("China must drop barriers")."""
    return bool(_aux(token) & cues().obligation_aux)


def historical(date: str | None, reference_year: int | None) -> bool:
    """Background: the event's date lies several years before the report."""
    if not date or reference_year is None or not date[:4].isdigit():
        return False
    return reference_year - int(date[:4]) >= cues().historical_years
