"""Stories against the store: streaming assignment on ingest, fused events, and the story commands."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
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
    assert "agree on number:activity: 79 (2 reports)" in out  # the signing's joint activities, in both outlets
    assert runner.invoke(main, ["story", "nope", "--db", db]).exit_code != 0
    data = json.loads(runner.invoke(main, ["dyad", "srb", "hun", "--db", db, "--json"]).output)
    assert data["a"] == "SRB" and data["events"] and data["series"]
    # The dyad counts happenings: the signing both outlets report is one event with its sources.
    per_report = json.loads(runner.invoke(main, ["dyad", "srb", "hun", "--reports", "--db", db, "--json"]).output)
    assert len(per_report["events"]) > len(data["events"])
    assert any(e["n_independent"] == 2 and e["trigger_text"].startswith("sign") for e in data["events"])
    assert all(e["n_sources"] == 1 for e in per_report["events"])
    fused = json.loads(runner.invoke(main, ["events", "--db", db, "--json"]).output)
    reports = json.loads(runner.invoke(main, ["events", "--reports", "--db", db, "--json", "--limit", "500"]).output)
    assert fused and "n_sources" in fused[0] and len(reports) >= len(fused)
    assert "article_id" in reports[0]


def _put(s, text: str, published: str | None) -> None:  # type: ignore[no-untyped-def]
    """Ingest one plain text with its date, then regroup: one streaming step."""
    from eventscope.api import regroup
    from eventscope.model import RawDoc
    from eventscope.pipeline import ingest as ingest_records

    ingest_records([RawDoc(body=text, kind="text", origin=f"t:{published}:{len(text)}", raw=text.encode(),
                           published=published)], s)
    regroup(s)


def _loads(monkeypatch, where_prefix: str = "") -> list[int]:  # type: ignore[no-untyped-def]
    """From now on, how many articles each ``Store.load_articles`` call whose query starts so returns."""
    from eventscope.store import Store

    loaded: list[int] = []
    real = Store.load_articles

    def spy(self, where="TRUE", params=None):  # type: ignore[no-untyped-def]
        out = real(self, where, params)
        if where.startswith(where_prefix):
            loaded.append(len(out))
        return out

    monkeypatch.setattr(Store, "load_articles", spy)
    return loaded


def test_ingest_rebuilds_the_story_index_from_the_open_window_only(tmp_path: Path, monkeypatch) -> None:
    old_text = QUAKE.replace("6.1", "5.2").replace("Tuesday", "Monday")
    db = tmp_path / "w.duckdb"
    with open_store(db) as s:
        _put(s, old_text, "2019-05-01")
        _put(s, QUAKE, "2024-03-05")
        s.con.execute("DELETE FROM story_index")  # no kept index: the next ingest rebuilds it from the store
        loaded = _loads(monkeypatch)
        later = QUAKE.replace("Tuesday", "Wednesday") + " Aftershocks followed."
        _put(s, later, "2024-03-06")
        stories = {r["published"]: r["story"] for r in s.rows("SELECT published, story FROM articles")}
    # The 2019 report is years out of the window: not read again; the 2024 one is, and the new report joins it.
    assert loaded[:2] == [1, 1]
    assert stories["2024-03-06"] == stories["2024-03-05"] != stories["2019-05-01"]


def test_an_undated_article_is_read_again_only_while_the_stream_time_it_was_grouped_at_is_open(
        tmp_path: Path, monkeypatch) -> None:
    old_text = QUAKE.replace("6.1", "5.2").replace("Tuesday", "Monday")
    db = tmp_path / "u.duckdb"
    with open_store(db) as s:
        _put(s, old_text, "2019-05-01")
        _put(s, old_text + " Schools reopened.", None)  # undated, grouped when the stream stood at 2019-05-01
        [row] = s.rows("SELECT grouped_on FROM articles WHERE published IS NULL")
        assert row["grouped_on"] == "2019-05-01"
        _put(s, QUAKE, "2024-03-05")
        s.con.execute("DELETE FROM story_index")  # no kept index: the next ingest rebuilds it from the store
        loaded = _loads(monkeypatch)
        _put(s, QUAKE + " Aftershocks followed.", None)
        rows = s.rows("SELECT published, grouped_on, story FROM articles ORDER BY grouped_on, published")
    # Read again: only the 2024 report; the undated article of 2019's stream time is closed with its story.
    assert loaded[:2] == [1, 1]
    assert [r["grouped_on"] for r in rows] == ["2019-05-01", "2019-05-01", "2024-03-05", "2024-03-05"]
    assert rows[0]["story"] == rows[1]["story"] != rows[2]["story"] == rows[3]["story"]


def test_a_store_written_before_stream_dates_were_kept_opens_and_regroups(tmp_path: Path) -> None:
    import duckdb

    from eventscope.store import SCHEMA, SCHEMA_VERSION

    db = tmp_path / "v1.duckdb"
    con = duckdb.connect(str(db))
    con.execute(SCHEMA.replace(", grouped_on VARCHAR", ""))
    con.execute("INSERT INTO meta VALUES ('schema_version', '1')")
    con.close()
    with open_store(db) as s:
        [v] = s.rows("SELECT value FROM meta WHERE key = 'schema_version'")
        assert v["value"] == str(SCHEMA_VERSION)
        ingest([SEEDS], s)
        rows = s.rows("SELECT story, grouped_on FROM articles")
    # The seeds give no date, so the stream has no time yet to group them at.
    assert len(rows) == 2 and all(r["story"] and r["grouped_on"] is None for r in rows)


def test_an_untitled_story_is_titled_by_its_lead_cut_at_a_word() -> None:
    from eventscope.regroup import _lead_title

    lead = ("Serbian President Aleksandar Vučić announced that Belgrade and Budapest are working towards "
            "establishing a comprehensive military alliance, following the signing of a document.\nMore text.")
    title = _lead_title(lead)
    assert title.endswith("…") and len(title) <= 120
    assert lead.startswith(title[:-1]) and lead[len(title) - 1] == " "  # cut between words
    assert _lead_title("Short lead.\nBody.") == "Short lead."


def test_an_ingest_goes_on_from_the_index_the_last_one_kept_and_groups_as_a_rebuild_would(
        tmp_path: Path, monkeypatch) -> None:
    texts = [(QUAKE, "2024-03-05"), (QUAKE.replace("Tuesday", "Monday").replace("6.1", "5.0"), "2024-03-04"),
             (QUAKE + " Aftershocks followed.", "2024-03-06"), ("Wire: " + QUAKE, "2024-03-06")]
    stories = {}
    for keep in (True, False):
        with open_store(tmp_path / f"k{keep}.duckdb") as s:
            for text, day in texts[:2]:
                _put(s, text, day)
            if not keep:
                s.con.execute("DELETE FROM story_index")
            rebuilt_from = _loads(monkeypatch, "story IS NOT NULL")  # articles read to rebuild the index
            for text, day in texts[2:]:
                _put(s, text, day)
            monkeypatch.undo()
            stories[keep] = s.rows("SELECT id, story FROM articles ORDER BY id")
            [row] = s.rows("SELECT assigned FROM story_index")
            assert row["assigned"] == len(texts)
        # With the index kept, no ingest reads the stored articles again; without it, the first one does
        # (and keeps the index for the next).
        assert rebuilt_from == ([] if keep else [2])
    assert stories[True] == stories[False]


@pytest.mark.parametrize("engine", ["plain", "chunked"])
def test_an_article_that_revision_moves_changes_story_in_the_store(tmp_path: Path, monkeypatch, engine: str) -> None:
    from eventscope.engines import ingest_chunked
    from eventscope.model import RawDoc

    from .stories.test_revise import beta_talks, harbour_strike, lone_ferry

    def text(name: str) -> str:  # texts apart enough not to be copies of each other
        return " ".join([name] + [f"{name}w{k}" for k in range(12)]) + "."

    def run(rows, ingests):  # type: ignore[no-untyped-def]
        # The story features of each test article are set by hand (tests/stories/test_revise.py), so that
        # the store sees the moves the index makes; the texts only carry the row names.
        by_name = dict(rows)
        monkeypatch.setattr("eventscope.regroup.features",
                            lambda a: by_name[(a.text or "").split()[0]])
        db = tmp_path / f"{rows[0][0]}.duckdb"
        for names in ingests:
            if engine == "chunked":  # one run per ingest, its regrouping's writes played back later
                ingest_chunked([RawDoc(body=text(n), kind="text", origin=f"t:{n}", raw=text(n).encode(),
                                       published="2024-03-01") for n in names], db, chunk_seconds=0.0)
                continue
            with open_store(db) as s:
                for name in names:
                    _put(s, text(name), "2024-03-01")
        with open_store(db) as s:
            story = {r["text"].split()[0]: r["story"]
                     for r in s.rows("SELECT text, story FROM articles")}
            sizes = {r["id"]: r["n_articles"] for r in s.rows("SELECT id, n_articles FROM stories")}
            return story, sizes

    rows = harbour_strike() + beta_talks()
    story, sizes = run(rows, [[n for n, _ in rows[:5]], [n for n, _ in rows[5:]]])
    assert story["beta-early"] == story["beta0"] == story["beta1"] != story["alpha0"]
    assert sizes == {story["alpha0"]: 4, story["beta0"]: 3}, "both stories were written again"
    story, sizes = run(lone_ferry(), [["lone", "f0"], ["f1"]])
    assert story["lone"] == story["f0"] == story["f1"]
    assert sizes == {story["f0"]: 3}, "the story its only article left is dropped"
