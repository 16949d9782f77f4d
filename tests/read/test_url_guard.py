"""`fetch` against a loopback test server: refused by default, redirects re-checked, size and time capped.

No packet leaves the machine: names are resolved by a fake resolver and a connection to a made-up public
address is turned, in-process, into one to the loopback server (``fake_net``).
"""
from __future__ import annotations

import _socket
import shutil
import socket
import ssl
import subprocess
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
        elif self.path == "/host":  # says which name the client asked for
            body = (self.headers.get("Host") or "").encode()
            self.send_response(200)
            self.send_header("Content-Type", "text/plain")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
        elif self.path == "/to-two":
            self.send_response(302)
            self.send_header("Location", f"http://two.example:{port}/host")
            self.end_headers()
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


# -- what counts as public ------------------------------------------------------------------------

@pytest.mark.parametrize("url", [
    "http://100.64.0.1/", "http://100.100.100.200/latest/meta-data/",  # carrier NAT; a cloud metadata address
    "http://192.0.0.9/", "http://192.0.0.100/",                        # 192.0.0.0/24 beyond the /29
    "http://[2002:7f00:1::1]/", "http://[2002:a9fe:a9fe::1]/",         # 6to4 of loopback, of link-local
    "http://[2001:0:4136:e378:8000:63bf:80ff:fffe]/",                   # Teredo whose client is 127.0.0.1
    "http://[::ffff:127.0.0.1]/", "http://[::ffff:10.0.0.1]/",         # IPv4-mapped
    "http://[64:ff9b::a9fe:a9fe]/",                                      # NAT64 of 169.254.169.254
    "http://[fec0::1]/", "http://[ff02::1]/", "http://224.0.0.1/", "http://240.0.0.1/",
    "http://255.255.255.255/", "http://198.18.0.1/"])
def test_every_address_that_is_not_global_is_refused(url: str) -> None:
    with pytest.raises(URLRefused, match="non-public"):
        check_url(url)
    check_url(url, allow_private=True)  # still reachable on purpose


@pytest.mark.parametrize("url", ["http://8.8.8.8/", "http://[::ffff:8.8.8.8]/", "http://[2002:808:808::1]/",
                                 "http://[64:ff9b::808:808]/", "http://[2606:4700::1111]/"])
def test_public_addresses_in_every_form_pass(url: str) -> None:
    [(_, sockaddr)] = check_url(url)
    assert sockaddr[0] == url.split("//")[1].split("/")[0].strip("[]")


# -- connecting to the address that was checked -----------------------------------------------------

PUBLIC = "93.184.215.14"  # a global address; fake_net turns a connection to it into one to the test server


class FakeNet:
    def __init__(self, monkeypatch: pytest.MonkeyPatch, server_port: int):
        self.answers: dict[str, list[str]] = {}
        self.lookups: list[str] = []
        self.connects: list[tuple[str, int]] = []
        self.server_port = server_port
        real_getaddrinfo = socket.getaddrinfo

        def getaddrinfo(host: str, port: object, *args: object, **kwargs: object) -> list[tuple]:
            if host in self.answers:
                self.lookups.append(host)
                answers = self.answers[host]
                ip = answers.pop(0) if len(answers) > 1 else answers[0]  # the first answer once, then the next
                return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (ip, int(port)))]  # type: ignore[call-overload]
            # Only literals reach the real resolver, and AI_NUMERICHOST keeps it off the network.
            return real_getaddrinfo(host, port, 0, socket.SOCK_STREAM, 0, socket.AI_NUMERICHOST)

        def connect(sock: socket.socket, address: tuple) -> None:
            self.connects.append((address[0], address[1]))
            if address[0] == PUBLIC:
                address = ("127.0.0.1", self.server_port)
            elif address[0] != "127.0.0.1":
                raise OSError("test: no packet leaves this machine")
            _socket.socket.connect(sock, address)

        monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
        monkeypatch.setattr(socket.socket, "connect", connect)


@pytest.fixture
def fake_net(server: str, monkeypatch: pytest.MonkeyPatch) -> FakeNet:
    return FakeNet(monkeypatch, int(server.rsplit(":", 1)[1]))


def test_the_connection_goes_to_the_checked_address_not_to_a_second_answer(fake_net: FakeNet) -> None:
    # DNS rebinding: the name is public when checked and loopback when the client would look again.
    port = fake_net.server_port
    fake_net.answers["rebind.example"] = [PUBLIC, "127.0.0.1"]
    _, body, _ = fetch(f"http://rebind.example:{port}/host", Options())
    assert fake_net.connects == [(PUBLIC, port)] and fake_net.lookups == ["rebind.example"]
    assert body == f"rebind.example:{port}".encode()  # the server still hears the name


