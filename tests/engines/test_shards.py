"""Input shards: both engines read the same records from JSONL, Parquet, WARC and every other input."""
from __future__ import annotations

import json
import os
from dataclasses import asdict
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from eventscope.engines import read_shards
from eventscope.engines.shards import read_shard
from eventscope.model import Quarantined, RawDoc
from eventscope.options import Options
from eventscope.read import read_jsonl, read_paths

from ..conftest import article_html, warc_bytes
from .conftest import batch_records


def test_read_shards_reads_what_read_paths_reads(corpus: Path) -> None:
    assert [asdict(r) for r in read_shards([corpus])] == [asdict(r) for r in read_paths([corpus])]


def test_a_parquet_shard_of_contract_rows_reads_like_the_same_jsonl(tmp_path: Path) -> None:
    recs = [{**r, "id": str(r["id"])} for r in batch_records()]
    table = pa.Table.from_pylist([{k: r.get(k) for k in ("id", "text", "html", "url", "published", "outlet")}
                                  for r in recs])
    pq.write_table(table, tmp_path / "batch.parquet")
    (tmp_path / "batch.jsonl").write_text("\n".join(json.dumps(r) for r in recs) + "\n")
    from_parquet = list(read_shards([tmp_path / "batch.parquet"], mode="annotate"))
    from_jsonl = list(read_shards([tmp_path / "batch.jsonl"], mode="annotate"))
    assert len(from_parquet) == len(recs)
    for a, b in zip(from_parquet, from_jsonl):
        assert (type(a), a.caller_id) == (type(b), b.caller_id)
        if isinstance(a, RawDoc):  # a quarantine id hashes the origin too, and the origins differ
            assert (a.id, a.body, a.kind, a.url, a.published, a.outlet) == (b.id, b.body, b.kind, b.url, b.published,
                                                                             b.outlet)
        else:
            assert a.reason == b.reason


def test_annotate_mode_reads_a_batch_whatever_its_name_as_the_cli_does(tmp_path: Path) -> None:
    lines = [json.dumps({"id": "a", "text": "Talks resumed in Geneva."}), "", "{broken"]
    (tmp_path / "batch.txt").write_text("\n".join(lines) + "\n")
    got = list(read_shards([tmp_path / "batch.txt"], mode="annotate"))
    want = list(read_jsonl(lines + [""], str(tmp_path / "batch.txt"), Options(), base=Path.cwd()))
    assert [asdict(r) for r in got] == [asdict(r) for r in want]
    assert isinstance(got[0], RawDoc) and isinstance(got[1], Quarantined) and got[1].caller_id == "3"


def test_a_warc_is_read_as_an_archive_in_either_mode(tmp_path: Path) -> None:
    (tmp_path / "crawl.bin").write_bytes(warc_bytes([("https://news.example.org/w", article_html("W"))]))
    for mode in ("annotate", "ingest"):
        docs = [r for r in read_shards([tmp_path / "crawl.bin"], mode=mode) if isinstance(r, RawDoc)]
        assert [d.url for d in docs] == ["https://news.example.org/w"], mode


def test_relative_paths_are_read_from_the_callers_folder(tmp_path: Path) -> None:
    (tmp_path / "page.html").write_text(article_html())
    (tmp_path / "in.jsonl").write_text(json.dumps({"id": "p", "path": "page.html"}) + "\n")
    elsewhere = os.getcwd()  # as a Ray worker, which runs in a folder of its own
    recs = list(read_shard("in.jsonl", Options(), "annotate", cwd=str(tmp_path)))
    assert os.getcwd() == elsewhere
    assert isinstance(recs[0], RawDoc) and recs[0].origin == "page.html" and recs[0].caller_id == "p"
