"""Fetching a URL (httpx): the one network path, guarded.

Refuses private, loopback, link-local, multicast and reserved addresses (unless allowed), checks
every redirect hop again, caps the body size and the total time.
"""
from __future__ import annotations

import ipaddress
import socket
import time
from collections.abc import Iterable
from urllib.parse import urljoin, urlsplit

from ..errors import FetchError, TooLarge, URLRefused
from ..options import Options

USER_AGENT = "eventscope (+https://github.com/eventscope)"


def check_url(url: str, allow_private: bool = False,
              allowed: Iterable[str] = ()) -> None:
    """Raise ``URLRefused`` unless ``url`` is http(s) and every address its host resolves to is public.

    ``allowed`` names addresses let through even when not public (for tests and known mirrors).
    """
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https"):
        raise URLRefused(f"only http and https URLs are fetched, not {parts.scheme or 'no scheme'!r}", url)
    host = parts.hostname
    if not host:
        raise URLRefused("URL has no host", url)
    try:
        infos = socket.getaddrinfo(host, parts.port or (443 if parts.scheme == "https" else 80),
                                   type=socket.SOCK_STREAM)
    except socket.gaierror as e:
        raise FetchError(f"cannot resolve host {host!r}: {e}", url) from e
    if allow_private:
        return
    allow = set(allowed)
    for info in infos:
        addr = ipaddress.ip_address(str(info[4][0]).split("%")[0])
        if str(addr) in allow:
            continue
        if (addr.is_private or addr.is_loopback or addr.is_link_local or addr.is_multicast
                or addr.is_reserved or addr.is_unspecified):
            raise URLRefused(f"host {host!r} resolves to non-public address {addr}; "
                             "use --allow-private to fetch it anyway", url)


def fetch(url: str, options: Options, allowed: Iterable[str] = ()) -> tuple[str, bytes, str]:
    """Fetch ``url``; return (final URL, body bytes, content type). Raises ``FetchError``."""
    import httpx

    deadline = time.monotonic() + options.fetch_timeout
    current = url
    with httpx.Client(follow_redirects=False, timeout=options.fetch_timeout,
                      headers={"User-Agent": USER_AGENT, "Accept-Encoding": "gzip"}) as client:
        for _ in range(options.fetch_max_redirects + 1):
            check_url(current, options.allow_private, allowed)
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
                        if time.monotonic() > deadline:
                            raise FetchError(f"took longer than {options.fetch_timeout:g} s", current)
                    return current, _decoded(bytes(body), resp.headers.get("content-encoding")), \
                        resp.headers.get("content-type", "")
            except httpx.HTTPError as e:
                raise FetchError(f"{type(e).__name__}: {e}", current) from e
    raise FetchError(f"more than {options.fetch_max_redirects} redirects", url)


def _decoded(body: bytes, encoding: str | None) -> bytes:
    # iter_raw keeps the size cap on the wire bytes; a gzip body is then handled by decode().
    if encoding and encoding.strip().lower() not in ("gzip", "identity", ""):
        raise FetchError(f"unsupported content encoding {encoding!r}")
    return body
