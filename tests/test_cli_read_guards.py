"""The read layer's guards seen from the commands: annotate, ingest and show (issue 22, part 1)."""
from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from eventscope.cli import main

from .conftest import article_html

# Five lines, a lone surrogate escape in a different field of each (as written in the JSON file).
SURROGATE_LINES = [
    '{"id": "s1", "text": "Port workers in Valdora ended their strike on Friday.", "outlet": "x\\udcff"}',
    '{"id": "s2", "text": "The river authority opened two new locks.", "url": "https://e.example.org/\\udcff"}',
    '{"id": "s3", "text": "Farmers in the valley sold more grain this year.", "title": "Grain \\udcff"}',
    '{"id": "s4\\udcff", "text": "A new library opened its doors in the old mill."}',
    '{"id": "s5", "text": "The ferry timetable changes next week\\udcff."}',
]


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args), catch_exceptions=False)
    return result.exit_code, result.output


def test_annotate_answers_every_line_with_surrogates_and_says_what_it_repaired(tmp_path: Path) -> None:
    src, dst = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    src.write_text("\n".join(SURROGATE_LINES) + "\n")
    code, _ = run("annotate", str(src), "-o", str(dst), "--workers", "1")
    assert code == 0
    out = [json.loads(line) for line in dst.read_text(encoding="utf-8").splitlines()]
    assert [o["id"] for o in out] == ["s1", "s2", "s3", "s4\ufffd", "s5"]
    assert all("error" not in o and o["warnings"] for o in out), out
    assert out[0]["outlet"] == "x\ufffd" and out[4]["text"].endswith("\ufffd.")
    assert "outlet" in out[0]["warnings"][0]
    # Run again with --resume on a finished batch: a fresh run, the same answer.
    code, _ = run("annotate", str(src), "-o", str(dst), "--resume", "--workers", "1")
    assert code == 0 and [json.loads(line) for line in dst.read_text(encoding="utf-8").splitlines()] == out


def test_ingest_stores_every_line_with_surrogates_and_show_lists_the_repairs(tmp_path: Path) -> None:
    src, db = tmp_path / "in.jsonl", tmp_path / "t.duckdb"
    src.write_text("\n".join(SURROGATE_LINES) + "\n")
    code, _ = run("ingest", str(src), "--db", str(db))
    assert code == 0
    code, listing = run("articles", "--db", str(db), "--json")
    rows = json.loads(listing)
    assert len(rows) == 5
    first = next(r for r in rows if r["outlet"] == "x\ufffd")
    code, shown = run("show", first["id"], "--db", str(db))
    assert code == 0 and "repaired when read:" in shown and "outlet: 1 invalid character" in shown


def test_annotate_gives_ids_back_in_their_json_type(tmp_path: Path) -> None:
    src, dst = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    ids = [7, {"feed": "a", "n": 2}, ["x", 1], True, 0]
    lines = [{"id": i, "text": "Harbour officials in Valdora signed a lease on Monday."} for i in ids]
    lines += [{"id": 41, "text": ""}, {"id": {"bad": True}, "path": "missing.html"}]
    src.write_text("".join(json.dumps(x) + "\n" for x in lines))
    for engine_args in (["-o", str(dst)], ["-o", "-"]):  # the resumable writer, and the streaming one
        code, printed = run("annotate", str(src), *engine_args, "--workers", "1")
        assert code == 0
        text = dst.read_text(encoding="utf-8") if engine_args[1] != "-" else printed
        out = [json.loads(line) for line in text.splitlines()]
        assert [o["id"] for o in out] == [x["id"] for x in lines], engine_args
        assert "error" in out[-2] and "error" in out[-1] and all("error" not in o for o in out[:-2])


def test_annotate_reads_paths_inside_the_root_only(tmp_path: Path) -> None:
    batch = tmp_path / "batch"
    batch.mkdir()
    (tmp_path / "above.html").write_text(article_html("Above"))
    (batch / "page.html").write_text(article_html("Here"))
    src, dst = batch / "in.jsonl", tmp_path / "out.jsonl"
    lines = [{"id": "etc", "path": "/etc/passwd"}, {"id": "up", "path": "../above.html"}, {"id": "ok", "path": "page.html"}]
    src.write_text("".join(json.dumps(x) + "\n" for x in lines))
    code, _ = run("annotate", str(src), "-o", str(dst), "--workers", "1")
    assert code == 0
    out = [json.loads(line) for line in dst.read_text().splitlines()]
    assert "outside the root" in out[0]["error"] and "outside the root" in out[1]["error"]
    assert "root:x:" not in dst.read_text() and out[2]["title"] == "Here"  # nothing of /etc/passwd
    code, _ = run("annotate", str(src), "-o", str(dst), "--workers", "1", "--root", str(tmp_path))
    out = [json.loads(line) for line in dst.read_text().splitlines()]
    assert "outside the root" in out[0]["error"] and out[1]["title"] == "Above" and out[2]["title"] == "Here"


def test_annotate_refuses_a_fifo_named_as_the_batch_instead_of_waiting(tmp_path: Path) -> None:
    import os

    fifo = tmp_path / "batch.jsonl"
    os.mkfifo(fifo)
    code, output = run("annotate", str(fifo), "-o", str(tmp_path / "out.jsonl"))
    assert code != 0 and "FIFO" in output
