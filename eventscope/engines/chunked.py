"""Ingest that holds the database only briefly, so that ``serve`` keeps answering while it runs.

DuckDB lets one process have a file while it writes: a server's read-only connection cannot open it
meanwhile (``web/db.py`` waits 1 s, polling every 0.1 s, then answers 503). Annotation is almost all
of an ingest's time and needs no database, so here it runs with the file closed; finished documents
are written in short windows:

    annotate ... annotate | open, write <= max_hold s, close | annotate ... | open, write, close | ...

Between two windows the file stays free at least ``min_gap`` s, so a waiting reader gets in. Each
document is still its own transaction (``Store.add``), so a killed ingest loses at most the finished
documents not yet written, and run again it skips what was stored.

The closing regrouping (stories and fused events, ``api.regroup``) is split the same way: it reads and
computes over a read-only connection, which the server's read-only connections may share, and its
writes (``assign_stories``, ``write_story``, ``drop_story``) are recorded and played back in windows. The
assignment is one write (one transaction), which marks the changed stories pending until their own write, so
a kill between windows leaves the next ingest what to finish (``regroup.refresh``).

Quarantine rows are queued as one write per run of them (``Store.quarantine_many``), up to
``Options.quarantine_batch``: a WARC of thousands of broken records costs a few statements, not thousands.
"""
from __future__ import annotations

import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path
from typing import Any

from ..errors import StoreError
from ..model import Quarantined
from ..options import Options
from ..pipeline import IngestReport
from ..store import Store
from .parquet_io import FAILED, QUARANTINED, UNCHANGED, add_row, quarantine_of
from .work import local, result_rows

Opener = Callable[[bool], AbstractContextManager[Store]]  # read_only -> a store held while the block runs


class ChunkWriter:
    """Result rows in, written to the store in short lock windows.

    ``opener`` (read_only) gives the store for one window; by default the file is opened and closed each time,
    waiting while another process holds it. The server passes its own (``web/jobs.py``), which also keeps its
    readers out of a window, as DuckDB wants inside one process.
    """

    def __init__(self, db_path: str | Path, chunk_seconds: float = 1.0, max_hold: float = 0.5,
                 min_gap: float = 0.3, open_timeout: float = 60.0, quarantine_batch: int = Options.quarantine_batch,
                 opener: Opener | None = None):
        self.db_path = str(db_path)
        self.chunk_seconds = chunk_seconds  # how long finished documents may wait before being written
        self.max_hold = max_hold  # longest a write window keeps the file (well under a reader's 1 s)
        self.min_gap = min_gap  # shortest time the file stays free between windows (readers poll at 0.1 s)
        self.open_timeout = open_timeout  # how long to wait for readers to let go before giving up
        self.quarantine_batch = max(1, quarantine_batch)  # quarantine rows written in one statement, at most
        self._opener = opener or self._open
        self.report = IngestReport()
        self.pending: deque[Callable[[Store], None]] = deque()  # writes waiting for a window, in order
        self.windows = 0
        self._last_write = time.monotonic()
        self._closed_at = 0.0
        self._batch: list[Quarantined] | None = None  # the quarantine rows of the last queued write, if unwritten

    def stored_ids(self) -> set[str]:
        """The ids already stored (one short window); creates the database where there is none."""
        with self._opener(False) as store:
            return {r[0] for r in store.con.execute("SELECT id FROM raw").fetchall()}

    def add(self, row: dict[str, Any]) -> None:
        """Queue one result row; writes when the oldest queued row has waited ``chunk_seconds``."""
        if row["status"] == UNCHANGED:
            self.report.unchanged += 1
            return
        if row["status"] in (QUARANTINED, FAILED):
            self._quarantine(quarantine_of(row))
        else:
            self._batch = None  # rows keep their order: a later quarantine row starts a new write
            self.pending.append(lambda store: self._store(store, row))
        if time.monotonic() - self._last_write >= self.chunk_seconds:
            self.flush(everything=False)

    def _quarantine(self, q: Quarantined) -> None:
        """Queue a quarantine row, with the rows before it where they are still waiting and not too many."""
        self.report.quarantined.append(q)
        if self._batch is not None and len(self._batch) < self.quarantine_batch:
            self._batch.append(q)
            return
        batch = self._batch = [q]

        def write(store: Store) -> None:
            if self._batch is batch:
                self._batch = None  # written now: no more rows may join it
            store.quarantine_many(batch)

        self.pending.append(write)

    def _store(self, store: Store, row: dict[str, Any]) -> None:
        """Write one article row (one the store refuses is quarantined in its place: ``add_row``)."""
        counts = add_row(store, row, self.report.quarantined)
        self.report.added += counts.get("added", 0)
        self.report.unchanged += counts.get("unchanged", 0)

    def flush(self, everything: bool = True) -> None:
        """Write queued rows: one window, or (``everything``) as many windows as they need."""
        while self.pending:
            wait = self.min_gap - (time.monotonic() - self._closed_at)
            if wait > 0:
                if not everything:
                    return  # the file was let go just now: annotate on rather than sleep
                time.sleep(wait)
            self._window()
            self._last_write = time.monotonic()
            if not everything:
                return

    def finish(self, regroup: bool = True) -> IngestReport:
        """Write what is queued; then (``regroup``) stories and fused events, as ``api.ingest`` ends.

        The assignment is computed over a read-only connection and written in one write; the stories it
        changed (and any an earlier, killed run left pending) are then fused and written story by story.
        """
        self.flush()
        if regroup:
            from .. import regroup as rg

            changed = self._deferred(rg.assign_new)
            self.flush()  # the new stories' members must be stored before their stories are fused
            self._deferred(lambda store: rg.refresh(store, changed))
            self.flush()
        return self.report

    def _deferred(self, job: Callable[[Any], Any]) -> Any:
        """Run ``job`` over a read-only connection; queue the writes it asks for (see ``_Recorder``)."""
        with self._opener(True) as ro:
            recorder = _Recorder(ro)
            result = job(recorder)
        self._batch = None
        self.pending.extend(recorder.writes)
        return result

    def _window(self) -> None:
        with self._opener(False) as store:
            start = time.monotonic()
            self.windows += 1
            while self.pending and time.monotonic() - start < self.max_hold:
                self.pending.popleft()(store)
        self._closed_at = time.monotonic()

    @contextmanager
    def _open(self, read_only: bool = False) -> Iterator[Store]:
        """The store, waiting while another process (a server's request) holds the file."""
        deadline = time.monotonic() + self.open_timeout
        while True:
            try:
                store = Store(self.db_path, read_only=read_only)
                break
            except StoreError as e:
                if "lock" not in str(e).lower() or time.monotonic() >= deadline:
                    raise
                time.sleep(0.05)
        try:
            yield store
        finally:
            store.close()


