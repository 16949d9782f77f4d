"""Who did what to whom: event roles from a dependency parse, mapped to actor mentions by span.

The actor is the doer (subject, or the "by" agent of a passive); the recipient the one acted on
(object, "with Hungary", "against Serbia"). Conjoined subjects make actor lists, and a noun phrase
gives its mentions through its modifiers ("Serbian Defence Minister", "the defence ministers of
Albania, Croatia and Kosovo", "Lebanon's president"). The index also holds the cities the coder
reads as places of their country (``parties.place_mentions``): a phrase with no actor of its own is
coded by where it is ("rebels in the Ivory Coast", "a newspaper based in Beirut").
"""
from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from ..model import Mention
from .parties import conventions

Token = Any  # spacy.tokens.Token

SUBJ = {"nsubj", "csubj", "expl"}
PASS_SUBJ = {"nsubjpass", "csubjpass"}
OBJ = {"dobj", "dative", "obj", "attr", "oprd"}
# Prepositions whose object is acted on ("talks with", "war against", "aid to", "sanctions on").
TO_PREPS = {"with", "against", "to", "on", "toward", "towards", "from", "at", "into", "upon", "over",
            "onto", "for"}
# Modifiers that stay inside a noun phrase: where its mentions are found.
CORE = {"compound", "amod", "poss", "nmod", "nummod", "flat", "appos", "det", "npadvmod"}
CLAUSAL = {"ccomp", "xcomp", "advcl", "relcl", "conj", "acl", "parataxis", "csubj", "mark", "cc", "punct"}
RELATIVE = {"which", "that", "who", "whom", "whose"}


class MentionIndex:
    """Actor mentions of an article, looked up by token."""

    def __init__(self, mentions: Iterable[Mention], doc: Any):
        self.mentions = list(mentions)
        self.by_token: dict[int, list[Mention]] = {}
        for m in self.mentions:
            span = doc.char_span(m.span[0], m.span[1], alignment_mode="expand")
            if span is None:
                continue
            for t in span:
                self.by_token.setdefault(t.i, []).append(m)

    def at(self, token: Token) -> list[Mention]:
        return self.by_token.get(token.i, [])

    def within(self, tokens: Iterable[Token]) -> list[Mention]:
        return _unique(m for t in tokens for m in self.at(t))


def _unique(mentions: Iterable[Mention]) -> list[Mention]:
    seen: set[tuple] = set()
    out = []
    for m in mentions:
        key = (m.span, m.code, m.name)
        if key not in seen:
            seen.add(key)
            out.append(m)
    return out


def conjuncts(token: Token) -> list[Token]:
    """A head and its coordinated heads: "Albania, Croatia and Kosovo"."""
    out = [token]
    for c in token.children:
        if c.dep_ == "conj":
            out.extend(conjuncts(c))
    return out


def np_mentions(head: Token, index: MentionIndex, depth: int = 0) -> list[Mention]:
    """The mentions a noun phrase refers to, one list entry per coordinated member.

    The head's own mention wins; failing it, mentions on its modifiers ("Israeli soldiers"), then
    on its "of" complement ("the defence ministers of Albania").
    """
    out: list[Mention] = []
    for h in conjuncts(head):
        own = index.at(h)
        if own:
            out.extend(own)
            # coordinated premodifiers name one actor each: "US and British forces"
            for c in h.children:
                if c.dep_ in {"amod", "compound", "nmod"} and any(x.dep_ == "conj" for x in c.children):
                    out.extend(m for x in conjuncts(c) for m in index.at(x))
            continue
        # the possessor of a relation names the other party: "Israel's militia ally" is no Israeli
        skip = "poss" if h.lower_ in conventions().relational else ""
        core = [t for c in h.children if c.dep_ in CORE and c.dep_ != skip for t in c.subtree]
        found = index.within(core)
        # then its "of" complement ("the withdrawal of Serbian forces from Bosnia" is the forces'),
        # its "from" one; last where it is ("rebels in the Ivory Coast",
        # "students throughout Indonesia", "a newspaper based in Beirut": CAMEO codes a group of
        # unknown nationality by its place)
        for preps in ({"of"}, {"from"}, {"in", "throughout", "inside"}):
            if found or depth >= 2:
                break
            for p in prep_objects(h, preps) + (_seated(h, preps) if "in" in preps else []):
                found.extend(np_mentions(p, index, depth + 1))
        out.extend(found)
    return _unique(out)


