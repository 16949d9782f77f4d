"""The server's doors: it answers only to its own names (DNS rebinding), the ingest token needs its
scheme (matched as RFC 7235 says), searches take % and _ as text, and CSV cells cannot run as formulas."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from eventscope.web import create_app
from eventscope.web.app import bound_names, host_of

from .test_api import TEST_HOSTS


@pytest.fixture(scope="module")
def loopback(handmade_db: Path) -> TestClient:
    """The app as ``serve`` builds it for its default bind, 127.0.0.1."""
    return TestClient(create_app(handmade_db, hosts=bound_names("127.0.0.1")), base_url="http://127.0.0.1:8000")


@pytest.mark.parametrize("host", ["127.0.0.1", "127.0.0.1:8000", "localhost", "localhost:8000", "LocalHost:8000",
                                  "[::1]", "[::1]:8000", "localhost.:8000"])
def test_a_loopback_server_answers_to_its_loopback_names(loopback: TestClient, host: str) -> None:
    assert loopback.get("/api/stats", headers={"Host": host}).status_code == 200


@pytest.mark.parametrize("host", ["rebound.example", "rebound.example:8000", "127.0.0.1.rebound.example",
                                  "localhost.rebound.example:8000", "[::2]:8000", "127.0.0.2", "",
                                  "localhost:80x", "[::1", "::1", "testserver"])
@pytest.mark.parametrize("path", ["/api/stats", "/", "/openapi.json", "/static/app.js", "/api/nothing"])
def test_any_other_host_is_refused_before_a_route_runs(loopback: TestClient, host: str, path: str) -> None:
    r = loopback.get(path, headers={"Host": host})
    assert r.status_code == 400 and "Host" in r.json()["detail"]
    assert "default-src 'self'" in r.headers["content-security-policy"]


def test_ingest_is_refused_for_another_host_even_with_the_token(tmp_path: Path) -> None:
    app = create_app(tmp_path / "db.duckdb", token="s3cret", hosts=bound_names("127.0.0.1"))
    r = TestClient(app, base_url="http://rebound.example:8000").post(
        "/api/ingest", json={"documents": [{"text": "Chile and Peru met."}]},
        headers={"Authorization": "Bearer s3cret"})
    assert r.status_code == 400


def test_the_names_a_bind_answers_to() -> None:
    assert bound_names("127.0.0.1") == {"127.0.0.1", "localhost", "::1"}
    assert bound_names("::1") == {"127.0.0.1", "localhost", "::1"}
    assert bound_names("news.lan") == {"news.lan"}  # not loopback: not the loopback names
    assert bound_names("192.0.2.10", ["News.Example."]) == {"192.0.2.10", "news.example"}
    assert bound_names("0.0.0.0", ["news.lan"]) == {"127.0.0.1", "localhost", "::1", "news.lan"}
    assert host_of("[::1]:8000") == "::1" and host_of("Example.ORG:443") == "example.org"
    assert host_of("a:b") is None and host_of("[::1]x") is None


# -- the ingest token ---------------------------------------------------------------------------

@pytest.fixture(scope="module")
def guarded(tmp_path_factory: pytest.TempPathFactory) -> TestClient:
    db = tmp_path_factory.mktemp("token") / "db.duckdb"
    return TestClient(create_app(db, token="s3cret", hosts=TEST_HOSTS))


BODY = {"documents": [{"id": "t", "text": "Chile and Peru signed a fishing agreement in Lima on Monday.",
                       "published": "2024-03-04"}]}


@pytest.mark.parametrize("header", ["Bearer s3cret", "bearer s3cret", "BEARER s3cret", "Bearer   s3cret",
                                    " Bearer s3cret "])
def test_the_bearer_scheme_is_matched_without_regard_to_case(guarded: TestClient, header: str) -> None:
    r = guarded.post("/api/ingest", json=BODY, headers={"Authorization": header})
    assert r.status_code == 202  # an ingest job was taken (tests/web/test_ingest_job.py follows one through)
    assert guarded.get(f"/api/ingest/{r.json()['id']}", headers={"Authorization": header}).status_code == 200


@pytest.mark.parametrize("header", ["s3cret", "Basic s3cret", "Token s3cret", "Bearers3cret", "Bearer",
                                    "Bearer s3cret s3cret", "Bearer S3CRET", "Bearer s3cre"])
def test_a_token_without_its_scheme_or_under_another_is_refused(guarded: TestClient, header: str) -> None:
    r = guarded.post("/api/ingest", json=BODY, headers={"Authorization": header})
    assert r.status_code == 401 and r.headers["www-authenticate"] == "Bearer"


# -- searches take % and _ as text -------------------------------------------------------------------

@pytest.fixture(scope="module")
def wildcard_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One article with a per cent sign and an underscore, one with neither, where a wildcard would match both."""
    from eventscope.model import Quote
    from eventscope.store import Store

    from .conftest import _mention, add_event, handmade_article

    db = tmp_path_factory.mktemp("wildcard") / "wildcard.duckdb"
    a_text = "Turnout in Lima reached 50% on Sunday. \"Count every vote_now\", the minister said. Peru thanked Chile."
    b_text = "Turnout in Quito reached 508 voters on Sunday. \"Count every voteXnow\", the mayor said. Peru thanked Chile."
    for text, outlet in ((a_text, "Signs"), (b_text, "Plain")):
        raw, art = handmade_article(text, outlet, f"story-{outlet}", f"Turnout {outlet}", "2025-07-01")
        add_event(art, "thanked", "CONSULT", "051", 1, 3.4, [("Peru", "PER")], [("Chile", "CHL")])
        start = text.index("Count")
        quoted = text[start:text.index("\", the")]
        speaker = "the minister" if outlet == "Signs" else "the mayor"
        art.quotes.append(Quote(text=quoted, span=(start, start + len(quoted)), kind="direct", cue="said",
                                speaker=_mention(speaker, text.index(speaker), "PER", name=speaker)))
        with Store(db) as s:
            s.add(raw, art)
    return db


