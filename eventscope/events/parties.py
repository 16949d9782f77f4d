"""Parties the actor dictionary does not name: places that stand for their country, and unnamed groups.

Event coders (CAMEO, PLOVER) code an actor of unknown nationality by where it acts: an attack "near
the town of Samarra" with no named perpetrator is coded Iraq, "a curfew in Abidjan" targets Côte
d'Ivoire, "a newspaper based in Beirut" is Lebanese. So the coder, and only the coder, sees the
cities of a sentence as mentions of their countries (``place_mentions``, via ``"place"``); the
actors stage keeps them out of ``Article.actors``, where a city is no actor.

An unnamed group of people ("students", "rebels", "demonstrators") facing a state in an event is
that state's own people: ``group_mentions`` marks such nouns, and ``domestic`` gives them the one
country on the other side, where that side is a state. Data: ``data/events/parties.yaml``.
"""
from __future__ import annotations

from bisect import bisect_left, insort
from dataclasses import dataclass, replace
from functools import lru_cache
from importlib.resources import files
from typing import Any

import yaml

from ..model import Mention
from ..quotes.marks import SpanSet
from . import places

Token = Any
GROUP = "group-noun"  # ``via`` of a group mention whose country is not known yet


@dataclass(frozen=True)
class Conventions:
    groups: dict[str, str]
    state_sectors: frozenset[str]
    non_state_codes: frozenset[str]
    relational: frozenset[str]
    seated: frozenset[str]
    circumstantial: frozenset[str]
    counterpart_adjuncts: frozenset[str]
    place_preps: frozenset[str]
    settlements: frozenset[str]
    political_sectors: frozenset[str]
    attackable: frozenset[str]


@lru_cache(maxsize=1)
def conventions() -> Conventions:
    """The shipped conventions (``data/events/parties.yaml``)."""
    raw = yaml.safe_load(files("eventscope.data.events").joinpath("parties.yaml").read_text(encoding="utf-8"))
    # What force can be done to: the listed things, and the people of ``groups`` and the settlements.
    raw["attackable"] = [*raw["attackable"], *raw["groups"], *raw["settlements"]]
    return Conventions({str(k): str(v) for k, v in raw["groups"].items()},
                       *(frozenset(str(w) for w in raw[k]) for k in ("state_sectors", "non_state_codes", "relational",
                                                                       "seated", "circumstantial",
                                                                       "counterpart_adjuncts", "place_preps",
                                                                       "settlements", "political_sectors", "attackable")))


class _Taken:
    """Character spans already taken: the actor mentions (any overlap, ``SpanSet``), then the places found,
    which come in text order and never overlap one another (each is taken only where nothing was)."""

    def __init__(self, mentions: list[tuple[int, int]]):
        self.mentions = SpanSet(mentions)
        self.added: list[tuple[int, int]] = []

    def overlaps(self, span: tuple[int, int]) -> bool:
        if self.mentions.overlaps(*span):
            return True
        k = bisect_left(self.added, (span[1],))
        return k > 0 and self.added[k - 1][1] > span[0]

    def add(self, span: tuple[int, int]) -> None:
        insort(self.added, span)


