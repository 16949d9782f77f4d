"""Input shards for both engines: the files to read, and the records in one file.

Both engines read through here, so that they see the same records with the same origins: the local
engine in one process (``read_shards``), the Ray engine one file per task (``read_shard``). Besides
everything ``eventscope.read`` reads (HTML, text, feeds, WARC, JSONL), a shard may be Parquet with the
batch contract's input columns (``id``, ``text`` | ``html`` | ``path``, ``url``, ``published``,
``outlet``), one document a row.

Two modes, as the two commands read differently:

- ``annotate``: a file is the batch contract's JSONL input, read as ``eventscope annotate`` reads it
  (origin the path as given, ``path`` fields inside ``Options.root``, by default the batch file's
  folder, relative ones against it), unless it is Parquet or a WARC archive (told by their first bytes);
- ``ingest``: files as ``eventscope ingest`` reads them (``read_paths``).
"""
from __future__ import annotations

import json
import os
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import date, datetime
from pathlib import Path
from typing import Any, Literal

from ..errors import InputError
from ..model import Quarantined, RawDoc
from ..options import Options
from ..read import read_batch, read_jsonl
from ..read import read_file as _read_file
from ..read.files import open_regular
from ..read.text import repaired

Mode = Literal["annotate", "ingest"]


def list_files(paths: Iterable[str | Path]) -> list[str]:
    """Every file under ``paths`` in the order ``read_paths`` visits them (folders walked in name order,
    hidden entries left out); a path that does not exist is kept, for the reader to quarantine."""
    out: list[str] = []
    for p in paths:
        path = Path(p)
        if path.is_dir():
            for root, dirs, files in os.walk(path):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                out += [str(Path(root) / name) for name in sorted(files) if not name.startswith(".")]
        else:
            out.append(str(path))
    return out


def read_shard(path: str, options: Options, mode: Mode = "ingest",
               cwd: str | None = None) -> Iterator[RawDoc | Quarantined]:
    """The records of one file. ``cwd``: the caller's working folder, against which relative paths are
    read (a Ray worker may run elsewhere); origins keep the path as given either way. A batch line's
    ``path`` is read inside ``options.root``, by default the folder of the file that names it."""
    with _working_folder(cwd):
        p = Path(path)
        if not p.exists() and not p.is_symlink():
            yield repaired(Quarantined(path, "no such file or folder"))
            return
        kind = _sniff(p)
        if kind == "parquet":
            yield from _read_parquet(p, options, p.parent)
        elif mode == "annotate" and kind != "warc":
            yield from read_batch(p, options, origin=path)
        else:
            yield from _read_file(p, options)


def read_shards(paths: Iterable[str | Path], options: Options | None = None,
                mode: Mode = "ingest") -> Iterator[RawDoc | Quarantined]:
    """Every record under ``paths``, in order: the local engine's reader."""
    options = options or Options()
    for path in list_files(paths):
        yield from read_shard(path, options, mode)


def _sniff(path: Path) -> str:
    """"parquet", "warc" or "" from a file's first bytes (names lie; gzipped WARCs are looked into)."""
    from ..read.decode import GZIP_MAGIC
    from ..read.warc import is_warc

    try:
        with open_regular(path, str(path)) as f:  # never open() a FIFO: it waits for a writer
            head = f.read(4096)
    except (OSError, InputError):
        return ""  # the reader says what is wrong with it
    if head[:4] == b"PAR1":
        return "parquet"
    if head[:2] == GZIP_MAGIC:
        import zlib

        try:
            head = zlib.decompressobj(wbits=31).decompress(head, 64)
        except zlib.error:
            return ""
    return "warc" if is_warc(head) else ""


def _read_parquet(path: Path, options: Options, base: Path) -> Iterator[RawDoc | Quarantined]:
    """Rows of the contract's input columns, read as JSONL lines would be (same checks, same errors)."""
    import pyarrow.parquet as pq

    try:
        pf = pq.ParquetFile(path)
    except Exception as e:  # noqa: BLE001 - not Parquet after all, or truncated: the whole file is one bad input
        yield repaired(Quarantined(str(path), f"unreadable Parquet file: {type(e).__name__}: {e}"))
        return

    def lines() -> Iterator[str]:
        for batch in pf.iter_batches(batch_size=1024):
            for row in batch.to_pylist():
                yield json.dumps({k: _jsonable(v) for k, v in row.items() if v is not None}, ensure_ascii=False)

    yield from read_jsonl(lines(), str(path), options, base=base)


def _jsonable(v: Any) -> Any:
    """Parquet values JSON has no type for: dates as ISO 8601, bytes as UTF-8 text."""
    if isinstance(v, (datetime, date)):
        return v.isoformat()
    if isinstance(v, bytes):
        return v.decode("utf-8", "replace")
    return v


@contextmanager
def _working_folder(cwd: str | None) -> Iterator[None]:
    """Run in ``cwd`` for the duration (reading tasks run one at a time in a worker process)."""
    if not cwd or os.path.abspath(cwd) == os.getcwd():
        yield
        return
    before = os.getcwd()
    os.chdir(cwd)
    try:
        yield
    finally:
        os.chdir(before)
