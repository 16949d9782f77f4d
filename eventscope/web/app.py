"""The web app: the REST API (routes.py) and the dashboard (static/), built around one database file.

Every asset is served from the package (the machines it runs on are offline). The dashboard puts
stored text into the page only as text (``textContent``), and a strict Content-Security-Policy
forbids inline scripts, so markup inside an article stays inert even if a view slipped.

A request is answered only when its ``Host`` names this server (``bound_names``): a page on another
site whose name has been rebound to 127.0.0.1 reaches the port, but its requests carry its own name,
so they are refused (400) before any route runs and the page cannot read the API.
"""
from __future__ import annotations

import ipaddress
from collections.abc import Iterable
from importlib import resources
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.responses import FileResponse, JSONResponse
from fastapi.staticfiles import StaticFiles

from .. import __version__
from .db import Database, DatabaseBusy
from .routes import router

STATIC = Path(str(resources.files("eventscope.web") / "static"))
CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
       "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")


LOOPBACK_NAMES = frozenset({"localhost", "127.0.0.1", "::1"})
_WILDCARDS = ("0.0.0.0", "::", "")


def bound_names(host: str = "127.0.0.1", extra: Iterable[str] = ()) -> frozenset[str]:
    """The names a server bound to ``host`` answers to: ``host`` itself, the loopback names when it
    listens on loopback (or everywhere), and ``extra`` (the names a reverse proxy or the LAN uses)."""
    names = {_bare(host)} | {_bare(n) for n in extra}
    if _is_loopback(host) or host in _WILDCARDS:
        names |= LOOPBACK_NAMES
    return frozenset(n for n in names if n and n not in _WILDCARDS)


def _is_loopback(host: str) -> bool:
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def _bare(name: str) -> str:
    """A host name as compared: lower case, no trailing dot, an IPv6 address without brackets."""
    return name.strip().lower().rstrip(".").removeprefix("[").removesuffix("]")


def host_of(header: str) -> str | None:
    """The name in a ``Host`` header (``name``, ``name:port``, ``[v6]``, ``[v6]:port``), or None if malformed."""
    value = header.strip()
    if value.startswith("["):
        end = value.find("]")
        if end < 0:
            return None
        name, rest = value[1:end], value[end + 1:]
    else:
        name, colon, port = value.partition(":")
        rest = colon + port
    if rest and not (rest.startswith(":") and rest[1:].isdigit()):
        return None
    return _bare(name) or None


def create_app(db_path: str | Path, token: str | None = None,
               hosts: Iterable[str] = LOOPBACK_NAMES) -> FastAPI:
    """The app over the database at ``db_path``; ``token`` (when set) allows POST /api/ingest.

    ``hosts``: the names the server answers to (``bound_names``); a request whose Host header names
    anything else is refused. The default, the loopback names, fits a server on 127.0.0.1.
    """
    allowed = frozenset(_bare(h) for h in hosts)
    app = FastAPI(title="eventscope", version=__version__,
                  description="Events, stories, actors and quotes from the news, with the evidence for each. "
                              "Read-only unless the server was started with a token.",
                  docs_url=None, redoc_url=None)  # their pages load from a CDN; offline
    app.state.db = Database(db_path)
    app.state.token = token or None
    app.include_router(router)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")

    @app.get("/", include_in_schema=False)
    def index() -> FileResponse:
        return FileResponse(STATIC / "index.html", media_type="text/html")

    @app.exception_handler(DatabaseBusy)
    def busy(request: Request, exc: DatabaseBusy) -> JSONResponse:
        return JSONResponse({"detail": "the database is held by another process (an ingest is writing); "
                                       "try again when it ends"}, status_code=503, headers={"Retry-After": "5"})

    @app.middleware("http")
    async def known_host(request: Request, call_next: Any) -> Any:
        if host_of(request.headers.get("host", "")) not in allowed:
            return JSONResponse({"detail": "unknown Host: this server answers only to its own names "
                                           "(serve --allow-host adds one)"}, status_code=400)
        return await call_next(request)

    # Declared after known_host, so it wraps it: a refusal carries the same headers.
    @app.middleware("http")
    async def headers(request: Request, call_next: Any) -> Any:
        response = await call_next(request)
        response.headers["Content-Security-Policy"] = CSP
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["Referrer-Policy"] = "no-referrer"
        response.headers["X-Frame-Options"] = "DENY"
        return response

    return app
