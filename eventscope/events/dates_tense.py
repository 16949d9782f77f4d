"""The tense a time expression is used in, read off the spaCy parse.

"On Tuesday" means last Tuesday in "talks ended on Tuesday" and next Tuesday in "talks will resume
on Tuesday". The expression's governing verb (up the dependency tree from the expression's head)
and its auxiliaries say which: ``past``, ``future``, ``present`` or None where no verb governs it.
"""
from __future__ import annotations

from typing import Any

from .dates_lexicon import load

_FUTURE_AUX = {"will", "'ll", "shall", "wo", "’ll"}
# Modal auxiliaries: "could meet on Friday", "would vote in March" look ahead of the report.
_MODALS = {"would", "could", "should", "may", "might", "must", "can", "ca", "'d", "’d"}


def tense_at(doc: Any, start: int, end: int) -> str | None:
    """The tense of the clause that the characters ``start:end`` of ``doc`` belong to."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    tok = span.root
    for _ in range(8):
        if tok.pos_ in {"VERB", "AUX"} and tok not in span:
            break
        if tok.head.i == tok.i:
            break
        tok = tok.head
    if tok.pos_ not in {"VERB", "AUX"}:
        # "due on Friday", "scheduled for March": an adjective or participle that looks ahead.
        return "future" if tok.lemma_.lower() in load().future_heads else None
    return verb_tense(tok)


def verb_tense(verb: Any, depth: int = 0) -> str | None:
    """``past``, ``future`` or ``present`` for a verb token, from its tag and its auxiliaries."""
    auxes = [c for c in verb.children if c.dep_ in {"aux", "auxpass"}]
    words = {c.lower_ for c in auxes}
    if words & _FUTURE_AUX:
        return "future"
    if words & _MODALS:
        return "future"
    if any(c.lower_ == "going" for c in auxes) or verb.lower_ == "going":
        return "future"
    if verb.tag_ == "VBD" or any(c.tag_ == "VBD" for c in auxes):
        return "past"
    if verb.tag_ == "VBN" and any(c.lemma_ == "have" for c in auxes):
        return "past"  # present perfect: "has met on Tuesday" happened
    infinitive = "to" in words or verb.tag_ == "VB" and verb.dep_ in {"xcomp", "ccomp", "advcl"}
    if infinitive and verb.head.i != verb.i and depth < 3:
        head = verb.head
        head_aux = {c.lower_ for c in head.children if c.dep_ in {"aux", "auxpass"}}
        if "had" in head_aux:
            return "past"  # "had been due to expire Friday": a plan overtaken by the report
        if head.lemma_.lower() in load().future_heads or head.lemma_ == "be":
            return "future"  # "plans to meet on Tuesday", "is to resume trading Tuesday"
        if head.pos_ in {"VERB", "AUX"}:
            return verb_tense(head, depth + 1)
        return "future"
    if verb.tag_ == "VBN" and not auxes:
        return "past"  # a reduced relative: "the plan announced Tuesday"
    if verb.lemma_.lower() in load().future_heads and verb.tag_ in {"VBN", "JJ"}:
        return "future"
    if verb.tag_ in {"VBZ", "VBP", "VBG"}:
        return "present"
    return None
