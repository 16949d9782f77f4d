"""Ingest jobs of the server: ``POST /api/ingest`` starts one, ``GET /api/ingest/{id}`` says how it went.

A job runs in a background thread, one job at a time (two ingests would only take turns at the file), as
``eventscope ingest`` runs: annotation with the database closed, finished documents written in short windows
(``engines/chunked.py``), then stories and fused events regrouped. Its windows go through the server's own
readers-writer lock (``Database.write``), since DuckDB refuses a read-write and a read-only connection to one
file inside one process; between windows the server's reads answer as usual.
"""
from __future__ import annotations

import threading
import time
import uuid
from collections import OrderedDict
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import ExitStack, contextmanager
from typing import Any

from ..store import Store
from .db import Database, DatabaseBusy

KEEP = 200  # finished jobs remembered (oldest forgotten first): a client polls soon after it posts
OPEN_TIMEOUT = 60.0  # seconds a window waits while another process (a CLI ingest) holds the file


class IngestJobs:
    """The server's ingest jobs, run one after another in one background thread."""

    def __init__(self, database: Database):
        self.database = database
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="eventscope-ingest")
        self._jobs: OrderedDict[str, dict[str, Any]] = OrderedDict()
        self._lock = threading.Lock()

    def submit(self, lines: list[str]) -> dict[str, Any]:
        """Queue an ingest of batch-contract lines; its job record (state "queued")."""
        job = {"id": uuid.uuid4().hex, "state": "queued", "documents": len(lines), "report": None, "error": None}
        with self._lock:
            self._jobs[job["id"]] = job
            while len(self._jobs) > KEEP:
                oldest = next(iter(self._jobs))
                if self._jobs[oldest]["state"] in ("queued", "running"):
                    break  # never forget a job still to report
                del self._jobs[oldest]
            out = dict(job)
        self._pool.submit(self._run, job["id"], lines)
        return out

    def get(self, job_id: str) -> dict[str, Any] | None:
        with self._lock:
            job = self._jobs.get(job_id)
            return dict(job) if job else None

    def _set(self, job_id: str, **values: Any) -> None:
        with self._lock:
            self._jobs[job_id].update(values)

    def _run(self, job_id: str, lines: list[str]) -> None:
        from ..engines.chunked import ingest_chunked
        from ..options import Options
        from ..read.jsonl import read_jsonl

        self._set(job_id, state="running")
        options = Options()
        try:
            report = ingest_chunked(read_jsonl(lines, "api", options, base=None), self.database.path, options,
                                    opener=self._open)
        except Exception as e:  # noqa: BLE001 - the job reports it; the server goes on
            self._set(job_id, state="failed", error=f"{type(e).__name__}: {e}")
            return
        out: dict[str, Any] = report.as_dict()
        out["errors"] = [{"origin": q.origin, "reason": q.reason} for q in report.quarantined]
        self._set(job_id, state="done", report=out)

    @contextmanager
    def _open(self, read_only: bool) -> Iterator[Store]:
        """One window's store, through the server's lock; waits while another process holds the file."""
        deadline = time.monotonic() + OPEN_TIMEOUT
        with ExitStack() as held:
            while True:
                try:
                    store = held.enter_context(self.database.read() if read_only else self.database.write())
                    break
                except DatabaseBusy:  # Database.write waited its second already
                    if time.monotonic() >= deadline:
                        raise
            yield store
