"""Results as Parquet rows: one row per input record, readable by the store, DuckDB or any engine.

A row carries the outcome of one record (``status``), the raw input it came from (so that the store
keeps it for re-processing, as a local ingest does) and, for an article, its fields with the nested
annotations as JSON strings, in the form the store's ``articles`` table holds them:

    SELECT title, json_array_length(events) FROM read_parquet('shards/*.parquet') WHERE status = 'article'

``rank``/``rec`` give the record's place in the input (file rank, record number), so results written in
any order by many workers are put back in input order. ``import_parquet`` loads shards into the store
idempotently: a document already stored (same content hash) is skipped.
"""
from __future__ import annotations

import json
import os
from collections.abc import Iterable, Iterator
from dataclasses import asdict
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from ..model import Article, Quarantined, RawDoc, article_from_dict

# Outcomes of one record.
ARTICLE = "article"  # cleaned and annotated
QUARANTINED = "quarantined"  # unusable input (reader's verdict), with the reason
FAILED = "failed"  # the annotator raised on it (a bug); ``error`` holds "Type: message"
UNCHANGED = "unchanged"  # ingest only: already in the store, not annotated again

_JSON = ("removed", "actors", "events", "quotes", "timex", "warnings")
SCHEMA = pa.schema([
    ("rank", pa.int64()), ("rec", pa.int64()), ("status", pa.string()), ("error", pa.string()),
    # The raw record: RawDoc fields, or the Quarantined one's origin and bytes.
    ("raw_id", pa.string()), ("raw_origin", pa.string()), ("raw_kind", pa.string()), ("raw_url", pa.string()),
    ("raw_published", pa.string()), ("raw_outlet", pa.string()), ("raw_title", pa.string()),
    ("raw_data", pa.binary()), ("raw_body", pa.string()),  # body only where no raw bytes were kept
    # The caller's id as text; where it is not a JSON string (a number, an object), also as JSON, so that
    # it comes back as the caller gave it (``caller_id_of``).
    ("caller_id", pa.string()), ("caller_id_json", pa.string()),
    # The article, as in the store's ``articles`` table.
    ("id", pa.string()), ("origin", pa.string()), ("url", pa.string()), ("title", pa.string()),
    ("published", pa.string()), ("outlet", pa.string()), ("language", pa.string()), ("text", pa.string()),
    *[(k, pa.string()) for k in _JSON], ("story", pa.string()),
])


def article_to_dict(article: Article) -> dict[str, Any]:
    """The article's own columns (nested annotations as JSON strings)."""
    d = asdict(article)
    out = {k: d[k] for k in ("id", "origin", "url", "title", "published", "outlet", "language", "text", "story")}
    out.update({k: json.dumps(d[k], ensure_ascii=False) for k in _JSON})
    return out


def _id_columns(caller_id: Any) -> dict[str, Any]:
    if caller_id is None or isinstance(caller_id, str):
        return {"caller_id": caller_id, "caller_id_json": None}
    text = json.dumps(caller_id, ensure_ascii=False, sort_keys=True)
    return {"caller_id": text, "caller_id_json": text}


def caller_id_of(row: dict[str, Any]) -> Any:
    """The caller's id of a row, of the JSON type it was given in."""
    encoded = row.get("caller_id_json")
    return json.loads(encoded) if encoded is not None else row.get("caller_id")


def raw_columns(rec: RawDoc | Quarantined) -> dict[str, Any]:
    """The raw-record columns of a row."""
    if isinstance(rec, Quarantined):
        return {"raw_id": rec.id, "raw_origin": rec.origin, "raw_data": rec.raw, **_id_columns(rec.caller_id)}
    return {"raw_id": rec.id, "raw_origin": rec.origin, "raw_kind": rec.kind, "raw_url": rec.url,
            "raw_published": rec.published, "raw_outlet": rec.outlet, "raw_title": rec.title, "raw_data": rec.raw,
            "raw_body": None if rec.raw else rec.body, **_id_columns(rec.caller_id)}


def result_row(rank: int, rec_no: int, rec: RawDoc | Quarantined, status: str, article: Article | None = None,
               error: str | None = None) -> dict[str, Any]:
    """One row of ``SCHEMA``."""
    row: dict[str, Any] = {"rank": rank, "rec": rec_no, "status": status, "error": error, **raw_columns(rec)}
    if article is not None:
        row.update(article_to_dict(article))
    return row


def to_table(rows: list[dict[str, Any]]) -> pa.Table:
    return pa.Table.from_pylist(rows, schema=SCHEMA)


def raw_from_row(row: dict[str, Any]) -> RawDoc | Quarantined:
    """The input record a row came from (as the store keeps it)."""
    if row["status"] == QUARANTINED:
        return Quarantined(row["raw_origin"], row["error"] or "", raw=row["raw_data"] or b"", caller_id=caller_id_of(row))
    return RawDoc(body=row["raw_body"] or "", kind=row["raw_kind"] or "text", origin=row["raw_origin"],
                  raw=row["raw_data"] or b"", url=row["raw_url"], published=row["raw_published"],
                  outlet=row["raw_outlet"], title=row["raw_title"], caller_id=caller_id_of(row))


