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
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Self

from .errors import StoreError
from .model import Article, Quarantined, RawDoc

SCHEMA_VERSION = 2

SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key VARCHAR PRIMARY KEY, value VARCHAR);
CREATE TABLE IF NOT EXISTS raw (
    id VARCHAR PRIMARY KEY, origin VARCHAR, kind VARCHAR, url VARCHAR, published VARCHAR, outlet VARCHAR,
    title VARCHAR, data BLOB, size BIGINT, ingested_at TIMESTAMP);
CREATE TABLE IF NOT EXISTS articles (
    id VARCHAR PRIMARY KEY, origin VARCHAR, url VARCHAR, title VARCHAR, published VARCHAR, outlet VARCHAR,
    language VARCHAR, text VARCHAR, removed JSON, actors JSON, events JSON, quotes JSON, timex JSON,
    story VARCHAR, grouped_on VARCHAR);
CREATE TABLE IF NOT EXISTS mentions (
    article_id VARCHAR, idx INTEGER, text VARCHAR, span_start INTEGER, span_end INTEGER, code VARCHAR,
    sector VARCHAR, name VARCHAR, actor_id VARCHAR, via VARCHAR, PRIMARY KEY (article_id, idx));
CREATE TABLE IF NOT EXISTS events (
    article_id VARCHAR, idx INTEGER, event VARCHAR, cameo VARCHAR, quad INTEGER, goldstein DOUBLE,
    mode VARCHAR, context VARCHAR[], modality VARCHAR, date VARCHAR, actor_codes VARCHAR[],
    recipient_codes VARCHAR[], actor JSON, recipient JSON, trigger_text VARCHAR, trigger_start INTEGER,
    trigger_end INTEGER, sentence_start INTEGER, sentence_end INTEGER, sentence_text VARCHAR,
    location JSON, place VARCHAR, place_country VARCHAR, published VARCHAR, outlet VARCHAR,
    PRIMARY KEY (article_id, idx));
CREATE TABLE IF NOT EXISTS quotes (
    article_id VARCHAR, idx INTEGER, text VARCHAR, span_start INTEGER, span_end INTEGER, kind VARCHAR,
    cue VARCHAR, speaker_text VARCHAR, speaker_name VARCHAR, speaker_code VARCHAR, speaker_sector VARCHAR,
    speech BOOLEAN, PRIMARY KEY (article_id, idx));
CREATE TABLE IF NOT EXISTS timex (
    article_id VARCHAR, idx INTEGER, text VARCHAR, span_start INTEGER, span_end INTEGER, value VARCHAR,
    PRIMARY KEY (article_id, idx));
CREATE TABLE IF NOT EXISTS stories (
    id VARCHAR PRIMARY KEY, title VARCHAR, first_published VARCHAR, last_published VARCHAR,
    n_articles INTEGER, n_outlets INTEGER, outlets VARCHAR[]);
CREATE TABLE IF NOT EXISTS fused_events (
    id VARCHAR PRIMARY KEY, story_id VARCHAR, event VARCHAR, cameo VARCHAR, quad INTEGER, goldstein DOUBLE,
    modality VARCHAR, date VARCHAR, actor_codes VARCHAR[], recipient_codes VARCHAR[], actor_names VARCHAR[],
    recipient_names VARCHAR[], place VARCHAR, n_sources INTEGER, n_independent INTEGER, first_report VARCHAR,
    attribute_values JSON, discrepancies JSON);
CREATE TABLE IF NOT EXISTS fused_sources (
    fused_id VARCHAR, article_id VARCHAR, event_idx INTEGER, outlet VARCHAR, published VARCHAR,
    trigger_text VARCHAR, sentence_text VARCHAR, PRIMARY KEY (fused_id, article_id, event_idx));
CREATE TABLE IF NOT EXISTS story_index (
    id INTEGER PRIMARY KEY, assigned BIGINT, state BLOB, saved_at TIMESTAMP);
