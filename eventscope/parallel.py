"""Annotation over worker processes: each loads the models once; documents keep their order.

The parent reads the records lazily and hands out chunks of ``options.batch_size`` documents, one
chunk at a time to each worker; a worker cleans its chunk, parses it in one ``nlp.pipe`` batch,
runs the stages and sends back one result per document (an ``Article`` or an error line).

A worker that dies (a crash in native code, a kill for memory) costs only the document it was on.
Which one that was is not known inside a batch, so the chunk's unfinished documents are handed out
again one at a time; a document that kills a worker on its own gets an error line, and a fresh
worker takes the dead one's place.

Each worker is a fresh interpreter (``python -c``, talking over a socket pair): it holds no
threads or locks of the parent (``fork`` under threads can deadlock), and unlike multiprocessing's
``spawn`` it never re-imports the caller's main script, so the Python API works from any script.
Starting one costs a second or two to load the model, which is why small batches are annotated in
the calling process.
"""
from __future__ import annotations

import os
import resource
import signal
import subprocess
import sys
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from multiprocessing import Pipe
from multiprocessing.connection import Connection, wait
from pathlib import Path
from typing import Any, Self

from .errors import EventscopeError
from .model import Article, RawDoc
from .options import Options

Result = Article | dict[str, Any]
Task = list[tuple[int, RawDoc]]


