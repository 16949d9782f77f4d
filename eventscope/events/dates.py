"""Dates: time expressions found in an article and resolved to ISO 8601 values.

    text --dates_find--> expressions --(parse: false friends, tense)--> dates_resolve --> Timex

The anchor is the publication date. With none, each expression is anchored on the nearest explicit
date or year written in the text (before it if any, else after it) and its ``Timex`` is marked
``inferred``; a year is never made up: what the text does not say stays out of the value ("April 1"
with no year anywhere is ``--04-01``; "on Tuesday" is null).

``DateStage`` fills ``article.timex``; ``date_of`` is what the event coder asks for the date of one
event. ``find_timexes`` is the same work for a bare text.
"""
from __future__ import annotations

import bisect
import re
from typing import Any

from ..model import Article, Timex
from .dates_find import Expr, find
from .dates_lexicon import load
from .dates_resolve import Anchor, resolve, shift
from .dates_tense import tense_at

__all__ = ["DateStage", "date_of", "find_timexes"]

# Words before a bare year that make it a year even where the parser calls it a count.
_YEAR_CUES = {"in", "since", "by", "until", "till", "of", "from", "to", "through", "during", "before",
              "after", "between", "and", "or", "year", "fiscal", "early", "late", "mid", "the", "'s", "’s"}
# Words before a bare "May", "March", "June" that make it the month.
_MONTH_CUES = {"in", "since", "by", "until", "till", "of", "from", "to", "through", "during", "before",
               "after", "between", "last", "next", "this", "early", "late", "mid", "throughout"}
_NOT_DATES = {"MONEY", "PERCENT", "QUANTITY", "CARDINAL", "ORDINAL"}


class DateStage:
    """The annotation stage that fills ``article.timex`` (after actors, before events)."""

    name = "timex"
    needs_parse = True

    def __call__(self, article: Article, doc: Any) -> None:
        article.timex = find_timexes(article.text, doc, article.published)


def find_timexes(text: str, doc: Any = None, published: str | None = None) -> list[Timex]:
    """The time expressions of ``text`` with their values.

    ``doc`` (the spaCy parse of ``text``) sorts out false friends (the modal "may", a count of
    1990 tonnes) and gives the tense that directs bare weekdays and months; without it the
    expressions are read with the text alone and no tense. ``published`` (ISO 8601) is the anchor.
    """
    exprs = [e for e in find(text) if _confirmed(e, text, doc)]
    anchor = Anchor.parse(published)
    explicit = [e for e in exprs if e.kind == "date" and e.year is not None]
    starts = _sentence_starts(text, doc)
    out: list[Timex] = []
    ref: tuple[Anchor, int] | None = None  # the narrative's reference time, and its sentence
    for e in exprs:
        if out and out[-1].span[1] > e.start:
            continue  # the anchor of "two weeks after March 3", already folded into it
        tense = _tense(e, text, doc)
        a, inferred = (anchor, False) if anchor else _text_anchor(e, explicit)
        sent = bisect.bisect_right(starts, e.start)
        # "A year earlier", "the following day" refer to a time named close by (this sentence or
        # the one before); further on, the report's own time is the better reading.
        local = ref[0] if ref and (sent - ref[1] <= 1 or e.base == "prev") else None
        if e.kind == "offset":
            value = _offset(e, a, tense, local, text, out, doc)
            start, end = e.start, (e.anchor.end if e.anchor else e.end)
        else:
            value = resolve(e, a, tense, local)
            start, end = e.start, e.end
        needs_anchor = not (e.kind == "date" and e.year is not None) and e.kind != "century" \
            and not (e.kind == "decade" and e.decade is not None)
        out.append(Timex(text[start:end], (start, end), value, inferred=bool(inferred and needs_anchor and value)))
        # The reference time moves with the dates the narrative names, not with those reckoned
        # from it: "a year earlier" twice in a report means the same year both times.
        if value and e.kind in {"date", "shift", "weekday", "quarter", "offset"} and e.base == "dct":
            parsed = Anchor.parse(value)
            if parsed:
                ref = (parsed, sent)
    return out


def _tense(e: Expr, text: str, doc: Any) -> str | None:
    """The tense that directs ``e``, with the cues of the words right around it."""
    tense = tense_at(doc, e.start, e.end) if doc is not None else None
    prev = re.findall(r"[\w'’]+", text[max(0, e.start - 25):e.start].lower())
    if prev and prev[-1] == "on":
        prev.pop()
    if prev and prev[-1] in load().forward_cues:
        return "future"
    if prev and prev[-1] == "since" and e.kind in {"date", "weekday"} and e.direction is None:
        e.direction = "past"  # "since May": the last May before now, whatever the clause's tense
        return "past"
    if e.kind == "weekday" and tense in {None, "present"} and text[e.end:e.end + 2] in {"'s", "’s"}:
        return "past"  # "Thursday's closing price": a report looks back at it
    return tense


def _sentence_starts(text: str, doc: Any) -> list[int]:
    if doc is not None:
        return [s.start_char for s in doc.sents]
    return [0] + [m.end() for m in re.finditer(r"[.!?][\"”’')]*\s+|\n+", text)]


