"""Attributions beyond speech: what a source believes, wants, finds, shows or takes a stand on.

Political news reports stances as it reports speech, and readers (and the attribution corpora,
PARC and PolNeAR) take them as the source's words: "Trump wants to build a wall", "a Quinnipiac
poll shows Clinton ahead", "Sanders voted against the bill", "his support for the deal", "she is
worried about the economy". Each cue of attitudes.yaml is tied to its content by the parse:

- a verb: its that-clause, its to-infinitive, the object of its fixed preposition ("referred to
  X"), or its object ("endorsed Clinton"); a light verb lends its subject to the noun it takes
  ("expressed support for X", "made the point that ...");
- a verb that speaks for nobody named ("appears to", "is expected to"): its subject and infinitive;
- a noun: its that-clause, infinitive or prepositional object ("the claim that", "calls for");
- an adjective after a copula: its clause or prepositional object ("concerned about X").

The source is the verb's subject, the noun's possessor, or the subject of the light verb.
"""
from __future__ import annotations

from typing import Any

from .attribution import Found, _clip, _kind, _object_content, _trim, phrase, speaker_head
from .cues import Attitudes
from .marks import Quoted, inside, overlapping

# Prepositions that introduce what an attitude adjective is about: "concerned about", "clear that".
_ADJ_PREPS = {"about", "of", "in", "on", "with", "to", "toward", "towards", "over", "at", "for", "that"}
# Objects that are no content: a reflexive, a bare time phrase the parser took for an object.
_RELATIVE = {"who", "which", "that", "whom"}
_NOT_CONTENT = {"himself", "herself", "themselves", "itself", "myself", "ourselves", "yourself"}


def _span(tokens: list[Any]) -> tuple[int, int]:
    return (min(t.left_edge.idx for t in tokens),
            max(t.right_edge.idx + len(t.right_edge) for t in tokens))


def _has(tok: Any, *deps: str) -> bool:
    return any(c.dep_ in deps for c in tok.children)


def _prep_object(prep: Any) -> tuple[int, int] | None:
    """What a preposition governs: its object or clause, without the preposition itself."""
    objs = [c for c in prep.children if c.dep_ in ("pobj", "pcomp")]
    return _span(objs) if objs else None


def _infinitive(v: Any) -> Any | None:
    for c in v.children:
        if c.dep_ == "xcomp" and c.i > v.i and c.pos_ in ("VERB", "AUX"):
            return c
    return None


def _clause(v: Any) -> Any | None:
    for c in v.children:
        if c.dep_ == "ccomp" and c.i > v.i:
            return c
    return None


def _verb_content(v: Any, lemma: str, lex: Attitudes) -> tuple[tuple[int, int] | None, str]:
    """Content of an attitude verb and how it was found ("clause", "infinitive", "prep", "object")."""
    comp = _clause(v)
    if comp is not None and (lemma in lex.clause or lemma in lex.infinitive or lemma in lex.object):
        return _span([comp]), "clause"
    inf = _infinitive(v)
    if inf is not None and lemma in lex.infinitive:
        # "urged Congress to act": the addressee belongs to what was urged.
        obj = next((c for c in v.children if c.dep_ == "dobj" and c.i < inf.i), None)
        return _span([obj, inf] if obj is not None else [inf]), "infinitive"
    preps = lex.prepositions.get(lemma, frozenset())
    for c in v.children:
        marks = [m for m in c.children if m.dep_ == "mark" and m.lower_ in preps]
        if c.dep_ in ("advcl", "ccomp") and marks and c.i > v.i:
            # "calling for his rivals to drop out": the parser makes "for" a clause's mark.
            return (marks[0].idx + len(marks[0]), c.right_edge.idx + len(c.right_edge)), "prep"
        if c.dep_ in ("prep", "prt", "dative") and c.lower_ in preps and c.i > v.i:
            span = _prep_object(c)
            if span is None and c.dep_ == "prt":
                # "lashed out at X": the particle's preposition follows as a sibling.
                nxt = next((p for p in v.children if p.dep_ == "prep" and p.i > c.i), None)
                span = _prep_object(nxt) if nxt is not None else None
            if span is not None:
                return span, "prep"
    if lemma in lex.object and _has(v, "auxpass"):
        # "Trump was criticized (by X) for ...": what the stance is about is the passive subject.
        subj = next((c for c in v.children if c.dep_ == "nsubjpass" and c.lower_ not in _RELATIVE), None)
        tails = [c for c in v.children if c.i > v.i and (c.dep_ == "oprd" or c.dep_ == "prep" and c.lower_ in ("as", "for"))]
        if subj is not None:
            return _span([subj, *tails]), "passive"
    if lemma in lex.object:
        described = _object_content("", v)
        if described is not None:
            return described, "object"
        obj = next((c for c in v.children if c.dep_ == "dobj" and c.i > v.i), None)
        if obj is not None and obj.lower_ not in _NOT_CONTENT and not obj.is_punct:
            return _span([obj]), "object"
    return None, ""


