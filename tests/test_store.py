"""The store: idempotent re-ingest, resume after a killed ingest, raw input kept."""
from __future__ import annotations

import gzip
import os
import subprocess
import sys
import textwrap
from pathlib import Path

from eventscope import ingest, open_store

from .conftest import PARAS, article_html

COLUMNS = "id, origin, url, title, published, outlet, language, text, removed, actors, events, quotes, timex, story"


def snapshot(db: Path) -> dict[str, list[tuple]]:
    with open_store(db, read_only=True) as s:
        return {
            "articles": s.con.execute(f"SELECT {COLUMNS} FROM articles ORDER BY id").fetchall(),
            "raw": s.con.execute("SELECT id, origin, kind, url, data FROM raw ORDER BY id").fetchall(),
            "quarantine": s.con.execute("SELECT id, origin, reason FROM quarantine ORDER BY id").fetchall(),
        }


def many_pages(root: Path, n: int) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        paras = [f"Report number {i}: " + PARAS[i % 3], PARAS[(i + 1) % 3], PARAS[(i + 2) % 3]]
        (root / f"{i:03d}.html").write_text(article_html(f"Report {i}", paras))
    (root / "broken.html.gz").write_bytes(gzip.compress(b"<p>cut</p>")[:-8])
    return root


def test_ingesting_the_same_input_twice_adds_nothing(corpus: Path, tmp_path: Path) -> None:
    db = tmp_path / "a.duckdb"
    with open_store(db) as s:
        first = ingest([corpus], s)
        second = ingest([corpus], s)
    assert first.added == 7 and second.added == 0 and second.unchanged == 7
    before = snapshot(db)
    with open_store(db) as s:
        ingest([corpus, corpus / "a.html"], s)
    assert snapshot(db) == before


def test_same_content_under_another_name_is_stored_once(tmp_path: Path) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "x.html").write_text(article_html())
    (tmp_path / "in" / "copy-of-x.html").write_text(article_html())
    with open_store(tmp_path / "b.duckdb") as s:
        report = ingest([tmp_path / "in"], s)
        assert (report.added, report.unchanged) == (1, 1) and s.count("articles") == 1


def test_raw_input_is_kept_compressed_and_recoverable(tmp_path: Path) -> None:
    page = tmp_path / "p.html"
    page.write_text(article_html())
    with open_store(tmp_path / "c.duckdb") as s:
        ingest([page], s)
        [row] = s.articles()
        assert s.raw_bytes(row["id"]) == page.read_bytes()
        size = s.con.execute("SELECT octet_length(data) FROM raw").fetchone()[0]
        assert size < len(page.read_bytes())


def test_a_killed_ingest_run_again_ends_with_the_same_database(tmp_path: Path) -> None:
    pages = many_pages(tmp_path / "pages", 12)
    clean_db, killed_db = tmp_path / "clean.duckdb", tmp_path / "killed.duckdb"
    with open_store(clean_db) as s:
        ingest([pages], s)
    # A process that ingests and is SIGKILLed by itself after the 5th document was handed over:
    # no clean shutdown, no checkpoint, a WAL left behind.
    script = textwrap.dedent(f"""
        import os, signal
        from eventscope import open_store
        from eventscope.options import Options
        from eventscope.pipeline import ingest
        from eventscope.read import read_paths
        def records():
            for i, rec in enumerate(read_paths([{str(pages)!r}], Options())):
                if i == 5:
                    os.kill(os.getpid(), signal.SIGKILL)
                yield rec
        store = open_store({str(killed_db)!r})
        ingest(records(), store)
    """)
    proc = subprocess.run([sys.executable, "-c", script], capture_output=True, env={**os.environ}, check=False)
    assert proc.returncode == -9, proc.stderr.decode()[-2000:]
    with open_store(killed_db, read_only=True) as s:
        assert 0 < s.count("articles") < 12
    with open_store(killed_db) as s:
        report = ingest([pages], s)
        assert report.unchanged >= 1
    assert snapshot(killed_db) == snapshot(clean_db)