CREATE TABLE IF NOT EXISTS story_pending (id VARCHAR PRIMARY KEY);
CREATE TABLE IF NOT EXISTS quarantine (
    id VARCHAR PRIMARY KEY, origin VARCHAR, reason VARCHAR, data BLOB, size BIGINT, quarantined_at TIMESTAMP);
"""


# Each fused event's first report among its sources (earliest published, then article and event order): the
# report that stands for the happening where one row must (the dyad view, the GDELT export).
FIRST_SOURCES = ("SELECT fused_id, article_id, event_idx AS idx, outlet, trigger_text, sentence_text FROM fused_sources "
                 "QUALIFY row_number() OVER (PARTITION BY fused_id "
                 "ORDER BY coalesce(published, '~'), article_id, event_idx) = 1")


def encode_state(state: dict[str, Any]) -> bytes:
    """A story index state as the store keeps it: JSON (never pickle: a store may come from elsewhere), zlib."""
    return zlib.compress(json.dumps(state, ensure_ascii=False, separators=(",", ":")).encode("utf-8"), 1)


def duckdb_error() -> type[Exception]:
    """DuckDB's error class (imported where needed: DuckDB loads in tenths of a second)."""
    import duckdb

    return duckdb.Error


def _storable(q: Quarantined) -> Quarantined:
    """``q`` with text DuckDB can hold: characters UTF-8 cannot encode (lone surrogates) as escapes."""
    def text(value: str) -> str:
        return value.encode("utf-8", "backslashreplace").decode("utf-8")

    return Quarantined(text(q.origin), text(q.reason), raw=q.raw, caller_id=q.caller_id)


