"""Fetching a URL (httpx): the one network path, guarded.

Every hop (the URL and each redirect) is resolved once, each address checked, and the connection is
made to those very addresses: the HTTP client never resolves the name again, so a DNS answer that
changes between the check and the connection (rebinding) cannot reach a private address. The URL's
host still names the server in the Host header, in TLS SNI and in the certificate check.

An address is fetched only when it is globally reachable: not private, loopback, link-local, carrier
NAT (100.64.0.0/10, where cloud metadata services live), IETF protocol space (192.0.0.0/24), site-local,
multicast, reserved or unspecified; an IPv4 address inside an IPv6 one (IPv4-mapped, NAT64, 6to4,
Teredo) is checked too. ``allow_private`` lets every address through, ``allowed`` names single ones.

One deadline covers the whole fetch: resolution, connection, TLS, headers, body and redirects. Each
socket operation is given at most the time left, so a server that trickles its bytes is cut at it.
"""
from __future__ import annotations

import ipaddress
import socket
import ssl
import threading
import time
from collections.abc import Iterable
from typing import Any
from urllib.parse import urljoin

import httpcore
import httpx
from httpcore._backends.sync import SyncStream  # its read, write and TLS over our socket, errors mapped

from ..errors import FetchError, TooLarge, URLRefused
from ..options import Options

USER_AGENT = "eventscope (+https://github.com/eventscope)"

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
SockAddr = tuple[int, tuple[Any, ...]]  # (address family, socket address) as getaddrinfo gives them

# Ranges ipaddress (Python 3.11) still calls global though they are not reachable across the internet.
_NOT_GLOBAL = tuple(ipaddress.ip_network(n) for n in (
    "192.0.0.0/24",   # IETF protocol assignments (RFC 6890), beyond the /29 Python knows
    "fec0::/10",      # IPv6 site-local, deprecated but still routed inside some networks
))
_NAT64 = ipaddress.ip_network("64:ff9b::/96")  # the well-known NAT64 prefix: the low 32 bits are IPv4


def refusal(addr: IPAddress) -> str | None:
    """Why ``addr`` may not be fetched ("non-public address ..."), or None for a globally reachable one."""
    if isinstance(addr, ipaddress.IPv6Address):
        # A mapped or NAT64 address is the IPv4 address it carries, whatever the IPv6 prefix says.
        inner = addr.ipv4_mapped or (ipaddress.IPv4Address(int(addr) & 0xFFFFFFFF) if addr in _NAT64 else None)
        if inner is not None:
            return f"non-public address {addr}, which carries {inner}" if refusal(inner) else None
    if (not addr.is_global or addr.is_multicast or addr.is_reserved or addr.is_unspecified or addr.is_private
            or addr.is_loopback or addr.is_link_local or any(addr in net for net in _NOT_GLOBAL)):
        return f"non-public address {addr}"
    if isinstance(addr, ipaddress.IPv6Address):
        # 6to4 and Teredo tunnel to the IPv4 addresses they embed: each must be public as well.
        for inner in [addr.sixtofour] if addr.sixtofour else list(addr.teredo or ()):
            if refusal(inner):
                return f"non-public address {addr}, which carries {inner}"
    return None


def _parse(url: str) -> httpx.URL:
    try:
        parsed = httpx.URL(url)
    except (httpx.InvalidURL, TypeError, ValueError) as e:
        raise URLRefused(f"not a valid URL: {e}", url) from e
    if parsed.scheme not in ("http", "https"):
        raise URLRefused(f"only http and https URLs are fetched, not {parsed.scheme or 'no scheme'!r}", url)
    if not parsed.raw_host:
        raise URLRefused("URL has no host", url)
    return parsed


def _origin(parsed: httpx.URL) -> tuple[str, int]:
    """(host, port) as httpcore names the connection: the host in ASCII (IDNA), the port made explicit."""
    return parsed.raw_host.decode("ascii"), parsed.port or (443 if parsed.scheme == "https" else 80)


