"""Fused events: the events of one story that describe the same happening, merged across outlets.

Two coded events of one story are one happening when their dates, where both are given, lie within
``DATE_SLACK_DAYS`` and either they have the same CAMEO code (across articles) or the same trigger word, and
they share a participant (an actor or recipient, spelling variants included): two participants where
the outlets' wordings were coded as different types. Every source is kept; independent sources count a
copy group once; each attribute lists its values with the articles that gave them, figures included
where the report gives them a few sentences after the event's own (``quantities.elaborations``); where
outlets give different numbers, dates, places or actors for the one happening, that is a discrepancy.
Spelling variants of one name ("Vučić", "Vucic") are one value, never a discrepancy.
"""
from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from rapidfuzz import fuzz

from ..model import Article, Event, Mention, Span, content_id, parse_date
from .copies import copy_groups
from .quantities import elaborations, quantities
from .text import fold

DATE_SLACK_DAYS = 2  # reports of one signing may date it a day apart (time zones, "yesterday")
NAME_SIMILARITY = 85  # rapidfuzz ratio from which two folded names are spellings of one


@dataclass
class Source:
    """One report of a fused event: which outlet, which article, which sentence."""

    article: str
    outlet: str | None
    sentence: Span
    text: str
    published: str | None = None
    copy_group: str | None = None  # the smallest article id of its copy group
    trigger: Span | None = None  # the coded event's trigger words in the article


@dataclass
class Discrepancy:
    """One attribute on which sources disagree: each value with the articles that gave it."""

    attribute: str  # "actor", "recipient", "date", "location", or "number:<counted noun>"
    values: dict[str, list[str]]


@dataclass
class FusedEvent:
    id: str
    story: str | None
    event: str
    cameo: str
    sources: list[Source]
    first_reported: str | None
    independent_sources: int
    attributes: dict[str, dict[str, list[str]]] = field(default_factory=dict)  # attribute -> value -> articles
    discrepancies: list[Discrepancy] = field(default_factory=list)


def _mention_key(m: Mention) -> str:
    return fold(m.name or m.text).strip()


def _same_name(a: str, b: str) -> bool:
    return a == b or fuzz.ratio(a, b) >= NAME_SIMILARITY


def _overlap(a: list[Mention], b: list[Mention]) -> int:
    """How many participants of ``a`` (distinct by name) also take part in ``b``."""
    shared = set()
    for x in a:
        for y in b:
            if (x.actor_id and x.actor_id == y.actor_id) or _same_name(_mention_key(x), _mention_key(y)):
                shared.add(_mention_key(x))
                break
    return len(shared)


def _dates_compatible(a: str | None, b: str | None) -> bool:
    if not a or not b:
        return True
    if a.startswith(b) or b.startswith(a):  # "2025-04" and "2025-04-01"
        return True
    da, db = parse_date(a), parse_date(b)
    return da is not None and db is not None and abs((da - db).days) <= DATE_SLACK_DAYS


_SUFFIXES = ("ings", "ing", "ments", "ment", "ed", "es", "s")


def _stem(word: str) -> str:
    """A crude stem of a trigger word: "signing", "signed", "signs" -> "sign"."""
    w = fold(word).strip()
    for suffix in _SUFFIXES:
        if w.endswith(suffix) and len(w) - len(suffix) >= 3:
            return w[: -len(suffix)]
    return w


def _same_happening(e: Event, f: Event, same_article: bool = False) -> bool:
    """Two reports of one happening: same participants and compatible dates, and either the same trigger
    word ("signed" / "the signing", whatever type each outlet's wording was coded as) or, across
    articles, the same CAMEO code. Within one article only the same trigger word counts: two sentences
    of one report about "cooperation" are usually two different things."""
    if not _dates_compatible(e.date, f.date):
        return False
    same_word = _stem(e.trigger.text) == _stem(f.trigger.text)
    if not same_word and (same_article or e.cameo != f.cameo):
        return False
    if not (e.actor or e.recipient) or not (f.actor or f.recipient):
        return not (e.actor or e.recipient or f.actor or f.recipient)
    # Coded as different types, the one word is weaker evidence ("after the signing of the pact, Serbia
    # protested" is not Serbia signing): two shared participants are needed.
    need = 1 if e.event == f.event else 2
    return _overlap(e.actor + e.recipient, f.actor + f.recipient) >= need


def _merge_values(by_value: dict[str, list[str]], value: str, article: str, names: bool) -> None:
    """Add a value, folding it into an existing spelling variant where ``names``."""
    for known, articles in by_value.items():
        if known == value or (names and _same_name(fold(known), fold(value))):
            if article not in articles:
                articles.append(article)
            return
    by_value[value] = [article]


def _earliest(values: Iterable[str | None]) -> str | None:
    def key(v: str) -> dt.datetime:
        try:
            t = dt.datetime.fromisoformat(v)
        except ValueError:
            d = parse_date(v)
            t = dt.datetime.combine(d, dt.time()) if d else dt.datetime.max
        return t.replace(tzinfo=None) if t.tzinfo is None else t.astimezone(dt.UTC).replace(tzinfo=None)

    present = [v for v in values if v]
    return min(present, key=key) if present else None


