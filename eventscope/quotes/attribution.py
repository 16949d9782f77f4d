"""Who said what, from the parse: cue verbs, their speakers, and what they said.

Each cue ("said", "warned", "according to") is tied to its content in one of four ways, tried in
order, as a reporter writes them:

1. an adjacent quotation: ``"…," said X`` / ``X said: "…"`` / ``"…," X said, "…"`` (split quote);
2. a clausal complement: ``X warned that …`` (indirect; mixed where it holds quoted words);
3. the clause the cue interrupts or follows: ``The plan, he said, is dead`` / ``…, he said.``;
4. the clause an ``according to X`` (or ``in a CBS poll``, ``per the report``) phrase hangs on.

The speaker is the cue's subject, or the subject of the verb a participle cue hangs on
(``…, said X, adding that …``), or the object of ``according to``.
"""
from __future__ import annotations

import heapq
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from .cues import Cues
from .marks import Quoted, SpanSet, inside, overlapping, paragraph

# Dependents that are part of the cue's own clause (the "said X on Twitter" frame), not its content.
_FRAME_DEPS = {"nsubj", "nsubjpass", "aux", "auxpass", "neg", "advmod", "prt", "npadvmod", "prep", "dobj",
               "dative", "agent", "expl", "mark"}
# Dependents cut off a speaker's noun phrase: what follows a name ("X, who …", "X, a lawyer,").
_NP_CUT = {"relcl", "acl", "appos", "punct", "advcl", "parataxis", "cc", "conj"}
# What may stand between a quotation and its attribution: marks, commas, dashes, colons.
_GAP_CHARS = set(" \t,;:—–-\"'“”‘’«»„")
# The most characters between a quotation and its attribution.
_GAP_MAX = 12
# Cues that take an infinitive as content: "urged Congress to act", "vowed to fight".
_XCOMP_CUES = {"urge", "ask", "promise", "pledge", "vow", "threaten", "warn", "tell", "advise", "call",
               "demand", "plead", "swear"}


@dataclass
class Found:
    """One attribution as found: content parts (character spans), cue, speaker tokens and kind."""

    parts: list[tuple[int, int]]
    cue_text: str
    cue_span: tuple[int, int]
    speaker: tuple[int, int] | None  # token range [i, j) of the speaker phrase
    kind: str
    via_quote: bool = False  # content is a quotation next to the cue
    quoted: list[Quoted] = field(default_factory=list)
    how: str = "quote"  # "quote", "complement", "clause" or "according": which way of the four

    @property
    def span(self) -> tuple[int, int]:
        return self.parts[0][0], self.parts[-1][1]


def _chars(tokens: Any) -> tuple[int, int]:
    toks = list(tokens)
    return toks[0].idx, toks[-1].idx + len(toks[-1])


def _subtree_span(tok: Any) -> tuple[int, int]:
    return tok.left_edge.idx, tok.right_edge.idx + len(tok.right_edge)


def _trim(text: str, span: tuple[int, int]) -> tuple[int, int]:
    """A content span without the blanks, punctuation and dangling marks at its ends."""
    s, e = span
    while s < e and (text[s].isspace() or text[s] in ",;:—–-"):
        s += 1
    while e > s and (text[e - 1].isspace() or text[e - 1] in ",;:—–-"):
        e -= 1
    # A single mark left at either end (the other one is outside the span) is noise.
    if s < e and text[s] in "\"“”„«»" and text[s + 1:e].count(text[s]) == 0 and text[s] not in text[s + 1:e]:
        s += 1
    return s, e


def cue_tokens(doc: Any, cues: Cues, quoted: list[Quoted]) -> list[tuple[Any, str]]:
    """Cue verbs and 'according to' heads of ``doc``, each with its cue text; none inside quotations."""
    out: list[tuple[Any, str]] = []
    for t in doc:
        if inside(quoted, t.idx) is not None:
            continue  # "I said no," he said: only the outer attribution counts
        low = t.lower_
        if low == "according" and t.i + 1 < len(doc) and doc[t.i + 1].lower_ == "to":
            out.append((t, "according to"))
            continue
        if low in ("in", "per") and t.dep_ == "prep" and t.head.dep_ == "ROOT" and t.head.pos_ in ("VERB", "AUX") and any(
                c.dep_ == "pobj" and c.lemma_.lower() in cues.source_nouns for c in t.children):
            out.append((t, low))  # "In a CBS poll, Trump leads …": the poll is the source
            continue
        if t.pos_ not in ("VERB", "AUX") or t.lemma_.lower() not in cues.verbs:
            continue
        if t.dep_ in ("amod", "compound", "acomp"):
            continue  # "so-called", "the said document"
        text = t.text
        for c in t.children:
            if c.dep_ == "prt" and c.lower_ in cues.particles.get(t.lemma_.lower(), ()):
                text = f"{t.text} {c.text}"
        out.append((t, text))
    return out


