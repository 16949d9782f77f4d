"""The web app: the REST API (routes.py) and the dashboard (static/), built around one database file.

Every asset is served from the package (the machines it runs on are offline). The dashboard puts
stored text into the page only as text (``textContent``), and a strict Content-Security-Policy
forbids inline scripts, so markup inside an article stays inert even if a view slipped.
"""
from __future__ import annotations

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


def create_app(db_path: str | Path, token: str | None = None) -> FastAPI:
    """The app over the database at ``db_path``; ``token`` (when set) allows POST /api/ingest."""
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
    async def headers(request: Request, call_next: Any) -> Any:
        response = await call_next(request)
        response.headers["Content-Security-Policy"] = CSP
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["Referrer-Policy"] = "no-referrer"
        response.headers["X-Frame-Options"] = "DENY"
        return response

    return app
