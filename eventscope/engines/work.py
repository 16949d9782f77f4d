"""The per-record work every engine does: annotate records and say what came of each, in input order.

Kept apart from the engines so that a Ray worker, the resumable batch and the chunked ingest decide
the same way what a record yields (an article, a quarantine, an internal error, or a skip), and word
it as ``pipeline.annotate_batch`` and ``pipeline.ingest`` do. The annotation itself is the local
engine's: ``pipeline.annotate_documents`` (a process pool where the batch is big enough) or one
``Annotator.pipe`` (a Ray worker, which is already one of many).
"""
from __future__ import annotations

from collections import deque
from collections.abc import Callable, Collection, Iterable, Iterator
from functools import partial
from typing import Any

from ..model import Article, Quarantined, RawDoc
from ..options import Options
from ..pipeline import annotate_documents
from .parquet_io import ARTICLE, FAILED, QUARANTINED, UNCHANGED, result_row

Result = Article | dict[str, Any]  # an article, or its error line ({"id", "error"})
Annotate = Callable[[Iterable[RawDoc]], Iterable[Result]]  # in order, one result per document
Numbered = tuple[int, int, RawDoc | Quarantined]  # (file rank, record number, record)
_INTERNAL = "internal error: "


def local(options: Options | None = None) -> Annotate:
    """The local engine's annotation: a process pool for big batches, this process for small ones."""
    return partial(annotate_documents, options=options or Options())


def outcome(result: Result) -> tuple[str, Article | None, str | None]:
    """``(status, article, error)`` of one annotation result: an internal error (a bug) fails the record, with
    ``error`` without the "internal error" prefix; an unusable input (``InputError``) quarantines it."""
    if isinstance(result, Article):
        return ARTICLE, result, None
    error = str(result.get("error", ""))
    if error.startswith(_INTERNAL):
        return FAILED, None, error.removeprefix(_INTERNAL)
    return QUARANTINED, None, error


def result_rows(records: Iterable[Numbered], annotate: Annotate, skip: Collection[str] = ()) -> Iterator[dict[str, Any]]:
    """One result row (``parquet_io.SCHEMA``) per record, in order, each as soon as it and those before it are done.

    Quarantined records are not annotated; nor are documents whose id is in ``skip`` (already stored).
    """
    queue: deque[list[Any]] = deque()  # [row or None, rank, number, record], in input order
    waiting: deque[list[Any]] = deque()  # the slots of documents handed to ``annotate``, in order

    def documents() -> Iterator[RawDoc]:
        for rank, n, rec in records:
            if isinstance(rec, Quarantined):
                queue.append([result_row(rank, n, rec, QUARANTINED, error=rec.reason), rank, n, rec])
            elif rec.id in skip:
                queue.append([result_row(rank, n, rec, UNCHANGED), rank, n, rec])
            else:
                slot = [None, rank, n, rec]
                queue.append(slot)
                waiting.append(slot)
                yield rec

    def ready() -> Iterator[dict[str, Any]]:
        while queue and queue[0][0] is not None:
            yield queue.popleft()[0]

    docs = documents()
    for result in annotate(docs):
        slot = waiting.popleft()
        status, article, error = outcome(result)
        slot[0] = result_row(slot[1], slot[2], slot[3], status, article, error)
        yield from ready()
    if next(docs, None) is not None or waiting:
        raise RuntimeError("the annotator did not answer every document")  # a bug: never write a short batch
    yield from ready()  # records after the last document
