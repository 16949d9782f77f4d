"""An ``annotate -o OUT`` batch that a kill does not lose: run again with ``--resume``, it goes on.

Story labels depend on the whole batch, so no output line is final before the last document is
annotated. What is kept as the batch goes is therefore each record's annotation, before grouping, in
``OUT.partial``:

    {"eventscope_partial": 1, "input": ..., "size": ..., "sha256": ...}   the batch it belongs to
    {"n": 0, "status": "article", "raw_id": ..., "text": ..., ...}        one line per input record,
    {"n": 1, "status": "quarantined", "error": "bad JSON ...", ...}       in input order

(a line is the record's result row, ``parquet_io.SCHEMA``, less the raw bytes).

A line is written and flushed to the operating system as soon as its record is done (so it survives
the process being killed) and the file is fsynced at least every ``fsync_seconds`` (so a machine crash
loses at most that much). A *complete* line ends in a newline and parses; a resumed run keeps the
complete lines, cuts anything after them (a line torn by the kill), skips as many input records and
annotates the rest. When every record has its line, the stories are grouped over all of them, the
contract lines go to ``OUT.tmp``, which is fsynced and renamed to ``OUT`` (a reader never sees half an
output), and the partial file is removed.

Resuming checks that the input is the same file (size and SHA-256) and that each skipped record has
the id its line records, so a changed input is refused rather than silently mixed.
"""
from __future__ import annotations

import hashlib
import json
import os
import time
from collections.abc import Callable, Iterable, Iterator
from itertools import islice
from pathlib import Path
from typing import Any, TextIO

from ..errors import EventscopeError
from ..model import Quarantined, RawDoc
from ..options import Options
from ..pipeline import group, write_line
from ..read.files import open_regular
from .parquet_io import ARTICLE, article_from_row, contract_of
from .shards import read_shard
from .work import Annotate, local, result_rows

FORMAT = 1
_BYTES = ("raw_data", "raw_body")  # the input file holds them; the partial output need not


class ResumeError(EventscopeError):
    """A partial output that cannot be resumed (another input, or records that no longer match)."""


def annotate_to_file(input_path: str | Path, output: str | Path, options: Options | None = None,
                     resume: bool = False, annotate: Annotate | None = None, fsync_seconds: float = 1.0,
                     progress: Callable[[Iterable[Any]], Iterable[Any]] = lambda x: x) -> tuple[int, int]:
    """The batch contract from ``input_path`` (a file) to ``output``, resumable; returns (lines, lines without error).

    ``resume``: continue from ``OUTPUT.partial`` where there is one (without it, a fresh start).
    ``annotate``: documents in, results out in order; by default the local engine's (``work.local``:
    a process pool for big batches).
    """
    options = options or Options()
    input_path, output = Path(input_path), Path(output)
    partial = output.with_name(output.name + ".partial")
    header = _header(input_path)
    done: list[dict[str, Any]] = _load(partial, header) if resume and partial.exists() else []
    if not done:
        _write_fresh(partial, header)
    records: Iterator[RawDoc | Quarantined] = iter(read_shard(str(input_path), options, "annotate"))
    for n, (entry, rec) in enumerate(zip(done, islice(records, len(done)))):
        if entry["raw_id"] != rec.id:
            raise ResumeError(f"record {n} is not the one the partial output holds: the input changed; "
                              "run again without --resume", str(partial))
    numbered = ((0, n, rec) for n, rec in enumerate(progress(records), len(done)))
    with open(partial, "a", encoding="utf-8") as out:
        _append(out, done, result_rows(numbered, annotate or local(options)), fsync_seconds)
    return _finish(partial, output, done, options)


def _append(out: TextIO, done: list[dict[str, Any]], rows: Iterable[dict[str, Any]], fsync_seconds: float) -> None:
    """One partial line per result row, appended as the rows come."""
    synced = time.monotonic()
    for row in rows:
        entry = {"n": row["rec"], **{k: v for k, v in row.items() if k not in _BYTES}}
        out.write(json.dumps(entry) + "\n")  # ASCII: lone surrogates from undecodable input survive
        out.flush()  # in the OS's hands now: a killed process loses nothing written
        done.append(entry)
        if time.monotonic() - synced >= fsync_seconds:
            os.fsync(out.fileno())
            synced = time.monotonic()
    out.flush()
    os.fsync(out.fileno())


def _finish(partial: Path, output: Path, done: list[dict[str, Any]], options: Options) -> tuple[int, int]:
    """Group stories over the whole batch, write the output atomically, drop the partial file."""
    articles = [article_from_row(e) if e["status"] == ARTICLE else None for e in done]
    group([a for a in articles if a is not None], options)
    tmp = output.with_name(output.name + ".tmp")
    n_ok = 0
    with open(tmp, "w", encoding="utf-8") as out:
        for entry, article in zip(done, articles):
            n_ok += write_line(out, contract_of(entry, article))
        out.flush()
        os.fsync(out.fileno())
    os.replace(tmp, output)
    partial.unlink()
    _sync_folder(output.parent)
    return len(done), n_ok


def _header(input_path: Path) -> dict[str, Any]:
    h = hashlib.sha256()
    # A FIFO or a device named as the batch would hang this read, or never end it: regular files only.
    with open_regular(input_path, str(input_path)) as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return {"eventscope_partial": FORMAT, "input": str(input_path.resolve()), "size": input_path.stat().st_size,
            "sha256": h.hexdigest()}


def _write_fresh(partial: Path, header: dict[str, Any]) -> None:
    with open(partial, "w", encoding="utf-8") as out:
        out.write(json.dumps(header) + "\n")
        out.flush()
        os.fsync(out.fileno())


def _load(partial: Path, header: dict[str, Any]) -> list[dict[str, Any]]:
    """The complete lines of a partial output; anything after them (a torn line) is cut off the file."""
    data = partial.read_bytes()
    entries: list[dict[str, Any]] = []
    pos = 0
    first = True
    while True:
        end = data.find(b"\n", pos)
        if end < 0:
            break
        try:
            value = json.loads(data[pos:end])
        except ValueError:
            break
        if first:
            if not isinstance(value, dict) or {k: value.get(k) for k in header} != header:
                raise ResumeError("the partial output was written for another input (or another version of "
                                  "it); run again without --resume", str(partial))
            first = False
        elif not isinstance(value, dict) or value.get("n") != len(entries):
            break
        else:
            entries.append(value)
        pos = end + 1
    if first:  # not even the header survived: start afresh
        return []
    if pos < len(data):
        with open(partial, "r+b") as f:
            f.truncate(pos)
            os.fsync(f.fileno())
    return entries


def _sync_folder(folder: Path) -> None:
    """Make the rename itself durable (POSIX: the folder's entry must be synced too)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)

