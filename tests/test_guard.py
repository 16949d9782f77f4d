"""Every document guarded from reading to its store or output write: one that raises anywhere is quarantined
(ingest) or given an error line (annotate) with a clear reason, and the batch goes on."""
from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from eventscope.errors import EmptyInput
from eventscope.model import RawDoc
from eventscope.options import Options

SIGNING = "Chile and Peru signed a fishing agreement in Lima on Monday, the two foreign ministers said."
PROTEST = "Thousands of farmers protested in Paris on Friday against cheaper imports, police said."
BLANK = "This page had no article on it."


def doc(text: str, caller_id: str | None = None) -> RawDoc:
    return RawDoc(body=text, kind="text", origin=f"mem:{text[:12]}", raw=text.encode(), caller_id=caller_id)


@pytest.fixture
def refusing_store(monkeypatch: pytest.MonkeyPatch) -> None:
    """A store whose write of the protest report fails as DuckDB fails on a string it cannot hold."""
    import duckdb

    from eventscope.store import Store

    real = Store.add

    def add(self, raw, article):  # type: ignore[no-untyped-def]
        if "farmers" in article.text:
            raise duckdb.InvalidInputException("Python Conversion Failure: cannot encode str as UTF-8")
        return real(self, raw, article)

    monkeypatch.setattr(Store, "add", add)


@pytest.fixture
def blank_is_empty(monkeypatch: pytest.MonkeyPatch) -> None:
    """Cleaning says "no text" of the blank page, as ``clean`` does of an article with no text."""
    from eventscope import pipeline

    real = pipeline.clean

    def clean(raw, options):  # type: ignore[no-untyped-def]
        if raw.body == BLANK:
            raise EmptyInput("no article text found", raw.origin)
        return real(raw, options)

    monkeypatch.setattr(pipeline, "clean", clean)


def test_a_document_the_store_refuses_is_quarantined_and_the_ingest_goes_on(tmp_path: Path,
                                                                           refusing_store: None) -> None:
    from eventscope import open_store
    from eventscope.pipeline import ingest

    with open_store(tmp_path / "s.duckdb") as s:
        report = ingest([doc(PROTEST), doc(SIGNING)], s)
        assert (report.added, len(report.quarantined)) == (1, 1)
        [q] = s.rows("SELECT origin, reason, data FROM quarantine")
        [a] = s.rows("SELECT text FROM articles")
    assert q["origin"] == "mem:Thousands of" and "internal error while processing: InvalidInputException" in q["reason"]
    assert "signed" in a["text"]


def test_a_document_the_store_refuses_is_quarantined_by_the_chunked_ingest_too(tmp_path: Path,
                                                                              refusing_store: None) -> None:
    from eventscope import open_store
    from eventscope.engines import ingest_chunked

    report = ingest_chunked([doc(PROTEST), doc(SIGNING)], tmp_path / "c.duckdb", chunk_seconds=0.0)
    assert (report.added, len(report.quarantined)) == (1, 1)
    with open_store(tmp_path / "c.duckdb", read_only=True) as s:
        assert s.count("articles") == 1 and s.count("quarantine") == 1 and s.count("stories") == 1


def test_an_input_error_in_a_stage_is_quarantined_in_its_own_words(tmp_path: Path, blank_is_empty: None) -> None:
    from eventscope import open_store
    from eventscope.pipeline import annotate_batch, ingest

    with open_store(tmp_path / "e.duckdb") as s:
        report = ingest([doc(BLANK), doc(SIGNING)], s)
        assert report.added == 1
        assert [r["reason"] for r in s.rows("SELECT reason FROM quarantine")] == ["no article text found"]
    out = list(annotate_batch([doc(BLANK, "blank"), doc(SIGNING, "ok")], Options(workers=1)))
    assert out[0] == {"id": "blank", "error": "no article text found"} and "error" not in out[1]


def test_an_input_error_comes_back_the_same_from_the_resumable_engine(tmp_path: Path, blank_is_empty: None) -> None:
    from eventscope.engines.resume import annotate_to_file

    src = tmp_path / "in.jsonl"
    src.write_text("".join(json.dumps({"id": i, "text": t}) + "\n" for i, t in (("blank", BLANK), ("ok", SIGNING))))
    annotate_to_file(src, tmp_path / "out.jsonl", Options(workers=1))
    lines = [json.loads(line) for line in (tmp_path / "out.jsonl").read_text().splitlines()]
    assert lines[0] == {"id": "blank", "error": "no article text found"} and "error" not in lines[1]


def test_an_output_line_the_file_cannot_take_becomes_that_documents_error_line(tmp_path: Path,
                                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    from eventscope.engines.resume import annotate_to_file
    from eventscope.model import Article

    real = Article.to_contract

    def to_contract(self):  # type: ignore[no-untyped-def]
        out = real(self)
        if "farmers" in out["text"]:
            out["text"] += "\udcff"  # a lone surrogate: UTF-8 cannot encode it
        return out

    monkeypatch.setattr(Article, "to_contract", to_contract)
    src = tmp_path / "in.jsonl"
    src.write_text("".join(json.dumps({"id": i, "text": t}) + "\n" for i, t in (("p", PROTEST), ("s", SIGNING))))
    out = tmp_path / "out.jsonl"
    assert annotate_to_file(src, out, Options(workers=1)) == (2, 1)
    first, second = (json.loads(line) for line in out.read_text(encoding="utf-8").splitlines())
    assert first["id"] == "p" and first["error"].startswith("internal error: its output line cannot be written")
    assert second["id"] == "s" and "signed" in second["text"]
    assert not out.with_name("out.jsonl.partial").exists()


def test_the_cli_writer_goes_on_past_a_line_it_cannot_write(tmp_path: Path) -> None:
    from eventscope.cli import _write_lines

    out = tmp_path / "o.jsonl"
    _write_lines([{"id": "bad", "text": "x\udcff"}, {"id": "good", "text": "fine"}], str(out))
    bad, good = (json.loads(line) for line in out.read_text(encoding="utf-8").splitlines())
    assert bad["id"] == "bad" and "cannot be written" in bad["error"] and good == {"id": "good", "text": "fine"}
    ascii_only = io.TextIOWrapper(io.BytesIO(), encoding="ascii")
    from eventscope.pipeline import write_line

    assert write_line(ascii_only, {"id": "č", "text": "Vučić"}) is False  # an output that cannot take it
    assert write_line(ascii_only, {"id": "a", "text": "plain"}) is True


def test_a_row_the_store_refuses_is_quarantined_when_shards_are_imported(tmp_path: Path,
                                                                        refusing_store: None) -> None:
    from eventscope import open_store
    from eventscope.engines.parquet_io import ARTICLE, import_parquet, result_row, to_table, write_shard
    from eventscope.model import Article

    rows = []
    for n, text in enumerate((PROTEST, SIGNING)):
        raw = doc(text)
        rows.append(result_row(0, n, raw, ARTICLE, Article(id=raw.id, text=text, origin=raw.origin)))
    write_shard(to_table(rows), tmp_path / "shards", 0)
    with open_store(tmp_path / "p.duckdb") as s:
        counts = import_parquet(s, [tmp_path / "shards"], regroup=False)
        assert counts == {"added": 1, "unchanged": 0, "quarantined": 1}
        [q] = s.rows("SELECT origin, reason FROM quarantine")
    assert q["origin"] == "mem:Thousands of" and q["reason"].startswith("internal error while processing")
