"""The event coder: PLOVER events with CAMEO codes from dependency parses and the lexicon.

Per sentence that has a lexicon cue (cheap: a set lookup by lemma):

1. triggers: verbs with a frame in the lexicon, and event nouns ("the signing of", "an alliance
   between"); each gets the most specific CAMEO code its dependents allow;
2. governors: an action under an intent, demand, refusal or threat verb is one event of that verb
   ("agreed to lift embargoes" is an intent to ease sanctions), and a planned cooperative or
   conflictual action is an intent (AGREE) or a threat (THREATEN), as CAMEO codes them;
3. roles, modality, date (``dates.date_of``) and place; a side no actor names is coded by the
   place of the act or, for an unnamed group of people facing a state, as that state's own
   (``parties``: CAMEO's conventions for actors of unknown nationality).
"""
from __future__ import annotations

import heapq
from bisect import bisect_right
from typing import Any

from ..model import Article, Event, Location, Mention, Quote, Trigger
from . import modality as mod
from . import parties, places
from .lexicon import Lexicon
from .lexicon import load as load_lexicon
from .roles import (
    CLAUSAL,
    OBJ,
    PASS_SUBJ,
    MentionIndex,
    condition_subjects,
    grievance_target,
    noun_roles,
    np_mentions,
    subject,
    unattributed_source,
    verb_roles,
)
from .select import main_events
from .triggers import Candidate, _form_lemmas, _lemma, _triggers, verb_lemma  # noqa: F401 (re-export)

Token = Any
FAMILIES = {"03": "intent", "13": "threat", "10": "demand", "02": "demand", "12": "refuse"}
FIRST_PERSON = {"i", "we", "me", "us", "our", "my"}
FORCE = {"17", "18", "19", "20"}


class EventCoder:
    """The annotation stage that fills ``article.events`` (runs last: reads actors, quotes, timex)."""

    name = "events"
    needs_parse = True

    def __init__(self, lexicon: Lexicon | None = None):
        self.lexicon = lexicon or load_lexicon()

    def __call__(self, article: Article, doc: Any) -> None:
        article.events = code_events(article, doc, self.lexicon)


def _consumed(c: Candidate, coded: set[int]) -> bool:
    """A nominal that is the object of another coded trigger ("signed a pact", "the signing of a
    partnership", "a pact signed between") is part of that event, not one of its own."""
    t = c.token
    if t.dep_ in OBJ | PASS_SUBJ and t.head.pos_ in {"VERB", "AUX"}:
        # the verb says what befell the thing: "lifted sanctions" is no sanction, whether or not
        # the verb is in the lexicon
        return True
    if any(ch.dep_ == "acl" and ch.i in coded for ch in t.children):
        return True
    if t.dep_ in OBJ | PASS_SUBJ | {"compound"} and t.head.i in coded:
        return True
    if t.dep_ == "pobj" and t.head.head.i in coded:
        return True
    # inside what a coded verb acts on: "the document on defence cooperation was signed by ..."
    h = t
    for _ in range(4):
        if h.dep_ not in {"pobj", "prep", "compound", "conj", "appos"} | OBJ | PASS_SUBJ or h.head.i == h.i:
            break
        h = h.head
        if h.i in coded and h.pos_ == "VERB":
            return True
    return t.dep_ == "conj" and t.head.i in coded


def _absorb(cands: list[Candidate], lex: Lexicon) -> None:
    """Fold an action into the intent/demand/refusal/threat verb that governs it."""
    by_token = {c.token.i: c for c in cands}
    report = mod.cues().report_verbs
    for c in cands:
        for g in mod.governors(c.token, limit=4):
            gc = by_token.get(g.i)
            if _lemma(g) in report and not (gc is not None and gc.match.weight and FAMILIES.get(gc.match.code[:2])):
                break  # a speech verb reports its complement, unless its frame is a demand ("reiterated its demand")
            if gc is None or gc.nominal:
                continue
            if not _complement_of(c.token, g, lex):
                break
            family = FAMILIES.get(gc.match.code[:2])
            if family and not gc.absorbed:
                c.governor, c.family, c.gmatch = g, family, gc.match
                gc.absorbed = True
            break


def _complement_of(t: Token, g: Token, lex: Lexicon) -> bool:
    """Whether ``t`` is what ``g`` is about (its clause or prepositional complement), not a word
    inside its subject or object ("agreed to lift", "agreed to a ceasefire", "demanded that ...").
    The clause of an event noun that ``g`` takes counts as ``g``'s: "reiterated its demand that
    Khartoum withdraw", "renewed its threat to cut aid"."""
    if t.dep_ in {"acl", "ccomp"} and t.head.dep_ in OBJ and t.head.head.i == g.i and \
            (_lemma(t.head) in lex.nominals or t.head.lower_ in lex.nominals):
        return True
    if t.dep_ in {"xcomp", "ccomp"}:
        return t.head.i == g.i
    if t.dep_ == "pobj" and t.head.dep_ == "prep":
        return t.head.head.i == g.i
    return t.dep_ == "pcomp" and t.head.head.i == g.i


