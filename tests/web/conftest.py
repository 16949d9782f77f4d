"""Databases for the web tests: one built by the real pipeline from the seed texts, one built by hand
(a two-outlet story with known events, a Kosovo actor, and hostile markup everywhere), and a live
server per database for the browser tests."""
from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from eventscope.model import Article, Event, Location, Mention, Quarantined, Quote, RawDoc, Trigger
from eventscope.store import Store

REPO = Path(__file__).resolve().parents[2]
SEEDS = sorted((REPO / "corpus" / "seeds").glob("*.txt"))
SEED_OUTLETS = ["Balkan Insight", "Euractiv"]  # two outlets, as the seeds came from two
SCREENSHOTS = REPO / "tests" / "web" / "screenshots"
CHROMIUM = Path("/usr/bin/chromium")

XSS = '<script>window.__pwned=1</script><img src=x onerror="window.__pwned=1"><a href="javascript:window.__pwned=1">x</a>'


@pytest.fixture(scope="session")
def seed_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The two seed articles run through the real pipeline, with their outlets set."""
    from eventscope.api import regroup
    from eventscope.pipeline import ingest

    assert len(SEEDS) == 2, "corpus/seeds should hold the two seed texts"
    db = tmp_path_factory.mktemp("seed") / "seed.duckdb"
    records = []
    for path, outlet in zip(SEEDS, SEED_OUTLETS):
        data = path.read_bytes()
        records.append(RawDoc(body=data.decode("utf-8"), kind="text", origin=str(path), raw=data, outlet=outlet,
                              published="2025-04-02", url=f"https://example.org/{path.stem}"))
    with Store(db) as s:
        ingest(records, s)
        regroup(s)  # stories and fused events, as `eventscope ingest` does
    return db


def _mention(text: str, at: int, code: str | None, sector: str | None = "GOV", name: str | None = None) -> Mention:
    return Mention(text=text, span=(at, at + len(text)), code=code, sector=sector, name=name)


def handmade_article(text: str, outlet: str, story: str, title: str, published: str,
                     url: str | None = None) -> tuple[RawDoc, Article]:
    """An article whose events and quotes are placed on its own words (found with str.index)."""
    raw = RawDoc(body=text, kind="text", origin=f"handmade:{outlet}", raw=text.encode(), outlet=outlet,
                 published=published, title=title, url=url)
    art = Article(id=raw.id, text=text, origin=raw.origin, title=title, published=published, outlet=outlet,
                  language="en", url=url, story=story)
    return raw, art


def add_event(art: Article, trigger: str, event: str, cameo: str, quad: int, goldstein: float,
              actors: list[tuple[str, str]], recipients: list[tuple[str, str]], date: str | None = None,
              modality: str = "asserted", place: tuple[str, str] | None = None) -> Event:
    t = art.text.index(trigger)
    start = art.text.rfind(".", 0, t) + 1
    end = art.text.find(".", t)
    end = len(art.text) if end < 0 else end + 1
    while art.text[start] == " ":
        start += 1
    ev = Event(event=event, cameo=cameo, quad=quad, goldstein=goldstein,
               actor=[_mention(w, art.text.index(w), c) for w, c in actors],
               recipient=[_mention(w, art.text.index(w), c) for w, c in recipients],
               trigger=Trigger(trigger, (t, t + len(trigger))), sentence=(start, end), modality=modality, date=date,
               location=Location(place[0], (art.text.index(place[0]), art.text.index(place[0]) + len(place[0])),
                                 place[0], place[1], 42.66, 21.17) if place else None)
    art.events.append(ev)
    art.actors.extend(ev.actor + ev.recipient)
    return ev


@pytest.fixture(scope="session")
def handmade_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A two-outlet story about Kosovo and Serbia whose every stored string also carries hostile markup."""
    db = tmp_path_factory.mktemp("handmade") / "handmade.duckdb"
    a_text = (f"Kosovo and Serbia signed a border deal in Pristina on Monday. {XSS} "
              f"Serbia accused Kosovo of delays, the minister said. \"We will not wait {XSS}\", he said.")
    b_text = (f"Officials from Serbia and Kosovo were signing the border accord on Tuesday {XSS}. "
              f"Belgrade later threatened Kosovo with sanctions.")
    a_raw, a = handmade_article(a_text, f"Wire {XSS}", "story-1", f"Border deal {XSS}", "2025-05-05",
                                url="javascript:window.__pwned=1")
    b_raw, b = handmade_article(b_text, "Daily", "story-1", "Accord signed", "2025-05-06",
                                url="https://daily.example.org/accord")
    add_event(a, "signed", "AGREE", "057", 1, 8.0, [("Kosovo", "XKX"), ("Serbia", "SRB")], [], date="2025-05-05",
              place=("Pristina", "XKX"))
    add_event(a, "accused", "ACCUSE", "112", 3, -2.0, [("Serbia", "SRB")], [("Kosovo", "XKX")], date="2025-05")
    add_event(b, "signing", "AGREE", "057", 1, 8.0, [("Serbia", "SRB"), ("Kosovo", "XKX")], [], date="2025-05-06")
    add_event(b, "threatened", "THREATEN", "138", 3, -7.0, [("Belgrade", "SRB")], [("Kosovo", "XKX")],
              modality="asserted")
    q_start = a_text.index("We will not")
    q_text = a_text[q_start:a_text.index("\", he said")]
    a.quotes.append(Quote(text=q_text, span=(q_start, q_start + len(q_text)), kind="direct", cue="said",
                          speaker=_mention("he", a_text.rindex("he said"), "SRB", name=f"Minister {XSS}")))
    with Store(db) as s:
        s.add(a_raw, a)
        s.add(b_raw, b)
        s.quarantine(Quarantined(origin=f"upload {XSS}", reason=f"bad input {XSS}", raw=b"x"))
    return db


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class LiveServer:
    """uvicorn serving the app in a thread, on a free local port."""

    def __init__(self, db: Path, token: str | None = None):
        import uvicorn

        from eventscope.web import create_app

        self.port = _free_port()
        config = uvicorn.Config(create_app(db, token=token), host="127.0.0.1", port=self.port, log_level="warning")
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, daemon=True)
        self.thread.start()
        deadline = time.monotonic() + 15
        while not self.server.started:
            if time.monotonic() > deadline:
                raise RuntimeError("the test server did not start")
            time.sleep(0.05)
        self.url = f"http://127.0.0.1:{self.port}"

    def stop(self) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    """One Chromium for the module: Debian's, driven by Playwright (never a downloaded build)."""
    if not CHROMIUM.exists():
        pytest.skip("no /usr/bin/chromium: run scripts/browser (scripts/test does) to install Debian's chromium")
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=["--no-sandbox"])
        try:
            yield b
        finally:
            b.close()


@pytest.fixture(scope="session")
def screenshots() -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    return SCREENSHOTS
