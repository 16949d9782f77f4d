"""The embedded store: one DuckDB file.

Ids are content hashes, so inserting is idempotent: the same input ingested twice, or an ingest
killed and run again, ends with the same rows. Each document is written in one transaction (its
raw bytes, its article, its annotations), so a killed run never leaves half a document.
Raw input is kept zlib-compressed for re-processing when the pipeline improves.
"""
from __future__ import annotations

import json
import zlib
from dataclasses import asdict
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from .errors import StoreError
from .model import Article, Quarantined, RawDoc

SCHEMA_VERSION = 1

SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key VARCHAR PRIMARY KEY, value VARCHAR);
CREATE TABLE IF NOT EXISTS raw (
    id VARCHAR PRIMARY KEY, origin VARCHAR, kind VARCHAR, url VARCHAR, published VARCHAR, outlet VARCHAR,
    title VARCHAR, data BLOB, size BIGINT, ingested_at TIMESTAMP);
CREATE TABLE IF NOT EXISTS articles (
    id VARCHAR PRIMARY KEY, origin VARCHAR, url VARCHAR, title VARCHAR, published VARCHAR, outlet VARCHAR,
    language VARCHAR, text VARCHAR, removed JSON, actors JSON, events JSON, quotes JSON, timex JSON,
    story VARCHAR);
CREATE TABLE IF NOT EXISTS quarantine (
    id VARCHAR PRIMARY KEY, origin VARCHAR, reason VARCHAR, data BLOB, size BIGINT, quarantined_at TIMESTAMP);
"""


class Store:
    """A DuckDB file holding raw inputs, articles, annotations and the quarantine."""

    def __init__(self, path: str | Path = "eventscope.duckdb", read_only: bool = False):
        import duckdb

        self.path = str(path)
        try:
            self.con = duckdb.connect(self.path, read_only=read_only)
        except duckdb.Error as e:
            raise StoreError(f"cannot open database: {e}", self.path) from e
        if not read_only:
            self.con.execute(SCHEMA)
            self.con.execute("INSERT OR IGNORE INTO meta VALUES ('schema_version', ?)", [str(SCHEMA_VERSION)])

    def close(self) -> None:
        self.con.close()

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- writing ---------------------------------------------------------------------------------
    def has(self, doc_id: str) -> bool:
        return self.con.execute("SELECT 1 FROM raw WHERE id = ?", [doc_id]).fetchone() is not None

    def add(self, raw: RawDoc, article: Article) -> bool:
        """Store one document and its article in one transaction; False where it was there already."""
        if self.has(raw.id):
            return False
        now = datetime.now(timezone.utc).replace(tzinfo=None)
        a = asdict(article)
        self.con.execute("BEGIN TRANSACTION")
        try:
            self.con.execute("INSERT INTO raw VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                             [raw.id, raw.origin, raw.kind, raw.url, raw.published, raw.outlet, raw.title,
                              zlib.compress(raw.raw or raw.body.encode("utf-8"), 6), len(raw.raw), now])
            self.con.execute(
                "INSERT INTO articles VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [article.id, article.origin, article.url, article.title, article.published, article.outlet,
                 article.language, article.text] + [json.dumps(a[k], ensure_ascii=False) for k in
                                                    ("removed", "actors", "events", "quotes", "timex")]
                + [article.story])
            self.con.execute("COMMIT")
        except Exception:
            self.con.execute("ROLLBACK")
            raise
        return True

    def quarantine(self, q: Quarantined) -> bool:
        """Record an unusable input; False where the same input and reason were recorded before."""
        now = datetime.now(timezone.utc).replace(tzinfo=None)
        before = self.count("quarantine")
        self.con.execute("INSERT OR IGNORE INTO quarantine VALUES (?, ?, ?, ?, ?, ?)",
                         [q.id, q.origin, q.reason, zlib.compress(q.raw, 6), len(q.raw), now])
        return self.count("quarantine") > before

    # -- reading ---------------------------------------------------------------------------------
    def count(self, table: str) -> int:
        if table not in ("raw", "articles", "quarantine"):
            raise ValueError(table)
        row = self.con.execute(f"SELECT count(*) FROM {table}").fetchone()
        return int(row[0]) if row else 0

    def rows(self, sql: str, params: list[Any] | None = None) -> list[dict[str, Any]]:
        cur = self.con.execute(sql, params or [])
        cols = [d[0] for d in cur.description]
        return [dict(zip(cols, r)) for r in cur.fetchall()]

    def articles(self, limit: int = 50, offset: int = 0, search: str | None = None) -> list[dict[str, Any]]:
        where, params = "", []
        if search:
            where, params = "WHERE text ILIKE ? OR title ILIKE ?", [f"%{search}%", f"%{search}%"]
        return self.rows(f"SELECT id, published, outlet, title, language, length(text) AS chars, origin "
                         f"FROM articles {where} ORDER BY published NULLS LAST, id LIMIT ? OFFSET ?",
                         params + [limit, offset])

    def article(self, doc_id: str) -> dict[str, Any] | None:
        """One article by id (or unique id prefix), with its annotations decoded."""
        rows = self.rows("SELECT * FROM articles WHERE id LIKE ? ORDER BY id LIMIT 2", [doc_id + "%"])
        if len(rows) != 1:
            return None
        row = rows[0]
        for k in ("removed", "actors", "events", "quotes", "timex"):
            row[k] = json.loads(row[k]) if row[k] else []
        return row

    def raw_bytes(self, doc_id: str) -> bytes | None:
        row = self.con.execute("SELECT data FROM raw WHERE id = ?", [doc_id]).fetchone()
        return zlib.decompress(row[0]) if row else None

    def quarantined(self, limit: int = 100) -> list[dict[str, Any]]:
        return self.rows("SELECT id, origin, reason, size, quarantined_at FROM quarantine "
                         "ORDER BY quarantined_at, id LIMIT ?", [limit])

    def stats(self) -> dict[str, Any]:
        out: dict[str, Any] = {t: self.count(t) for t in ("raw", "articles", "quarantine")}
        out["outlets"] = self.rows("SELECT outlet, count(*) AS n FROM articles GROUP BY outlet ORDER BY n DESC "
                                   "LIMIT 10")
        out["languages"] = self.rows("SELECT language, count(*) AS n FROM articles GROUP BY language "
                                     "ORDER BY n DESC")
        row = self.con.execute("SELECT min(published), max(published) FROM articles").fetchone()
        out["published"] = {"first": row[0], "last": row[1]} if row else {}
        return out