def prep_objects(token: Token, preps: set[str] | frozenset[str]) -> list[Token]:
    """Objects of the token's prepositions named in ``preps``; a preposition the parser left
    without one takes the noun phrase right after it ("granted asylum to five Panamanian army
    officers holed up ...", where "officers" went to the next clause as its subject)."""
    out = []
    for c in token.children:
        if c.dep_ not in {"prep", "agent"} or c.lower_ not in preps:
            continue
        objs = [p for p in c.children if p.dep_ == "pobj"]
        if not objs and not any(p.dep_ == "pcomp" for p in c.children):
            head = _next_noun(c)
            objs = [head] if head is not None else []
        out.extend(objs)
    return out


def _next_noun(prep: Token) -> Token | None:
    """The head of the noun phrase right after ``prep`` (determiners, numbers and adjectives, then
    nouns), if the parser attached it elsewhere."""
    doc = prep.doc
    i = prep.i + 1
    while i < len(doc) and doc[i].pos_ in {"DET", "NUM", "ADJ"}:
        i += 1
    j = i
    while j < len(doc) and doc[j].pos_ in {"NOUN", "PROPN"}:
        j += 1
    return doc[j - 1] if j > i and doc[j - 1].dep_ != "pobj" else None


def _seated(noun: Token, preps: set[str]) -> list[Token]:
    """Places a participle seats the noun in: "a newspaper based in Beirut", "troops stationed in"."""
    seated = conventions().seated
    return [p for c in noun.children if c.dep_ == "acl" and c.tag_ == "VBN" and c.lemma_.lower() in seated
            for p in prep_objects(c, preps)]


def subject(verb: Token) -> tuple[Token | None, bool]:
    """The verb's subject head and whether the clause is passive, inheriting across control.

    "Jordan and Britain have agreed to undertake exercises": "undertake" takes "Jordan and
    Britain"; a relative clause's "which" stands for the noun it modifies.
    """
    seen = 0
    v = verb
    while v is not None and seen < 6:
        seen += 1
        for c in v.children:
            if c.dep_ in PASS_SUBJ:
                return _antecedent(c), True
            if c.dep_ in SUBJ:
                return _antecedent(c), False
        if v.dep_ in {"xcomp", "conj", "advcl", "pcomp", "acomp"} and v.head.i != v.i:
            # "acomp": control through a predicate adjective ("France is ready to contribute")
            v = v.head if v.dep_ != "pcomp" else v.head.head
            continue
        if v.dep_ == "acl" and v.head.i != v.i:
            if v.tag_ == "VB" and v.head.dep_ == "dobj" and any(c.dep_ == "aux" and c.lower_ == "to"
                                                                 for c in v.children):
                # control through the object noun: "Vucic took the opportunity to thank Hungary", "made
                # the decision to withdraw": the one who takes it acts
                v = v.head.head
                continue
            # "a pact signed between ...": the noun is acted on; "troops fleeing": the noun acts
            return v.head, v.tag_ == "VBN"
        return None, False
    return None, False


def _antecedent(tok: Token) -> Token:
    if tok.lower_ in RELATIVE and tok.head.dep_ == "relcl":
        return tok.head.head
    return tok