def _noun_content(n: Any, lex: Attitudes) -> tuple[int, int] | None:
    """Content of an attitude noun: its that-clause, its infinitive, or its prepositional object."""
    lemma = n.lemma_.lower()
    low = n.lower_
    for c in n.children:
        if c.i < n.i:
            continue
        if c.dep_ in ("acl", "ccomp", "appos") and lemma in lex.noun_that and any(
                m.dep_ == "mark" and m.lower_ == "that" for m in c.children):
            return _span([c])
        if c.dep_ in ("acl", "relcl") and lemma in lex.noun_to and any(
                m.dep_ == "aux" and m.lower_ == "to" for m in c.children) and c.pos_ in ("VERB", "AUX"):
            return _span([c])
        if c.dep_ == "prep" and c.lower_ in lex.noun_prep.get(low, lex.noun_prep.get(lemma, frozenset())):
            span = _prep_object(c)
            if span is not None:
                return span
    return None


def _noun_source(n: Any, lex: Attitudes) -> Any | None:
    """Who holds the attitude a noun names: its possessor, or the subject of the light verb taking it."""
    for c in n.children:
        if c.dep_ == "poss":
            return c
    if n.dep_ == "dobj" and n.head.lemma_.lower() in lex.light_verbs:
        return speaker_head(n.head)
    if n.dep_ == "pobj" and n.head.dep_ == "prep" and n.head.head.pos_ in ("VERB", "AUX"):
        return None  # "in a statement": the speech verb of the clause has its own source
    return None


def _raising(v: Any, lemma: str, lex: Attitudes) -> tuple[int, int] | None:
    """Content of "X appears to win" / "X is expected to win" / "X is seen as ...": subject + complement."""
    passive = _has(v, "auxpass", "nsubjpass")
    if not (lemma in lex.raising and not passive or passive and lemma in lex.passive_reporting):
        return None
    subj = next((c for c in v.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    comp = _infinitive(v) or next((c for c in v.children if c.dep_ == "prep" and c.lower_ == "as"), None)
    if comp is None and lemma in lex.raising:
        comp = _clause(v)  # "it seems that ...": the expletive is no content
        if comp is not None and (subj is None or subj.lower_ == "it"):
            return _span([comp])
    if subj is None or comp is None or subj.lower_ in ("it", "there"):
        return None
    return _span([subj, comp])


def _adjective(a: Any, lex: Attitudes) -> tuple[tuple[int, int] | None, Any | None]:
    """Content and source of "X is concerned about Y" / "X was clear that Y"."""
    if a.dep_ not in ("acomp", "oprd") or a.lemma_.lower() not in lex.adjectives and a.lower_ not in lex.adjectives:
        return None, None
    for c in a.children:
        if c.dep_ in ("ccomp", "xcomp") and c.i > a.i:
            return _span([c]), speaker_head(a.head)
        if c.dep_ == "prep" and c.lower_ in _ADJ_PREPS:
            span = _prep_object(c)
            if span is not None:
                return span, speaker_head(a.head)
    return None, None


def _lemma(t: Any, known: Any) -> str:
    """The token's lemma as our lexicon spells it: spaCy's small model slips on a few forms
    ("hopes" -> "hop"), so the word's own regular stem is tried too."""
    lemma = t.lemma_.lower()
    if known(lemma):
        return lemma
    low = t.lower_
    for suffix, repl in (("ing", "e"), ("es", "e"), ("ed", "e"), ("s", ""), ("d", "")):
        if low.endswith(suffix) and known(low[: -len(suffix)] + repl):
            return low[: -len(suffix)] + repl
    return lemma


def attitudes(text: str, doc: Any, lex: Attitudes, quoted: list[Quoted], taken: set[int]) -> list[Found]:
    """Attributions of attitude, stance and evidence in ``doc``; cues starting at a char in ``taken``
    (already a speech attribution's) and cues inside quotations are skipped."""
    out: list[Found] = []
    for t in doc:
        if t.idx in taken or inside(quoted, t.idx) is not None or t.is_punct:
            continue
        lemma = _lemma(t, lambda w: lex.is_verb(w) or w in lex.raising or w in lex.passive_reporting)
        span: tuple[int, int] | None = None
        source: Any | None = None
        if t.pos_ in ("VERB", "AUX"):
            if t.dep_ in ("amod", "compound"):
                continue
            span = _raising(t, lemma, lex)
            if span is not None:
                agent = next((g for c in t.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"), None)
                source = agent
            elif lex.is_verb(lemma):
                dobj = next((c for c in t.children if c.dep_ == "dobj"), None)
                if lemma in lex.light_verbs and dobj is not None and lex.is_noun(dobj.lemma_.lower()):
                    continue  # the noun is the cue ("expressed support for"): found below
                span, how = _verb_content(t, lemma, lex)
                if how == "passive":
                    source = next((g for c in t.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"), None)
                else:
                    source = speaker_head(t) if span is not None else None
        elif t.pos_ == "NOUN" and lex.is_noun(lemma):
            span = _noun_content(t, lex)
            source = _noun_source(t, lex) if span is not None else None
        elif t.pos_ == "ADJ":
            span, source = _adjective(t, lex)
        if span is None:
            continue
        span = _trim(text, _clip(text, span, t.idx))
        if span[1] - span[0] < 2:
            continue
        if source is not None and (inside(quoted, source.idx) is not None or not source.text[:1].isalnum()):
            source = None
        sp = phrase(source) if source is not None else None
        if sp is not None and sp[1] - sp[0] > 1 and doc[sp[1] - 1].dep_ == "case":
            sp = (sp[0], sp[1] - 1)  # "Trump's support for": the source is Trump
        parts = [span]
        qs = overlapping(quoted, *span)
        out.append(Found(parts, t.text, (t.idx, t.idx + len(t)), sp, _kind(parts, quoted), False, qs, "attitude"))
    return out
