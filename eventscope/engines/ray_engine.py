"""The Ray engine: ``annotate`` and ``ingest`` over many cores or machines, with ``ray.data``.

    files --read (a task per file)--> records --annotate (actor pool)--> result rows --driver-->
        Parquet shards (optional) + store (ingest) or story grouping and contract lines (annotate)

Each file is read by one task with the same readers as the local engine (``shards.read_shard``), so
the records and their origins are the same; records travel pickled. Annotation runs in a pool of
actors, each building its ``Annotator`` (spaCy model, dictionaries) once. The driver streams result
rows back, writes them as Parquet shards (``parquet_io.SCHEMA``) where asked, and does what needs the
whole batch or the database: story labels (``pipeline.group``, over the articles in input order), or
store writes in short lock windows followed by stories and fused events (``chunked.ChunkWriter``). Results flow through the driver rather
than being written by the workers so that no shared file system is needed.

Output equals the local engine's: per-document annotation is pure, and the corpus-level step runs
once, in the driver, over the same articles.
"""
from __future__ import annotations

import logging
import os
import pickle
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from ..errors import EventscopeError
from ..model import Quarantined, RawDoc
from ..options import Options
from ..pipeline import Annotator, IngestReport, group
from .chunked import ChunkWriter
from .parquet_io import ARTICLE, SCHEMA, article_from_row, contract_of, shard_paths, to_table, write_shard
from .shards import Mode, list_files, read_shard
from .work import result_rows

RECORDS = pa.schema([("rank", pa.int64()), ("rec", pa.int64()), ("payload", pa.binary())])
MANIFEST = "_input.json"  # in a Parquet folder: the input its shards answer, for --resume to check


def read_files(batch: pa.Table, options: Options, mode: Mode, cwd: str, done: list[Any]) -> pa.Table:
    """Ray task body: a batch of ``{rank, path}`` rows in, their files' records out (pickled), less
    those answered by an earlier run (``done``: a reference to a set of (rank, record number))."""
    import ray

    skip: set[tuple[int, int]] = ray.get(done[0]) if done else set()
    rows = []
    for rank, path in zip(batch["rank"].to_pylist(), batch["path"].to_pylist()):
        for n, rec in enumerate(read_shard(path, options, mode, cwd)):
            if (rank, n) not in skip:
                rows.append({"rank": rank, "rec": n, "payload": pickle.dumps(rec, protocol=5)})
    return pa.Table.from_pylist(rows, schema=RECORDS)


class AnnotateBatch:
    """Ray actor body: the annotator is built, and its model loaded, once per worker."""

    def __init__(self, options: Options, skip: list[Any]):
        import ray

        self.annotator = Annotator(options)
        _ = self.annotator.nlp  # load now, not inside the first batch
        self.skip: set[str] = ray.get(skip[0]) if skip else set()  # wrapped: Ray would resolve a bare ref

    def __call__(self, batch: pa.Table) -> pa.Table:
        records = ((rank, n, pickle.loads(payload)) for rank, n, payload in
                   zip(batch["rank"].to_pylist(), batch["rec"].to_pylist(), batch["payload"].to_pylist()))
        # One Annotator.pipe per batch: the parse is batched, as in a local worker process.
        return to_table(list(result_rows(records, self.annotator.pipe, self.skip)))


def connect(address: str | None = None, num_cpus: int | None = None) -> bool:
    """Join the Ray cluster at ``address`` ("auto", "ray://head:10001"), or start a local instance.

    True where this call started Ray (and the caller should shut it down)."""
    import ray

    if ray.is_initialized():
        return False
    ray.init(address=address, num_cpus=num_cpus if address is None else None, include_dashboard=False,
             logging_level=logging.WARNING, log_to_driver=True)
    ctx = ray.data.DataContext.get_current()
    ctx.enable_progress_bars = sys.stderr.isatty()
    logging.getLogger("ray.data").setLevel(logging.WARNING)  # its per-run INFO lines drown our own output
    return True


def results(inputs: list[str] | list[RawDoc | Quarantined], options: Options, mode: Mode,
            skip: set[str] | None = None, workers: int | None = None,
            done: set[tuple[int, int]] | None = None) -> Iterator[pa.Table]:
    """Result rows (``parquet_io.SCHEMA``) in batches, in no particular order.

    ``inputs``: file paths (read by workers) or records already read (by the driver, e.g. standard input).
    ``skip``: ids of documents not to annotate (stored already); ``done``: (rank, record number) of
    records not to answer at all (answered by an earlier run).
    """
    import ray

    ds: Any  # ray.data.Dataset
    if inputs and isinstance(inputs[0], str):
        files = [{"rank": i, "path": p} for i, p in enumerate(inputs)]
        ds = ray.data.from_items(files, override_num_blocks=max(1, len(files)))
        kwargs = {"options": options, "mode": mode, "cwd": os.getcwd(), "done": [ray.put(done)] if done else []}
        ds = ds.map_batches(read_files, fn_kwargs=kwargs, batch_size=1, batch_format="pyarrow")
    else:
        items = [{"rank": 0, "rec": n, "payload": pickle.dumps(r, protocol=5)} for n, r in enumerate(inputs)]
        if not items:
            return
        ds = ray.data.from_arrow(pa.Table.from_pylist(items, schema=RECORDS))
    size = max(1, options.batch_size)  # documents per Annotator.pipe call, as in a local worker
    ds = ds.repartition(target_num_rows_per_block=size)
    n = workers or max(1, int(ray.cluster_resources().get("CPU", 1)))
    skip_ref = [ray.put(skip)] if skip else []
    ds = ds.map_batches(AnnotateBatch, fn_constructor_args=(options, skip_ref), batch_size=size,
                        batch_format="pyarrow", num_cpus=1,
                        compute=ray.data.ActorPoolStrategy(min_size=1, max_size=n))
    yield from ds.iter_batches(batch_format="pyarrow", batch_size=None)


