"""Quotes and their speakers: every direct, indirect and mixed quote of an article, with who said it.

    marks.find_quoted (text) ─┐
                              ├─> attribution.attribute (parse) ─┐
    cues.load (data)  ────────┘                                  ├─> speakers.SpeakerResolver ─> Quote
    cues.load_attitudes (data) ─> attitudes.attitudes (parse) ───┘

Speech comes first; attitudes (beliefs, wishes, stances, evidence: "Trump wants a wall", "a poll
shows Clinton ahead") add what speech cues did not claim. Quotes hold attributions in this wide,
PolNeAR sense; ``cue`` tells a belief ("believes") from a statement ("said"). A paragraph break
bounds every content except quotations. ``link.QuoteLinkStage`` (after the events stage) fills
``Quote.events``.

A ``Quote``'s ``span`` runs from the first to the last quoted word (quotation marks excluded). Its
``text`` is the quoted words; where the attribution splits a quote (``"This is," said X, "our future"``)
the parts are joined by a space, without the attribution between them.
"""
from __future__ import annotations

import re
from bisect import bisect_left, insort
from typing import Any

from ..model import Article, Mention, Quote
from .attitudes import attitudes
from .attribution import Found, attribute, drop_nested
from .cues import load as load_cues
from .cues import load_attitudes
from .marks import Quoted, SpanSet, find_quoted, paragraph
from .speakers import SpeakerResolver

__all__ = ["QuoteStage", "find_quotes", "quote_at"]



def find_quotes(article: Article, doc: Any) -> list[Quote]:
    """The quotes of ``article`` (its text parsed as ``doc``), in text order; never raises on odd marks."""
    text = article.text
    cues = load_cues()
    quoted = find_quoted(text)
    found = attribute(text, doc, cues, quoted)
    # Attitudes after speech: a cue already read as speech keeps that reading.
    claimed = {f.cue_span[0] for f in found if f.how not in ("clause", "according")}
    found = drop_nested(found + attitudes(text, doc, load_attitudes(), quoted, claimed))
    kept = (_within_paragraph(text, doc, f) for f in found)
    found = [f for f in kept if f is not None]
    found = _continuations(text, doc, found, quoted)
    resolver = SpeakerResolver(article, doc, cues.pronouns)
    quotes: list[Quote] = []
    last_speaker: Mention | None = None
    for f in found:  # in text order: _continuations gives them so
        if f.speaker is not None:
            speaker: Mention | None = resolver.resolve(f.speaker)
        elif f.cue_text == "" and last_speaker is not None:
            speaker = last_speaker  # a quotation continuing the last speaker's words
        else:
            speaker = None
        if speaker is not None:
            last_speaker = speaker
        quotes.append(Quote(text=" ".join(text[s:e] for s, e in f.parts), span=f.span, kind=f.kind,  # type: ignore[arg-type]
                            cue=f.cue_text or None, speaker=speaker, speech=f.how != "attitude"))
    return _dedupe(quotes)


def _continuations(text: str, doc: Any, found: list[Found], quoted: list[Quoted]) -> list[Found]:
    """Quotations with no cue of their own that go on from the quote just before them.

    News writing attributes a quote once and lets it run on: ``"…," he said. "And …"`` in the same
    paragraph, or the next paragraphs opening with a quotation mark. Such a quotation is another part
    of the quote before it where that one was a quotation too, else a quote of the same speaker.
    A quoted phrase inside someone's sentence (a title, a scare quote) is neither.

    The quote before is the one ending last before the quotation (the first in text order among
    equals). The quotations come in text order and each one taken ends before the next one starts,
    so that the candidates only grow and a running best finds it: no pass over every quote for
    every quotation of a long text.
    """
    found = sorted(found, key=lambda f: f.span[0])
    order = {id(f): k for k, f in enumerate(found)}  # text order, for ties; later additions after
    taken = SpanSet(p for f in found for p in f.parts)  # what later additions add never overlaps a later quotation
    by_end = sorted(found, key=lambda f: f.span[1])
    cues = sorted(f.cue_span[0] for f in found)
    k = 0
    prev: Found | None = None

    def rank(f: Found) -> tuple[int, int, int]:
        return f.span[1], -f.span[0], -order[id(f)]

    for q in quoted:
        s, e = q.span
        if taken.overlaps(s, e):
            continue
        while k < len(by_end) and by_end[k].span[1] <= s:
            if prev is None or rank(by_end[k]) > rank(prev):
                prev = by_end[k]
            k += 1
        if prev is None:
            continue
        gap_from = max(prev.span[1], prev.cue_span[1])
        between = bisect_left(cues, s) - bisect_left(cues, gap_from)
        if between - (gap_from <= prev.cue_span[0] < s) > 0:
            continue
        para_start = paragraph(text, s)[0]
        opens_paragraph = _OPENERS.match(text, para_start, s).end() == s  # type: ignore[union-attr]
        broken = para_start > gap_from  # a line break between the quote before and this one
        same_paragraph = not broken and s - gap_from <= 100 and prev.via_quote
        next_paragraph = opens_paragraph and broken and _stripped_at_most(text, gap_from, para_start, 100)
        if not (same_paragraph or next_paragraph) or len(text[s:e].split()) < 3:
            continue
        if _new_clause(doc, gap_from, s):
            continue  # "…," Ebeling said, and her husband cut in. "…": someone else speaks now
        if prev.via_quote:
            prev.parts.append(q.span)
            prev.quoted.append(q)
        else:
            new = Found([q.span], "", (s, s), None, "direct", True, [q])
            order[id(new)] = len(order)
            found.append(new)
            insort(cues, s)
            if rank(new) > rank(prev):
                prev = new
    return sorted(found, key=lambda f: (f.span[0], order[id(f)]))


