"""Which of a sentence's coded triggers are its events: the main clause's, not its subordinates'.

Candidates are the coder's (``token``, ``governor``, ``nominal``); this module only ranks them.
"""
from __future__ import annotations

from typing import Any

from . import modality as mod

Token = Any


def _lemma(t: Token) -> str:
    return t.lemma_.lower()


# Clausal links that embed a subordinate event: a purpose or circumstance (advcl), a relative or
# participial modifier (relcl, acl), a complement (ccomp, xcomp, pcomp), a side remark (parataxis).
_EMBED = {"advcl", "relcl", "acl", "ccomp", "xcomp", "pcomp", "parataxis", "csubj", "csubjpass"}


def clause_depth(t: Token) -> int:
    """How many clauses down from the sentence's main clause ``t`` stands. The complement of a
    speech verb counts as a main clause ("X said that Y attacked Z": the attack is the news);
    coordinated verbs share their head's depth ("killed three and wounded five")."""
    report = mod.cues().report_verbs
    depth = 0
    x = t
    for _ in range(40):
        if x.head.i == x.i:
            break
        if x.dep_ in _EMBED and not (x.dep_ in {"ccomp", "parataxis", "xcomp"} and _lemma(x.head) in report):
            depth += 1
        x = x.head
    return depth


def main_events(cands: list[Any]) -> list[Any]:
    """The events a sentence reports: those of its highest clause that has one.

    A news sentence carries one main event; what hangs below it gives its purpose, cause or
    circumstances ("staged rallies ... saying he must resign", "imposed sanctions on the Taliban
    that controls Afghanistan"), which PLOVER does not code again. A speech verb is no event where
    what it reports is one. Nominal events count only where no verb codes an event.
    """
    report = mod.cues().report_verbs
    verbal = [c for c in cands if not c.nominal]
    if len(verbal) > 1:
        # "announced that it will withdraw": the announcement carries the withdrawal
        reported = {c.token.i for c in verbal
                    if _lemma(c.governor if c.governor is not None else c.token) in report
                    and any(d.token.i != c.token.i and c.token in d.token.ancestors for d in verbal)}
        verbal = [c for c in verbal if c.token.i not in reported] or verbal
    pool = verbal or [c for c in cands if c.nominal]
    if not pool:
        return []
    depth = {c.token.i: clause_depth(c.governor if c.governor is not None else c.token) for c in pool}
    top = min(depth.values())
    return [c for c in pool if depth[c.token.i] == top]