def _frame(v: Any) -> tuple[int, int]:
    """Character range of the cue's own clause: the verb with its subject, auxiliaries, adjuncts."""
    toks = [v]
    for c in v.children:
        if c.dep_ in _FRAME_DEPS:
            toks.extend(t for t in c.subtree if not t.is_space)
    toks.sort(key=lambda t: t.i)
    # Only the contiguous run around the verb: an adjunct far away is not part of the frame.
    i = toks.index(v)
    lo = hi = i
    while lo > 0 and toks[lo - 1].i == toks[lo].i - 1:
        lo -= 1
    while hi + 1 < len(toks) and toks[hi + 1].i == toks[hi].i + 1:
        hi += 1
    return _chars(toks[lo:hi + 1])


def _gap_ok(text: str, a: int, b: int, allow_newline: bool) -> bool:
    if b < a or b - a > _GAP_MAX:
        return False
    gap = text[a:b]
    if "\n" in gap and not (allow_newline and ":" in gap):
        return False
    return all(ch in _GAP_CHARS or ch == "\n" for ch in gap)


def _adjacent_quotes(text: str, frame: tuple[int, int], quoted: list[Quoted]) -> list[Quoted]:
    """Quotations right before and/or right after the cue frame (marks and commas between only)."""
    out = []
    # Only the quotations ending or starting within a gap of the frame can be adjacent.
    for q in overlapping(quoted, frame[0] - _GAP_MAX - 1, frame[1] + _GAP_MAX + 1):
        if q.span[1] <= frame[0] and _gap_ok(text, q.span[1], frame[0], allow_newline=False):
            if text[q.span[1] - 1] == "." and text[frame[0]].isupper():
                continue  # "…." He said …: the quotation ended its own sentence
            out.append(q)
        elif q.span[0] >= frame[1] and _gap_ok(text, frame[1], q.span[0], allow_newline=True):
            out.append(q)
    return out


def speaker_head(v: Any) -> Any | None:
    """The token that names who speaks for cue verb ``v``."""
    for c in v.children:
        if c.dep_ == "nsubj":
            if c.lower_ in ("who", "which", "that") and v.dep_ == "relcl":
                return v.head  # "Smith, who said …"
            return c
    for c in v.children:
        if c.dep_ == "agent":  # "was told by X"
            for g in c.children:
                if g.dep_ == "pobj":
                    return g
    if v.dep_ in ("advcl", "xcomp", "conj", "pcomp") and v.head is not v:
        # "…, said X, adding that …": the participle's speaker is the main verb's subject.
        return speaker_head(v.head)
    if v.dep_ == "acl" and v.head.pos_ in ("NOUN", "PROPN", "PRON") and v.tag_ == "VBG":
        return v.head  # "voters wanting change": the participle's noun
    return None


def _fallback_subject(v: Any, quoted: list[Quoted]) -> Any | None:
    """The speaker where the parser chose a word of the quotation or a mark as the subject
    ("…," - stated the minister; «…» the minister said): the nearest nominal next to the cue."""
    cands = [c for c in v.children
             if c.dep_ in ("nsubj", "dobj", "attr", "npadvmod", "oprd", "appos", "dep")
             and c.pos_ in ("PROPN", "NOUN", "PRON") and inside(quoted, c.idx) is None]
    return min(cands, key=lambda c: abs(c.i - v.i)) if cands else None


