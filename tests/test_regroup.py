"""Stories against the store: streaming assignment on ingest, fused events, and the story commands."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

from click.testing import CliRunner

from eventscope import ingest, open_store
from eventscope.cli import main

from .conftest import SEEDS

QUAKE = ("A magnitude 6.1 earthquake struck northern Chile on Tuesday, the national seismological office said. "
         "No damage or injuries were reported in Antofagasta.")


def test_ingest_streams_articles_into_stories_and_fuses_their_events(tmp_path: Path) -> None:
    first, second = tmp_path / "first", tmp_path / "second"
    first.mkdir()
    second.mkdir()
    shutil.copy(SEEDS / "000_c47dbf2e18349bf8.txt", first)
    (first / "quake.txt").write_text(QUAKE)
    shutil.copy(SEEDS / "001_88671aa145023926.txt", second)
    db = tmp_path / "s.duckdb"
    with open_store(db) as s:
        ingest([first], s)
        before = {r["id"]: r["story"] for r in s.rows("SELECT id, story FROM articles")}
        assert len(set(before.values())) == 2 and None not in before.values()
        ingest([second], s)  # a later report of the same happening joins the open story
        after = {r["id"]: r["story"] for r in s.rows("SELECT id, story FROM articles")}
        assert {k: after[k] for k in before} == before, "stored articles keep their story"
        [new] = set(after) - set(before)
        seed_a = next(k for k, v in before.items() if v == after[new])
        assert after[new] == before[seed_a]
        [row] = s.rows("SELECT n_articles FROM stories WHERE id = ?", [after[new]])
        assert row["n_articles"] == 2
        fused = s.fused_events()
        assert fused and all(f["n_sources"] >= 1 for f in fused)
        assert any(f["n_sources"] >= 2 and {"SRB", "HUN"} <= set(f["actor_codes"] + f["recipient_codes"])
                   for f in fused)
        counts = (s.count("stories"), s.count("fused_events"), s.count("fused_sources"))
        ingest([first, second], s)  # nothing new: nothing changes
        assert (s.count("stories"), s.count("fused_events"), s.count("fused_sources")) == counts


def test_story_commands(tmp_path: Path) -> None:
    db = str(tmp_path / "c.duckdb")
    runner = CliRunner()
    assert runner.invoke(main, ["ingest", "--db", db, str(SEEDS)]).exit_code == 0
    out = runner.invoke(main, ["stories", "--db", db, "--json"]).output
    [story] = json.loads(out)
    assert story["n_articles"] == 2
    out = runner.invoke(main, ["story", story["id"], "--db", db]).output
    assert out.count("report ") == 2 and "sources=" in out
    assert runner.invoke(main, ["story", "nope", "--db", db]).exit_code != 0
    data = json.loads(runner.invoke(main, ["dyad", "srb", "hun", "--db", db, "--json"]).output)
    assert data["a"] == "SRB" and data["events"] and data["series"]
    fused = json.loads(runner.invoke(main, ["events", "--db", db, "--json"]).output)
    reports = json.loads(runner.invoke(main, ["events", "--reports", "--db", db, "--json", "--limit", "500"]).output)
    assert fused and "n_sources" in fused[0] and len(reports) >= len(fused)
    assert "article_id" in reports[0]
