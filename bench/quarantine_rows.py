"""Time to store N quarantine rows (a WARC of tiny broken records): the plain and the chunked ingest.

    python bench/quarantine_rows.py [N]      # default 60000
"""
from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

from eventscope.engines import ingest_chunked
from eventscope.model import Quarantined
from eventscope.pipeline import ingest
from eventscope.store import Store


def broken(n: int) -> list[Quarantined]:
    return [Quarantined(f"dump.warc.gz#record-{i}", "broken WARC record: truncated gzip member",
                        raw=b"WARC/1.0\r\nWARC-Type: response\r\n" + str(i).encode()) for i in range(n)]


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 60_000
    with tempfile.TemporaryDirectory() as tmp:
        for name in ("plain", "chunked"):
            db = Path(tmp) / f"{name}.duckdb"
            rows = broken(n)
            start = time.perf_counter()
            if name == "plain":
                with Store(db) as s:
                    ingest(rows, s)
            else:
                ingest_chunked(rows, db, regroup=False)
            took = time.perf_counter() - start
            with Store(db, read_only=True) as s:
                stored = s.count("quarantine")
            print(f"{name:8} {n} rows: {took:7.2f} s, {took / n * 1e6:7.1f} us/row, {stored} stored")


if __name__ == "__main__":
    main()
