"""A kill at any point of an ingest, then the same ingest again: the store ends as if nothing had happened.

Each case forks this process (the model is loaded once, here), arms one hook in the child that SIGKILLs it
at a stage boundary (no clean shutdown, no checkpoint: a WAL left behind), and reruns the same ingest in
the parent. Every table (less wall-clock columns), the kept story index and the pending stories must then
equal those of a run that was never interrupted. Both engines: the plain ingest (``api.ingest``) and the
chunked one (``engines/chunked.py``), whose writes are queued and played back in windows.
"""
from __future__ import annotations

import gzip
import os
import shutil
import signal
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from .conftest import SEEDS
from .engines.conftest import snapshot

QUAKE = ("A magnitude 6.1 earthquake struck northern Chile on Tuesday, the national seismological office said. "
         "Rescue teams searched collapsed houses in Antofagasta, and the government declared an emergency.")

# (owner, attribute, which call, kill before the call instead of after it)
POINTS = {
    "before the first store write": ("eventscope.store:Store", "add", 1, True),
    "after the first document": ("eventscope.store:Store", "add", 1, False),
    "after the second document": ("eventscope.store:Store", "add", 2, False),
    "after the quarantine write": ("eventscope.store:Store", "quarantine_many", 1, False),
    "inside the story assignment (index saved, not committed)": ("eventscope.store:Store", "save_story_index", 1,
                                                                 False),
    "after story assignment": ("eventscope.store:Store", "assign_stories", 1, False),
    "in the middle of refresh": ("eventscope.store:Store", "write_story", 1, False),
    "after refresh": ("eventscope.regroup", "refresh", 1, False),
}


def inputs(root: Path) -> Path:
    """Both seeds (one story, many fused events), a report of another happening, and an input to quarantine."""
    root.mkdir()
    for seed in sorted(SEEDS.glob("*.txt")):
        shutil.copy(seed, root)
    (root / "quake.txt").write_text(QUAKE)
    (root / "cut.html.gz").write_bytes(gzip.compress(b"<p>a page cut short</p>")[:-8])
    return root


def run(engine: str, folder: Path, db: Path) -> None:
    if engine == "plain":
        from eventscope import ingest, open_store

        with open_store(db) as s:
            ingest([folder], s)
    else:
        from eventscope.engines import ingest_chunked, read_shards

        ingest_chunked(read_shards([folder]), db, chunk_seconds=0.0)


def state(db: Path) -> dict[str, Any]:
    from eventscope.store import Store

    out: dict[str, Any] = snapshot(db)
    with Store(db, read_only=True) as s:
        for table, cols in (("story_index", "id, assigned, state"), ("story_pending", "*"), ("meta", "*")):
            out[table] = s.con.execute(f"SELECT {cols} FROM {table} ORDER BY ALL").fetchall()
    return out


def arm(owner: str, attribute: str, nth: int, before: bool) -> None:
    """Make the ``nth`` call of ``owner.attribute`` SIGKILL this process (before or after it runs)."""
    import importlib

    module, _, cls = owner.partition(":")
    target: Any = importlib.import_module(module)
    if cls:
        target = getattr(target, cls)
    real: Callable[..., Any] = getattr(target, attribute)
    calls = [0]

    def hooked(*args: Any, **kwargs: Any) -> Any:
        calls[0] += 1
        if before and calls[0] == nth:
            os.kill(os.getpid(), signal.SIGKILL)
        out = real(*args, **kwargs)
        if calls[0] == nth:
            os.kill(os.getpid(), signal.SIGKILL)
        return out

    setattr(target, attribute, hooked)


def killed_run(engine: str, folder: Path, db: Path, point: tuple[str, str, int, bool]) -> int:
    """Run the ingest in a forked child armed to die at ``point``; the child's wait status."""
    pid = os.fork()
    if pid == 0:  # the child: never returns into pytest
        try:
            arm(*point)
            run(engine, folder, db)
        finally:
            os._exit(3)  # not killed: the hook never fired
    return os.waitpid(pid, 0)[1]


@pytest.fixture(scope="module")
def clean_runs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Path, dict[str, Any]]]:
    """Per engine: the inputs and the store an uninterrupted ingest leaves."""
    from eventscope import nlp

    nlp.load()  # loaded before any fork, so that each child starts with the model
    out = {}
    for engine in ("plain", "chunked"):
        root = tmp_path_factory.mktemp(engine)
        folder = inputs(root / "in")
        run(engine, folder, root / "clean.duckdb")
        out[engine] = (folder, state(root / "clean.duckdb"))
    return out


def test_the_uninterrupted_runs_store_stories_and_quarantine(clean_runs) -> None:  # type: ignore[no-untyped-def]
    for _, expected in clean_runs.values():
        assert len(expected["articles"]) == 3 and len(expected["quarantine"]) == 1
        assert len(expected["stories"]) == 2 and len(expected["fused_events"]) > 2
        assert expected["story_pending"] == []


@pytest.mark.parametrize("engine", ["plain", "chunked"])
@pytest.mark.parametrize("where", list(POINTS))
def test_a_killed_ingest_run_again_ends_with_the_same_store(clean_runs, tmp_path: Path, engine: str,  # type: ignore[no-untyped-def]
                                                            where: str) -> None:
    folder, expected = clean_runs[engine]
    db = tmp_path / "killed.duckdb"
    status = killed_run(engine, folder, db, POINTS[where])
    assert os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGKILL, f"not killed {where}: {status}"
    run(engine, folder, db)
    assert state(db) == expected
