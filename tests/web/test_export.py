"""Exports: PLOVER and GDELT files re-read and checked field by field against the store; CSV and
Parquet re-read; CAMEO country codes where they differ from ISO (KSV for Kosovo)."""
from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

import pytest

from eventscope.export import GDELT_COLUMNS, actor_pairs, cameo_country, export, gdelt_id
from eventscope.store import Store

from .conftest import add_event, handmade_article


def stored_events(db: Path) -> dict[str, dict[str, Any]]:
    with Store(db, read_only=True) as s:
        rows = s.rows("SELECT e.*, a.url, a.origin, a.title FROM events e JOIN articles a ON a.id = e.article_id")
    for r in rows:
        r["actor"], r["recipient"] = json.loads(r["actor"]), json.loads(r["recipient"])
        r["location"] = json.loads(r["location"]) if r["location"] else None
    return {f"{r['article_id']}-{r['idx']}": r for r in rows}


@pytest.fixture(params=["seed", "handmade"])
def db(request: pytest.FixtureRequest) -> Path:
    return request.getfixturevalue(f"{request.param}_db")


def test_gdelt_columns_are_the_61_of_the_gdelt_2_event_table_in_order() -> None:
    assert len(GDELT_COLUMNS) == 61
    assert GDELT_COLUMNS[:7] == ("GlobalEventID", "Day", "MonthYear", "Year", "FractionDate", "Actor1Code",
                                 "Actor1Name")
    assert GDELT_COLUMNS[25:35] == ("IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass",
                                    "GoldsteinScale", "NumMentions", "NumSources", "NumArticles", "AvgTone")
    assert GDELT_COLUMNS[35] == "Actor1Geo_Type" and GDELT_COLUMNS[51] == "ActionGeo_Type"
    assert GDELT_COLUMNS[-2:] == ("DATEADDED", "SOURCEURL")


def test_cameo_country_codes_differ_from_iso_where_cameo_does() -> None:
    assert cameo_country("XKX") == "KSV"
    assert cameo_country("SRB") == "SRB" and cameo_country("HUN") == "HUN"
    assert cameo_country("IGO") == "IGO"  # not a country: kept as given


def test_plover_records_match_the_store_field_by_field(db: Path, tmp_path: Path) -> None:
    out = tmp_path / "events.jsonl"
    with Store(db, read_only=True) as s:
        n = export(s, "plover", out)
    store = stored_events(db)
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert n == len(records) == len(store) > 0
    for rec in records:
        e = store[rec["id"]]
        assert rec["event"] == [e["event"]] and rec["cameo"] == e["cameo"]
        assert rec["quad_code"] == e["quad"] and rec["event_scale"] == e["goldstein"]
        assert rec["modality"] == e["modality"] and rec["event_date"] == e["date"]
        assert rec["context"] == list(e["context"] or []) and rec["mode"] == ([e["mode"]] if e["mode"] else [])
        assert [a["code"] for a in rec["actor"]] == [m["code"] for m in e["actor"]]
        assert [a["entity_text"] for a in rec["recipient"]] == [m["text"] for m in e["recipient"]]
        assert rec["event_text"] == [e["trigger_text"]] and rec["text"] == e["sentence_text"]
        assert (rec["text_info"]["start"], rec["text_info"]["end"]) == (e["sentence_start"], e["sentence_end"])
        assert rec["cite_info"]["publication"] == e["outlet"] and rec["cite_info"]["url"] == e["url"]
        # PLOVER's date is YYYY-MM-DD: the event's own day, the first day of a coarser date, or the report's.
        assert len(rec["date"]) == 10
        if e["date"] and len(e["date"]) == 10:
            assert rec["date"] == e["date"] and rec["date_precision"] == "day"
        elif e["date"] and e["date"][:4].isdigit() and "W" not in e["date"]:
            assert rec["date"].startswith(e["date"]) and rec["date_precision"] in ("month", "year")
        elif not e["date"]:
            assert rec["date"] == e["published"][:10] and rec["date_precision"] == "reported"
        if e["location"]:
            assert rec["event_loc"]["resolved_place"] == e["location"]["name"]


