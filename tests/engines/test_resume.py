"""A killed ``annotate -o OUT`` batch, run again with resume, ends with the output of an uninterrupted run."""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from eventscope import api
from eventscope.engines import resume as resume_mod
from eventscope.engines.resume import ResumeError, annotate_to_file

from .conftest import write_batch


def reference(src: Path) -> list[dict]:
    """What an uninterrupted local run answers."""
    return list(api.annotate_lines(src.read_text(encoding="utf-8").split("\n"), origin=str(src)))


@pytest.fixture(scope="module")
def batch(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[dict]]:
    """The shared input, and what an uninterrupted run answers for it (computed once)."""
    src = write_batch(tmp_path_factory.mktemp("batch") / "in.jsonl")
    return src, reference(src)


def read_out(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def counting(mapped: list[int]):
    """The default annotation, counting the documents it is given."""
    from eventscope.engines.work import local

    def run(docs):
        def counted():
            for doc in docs:
                mapped.append(1)
                yield doc
        return local()(counted())
    return run


def test_a_killed_batch_resumes_where_it_stopped(tmp_path: Path, batch: tuple[Path, list[dict]]) -> None:
    src, expected = batch
    out, partial = tmp_path / "out.jsonl", tmp_path / "out.jsonl.partial"
    total = len(expected)
    # A real run, SIGKILLed (no clean-up of any kind) when the annotator is asked for its 4th document.
    script = textwrap.dedent(f"""
        import os, signal
        from eventscope.engines.resume import annotate_to_file
        from eventscope.engines.work import local
        def annotate(docs):
            for i, result in enumerate(local()(docs)):
                yield result
                if i == 2:
                    os.kill(os.getpid(), signal.SIGKILL)
        annotate_to_file({str(src)!r}, {str(out)!r}, annotate=annotate)
    """)
    proc = subprocess.run([sys.executable, "-c", script], check=False, capture_output=True, timeout=300)
    assert proc.returncode == -signal.SIGKILL, proc.stderr.decode()[-2000:]
    assert not out.exists()
    entries = [json.loads(line) for line in partial.read_text().splitlines()[1:]]
    done = len(entries)
    assert 2 <= done < total
    docs_done = sum(e["status"] != "quarantined" for e in entries)
    assert docs_done == 3
    with open(partial, "ab") as f:  # as if the kill had torn the line being written
        f.write(b'{"n": %d, "status": "article", "raw_' % done)

    mapped: list[int] = []
    n, n_ok = annotate_to_file(src, out, resume=True, annotate=counting(mapped))
    assert read_out(out) == expected
    assert n == total and n_ok == total - 2  # the bad JSON line and the empty text
    # Documents answered before the kill were not annotated again (the 2 unusable lines never are).
    assert len(mapped) == total - 2 - docs_done
    assert not partial.exists()


def test_resume_after_every_record_was_answered_only_writes_the_output(
        tmp_path: Path, batch: tuple[Path, list[dict]], monkeypatch: pytest.MonkeyPatch) -> None:
    src, expected = batch
    out = tmp_path / "out.jsonl"
    real_replace = os.replace

    def killed(*args: object) -> None:
        raise KeyboardInterrupt  # stopped between the last partial line and the final rename

    monkeypatch.setattr(resume_mod.os, "replace", killed)
    with pytest.raises(KeyboardInterrupt):
        annotate_to_file(src, out)
    monkeypatch.setattr(resume_mod.os, "replace", real_replace)
    assert not out.exists()
    mapped: list[int] = []
    annotate_to_file(src, out, resume=True, annotate=counting(mapped))
    assert mapped == [] and read_out(out) == expected


def test_resume_refuses_a_partial_output_of_another_input(tmp_path: Path) -> None:
    src, out = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    src.write_text(json.dumps({"id": "a", "text": "The talks in Geneva ended on Friday."}) + "\n")
    partial = tmp_path / "out.jsonl.partial"
    partial.write_text(json.dumps({"eventscope_partial": 1, "input": str(src.resolve()), "size": 3,
                                   "sha256": "0" * 64}) + "\n")
    with pytest.raises(ResumeError, match="another input"):
        annotate_to_file(src, out, resume=True)


def test_without_resume_a_leftover_partial_output_is_started_afresh(tmp_path: Path) -> None:
    src, out = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    src.write_text(json.dumps({"id": "a", "text": ""}) + "\n" + "[1]\n")
    (tmp_path / "out.jsonl.partial").write_text("left over by some earlier run\n")
    assert annotate_to_file(src, out) == (2, 0)
    assert [o["id"] for o in read_out(out)] == ["a", "2"]
