"""Short-lived store connections for the server, so that ``serve`` and ``ingest`` can share one file.

DuckDB lets one process write a file, and while it writes no other process may even read it (the
lock is exclusive); a process that holds a read-only connection in turn keeps writers out. So the
server opens a read-only connection per request and closes it at once: an ``eventscope ingest`` run
gets the file between requests, and requests made while it writes get a clear 503 (with
Retry-After) instead of hanging or failing obscurely. Inside the server, DuckDB refuses a read-only
and a read-write connection to one file at the same time, so reads share and the ingest endpoint's
write excludes them (a readers-writer lock).
"""
from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from ..errors import StoreError
from ..store import Store


class DatabaseBusy(Exception):
    """Another process holds the database file (an ingest is writing)."""


class _RWLock:
    """Many readers or one writer."""

    def __init__(self) -> None:
        self._cond = threading.Condition()
        self._readers = 0
        self._writing = False

    @contextmanager
    def read(self) -> Iterator[None]:
        with self._cond:
            while self._writing:
                self._cond.wait()
            self._readers += 1
        try:
            yield
        finally:
            with self._cond:
                self._readers -= 1
                self._cond.notify_all()

    @contextmanager
    def write(self) -> Iterator[None]:
        with self._cond:
            while self._writing or self._readers:
                self._cond.wait()
            self._writing = True
        try:
            yield
        finally:
            with self._cond:
                self._writing = False
                self._cond.notify_all()


class Database:
    """The server's handle on one DuckDB file; connections are opened per use."""

    def __init__(self, path: str | Path, wait: float = 1.0):
        self.path = str(path)
        self.wait = wait  # how long a request waits for another process's lock before answering 503
        self._lock = _RWLock()
        if not Path(self.path).exists():  # a new database: create it (schema) so that reads work
            Store(self.path).close()
        else:
            self._upgrade()

    def _upgrade(self) -> None:
        """Create tables a file written by an older version lacks (read-only connections cannot)."""
        try:
            Store(self.path).close()
        except StoreError:
            pass  # another process is writing; it creates the schema itself

    @contextmanager
    def read(self) -> Iterator[Store]:
        with self._lock.read():
            store = self._open(read_only=True)
            try:
                yield store
            finally:
                store.close()

    @contextmanager
    def write(self) -> Iterator[Store]:
        with self._lock.write():
            store = self._open(read_only=False)
            try:
                yield store
            finally:
                store.close()

    def _open(self, read_only: bool) -> Store:
        deadline = time.monotonic() + self.wait
        while True:
            try:
                return Store(self.path, read_only=read_only)
            except StoreError as e:
                if "lock" not in str(e).lower():
                    raise
                if time.monotonic() >= deadline:
                    raise DatabaseBusy(str(e)) from e
                time.sleep(0.1)
