"""The command line: the batch contract (`annotate`), and the store commands."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner

from eventscope.cli import main

from .conftest import PARAS, SEEDS, article_html

CONTRACT_FIELDS = {"id", "title", "published", "outlet", "language", "text", "removed", "story", "actors", "events",
                   "quotes", "timex"}


def run(*args: str, input: str | None = None) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args), input=input, catch_exceptions=False)
    return result.exit_code, result.output


def test_annotate_follows_the_contract_in_input_order(tmp_path: Path) -> None:
    src, dst = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    page = tmp_path / "p.html"
    page.write_text(article_html())
    lines = [{"id": "z-text", "text": "\n".join(PARAS), "published": "2024-03-05", "outlet": "Wire"},
             {"id": "bad", "text": ""},
             {"id": 3, "html": article_html(), "url": "https://news.example.org/a"},
             {"id": "p", "path": str(page)}]
    src.write_text("\n".join(json.dumps(x) for x in lines) + "\n{oops\n")
    code, _ = run("annotate", str(src), "-o", str(dst))
    assert code == 0
    out = [json.loads(x) for x in dst.read_text().splitlines()]
    assert [o["id"] for o in out] == ["z-text", "bad", 3, "p", "5"]  # a number stays a number
    assert "error" in out[1] and "error" in out[4] and "bad JSON" in out[4]["error"]
    for o in (out[0], out[2], out[3]):
        assert CONTRACT_FIELDS <= set(o), set(o) ^ CONTRACT_FIELDS
        assert isinstance(o["removed"], list) and isinstance(o["events"], list)
    assert out[0]["published"] == "2024-03-05" and out[0]["outlet"] == "Wire" and out[0]["language"] == "en"
    assert out[0]["text"] == "\n".join(PARAS)
    assert "maritime dispute" in out[2]["text"] and "Copyright" not in out[2]["text"]
    assert out[2]["title"] == "Chile and Peru agree on maritime commission"
    assert out[2]["published"].startswith("2024-03-05") and out[2]["outlet"]


def test_annotate_spans_index_the_clean_text(tmp_path: Path) -> None:
    src = tmp_path / "in.jsonl"
    src.write_text(json.dumps({"id": "s", "text": (SEEDS / "000_c47dbf2e18349bf8.txt").read_text()}) + "\n")
    code, output = run("annotate", str(src))
    assert code == 0
    doc = json.loads(output)
    text = doc["text"]
    for key in ("actors", "quotes", "timex"):
        for item in doc[key]:
            s, e = item["span"]
            assert text[s:e] == item["text"], (key, item)
    for ev in doc["events"]:
        s, e = ev["trigger"]["span"]
        assert text[s:e] == ev["trigger"]["text"]
        assert ev["sentence"][0] <= s < e <= ev["sentence"][1]


def test_annotate_with_nothing_readable_exits_non_zero(tmp_path: Path) -> None:
    src = tmp_path / "in.jsonl"
    src.write_text('{"id": 1}\nnot json\n')
    code, _ = run("annotate", str(src), "-o", str(tmp_path / "o.jsonl"))
    assert code == 1


def test_annotate_stdin_to_stdout_as_a_real_process() -> None:
    exe = Path(sys.executable).parent / "eventscope"
    proc = subprocess.run([str(exe), "annotate", "-", "-o", "-"], input=json.dumps({"id": "a", "text": PARAS[0]}),
                          capture_output=True, text=True, timeout=300, check=False)
    assert proc.returncode == 0, proc.stderr
    [rec] = [json.loads(x) for x in proc.stdout.splitlines()]
    assert rec["id"] == "a" and rec["text"] == PARAS[0]


def test_store_commands(corpus: Path, tmp_path: Path) -> None:
    db = str(tmp_path / "cli.duckdb")
    (corpus / "empty.txt").write_bytes(b"")
    code, out = run("ingest", "--db", db, str(corpus))
    assert code == 0 and "7 added, 0 already stored, 1 quarantined" in out
    code, out = run("ingest", "--db", db, str(corpus))
    assert "0 added, 7 already stored" in out
    code, out = run("articles", "--db", db, "--json")
    rows = json.loads(out)
    assert len(rows) == 7 and {"id", "title", "outlet", "published"} <= set(rows[0])
    code, out = run("show", rows[0]["id"][:10], "--db", db)
    assert code == 0 and rows[0]["id"] in out
    code, out = run("show", "nope", "--db", db)
    assert code != 0 and "no article" in out
    code, out = run("quarantine", "--db", db)
    assert "empty.txt" in out and "empty document" in out
    code, out = run("stats", "--db", db, "--json")
    s = json.loads(out)
    assert (s["articles"], s["quarantine"]) == (7, 1)