def article_from_row(row: dict[str, Any]) -> Article:
    """The article of an ``article`` row (its columns are the store's, which ``model.article_from_dict`` reads)."""
    article = article_from_dict(row)
    article.caller_id = caller_id_of(row)
    return article


def write_shard(table: pa.Table, directory: str | Path, n: int) -> Path:
    """Write ``table`` as ``part-NNNNN.parquet``, atomically (a reader never sees half a shard)."""
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    final = directory / f"part-{n:05d}.parquet"
    tmp = directory / f".{final.name}.tmp"
    pq.write_table(table, tmp, compression="zstd")
    with open(tmp, "rb") as f:
        os.fsync(f.fileno())
    os.replace(tmp, final)
    return final


def shard_paths(paths: Iterable[str | Path]) -> list[Path]:
    """Parquet shards under ``paths`` (files, or folders of ``*.parquet``), in name order."""
    out: list[Path] = []
    for p in map(Path, paths):
        out += sorted(q for q in p.glob("*.parquet") if not q.name.startswith(".")) if p.is_dir() else [p]
    return out


def read_rows(paths: Iterable[str | Path]) -> Iterator[dict[str, Any]]:
    """Every row of the shards, shard by shard."""
    for p in shard_paths(paths):
        yield from pq.read_table(p, schema=SCHEMA).to_pylist()


def import_parquet(store: Any, paths: Iterable[str | Path], regroup: bool = True) -> dict[str, int]:
    """Load result shards into ``store``; documents already stored are skipped, so it can be run again.
    ``regroup``: then give the new articles their stories and fused events, as ``api.ingest`` does.

    DuckDB reads each shard directly and leaves out, before any row reaches Python, the documents the
    store holds already; the rest go in through ``Store.add`` (one transaction each, the same rows as a
    local ingest writes) and, for a shard's quarantined rows, one ``Store.quarantine_many``.
    """
    counts = {"added": 0, "unchanged": 0, "quarantined": 0}
    for shard in shard_paths(paths):
        total = store.con.execute("SELECT count(*) FROM read_parquet(?)", [str(shard)]).fetchone()[0]
        new = store.rows("SELECT * FROM read_parquet(?) WHERE status IN (?, ?) "
                         "OR (status = ? AND raw_id NOT IN (SELECT id FROM raw)) ORDER BY rank, rec",
                         [str(shard), QUARANTINED, FAILED, ARTICLE])
        counts["unchanged"] += total - len(new)
        # A shard's quarantine rows go in one statement (a WARC of broken records is thousands of them).
        set_aside = [quarantine_of(row) for row in new if row["status"] in (QUARANTINED, FAILED)]
        store.quarantine_many(set_aside)
        counts["quarantined"] += len(set_aside)
        for row in new:
            if row["status"] not in (QUARANTINED, FAILED):
                for key, value in add_row(store, row).items():
                    counts[key] += value
    if regroup:
        from ..api import regroup as run

        run(store)
    return counts


def add_row(store: Any, row: dict[str, Any], set_aside: list[Quarantined] | None = None) -> dict[str, int]:
    """Store one result row as ``pipeline.ingest`` would its record; returns the counts it adds to.

    An article the store refuses is quarantined in its place, as ``pipeline.ingest`` does (and added to
    ``set_aside``, where given): one document's failure never stops the rows after it."""
    if row["status"] == ARTICLE:
        raw = raw_from_row(row)
        try:
            added = store.add(raw, article_from_row(row))
        except Exception as e:  # noqa: BLE001 - quarantined with its reason, never fatal
            from ..pipeline import quarantined

            q = quarantined(raw, e)  # type: ignore[arg-type]
            store.quarantine(q)
            if set_aside is not None:
                set_aside.append(q)
            return {"quarantined": 1}
        return {"added": 1} if added else {"unchanged": 1}
    if row["status"] == UNCHANGED:
        return {"unchanged": 1}
    store.quarantine(quarantine_of(row))
    return {"quarantined": 1}


def quarantine_of(row: dict[str, Any]) -> Quarantined:
    """The quarantine record for a quarantined or failed row, worded as a local ingest words it."""
    if row["status"] == FAILED:
        return Quarantined(row["raw_origin"], f"internal error while processing: {row['error']}",
                           raw=row["raw_data"] or b"")
    return Quarantined(row["raw_origin"], row["error"] or "", raw=row["raw_data"] or b"", caller_id=caller_id_of(row))


def contract_of(row: dict[str, Any], article: Article | None) -> dict[str, Any]:
    """The batch-contract line of a row, as ``pipeline.annotate_batch`` words it."""
    if row["status"] == ARTICLE and article is not None:
        return article.to_contract()
    if row["status"] == FAILED:
        return {"id": _or(caller_id_of(row), row["raw_id"]), "error": f"internal error: {row['error']}"}
    # A document the annotator refused (``InputError``) is named by its id, as ``pipeline.failure`` names it;
    # an input the reader refused has only its origin.
    return {"id": _or(caller_id_of(row), row["raw_id"] if row.get("raw_kind") else row["raw_origin"]),
            "error": row["error"]}


def _or(caller_id: Any, fallback: str) -> Any:
    """The caller's id where there is one (``0``, ``false`` and ``""`` are ids too), else ``fallback``."""
    return caller_id if caller_id is not None else fallback