def test_an_actor_is_not_paired_with_itself_unless_that_is_all_there_is() -> None:
    srb, hun = {"code": "SRB", "sector": None}, {"code": "HUN", "sector": None}
    joint = {"actor": [srb, hun], "recipient": [srb, hun], "actor_codes": [], "recipient_codes": []}
    assert [(a["code"], b["code"]) for a, b in actor_pairs(joint)] == [("SRB", "HUN"), ("HUN", "SRB")]
    police, opposition = {"code": "SRB", "sector": "COP"}, {"code": "SRB", "sector": "OPP"}
    domestic = {"actor": [police], "recipient": [opposition], "actor_codes": [], "recipient_codes": []}
    assert actor_pairs(domestic) == [(police, opposition)]
    minister = {"code": "SRB", "sector": "MIL"}  # Serbia's defence minister signing with Hungary, not with Serbia
    signed = {"actor": [minister], "recipient": [], "actor_codes": [], "recipient_codes": ["HUN", "SRB"]}
    assert [(a["code"], b["code"]) for a, b in actor_pairs(signed)] == [("SRB", "HUN")]
    alone = {"actor": [srb], "recipient": [srb], "actor_codes": [], "recipient_codes": []}
    assert actor_pairs(alone) == [(srb, srb)]


def read_gdelt(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f, delimiter="\t", quoting=csv.QUOTE_NONE, escapechar="\\"))
    assert all(len(r) == 61 for r in rows)
    return [dict(zip(GDELT_COLUMNS, r)) for r in rows]


def test_gdelt_rows_match_the_store_field_by_field(db: Path, tmp_path: Path) -> None:
    out = tmp_path / "events.tsv"
    with Store(db, read_only=True) as s:
        n = export(s, "gdelt", out, reports=True)
    rows = read_gdelt(out)
    assert n == len(rows) > 0
    by_id = {int(r["GlobalEventID"]): r for r in rows}
    assert len(by_id) == len(rows), "GlobalEventID must be unique"
    seen = 0
    for e in stored_events(db).values():
        for m1, m2 in actor_pairs(e):
            a, b = (m1 or {}).get("code"), (m2 or {}).get("code")
            r = by_id[gdelt_id(e, a, b)]
            seen += 1
            assert r["EventCode"] == e["cameo"] and r["EventRootCode"] == e["cameo"][:2]
            assert r["EventBaseCode"] == e["cameo"][:3]
            assert int(r["QuadClass"]) == e["quad"] and float(r["GoldsteinScale"]) == e["goldstein"]
            assert r["Actor1CountryCode"] == (cameo_country(a) if a and a not in ("IGO", "NGO") else "")
            assert r["Actor2CountryCode"] == (cameo_country(b) if b and b not in ("IGO", "NGO") else "")
            assert r["Actor1Code"].startswith(cameo_country(a) or "")
            assert r["SOURCEURL"] == (e["url"] or e["origin"])
            assert r["NumArticles"] == "1" and len(r["DATEADDED"]) == 14
            if e["date"] and len(e["date"]) == 10:
                assert r["Day"] == e["date"].replace("-", "")
            assert r["MonthYear"] == r["Day"][:6] and r["Year"] == r["Day"][:4]
            if e["location"]:
                assert r["ActionGeo_FullName"].startswith(e["location"]["name"])
    assert seen == len(rows)


