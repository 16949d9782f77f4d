"""The notebook API: a database's events, stories, dyads, articles and quotes as pandas DataFrames.

    >>> import eventscope.frames as ef
    >>> with ef.open("news.duckdb") as db:
    ...     events = db.events(actor="SRB", since="2025-01-01")
    ...     series = db.dyad("SRB", "HUN", by="month")

The database is opened read-only, so a notebook can read while nothing else writes.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any

import pandas as pd

from .store import Store

# Columns of an events frame, in order; lists stay lists (actor_codes, recipient_codes, context).
EVENT_COLUMNS = ["id", "article_id", "idx", "date", "published", "event", "cameo", "quad", "goldstein", "modality",
                 "mode", "context", "actor_codes", "actor_names", "recipient_codes", "recipient_names",
                 "trigger_text", "place", "place_country", "outlet", "title", "url", "sentence_text"]


FUSED_COLUMNS = ["id", "story_id", "event", "cameo", "quad", "goldstein", "modality", "date", "actor_codes",
                 "recipient_codes", "actor_names", "recipient_names", "place", "n_sources", "n_independent",
                 "first_report", "discrepancies"]


def events_frame(store: Store, **filters: Any) -> pd.DataFrame:
    """Per-article events, filtered as ``Store.events`` (actor, recipient, event, modality, since, until)."""
    from .export import event_rows

    rows = []
    for r in event_rows(store, **filters):
        rows.append({
            "id": f"{r['article_id']}-{r['idx']}", "article_id": r["article_id"], "idx": r["idx"],
            "date": r["date"], "published": r["published"], "event": r["event"], "cameo": r["cameo"],
            "quad": r["quad"], "goldstein": r["goldstein"], "modality": r["modality"], "mode": r["mode"],
            "context": list(r["context"] or []), "actor_codes": list(r["actor_codes"] or []),
            "actor_names": _names(r["actor"]), "recipient_codes": list(r["recipient_codes"] or []),
            "recipient_names": _names(r["recipient"]), "trigger_text": r["trigger_text"], "place": r["place"],
            "place_country": r["place_country"], "outlet": r["outlet"], "title": r["title"], "url": r["url"],
            "sentence_text": r["sentence_text"]})
    return pd.DataFrame(rows, columns=EVENT_COLUMNS)


def _names(mentions: list[dict[str, Any]]) -> list[str]:
    out: list[str] = []
    for m in mentions:
        n = m.get("name") or m.get("text")
        if n and n not in out:
            out.append(n)
    return out


class Frames:
    """An open database, read as DataFrames."""

    def __init__(self, path: str | Path):
        self.store = Store(path, read_only=True)

    def close(self) -> None:
        self.store.close()

    def __enter__(self) -> Frames:  # noqa: PYI034
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def events(self, **filters: Any) -> pd.DataFrame:
        """Per-article events; filters: actor, recipient, event, modality, since, until."""
        return events_frame(self.store, **filters)

    def fused_events(self, **filters: Any) -> pd.DataFrame:
        """Events fused across the reports of each story, a happening once, with ``n_sources`` and
        ``n_independent`` (a syndicated copy counts once) and its first report; filters as ``events``.
        Empty where the stories were never grouped."""
        return pd.DataFrame(self.store.fused_events(**filters, limit=10**9), columns=FUSED_COLUMNS)

    def articles(self, search: str | None = None, outlet: str | None = None, limit: int = 10**9) -> pd.DataFrame:
        """Articles (metadata and a snippet; the full text is ``store.article(id)``)."""
        from .web import queries

        return pd.DataFrame(queries.articles(self.store, limit=limit, search=search, outlet=outlet))

    def stories(self, min_outlets: int = 1) -> pd.DataFrame:
        """Stories with their article and outlet counts, those told by most outlets first."""
        from .web import queries

        return pd.DataFrame(queries.stories(self.store, limit=10**9, min_outlets=min_outlets),
                            columns=["id", "title", "first_published", "last_published", "n_articles", "n_outlets",
                                     "outlets"])

    def dyads(self, include_all: bool = False, reports: bool = False) -> pd.DataFrame:
        """Every pair of actors that acted on or with each other, with cooperation/conflict counts (of fused
        events; of every report with ``reports``)."""
        from .web import queries

        return pd.DataFrame(queries.dyads(self.store, limit=10**9, include_all=include_all, reports=reports),
                            columns=["a", "b", "events", "cooperation", "conflict", "goldstein"])

    def dyad(self, a: str, b: str, by: str = "month", include_all: bool = False,
             reports: bool = False) -> pd.DataFrame:
        """Cooperation and conflict between two actors per period (``by``: day, month or year), in fused
        events (in every report with ``reports``)."""
        from .web import queries

        if by not in ("day", "month", "year"):
            raise ValueError("by must be day, month or year")
        return pd.DataFrame(queries.dyad(self.store, a, b, by=by, include_all=include_all, reports=reports)["series"],
                            columns=["period", "cooperation", "conflict", "goldstein", "events"])

    def quotes(self, speaker: str | None = None, search: str | None = None) -> pd.DataFrame:
        """Quotes with their speakers."""
        return pd.DataFrame(self.store.quotes(speaker=speaker, search=search, limit=10**9))

    def sql(self, query: str, params: list[Any] | None = None) -> pd.DataFrame:
        """Any read query over the store's tables."""
        return pd.DataFrame(self.store.rows(query, params))


def open(path: str | Path) -> Frames:
    """Open a database for reading as DataFrames."""
    return Frames(path)
