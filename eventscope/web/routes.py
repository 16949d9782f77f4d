"""The REST API under /api/: read-only queries, and ingest when the user set a token.

Parameters are validated by FastAPI (a bad one is a 422 that names it); an unknown id is a 404; a
database held by another process's ingest is a 503 with Retry-After.
"""
from __future__ import annotations

import hmac
import json
import threading
from enum import Enum
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Header, HTTPException, Path, Query, Request, Response
from pydantic import BaseModel, ConfigDict, Field

from . import queries
from .db import Database
from .jobs import IngestJobs

router = APIRouter(prefix="/api")

DATE = r"^\d{4}(-\d{2}(-\d{2})?)?$"  # ISO 8601 at year, month or day precision
CODE = r"^[A-Za-z]{2,8}$"
Limit = Annotated[int, Query(ge=1, le=1000, description="Rows per page.")]
Offset = Annotated[int, Query(ge=0, le=10**9, description="Rows skipped (paging).")]
Text = Annotated[str | None, Query(min_length=1, max_length=200)]


class EventType(str, Enum):
    AGREE = "AGREE"
    CONSULT = "CONSULT"
    SUPPORT = "SUPPORT"
    CONCEDE = "CONCEDE"
    COOPERATE = "COOPERATE"
    AID = "AID"
    RETREAT = "RETREAT"
    REQUEST = "REQUEST"
    ACCUSE = "ACCUSE"
    REJECT = "REJECT"
    THREATEN = "THREATEN"
    PROTEST = "PROTEST"
    SANCTION = "SANCTION"
    MOBILIZE = "MOBILIZE"
    COERCE = "COERCE"
    ASSAULT = "ASSAULT"


Modality = Literal["asserted", "planned", "hypothetical", "negated", "historical"]


def db(request: Request) -> Database:
    return request.app.state.db


DB = Annotated[Database, Depends(db)]


@router.get("/stats", summary="Counts: documents, articles, annotations, quarantine, outlets, dates")
def stats(database: DB) -> dict[str, Any]:
    with database.read() as s:
        out = s.stats()
        out["stories"] = queries.count_stories(s)
        return out


@router.get("/articles", summary="Articles, filtered by text, outlet or story")
def articles(database: DB, limit: Limit = 50, offset: Offset = 0, search: Text = None, outlet: Text = None,
             story: Text = None) -> list[dict[str, Any]]:
    with database.read() as s:
        return queries.articles(s, limit=limit, offset=offset, search=search, outlet=outlet, story=story)


@router.get("/articles/{doc_id}", summary="One article (by id or unique id prefix) with its annotations")
def article(database: DB, doc_id: Annotated[str, Path(pattern=r"^[0-9a-f]{4,16}$")]) -> dict[str, Any]:
    with database.read() as s:
        row = s.article(doc_id)
    if row is None:
        raise HTTPException(404, f"no article with id {doc_id!r} (or the prefix is not unique)")
    return row


@router.get("/stories", summary="Stories, those told by most outlets first")
def stories(database: DB, limit: Limit = 50, offset: Offset = 0,
            min_outlets: Annotated[int, Query(ge=1, le=1000)] = 1) -> list[dict[str, Any]]:
    with database.read() as s:
        return queries.stories(s, limit=limit, offset=offset, min_outlets=min_outlets)


@router.get("/stories/{story_id}", summary="One story: its articles side by side and its events with evidence")
def story(database: DB, story_id: Annotated[str, Path(min_length=1, max_length=200)]) -> dict[str, Any]:
    with database.read() as s:
        row = queries.story(s, story_id)
    if row is None:
        raise HTTPException(404, f"no story {story_id!r}")
    return row


def event_filters(actor: Text = None, recipient: Text = None,
                  type: Annotated[EventType | None, Query(description="PLOVER event type")] = None,
                  modality: Modality | None = None, since: Annotated[str | None, Query(pattern=DATE)] = None,
                  until: Annotated[str | None, Query(pattern=DATE)] = None) -> dict[str, Any]:
    """The filters ``/events`` and ``/fused-events`` share, as ``Store.events`` takes them."""
    return {"actor": actor, "recipient": recipient, "event": type.value if type else None, "modality": modality,
            "since": since, "until": until}


EventFilters = Annotated[dict[str, Any], Depends(event_filters)]


def _page(rows: list[dict[str, Any]], limit: int, offset: int) -> dict[str, Any]:
    # One row more than asked says whether a next page exists, without a count over the whole table.
    return {"rows": rows[:limit], "offset": offset, "limit": limit, "more": len(rows) > limit}


@router.get("/events", summary="Per-article coded events, filtered")
def events(database: DB, filters: EventFilters, limit: Limit = 100, offset: Offset = 0) -> dict[str, Any]:
    with database.read() as s:
        return _page(s.events(**filters, limit=limit + 1, offset=offset), limit, offset)


@router.get("/fused-events", summary="Events fused across outlets (a happening once, with its source counts)")
def fused_events(database: DB, filters: EventFilters, limit: Limit = 100, offset: Offset = 0) -> dict[str, Any]:
    """Each happening once, however many outlets reported it: ``n_sources``, ``n_independent`` (a syndicated
    copy counts once), ``first_report`` and the outlets' discrepancies; filters as ``/events``."""
    with database.read() as s:
        return _page(s.fused_events(**filters, limit=limit + 1, offset=offset), limit, offset)