def test_gdelt_rows_are_fused_events_with_their_counts_of_mentions_sources_and_articles(seed_db: Path,
                                                                                         tmp_path: Path) -> None:
    out = tmp_path / "fused.tsv"
    with Store(seed_db, read_only=True) as s:
        export(s, "gdelt", out)
        fused = {f["id"]: f for f in s.fused_events(limit=10**6)}
        links = s.rows("SELECT fused_id, article_id FROM fused_sources")
    rows = read_gdelt(out)
    articles: dict[str, set[str]] = {}
    for link in links:
        articles.setdefault(link["fused_id"], set()).add(link["article_id"])
    # Each row belongs to one fused event (its id keyed by the fused event and the actor pair).
    keyed = {}
    for f in fused.values():
        for a in sorted(set(f["actor_codes"] or [])) or [None]:
            for b in sorted(set(f["recipient_codes"] or [])) or [None]:
                keyed[gdelt_id({"gdelt_key": f["id"]}, a, b)] = f
    assert rows and all(int(r["GlobalEventID"]) in keyed for r in rows)
    for r in rows:
        f = keyed[int(r["GlobalEventID"])]
        assert r["EventCode"] == f["cameo"] and int(r["NumMentions"]) == f["n_sources"]
        assert int(r["NumSources"]) == f["n_independent"] and int(r["NumArticles"]) == len(articles[f["id"]])
    # The Belgrade signing, in both outlets: one happening, not one event per report as GDELT has it.
    signing = [r for r in rows if r["EventCode"] == "062" and {r["Actor1Code"][:3], r["Actor2Code"][:3]} <= {"SRB",
                                                                                                          "HUN"}]
    assert signing and all(r["NumSources"] == "2" and r["NumArticles"] == "2" for r in signing)
    assert len({r["GlobalEventID"] for r in rows}) < sum(1 for _ in read_gdelt_reports(seed_db, tmp_path))


def read_gdelt_reports(db: Path, tmp_path: Path) -> list[dict[str, str]]:
    out = tmp_path / "reports.tsv"
    with Store(db, read_only=True) as s:
        export(s, "gdelt", out, reports=True)
    return read_gdelt(out)


def test_gdelt_uses_ksv_for_kosovo_and_fips_for_places(handmade_db: Path, tmp_path: Path) -> None:
    out = tmp_path / "g.tsv"
    with Store(handmade_db, read_only=True) as s:
        export(s, "gdelt", out, header=True)
    lines = out.read_text(encoding="utf-8").splitlines()
    assert tuple(lines[0].split("\t")) == GDELT_COLUMNS
    rows = read_gdelt(out)[1:]
    kosovo = [r for r in rows if r["Actor1CountryCode"] == "KSV"]
    assert kosovo and all(r["Actor1Code"] == "KSVGOV" for r in kosovo)
    assert not any("XKX" in v for r in rows for k, v in r.items() if "Code" in k)
    placed = [r for r in rows if r["ActionGeo_FullName"]]
    assert placed and placed[0]["ActionGeo_FullName"] == "Pristina, Kosovo"
    assert placed[0]["ActionGeo_CountryCode"] == "KV" and placed[0]["ActionGeo_Type"] == "4"


def test_filters_reach_the_export(handmade_db: Path, tmp_path: Path) -> None:
    out = tmp_path / "agree.jsonl"
    with Store(handmade_db, read_only=True) as s:
        n = export(s, "plover", out, event="AGREE")
    assert n == 2 and all(json.loads(x)["event"] == ["AGREE"] for x in out.read_text().splitlines())


def test_csv_and_parquet_hold_every_event(handmade_db: Path, tmp_path: Path) -> None:
    import pandas as pd

    with Store(handmade_db, read_only=True) as s:
        assert export(s, "csv", tmp_path / "e.csv") == 4
        assert export(s, "parquet", tmp_path / "e.parquet") == 4
    c = pd.read_csv(tmp_path / "e.csv")
    p = pd.read_parquet(tmp_path / "e.parquet")
    assert list(c["id"]) == list(p["id"]) and len(p) == 4
    store = stored_events(handmade_db)
    for _, row in p.iterrows():
        e = store[row["id"]]
        assert row["cameo"] == e["cameo"] and list(row["actor_codes"]) == list(e["actor_codes"])
    assert set(c["actor_codes"]) == {"SRB;XKX", "SRB"}


def test_unknown_format_is_refused(handmade_db: Path, tmp_path: Path) -> None:
    with Store(handmade_db, read_only=True) as s, pytest.raises(ValueError, match="unknown format"):
        export(s, "xml", tmp_path / "x")


