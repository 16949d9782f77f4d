"""The seeds' signing in Belgrade, through the real pipeline and the store: one fused event, both outlets."""
from __future__ import annotations

import json
from pathlib import Path

from eventscope.store import Store


def test_the_belgrade_signing_is_one_fused_event_with_both_outlets_giving_79_activities(seed_db: Path) -> None:
    with Store(seed_db, read_only=True) as s:
        rows = s.rows("SELECT id, n_independent, attribute_values, discrepancies FROM fused_events")
        sources = s.rows("SELECT fused_id, outlet, trigger_text, sentence_text FROM fused_sources")
    signed = {r["fused_id"] for r in sources if "Bratislav Gasic" in r["sentence_text"]
              and (r["trigger_text"] or "").startswith("sign")}
    assert len(signed) == 1, "the signing should be one fused event, not one per outlet"
    fused = next(r for r in rows if r["id"] in signed)
    outlets = {r["outlet"] for r in sources if r["fused_id"] in signed}
    assert fused["n_independent"] == 2 and outlets == {"Balkan Insight", "Euractiv"}
    # 79 stands a sentence (one seed) and three sentences (the other) after the signing sentence.
    values = json.loads(fused["attribute_values"])
    assert set(values["number:activity"]) == {"79"}
    assert len(values["number:activity"]["79"]) == 2
    # Serbia's protest at the Albania-Croatia-Kosovo signing is another happening.
    assert not any("tripartite" in r["sentence_text"] for r in sources if r["fused_id"] in signed)


def test_each_source_of_a_fused_event_names_its_own_trigger(seed_db: Path) -> None:
    # A sentence may hold two events ("moving towards the establishment of an alliance ... at the signing"):
    # each source row shows the words of the event that went into its fused event, not its neighbour's.
    with Store(seed_db, read_only=True) as s:
        rows = s.rows("SELECT fused_id, trigger_text, sentence_text FROM fused_sources")
    assert rows
    triggers: dict[str, set[str]] = {}
    for r in rows:
        assert r["trigger_text"] and r["trigger_text"] in r["sentence_text"]
        triggers.setdefault(r["fused_id"], set()).add(r["trigger_text"])
    signings = [t for t in triggers.values() if any(w.startswith("sign") for w in t)]
    assert signings and not any("establishment" in t for t in signings)


def test_fused_facts_are_the_values_several_reports_give_and_the_stages_discrepancies() -> None:
    from eventscope.web.queries import fused_facts

    values = {"number:activity": {"79": ["a", "b"]}, "actor": {"Gašić": ["a", "b"], "Serbia": ["b"]},
              "number:soldier": {"300": ["a"], "350": ["b"]}, "modality": {"asserted": ["a", "b"]},
              "location": {"Belgrade": ["b"]}}
    differ = [{"attribute": "number:soldier", "values": {"300": ["a"], "350": ["b"]}}]
    agreed, disputed = fused_facts(json.dumps(values), json.dumps(differ))
    assert agreed == [{"attribute": "actor", "value": "Gašić", "reports": 2},
                      {"attribute": "number:activity", "value": "79", "reports": 2}]
    assert disputed == [{"attribute": "number:soldier", "values": {"300": 1, "350": 1}}]
    assert fused_facts(None, None) == ([], [])


def test_dates_that_differ_only_in_precision_are_no_discrepancy() -> None:
    from eventscope.web.evidence import compare

    def ev(article: str, date: str) -> dict:
        return {"article_id": article, "outlet": article, "date": date, "event": "AGREE"}

    assert "date" not in compare([ev("a", "2025"), ev("b", "2025-04-01")])["discrepancies"]
    assert "date" in compare([ev("a", "2025-04-02"), ev("b", "2025-04-01")])["discrepancies"]
