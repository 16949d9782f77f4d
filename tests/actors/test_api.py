"""The helpers other stages and the store use."""
from __future__ import annotations

from eventscope.actors import mention_rows, mentions_between, summarise
from eventscope.model import Article, Mention


def article() -> Article:
    a = Article(id="a", text="Serbia and Hungary signed. Serbia agreed.", origin="t")
    a.actors = [Mention("Serbia", (0, 6), "SRB", None, "Serbia", "SRB", "name"),
                Mention("Hungary", (11, 18), "HUN", None, "Hungary", "HUN", "name"),
                Mention("Serbia", (27, 33), "SRB", None, "Serbia", "SRB", "name")]
    return a


def test_mentions_between_keeps_only_spans_inside():
    a = article()
    assert [m.text for m in mentions_between(a, 0, 18)] == ["Serbia", "Hungary"]
    assert [m.text for m in mentions_between(a, 1, 26)] == ["Hungary"]


def test_summarise_counts_mentions_per_actor():
    rows = summarise(article().actors)
    assert rows[0] == {"code": "SRB", "sector": None, "name": "Serbia", "actor_id": "SRB", "count": 2}
    assert rows[1]["count"] == 1


def test_mention_rows_flatten_spans():
    rows = mention_rows("a", article().actors)
    assert rows[1]["start"] == 11 and rows[1]["end"] == 18 and rows[1]["via"] == "name"
