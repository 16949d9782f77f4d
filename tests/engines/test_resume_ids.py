"""A resumed batch gives each id back in the JSON type it was given (issue 22, part 1)."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from eventscope.engines.resume import annotate_to_file

IDS = [7, {"feed": "a", "n": [1, 2]}, ["x", 1], True, 0, "7", 2.5]


class Stop(Exception):
    pass


def failing(stop_after: int | None):  # type: ignore[no-untyped-def]
    """An annotator (no model) that answers each document with an error line, and stops like a kill
    after ``stop_after`` answers."""
    def run(docs):  # type: ignore[no-untyped-def]
        for i, doc in enumerate(docs):
            if stop_after is not None and i == stop_after:
                raise Stop
            yield {"id": doc.caller_id, "error": "internal error: no model here"}
    return run


def test_a_resumed_batch_gives_ids_back_as_given(tmp_path: Path) -> None:
    src, out = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    src.write_text("".join(json.dumps({"id": i, "text": "Some words."}) + "\n" for i in IDS))
    with pytest.raises(Stop):
        annotate_to_file(src, out, annotate=failing(3))
    assert (tmp_path / "out.jsonl.partial").exists() and not out.exists()
    annotate_to_file(src, out, resume=True, annotate=failing(None))
    lines = [json.loads(line) for line in out.read_text().splitlines()]
    assert [o["id"] for o in lines] == IDS
    assert all(o["error"] == "internal error: no model here" for o in lines)