@pytest.mark.parametrize(("needle", "outlets", "quoted"), [
    ("50%", ["Signs"], []), ("%", ["Signs"], []), ("vote_now", ["Signs"], ["Signs"]), ("_", ["Signs"], ["Signs"]),
    ("\\", [], []), ("50", ["Plain", "Signs"], [])])
def test_a_search_takes_per_cent_and_underscore_as_text(wildcard_db: Path, needle: str, outlets: list[str],
                                                        quoted: list[str]) -> None:
    import eventscope.frames as ef
    from eventscope.store import Store

    client = TestClient(create_app(wildcard_db, hosts=TEST_HOSTS))
    assert sorted(a["outlet"] for a in client.get("/api/articles", params={"search": needle}).json()) == outlets
    with Store(wildcard_db, read_only=True) as s:
        assert sorted(r["outlet"] for r in s.articles(search=needle)) == outlets
        ids = {a["id"]: a["outlet"] for a in s.articles()}
    with ef.open(wildcard_db) as db:
        frame = db.articles(search=needle)
        assert sorted(frame["outlet"] if len(frame) else []) == outlets
    quotes = client.get("/api/quotes", params={"search": needle}).json()
    assert sorted(ids[q["article_id"]] for q in quotes) == quoted


def test_name_filters_and_id_prefixes_take_wildcards_as_text(wildcard_db: Path) -> None:
    from click.testing import CliRunner

    from eventscope.cli import main
    from eventscope.store import Store

    with Store(wildcard_db, read_only=True) as s:
        assert s.events(actor="%") == [] and s.events(recipient="%") == [] and s.fused_events(actor="%") == []
        assert len(s.events(actor="Peru")) == 2
        assert s.quotes(speaker="%") == [] and len(s.quotes(speaker="minister")) == 1
        first = s.articles()[0]["id"]
        assert s.article(first[:6]) is not None and s.article(first[:5] + "_") is None
    out = CliRunner().invoke(main, ["articles", "--db", str(wildcard_db), "--search", "%", "--json"])
    assert out.exit_code == 0 and [a["outlet"] for a in json.loads(out.output)] == ["Signs"]