def _first_person(ms: list[Mention]) -> bool:
    return not ms or all(m.text.lower() in FIRST_PERSON for m in ms)


class _Quotes:
    """Which quote holds a character: the first, in the article's order, whose span holds it.

    The answer changes only where a quote starts or ends, so it is worked out once for each stretch
    between those points (one sweep, with a heap of the quotes open) and looked up by binary search:
    every candidate event of a long text asks.
    """

    def __init__(self, quotes: list[Quote]):
        self.quotes = quotes
        self.points = sorted({p for q in quotes for p in q.span})
        self.first: list[int | None] = []
        by_start = sorted(range(len(quotes)), key=lambda k: quotes[k].span[0])
        open_: list[int] = []
        k = 0
        for p in self.points:
            while k < len(by_start) and quotes[by_start[k]].span[0] <= p:
                heapq.heappush(open_, by_start[k])
                k += 1
            while open_ and quotes[open_[0]].span[1] <= p:
                heapq.heappop(open_)
            self.first.append(open_[0] if open_ else None)

    def at(self, pos: int) -> Quote | None:
        i = bisect_right(self.points, pos) - 1
        k = self.first[i] if i >= 0 else None
        return None if k is None else self.quotes[k]


def _reference_year(article: Article) -> int | None:
    if article.published and article.published[:4].isdigit():
        return int(article.published[:4])
    years = [int(t.value[:4]) for t in article.timex if t.value and t.value[:4].isdigit()]
    return max(years) if years else None


def _date(article: Article, sent: Any, span: tuple[int, int]) -> str | None:
    try:
        from .dates import date_of
    except ImportError:  # the dates stage is optional to the coder
        return None
    # A date standing before a noun other than the trigger dates that noun, not the event: "thanked
    # Hungary for its support during the 1999 Nato bombing campaign" is no thanking in 1999.
    here = [t for t in article.timex if sent.start_char <= t.span[0] and t.span[1] <= sent.end_char]
    own = [t for t in here if not _dates_another_noun(sent.doc, t.span, span)]
    return date_of(article, sent.start_char, sent.end_char, span, timex=own)


def _dates_another_noun(doc: Any, where: tuple[int, int], trigger: tuple[int, int]) -> bool:
    """Whether the time expression at ``where`` modifies a later noun ("the 1999 campaign") that is not
    the event's trigger ("the April 1 signing" dates the signing)."""
    words = doc.char_span(where[0], where[1], alignment_mode="expand")
    heads = [t for t in words or () if not where[0] <= t.head.idx < where[1]]
    if len(heads) != 1:
        return False
    root = heads[0]
    noun = root.head
    return (root.dep_ in {"compound", "nummod", "amod", "nmod"} and noun.pos_ in {"NOUN", "PROPN"}
            and noun.i > root.i and not trigger[0] <= noun.idx < trigger[1])


def _clause(t: Token) -> list[Token]:
    return [s for c in t.children if c.dep_ not in CLAUSAL for s in c.subtree] + [t]


class _Registry:
    """Event anaphora: "Serbia condemned the pact" after "a pact signed between A, B and C"."""

    def __init__(self) -> None:
        self.by_noun: dict[str, list[Mention]] = {}

    def add(self, nouns: list[Token], actors: list[Mention]) -> None:
        if actors:
            for n in nouns:
                self.by_noun[_lemma(n)] = actors

    def resolve(self, verb: Token) -> list[Mention]:
        for o in [c for c in verb.children if c.dep_ in OBJ] + [c for p in verb.children if p.dep_ == "prep"
                                                                  for c in p.children if c.dep_ == "pobj"]:
            if o.pos_ == "NOUN" and any(d.lower_ in {"the", "this", "that", "such"} for d in o.children):
                found = self.by_noun.get(_lemma(o))
                if found:
                    return list(found)
        return []


def _complement_subject(t: Token, index: MentionIndex) -> list[Mention]:
    """Who is asked: the subject of the demanded clause ("demanded that the US cancel ...",
    "pushing for the US to support ...")."""
    for c in t.children:
        if c.dep_ in {"ccomp", "xcomp"} or (c.dep_ == "advcl" and any(
                m.dep_ == "mark" and m.lower_ == "for" for m in c.children)):
            subj, passive = subject(c)
            if subj is not None and not passive and subj.head.i == c.i:
                return np_mentions(subj, index)
    return []