def place_mentions(doc: Any, mentions: list[Mention]) -> list[Mention]:
    """Cities named in ``doc`` as mentions of their country, where no actor mention covers them.

    A city is a name the gazetteer knows as one, standing where places stand: a place entity that
    is neither a subject nor a possessor (a city that acts is a team, or a capital the actors stage
    already coded), or any capitalised name after a preposition of place or a settlement noun
    ("near the town of Samarra", "the southern regional capital Juba"), whatever the tagger made
    of it. Countries are left to the actors stage: one it did not code was dropped on purpose
    ("Mexico City", "Chad Smith")."""
    taken = _Taken([m.span for m in mentions])
    conv = conventions()
    out: list[Mention] = []
    spans: set[tuple[int, int]] = set()
    for ent in doc.ents:
        if ent.label_ in ("GPE", "LOC") and ent.root.dep_ not in _ACTING and not _in_name(doc, ent.start, ent.end):
            spans.add((ent.start, ent.end))
    for tok in doc:
        if tok.pos_ == "PROPN" and tok.dep_ not in ("compound", "flat") and _placed(tok, conv):
            s = min((c.left_edge.i for c in tok.children if c.dep_ in ("compound", "flat")), default=tok.i)
            spans.add((s, tok.i + 1))
    if not spans:
        return out
    gaz = places.gazetteer()
    for s, e in sorted(spans):
        span = doc[s:e]
        chars = (span.start_char, span.end_char)
        if taken.overlaps(chars) or not span.text[:1].isupper():
            continue
        if s >= 2 and doc[s - 1].text in "-‐" and doc[s - 2].lower_ in ("anti", "pro", "non"):
            continue  # "anti-Beirut" says whom one opposes, not where one is
        hit = gaz.lookup(span.text)
        if hit is None or hit[2] is None or not hit[1]:  # unknown, or a country (no coordinates)
            continue
        taken.add(chars)
        out.append(Mention(span.text, chars, hit[1], None, hit[0], None, "place"))
    return out


_ACTING = {"nsubj", "nsubjpass", "poss", "csubj"}


def _in_name(doc: Any, start: int, end: int) -> bool:
    """Whether a proper noun stands right beside the span: part of a person's name ("Kenzo Oshima")."""
    return any(0 <= i < len(doc) and doc[i].pos_ == "PROPN" and doc[i].text[:1].isupper()
               for i in (start - 1, end))


def _placed(tok: Token, conv: Conventions) -> bool:
    """A name where a place stands: after a preposition of place, or naming a settlement ("the
    town of Samarra", "the capital Juba")."""
    h = tok.head
    if tok.dep_ == "pobj" and h.lower_ in conv.place_preps:
        return True
    if tok.dep_ == "pobj" and h.lower_ == "of" and h.head.lemma_.lower() in conv.settlements:
        return True
    return tok.dep_ in ("appos", "compound", "npadvmod") and h.lemma_.lower() in conv.settlements
def _np_start(head: Token) -> int:
    """Where a noun's phrase starts, without its determiner ("the Moslem fundamentalist demonstrators")."""
    left = [c.left_edge.i for c in head.children if c.dep_ in ("amod", "compound", "nmod", "nummod")
            and c.i < head.i]
    return min(left) if left else head.i


def group_mentions(doc: Any, covered: set[int]) -> list[Mention]:
    """Unnamed groups of people ("Islamic fundamentalists", "students"): nouns of the group list
    whose phrase carries no actor mention (``covered``: token indices under one), with no code yet."""
    conv = conventions()
    out: list[Mention] = []
    for tok in doc:
        if tok.pos_ != "NOUN" or tok.lemma_.lower() not in conv.groups or tok.i in covered:
            continue
        s = _np_start(tok)
        if any(i in covered for i in range(s, tok.i)):
            continue
        span = doc[s:tok.i + 1]
        out.append(Mention(span.text, (span.start_char, span.end_char), None, conv.groups[tok.lemma_.lower()],
                           None, None, GROUP))
    return out


def state_code(side: list[Mention]) -> str | None:
    """The one state a side of an event stands for, where it is a state acting as such (its
    government, forces, police, or the country itself), else None."""
    conv = conventions()
    codes = {m.code for m in side if m.code}
    if len(codes) != 1:
        return None
    code = next(iter(codes))
    if code in conv.non_state_codes or len(code) != 3:
        return None
    if any(m.sector is not None and m.sector not in conv.state_sectors and m.via != GROUP for m in side):
        return None
    return code