def phrase(tok: Any) -> tuple[int, int]:
    """Token range [i, j) of the noun phrase headed by ``tok``, without appositions and clauses."""
    cut: set[int] = set()
    for c in tok.children:
        if c.dep_ in _NP_CUT:
            cut.update(t.i for t in c.subtree)
    allowed = {t.i for t in tok.subtree if not t.is_space and "\n" not in t.text} - cut
    lo = hi = tok.i
    while lo - 1 in allowed and tok.doc[lo - 1].text not in (",", "(", "—", "–"):
        lo -= 1
    while hi + 1 in allowed and tok.doc[hi + 1].text not in (",", "(", "—", "–"):
        hi += 1
    doc = tok.doc
    # Hyphenated names come apart in the tokenizer ("Szalay - Bobrovniczky"): join them again.
    while lo >= 2 and doc[lo - 1].text == "-" and not doc[lo - 2].whitespace_ and not doc[lo - 1].whitespace_:
        lo -= 2
    while hi + 2 < len(doc) and doc[hi + 1].text == "-" and not doc[hi].whitespace_ and not doc[hi + 1].whitespace_:
        hi += 2
    return lo, hi + 1


def _clip(text: str, span: tuple[int, int], pos: int) -> tuple[int, int]:
    """``span`` cut to the paragraph of ``pos``: the parser sometimes runs a sentence over a break."""
    p0, p1 = paragraph(text, pos)
    return max(span[0], p0), min(span[1], p1)


def _complement(text: str, v: Any) -> Any | None:
    """The cue's clausal complement in its own paragraph, the one nearest the verb."""
    kinds = ("ccomp", "xcomp") if v.lemma_.lower() in _XCOMP_CUES else ("ccomp",)
    p0, p1 = paragraph(text, v.idx)
    comps = [c for c in v.children if c.dep_ in kinds and p0 <= c.idx < p1]
    if not comps:
        return None
    return min(comps, key=lambda c: (c.dep_ != "ccomp", abs(c.i - v.i)))


# Cues whose content is an object with its complement: "called him a liar", "described it as a mistake",
# "accused Croatia of provocations", "called for talks", "called on Serbia to act".
_OBJECT_CUES = {"call", "describe", "label", "brand", "dub", "term", "accuse", "blame", "praise", "criticize",
                "criticise", "condemn", "denounce", "slam", "blast", "urge", "thank"}


def _object_content(text: str, v: Any) -> tuple[int, int] | None:
    """Content of an object-complement cue: from its object to the end of the complement."""
    lemma = v.lemma_.lower()
    if lemma not in _OBJECT_CUES:
        return None
    kids = list(v.children)
    for c in kids:
        if c.dep_ == "prep" and c.lower_ in ("for", "on") and lemma == "call":
            return _subtree_span(c) if c.lower_ == "on" else _span_of(list(c.children) or [c])
    obj = next((c for c in kids if c.dep_ in ("dobj", "nsubj") and c.i > v.i), None)
    if obj is None:
        return None
    tails = [c for c in kids if c.i > obj.i and (c.dep_ in ("oprd", "ccomp", "xcomp", "attr")
                                                 or c.dep_ == "prep" and c.lower_ in ("as", "of", "for"))]
    if not tails:
        return None
    return obj.left_edge.idx, max(t.right_edge.idx + len(t.right_edge) for t in tails)


def _span_of(tokens: list[Any]) -> tuple[int, int]:
    return min(t.left_edge.idx for t in tokens), max(t.right_edge.idx + len(t.right_edge) for t in tokens)


def _according(text: str, t: Any, channels: frozenset[str]) -> tuple[tuple[int, int] | None, Any | None]:
    """Content and source of 'according to X' (or 'in X's poll'): the clause the phrase hangs on,
    minus the phrase."""
    to = t.doc[t.i + 1] if t.lower_ == "according" else t
    source = next((c for c in to.children if c.dep_ == "pobj"), None)
    if to is t and source is not None and source.lemma_.lower() in channels:
        source = speaker_head(t.head)  # "in an interview, X …": the clause's subject speaks
    pp_start = t.idx
    pp_end = to.right_edge.idx + len(to.right_edge) if source is not None else to.idx + 2
    sent = t.sent
    s0, s1 = _clip(text, (sent.start_char, sent.end_char), t.idx)
    if pp_start - s0 <= 2:  # "According to X, the plan …"
        return _trim(text, (pp_end, s1)), source
    if s1 - pp_end <= 2:  # "The plan …, according to X."
        return _trim(text, (s0, pp_start)), source
    return _trim(text, (s0, s1)), source  # "The plan, according to X, is dead."