def annotate_ray(input_path: str, options: Options | None = None, address: str | None = None,
                 parquet_dir: str | Path | None = None, workers: int | None = None,
                 resume: bool = False) -> Iterator[dict[str, Any]]:
    """The batch contract on Ray: one output dict per input record, in input order (as ``annotate_batch``).

    ``input_path``: a JSONL batch (or ``-``, standard input), a Parquet file of contract input rows, a
    WARC, or a folder of such shards. ``parquet_dir``: also keep the result rows there as Parquet,
    shard by shard as they come; with ``resume``, a run that stopped is continued from the shards it
    left there (the records they answer are not annotated again).
    """
    options = options or Options()
    if resume and (parquet_dir is None or input_path == "-"):
        raise EventscopeError("resuming on Ray needs the Parquet folder of the run and an input file")
    rows: list[dict[str, Any]] = []
    inputs: list[Any]
    if input_path == "-":
        from ..read import read_jsonl

        lines = [line.rstrip("\r") for line in sys.stdin.read().split("\n")]
        inputs = list(read_jsonl(lines, "-", options, base=Path.cwd()))
    else:
        inputs = list_files([input_path])
    first = 0
    if parquet_dir is not None:
        rows, first = _prepare(Path(parquet_dir), inputs if input_path != "-" else [], resume)
    started = connect(address)
    try:
        done = {(r["rank"], r["rec"]) for r in rows}
        for n, table in enumerate(results(inputs, options, "annotate", workers=workers, done=done), first):
            if parquet_dir is not None:
                write_shard(table, parquet_dir, n)
            rows += table.drop_columns(["raw_data", "raw_body"]).to_pylist()
    finally:
        if started:
            _shutdown()
    rows.sort(key=lambda r: (r["rank"], r["rec"]))
    articles = [article_from_row(r) if r["status"] == ARTICLE else None for r in rows]
    group([a for a in articles if a is not None], options)
    for row, article in zip(rows, articles):
        yield contract_of(row, article)


def ingest_ray(paths: list[str], db_path: str | Path, options: Options | None = None, address: str | None = None,
               parquet_dir: str | Path | None = None, workers: int | None = None,
               chunk_seconds: float = 1.0, regroup: bool = True) -> IngestReport:
    """``eventscope ingest`` on Ray: same rows and counts as the local engine (``regroup``: stories and
    fused events too, as ``api.ingest`` ends).

    Documents stored before the run are not annotated again (their ids go to the workers), so a killed
    run, run again, continues where it stopped. The store is written in short windows
    (``chunked.ChunkWriter``), so a server on the same file keeps answering.
    """
    options = options or Options()
    _check_empty(parquet_dir)
    writer = ChunkWriter(db_path, chunk_seconds=chunk_seconds)
    stored = writer.stored_ids()
    started = connect(address)
    try:
        for n, table in enumerate(results(list_files(paths), options, "ingest", skip=stored, workers=workers)):
            if parquet_dir is not None:
                write_shard(table, parquet_dir, n)
            for row in sorted(table.to_pylist(), key=lambda r: (r["rank"], r["rec"])):
                writer.add(row)
    finally:
        if started:
            _shutdown()
    return writer.finish(regroup)


def _prepare(folder: Path, files: list[str], resume: bool) -> tuple[list[dict[str, Any]], int]:
    """A Parquet folder for a run: the rows already there (resuming) and the next shard's number."""
    import json

    manifest = {"files": [(f, *_stamp(f)) for f in files]}
    if not resume:
        _check_empty(folder)
        folder.mkdir(parents=True, exist_ok=True)
        (folder / MANIFEST).write_text(json.dumps(manifest))
        return [], 0
    try:
        before = json.loads((folder / MANIFEST).read_text())
    except (OSError, ValueError):
        before = None
    if before != json.loads(json.dumps(manifest)):
        raise EventscopeError("holds no run of this input (files, sizes or times differ); run without resume",
                              str(folder))
    shards = shard_paths([folder])
    rows = [r for s in shards for r in pq.read_table(s, schema=SCHEMA).drop_columns(["raw_data", "raw_body"])
            .to_pylist()]
    return rows, max((int(s.stem.split("-")[-1]) + 1 for s in shards), default=0)


def _stamp(path: str) -> tuple[int, int]:
    try:
        st = os.stat(path)
    except OSError:
        return -1, -1
    return st.st_size, st.st_mtime_ns


def _check_empty(parquet_dir: str | Path | None) -> None:
    """Refuse a folder holding shards of another run: mixing them would mix two batches."""
    if parquet_dir is not None and Path(parquet_dir).is_dir() and shard_paths([parquet_dir]):
        raise EventscopeError("already holds Parquet shards of a run; give an empty or new folder", str(parquet_dir))


def _shutdown() -> None:
    import ray

    ray.shutdown()