def verb_roles(verb: Token, index: MentionIndex, depth: int = 0) -> tuple[list[Mention], list[Mention]]:
    """Actor and recipient mentions of a verbal event.

    The recipient is, in order: the object (or a passive's subject), a mention attached to the
    object ("granted asylum to Panamanian officers"), a "with/against/to ..." complement of the verb,
    the recipient of its clausal complement, and last the place acted in ("a curfew in Montenegro").
    """
    subj, passive = subject(verb)
    actor: list[Mention] = []
    recipient: list[Mention] = []
    if passive:
        agents = prep_objects(verb, {"by"})
        for a in agents:
            actor.extend(np_mentions(a, index))
        if subj is not None:
            # what a passive is done to: "a camp for Congolese refugees was attacked"
            recipient.extend(np_mentions(subj, index) or object_mentions(subj, index))
    elif subj is not None:
        actor.extend(np_mentions(subj, index))
    between = prep_objects(verb, {"between", "among", "amongst"})
    if between and not actor:
        for b in between:
            actor.extend(np_mentions(b, index))
    if not recipient:
        for o in [c for c in verb.children if c.dep_ in OBJ]:
            recipient.extend(np_mentions(o, index) or object_mentions(o, index))
    if not recipient:
        for p in prep_objects(verb, TO_PREPS):
            # "to an international force in Liberia", "for independence from Iraq"
            recipient.extend(np_mentions(p, index) or object_mentions(p, index))
            if recipient:
                break
    clause = verb.head if verb.dep_ == "conj" and verb.head.tag_ == "VBG" else verb  # "killing or wounding"
    if not recipient and clause.dep_ == "advcl" and verb.tag_ == "VBG" and depth < 2 \
            and not any(ch.dep_ in SUBJ | PASS_SUBJ for ch in verb.children):
        # a participle clause goes on with its head's act: "fired rockets at X, killing 50"
        recipient.extend(verb_roles(clause.head, index, depth + 1)[1])
    if not recipient and depth < 2:
        # the one acted on may sit in the complement: "threatened to cut off electricity to X",
        # "is prepared to impose martial law in Y"
        # or in its purpose: "opened fire to disperse demonstrators", "staged rallies to demand
        # reforms by the government"
        for c in verb.children:
            if c.dep_ in {"xcomp", "ccomp", "advcl"} and c.pos_ in {"VERB", "AUX"} and not _conditional(c) \
                    and not _circumstance(c):
                recipient.extend(m for m in verb_roles(c, index, depth + 1)[1])
                if recipient:
                    break
    if not recipient:
        # the counterpart of an adjunct: "called off a strike after deliberations with the government"
        for p in prep_objects(verb, conventions().counterpart_adjuncts):
            recipient.extend(object_mentions(p, index))
    if not recipient and not (passive and subj is not None and subj.lemma_.lower() in conventions().groups):
        # what the action is done in: "lifted a curfew in Montenegro", "staged rallies in Gaza",
        # "in protest against violations by Algerian security forces"
        for p in prep_objects(verb, {"in", "inside", "within", "across"}):
            recipient.extend(np_mentions(p, index) or object_mentions(p, index))
            if recipient:
                break
    return _unique(actor), _drop(_unique(recipient), actor)


def _conditional(clause: Token) -> bool:
    return any(ch.dep_ == "mark" and ch.lower_ in {"if", "unless"} for ch in clause.children)


def _circumstance(clause: Token) -> bool:
    """A clause with its own subject that tells a separate circumstance ("as authorities in
    Croatia cracked down on ..."), not the purpose or content of the verb it hangs from."""
    return clause.dep_ == "advcl" and any(ch.dep_ in SUBJ | PASS_SUBJ for ch in clause.children) and any(
        ch.dep_ == "mark" and ch.lower_ in conventions().circumstantial for ch in clause.children)


def condition_subjects(verb: Token, index: MentionIndex) -> list[Mention]:
    """Who a threat is aimed at: the subject of its condition ("threatened to stop talks if the
    United States goes ahead", "will withdraw unless the president arranges a ceasefire")."""
    for v in [verb] + [c for c in verb.children if c.dep_ in {"xcomp", "ccomp"}]:
        for c in v.children:
            if c.dep_ == "advcl" and _conditional(c):
                subj, _ = subject(c)
                if subj is not None and subj.head.i == c.i:
                    return np_mentions(subj, index)
    return []


def object_mentions(obj: Token, index: MentionIndex) -> list[Mention]:
    """Mentions attached to an object that is not itself an actor: "the pact between A and B",
    "part of a military aid program for Bosnia", "intelligence to Macedonia", "asylum to five
    Panamanian army officers". The nearest mention down the phrase's modifiers wins (breadth
    first, an "of" complement before other ones: "the withdrawal of Serbian forces from Bosnia"
    is asked of the forces); a noun phrase found gives all its coordinated members ("a meeting
    between an Israeli peace movement and the PLO"). Clauses hanging from the phrase (relative
    clauses, purposes) are not searched."""
    frontier = _inner(obj)
    for _ in range(7):
        nxt: list[Token] = []
        for t in frontier:
            if index.at(t) or (t.pos_ in {"NOUN", "PROPN"} and index.within(
                    x for c in t.children if c.dep_ in {"amod", "compound", "nmod", "poss"} for x in c.subtree)):
                head = t
                while head.dep_ in {"amod", "compound", "nmod", "poss"} and head.head.i != head.i \
                        and head.head.pos_ in {"NOUN", "PROPN"} and head.head.i != obj.i and not index.at(head.head):
                    head = head.head  # "Israeli" names its noun phrase, "Israeli peace movement"
                return np_mentions(head, index)
            nxt.extend(_inner(t))
        if not nxt:
            break
        frontier = nxt
    return []