class _Recorder:
    """A read-only store whose story writes are recorded for later instead of made.

    ``regroup`` reads (``load_articles``, ...) through it as through the store; its writes come back
    as a list of calls to play against a writable store. A write method not listed here reaches the
    read-only connection and fails loudly, never silently.
    """

    WRITES = ("assign_stories", "write_story", "drop_story")

    def __init__(self, store: Store):
        self._store = store
        self.writes: list[Callable[[Store], None]] = []

    def __getattr__(self, name: str) -> Any:
        if name in self.WRITES:
            return lambda *args, **kwargs: self.writes.append(
                lambda store: getattr(store, name)(*args, **kwargs))
        return getattr(self._store, name)


def ingest_chunked(records: Iterable[Any], db_path: str | Path, options: Options | None = None,
                   chunk_seconds: float = 1.0, regroup: bool = True,
                   progress: Callable[[Iterable[Any]], Iterable[Any]] = lambda x: x,
                   opener: Opener | None = None) -> IngestReport:
    """``pipeline.ingest`` with the database open only while finished documents are written.

    Same result as ``pipeline.ingest`` followed (``regroup``) by ``api.regroup``, as ``api.ingest`` does:
    same rows, same counts. Documents stored before this run started are skipped without being annotated.
    ``opener``: how each window gets the store (see ``ChunkWriter``).
    """
    options = options or Options()
    writer = ChunkWriter(db_path, chunk_seconds=chunk_seconds, quarantine_batch=options.quarantine_batch,
                         opener=opener)
    stored = writer.stored_ids()
    numbered = ((0, n, rec) for n, rec in enumerate(progress(records)))
    for row in result_rows(numbered, local(options), stored):
        writer.add(row)
    return writer.finish(regroup)