def _clause_content(text: str, v: Any) -> tuple[int, int] | None:
    """Content of a cue that interrupts or follows its clause: "The plan, he said, is dead." """
    sent = v.sent
    frame = _frame(v)
    s0, s1 = _clip(text, (sent.start_char, sent.end_char), v.idx)
    if v.dep_ == "parataxis" or (v.dep_ == "ROOT" and any(c.dep_ == "ccomp" for c in v.children) is False
                                 and frame[1] >= s1 - 2 and frame[0] > s0 + 2):
        before = (s0, frame[0])
        after = (frame[1], s1)
        if v.dep_ == "parataxis" and after[1] - after[0] > 3:
            return _trim(text, (before[0], after[1]))
        if text[frame[0] - 2:frame[0]].strip() in (",", "") and before[1] - before[0] > 10:
            return _trim(text, before)
    return None


def attribute(text: str, doc: Any, cues: Cues, quoted: list[Quoted]) -> list[Found]:
    """Every attribution in ``doc`` tied to a cue, in text order (see the module docstring)."""
    found: list[Found] = []
    used_quotes: set[int] = set()
    for v, cue_text in cue_tokens(doc, cues, quoted):
        if cue_text in ("according to", "in", "per"):
            span, src = _according(text, v, cues.channels)
            if span and span[1] - span[0] > 3:
                sp = phrase(src) if src is not None else None
                kind = _kind([span], quoted)
                found.append(Found([span], cue_text, (v.idx, v.idx + len(cue_text)), sp, kind, how="according"))
            continue
        frame = _frame(v)
        adj = [q for q in _adjacent_quotes(text, frame, quoted) if id(q) not in used_quotes]
        parts: list[tuple[int, int]] = []
        via_quote = False
        how = "quote"
        if adj:
            parts = [q.span for q in adj]
            via_quote = True
        else:
            comp = _complement(text, v)
            obj = _object_content(text, v) if comp is None else None
            if obj is not None:
                parts = [_trim(text, _clip(text, obj, v.idx))]
                how = "complement"
            elif comp is not None:
                span = _trim(text, _clip(text, _subtree_span(comp), v.idx))
                # A complement reaching into a quotation takes the whole quotation (multi-sentence quotes).
                for q in overlapping(quoted, *span):
                    span = (min(span[0], q.span[0]), max(span[1], q.span[1]))
                parts = [span]
                how = "complement"
            else:
                span2 = _clause_content(text, v)
                if span2 is not None:
                    parts = [span2]
                    how = "clause"
        if not parts or parts[-1][1] - parts[0][0] < 2:
            continue
        head = speaker_head(v)
        if head is not None and (inside(quoted, head.idx) is not None or not head.text[0].isalnum()):
            head = _fallback_subject(v, quoted)
        sp = phrase(head) if head is not None else None
        kind = "direct" if via_quote else _kind(parts, quoted)
        hull = overlapping(quoted, min(s for s, _ in parts), max(e for _, e in parts))
        qs = [q for q in hull if any(q.span[0] < e and s < q.span[1] for s, e in parts)]
        if via_quote:
            used_quotes.update(id(q) for q in adj)
        found.append(Found(parts, cue_text, (v.idx, v.idx + len(v)), sp, kind, via_quote, qs, how))
    found.extend(_headline_colons(text, doc, quoted, found))
    return drop_nested(found)


