"""The notebook API (DataFrames) and the small rules behind the story and dyad views."""
from __future__ import annotations

from pathlib import Path

import pytest

import eventscope.frames as ef
from eventscope.web.evidence import align_events, stem
from eventscope.web.queries import bucket


def test_frames_give_events_stories_dyads_as_dataframes(handmade_db: Path) -> None:
    with ef.open(handmade_db) as db:
        events = db.events()
        assert list(events.columns) == ef.EVENT_COLUMNS and len(events) == 4
        assert set(db.events(actor="SRB", event="ACCUSE")["trigger_text"]) == {"accused"}
        stories = db.stories()
        assert stories.loc[0, "id"] == "story-1" and stories.loc[0, "n_outlets"] == 2
        dyads = db.dyads()
        assert (dyads.loc[0, "a"], dyads.loc[0, "b"]) == ("SRB", "XKX")
        series = db.dyad("SRB", "XKX", by="year")
        assert list(series["period"]) == ["2025"] and int(series["events"].sum()) == 4
        assert int(series["cooperation"].sum()) == 2 and int(series["conflict"].sum()) == 2
        assert len(db.quotes(search="wait")) == 1 and len(db.articles(outlet="Daily")) == 1
        assert db.sql("SELECT count(*) AS n FROM events")["n"][0] == 4
        with pytest.raises(ValueError):
            db.dyad("SRB", "XKX", by="week")


def test_frames_on_the_seed_database(seed_db: Path) -> None:
    with ef.open(seed_db) as db:
        events = db.events()
        assert len(events) > 0 and events["cameo"].notna().all()
        assert len(db.stories()) >= 1
        # Happenings, once each: the signing both outlets report is one row with its two sources.
        fused = db.fused_events()
        assert list(fused.columns) == ef.FUSED_COLUMNS and 0 < len(fused) < len(events)
        signing = fused[(fused["cameo"] == "062") & (fused["n_independent"] == 2)]
        assert len(signing) == 1 and {"SRB", "HUN"} <= set(signing.iloc[0]["actor_codes"])
        assert len(db.fused_events(actor="SRB")) < len(fused)


@pytest.mark.parametrize("value, by, period", [
    ("2025-04-01", "month", "2025-04"), ("2025-04-01", "day", "2025-04-01"), ("2025-04", "day", "2025-04"),
    ("2025", "month", "2025"), ("2025-W14", "month", "2025-03"), ("2025-W14", "day", "2025-03-31"),
    ("1999", "year", "1999"), (None, "month", None), ("soon", "month", None)])
def test_periods_keep_the_precision_a_date_has(value: str | None, by: str, period: str | None) -> None:
    assert bucket(value, by) == period


def test_trigger_stems_pair_inflections() -> None:
    assert stem("signing") == stem("signed") == stem("signs") == "sign"
    assert stem("planned") == stem("planning") == "plan"
    assert stem("establishment") == stem("establishing")
    assert stem("met") != stem("signed")


def test_events_with_other_participants_are_not_lined_up() -> None:
    base = {"quad": 1, "goldstein": 5.0, "modality": "asserted", "date": None, "place": None, "trigger_start": 0,
            "trigger_end": 4, "sentence_start": 0, "sentence_end": 9, "cameo": "057", "event": "AGREE"}
    rows = [dict(base, article_id="a", idx=0, outlet="A", trigger_text="signed", actor_codes=["SRB", "HUN"],
                 recipient_codes=[]),
            dict(base, article_id="b", idx=0, outlet="B", trigger_text="signing", actor_codes=["HUN", "SRB"],
                 recipient_codes=[], date="2025-04-01"),
            dict(base, article_id="b", idx=1, outlet="B", trigger_text="signed", actor_codes=["ALB"],
                 recipient_codes=["HRV"])]
    groups = align_events(rows)
    assert [g["n_outlets"] for g in groups] == [2, 1]
    both = groups[0]
    assert both["agreements"] == ["event", "cameo", "modality", "actor_codes"]
    assert both["discrepancies"] == []  # one outlet gives a date, the other none: not said is not a contradiction
    assert both["values"]["date"] == {"B": ["2025-04-01"]}