def test_annotations_are_stored_as_rows_and_filtered(tmp_path: Path) -> None:
    from eventscope.model import Article, Event, Mention, Quote, RawDoc, Timex, Trigger

    text = "Serbia and Hungary signed a pact on Tuesday. \"It is historic,\" Vucic said."
    srb, hun = Mention("Serbia", (0, 6), "SRB", "GOV", "Serbia"), Mention("Hungary", (11, 18), "HUN", "GOV", "Hungary")
    vucic = Mention("Vucic", (63, 68), "SRB", "GOV", "Aleksandar Vučić", via="name")
    ev = Event("AGREE", "057", 1, 8.0, [srb], [hun], Trigger("signed", (19, 25)), (0, 44), date="2025-04-01")
    art = Article(id="a1", text=text, origin="t", published="2025-04-02", outlet="Wire", actors=[srb, hun, vucic],
                  events=[ev], quotes=[Quote("It is historic,", (46, 61), "direct", "said", vucic)],
                  timex=[Timex("Tuesday", (36, 43), "2025-04-01")])
    raw = RawDoc(body=text, kind="text", origin="t", raw=text.encode())
    art.id = raw.id
    with open_store(tmp_path / "ann.duckdb") as s:
        assert s.add(raw, art)
        assert not s.add(raw, art)
        assert (s.count("mentions"), s.count("events"), s.count("quotes"), s.count("timex")) == (3, 1, 1, 1)
        [row] = s.events(actor="SRB", recipient="hun", event="agree")
        assert row["trigger_text"] == "signed" and row["actor_codes"] == ["SRB"]
        assert row["sentence_text"] == text[:44] and row["outlet"] == "Wire"
        assert s.events(actor="HUN") == [] and s.events(modality="planned") == []
        assert len(s.events(since="2025-04-01", until="2025-04-01")) == 1 and s.events(since="2025-05") == []
        [q] = s.quotes(speaker="vučić")
        assert q["cue"] == "said" and s.quotes(search="nothing like this") == []
        top = s.actors()
        assert top[0]["actor"] == "Aleksandar Vučić" or {r["code"] for r in top} == {"SRB", "HUN"}
        assert {r["code"] for r in s.actors(code="HUN")} == {"HUN"}


def test_quarantine_rows_go_in_batches_and_say_which_are_new_without_counting_the_table(
        tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from eventscope.model import Quarantined
    from eventscope.options import Options
    from eventscope.pipeline import ingest as ingest_records
    from eventscope.store import Store

    broken = [Quarantined(f"dump.warc#record-{i}", "broken WARC record", raw=b"WARC/1.0\r\n" + bytes([i % 256]))
              for i in range(2500)]
    sizes: list[int] = []
    real = Store.quarantine_many

    def spy(self, items):  # type: ignore[no-untyped-def]
        sizes.append(len(items))
        return real(self, items)

    def no_count(self, table):  # type: ignore[no-untyped-def]
        raise AssertionError(f"counted {table}")

    monkeypatch.setattr(Store, "quarantine_many", spy)
    monkeypatch.setattr(Store, "count", no_count)
    with open_store(tmp_path / "q.duckdb") as s:
        report = ingest_records(broken + broken[:1], s, Options(quarantine_batch=1000))
        assert sizes == [1000, 1000, 501] and len(report.quarantined) == 2501
        [row] = s.rows("SELECT count(*) AS n, sum(size) AS bytes FROM quarantine")
        assert (row["n"], row["bytes"]) == (2500, sum(len(q.raw) for q in broken))
        new = Quarantined("dump.warc#record-9999", "broken WARC record")
        assert s.quarantine_many([broken[7], new, new]) == [False, True, False]
        assert s.quarantine(new) is False and s.quarantine(Quarantined("other", "empty file")) is True
