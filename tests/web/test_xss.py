"""Hostile markup stored in an article (text, title, outlet, url, quotes, event sentences, the
quarantine) renders as inert text on every page of the dashboard."""
from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from .conftest import LiveServer

PAGES = ["#/stories", "#/story/story-1", "#/story/story-1?event=g0", "#/events", "#/dyads", "#/dyad/SRB/XKX",
         "#/network", "#/search?q=script", "#/search?q=wait", "#/quarantine"]


@pytest.fixture(scope="module")
def server(handmade_db: Path) -> Iterator[LiveServer]:
    s = LiveServer(handmade_db)
    yield s
    s.stop()


def article_pages(server: LiveServer) -> list[str]:
    import httpx

    ids = [a["id"] for a in httpx.get(server.url + "/api/articles").json()]
    return [f"#/article/{i}" for i in ids] + [f"#/article/{i}?event=0" for i in ids]


def test_hostile_markup_renders_inert_everywhere(server: LiveServer, browser, screenshots: Path) -> None:
    # CSP bypassed: the escaping alone must hold (the policy is a second wall, checked in test_api).
    context = browser.new_context(bypass_csp=True)
    page = context.new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto(server.url + "/")
    for hash_ in PAGES + article_pages(server):
        page.evaluate("h => { window.location.hash = h; }", hash_)
        page.wait_for_function("document.getElementById('view').dataset.ready === '1'")
        state = page.evaluate("""() => ({
            pwned: window.__pwned === 1,
            scripts: Array.from(document.scripts).map(s => s.src),
            onerror: document.querySelectorAll('[onerror], [onload], [onclick]').length,
            jsLinks: Array.from(document.querySelectorAll('a[href]')).filter(
                a => a.getAttribute('href').trim().toLowerCase().startsWith('javascript:')).length,
            imgs: document.querySelectorAll('#view img').length,
            error: (document.querySelector('#view .error') || {}).textContent || null,
        })""")
        assert state["error"] is None, f"{hash_}: {state['error']}"
        assert not state["pwned"], f"{hash_}: injected script ran"
        assert all(s.endswith(("/static/app.js", "/static/charts.js", "/static/views.js")) for s in state["scripts"]), \
            f"{hash_}: foreign script element {state['scripts']}"
        assert state["onerror"] == 0 and state["jsLinks"] == 0 and state["imgs"] == 0, f"{hash_}: {state}"
    # The markup is shown as the text it is.
    page.evaluate("h => { window.location.hash = h; }", "#/story/story-1")
    page.wait_for_function("document.getElementById('view').dataset.ready === '1'")
    assert "<script>window.__pwned=1</script>" in page.locator("#view").inner_text()
    page.screenshot(path=str(screenshots / "xss-story.png"), full_page=True)
    # Clicking every link on the article page (its hostile url included) runs nothing either.
    page.evaluate("h => { window.location.hash = h; }", article_pages(server)[0])
    page.wait_for_function("document.getElementById('view').dataset.ready === '1'")
    for link in page.locator("#view a[target=_blank]").all():
        assert link.get_attribute("href") == "#"
    assert not dialogs
    assert all(r.startswith(server.url) for r in requests), "the page asked for something off the server"
    context.close()
