"""Trigger finding for the event coder: which words of a sentence carry a codable event.

Verbs with a frame in the lexicon (lemmatised, with a fallback for rare verbs the tagger misses),
light verbs whose object or "under" complement is an event noun ("staged a hunger strike", "was
put under investigation"), event nouns ("the signing of", "an alliance between"), and clauses of
obligation reported by a speech verb ("declared that China must drop barriers").
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from . import modality as mod
from .lexicon import Lexicon, Match
from .roles import OBJ, PASS_SUBJ, SUBJ

Token = Any
_SKIP_POST = {"advcl", "relcl", "parataxis", "ccomp", "punct", "mark", "cc"}


@dataclass
class Candidate:
    token: Token
    match: Match
    nominal: bool
    governor: Token | None = None  # the intent/demand/refuse/threat verb that took this action
    family: str | None = None
    gmatch: Match | None = None
    absorbed: bool = False


def _lemma(t: Token) -> str:
    return t.lemma_.lower()


def _bag(tokens: Any) -> frozenset[str]:
    return frozenset(w for t in tokens for w in (_lemma(t), t.lower_))


# Nouns that stand against their complement: in "backed Serbia's resistance to US sanctions" the sanctions are
# what is resisted, so the verb's frame "back * sanction" (threaten with sanctions) does not apply; the verb
# backs the resistance.
_OPPOSING = frozenset({"resistance", "opposition", "objection", "rejection", "defiance", "challenge", "fight",
                       "struggle", "protest"})


def _opposed(tokens: list[Token]) -> set[int]:
    """The tokens inside the complement of an opposing noun ("resistance to ...", "opposition to ...")."""
    out: set[int] = set()
    for x in tokens:
        if x.dep_ == "prep" and x.lower_ in {"to", "against", "of"} and x.head.lemma_.lower() in _OPPOSING:
            out.update(y.i for y in x.subtree)
    return out


def _verb_match(t: Token, lex: Lexicon) -> Match | None:
    # a passive subject is what the verb acts on: "the defence document was signed by ..."
    subj = [s for c in t.children if c.dep_ in SUBJ for s in c.subtree]
    post = [s for c in t.children if c.dep_ not in SUBJ | _SKIP_POST for s in c.subtree]
    opposed = _opposed(post)
    post = [s for s in post if s.i not in opposed]
    if t.dep_ == "acl" and t.tag_ == "VBN":  # "a defence pact signed between ...": the noun is the object
        h = t.head
        post += [h] + [s for c in h.children if c.dep_ in {"compound", "amod", "nmod"} for s in c.subtree]
    particles = frozenset(c.lower_ for c in t.children if c.dep_ in {"prt", "prep"})
    return lex.code_verb(verb_lemma(t, lex), particles, _bag(subj), _bag(post))


def _noun_match(t: Token, lex: Lexicon) -> Match | None:
    entry = lex.nominals.get(t.lower_) or lex.nominals.get(_lemma(t))
    if not entry:
        return None
    if "code" in entry:
        mods = {c.lower_ for c in t.children if c.dep_ in {"compound", "amod", "nmod"}}
        picked = [str(code) for word, code in (entry.get("modifiers") or {}).items() if word in mods]
        return Match(picked[0] if picked else str(entry["code"]), weight=3 if picked else 0)
    pre = [s for c in t.children if c.dep_ == "poss" for s in c.subtree]
    post = [s for c in t.children if c.dep_ in {"prep", "compound", "amod", "nmod"} for s in c.subtree]
    return lex.code_verb(str(entry["verb"]), frozenset(), _bag(pre), _bag(post))


def _form_lemmas(word: str) -> list[str]:
    """Base forms an inflected verb may come from, for when the tagger's lemma is wrong ("staged" ->
    "stag"): the regular English -s/-ed/-ing endings, with e-restoration and doubled consonants."""
    w = word.lower()
    out: list[str] = []
    for suffix in ("ied", "ies"):
        if w.endswith(suffix):
            out.append(w[:-3] + "y")
    for suffix in ("ed", "ing", "es", "s"):
        if w.endswith(suffix) and len(w) > len(suffix) + 2:
            stem = w[:-len(suffix)]
            out += [stem, stem + "e"]
            if len(stem) > 2 and stem[-1] == stem[-2]:
                out.append(stem[:-1])  # "stopped" -> "stop"
    if w.endswith("d") and len(w) > 3:
        out.append(w[:-1])  # "staged" -> "stage"
    return out


def verb_lemma(t: Token, lex: Lexicon) -> str:
    """The token's lemma, or a regular base form of it that the lexicon knows where the tagger's
    lemma is not a lexicon verb (statistical lemmatisers miss rare verbs)."""
    lemma = _lemma(t)
    if lemma in lex.verbs:
        return lemma
    return next((f for f in _form_lemmas(t.text) if f in lex.verbs), lemma)


def _light_object(t: Token, lemma: str, lex: Lexicon) -> Match | None:
    """The event of a light verb's object: "staged a hunger strike" is a hunger strike (142),
    "completed their withdrawal" a withdrawal, "was put under investigation" an investigation."""
    if lemma not in lex.light_verbs:
        return None
    objects = [o for o in t.children if o.dep_ in OBJ]
    objects += [o for p in t.children if p.dep_ == "prep" and p.lower_ == "under" for o in p.children
                if o.dep_ == "pobj"]
    for o in objects:
        if o.pos_ in {"NOUN", "PROPN"}:
            entry = lex.nominals.get(o.lower_) or lex.nominals.get(_lemma(o))
            if entry:
                m = _noun_match(o, lex)
                if m is not None and lex.info(m.code):
                    return m
    return None


# Participles that modify a noun ("the defeated party", "a banned movement", "the besieged town")
# describe the noun; the event they name, if any, is reported elsewhere.
_MODIFIER_DEPS = {"amod", "compound", "nmod"}


def _reported_obligation(t: Token) -> bool:
    """ "Washington declared that China must drop barriers": a clause of obligation reported by a
    speech verb is a demand of the speaker on its subject, whatever its verb."""
    if t.pos_ != "VERB" or t.dep_ != "ccomp" or _lemma(t.head) not in mod.cues().report_verbs:
        return False
    return "must" in {a.lower_ for a in t.children if a.dep_ == "aux"} and \
        any(c.dep_ in SUBJ for c in t.children)


def _nominal_participle(t: Token) -> bool:
    """A participle standing for people as a noun phrase ("evacuated the wounded", "freed the
    detained") names who underwent something, not an event of the sentence."""
    return t.tag_ in {"VBN", "VBG"} and t.dep_ in OBJ | SUBJ | PASS_SUBJ | {"pobj"} and \
        any(c.dep_ == "det" for c in t.children)


# What a speech verb can be in its own right when it reports a clause: a statement, an appeal, a demand,
# disapproval, a rejection or a threat ("warned that ...", "claimed that ..."). The frames Phoenix gives
# speech verbs for their other senses ("add" with GRANT: "added troops"; "reveal" with disclosure as
# cooperation; "think" as consultation) are no event of "added that relations are good".
_SPEECH_FAMILIES = frozenset({"01", "02", "10", "11", "12", "13"})


def _speech_in_other_sense(t: Token, m: Match) -> bool:
    """A report verb reporting a clause, coded only by a frame of one of its non-speech senses."""
    return (m.weight == 0 and m.code[:2] not in _SPEECH_FAMILIES and _lemma(t) in mod.cues().report_verbs
            and any(c.dep_ == "ccomp" for c in t.children))


def _triggers(sent: Any, lex: Lexicon) -> list[Candidate]:
    out = []
    for t in sent:
        if _nominal_participle(t):
            continue
        lemma = verb_lemma(t, lex) if t.pos_ == "VERB" else _lemma(t)
        light = _light_object(t, lemma, lex) if t.pos_ == "VERB" and t.dep_ not in _MODIFIER_DEPS else None
        if light is not None:
            out.append(Candidate(t, light, False))
        elif t.pos_ == "VERB" and t.dep_ not in _MODIFIER_DEPS and lemma in lex.verbs:
            m = _verb_match(t, lex)
            if m and lex.info(m.code) and not _speech_in_other_sense(t, m):
                out.append(Candidate(t, m, False))
            elif _reported_obligation(t):
                out.append(Candidate(t, Match("100"), False))
        elif _reported_obligation(t):
            out.append(Candidate(t, Match("100"), False))
        elif t.pos_ == "NOUN" and (lemma in lex.nominals or t.lower_ in lex.nominals):
            m = _noun_match(t, lex)
            if m and lex.info(m.code):
                out.append(Candidate(t, m, True))
    return out
