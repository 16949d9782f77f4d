"""`fetch` against a loopback test server: refused by default, redirects re-checked, size and time capped."""
from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from eventscope.errors import FetchError, TooLarge, URLRefused
from eventscope.model import Quarantined, RawDoc
from eventscope.options import Options
from eventscope.read import read_url
from eventscope.read.url import check_url, fetch

from ..conftest import article_html, rss_feed

PAGE = article_html().encode()


class Handler(BaseHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass

    def do_GET(self) -> None:
        port = self.server.server_address[1]
        routes = {
            "/page": (200, "text/html; charset=utf-8", PAGE),
            "/feed": (200, "application/rss+xml", rss_feed(2).encode()),
            "/big": (200, "text/html", b"<p>" + b"x" * 200_000 + b"</p>"),
        }
        if self.path == "/to-other-loopback":
            self.send_response(302)
            self.send_header("Location", f"http://127.0.0.2:{port}/page")
            self.end_headers()
        elif self.path == "/loop":
            self.send_response(302)
            self.send_header("Location", "/loop")
            self.end_headers()
        elif self.path == "/slow":
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.end_headers()
            for _ in range(50):
                self.wfile.write(b"<p>" + b"y" * 1000 + b"</p>")
                self.wfile.flush()
                time.sleep(0.1)
        elif self.path in routes:
            code, ctype, body = routes[self.path]
            self.send_response(code)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
        else:
            self.send_response(404)
            self.end_headers()


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


def test_loopback_is_refused_by_default(server: str) -> None:
    with pytest.raises(URLRefused, match="non-public address 127.0.0.1"):
        fetch(server + "/page", Options())


def test_loopback_allowed_with_allow_private(server: str) -> None:
    final, body, ctype = fetch(server + "/page", Options(allow_private=True))
    assert final.endswith("/page") and body == PAGE and "html" in ctype


@pytest.mark.parametrize("url", ["http://10.1.2.3/", "http://192.168.0.1/", "http://169.254.169.254/latest/",
                                 "http://[::1]/", "http://0.0.0.0/", "http://172.16.5.4/", "http://[fe80::1]/"])
def test_private_and_link_local_literals_are_refused(url: str) -> None:
    with pytest.raises(URLRefused):
        check_url(url)


@pytest.mark.parametrize("url", ["file:///etc/passwd", "ftp://example.org/x", "gopher://x/", "javascript:alert(1)"])
def test_other_schemes_are_refused(url: str) -> None:
    with pytest.raises(URLRefused, match="only http and https"):
        check_url(url)


def test_every_redirect_is_checked_again(server: str) -> None:
    # The first hop is let through (as a public host would be); the redirect to another loopback
    # address must be refused on its own.
    with pytest.raises(URLRefused, match="127.0.0.2"):
        fetch(server + "/to-other-loopback", Options(), allowed=["127.0.0.1"])


def test_redirect_loops_end(server: str) -> None:
    with pytest.raises(FetchError, match="redirects"):
        fetch(server + "/loop", Options(allow_private=True, fetch_max_redirects=3))


def test_size_is_capped(server: str) -> None:
    with pytest.raises(TooLarge):
        fetch(server + "/big", Options(allow_private=True, max_bytes=50_000))


def test_time_is_capped(server: str) -> None:
    t0 = time.monotonic()
    with pytest.raises(FetchError):
        fetch(server + "/slow", Options(allow_private=True, fetch_timeout=1.0))
    assert time.monotonic() - t0 < 4.5  # the page takes 5 s to send


def test_read_url_gives_documents_and_quarantines_refusals(server: str) -> None:
    [doc] = list(read_url(server + "/page", Options(allow_private=True)))
    assert isinstance(doc, RawDoc) and doc.kind == "html" and doc.url.endswith("/page")
    feed = list(read_url(server + "/feed", Options(allow_private=True)))
    assert len(feed) == 2 and all(isinstance(d, RawDoc) for d in feed)
    [q] = list(read_url(server + "/page", Options()))
    assert isinstance(q, Quarantined) and "non-public" in q.reason