def worker_count(options: Options) -> int:
    """How many worker processes ``options.workers`` asks for (0: one per usable core)."""
    if options.workers > 0:
        return options.workers
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def peak_rss_mb() -> float:
    """This process's peak resident memory so far, in MiB (``ru_maxrss`` is KiB on Linux, bytes on macOS)."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if os.uname().sysname == "Darwin" else peak / 1024


def cpu_seconds() -> float:
    """CPU time (user and system) this process has used so far."""
    use = resource.getrusage(resource.RUSAGE_SELF)
    return use.ru_utime + use.ru_stime


def start_process(entry: str) -> tuple[subprocess.Popen[bytes], Connection]:
    """Start ``python -c "from module import function; function(fd)"`` and return it with our end
    of the socket pair whose other end is ``fd`` in the child."""
    module, function = entry.split(":")
    parent, child = Pipe()
    code = f"from {module} import {function}; {function}({child.fileno()})"
    # The child imports this very copy of eventscope, whatever the caller's sys.path was.
    root = str(Path(__file__).resolve().parent.parent)
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [root, os.environ.get("PYTHONPATH")]))}
    proc = subprocess.Popen([sys.executable, "-c", code], pass_fds=(child.fileno(),), stdin=subprocess.DEVNULL,
                            stdout=subprocess.DEVNULL, env=env)  # our stdout may carry the caller's JSONL
    child.close()  # the parent must hold only its own end, so that a dead child reads as EOF
    return proc, parent


def serve(fd: int) -> None:
    """A worker's loop (run in the child): read the options, build the annotator once, then
    annotate each chunk received until ``None``."""
    from .pipeline import Annotator

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle: it stops the pool
    conn = Connection(fd)
    options: Options = conn.recv()
    annotator = Annotator(options)
    annotator.warm_up()  # load the model and lexicons now, so that start-up is paid before the first chunk
    conn.send(("ready", os.getpid()))
    start = cpu_seconds()
    while True:
        try:
            task: Task | None = conn.recv()
        except EOFError:  # the parent went away
            return
        if task is None:
            conn.send(("stats", {"pid": os.getpid(), "docs": annotator.docs, "seconds": annotator.seconds,
                                 "peak_rss_mb": peak_rss_mb(), "cpu_seconds": cpu_seconds() - start}))
            return
        for (index, _), result in zip(task, annotator.pipe(rec for _, rec in task)):
            conn.send(("done", index, result))


@dataclass
class _Worker:
    process: Any
    conn: Connection
    ready: bool = False
    task: Task = field(default_factory=list)  # the chunk it holds, in order
    done: set[int] = field(default_factory=set)  # indices of that chunk already answered


class WorkerPool:
    """A pool of annotating processes. Use as a context manager; ``map`` keeps input order.

    ``stats`` (after the pool is closed) holds each worker's document count, time per stage and
    peak memory, for the benchmark.
    """

    def __init__(self, options: Options | None = None, workers: int | None = None,
                 entry: str = "eventscope.parallel:serve"):
        self.options = options or Options()
        self.entry = entry  # "module:function" run in each worker with its socket's descriptor
        self.size = workers if workers is not None else worker_count(self.options)
        self._workers: list[_Worker] = []
        self.stats: list[dict[str, Any]] = []
        self.crashes = 0

    def __enter__(self) -> Self:
        for _ in range(self.size):
            self._start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _start(self) -> None:
        proc, conn = start_process(self.entry)
        conn.send(self.options)
        self._workers.append(_Worker(proc, conn))

    def wait_ready(self) -> None:
        """Block until every worker has loaded its models (the benchmark times the work, not start-up)."""
        if not self._workers:
            self.__enter__()
        while not all(w.ready for w in self._workers):
            self._receive({}, deque())

    def map(self, records: Iterable[RawDoc]) -> Iterator[Result]:
        """One result per record, in order: the annotated ``Article`` or the document's error line."""
        if not self._workers:
            self.__enter__()
        source = enumerate(records)
        pending: deque[Task] = deque()
        results: dict[int, Result] = {}
        next_out = 0
        exhausted = False
        size = max(1, self.options.batch_size)
        while True:
            # Read ahead only a chunk per worker: the records may be a stream much larger than memory.
            while not exhausted and len(pending) < self.size:
                chunk: Task = []
                for item in source:
                    chunk.append(item)
                    if len(chunk) >= size:
                        break
                else:
                    exhausted = True
                if chunk:
                    pending.append(chunk)
            while pending and len(self._workers) < self.size:  # replace a worker that died
                self._start()
            for w in self._workers:
                if w.ready and not w.task and pending:
                    w.task, w.done = pending.popleft(), set()
                    w.conn.send(w.task)
            while next_out in results:
                yield results.pop(next_out)
                next_out += 1
            if exhausted and not pending and not any(w.task for w in self._workers):
                return
            self._receive(results, pending)

    def _receive(self, results: dict[int, Result], pending: deque[Task]) -> None:
        """Wait for messages from the workers; record results, replace dead workers."""
        by_conn = {w.conn: w for w in self._workers}
        for ready in wait(list(by_conn)):
            w = by_conn[ready]  # type: ignore[index]
            try:
                msg = w.conn.recv()
            except (EOFError, OSError):  # its end of the socket closed: the worker died
                self._lost(w, results, pending)
                continue
            if msg[0] == "ready":
                w.ready = True
            elif msg[0] == "done":
                _, index, result = msg
                results[index] = result
                w.done.add(index)
                if len(w.done) == len(w.task):
                    w.task, w.done = [], set()

    def _lost(self, w: _Worker, results: dict[int, Result], pending: deque[Task]) -> None:
        """A worker died: blame its document if it held only one, else retry its chunk one by one."""
        try:
            code = w.process.wait(timeout=30)
        except subprocess.TimeoutExpired:  # its socket closed but it lingers: make sure it is gone
            w.process.kill()
            code = w.process.wait()
        self._workers.remove(w)
        w.conn.close()
        if not w.ready:
            self.close()
            raise EventscopeError(f"an annotation worker could not start (exit code {code}); see the messages above")
        self.crashes += 1
        left = [(i, rec) for i, rec in w.task if i not in w.done]
        if len(w.task) == 1 and left:
            (index, rec), = left
            results[index] = {"id": rec.caller_id if rec.caller_id is not None else rec.id,
                              "error": f"internal error: the worker process died (exit code {code}) on this document"}
        else:
            pending.extendleft([item] for item in reversed(left))

    def close(self) -> None:
        """Stop the workers, collecting the figures of those that finished into ``stats``."""
        for w in self._workers:
            try:
                if w.ready and not w.task:
                    w.conn.send(None)
                    if w.conn.poll(30):
                        msg = w.conn.recv()
                        if msg[0] == "stats":
                            self.stats.append(msg[1])
                else:  # still starting, or stopped in the middle of a chunk: nothing to wait for
                    w.process.kill()
            except (EOFError, OSError):
                pass
        for w in self._workers:
            try:
                w.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                w.process.kill()
                w.process.wait()
            w.conn.close()
        self._workers = []


def annotate_parallel(records: Iterable[RawDoc], options: Options | None = None,
                      workers: int | None = None) -> Iterator[Result]:
    """Annotate ``records`` over a pool of processes; one result per record, in order."""
    with WorkerPool(options, workers) as pool:
        yield from pool.map(records)