def test_export_command_writes_a_file_and_refuses_binary_to_stdout(handmade_db: Path, tmp_path: Path) -> None:
    import click

    from eventscope.web.cli_commands import export as command

    assert command(str(handmade_db), "gdelt", str(tmp_path / "g.tsv"), event="ACCUSE") == 1
    with pytest.raises(click.ClickException, match="binary"):
        command(str(handmade_db), "parquet", "-")
    with pytest.raises(click.ClickException, match="no database"):
        command(str(tmp_path / "missing.duckdb"), "csv", str(tmp_path / "x.csv"))


def test_export_command_writes_fused_gdelt_rows_unless_asked_for_reports(seed_db: Path, tmp_path: Path) -> None:
    from click.testing import CliRunner

    from eventscope.cli import main

    runner = CliRunner()
    fused, reports = tmp_path / "fused.tsv", tmp_path / "reports.tsv"
    assert runner.invoke(main, ["export", "--db", str(seed_db), "--format", "gdelt", "-o", str(fused)]).exit_code == 0
    assert runner.invoke(main, ["export", "--db", str(seed_db), "--format", "gdelt", "--reports",
                                "-o", str(reports)]).exit_code == 0
    f, r = read_gdelt(fused), read_gdelt(reports)
    assert 0 < len(f) < len(r)
    assert max(int(x["NumArticles"]) for x in f) == 2 and {x["NumArticles"] for x in r} == {"1"}


@pytest.fixture(scope="module")
def formula_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Titles, outlets and sentences that a spreadsheet would run as formulas, and a -10.0 Goldstein score."""
    db = tmp_path_factory.mktemp("formula") / "formula.duckdb"
    text = "=HYPERLINK(\"http://localhost\",\"go\") Chile attacked Peru at dawn. @SUM(1) Peru condemned Chile."
    raw, art = handmade_article(text, "@Outlet", "story-f", "-2+3 Chile strikes", "2025-06-01")
    add_event(art, "attacked", "ASSAULT", "190", 4, -10.0, [("Chile", "CHL")], [("Peru", "PER")])
    raw2, art2 = handmade_article("+cmd|' /C calc'!A0 Peru accused Chile of aggression.", "\tTabbed",
                                  "story-f", "\rReturn title", "2025-06-02")
    add_event(art2, "accused", "ACCUSE", "112", 3, -2.0, [("Peru", "PER")], [("Chile", "CHL")])
    with Store(db) as s:
        s.add(raw, art)
        s.add(raw2, art2)
    return db


def test_csv_text_cells_that_start_like_formulas_get_a_quote_and_numbers_stay(formula_db: Path,
                                                                            tmp_path: Path) -> None:
    import pandas as pd

    with Store(formula_db, read_only=True) as s:
        export(s, "csv", tmp_path / "f.csv")
        export(s, "parquet", tmp_path / "f.parquet")
        export(s, "plover", tmp_path / "f.jsonl")
    with (tmp_path / "f.csv").open(encoding="utf-8", newline="") as f:
        rows = {r["event"]: r for r in csv.DictReader(f)}
    hit, accused = rows["ASSAULT"], rows["ACCUSE"]
    assert hit["title"] == "'-2+3 Chile strikes" and hit["outlet"] == "'@Outlet"
    assert hit["sentence_text"].startswith("'=HYPERLINK(")
    assert accused["sentence_text"].startswith("'+cmd|") and accused["outlet"] == "'\tTabbed"
    assert accused["title"] == "'\rReturn title"
    assert hit["goldstein"] == "-10.0" and float(hit["goldstein"]) == -10.0  # a number, not text
    no_formula = [v for r in rows.values() for v in r.values() if v and v[0] in "=+-@\t\r"]
    assert no_formula == ["-10.0", "-2.0"]  # only the Goldstein numbers start with a minus
    # Parquet and JSON are read by programs, not spreadsheets: they keep the text as stored.
    p = pd.read_parquet(tmp_path / "f.parquet").set_index("event")
    assert p.loc["ASSAULT", "title"] == "-2+3 Chile strikes" and p.loc["ACCUSE", "outlet"] == "\tTabbed"
    plover = [json.loads(line) for line in (tmp_path / "f.jsonl").read_text(encoding="utf-8").splitlines()]
    assert {r["cite_info"]["publication"] for r in plover} == {"@Outlet", "\tTabbed"}