def test_each_redirect_hop_is_resolved_once_and_pinned(fake_net: FakeNet) -> None:
    port = fake_net.server_port
    fake_net.answers["one.example"] = [PUBLIC, "127.0.0.1"]
    fake_net.answers["two.example"] = [PUBLIC, "127.0.0.1"]
    final, body, _ = fetch(f"http://one.example:{port}/to-two", Options())
    assert final == f"http://two.example:{port}/host" and body == f"two.example:{port}".encode()
    assert fake_net.lookups == ["one.example", "two.example"]
    assert fake_net.connects == [(PUBLIC, port), (PUBLIC, port)]


def test_a_redirect_to_a_name_that_resolves_to_loopback_is_refused(fake_net: FakeNet) -> None:
    fake_net.answers["one.example"] = [PUBLIC]
    fake_net.answers["two.example"] = ["127.0.0.1"]
    with pytest.raises(URLRefused, match="two.example"):
        fetch(f"http://one.example:{fake_net.server_port}/to-two", Options())


@pytest.fixture(scope="module")
def tls_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[int, ssl.SSLContext]]:
    """An HTTPS loopback server whose certificate names only pinned.example, and a context trusting it."""
    if not shutil.which("openssl"):
        pytest.skip("no openssl to make a test certificate")
    d = tmp_path_factory.mktemp("tls")
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-keyout",
                    str(d / "key.pem"), "-out", str(d / "cert.pem"), "-subj", "/CN=pinned.example",
                    "-addext", "subjectAltName=DNS:pinned.example"], check=True, capture_output=True)
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server_side = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    server_side.load_cert_chain(d / "cert.pem", d / "key.pem")
    httpd.socket = server_side.wrap_socket(httpd.socket, server_side=True)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield httpd.server_address[1], ssl.create_default_context(cafile=str(d / "cert.pem"))
    httpd.shutdown()


def test_tls_checks_the_name_while_connecting_to_the_pinned_address(tls_server: tuple[int, ssl.SSLContext],
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    port, trust = tls_server
    net = FakeNet(monkeypatch, port)
    net.answers["pinned.example"] = [PUBLIC, "127.0.0.1"]
    net.answers["other.example"] = [PUBLIC]
    _, body, _ = fetch(f"https://pinned.example:{port}/host", Options(), verify=trust)
    assert body == f"pinned.example:{port}".encode() and net.connects == [(PUBLIC, port)]
    # The same server under a name its certificate does not carry: the check is on the name (SNI and
    # certificate), not on the address connected to.
    with pytest.raises(FetchError, match="(?i)certificate"):
        fetch(f"https://other.example:{port}/host", Options(), verify=trust)


# -- one deadline for the whole fetch ---------------------------------------------------------------

@pytest.fixture(scope="module")
def trickler() -> Iterator[int]:
    """A loopback server that sends its status line, then one header byte every 0.2 s for 8 s."""
    listener = socket.create_server(("127.0.0.1", 0))
    stop = threading.Event()

    def serve() -> None:
        while not stop.is_set():
            try:
                conn, _ = listener.accept()
            except OSError:
                return
            threading.Thread(target=trickle, args=(conn,), daemon=True).start()

    def trickle(conn: socket.socket) -> None:
        with conn:
            try:
                conn.recv(65536)
                conn.sendall(b"HTTP/1.1 200 OK\r\n")
                for _ in range(40):
                    if stop.wait(0.2):
                        return
                    conn.sendall(b"X")
            except OSError:
                return

    threading.Thread(target=serve, daemon=True).start()
    yield listener.getsockname()[1]
    stop.set()
    listener.close()


def test_a_server_that_trickles_its_headers_is_cut_at_the_deadline(trickler: int) -> None:
    t0 = time.monotonic()
    with pytest.raises(FetchError, match="took longer than 1 s"):
        fetch(f"http://127.0.0.1:{trickler}/", Options(fetch_timeout=1.0), allowed=["127.0.0.1"])
    assert time.monotonic() - t0 < 1.0 + 0.6


def test_a_resolver_that_hangs_is_cut_at_the_deadline(monkeypatch: pytest.MonkeyPatch) -> None:
    def hang(*args: object, **kwargs: object) -> list[tuple]:
        time.sleep(3)
        raise socket.gaierror("gave up")

    monkeypatch.setattr(socket, "getaddrinfo", hang)
    t0 = time.monotonic()
    with pytest.raises(FetchError, match="took longer"):
        fetch("http://slow-dns.example/", Options(fetch_timeout=0.5))
    assert time.monotonic() - t0 < 0.5 + 0.6
