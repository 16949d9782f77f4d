"""The read layer never crashes, never hangs and never reads what it was not given (issue 22, part 1)."""
from __future__ import annotations

import io
import json
import os
import threading
import time
from pathlib import Path

import pytest

from eventscope import Options, read_paths
from eventscope.engines.shards import read_shard
from eventscope.model import Quarantined, RawDoc
from eventscope.read import read_jsonl

from ..conftest import article_html, warc_bytes


def finished(fn, seconds: float = 20.0) -> list:  # type: ignore[no-untyped-def]
    """What ``fn()`` returned, failing (not hanging the suite) where it has not returned in time."""
    out: list = []
    t = threading.Thread(target=lambda: out.append(fn()), daemon=True)
    t.start()
    t.join(seconds)
    assert out, f"still reading after {seconds} s"
    return out[0]


def encodable(rec: RawDoc | Quarantined) -> None:
    for value in vars(rec).values():
        for s in value if isinstance(value, list) else [value]:
            if isinstance(s, str):
                s.encode("utf-8")


# 1. Lone surrogates -------------------------------------------------------------------------------

def test_lone_surrogates_are_replaced_in_every_field_and_reported() -> None:
    line = ('{"id": "k\\udcff", "text": "Quiet harbour\\udcff town votes today.", "outlet": "x\\udcff", '
            '"url": "https://e.example.org/\\ud800", "title": "T\\udcff", "published": "2025-01-02\\udfff"}')
    [doc] = list(read_jsonl([line], "in.jsonl", Options()))
    assert isinstance(doc, RawDoc)
    encodable(doc)
    assert doc.body == "Quiet harbour\ufffd town votes today." and doc.outlet == "x\ufffd"
    assert doc.caller_id == "k\ufffd" and doc.title == "T\ufffd" and doc.url.endswith("\ufffd")
    assert doc.raw == doc.body.encode("utf-8") and len(doc.id) == 16
    fields = {w.split(":")[0] for w in doc.warnings}
    assert fields == {"id", "body", "outlet", "url", "title", "published"}, doc.warnings


def test_undecodable_bytes_in_a_jsonl_file_become_replacement_characters(tmp_path: Path) -> None:
    p = tmp_path / "in.jsonl"
    p.write_bytes(b'{"id": "b", "text": "Ferry caf\xe9 reopens", "outlet": "Gazette \xff"}\n')
    [doc] = list(read_paths([p], Options()))
    assert isinstance(doc, RawDoc) and doc.body == "Ferry caf\ufffd reopens" and doc.outlet == "Gazette \ufffd"
    assert any(w.startswith("body:") for w in doc.warnings)


def test_an_id_object_with_surrogates_keeps_its_shape() -> None:
    line = json.dumps({"id": {"k\udcff": ["v\udcff", 3]}, "text": "Plain words."})
    [doc] = list(read_jsonl([line], "in.jsonl", Options()))
    assert doc.caller_id == {"k\ufffd": ["v\ufffd", 3]}


# 2. File names that are not UTF-8 ---------------------------------------------------------------