def political(actor: list[Mention], recipient: list[Mention], doc: Any, by_place: bool = False) -> bool:
    """Whether an event's parties can make it political: an IGO, a party in a political sector, or a state
    standing as a party, not as the place something happens in ("travelling in Japan"). ``by_place``: a
    place stands for its country too, as CAMEO codes violence, coercion and acts of unnamed authorities by
    where they happen ("a curfew in Abidjan", "a bomb near Samarra", "put under investigation in Cyprus"),
    not a visit, an offer or a wish ("what you want to do in Japan")."""
    conv = conventions()
    return any(_political(m, doc, conv, by_place) for m in actor + recipient)


def _political(m: Mention, doc: Any, conv: Conventions, by_place: bool) -> bool:
    if not m.code:
        return False
    if by_place and (m.via == "place" or (m.sector is None and m.code not in conv.non_state_codes)):
        return True
    if m.via == "place":
        return False
    if m.code == "IGO" or (m.sector or "") in conv.political_sectors:
        return True
    return (m.sector is None and len(m.code) == 3 and m.code not in conv.non_state_codes
            and not _as_place(span := _span(m, doc), conv) and not _qualifier(span))


def forceable(t: Token, parties: list[Mention]) -> bool:
    """Whether an act of force at verb ``t`` has something it can be done to: a party that is no place, or an
    object (a direct or passive object, the noun a participle qualifies, or what "on", "at", "against" take)
    that is a person, a group of people, a settlement, a building, a vehicle, a named person, group or
    place (``attackable``), or a count of people ("wounded two others"); or a doer (subject, "by" agent)
    among those words ("shot by police")."""
    conv = conventions()
    if any(m.code and m.via != "place" and not _as_place(_span(m, t.doc), conv, anywhere=True)
           for m in parties):
        return True
    objects = [c for c in t.children if c.dep_ in ("dobj", "nsubjpass", "obj")]
    if t.dep_ == "acl":
        objects.append(t.head)
    objects += [g for p in t.children if p.dep_ == "prep" and p.lower_ in ("on", "at", "against", "upon")
                for g in p.children if g.dep_ == "pobj"]
    # Or done by those who bear force (police, soldiers, gunmen: the same words), whatever they did it to
    # ("a teenager shot by police").
    objects += [c for c in t.children if c.dep_ == "nsubj"]
    objects += [g for a in t.children if a.dep_ == "agent" for g in a.children if g.dep_ == "pobj"]
    for o in objects:
        lemma = o.lemma_.lower()
        if o.ent_type_ in ("PERSON", "NORP", "GPE", "FAC", "LOC") or lemma in conv.attackable:
            return True
        if o.pos_ == "NUM" or any(c.dep_ == "nummod" and not _year(c) for c in o.children):
            return True
    return False


def _qualifier(span: Any) -> bool:
    """A nationality that only qualifies a thing ("Italian specialties", "a Japanese bath"): no party."""
    if span is None or len(span) != 1:
        return False
    t = span[0]
    return t.dep_ == "amod" and t.pos_ == "ADJ" and t.head.pos_ == "NOUN" and t.head.ent_type_ == ""


def _span(m: Mention, doc: Any) -> Any:
    return doc.char_span(m.span[0], m.span[1], alignment_mode="expand")


def _year(t: Token) -> bool:
    """A number that is a year ("the 2025 awards"), not a count of people."""
    return len(t.text) == 4 and t.text.isdigit() and t.text[:2] in ("19", "20")


def _as_place(span: Any, conv: Conventions, anywhere: bool = False) -> bool:
    if span is None:
        return False
    # Where the clause happens ("to do in Japan"), not whose the actor is ("rebels in Chad" are Chad's).
    root = span.root
    return root.dep_ == "pobj" and root.head.lower_ in conv.place_preps and (
        anywhere or root.head.head.pos_ in ("VERB", "AUX"))


def domestic(groups: list[Mention], other: list[Mention]) -> list[Mention]:
    """Group mentions given the state of the other side of the event; none where it has no state."""
    code = state_code(other)
    if code is None:
        return []
    return [replace(m, code=code, via="group") for m in groups if m.via == GROUP]