# What may open a paragraph before a quotation that continues one: blanks and opening marks.
_OPENERS = re.compile("[ \t\"“„«‘]*")


def _stripped_at_most(text: str, start: int, end: int, limit: int) -> bool:
    """Whether text[start:end] holds at most ``limit`` characters once stripped of blanks at both
    ends, without copying what may be most of a long text."""
    if end - start <= limit:
        return True
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return end - start <= limit


def _within_paragraph(text: str, doc: Any, f: Found) -> Found | None:
    """``f`` kept inside the paragraph of its cue: a paragraph break is a hard boundary for what was
    said and for who said it, whatever the parser's sentences say (it sometimes runs a sentence
    across a break where a paragraph ends without a full stop). Only quotation marks carry a quote
    over a break, by the print convention of reopening each paragraph of a long quote."""
    if f.via_quote or not f.cue_text:
        return f
    p0, p1 = paragraph(text, f.cue_span[0])
    parts = [(max(s, p0), min(e, p1)) for s, e in f.parts]
    parts = [(s, e) for s, e in parts if e - s >= 2 and text[s:e].strip()]
    if not parts:
        return None
    f.parts = parts
    if f.speaker is not None:
        kept = [k for k in range(*f.speaker) if p0 <= doc[k].idx < p1 and not doc[k].is_space]
        f.speaker = (kept[0], kept[-1] + 1) if kept else None
    return f


def _new_clause(doc: Any, start: int, end: int) -> bool:
    """Whether text[start:end] (between two quotations) holds a verb with a subject of its own."""
    span = doc.char_span(start, end, alignment_mode="contract")
    return span is not None and any(t.pos_ in ("VERB", "AUX") and any(c.dep_ in ("nsubj", "nsubjpass")
                                                                        for c in t.children) for t in span)


def _dedupe(quotes: list[Quote]) -> list[Quote]:
    """One quote per stretch of text: where two overlap mostly, keep the one with a speaker, then the longer.

    ``quotes`` come in text order (by start): a kept quote that ends before one starts can clash
    with none after it, so only those still open are compared (a long text has thousands).
    """
    out: list[Quote] = []
    open_: list[int] = []  # positions in out of the quotes that may still clash, in order
    for q in quotes:
        clash = None
        open_ = [k for k in open_ if out[k].span[0] > out[k].span[1] or out[k].span[1] > q.span[0]]
        for k in open_:
            o = out[k]
            lo, hi = max(q.span[0], o.span[0]), min(q.span[1], o.span[1])
            shorter = min(q.span[1] - q.span[0], o.span[1] - o.span[0]) or 1
            if hi - lo >= 0.5 * shorter:
                clash = k
                break
        if clash is None:
            open_.append(len(out))
            out.append(q)
            continue
        o = out[clash]
        better = ((q.speaker is not None, q.span[1] - q.span[0]) > (o.speaker is not None, o.span[1] - o.span[0]))
        if better:
            out[clash] = q
    return out


def quote_at(article: Article, start: int, end: int) -> Quote | None:
    """The quote whose span holds [start, end), if any: lets the events stage credit an event said in
    a quote to its speaker ("Vucic warned that Croatia's actions could spark an arms race")."""
    for q in article.quotes:
        if q.span[0] <= start and end <= q.span[1]:
            return q
    return None


class QuoteStage:
    """Pipeline stage: fills ``article.quotes``. Reads ``article.actors`` where the actors stage ran."""

    name = "quotes"
    needs_parse = True

    def __call__(self, article: Article, doc: Any) -> None:
        article.quotes = find_quotes(article, doc)