def _headline_colons(text: str, doc: Any, quoted: list[Quoted], found: list[Found]) -> list[Found]:
    """Headline-style attribution: a paragraph opening with a name and a colon ("Graham: Trump's …")."""
    out: list[Found] = []
    taken = SpanSet(f.span for f in found)
    pos = 0
    while pos < len(text):
        p0, p1 = paragraph(text, pos)
        pos = p1 + 1
        colon = text.find(":", p0, min(p1, p0 + 80))
        if colon < 0 or p1 - colon < 12 or taken.overlaps(colon, colon + 1):
            continue
        lead = doc.char_span(p0, colon, alignment_mode="contract")
        if lead is None or not 1 <= len(lead) <= 8 or inside(quoted, p0) is not None:
            continue
        words = [t for t in lead if t.is_alpha]
        named = any(t.pos_ == "PROPN" for t in lead) or (words and all(t.text[0].isupper() for t in words))
        if any(t.pos_ in ("VERB", "AUX") for t in lead) or not named:
            continue  # "X said:" is a cue verb's; a clause before a colon is no speaker
        if not (lead[0].is_title or lead[0].is_upper) or lead[-1].text.isdigit():
            continue  # "Update 3:", "12:35 p.m."
        if not _speaker_like(lead):
            continue  # a label ("Pricing:", "Best for:", "Address:") or a place heading a list item ("Florida:")
        content = _trim(text, (colon + 1, p1))
        kind = _kind([content], quoted)
        head = lead.root
        lo, hi = phrase(head)
        out.append(Found([content], ":", (colon, colon + 1), (max(lo, lead.start), min(hi, lead.end)), kind, kind == "direct",
                         overlapping(quoted, *content), "clause"))
    return out


# Entity types of someone who can speak: a person, a body or an outlet (a place heads a list item).
SPEAKER_ENTS = frozenset({"PERSON", "ORG"})


def _speaker_like(lead: Any) -> bool:
    """Whether the words before a colon name a speaker, as interview transcripts and headlines write them
    ("Jon Hartley: ...", "Graham: ..."): most of their words lie in a person's or a body's name."""
    words = [t for t in lead if t.is_alpha]
    return bool(words) and 2 * sum(t.ent_type_ in SPEAKER_ENTS for t in words) >= len(words)


def _kind(parts: list[tuple[int, int]], quoted: list[Quoted]) -> str:
    """direct where the content lies within quotations, mixed where it holds some, else indirect."""
    s, e = parts[0][0], parts[-1][1]
    covered = 0
    any_q = False
    for q in overlapping(quoted, s, e):
        lo, hi = max(s, q.span[0]), min(e, q.span[1])
        if hi > lo:
            any_q = True
            covered += hi - lo
    if not any_q:
        return "indirect"
    return "direct" if covered >= 0.9 * (e - s) else "mixed"


def drop_nested(found: list[Found]) -> list[Found]:
    """One attribution where one cue sits inside another's content.

    A quotation or complement holding a cue keeps it as part of what was said ("X said Y told him
    …": one quote, X's). Content taken loosely (the whole clause around "he said", "according to")
    gives way to a cue inside it, which has a content of its own.
    """
    loose = {"clause", "according"}
    drop: set[int] = set()
    by_cue: dict[int, list[int]] = defaultdict(list)
    for i, f in enumerate(found):
        by_cue[f.cue_span[0]].append(i)
    holders = _containing([f.cue_span[0] for f in found], [f.span for f in found])
    for i, f in enumerate(found):
        same: set[int] = set()
        if f.how not in loose:
            for j in by_cue[f.cue_span[0]]:
                if j != i and found[j].how in loose:
                    drop.add(j)  # one cue read twice: its structured content beats the clause around it
                    same.add(j)
        for j in holders[i]:
            if j == i or j in same:
                continue
            g = found[j]
            if f.how not in loose and f.how != "attitude" and (g.how in loose or g.how == "attitude"):
                drop.add(j)  # a speech cue with its own content beats a loose or attitude reading
            else:
                drop.add(i)
    return [f for k, f in enumerate(found) if k not in drop]


def _containing(points: list[int], spans: list[tuple[int, int]]) -> list[list[int]]:
    """For each point, the indices of the spans [s, e) holding it (s <= point < e), in one sweep
    over both in text order: a long text has thousands of each, and few spans hold any one point."""
    out: list[list[int]] = [[] for _ in points]
    by_start = sorted(range(len(spans)), key=lambda j: spans[j][0])
    ends: list[tuple[int, int]] = []  # (end, index) of the spans started so far, a heap
    live: set[int] = set()
    k = 0
    for i in sorted(range(len(points)), key=points.__getitem__):
        p = points[i]
        while k < len(by_start) and spans[by_start[k]][0] <= p:
            j = by_start[k]
            heapq.heappush(ends, (spans[j][1], j))
            live.add(j)
            k += 1
        while ends and ends[0][0] <= p:
            live.discard(heapq.heappop(ends)[1])
        out[i] = sorted(live)
    return out