def _attributes(members: list[tuple[Article, Event]]) -> dict[str, dict[str, list[str]]]:
    attrs: dict[str, dict[str, list[str]]] = defaultdict(dict)
    read: set[tuple[str, Span]] = set()
    for art, ev in members:
        for role, mentions in (("actor", ev.actor), ("recipient", ev.recipient)):
            for m in mentions:
                _merge_values(attrs[role], m.name or m.text, art.id, names=True)
        if ev.date:
            _merge_values(attrs["date"], ev.date, art.id, names=False)
        if ev.location is not None:
            _merge_values(attrs["location"], ev.location.name or ev.location.text, art.id, names=True)
        _merge_values(attrs["modality"], ev.modality, art.id, names=False)
        _merge_values(attrs["event"], ev.event, art.id, names=False)  # outlets' wording may code differently
        sentence = art.text[ev.sentence[0]:ev.sentence[1]]
        if (art.id, ev.sentence) in read:
            continue
        read.add((art.id, ev.sentence))
        # The figures an outlet gives for the happening: in the event's sentence, or in the sentences after
        # it that go on about the same thing ("The plan outlines 79 joint activities").
        for text in (sentence, *elaborations(art.text, ev.sentence[1], sentence)):
            for noun, number in quantities(text).items():
                _merge_values(attrs["number:" + noun], number, art.id, names=False)
    return dict(attrs)


def nested_dates(dates: list[str]) -> bool:
    """Whether dates differ only in precision: a coarser date that contains a finer one is no disagreement
    ("2025", "2025-04", "2025-04-01")."""
    return all(any(b.startswith(a) or a.startswith(b) for b in dates if b != a) for a in dates)


def _discrepancies(attrs: dict[str, dict[str, list[str]]], groups: dict[str, str]) -> list[Discrepancy]:
    """Attributes whose values come from different independent sources and do not agree."""
    out = []
    for attr, values in sorted(attrs.items()):
        if attr in ("modality", "event") or len(values) < 2:
            continue
        if attr == "date" and nested_dates(sorted(values)):
            continue
        if attr in ("actor", "recipient"):
            # Several actors on one side are not a disagreement unless some source names none of the others':
            # flag only sources whose actors are disjoint from another source's.
            per_source: dict[str, set[str]] = defaultdict(set)
            for v, arts in values.items():
                for a in arts:
                    per_source[groups.get(a, a)].add(v)
            sets = list(per_source.values())
            if not any(not (x & y) for i, x in enumerate(sets) for y in sets[i + 1:]):
                continue
        # Values given only by copies of one report are one source saying two things; still worth showing.
        out.append(Discrepancy(attr, {v: sorted(a) for v, a in values.items()}))
    return out


def fuse(articles: Iterable[Article], copies: dict[str, str] | None = None) -> list[FusedEvent]:
    """Fused events over annotated articles; events of different stories are never merged.

    ``copies`` maps article id -> id of its copy group (the story index knows it); where not given, copy
    groups are found here from the texts.
    """
    arts = sorted(articles, key=lambda a: (a.published or "", a.id))
    groups = copies if copies is not None else copy_groups({a.id: a.text for a in arts})
    clusters: list[list[tuple[Article, Event]]] = []
    for art in arts:
        for ev in sorted(art.events, key=lambda e: (e.sentence, e.trigger.span)):
            # An event that reports the happening of several clusters joins them into one: "at the signing"
            # (its participants "the two countries") and "was signed by Gasic and Szalay-Bobrovniczky" are
            # one signing once a report gives both.
            hits = [i for i, cl in enumerate(clusters) if cl[0][0].story == art.story
                    and any(_same_happening(ev, e, a.id == art.id) for a, e in cl)]
            if not hits:
                clusters.append([(art, ev)])
                continue
            into = clusters[hits[0]]
            for i in reversed(hits[1:]):
                into.extend(clusters.pop(i))
            into.append((art, ev))
    for cl in clusters:
        cl.sort(key=lambda ae: (ae[0].published or "", ae[0].id, ae[1].sentence, ae[1].trigger.span))
    return [_fused(cl, groups) for cl in clusters]


def _fused(cl: list[tuple[Article, Event]], groups: dict[str, str]) -> FusedEvent:
    sources: list[Source] = []
    seen: set[tuple[str, Span]] = set()
    for art, ev in cl:
        if (art.id, ev.sentence) in seen:
            continue  # two codings of one sentence are one report
        seen.add((art.id, ev.sentence))
        sources.append(Source(article=art.id, outlet=art.outlet, sentence=ev.sentence,
                              text=art.text[ev.sentence[0]:ev.sentence[1]], published=art.published,
                              copy_group=groups.get(art.id, art.id), trigger=ev.trigger.span))
    first_art, first_ev = cl[0]
    # Most frequent CAMEO code among the reports; ties to the smallest code.
    cameos: dict[str, int] = defaultdict(int)
    for _, ev in cl:
        cameos[ev.cameo] += 1
    cameo = min(cameos, key=lambda c: (-cameos[c], c))
    # The type goes with the code: the first report's type among those coded so.
    event = next(ev.event for _, ev in cl if ev.cameo == cameo)
    attrs = _attributes(cl)
    return FusedEvent(
        id="f" + content_id(f"{first_art.id}\0{first_ev.sentence}\0{first_ev.event}".encode())[:15],
        story=first_art.story, event=event, cameo=cameo, sources=sources,
        first_reported=_earliest(s.published for s in sources),
        independent_sources=len({s.copy_group for s in sources}),
        attributes=attrs, discrepancies=_discrepancies(attrs, groups))
