"""Actors and dates on long texts: the lookups that compared every pair, as by the pairs, in far less time."""
from __future__ import annotations

import random
import time

from eventscope.actors.dictionary import Entry
from eventscope.actors.matcher import Hit, titles
from eventscope.events.dates import _text_anchor
from eventscope.events.dates_find import Expr

TITLE = Entry("title", "minister")


def _brute_titles(hits: list[Hit], taken: set[int]) -> dict[int, tuple[int, int]]:
    out: dict[int, Hit] = {}
    for h in hits:
        if any(e.kind == "title" for e in h.entries) and taken.isdisjoint(range(h.start, h.end)):
            cur = out.get(h.end - 1)
            if cur is None or h.size > cur.size:
                out[h.end - 1] = h
    spans = list(out.values())
    return {end: (h.start, h.end) for end, h in out.items()
            if not any(o is not h and o.start <= h.start and h.end <= o.end for o in spans)}


def test_titles_inside_longer_ones_are_dropped_as_by_comparing_every_pair() -> None:
    rng = random.Random(29)
    for _ in range(300):
        hits = [Hit(s, s + rng.randint(1, 5), [TITLE]) for s in (rng.randint(0, 40) for _ in range(rng.randint(0, 15)))]
        taken = set(rng.sample(range(45), rng.randint(0, 5)))
        assert {end: (h.start, h.end) for end, h in titles(hits, taken).items()} == _brute_titles(hits, taken)


def test_titles_of_a_long_text_are_sorted_once_not_compared_pairwise() -> None:
    # 20000 titles ("Minister of Defence" with "Minister" inside): every pair was 4e8 comparisons.
    hits = [h for k in range(20000) for h in (Hit(k * 10, k * 10 + 3, [TITLE]), Hit(k * 10, k * 10 + 1, [TITLE]))]
    t = time.process_time()
    kept = titles(hits, set())
    assert time.process_time() - t < 2.0
    assert len(kept) == 20000 and kept[2].end == 3


def _date(start: int, year: int) -> Expr:
    return Expr(start, start + 4, str(year), "date", year=year)


def test_the_text_anchor_is_the_last_date_before_else_the_first_after() -> None:
    explicit = [_date(k * 100, 2000 + k) for k in range(1, 6)]
    assert _text_anchor(Expr(350, 357, "Tuesday", "weekday"), explicit)[0].year == 2003
    assert _text_anchor(Expr(10, 17, "Tuesday", "weekday"), explicit)[0].year == 2001
    assert _text_anchor(explicit[2], explicit)[0].year == 2002  # a date's own anchor is the one before it
    assert _text_anchor(Expr(10, 17, "Tuesday", "weekday"), []) == (None, False)


def test_text_anchors_of_a_long_text_take_no_pass_over_every_date() -> None:
    explicit = [_date(k * 100, 1900 + k % 100) for k in range(30000)]
    t = time.process_time()
    anchors = [_text_anchor(Expr(k * 100 + 50, k * 100 + 57, "Tuesday", "weekday"), explicit)[0] for k in range(30000)]
    assert time.process_time() - t < 2.0
    assert anchors[7].year == 1907 and anchors[-1].year == 1999