def _agentless_conflict(t: Token, lex: Lexicon, code: str) -> bool:
    """A conflictual act (CAMEO quad 3 or 4) in the passive with no "by" agent."""
    row = lex.info(code)
    if row is None or row.quad < 3:
        return False
    _, passive = subject(t)
    return passive and not any(c.dep_ == "agent" or (c.dep_ == "prep" and c.lower_ == "by") for c in t.children)


def _unnamed_groups(c: Candidate, head: Token, groups: MentionIndex, actor: list[Mention],
                    recipient: list[Mention]) -> tuple[list[Mention], list[Mention]]:
    """Fill an empty side with the unnamed group of people found there ("Islamic fundamentalists
    continued their hunger strike to demand the resignation of the Algerian president"), coded as
    the state on the other side, if that side is one (``parties.domestic``)."""
    t = c.token
    g_actor, g_recipient = noun_roles(t, groups) if c.nominal else verb_roles(t, groups)
    if c.governor is not None:
        g_actor = verb_roles(head, groups)[0] or g_actor
    if not actor:
        actor = parties.domestic([m for m in g_actor if m.span not in {r.span for r in recipient}], recipient)
    if not recipient:
        recipient = parties.domestic([m for m in g_recipient if m.span not in {a.span for a in actor}], actor)
    return actor, recipient


# Prepositions that set a nominal event beside the clause's own act, in time or as its circumstance: the
# clause's subject did not do it ("After the signing of the pact, Serbia expressed concern").
_ADJUNCT_PREPS = frozenset({"after", "before", "during", "following", "since", "until", "till", "amid", "amidst",
                            "despite"})


def _host_verb(t: Token) -> Token | None:
    """The verb a nominal event hangs from as its object or prepositional complement ("moving towards the
    establishment of ..."), not as a time or circumstance ("after the signing")."""
    h = t.head
    if t.dep_ == "pobj" and h.dep_ == "prep":
        if h.lower_ in _ADJUNCT_PREPS:
            return None
        h = h.head
    elif t.dep_ not in OBJ:
        return None
    return h if h.pos_ in {"VERB", "AUX"} else None


def _objects(t: Token) -> list[Token]:
    out = [c for c in t.children if c.dep_ in OBJ | PASS_SUBJ]
    out += [p for c in t.children if c.dep_ == "prep" and c.lower_ == "of" for p in c.children if p.dep_ == "pobj"]
    if t.dep_ == "acl":
        out.append(t.head)
    return out


def code_events(article: Article, doc: Any, lex: Lexicon | None = None) -> list[Event]:
    """The events of one article (its ``actors``, ``quotes`` and ``timex`` already filled)."""
    lex = lex or load_lexicon()
    index = MentionIndex(article.actors + parties.place_mentions(doc, article.actors), doc)
    groups: MentionIndex | None = None  # unnamed groups too: built once, on the first candidate event
    registry = _Registry()
    quotes = _Quotes(article.quotes)
    ref_year = _reference_year(article)
    dl: Location | None = None
    dl_done = False
    events: list[Event] = []
    for sent in doc.sents:
        if not any(_lemma(t) in lex.cues or t.lower_ in lex.cues
                   or (t.pos_ == "VERB" and verb_lemma(t, lex) in lex.verbs) for t in sent):
            continue
        cands = _triggers(sent, lex)
        coded = {c.token.i for c in cands}
        cands = [c for c in cands if not (c.nominal and _consumed(c, coded))]
        _absorb(cands, lex)
        for c in main_events([c for c in cands if not c.absorbed]):
            if groups is None:
                groups = MentionIndex(index.mentions + parties.group_mentions(doc, set(index.by_token)), doc)
            ev = _event(c, article, sent, index, registry, lex, ref_year, groups, quotes)
            if ev is None:
                continue
            if ev.location is None:
                if not dl_done:
                    dl, dl_done = places.dateline(article.text), True
                ev.location = dl
            events.append(ev)
    return events


