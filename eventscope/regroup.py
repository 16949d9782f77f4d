"""Stories and fused events against the store: the streaming side of ``group``.

After an ingest, every stored article without a story joins an open story or starts one, and the stories
that changed get their fused events, sources, agreements and discrepancies written again. A story changes
where it gains an article, and where revision (``stories/index.py``) moves a recent article from one story
to another: both are written again, and a story left without articles is dropped.

The story index goes on from where the last ingest left it: its state is kept in the store (table
``story_index``, plain JSON, compressed) with the number of articles grouped then, so an ingest costs its
new articles, not the open window. Where there is no kept state to go on from (a store grouped by an older
version, or a state of another configuration), the index is rebuilt from the stored articles that can
still be in an open story: those whose stream date (their own date, or for an undated article the newest
date the stream had seen when it was grouped, kept as ``grouped_on``) lies within
``StoryConfig.max_gap_days`` of the newest; older stories are closed, so a rebuild costs the open window,
not the whole history. A rebuild replays the stored articles without revising them: they keep the
stories they were given.
"""
from __future__ import annotations

import datetime as dt
from collections import Counter
from typing import Any

from .model import Article, Event, Mention, parse_date
from .store import Store, encode_state
from .stories import StoryIndex, fuse
from .stories.index import StoryConfig, order_key
from .stories.text import features


def assign_new(store: Store) -> set[str]:
    """Give every unassigned article its story; return the ids of the stories that changed.

    The assignment is written in one transaction (``Store.assign_stories``), which also marks the changed
    stories pending until ``refresh`` writes them: a kill at any point loses nothing for good."""
    new = store.load_articles(where="story IS NULL")
    if not new:
        return set()
    [row] = store.rows("SELECT count(*) AS n FROM articles WHERE story IS NOT NULL")
    assigned = int(row["n"])
    # The index as the last ingest left it, where it kept it and nothing was grouped since; else rebuilt.
    index, label_of = _restored(store, assigned) or _rebuilt(store)
    feats = {a.id: features(a) for a in new}
    # The stories this run gave, looked up here: the store holds none of them before the one write at the end.
    given: dict[str, str] = {}
    grouped_on: dict[str, str | None] = {}
    changed_left: set[str] = set()
    for art in sorted(new, key=lambda a: order_key(a, feats[a.id])):
        sid = index.add(art, feats[art.id])
        given[art.id] = label_of.setdefault(sid, sid)
        when = feats[art.id].date or index.now
        grouped_on[art.id] = when.isoformat() if when else None
        # Revision may move earlier articles, stored ones included: the story each left changes too.
        for moved, to in index.take_moves().items():
            left = given.get(moved) or _stored_story(store, moved)
            given[moved] = label_of.setdefault(to, to)
            if left:
                changed_left.add(left)
    labels = {k: v for k, v in label_of.items() if k != v and index.is_open(k)}
    changed = set(given.values()) | changed_left
    store.assign_stories([(aid, given[aid], grouped_on[aid]) for aid in sorted(grouped_on)],
                         [(aid, sid) for aid, sid in sorted(given.items()) if aid not in grouped_on], changed,
                         assigned + len(new), encode_state({"index": index.state(), "labels": labels}))
    return changed


def _stored_story(store: Store, article_id: str) -> str | None:
    rows = store.rows("SELECT story FROM articles WHERE id = ?", [article_id])
    return rows[0]["story"] if rows else None


def _restored(store: Store, assigned: int) -> tuple[StoryIndex, dict[str, str]] | None:
    """The kept index, with the texts of its copy window read back; None where there is none to go on from
    (none kept, articles grouped since, or kept by a version with another index or configuration)."""
    state = store.load_story_index(assigned)
    if state is None:
        return None
    ids = [aid for _, aid in state["index"].get("copy_window", [])]
    texts = {r["id"]: r["text"] for r in store.rows("SELECT id, text FROM articles WHERE id IN (SELECT unnest(?))",
                                                    [ids])}
    try:
        index = StoryIndex.from_state(state["index"], texts, config=StoryConfig())
    except (ValueError, KeyError, TypeError):
        return None
    return index, dict(state["labels"])