def _resolve(host: str, port: int, seconds: float | None, url: str) -> list[tuple[Any, ...]]:
    """getaddrinfo, given at most ``seconds``: the resolver has no timeout of its own."""
    result: dict[str, Any] = {}

    def work() -> None:
        try:
            result["infos"] = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
        except (OSError, UnicodeError) as e:
            result["error"] = e

    worker = threading.Thread(target=work, name="eventscope-resolve", daemon=True)
    worker.start()
    worker.join(seconds)
    if worker.is_alive():
        raise FetchError(f"resolving {host!r} took longer than the {seconds:.3g} s left", url)
    if "error" in result:
        raise FetchError(f"cannot resolve host {host!r}: {result['error']}", url)
    return result["infos"]


def check_url(url: str, allow_private: bool = False, allowed: Iterable[str] = (),
              timeout: float | None = None) -> list[SockAddr]:
    """The addresses to connect to for ``url``, each checked; raise ``URLRefused`` unless ``url`` is
    http(s) and every address its host resolves to is public.

    ``allowed`` names addresses let through even when not public (for tests and known mirrors);
    ``timeout`` bounds the resolution.
    """
    host, port = _origin(_parse(url))
    infos = _resolve(host, port, timeout, url)
    allow = set(allowed)
    out: list[SockAddr] = []
    for family, _, _, _, sockaddr in infos:
        if family not in (socket.AF_INET, socket.AF_INET6):
            continue
        addr = ipaddress.ip_address(str(sockaddr[0]).split("%")[0])
        why = None if allow_private or str(addr) in allow else refusal(addr)
        if why:
            raise URLRefused(f"host {host!r} resolves to {why}; use --allow-private to fetch it anyway", url)
        if (family, sockaddr) not in out:
            out.append((family, tuple(sockaddr)))
    if not out:
        raise FetchError(f"host {host!r} has no IPv4 or IPv6 address", url)
    return out


# -- the pinned, deadline-bound connection ---------------------------------------------------------

class _Deadline:
    def __init__(self, seconds: float):
        self.seconds = seconds
        self.end = time.monotonic() + seconds

    def left(self) -> float:
        return self.end - time.monotonic()

    def cap(self, timeout: float | None, error: type[Exception]) -> float:
        """The time one operation may take: its own timeout, but never past the deadline."""
        left = self.left()
        if left <= 0:
            raise error(f"took longer than {self.seconds:g} s")
        return left if timeout is None else min(timeout, left)


class _Stream(httpcore.NetworkStream):
    """A connected stream whose every read, write and TLS handshake ends by the deadline."""

    def __init__(self, inner: httpcore.NetworkStream, deadline: _Deadline):
        self._inner = inner
        self._deadline = deadline

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        return self._inner.read(max_bytes, self._deadline.cap(timeout, httpcore.ReadTimeout))

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        self._inner.write(buffer, self._deadline.cap(timeout, httpcore.WriteTimeout))

    def close(self) -> None:
        self._inner.close()

    def start_tls(self, ssl_context: ssl.SSLContext, server_hostname: str | None = None,
                  timeout: float | None = None) -> httpcore.NetworkStream:
        # server_hostname is the URL's host (httpcore passes it), so SNI and the certificate check
        # are about the name, not about the pinned address.
        inner = self._inner.start_tls(ssl_context, server_hostname,
                                      self._deadline.cap(timeout, httpcore.ConnectTimeout))
        return _Stream(inner, self._deadline)

    def get_extra_info(self, info: str) -> Any:
        return self._inner.get_extra_info(info)


def _open_socket(family: int, sockaddr: tuple[Any, ...], timeout: float) -> socket.socket:
    sock = socket.socket(family, socket.SOCK_STREAM)
    try:
        sock.settimeout(timeout)
        sock.connect(sockaddr)
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    except BaseException:
        sock.close()
        raise
    return sock