def test_a_file_name_that_is_not_utf8_is_read_and_named_with_escapes(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    name = os.fsdecode(b"empty\xff.html")
    (folder / name).write_text(article_html())
    [doc] = list(read_paths([folder], Options()))
    assert isinstance(doc, RawDoc) and "Chile" in doc.body
    assert doc.origin == str(folder / "empty") + "\\xff.html"
    encodable(doc)


# 3. Special files -------------------------------------------------------------------------------

@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs are POSIX")
def test_a_fifo_in_a_folder_is_refused_without_waiting(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    os.mkfifo(folder / "pipe.html")
    (folder / "real.html").write_text(article_html())
    out = finished(lambda: list(read_paths([folder], Options())))
    assert [type(r).__name__ for r in out] == ["Quarantined", "RawDoc"]
    assert "FIFO" in out[0].reason


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs are POSIX")
def test_a_fifo_named_by_a_batch_line_is_an_error_line(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe.html")
    (tmp_path / "in.jsonl").write_text(json.dumps({"id": "f", "path": "pipe.html"}) + "\n")
    [q] = finished(lambda: list(read_shard(str(tmp_path / "in.jsonl"), Options(), "annotate")))
    assert isinstance(q, Quarantined) and "FIFO" in q.reason and q.caller_id == "f"


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="needs /dev/zero")
def test_a_symlink_to_a_device_is_refused(tmp_path: Path) -> None:
    (tmp_path / "zero.html").symlink_to("/dev/zero")
    [q] = finished(lambda: list(read_paths([tmp_path / "zero.html"], Options())))
    assert isinstance(q, Quarantined) and "device" in q.reason


@pytest.mark.skipif(not Path("/proc/self/maps").exists(), reason="needs /proc")
def test_a_file_that_says_it_is_empty_is_read_with_the_cap_all_the_same() -> None:
    assert os.stat("/proc/self/maps").st_size == 0
    [q] = list(read_paths(["/proc/self/maps"], Options(max_bytes=64)))
    assert isinstance(q, Quarantined) and "limit" in q.reason
    [doc] = list(read_paths(["/proc/self/maps"], Options()))
    assert isinstance(doc, RawDoc) and doc.body


# 4. The size cap is per record inside containers ------------------------------------------------

def test_a_jsonl_file_over_the_cap_is_read_line_by_line(tmp_path: Path) -> None:
    p = tmp_path / "big.jsonl"
    words = "The council met again to discuss the bridge. " * 10
    p.write_text("".join(json.dumps({"id": i, "text": words}) + "\n" for i in range(12)))
    options = Options(max_bytes=1000)
    assert p.stat().st_size > 5 * options.max_bytes
    out = list(read_paths([p], options))
    assert [r.caller_id for r in out if isinstance(r, RawDoc)] == list(range(12))


def test_a_line_over_the_line_cap_is_refused_and_the_next_line_read(tmp_path: Path) -> None:
    p = tmp_path / "in.jsonl"
    p.write_text(json.dumps({"id": "long", "text": "x " * 5000}) + "\n" + json.dumps({"id": "next", "text": "Short."}) + "\n")
    out = list(read_paths([p], Options(max_line_bytes=1000)))
    assert isinstance(out[0], Quarantined) and "max_line_bytes" in out[0].reason
    assert isinstance(out[1], RawDoc) and out[1].caller_id == "next"


@pytest.mark.parametrize("gz", [True, False])
def test_a_warc_over_the_cap_is_read_record_by_record(tmp_path: Path, gz: bool) -> None:
    p = tmp_path / ("crawl.warc.gz" if gz else "crawl.warc")
    pages = [(f"https://news.example.org/{i}", article_html(f"Page {i}")) for i in range(6)]
    p.write_bytes(warc_bytes(pages, gzip=gz))
    options = Options(max_bytes=len(article_html("Page 0")) + 200)
    assert p.stat().st_size > 3 * options.max_bytes
    out = list(read_paths([p], options))
    assert [r.url for r in out] == [u for u, _ in pages]


# 5. Batch paths stay inside the root ------------------------------------------------------------

def test_batch_paths_outside_the_root_are_never_read(tmp_path: Path) -> None:
    batch = tmp_path / "batch"
    batch.mkdir()
    (tmp_path / "secret.txt").write_text("The private note nobody named.")
    (batch / "page.html").write_text(article_html())
    (batch / "link.txt").symlink_to(tmp_path / "secret.txt")
    lines = [{"id": "abs", "path": str(tmp_path / "secret.txt")}, {"id": "up", "path": "../secret.txt"},
             {"id": "link", "path": "link.txt"}, {"id": "proc", "path": "/proc/self/environ"},
             {"id": "etc", "path": "/etc/passwd"}, {"id": "ok", "path": "page.html"}]
    (batch / "in.jsonl").write_text("".join(json.dumps(x) + "\n" for x in lines))
    for mode in ("annotate", "ingest"):
        out = list(read_shard(str(batch / "in.jsonl"), Options(), mode))
        assert [r.caller_id for r in out] == [x["id"] for x in lines], mode
        for q in out[:-1]:
            assert isinstance(q, Quarantined) and "outside the root" in q.reason and not q.raw, (mode, q)
        assert isinstance(out[-1], RawDoc) and "Chile" in out[-1].body
    # A root the user names lets the batch read above its own folder, and nothing else.
    wider = list(read_shard(str(batch / "in.jsonl"), Options(root=tmp_path), "annotate"))
    assert [type(r).__name__ for r in wider] == ["RawDoc"] * 3 + ["Quarantined"] * 2 + ["RawDoc"], wider
    assert wider[0].body.startswith("The private note")


def test_without_a_root_no_batch_path_is_read(tmp_path: Path) -> None:
    (tmp_path / "page.html").write_text(article_html())
    [q] = list(read_jsonl([json.dumps({"id": 1, "path": str(tmp_path / "page.html")})], "api", Options()))
    assert isinstance(q, Quarantined) and "root" in q.reason


# 6. Ids keep their JSON type --------------------------------------------------------------------

def test_ids_keep_their_json_type_on_good_and_bad_lines() -> None:
    ids = [7, 2.5, {"site": "a", "n": [1, 2]}, ["x", 1], True, False, 0, ""]
    lines = [json.dumps({"id": i, "text": "A line of text."}) for i in ids]
    lines += [json.dumps({"id": {"bad": 1}, "text": ""}), json.dumps({"id": 9, "path": 3})]
    out = list(read_jsonl(lines, "in.jsonl", Options()))
    assert [r.caller_id for r in out] == [*ids, {"bad": 1}, 9]
    assert all(isinstance(r, RawDoc) for r in out[:len(ids)]) and all(isinstance(r, Quarantined) for r in out[len(ids):])


def test_result_rows_give_the_id_back_as_given() -> None:
    from eventscope.engines.parquet_io import QUARANTINED, contract_of, raw_from_row, result_row, to_table

    for given in ["7", 7, {"a": [1, "b"]}, False, None]:
        row = result_row(0, 0, Quarantined("o", "why", caller_id=given), QUARANTINED, error="why")
        back = to_table([row]).to_pylist()[0]  # through Parquet and back
        assert raw_from_row(back).caller_id == given
        assert contract_of(back, None)["id"] == (given if given is not None else "o")


# 7. WARC framing --------------------------------------------------------------------------------

def _records(n: int) -> list[bytes]:
    """``n`` uncompressed WARC archives of one HTML response each (request and image records left out)."""
    out = []
    for i in range(n):
        data = warc_bytes([(f"https://news.example.org/{i}", article_html(f"Page {i}"))], gzip=False)
        start = data.index(b"WARC/1.0\r\nWARC-Type: response")
        end = data.index(b"WARC/1.0\r\n", start + 1)
        out.append(data[start:end])
    return out


@pytest.mark.parametrize("delta", [+120, -40, "x"])
def test_a_bad_content_length_loses_that_record_only(tmp_path: Path, delta: int | str) -> None:
    first, bad, after = _records(3)
    length = int(bad.split(b"Content-Length: ")[1].split(b"\r\n")[0])
    wrong = b"x" if delta == "x" else str(length + int(delta)).encode()
    bad = bad.replace(f"Content-Length: {length}\r\n".encode(), b"Content-Length: " + wrong + b"\r\n")
    p = tmp_path / "crawl.warc"
    p.write_bytes(first + bad + after)
    out = list(read_paths([p], Options()))
    assert [type(r).__name__ for r in out] == ["RawDoc", "Quarantined", "RawDoc"], [getattr(r, "reason", "") for r in out]
    assert out[0].url.endswith("/0") and out[2].url.endswith("/2")
    assert "Content-Length" in out[1].reason and "next record" in out[1].reason
    assert out[1].origin == f"{p}@{len(first)}"


def test_sixty_thousand_broken_records_read_in_linear_time(tmp_path: Path) -> None:
    p = tmp_path / "broken.warc"
    broken = b"WARC/1.0\r\nWARC-Type: response\r\nContent-Length: nope\r\n\r\n<p>x</p>\r\n\r\n"
    [good] = _records(1)
    with open(p, "wb") as f:
        f.write(good)
        f.writelines(broken for _ in range(60_000))
        f.write(good)
    t = time.perf_counter()
    out = list(read_paths([p], Options()))
    seconds = time.perf_counter() - t
    assert len(out) == 60_002 and isinstance(out[0], RawDoc) and isinstance(out[-1], RawDoc)
    assert all(isinstance(q, Quarantined) for q in out[1:-1])
    assert seconds < 30, f"{seconds:.1f} s for 60k broken records"


def test_an_archive_in_memory_reads_as_the_file_does() -> None:
    from eventscope.read.warc import read_warc_stream

    data = warc_bytes([("https://news.example.org/m", article_html("M"))])
    assert [d.url for d in read_warc_stream(io.BytesIO(data), "m", Options())] == ["https://news.example.org/m"]