def date_of(article: Article, start: int, end: int, trigger: int | tuple[int, int] | None = None,
            timex: list[Timex] | None = None) -> str | None:
    """The date of an event coded from the sentence ``article.text[start:end]``.

    Reads the article's resolved ``timex`` (the ``DateStage`` must have run): of the time
    expressions inside the sentence that have a value, the one nearest to ``trigger`` (a character
    offset or a span; without it, the first). Relations such as "two weeks after the election" are
    resolved by the stage already (on the date of the election where the article gives one), so a
    trigger next to them gets the shifted date. None where the sentence has no resolved date: the
    caller may then fall back to the publication date, which this function does not assume.
    ``timex``: the expressions to choose from, where not all of the article's may date the event.
    """
    inside = [t for t in (article.timex if timex is None else timex)
              if start <= t.span[0] and t.span[1] <= end and t.value]
    if not inside:
        return None
    if trigger is None:
        return inside[0].value
    t0, t1 = (trigger, trigger) if isinstance(trigger, int) else trigger

    def distance(t: Timex) -> tuple[int, int]:
        gap = max(t.span[0] - t1, t0 - t.span[1], 0)
        return gap, -len(t.value or "")  # on a tie, the more precise value

    return min(inside, key=distance).value


def _text_anchor(e: Expr, explicit: list[Expr]) -> tuple[Anchor | None, bool]:
    """The nearest explicit date or year of the text: the last one before ``e``, else the first after.

    ``explicit`` in text order, none overlapping another (as ``find`` gives them): their ends are in
    order too, so both are found by binary search, not a pass over all of a long text's dates."""
    k = bisect.bisect_right(explicit, e.start, key=lambda x: x.end)
    j = bisect.bisect_left(explicit, e.end, key=lambda x: x.start)
    pick = explicit[k - 1] if k else (explicit[j] if j < len(explicit) else None)
    if pick is None or pick.year is None:
        return None, False
    month = pick.month
    day = pick.day if month else None
    return Anchor(pick.year, month, day), True


def _offset(e: Expr, a: Anchor | None, tense: str | None, ref: Anchor | None, text: str,
            done: list[Timex], doc: Any) -> str | None:
    """"two weeks after March 3" or "two weeks after the election" (the election's date, where an
    earlier sentence gives it one)."""
    base: Anchor | None = None
    if e.anchor is not None:
        base = Anchor.parse(resolve(e.anchor, a, tense, ref))
    elif e.anchor_text:
        base = Anchor.parse(_event_date(e, text, done, doc))
    if base is None:
        return None
    return shift(base, e.unit or "day", e.n, e.precision)


def _event_date(e: Expr, text: str, done: list[Timex], doc: Any) -> str | None:
    """The date given to the event named by ``e.anchor_text`` in an earlier sentence."""
    words = [w for w in re.findall(r"[A-Za-z][\w-]*", e.anchor_text or "") if w.lower() not in {"the", "a", "an", "his", "her", "its", "their"}]
    if not words:
        return None
    head = words[-1]
    here = _sentence(text, e.start, doc)
    names = re.compile(rf"\b{re.escape(head)}\b", re.IGNORECASE)
    for t in reversed(done):  # the latest sentence before that names the event and dates it
        if not t.value or t.span[0] >= here[0]:
            continue
        s0, s1 = _sentence(text, t.span[0], doc)
        if names.search(text[s0:s1]):
            return t.value
    return None


def _sentence(text: str, offset: int, doc: Any) -> tuple[int, int]:
    if doc is not None:
        tok = doc.char_span(offset, min(offset + 1, len(text)), alignment_mode="expand")
        if tok is not None and len(tok):
            s = tok[0].sent
            return s.start_char, s.end_char
    start = max(text.rfind(". ", 0, offset), text.rfind("\n", 0, offset)) + 1
    m = re.search(r"[.!?](?:\s|$)|\n", text[offset:])
    return start, offset + (m.end() if m else len(text) - offset)


def _confirmed(e: Expr, text: str, doc: Any) -> bool:
    """Whether the parse (or, without one, the neighbouring words) lets a doubtful match stand."""
    if not e.checks:
        return True
    prev = re.findall(r"[\w'’]+", text[max(0, e.start - 30):e.start])
    prev_word = prev[-1].lower() if prev else ""
    if "year" in e.checks:
        if doc is None or prev_word in _YEAR_CUES:
            return True
        span = doc.char_span(e.start, e.end, alignment_mode="expand")
        if span is None:
            return True
        last = span[-1]
        if last.dep_ == "nummod" and last.head.tag_ in {"NNS", "NNPS"} and last.head.i == last.i + 1:
            return False  # "1995 tonnes", "2014 people": a count of things
        return not any(t.ent_type_ in _NOT_DATES for t in span)
    if "month" in e.checks:
        return _month_confirmed(e, text, doc, prev, prev_word)
    return True


def _month_confirmed(e: Expr, text: str, doc: Any, prev: list[str], prev_word: str) -> bool:
    """"May", "March", "June" alone: a month, or the modal, the walk, a person's name?"""
    lex = load()
    span = doc.char_span(e.start, e.end, alignment_mode="expand") if doc is not None else None
    tok = span[-1] if span is not None and len(span) else None
    if tok is not None and tok.ent_type_ in {"PERSON", "ORG", "WORK_OF_ART", "FAC", "PRODUCT"}:
        return False
    if prev_word in _MONTH_CUES:
        return True  # "in May", "since March": no modal or verb comes there
    if tok is None:
        # Without a parse: a capitalised word before it that does not start a sentence is a name.
        before = text[max(0, e.start - 3):e.start]
        return doc is None and not (prev and prev[-1][:1].isupper() and not re.search(r"[.!?\n]\s*$", before))
    if tok.tag_ == "MD" or tok.pos_ in {"VERB", "AUX"}:
        return False
    for nb in (tok.nbor(-1) if tok.i > tok.sent.start else None, tok.nbor(1) if tok.i + 1 < len(doc) else None):
        if nb is not None and nb.pos_ == "PROPN" and nb.is_title and nb.lower_ not in lex.months \
                and nb.lower_.rstrip(".") not in lex.weekdays:
            return False  # "Theresa May", "April Ryan"
    return True
