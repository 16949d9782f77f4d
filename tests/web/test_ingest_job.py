"""POST /api/ingest runs in the background: it answers 202 with a job, reads keep answering while the job
annotates and writes, and the articles it adds are grouped into stories as `eventscope ingest` groups them."""
from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from eventscope.web.app import create_app

from .test_api import TEST_HOSTS

AUTH = {"Authorization": "Bearer s3cret"}
DOCS = [{"id": f"d{i}", "text": text, "outlet": outlet, "published": "2024-03-04"} for i, (text, outlet) in enumerate([
    ("Chile and Peru signed a fishing agreement in Lima on Monday, the two foreign ministers said.", "Wire"),
    ("The foreign ministers of Chile and Peru signed a fishing agreement in Lima on Monday.", "Post"),
    ("Thousands of farmers protested in Paris on Friday against cheaper imports, police said.", "Daily"),
])]


def wait_done(client: TestClient, job: dict[str, Any], seconds: float = 120.0) -> dict[str, Any]:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        state = client.get(f"/api/ingest/{job['id']}", headers=AUTH).json()
        if state["state"] in ("done", "failed"):
            return state
        time.sleep(0.05)
    raise AssertionError(f"job {job['id']} still {state['state']}")


def test_an_ingest_is_a_job_whose_articles_join_stories(tmp_path: Path) -> None:
    client = TestClient(create_app(tmp_path / "j.duckdb", token="s3cret", hosts=TEST_HOSTS))
    r = client.post("/api/ingest", json={"documents": DOCS + [{"id": "blank", "text": ""}]}, headers=AUTH)
    assert r.status_code == 202 and r.headers["location"] == f"/api/ingest/{r.json()['id']}"
    assert r.json()["state"] in ("queued", "running", "done") and r.json()["documents"] == 4
    job = wait_done(client, r.json())
    assert job["state"] == "done" and job["error"] is None
    assert {k: job["report"][k] for k in ("added", "unchanged", "quarantined")} == {"added": 3, "unchanged": 0,
                                                                                 "quarantined": 1}
    assert [e["origin"] for e in job["report"]["errors"]] == ["api:4"]
    stories = client.get("/api/stories").json()
    assert sorted(s["n_articles"] for s in stories) == [1, 2]  # the signing twice, the protest once
    assert client.get("/api/fused-events").json()["rows"]
    again = wait_done(client, client.post("/api/ingest", json={"documents": DOCS[:1]}, headers=AUTH).json())
    assert again["report"]["added"] == 0 and again["report"]["unchanged"] == 1
    assert client.get(f"/api/ingest/{'0' * 32}", headers=AUTH).status_code == 404
    assert client.get(f"/api/ingest/{job['id']}").status_code == 401  # the job's report needs the token too


def test_reads_answer_while_an_ingest_job_annotates(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from eventscope.pipeline import Annotator

    real = Annotator.pipe

    def slow(self, raws):  # type: ignore[no-untyped-def]
        for result in real(self, raws):
            time.sleep(0.4)  # annotation is most of an ingest's time: make it long enough to read during it
            yield result

    monkeypatch.setattr(Annotator, "pipe", slow)
    client = TestClient(create_app(tmp_path / "r.duckdb", token="s3cret", hosts=TEST_HOSTS))
    started = time.monotonic()
    r = client.post("/api/ingest", json={"documents": DOCS}, headers=AUTH)
    assert r.status_code == 202 and time.monotonic() - started < 1.0
    seen, slowest = [], 0.0
    while client.get(f"/api/ingest/{r.json()['id']}", headers=AUTH).json()["state"] in ("queued", "running"):
        t = time.monotonic()
        seen.append(client.get("/api/stats").json()["articles"])
        slowest = max(slowest, time.monotonic() - t)
        time.sleep(0.05)
    assert len(seen) >= 5 and slowest < 1.0, (seen, slowest)
    assert wait_done(client, r.json())["report"]["added"] == 3
    assert seen == sorted(seen) and client.get("/api/stats").json()["articles"] == 3