def _rebuilt(store: Store) -> tuple[StoryIndex, dict[str, str]]:
    """The index rebuilt from the stored articles that can still be in an open story, in stream order."""
    index = StoryIndex()
    # An article grouped before stream dates were kept (no ``grouped_on``) and undated is always read.
    old = store.load_articles(where="story IS NOT NULL AND (coalesce(grouped_on, published) IS NULL "
                                    "OR coalesce(grouped_on, published) >= ?)",
                              params=[_horizon(store, index.config.max_gap_days)])
    # Articles keep the story they were given; the rebuilt index maps its own ids onto the stored ones.
    label_of: dict[str, str] = {}
    feats = {a.id: features(a) for a in old}
    for art in sorted(old, key=lambda a: order_key(a, feats[a.id])):
        label_of.setdefault(index.add(art, feats[art.id], revise=False), art.story or "")
    return index, label_of


def _horizon(store: Store, days: int) -> str:
    """The ISO date before which a stored article's story is closed (a string, as ``published`` is one)."""
    [row] = store.rows("SELECT max(coalesce(grouped_on, published)) AS newest FROM articles")
    newest = parse_date(row["newest"])
    if newest is None:
        return ""
    try:
        return (newest - dt.timedelta(days=days)).isoformat()
    except OverflowError:
        return ""


def refresh(store: Store, stories: set[str]) -> None:
    """Rewrite the story rows, fused events and their sources of ``stories``, and of any story an earlier
    regrouping left pending (killed before it wrote them); each write clears the story's pending mark."""
    for sid in sorted(set(stories) | store.pending_stories()):
        members = store.load_articles(where="story = ?", params=[sid])
        if not members:  # its reports moved to other stories
            store.drop_story(sid)
            continue
        fused = fuse(members)
        by_id = {a.id: a for a in members}
        rows, sources = [], []
        for f in fused:
            picked = [(s, _member(by_id[s.article], s)) for s in f.sources]
            rows.append(_fused_row(f, [ev for _, ev in picked if ev is not None]))
            for s, ev in picked:
                sources.append([f.id, s.article, by_id[s.article].events.index(ev) if ev else -1, s.outlet,
                                s.published, ev.trigger.text if ev else None, s.text])
        store.write_story(_story_row(sid, members), rows, sources)


def _member(article: Article, source: Any) -> Event | None:
    """The event of ``article`` that a fused event's ``source`` reports: the one with the source's trigger."""
    return next((e for e in article.events if e.trigger.span == source.trigger), None)


def _story_row(sid: str, members: list[Article]) -> list[Any]:
    dated = sorted(a.published for a in members if a.published)
    first = min(members, key=lambda a: (a.published or "~", a.id))
    outlets = sorted({a.outlet for a in members if a.outlet})
    return [sid, first.title or _lead_title(first.text), dated[0] if dated else None,
            dated[-1] if dated else None, len(members), len(outlets), outlets]


def _lead_title(text: str, limit: int = 120) -> str:
    """An untitled story's title: its first report's first line, cut at a word with an ellipsis if long."""
    line = (text or "").strip().split("\n", 1)[0]
    if len(line) <= limit:
        return line
    return line[:limit - 1].rsplit(" ", 1)[0].rstrip(" ,;:") + "…"


def _codes(mentions: list[Mention]) -> list[str]:
    return sorted({m.code for m in mentions if m.code})


def _names(mentions: list[Mention]) -> list[str]:
    return sorted({m.name or m.text for m in mentions})


def _fused_row(f: Any, events: list[Event]) -> list[Any]:
    """One fused_events row: values agreed by most reports, every value kept in attribute_values."""
    import json
    from dataclasses import asdict

    def most(values: list[Any]) -> Any:
        values = [v for v in values if v not in (None, "")]
        return Counter(values).most_common(1)[0][0] if values else None

    same_code = [e for e in events if e.cameo == f.cameo] or events
    actors = [m for e in events for m in e.actor]
    recipients = [m for e in events for m in e.recipient]
    # The most precise date most reports give ("2025-04-01" over "2025-04").
    dates = [e.date for e in events if e.date]
    date = max(dates, key=lambda d: (dates.count(d), len(d))) if dates else None
    return [f.id, f.story, f.event, f.cameo, same_code[0].quad if same_code else None,
            same_code[0].goldstein if same_code else None, most([e.modality for e in events]), date,
            _codes(actors), _codes(recipients), _names(actors), _names(recipients),
            most([e.location.name or e.location.text for e in events if e.location]), len(f.sources),
            f.independent_sources, f.first_reported, json.dumps(f.attributes, ensure_ascii=False),
            json.dumps([asdict(d) for d in f.discrepancies], ensure_ascii=False)]
