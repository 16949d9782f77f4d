"""Chunked ingest: the same database as a plain ingest, and the server's reads get in while it writes."""
from __future__ import annotations

import json
import subprocess
import sys
import textwrap
import time
from pathlib import Path

from eventscope.engines import ingest_chunked, read_shards

from ..conftest import PARAS, article_html
from .conftest import REPORTS, ingest_locally, snapshot


def test_chunked_ingest_stores_what_a_plain_ingest_stores(corpus: Path, tmp_path: Path) -> None:
    plain, chunked = tmp_path / "plain.duckdb", tmp_path / "chunked.duckdb"
    expected = ingest_locally([corpus], plain)
    report = ingest_chunked(read_shards([corpus]), chunked, chunk_seconds=0.0)
    assert report.as_dict() == expected and expected["added"] == 7
    assert snapshot(chunked) == snapshot(plain)
    again = ingest_chunked(read_shards([corpus, corpus / "a.html"]), chunked)
    assert again.as_dict() == {"added": 0, "unchanged": 8, "quarantined": 0}
    assert snapshot(chunked) == snapshot(plain)


def test_a_copy_later_in_the_same_run_is_not_stored_twice(tmp_path: Path) -> None:
    (tmp_path / "in").mkdir()
    for name in ("a.html", "b.html"):
        (tmp_path / "in" / name).write_text(article_html())
    report = ingest_chunked(read_shards([tmp_path / "in"]), tmp_path / "db.duckdb")
    assert report.as_dict() == {"added": 1, "unchanged": 1, "quarantined": 0}


def test_the_server_reads_between_chunks_while_an_ingest_runs(tmp_path: Path) -> None:
    from eventscope.web.db import Database

    pages = tmp_path / "pages"
    pages.mkdir()
    n = 8
    for i in range(n):
        paras = [f"Report {i}. " + REPORTS[i % 3], PARAS[i % 3], PARAS[(i + 1) % 3]]
        (pages / f"{i:02d}.html").write_text(article_html(f"Report {i}", paras))
    db = tmp_path / "db.duckdb"
    script = textwrap.dedent(f"""
        import json
        from eventscope.engines import ingest_chunked, read_shards
        from eventscope.options import Options
        options = Options(batch_size=2)  # results come two by two, so that there are several windows
        report = ingest_chunked(read_shards([{str(pages)!r}]), {str(db)!r}, options, chunk_seconds=0.2)
        print(json.dumps(report.as_dict()))
    """)
    proc = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    while not db.exists() and proc.poll() is None:
        time.sleep(0.05)
    database = Database(db, wait=1.0)  # as `serve` opens it: read-only per request, 503 after 1 s
    seen: list[int] = []
    while proc.poll() is None:
        with database.read() as store:  # raises DatabaseBusy if the ingest held the file for over 1 s
            seen.append(store.count("articles"))
        time.sleep(0.1)
    out, err = proc.communicate()
    assert proc.returncode == 0, err.decode()
    assert json.loads(out) == {"added": n, "unchanged": 0, "quarantined": 0}
    assert len(seen) >= 5
    assert any(0 < c < n for c in seen), seen  # reads answered in the middle of the ingest
    assert seen == sorted(seen)  # and each saw only whole, committed documents, more and more
