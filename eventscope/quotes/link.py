"""Quotes tied to the events they carry: "Vucic warned that Croatia's actions could spark an arms
race" carries the threat it reports, and "X accused Croatia of provocations" the accusation its cue
names. Runs after the events stage; reads ``article.quotes`` and ``article.events``, fills
``Quote.events`` with indices into ``article.events``.

An event is carried by a quote where its trigger lies inside the quoted words (for a quote split by
its attribution, inside the span from the first to the last part), or where its trigger is the
quote's own cue word ("accused", "threatened", "promised") in the same paragraph, next to the quote.
"""
from __future__ import annotations

from typing import Any

from ..model import Article, Event, Quote

# How far (in characters) a cue may stand from its quote: the attribution frame of news writing
# ("…," the minister of defence of the republic said on Tuesday) is short.
_CUE_REACH = 200


def _paragraph(text: str, pos: int) -> tuple[int, int]:
    start = text.rfind("\n", 0, pos) + 1
    end = text.find("\n", pos)
    return start, len(text) if end < 0 else end


def _is_cue(text: str, quote: Quote, event: Event) -> bool:
    """Whether the event's trigger is the quote's cue word, standing next to the quote."""
    if not quote.cue:
        return False
    t0, t1 = event.trigger.span
    if event.trigger.text.lower() != quote.cue.lower() and text[t0:t1].lower() != quote.cue.lower():
        return False
    if _paragraph(text, t0) != _paragraph(text, quote.span[0]):
        return False
    return quote.span[0] - _CUE_REACH <= t0 and t1 <= quote.span[1] + _CUE_REACH


def _distance(quote: Quote, event: Event) -> int:
    t0, t1 = event.trigger.span
    return max(quote.span[0] - t1, t0 - quote.span[1], 0)


def carried(article: Article, quote: Quote) -> list[int]:
    """Indices (into ``article.events``) of the events ``quote`` carries, in order."""
    s, e = quote.span
    inside = [k for k, ev in enumerate(article.events) if s <= ev.trigger.span[0] and ev.trigger.span[1] <= e]
    # One cue per quote: where its word stands twice near the quote, the nearer one is the cue.
    cues = [k for k, ev in enumerate(article.events) if k not in inside and _is_cue(article.text, quote, ev)]
    if cues:
        inside.append(min(cues, key=lambda k: _distance(quote, article.events[k])))
    return sorted(inside)


def link(article: Article) -> None:
    """Fill ``Quote.events`` for every quote of ``article`` (in place)."""
    for q in article.quotes:
        q.events = carried(article, q)


class QuoteLinkStage:
    """Pipeline stage: ties quotes to the events they carry. Runs after the events stage."""

    name = "quote_links"
    needs_parse = False

    def __call__(self, article: Article, doc: Any = None) -> None:
        link(article)