def _inner(t: Token) -> list[Token]:
    """The dependents of ``t`` inside its phrase, an "of" complement first."""
    kids = [c for c in t.children if _inside(c)]
    return sorted(kids, key=lambda c: c.dep_ != "prep" or c.lower_ != "of")


# Dependents that leave a noun phrase: clauses, side remarks, punctuation.
_NOT_INSIDE = {"relcl", "advcl", "ccomp", "xcomp", "parataxis", "punct", "cc", "mark", "det", "case"}


def _inside(t: Token) -> bool:
    """Whether a dependent stays within its noun phrase. A participle describing the noun does
    ("the demonstration staged by students", "refugees fleeing the war in Liberia"); an infinitive
    or clause after it does not ("plans to sell weapons to Taiwan": Taiwan is no party to them)."""
    if t.dep_ == "acl":
        return t.tag_ in {"VBN", "VBG"}
    return t.dep_ not in _NOT_INSIDE


def grievance_target(verb: Token, index: MentionIndex) -> list[Mention]:
    """What a complaint, criticism or accusation is about, apart from whom it is addressed to:
    "complained to the United Nations over Israeli air raids" targets Israel."""
    for p in prep_objects(verb, {"against", "over", "about"}):
        found = np_mentions(p, index) or object_mentions(p, index)
        if found:
            return found
    return []


def noun_roles(noun: Token, index: MentionIndex) -> tuple[list[Mention], list[Mention]]:
    """Actor and recipient mentions of a nominal event ("Serbia's condemnation of the pact",
    "the signing of a partnership between the two countries", "Serbian-Hungarian cooperation")."""
    actor: list[Mention] = []
    recipient: list[Mention] = []
    for c in noun.children:
        if c.dep_ == "poss":
            actor.extend(np_mentions(c, index))
    for p in prep_objects(noun, {"by"}):
        actor.extend(np_mentions(p, index))
    objects = prep_objects(noun, {"of"})
    if not actor:
        for host in [noun] + objects:
            for p in prep_objects(host, {"between", "among", "amongst"}):
                actor.extend(np_mentions(p, index))
    if not actor:
        mods = [t for c in noun.children if c.dep_ in {"amod", "compound", "nmod"} for t in c.subtree]
        actor.extend(index.within(mods))
    for o in objects:
        recipient.extend(np_mentions(o, index))
    if not recipient:
        for p in prep_objects(noun, TO_PREPS):
            recipient.extend(np_mentions(p, index))
    if not actor and not recipient:
        # the nationality of what was signed or agreed: "a document on Serbian-Hungarian cooperation"
        inner = [t for c in noun.children if c.dep_ == "prep" for t in c.subtree]
        actor.extend(index.within(t for t in inner if t.dep_ in {"amod", "compound"} or t.pos_ == "PROPN"))
    return _unique(actor), _drop(_unique(recipient), actor)


def _drop(recipient: list[Mention], actor: list[Mention]) -> list[Mention]:
    """A recipient that is the actor itself (same words) is not a recipient."""
    spans = {m.span for m in actor}
    return [m for m in recipient if m.span not in spans]


# Adjuncts that place or equip an act of violence: "a bombing near the town of Samarra", "killed
# in a car bomb explosion", "killed by a device outside the Iraqi city of Basra".
_PLACE_PREPS = {"by", "in", "near", "outside", "at", "with", "inside", "under"}


def unattributed_source(verb: Token, index: MentionIndex) -> list[Mention]:
    """Who stands behind violence that names no perpetrator: CAMEO and PLOVER code an unknown
    attacker by the country where the act took place (e.g. ``IRQUAF``, unidentified armed forces
    in Iraq), so the mentions on the act's subject phrase, its instrument and its place."""
    subj, passive = subject(verb)
    heads = [subj] if subj is not None and not passive else []
    heads += [c for c in verb.children if c.dep_ in {"prep", "agent"} and c.lower_ in _PLACE_PREPS]
    for h in heads:
        found = np_mentions(h, index) if index.at(h) else object_mentions(h, index)
        if found:
            return found
    return []