class _PinnedBackend(httpcore.NetworkBackend):
    """Connects a (host, port) only to the addresses checked for it; it never resolves a name."""

    def __init__(self, deadline: _Deadline):
        self.deadline = deadline
        self.pins: dict[tuple[str, int], list[SockAddr]] = {}

    def connect_tcp(self, host: str, port: int, timeout: float | None = None, local_address: str | None = None,
                    socket_options: Iterable[Any] | None = None) -> httpcore.NetworkStream:
        addresses = self.pins.get((host, port))
        if not addresses:
            raise httpcore.ConnectError(f"{host}:{port} was not checked; not connecting")
        error: Exception = httpcore.ConnectError(f"cannot connect to {host}:{port}")
        for family, sockaddr in addresses:  # in the resolver's order, as the client would try them
            try:
                sock = _open_socket(family, sockaddr, self.deadline.cap(timeout, httpcore.ConnectTimeout))
                for option in socket_options or ():
                    sock.setsockopt(*option)
            except TimeoutError as e:
                error = httpcore.ConnectTimeout(f"connecting to {sockaddr[0]}: {e}")
            except OSError as e:
                error = httpcore.ConnectError(f"connecting to {sockaddr[0]}: {e}")
            else:
                return _Stream(SyncStream(sock), self.deadline)
        raise error

    def connect_unix_socket(self, path: str, timeout: float | None = None,
                            socket_options: Iterable[Any] | None = None) -> httpcore.NetworkStream:
        raise httpcore.ConnectError("unix sockets are not fetched")


class _PinnedTransport(httpx.HTTPTransport):
    def __init__(self, backend: _PinnedBackend, verify: ssl.SSLContext | bool):
        context = verify if isinstance(verify, ssl.SSLContext) else httpx.create_ssl_context(verify=verify,
                                                                                            trust_env=False)
        super().__init__(verify=context, trust_env=False)
        # httpx takes no network backend, so the pool it built is replaced by the same pool over ours.
        self._pool = httpcore.ConnectionPool(ssl_context=context, network_backend=backend)


def fetch(url: str, options: Options, allowed: Iterable[str] = (),
          verify: ssl.SSLContext | bool = True) -> tuple[str, bytes, str]:
    """Fetch ``url``; return (final URL, body bytes, content type). Raises ``FetchError``.

    ``verify`` is the TLS verification: the system's CA bundle by default, or a context trusting a
    private CA (a known mirror).
    """
    deadline = _Deadline(options.fetch_timeout)
    backend = _PinnedBackend(deadline)
    late = f"took longer than {options.fetch_timeout:g} s"
    current = url
    # trust_env off: a proxy from the environment would connect (and resolve) on its own.
    with httpx.Client(transport=_PinnedTransport(backend, verify), follow_redirects=False, trust_env=False,
                      timeout=options.fetch_timeout,
                      headers={"User-Agent": USER_AGENT, "Accept-Encoding": "gzip"}) as client:
        for _ in range(options.fetch_max_redirects + 1):
            left = deadline.left()
            if left <= 0:
                raise FetchError(late, current)
            addresses = check_url(current, options.allow_private, allowed, timeout=left)
            backend.pins[_origin(_parse(current))] = addresses
            try:
                with client.stream("GET", current) as resp:
                    if resp.is_redirect:
                        location = resp.headers.get("location")
                        if not location:
                            raise FetchError(f"redirect {resp.status_code} without a Location", current)
                        current = urljoin(current, location)
                        continue
                    if resp.status_code >= 400:
                        raise FetchError(f"HTTP {resp.status_code}", current)
                    declared = resp.headers.get("content-length")
                    if declared and declared.isdigit() and int(declared) > options.max_bytes:
                        raise TooLarge(f"{int(declared):,} bytes is over the {options.max_bytes:,}-byte limit",
                                       current)
                    body = bytearray()
                    for chunk in resp.iter_raw():
                        body += chunk
                        if len(body) > options.max_bytes:
                            raise TooLarge(f"body over the {options.max_bytes:,}-byte limit", current)
                        if deadline.left() <= 0:
                            raise FetchError(late, current)
                    return current, _decoded(bytes(body), resp.headers.get("content-encoding")), \
                        resp.headers.get("content-type", "")
            except httpx.TimeoutException as e:
                raise FetchError(late, current) from e
            except httpx.HTTPError as e:
                raise FetchError(f"{type(e).__name__}: {e}", current) from e
    raise FetchError(f"more than {options.fetch_max_redirects} redirects", url)


def _decoded(body: bytes, encoding: str | None) -> bytes:
    # iter_raw keeps the size cap on the wire bytes; a gzip body is then handled by decode().
    if encoding and encoding.strip().lower() not in ("gzip", "identity", ""):
        raise FetchError(f"unsupported content encoding {encoding!r}")
    return body