def like_pattern(text: str, prefix: bool = False) -> str:
    """User text as a LIKE pattern that matches it literally, with ``ESCAPE '\\'`` in the SQL: % and _
    are text, not wildcards. It matches anywhere in a value, or only at its start (``prefix``)."""
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return escaped + "%" if prefix else f"%{escaped}%"


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
            self._migrate()
            self.con.execute("INSERT OR IGNORE INTO meta VALUES ('schema_version', ?)", [str(SCHEMA_VERSION)])

    def _migrate(self) -> None:
        """Bring a store written by an earlier version up to this schema (columns added since)."""
        # 2: the stream date at which an article was grouped (its own date, or for an undated article the
        # newest date seen then), so that regrouping reads only the articles of stories still open.
        self.con.execute("ALTER TABLE articles ADD COLUMN IF NOT EXISTS grouped_on VARCHAR")
        # What the reader repaired in the input (``Article.warnings``), for ``show``; NULL where nothing was.
        self.con.execute("ALTER TABLE articles ADD COLUMN IF NOT EXISTS warnings JSON")
        self.con.execute("UPDATE meta SET value = ? WHERE key = 'schema_version' AND CAST(value AS INTEGER) < ?",
                         [str(SCHEMA_VERSION), str(SCHEMA_VERSION)])

    def close(self) -> None:
        self.con.close()

    def __enter__(self) -> Self:
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
        now = datetime.now(UTC).replace(tzinfo=None)
        a = asdict(article)
        self.con.execute("BEGIN TRANSACTION")
        try:
            self.con.execute("INSERT INTO raw VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                             [raw.id, raw.origin, raw.kind, raw.url, raw.published, raw.outlet, raw.title,
                              zlib.compress(raw.raw or raw.body.encode("utf-8"), 6), len(raw.raw), now])
            self.con.execute(
                "INSERT INTO articles VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, ?)",
                [article.id, article.origin, article.url, article.title, article.published, article.outlet,
                 article.language, article.text] + [json.dumps(a[k], ensure_ascii=False) for k in
                                                    ("removed", "actors", "events", "quotes", "timex")]
                + [article.story, json.dumps(article.warnings, ensure_ascii=False) if article.warnings else None])
            self._annotations(article)
            self.con.execute("COMMIT")
        except Exception:
            self.con.execute("ROLLBACK")
            raise
        return True

    def _annotations(self, a: Article) -> None:
        """The article's mentions, events, quotes and time expressions as rows (inside add()'s transaction)."""
        if a.actors:
            self.con.executemany("INSERT INTO mentions VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", [
                [a.id, i, m.text, m.span[0], m.span[1], m.code, m.sector, m.name, m.actor_id, m.via]
                for i, m in enumerate(a.actors)])
        if a.events:
            rows = []
            for i, e in enumerate(a.events):
                d = asdict(e)
                loc = e.location
                rows.append([a.id, i, e.event, e.cameo, e.quad, e.goldstein, e.mode, list(e.context), e.modality,
                             e.date, sorted({m.code for m in e.actor if m.code}),
                             sorted({m.code for m in e.recipient if m.code}), json.dumps(d["actor"]),
                             json.dumps(d["recipient"]), e.trigger.text, e.trigger.span[0], e.trigger.span[1],
                             e.sentence[0], e.sentence[1], a.text[e.sentence[0]:e.sentence[1]],
                             json.dumps(d["location"]) if loc else None, loc.name if loc else None,
                             loc.country if loc else None, a.published, a.outlet])
            self.con.executemany("INSERT INTO events VALUES (" + ", ".join("?" * 25) + ")", rows)
        if a.quotes:
            self.con.executemany("INSERT INTO quotes VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", [
                [a.id, i, q.text, q.span[0], q.span[1], q.kind, q.cue] + (
                    [q.speaker.text, q.speaker.name, q.speaker.code, q.speaker.sector] if q.speaker
                    else [None] * 4) + [q.speech] for i, q in enumerate(a.quotes)])
        if a.timex:
            self.con.executemany("INSERT INTO timex VALUES (?, ?, ?, ?, ?, ?)", [
                [a.id, i, t.text, t.span[0], t.span[1], t.value] for i, t in enumerate(a.timex)])

    def quarantine(self, q: Quarantined) -> bool:
        """Record an unusable input; False where the same input and reason were recorded before."""
        return self.quarantine_many([q])[0]

    def quarantine_many(self, items: list[Quarantined]) -> list[bool]:
        """Record unusable inputs in one statement; per input, whether it was new (not recorded before, nor
        earlier in ``items``). The table is never counted: ``RETURNING`` names the rows this insert added.

        A batch the database refuses (a string it cannot hold, such as a lone surrogate) is written row by
        row, a refused row with its text made storable, so that no input is lost for another's sake."""
        if not items:
            return []
        try:
            return self._insert_quarantine(items)
        except (UnicodeError, duckdb_error()):
            new = []
            for q in items:
                try:
                    new += self._insert_quarantine([q])
                except (UnicodeError, duckdb_error()):
                    new += self._insert_quarantine([_storable(q)])
            return new

    def _insert_quarantine(self, items: list[Quarantined]) -> list[bool]:
        now = datetime.now(UTC).replace(tzinfo=None)
        ids = [q.id for q in items]
        added = {r[0] for r in self.con.execute(
            "INSERT OR IGNORE INTO quarantine SELECT unnest(?), unnest(?), unnest(?), unnest(?::BLOB[]), "
            "unnest(?), ? RETURNING id",
            [ids, [q.origin for q in items], [q.reason for q in items], [zlib.compress(q.raw, 6) for q in items],
             [len(q.raw) for q in items], now]).fetchall()}
        new = []
        for i in ids:
            new.append(i in added)
            added.discard(i)  # a second copy in the same batch is not new
        return new

    def assign_stories(self, grouped: list[tuple[str, str, str | None]], moved: list[tuple[str, str]],
                       changed: set[str], assigned: int, index_state: bytes) -> None:
        """One regrouping's story assignment, in one transaction: the newly grouped articles (id, story, stream
        date), the earlier ones revision moved (id, story), the changed stories marked pending (``story_pending``)
        until ``write_story`` or ``drop_story`` writes them, and the story index's state. A kill before the commit
        leaves every article as it was, ungrouped ones ungrouped, so the rerun groups them as this run would
        have; a kill after it leaves the stories to write in ``story_pending`` (``pending_stories``)."""
        self.con.execute("BEGIN TRANSACTION")
        try:
            if grouped:
                self.con.execute("UPDATE articles SET story = g.story, grouped_on = g.grouped_on FROM "
                                 "(SELECT unnest(?) AS id, unnest(?) AS story, unnest(?::VARCHAR[]) AS grouped_on) g "
                                 "WHERE articles.id = g.id", [list(col) for col in zip(*grouped)])
            if moved:
                self.con.execute("UPDATE articles SET story = m.story FROM "
                                 "(SELECT unnest(?) AS id, unnest(?) AS story) m WHERE articles.id = m.id",
                                 [list(col) for col in zip(*moved)])
            if changed:
                self.con.execute("INSERT OR IGNORE INTO story_pending SELECT unnest(?)", [sorted(changed)])
            self.save_story_index(assigned, index_state)
            self.con.execute("COMMIT")
        except Exception:
            self.con.execute("ROLLBACK")
            raise

    def pending_stories(self) -> set[str]:
        """The stories assigned articles since their rows and fused events were last written (see
        ``assign_stories``): a regrouping killed before writing them leaves them here for the next."""
        return {r[0] for r in self.con.execute("SELECT id FROM story_pending").fetchall()}

    def counts_happenings(self, reports: bool = False) -> bool:
        """Whether events are counted as fused events, a happening once however many outlets reported it:
        unless ``reports`` asks for every report, as GDELT counts, and where stories were grouped at all."""
        return not reports and self.count("fused_events") > 0

    def drop_story(self, story_id: str) -> None:
        """Delete a story that has no articles left, with its fused events and their sources."""
        self.con.execute("BEGIN TRANSACTION")
        try:
            self._delete_story(story_id)
            self.con.execute("COMMIT")
        except Exception:
            self.con.execute("ROLLBACK")
            raise

    def _delete_story(self, story_id: str) -> None:
        old = [r[0] for r in self.con.execute("SELECT id FROM fused_events WHERE story_id = ?",
                                               [story_id]).fetchall()]
        if old:
            self.con.execute("DELETE FROM fused_sources WHERE list_contains(?, fused_id)", [old])
        self.con.execute("DELETE FROM fused_events WHERE story_id = ?", [story_id])
        self.con.execute("DELETE FROM stories WHERE id = ?", [story_id])
        self.con.execute("DELETE FROM story_pending WHERE id = ?", [story_id])  # written (or gone) now

    def save_story_index(self, assigned: int, data: bytes) -> None:
        """Keep the story index's state (``encode_state``), valid while ``assigned`` articles have a story.
        Encoded by the caller, so that a writer holding the file briefly (``engines/chunked.py``) only copies
        bytes while it holds it."""
        now = datetime.now(UTC).replace(tzinfo=None)
        self.con.execute("INSERT OR REPLACE INTO story_index VALUES (1, ?, ?, ?)", [assigned, data, now])

    def load_story_index(self, assigned: int) -> dict[str, Any] | None:
        """The kept story index state, if it was saved when ``assigned`` articles had a story (else None:
        articles were grouped since by something that did not keep it)."""
        row = self.con.execute("SELECT assigned, state FROM story_index WHERE id = 1").fetchone()
        if row is None or row[0] != assigned:
            return None
        state: dict[str, Any] = json.loads(zlib.decompress(row[1]).decode("utf-8"))
        return state

    def write_story(self, story: list[Any], fused: list[list[Any]], sources: list[list[Any]]) -> None:
        """Replace one story's row, fused events and their sources (one transaction)."""
        self.con.execute("BEGIN TRANSACTION")
        try:
            self._delete_story(story[0])
            self.con.execute("INSERT INTO stories VALUES (?, ?, ?, ?, ?, ?, ?)", story)
            if fused:
                self.con.executemany("INSERT OR REPLACE INTO fused_events VALUES (" + ", ".join("?" * 18) + ")",
                                     fused)
            if sources:
                self.con.executemany("INSERT OR REPLACE INTO fused_sources VALUES (?, ?, ?, ?, ?, ?, ?)", sources)
            self.con.execute("COMMIT")
        except Exception:
            self.con.execute("ROLLBACK")
            raise

    # -- reading ---------------------------------------------------------------------------------
    def load_articles(self, where: str = "TRUE", params: list[Any] | None = None) -> list[Article]:
        """Stored articles as records (annotations included), for re-grouping and exports."""
        from .model import article_from_dict

        return [article_from_dict(r) for r in self.rows(f"SELECT * FROM articles WHERE {where} ORDER BY id", params)]

    def count(self, table: str) -> int:
        if table not in ("raw", "articles", "quarantine", "mentions", "events", "quotes", "timex", "stories",
                         "fused_events", "fused_sources"):
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
            where = "WHERE text ILIKE ? ESCAPE '\\' OR title ILIKE ? ESCAPE '\\'"
            params = [like_pattern(search)] * 2
        return self.rows(f"SELECT id, published, outlet, title, language, length(text) AS chars, origin "
                         f"FROM articles {where} ORDER BY published NULLS LAST, id LIMIT ? OFFSET ?",
                         params + [limit, offset])

    def article(self, doc_id: str) -> dict[str, Any] | None:
        """One article by id (or unique id prefix), with its annotations decoded."""
        rows = self.rows("SELECT * FROM articles WHERE id LIKE ? ESCAPE '\\' ORDER BY id LIMIT 2",
                         [like_pattern(doc_id, prefix=True)])
        if len(rows) != 1:
            return None
        row = rows[0]
        for k in ("removed", "actors", "events", "quotes", "timex", "warnings"):
            row[k] = json.loads(row[k]) if row.get(k) else []
        return row

    def raw_bytes(self, doc_id: str) -> bytes | None:
        row = self.con.execute("SELECT data FROM raw WHERE id = ?", [doc_id]).fetchone()
        return zlib.decompress(row[0]) if row else None

    def quarantined(self, limit: int = 100) -> list[dict[str, Any]]:
        return self.rows("SELECT id, origin, reason, size, quarantined_at FROM quarantine "
                         "ORDER BY quarantined_at, id LIMIT ?", [limit])

    def stats(self) -> dict[str, Any]:
        out: dict[str, Any] = {t: self.count(t) for t in ("raw", "articles", "quarantine", "mentions", "events",
                                                            "quotes", "timex")}
        out["outlets"] = self.rows("SELECT outlet, count(*) AS n FROM articles GROUP BY outlet ORDER BY n DESC "
                                   "LIMIT 10")
        out["languages"] = self.rows("SELECT language, count(*) AS n FROM articles GROUP BY language "
                                     "ORDER BY n DESC")
        row = self.con.execute("SELECT min(published), max(published) FROM articles").fetchone()
        out["published"] = {"first": row[0], "last": row[1]} if row else {}
        return out

    # -- annotations -----------------------------------------------------------------------------
    def actors(self, limit: int = 100, code: str | None = None) -> list[dict[str, Any]]:
        """Actors with their mention and article counts, most mentioned first."""
        where, params = ("WHERE code = ?", [code]) if code else ("", [])
        return self.rows(
            f"SELECT coalesce(name, code) AS actor, code, mode(sector) AS sector, count(*) AS mentions, "
            f"count(DISTINCT article_id) AS articles, string_agg(DISTINCT text, ' | ') AS spellings "
            f"FROM mentions {where} GROUP BY coalesce(name, code), code "
            f"ORDER BY mentions DESC, actor LIMIT ?", params + [limit])

    @staticmethod
    def _event_filters(actor: str | None, recipient: str | None, event: str | None, modality: str | None,
                       since: str | None, until: str | None, names: tuple[str, str]) -> tuple[str, list[Any]]:
        """WHERE clause shared by per-article and fused events. ``names`` are the columns searched by name."""
        where: list[str] = []
        params: list[Any] = []
        for col, codes, value in ((names[0], "actor_codes", actor), (names[1], "recipient_codes", recipient)):
            if value:
                where.append(f"(list_contains({codes}, ?) OR CAST({col} AS VARCHAR) ILIKE ? ESCAPE '\\')")
                params += [value.upper(), like_pattern(value)]
        if event:
            where.append("event = ?")
            params.append(event.upper())
        if modality:
            where.append("modality = ?")
            params.append(modality.lower())
        day = "coalesce(date, published)" if names[0] == "actor" else "coalesce(date, first_report)"
        if since:
            where.append(f"{day} >= ?")
            params.append(since)
        if until:
            where.append(f"{day} < ? || '~'")
            params.append(until)
        return (" WHERE " + " AND ".join(where) if where else ""), params

    def events(self, actor: str | None = None, recipient: str | None = None, event: str | None = None,
               modality: str | None = None, since: str | None = None, until: str | None = None,
               limit: int = 100, offset: int = 0) -> list[dict[str, Any]]:
        """Per-article events, filtered. ``actor``/``recipient`` match a code (SRB) or a name substring."""
        where, params = self._event_filters(actor, recipient, event, modality, since, until, ("actor", "recipient"))
        sql = ("SELECT article_id, idx, event, cameo, quad, goldstein, modality, date, actor_codes, recipient_codes, "
               "trigger_text, place, outlet, published, sentence_text FROM events" + where
               + " ORDER BY coalesce(date, published) NULLS LAST, article_id, idx LIMIT ? OFFSET ?")
        return self.rows(sql, params + [limit, offset])

    def fused_events(self, actor: str | None = None, recipient: str | None = None, event: str | None = None,
                     modality: str | None = None, since: str | None = None, until: str | None = None,
                     limit: int = 100, offset: int = 0) -> list[dict[str, Any]]:
        """Events fused across the reports of a story, with their source counts; filters as ``events``."""
        where, params = self._event_filters(actor, recipient, event, modality, since, until,
                                            ("actor_names", "recipient_names"))
        sql = ("SELECT id, story_id, event, cameo, quad, goldstein, modality, date, actor_codes, recipient_codes, "
               "actor_names, recipient_names, place, n_sources, n_independent, first_report, discrepancies "
               "FROM fused_events" + where
               + " ORDER BY coalesce(date, first_report) NULLS LAST, id LIMIT ? OFFSET ?")
        return self.rows(sql, params + [limit, offset])

    def quotes(self, speaker: str | None = None, search: str | None = None, limit: int = 100,
               offset: int = 0, speech_only: bool = True) -> list[dict[str, Any]]:
        """Quotes, filtered; ``speech_only`` leaves out stances and beliefs (see Quote.speech)."""
        where, params = (["speech"] if speech_only else []), []
        if speaker:
            where.append("(speaker_name ILIKE ? ESCAPE '\\' OR speaker_text ILIKE ? ESCAPE '\\' OR speaker_code = ?)")
            params += [like_pattern(speaker)] * 2 + [speaker.upper()]
        if search:
            where.append("text ILIKE ? ESCAPE '\\'")
            params.append(like_pattern(search))
        sql = ("SELECT article_id, idx, kind, coalesce(speaker_name, speaker_text) AS speaker, speaker_code, cue, text "
               "FROM quotes" + (" WHERE " + " AND ".join(where) if where else "")
               + " ORDER BY article_id, idx LIMIT ? OFFSET ?")
        return self.rows(sql, params + [limit, offset])