def _event(c: Candidate, article: Article, sent: Any, index: MentionIndex, registry: _Registry,
           lex: Lexicon, ref_year: int | None, groups: MentionIndex | None = None,
           quotes: _Quotes | None = None) -> Event | None:
    t = c.token
    chain = mod.governors(t)
    modality = mod.modality(t, chain)
    code = c.match.code
    head = c.governor if c.governor is not None else t
    actor, recipient = noun_roles(t, index) if c.nominal else verb_roles(t, index)
    if c.nominal and not actor:
        host = _host_verb(t)
        if host is not None:  # "Serbia and Hungary are moving towards the establishment of ..."
            actor = [m for m in verb_roles(host, index)[0] if m.span not in {r.span for r in recipient}]
    if c.governor is not None:
        g_actor, g_recipient = verb_roles(c.governor, index)
        if c.family == "demand":  # "China demanded that the US cancel ...": asked of the US
            recipient = [m for m in actor if m.span not in {a.span for a in g_actor}] or g_recipient
        else:
            recipient = recipient or g_recipient
        actor = g_actor or actor
        code = lex.recode(code, c.family or "") or (c.gmatch.code if c.gmatch else code)
        if c.family in {"intent", "threat"} and modality == "asserted":
            modality = "planned"
    elif not c.nominal and code[:2] in {"02", "10"}:
        # the one asked is the subject of the demanded clause, before anything inside it
        recipient = _complement_subject(t, index) or recipient
    elif not c.nominal and code[:2] == "11":
        # "complained to the UN over Israeli raids": the target is what is complained of
        recipient = grievance_target(t, index) or recipient
    elif modality == "planned" and code[:2] not in {"02", "03", "09", "10", "11", "12", "13"}:
        code = lex.recode(code, "intent") or code
    if modality == "negated" and not c.nominal and verb_lemma(head, lex) in lex.refusal_when_negated:
        # "will not accept any more refugees": a refusal, asserted
        code = lex.recode(code, "refuse") or "120"
        modality = "asserted"
    if not c.nominal and c.governor is None:
        report = next((g for g in chain if _lemma(g) in mod.cues().report_verbs), None)
        if report is not None and mod.obligation(t):
            # "Washington declared that China must drop barriers": a demand of the speaker on China
            r_actor, _ = verb_roles(report, index)
            if r_actor:
                actor, recipient = r_actor, actor
                code = lex.recode(code, "demand") or "100"
                modality = "asserted"
    if not recipient and not c.nominal and code[:2] == "13":
        recipient = [m for m in condition_subjects(head, index) if m.span not in {a.span for a in actor}]
    if not recipient and not c.nominal:
        recipient = [m for m in registry.resolve(t) if m.span not in {a.span for a in actor}]
    if not actor and not c.nominal and (code[:2] in {"18", "19", "20"} or _agentless_conflict(t, lex, code)):
        # violence, or a conflictual act done to someone by unnamed authorities ("a US national has
        # been put under investigation in Italy"): the country where it happened
        actor = [m for m in unattributed_source(t, index) if m.span not in {r.span for r in recipient}]
    if groups is not None and (not actor or not recipient):
        actor, recipient = _unnamed_groups(c, head, groups, actor, recipient)
    quote = (quotes or _Quotes(article.quotes)).at(t.idx)
    if quote is not None and quote.speaker is not None and _first_person(actor):
        actor = [quote.speaker]
    if c.match.swap:
        actor, recipient = recipient, actor
    row = lex.info(code)
    # The act itself, before an intent or a threat recoded it ("will extend the curfew in Abidjan").
    act = lex.info(c.match.code)
    by_place = row is not None and (4 in (row.quad, act.quad if act else 0) or code[:2] == "14"
                                    or (not c.nominal and _agentless_conflict(t, lex, code)))
    if row is None or not parties.political(actor, recipient, sent.doc, by_place=by_place):
        return None
    # Force needs something it is done to ("targeted a convoy", not "targeting customers"; "held the suspect",
    # not "awards held in Turin"): assault, fighting, mass violence and coercion (CAMEO 17-20).
    # Only a bare verb's frame asks: one with its own words is specific already ("opened fire at").
    if code[:2] in FORCE and not c.nominal and not c.match.weight and not parties.forceable(t, actor + recipient):
        return None
    registry.add(([t] if c.nominal else []) + _objects(t), actor)
    lo, hi = sorted((head.i, t.i))
    if hi - lo > 5:
        lo = hi = t.i
    tspan = (sent.doc[lo].idx, sent.doc[hi].idx + len(sent.doc[hi]))
    date = _date(article, sent, tspan)
    if modality == "asserted" and mod.historical(date, ref_year):
        modality = "historical"
    clause = _clause(t) + [s for g in chain[:3] for s in _clause(g)]
    return Event(event=row.event, cameo=row.code if len(code) < len(row.code) else code, quad=row.quad,
                 goldstein=row.goldstein, actor=actor, recipient=recipient,
                 trigger=Trigger(article.text[tspan[0]:tspan[1]], tspan),
                 sentence=(sent.start_char, sent.end_char), modality=modality, mode=row.mode,
                 context=list(row.context), date=date, location=places.location(clause))

