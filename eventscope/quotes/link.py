"""Quotes tied to the events they carry: "Vucic warned that Croatia's actions could spark an arms
race" carries the threat it reports, and "X accused Croatia of provocations" the accusation its cue
names. Runs after the events stage; reads ``article.quotes`` and ``article.events``, fills
``Quote.events`` with indices into ``article.events``.

An event is carried by a quote where its trigger lies inside the quoted words (for a quote split by
its attribution, inside the span from the first to the last part), or where its trigger is the
quote's own cue word ("accused", "threatened", "promised") in the same paragraph, next to the quote.
"""
from __future__ import annotations

from bisect import bisect_left, bisect_right
from typing import Any

from ..model import Article, Event, Quote
from .marks import paragraph

# How far (in characters) a cue may stand from its quote: the attribution frame of news writing
# ("…," the minister of defence of the republic said on Tuesday) is short.
_CUE_REACH = 200


def _is_cue(text: str, quote: Quote, event: Event) -> bool:
    """Whether the event's trigger is the quote's cue word, standing next to the quote."""
    if not quote.cue:
        return False
    t0, t1 = event.trigger.span
    if event.trigger.text.lower() != quote.cue.lower() and text[t0:t1].lower() != quote.cue.lower():
        return False
    if paragraph(text, t0) != paragraph(text, quote.span[0]):
        return False
    return quote.span[0] - _CUE_REACH <= t0 and t1 <= quote.span[1] + _CUE_REACH


def _distance(quote: Quote, event: Event) -> int:
    t0, t1 = event.trigger.span
    return max(quote.span[0] - t1, t0 - quote.span[1], 0)


class _Triggers:
    """The events of an article by where their triggers start, for the events near a quote."""

    def __init__(self, events: list[Event]):
        self.order = sorted(range(len(events)), key=lambda k: events[k].trigger.span[0])
        self.starts = [events[k].trigger.span[0] for k in self.order]

    def starting(self, lo: int, hi: int) -> list[int]:
        """Indices of the events whose trigger starts in [lo, hi], in index order."""
        return sorted(self.order[bisect_left(self.starts, lo):bisect_right(self.starts, hi)])


def carried(article: Article, quote: Quote, triggers: _Triggers | None = None) -> list[int]:
    """Indices (into ``article.events``) of the events ``quote`` carries, in order."""
    s, e = quote.span
    events = article.events
    # A carried trigger starts inside the quote, a cue within reach of it: only those are read.
    near = (triggers or _Triggers(events)).starting(s - _CUE_REACH, e + _CUE_REACH)
    inside = [k for k in near if s <= events[k].trigger.span[0] and events[k].trigger.span[1] <= e]
    # One cue per quote: where its word stands twice near the quote, the nearer one is the cue.
    cues = [k for k in near if k not in inside and _is_cue(article.text, quote, events[k])]
    if cues:
        inside.append(min(cues, key=lambda k: _distance(quote, events[k])))
    return sorted(inside)


def link(article: Article) -> None:
    """Fill ``Quote.events`` for every quote of ``article`` (in place)."""
    triggers = _Triggers(article.events)
    for q in article.quotes:
        q.events = carried(article, q, triggers)


class QuoteLinkStage:
    """Pipeline stage: ties quotes to the events they carry. Runs after the events stage."""

    name = "quote_links"
    needs_parse = False

    def __call__(self, article: Article, doc: Any = None) -> None:
        link(article)
