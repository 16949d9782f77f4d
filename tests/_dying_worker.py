"""Worker entry points for tests/test_parallel.py: workers that die, as native crashes do.

Run in the child process by ``WorkerPool(entry=...)``; the parent side is the real pool. The
annotator inside is a light stand-in (no model to load), since what is under test is the pool.
"""
from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from typing import Any

from eventscope.model import Article, RawDoc

MARK = "KILL-THE-WORKER"


class _Light:
    """Answers an Article holding the raw text; a document holding ``MARK`` kills the process."""

    def __init__(self, options: Any) -> None:
        self.docs, self.seconds = 0, {}

    def warm_up(self) -> None:
        pass

    def pipe(self, raws: Iterable[RawDoc]) -> Iterator[Article]:
        for raw in raws:
            if MARK in raw.body:
                os._exit(70)  # no exception, no cleanup: what a segfault or an OOM kill looks like to the parent
            self.docs += 1
            yield Article(id=raw.id, text=raw.body, origin=raw.origin, caller_id=raw.caller_id)


def serve(fd: int) -> None:
    """The real worker loop around the light annotator."""
    from eventscope import pipeline
    from eventscope.parallel import serve as real_serve

    pipeline.Annotator = _Light  # type: ignore[misc, assignment]
    real_serve(fd)


def die_at_start(fd: int) -> None:
    """A worker that cannot even start (a model missing, say)."""
    os._exit(3)
