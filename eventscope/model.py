"""The records that flow through eventscope, defined once.

One article goes ``RawDoc`` (read) -> ``Article`` (clean) -> annotated ``Article`` (actors, events,
quotes, timex filled by the NLP stages) -> store. Spans are ``(start, end)`` character offsets into
``Article.text`` (end exclusive), as in the batch contract.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import asdict, dataclass, field
from typing import Any, Literal

Kind = Literal["html", "text"]
Span = tuple[int, int]


def content_id(data: bytes) -> str:
    """The stable id of a piece of content: the first 16 hex digits of its SHA-256."""
    return hashlib.sha256(data).hexdigest()[:16]


def parse_date(value: str | None) -> dt.date | None:
    """An ISO 8601 date or datetime string (``published``, an event's date) as a date, from its first ten
    characters; None where it is not one."""
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None


@dataclass
class RawDoc:
    """One document as read from a source, before any cleaning.

    ``body`` is the decoded text (HTML or plain); ``raw`` the bytes it came from, kept so that the
    article can be re-processed when the pipeline improves.
    """

    body: str
    kind: Kind
    origin: str  # where it was read: a path, "path#entry-3", a WARC record, a URL, "stdin:12"
    raw: bytes = b""
    url: str | None = None
    published: str | None = None  # given by the source (feed, WARC date, caller), ISO 8601
    outlet: str | None = None
    title: str | None = None
    caller_id: Any = None  # the id a batch caller gave (any JSON value), echoed back unchanged
    # What a reader had to repair to hand the document on (invalid characters replaced, ...), for the user.
    warnings: list[str] = field(default_factory=list)

    @property
    def id(self) -> str:
        """Content hash of the raw input (the body where no raw bytes were kept)."""
        return content_id(self.raw or self.body.encode("utf-8"))


@dataclass
class Removal:
    """A piece of text cut as page furniture, and why."""

    text: str
    reason: str


@dataclass
class Mention:
    """An actor mention: who the words refer to."""

    text: str
    span: Span
    code: str | None = None  # ISO 3166 alpha-3 (XKX for Kosovo) or IGO/NGO/...
    sector: str | None = None  # PLOVER/CAMEO sector: GOV, MIL, LEG, ...
    name: str | None = None  # canonical name of a known person or body
    actor_id: str | None = None  # key into the actor dictionary, where resolved
    # How the mention was found: "name", "alias", "fuzzy", "title" (title + nationality pattern),
    # "surname", "reference" ("the Serbian leader"), "group" ("the two countries"), "pronoun";
    # in event roles only: "place" (a city standing for its country), "group" (unnamed people of a state).
    via: str | None = None


@dataclass
class Location:
    text: str
    span: Span
    name: str | None = None
    country: str | None = None
    lat: float | None = None
    lon: float | None = None


@dataclass
class Trigger:
    text: str
    span: Span


@dataclass
class Event:
    """One coded event (PLOVER with CAMEO code), tied to the words it came from."""

    event: str
    cameo: str
    quad: int
    goldstein: float
    actor: list[Mention]
    recipient: list[Mention]
    trigger: Trigger
    sentence: Span
    modality: str = "asserted"
    mode: str | None = None
    context: list[str] = field(default_factory=list)
    date: str | None = None
    location: Location | None = None


@dataclass
class Quote:
    text: str
    span: Span
    kind: Literal["direct", "indirect", "mixed"]
    cue: str | None = None
    speaker: Mention | None = None
    events: list[int] = field(default_factory=list)  # indices into Article.events of the events it carries
    # False for attributions that are not speech: stances, beliefs, wishes, evidence ("X wants a wall",
    # "a poll shows ..."), as PolNeAR annotates them. Listings show speech unless asked for all.
    speech: bool = True


@dataclass
class Timex:
    text: str
    span: Span
    value: str | None
    inferred: bool = False  # anchored on a year found in the text, not on a publication date


@dataclass
class Article:
    """A cleaned article: main text, metadata, what was removed, and the annotations."""

    id: str
    text: str
    origin: str
    title: str | None = None
    published: str | None = None
    outlet: str | None = None
    language: str | None = None
    url: str | None = None
    removed: list[Removal] = field(default_factory=list)
    actors: list[Mention] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    timex: list[Timex] = field(default_factory=list)
    story: str | None = None
    caller_id: Any = None
    warnings: list[str] = field(default_factory=list)  # the reader's repairs (RawDoc.warnings)

    def to_contract(self) -> dict[str, Any]:
        """The article as one output line of the batch contract (../shared/CONTRACT.md)."""
        d = asdict(self)
        out: dict[str, Any] = {"id": self.caller_id if self.caller_id is not None else self.id}
        for key in ("title", "published", "outlet", "language", "url", "text", "removed", "story",
                    "actors", "events", "quotes", "timex"):
            out[key] = _lists(d[key])
        if self.warnings:  # an added field, only where there is something to say
            out["warnings"] = list(self.warnings)
        return out


@dataclass
class Quarantined:
    """An input that could not be used, with the reason, kept so the user can list and retry it."""

    origin: str
    reason: str
    raw: bytes = b""
    caller_id: Any = None

    @property
    def id(self) -> str:
        return content_id(self.origin.encode("utf-8") + b"\0" + self.raw)


def _lists(value: Any) -> Any:
    """Tuples (spans) as JSON lists, recursively."""
    if isinstance(value, tuple):
        return [_lists(v) for v in value]
    if isinstance(value, list):
        return [_lists(v) for v in value]
    if isinstance(value, dict):
        return {k: _lists(v) for k, v in value.items()}
    return value


def _mention(d: dict[str, Any] | None) -> Mention | None:
    if not d:
        return None
    return Mention(text=d["text"], span=tuple(d["span"]), code=d.get("code"), sector=d.get("sector"),  # type: ignore[arg-type]
                   name=d.get("name"), actor_id=d.get("actor_id"), via=d.get("via"))


def _event(d: dict[str, Any]) -> Event:
    loc = d.get("location")
    return Event(event=d["event"], cameo=d["cameo"], quad=d["quad"], goldstein=d["goldstein"],
                 actor=[m for m in map(_mention, d.get("actor") or []) if m],
                 recipient=[m for m in map(_mention, d.get("recipient") or []) if m],
                 trigger=Trigger(d["trigger"]["text"], tuple(d["trigger"]["span"])),  # type: ignore[arg-type]
                 sentence=tuple(d["sentence"]), modality=d.get("modality", "asserted"),  # type: ignore[arg-type]
                 mode=d.get("mode"), context=list(d.get("context") or []), date=d.get("date"),
                 location=Location(**{**loc, "span": tuple(loc["span"])}) if loc else None)


def article_from_dict(d: dict[str, Any]) -> Article:
    """An Article back from its stored or contract form (JSON lists for spans, dicts for records)."""
    def lst(key: str) -> list[Any]:
        v = d.get(key) or []
        return json.loads(v) if isinstance(v, str) else list(v)

    return Article(
        id=d["id"], text=d.get("text") or "", origin=d.get("origin") or "", title=d.get("title"),
        published=d.get("published"), outlet=d.get("outlet"), language=d.get("language"), url=d.get("url"),
        removed=[Removal(r["text"], r["reason"]) for r in lst("removed")],
        actors=[m for m in map(_mention, lst("actors")) if m],
        events=[_event(e) for e in lst("events")],
        quotes=[Quote(text=q["text"], span=tuple(q["span"]), kind=q["kind"], cue=q.get("cue"),  # type: ignore[arg-type]
                      speaker=_mention(q.get("speaker")), events=list(q.get("events") or []),
                      speech=q.get("speech", True)) for q in lst("quotes")],
        timex=[Timex(t["text"], tuple(t["span"]), t.get("value"), t.get("inferred", False))  # type: ignore[arg-type]
               for t in lst("timex")],
        story=d.get("story"), caller_id=d.get("caller_id"), warnings=lst("warnings"))