@router.get("/actors", summary="Actors with mention and article counts")
def actors(database: DB, code: Annotated[str | None, Query(pattern=CODE)] = None,
           limit: Limit = 100) -> list[dict[str, Any]]:
    with database.read() as s:
        return s.actors(limit=limit, code=code.upper() if code else None)


@router.get("/dyads", summary="Pairs of actors that acted on or with each other, busiest first")
def dyads(database: DB, limit: Limit = 50, include_all: bool = False, reports: bool = False) -> list[dict[str, Any]]:
    """Counted in fused events (a happening once, however many outlets reported it); ``reports``: every report."""
    with database.read() as s:
        return queries.dyads(s, limit=limit, include_all=include_all, reports=reports)


@router.get("/dyads/{a}/{b}", summary="Cooperation and conflict between two actors over time")
def dyad(database: DB, a: Annotated[str, Path(pattern=CODE)], b: Annotated[str, Path(pattern=CODE)],
         by: Literal["day", "month", "year"] = "month", include_all: bool = False,
         reports: bool = False) -> dict[str, Any]:
    """Counted in fused events (a happening once, however many outlets reported it); ``reports``: every report."""
    if a.upper() == b.upper():
        raise HTTPException(422, "a dyad needs two different actors")
    with database.read() as s:
        return queries.dyad(s, a, b, by=by, include_all=include_all, reports=reports)


@router.get("/network", summary="Who acts on whom: actor nodes and cooperation/conflict edges")
def network(database: DB, limit: Limit = 80, include_all: bool = False, reports: bool = False) -> dict[str, Any]:
    """Counted in fused events (a happening once, however many outlets reported it); ``reports``: every report."""
    with database.read() as s:
        return queries.network(s, limit=limit, include_all=include_all, reports=reports)


@router.get("/quotes", summary="Quotes with their speakers")
def quotes(database: DB, speaker: Text = None, search: Text = None, limit: Limit = 100,
           offset: Offset = 0) -> list[dict[str, Any]]:
    with database.read() as s:
        return s.quotes(speaker=speaker, search=search, limit=limit, offset=offset)


@router.get("/quarantine", summary="Inputs that could not be used, and why")
def quarantine(database: DB, limit: Limit = 100) -> list[dict[str, Any]]:
    with database.read() as s:
        return s.quarantined(limit=limit)


# -- ingest (only with a token) ------------------------------------------------------------------

class Document(BaseModel):
    """One document, as a line of the batch contract's input; "path" is not accepted over HTTP."""

    model_config = ConfigDict(extra="forbid")
    id: str | None = Field(None, max_length=200)
    text: str | None = Field(None, max_length=10_000_000)
    html: str | None = Field(None, max_length=10_000_000)
    url: str | None = Field(None, max_length=2000)
    published: str | None = Field(None, max_length=40)
    outlet: str | None = Field(None, max_length=200)
    title: str | None = Field(None, max_length=1000)


class IngestRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")
    documents: list[Document] = Field(min_length=1, max_length=500)


def _token(request: Request, authorization: Annotated[str | None, Header()] = None) -> None:
    token = request.app.state.token
    if not token:
        raise HTTPException(404, "ingest is off: start the server with a token to allow it")
    # RFC 7235: the scheme is required, and compared without regard to case ("bearer" is "Bearer").
    scheme, _, given = (authorization or "").strip().partition(" ")
    if scheme.lower() != "bearer" or not hmac.compare_digest(given.strip().encode(), token.encode()):
        raise HTTPException(401, "a valid token is needed: Authorization: Bearer TOKEN",
                            headers={"WWW-Authenticate": "Bearer"})


@router.post("/ingest", summary="Add documents (only when the server was started with a token)", status_code=202,
             dependencies=[Depends(_token)])
def ingest(request: Request, response: Response, body: IngestRequest) -> dict[str, Any]:
    """Starts an ingest job and answers at once (202, ``Location`` its URL): the documents are annotated in the
    background, written in short windows so that reads keep answering, and grouped into stories at the end, as
    ``eventscope ingest`` does. ``GET /api/ingest/{id}`` gives the job's state and, once done, its report."""
    lines = [json.dumps(d.model_dump(exclude_none=True), ensure_ascii=False) for d in body.documents]
    job = _jobs(request).submit(lines)
    response.headers["Location"] = f"/api/ingest/{job['id']}"
    return job


@router.get("/ingest/{job_id}", summary="An ingest job: its state (queued, running, done, failed) and report",
            dependencies=[Depends(_token)])
def ingest_job(request: Request, job_id: Annotated[str, Path(pattern=r"^[0-9a-f]{32}$")]) -> dict[str, Any]:
    job = _jobs(request).get(job_id)
    if job is None:
        raise HTTPException(404, f"no ingest job {job_id!r}")
    return job


_JOBS_LOCK = threading.Lock()


def _jobs(request: Request) -> IngestJobs:
    """The app's ingest jobs, made on first use (only a server with a token has any)."""
    with _JOBS_LOCK:
        jobs = getattr(request.app.state, "ingest_jobs", None)
        if jobs is None:
            jobs = request.app.state.ingest_jobs = IngestJobs(request.app.state.db)
        return jobs
