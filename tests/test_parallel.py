"""The worker pool: order kept, same results as in-process, a dying worker costs one document."""
from __future__ import annotations

import pytest

from eventscope.errors import EventscopeError
from eventscope.model import Article, Quarantined, RawDoc
from eventscope.options import Options
from eventscope.parallel import WorkerPool, worker_count
from eventscope.pipeline import Annotator, annotate_batch

from ._dying_worker import MARK
from .conftest import PARAS, article_html


def _docs(n: int) -> list[RawDoc]:
    texts = [f"{PARAS[i % 3]}\n{PARAS[(i + 1) % 3]}" if i % 2 else article_html(f"Report {i}", PARAS[i % 3:])
             for i in range(n)]
    return [RawDoc(body=t, kind="text" if i % 2 else "html", origin=f"doc{i}", caller_id=f"doc{i}")
            for i, t in enumerate(texts)]


def test_worker_count_zero_means_one_per_core_and_a_number_is_kept() -> None:
    assert worker_count(Options(workers=3)) == 3
    assert worker_count(Options(workers=0)) >= 1


def test_parallel_batch_gives_the_in_process_output_in_input_order() -> None:
    docs = _docs(5)
    records: list[RawDoc | Quarantined] = [*docs[:2], Quarantined("bad:3", "bad JSON", caller_id="bad"), *docs[2:]]
    serial = list(annotate_batch(records, Options(workers=1)))
    parallel = list(annotate_batch(records, Options(workers=2, batch_size=2, parallel_min_docs=2)))
    assert [r["id"] for r in parallel] == ["doc0", "doc1", "bad", "doc2", "doc3", "doc4"]
    assert parallel == serial
    assert parallel[2]["error"] == "bad JSON"
    assert all(r["text"] for r in parallel if r["id"] != "bad")


def test_a_worker_dying_on_one_document_costs_only_that_document() -> None:
    docs = _docs(7)
    docs[2] = RawDoc(body=f"{PARAS[0]} {MARK}", kind="text", origin="doc2", caller_id="doc2")
    with WorkerPool(Options(batch_size=3), workers=2, entry="tests._dying_worker:serve") as pool:
        out = list(pool.map(docs))
        crashes = pool.crashes
    assert [o.caller_id if isinstance(o, Article) else o["id"] for o in out] == [d.caller_id for d in docs]
    assert [isinstance(o, Article) for o in out] == [True, True, False, True, True, True, True]
    assert "worker process died" in out[2]["error"]  # type: ignore[index]
    assert crashes == 2  # once in the chunk, once when the document was tried alone


def test_a_worker_that_cannot_start_is_an_error_not_a_hang() -> None:
    pool = WorkerPool(Options(), workers=1, entry="tests._dying_worker:die_at_start")
    with pytest.raises(EventscopeError, match="could not start"), pool:
        list(pool.map(_docs(1)))


def test_an_exception_on_one_document_gives_its_error_line_and_the_batch_goes_on(monkeypatch) -> None:
    from eventscope import pipeline

    real = pipeline.clean

    def clean(raw, options):  # type: ignore[no-untyped-def]
        if raw.caller_id == "doc1":
            raise RuntimeError("boom")
        return real(raw, options)

    monkeypatch.setattr(pipeline, "clean", clean)
    out = list(Annotator(Options(batch_size=4)).pipe(_docs(3)))
    assert isinstance(out[0], Article) and isinstance(out[2], Article)
    assert out[1] == {"id": "doc1", "error": "internal error: RuntimeError: boom"}
