"""The REST API: every endpoint answers, filters work, bad parameters get a clear 4xx (never a 500),
ingest needs the user's token, and a database held by an ingest gives 503 rather than hanging."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from eventscope.web import create_app
from eventscope.web.app import bound_names

# FastAPI's TestClient names the server "testserver"; a real serve answers only to its own names.
TEST_HOSTS = bound_names(extra=["testserver"])


@pytest.fixture(scope="module")
def client(handmade_db: Path) -> TestClient:
    return TestClient(create_app(handmade_db, hosts=TEST_HOSTS))


@pytest.fixture(scope="module")
def seed_client(seed_db: Path) -> TestClient:
    return TestClient(create_app(seed_db, hosts=TEST_HOSTS))


def test_openapi_schema_lists_every_endpoint(client: TestClient) -> None:
    paths = client.get("/openapi.json").json()["paths"]
    for p in ("/api/articles", "/api/articles/{doc_id}", "/api/stories", "/api/stories/{story_id}", "/api/events",
              "/api/actors", "/api/dyads", "/api/dyads/{a}/{b}", "/api/network", "/api/quotes", "/api/quarantine",
              "/api/stats", "/api/ingest"):
        assert p in paths


def test_dashboard_and_assets_are_served_locally_with_a_strict_policy(client: TestClient) -> None:
    r = client.get("/")
    assert r.status_code == 200 and "text/html" in r.headers["content-type"]
    assert "script-src 'self'" in r.headers["content-security-policy"]
    assert "http" not in r.text.replace("http-equiv", "")  # no CDN: every asset is relative
    for asset in ("app.js", "views.js", "charts.js", "app.css"):
        body = client.get("/static/" + asset)
        assert body.status_code == 200
        assert "https://" not in body.text and "http://" not in body.text.replace("http://www.w3.org/2000/svg", "")


def test_articles_filter_by_search_outlet_and_story(client: TestClient) -> None:
    assert len(client.get("/api/articles").json()) == 2
    assert [a["outlet"] for a in client.get("/api/articles", params={"outlet": "Daily"}).json()] == ["Daily"]
    assert len(client.get("/api/articles", params={"search": "threatened"}).json()) == 1
    assert len(client.get("/api/articles", params={"story": "story-1"}).json()) == 2
    assert client.get("/api/articles", params={"limit": 1, "offset": 1}).json()[0]["outlet"] == "Daily"


def test_article_by_id_prefix_with_annotations(client: TestClient) -> None:
    art = client.get("/api/articles").json()[0]
    full = client.get(f"/api/articles/{art['id'][:8]}").json()
    assert full["id"] == art["id"] and full["events"] and full["text"]
    assert client.get("/api/articles/0000000000000000").status_code == 404


def test_story_lines_up_one_event_across_outlets_with_its_discrepancies(client: TestClient) -> None:
    stories = client.get("/api/stories").json()
    assert stories[0]["id"] == "story-1" and stories[0]["n_outlets"] == 2
    story = client.get("/api/stories/story-1").json()
    assert len(story["articles"]) == 2
    signing = next(g for g in story["events"] if g["n_outlets"] == 2 and g["event"] == "AGREE")
    assert sorted(s["trigger_text"] for s in signing["sources"]) == ["signed", "signing"]
    assert "event" in signing["agreements"] and "cameo" in signing["agreements"]
    assert "date" in signing["discrepancies"]
    assert client.get("/api/stories/no-such-story").status_code == 404


def test_events_filters_and_paging(client: TestClient) -> None:
    page = client.get("/api/events", params={"limit": 2}).json()
    assert len(page["rows"]) == 2 and page["more"] is True
    rest = client.get("/api/events", params={"limit": 2, "offset": 2}).json()
    assert len(rest["rows"]) == 2 and rest["more"] is False
    assert {r["event"] for r in client.get("/api/events", params={"type": "AGREE"}).json()["rows"]} == {"AGREE"}
    assert all("XKX" in r["recipient_codes"] for r in
               client.get("/api/events", params={"recipient": "XKX"}).json()["rows"])
    dated = client.get("/api/events", params={"since": "2025-05-06", "until": "2025-05-06"}).json()["rows"]
    # "threatened" has no date of its own: it is filed under its report's date.
    assert sorted(r["trigger_text"] for r in dated) == ["signing", "threatened"]


def test_actors_dyads_network_quotes_quarantine_stats(client: TestClient) -> None:
    assert {a["code"] for a in client.get("/api/actors").json()} >= {"SRB", "XKX"}
    assert client.get("/api/actors", params={"code": "xkx"}).json()[0]["code"] == "XKX"
    top = client.get("/api/dyads").json()[0]
    assert (top["a"], top["b"], top["events"], top["cooperation"], top["conflict"]) == ("SRB", "XKX", 4, 2, 2)
    d = client.get("/api/dyads/XKX/SRB", params={"by": "day"}).json()
    assert sum(p["events"] for p in d["series"]) == 4
    per_report = client.get("/api/dyads/XKX/SRB", params={"reports": True}).json()
    assert all(e["n_sources"] == 1 for e in per_report["events"]) and all("n_sources" in e for e in d["events"])
    assert {p["period"] for p in d["series"]} == {"2025-05-05", "2025-05", "2025-05-06"}
    net = client.get("/api/network").json()
    assert {n["id"] for n in net["nodes"]} == {"SRB", "XKX"}
    assert {e["kind"] for e in net["edges"]} == {"directed", "joint"}
    assert client.get("/api/quotes", params={"search": "wait"}).json()[0]["kind"] == "direct"
    assert len(client.get("/api/quarantine").json()) == 1
    stats = client.get("/api/stats").json()
    assert stats["articles"] == 2 and stats["events"] == 4 and stats["stories"] == 1


@pytest.mark.parametrize("url", [
    "/api/articles?limit=0", "/api/articles?limit=100000", "/api/articles?offset=-1", "/api/articles?limit=abc",
    "/api/articles?search=", "/api/articles/not-hex!", "/api/stories?min_outlets=0",
    "/api/events?type=HUG", "/api/events?modality=maybe", "/api/events?since=yesterday",
    "/api/events?until=2025-13-99x", "/api/events?limit=-5", "/api/actors?code=S1", "/api/dyads?limit=0",
    "/api/dyads/SRB/SRB", "/api/dyads/SRB/H%20N", "/api/dyads/SRB/HUN?by=week", "/api/dyads/SRB/HUN?include_all=perhaps",
    "/api/network?limit=x", "/api/quotes?offset=x", "/api/quarantine?limit=-1",
    "/api/articles?search=" + "x" * 201])
def test_bad_parameters_are_a_clear_4xx(client: TestClient, url: str) -> None:
    r = client.get(url)
    assert 400 <= r.status_code < 500, (url, r.status_code, r.text)
    assert r.json()["detail"]


def test_unknown_paths_and_methods_are_4xx(client: TestClient) -> None:
    assert client.get("/api/nothing").status_code == 404
    assert client.delete("/api/articles").status_code == 405


def test_sql_like_search_text_is_only_text(client: TestClient) -> None:
    assert client.get("/api/articles", params={"search": "'; DROP TABLE articles; --"}).json() == []
    assert client.get("/api/articles", params={"search": "%"}).status_code == 200
    assert len(client.get("/api/articles").json()) == 2


def test_ingest_is_off_without_a_token_and_needs_the_right_one(tmp_path: Path) -> None:
    off = TestClient(create_app(tmp_path / "off.duckdb", hosts=TEST_HOSTS))
    assert off.post("/api/ingest", json={"documents": [{"text": "x"}]}).status_code == 404
    on = TestClient(create_app(tmp_path / "on.duckdb", token="s3cret", hosts=TEST_HOSTS))
    body = {"documents": [{"id": "a", "text": "Chile and Peru signed a fishing agreement in Lima on Monday.",
                           "outlet": "Wire", "published": "2024-03-04"}]}
    assert on.post("/api/ingest", json=body).status_code == 401
    assert on.post("/api/ingest", json=body, headers={"Authorization": "Bearer wrong"}).status_code == 401
    # Reading files on the server is not something a client may ask for.
    sneaky = {"documents": [{"path": "/etc/passwd"}]}
    assert on.post("/api/ingest", json=sneaky, headers={"Authorization": "Bearer s3cret"}).status_code == 422
    assert on.post("/api/ingest", json={"documents": []}, headers={"Authorization": "Bearer s3cret"}).status_code == 422
    from .test_ingest_job import wait_done  # an ingest is a background job (tests/web/test_ingest_job.py)

    r = on.post("/api/ingest", json=body, headers={"Authorization": "Bearer s3cret"})
    assert r.status_code == 202 and wait_done(on, r.json())["report"]["added"] == 1
    assert on.get("/api/articles").json()[0]["outlet"] == "Wire"
    again = wait_done(on, on.post("/api/ingest", json=body, headers={"Authorization": "Bearer s3cret"}).json())
    assert again["report"]["added"] == 0 and again["report"]["unchanged"] == 1


def test_a_database_held_by_an_ingest_gives_503_then_answers_again(seed_db: Path, tmp_path: Path) -> None:
    db = tmp_path / "busy.duckdb"
    db.write_bytes(seed_db.read_bytes())
    client = TestClient(create_app(db, hosts=TEST_HOSTS))
    assert client.get("/api/stats").status_code == 200
    hold = "import duckdb, sys; c = duckdb.connect(sys.argv[1]); print('held', flush=True); sys.stdin.read()"
    holder = subprocess.Popen([sys.executable, "-c", hold, str(db)],
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        r = client.get("/api/stats")
        assert r.status_code == 503 and r.headers["retry-after"] and "ingest" in r.json()["detail"]
    finally:
        holder.communicate("")
    assert client.get("/api/stats").status_code == 200


def test_seed_database_answers_every_listing(seed_client: TestClient) -> None:
    for url in ("/api/articles", "/api/stories", "/api/events", "/api/actors", "/api/dyads", "/api/network",
                "/api/quotes", "/api/quarantine", "/api/stats"):
        assert seed_client.get(url).status_code == 200, url
    assert seed_client.get("/api/events").json()["rows"], "the pipeline coded no events from the seeds"


def test_fused_events_count_each_happening_once_with_its_sources(seed_client: TestClient) -> None:
    fused = seed_client.get("/api/fused-events", params={"limit": 500}).json()
    reports = seed_client.get("/api/events", params={"limit": 500}).json()
    assert 0 < len(fused["rows"]) < len(reports["rows"]) and fused["more"] is False
    signing = [r for r in fused["rows"] if r["cameo"] == "062" and r["n_independent"] == 2]
    assert len(signing) == 1 and signing[0]["n_sources"] >= 2
    page = seed_client.get("/api/fused-events", params={"limit": 1, "type": "COOPERATE"}).json()
    assert len(page["rows"]) == 1 and page["more"] is True and page["rows"][0]["event"] == "COOPERATE"
    assert seed_client.get("/api/fused-events", params={"since": "not a date"}).status_code == 422


def test_serve_command_answers_on_localhost(handmade_db: Path) -> None:
    import socket
    import time

    import httpx

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    code = ("import sys; from eventscope.web.cli_commands import serve; "
            "serve(sys.argv[1], port=int(sys.argv[2]), allow_hosts=('news.lan',))")
    proc = subprocess.Popen([sys.executable, "-c", code, str(handmade_db), str(port)],
                            stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                r = httpx.get(f"http://127.0.0.1:{port}/api/stats", timeout=2)
                break
            except httpx.TransportError:
                assert time.monotonic() < deadline and proc.poll() is None, "serve did not start"
                time.sleep(0.2)
        assert r.status_code == 200 and r.json()["articles"] == 2
        assert httpx.get(f"http://127.0.0.1:{port}/openapi.json").status_code == 200
        # A page on another site whose name now points at 127.0.0.1 sends its own name: refused.
        assert httpx.get(f"http://127.0.0.1:{port}/api/stats", headers={"Host": "rebound.example"}).status_code == 400
        assert httpx.get(f"http://127.0.0.1:{port}/api/stats", headers={"Host": f"news.lan:{port}"}).status_code == 200
    finally:
        proc.terminate()
        proc.wait(timeout=10)
