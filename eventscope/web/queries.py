"""Read queries the web app, the exports and the notebook API need beyond ``Store``'s own.

Every function takes an open ``Store`` (read-only is enough) and returns plain JSON-able rows.
Stories come from the ``stories``/``fused_events`` tables where the stories stage has filled them;
until then they fall back to grouping articles by ``articles.story`` (an article with no label is a
story of its own), and events of one story are lined up by a small rule in ``evidence.py``.
"""
from __future__ import annotations

import json
import re
from collections import defaultdict
from datetime import date
from typing import Any

from ..store import FIRST_SOURCES, Store, like_pattern
from .evidence import align_events, compare, source

COOPERATION = (1, 2)  # quad classes: verbal and material cooperation; 3 and 4 are conflict
# Events that did not (or not yet) happen stay out of the dyad and network views unless asked for.
UNREAL = ("negated", "hypothetical")


def has_rows(s: Store, table: str) -> bool:
    """Whether ``table`` exists and holds a row (a read-only store opened on an old file may lack it)."""
    found = s.con.execute("SELECT count(*) FROM information_schema.tables WHERE table_name = ?", [table]).fetchone()
    if not found or not found[0]:
        return False
    return s.con.execute(f"SELECT 1 FROM {table} LIMIT 1").fetchone() is not None


def articles(s: Store, limit: int = 50, offset: int = 0, search: str | None = None, outlet: str | None = None,
             story: str | None = None) -> list[dict[str, Any]]:
    """Articles, newest last, filtered by a text search, an outlet and a story."""
    where, params = [], []
    if search:
        where.append("(text ILIKE ? ESCAPE '\\' OR title ILIKE ? ESCAPE '\\')")
        params += [like_pattern(search)] * 2
    if outlet:
        where.append("outlet = ?")
        params.append(outlet)
    if story:
        where.append("coalesce(story, id) = ?")
        params.append(story)
    sql = ("SELECT id, published, outlet, title, language, url, coalesce(story, id) AS story, length(text) AS chars, "
           "left(text, 240) AS snippet FROM articles" + (" WHERE " + " AND ".join(where) if where else "")
           + " ORDER BY published NULLS LAST, id LIMIT ? OFFSET ?")
    return s.rows(sql, params + [limit, offset])


def stories(s: Store, limit: int = 50, offset: int = 0, min_outlets: int = 1) -> list[dict[str, Any]]:
    """Stories, those told by most outlets first."""
    if has_rows(s, "stories"):
        return s.rows("SELECT id, title, first_published, last_published, n_articles, n_outlets, outlets "
                      "FROM stories WHERE n_outlets >= ? ORDER BY n_outlets DESC, n_articles DESC, "
                      "last_published DESC NULLS LAST, id LIMIT ? OFFSET ?", [min_outlets, limit, offset])
    return s.rows(
        "SELECT coalesce(story, id) AS id, "
        "coalesce(min(title), left(arg_min(text, coalesce(published, '9999') || id), 120)) AS title, "
        "min(published) AS first_published, max(published) AS last_published, count(*) AS n_articles, "
        "count(DISTINCT outlet) AS n_outlets, list(DISTINCT outlet ORDER BY outlet) "
        "FILTER (WHERE outlet IS NOT NULL) AS outlets FROM articles GROUP BY coalesce(story, id) "
        "HAVING count(DISTINCT outlet) >= ? "
        "ORDER BY n_outlets DESC, n_articles DESC, last_published DESC NULLS LAST, id LIMIT ? OFFSET ?",
        [min_outlets, limit, offset])


def count_stories(s: Store) -> int:
    if has_rows(s, "stories"):
        row = s.con.execute("SELECT count(*) FROM stories").fetchone()
    else:
        row = s.con.execute("SELECT count(DISTINCT coalesce(story, id)) FROM articles").fetchone()
    return int(row[0]) if row else 0


def story(s: Store, story_id: str) -> dict[str, Any] | None:
    """One story: its articles (full text) and its events, each with the evidence in every source."""
    arts = s.rows("SELECT id, title, outlet, published, url, language, text FROM articles "
                  "WHERE coalesce(story, id) = ? ORDER BY published NULLS LAST, outlet, id", [story_id])
    if not arts:
        return None
    ids = [a["id"] for a in arts]
    rows = s.rows("SELECT article_id, idx, event, cameo, quad, goldstein, modality, date, actor_codes, "
                  "recipient_codes, trigger_text, trigger_start, trigger_end, sentence_start, sentence_end, place, "
                  "outlet, published FROM events WHERE list_contains(?, article_id) ORDER BY article_id, idx", [ids])
    groups = _fused_groups(s, story_id, rows) if has_rows(s, "fused_events") else None
    fused = groups is not None and len(groups) > 0
    if not fused:
        groups = align_events(rows)
    meta = s.rows("SELECT * FROM stories WHERE id = ?", [story_id]) if has_rows(s, "stories") else []
    head = meta[0] if meta else {}
    title = head.get("title") or next((a["title"] for a in arts if a["title"]), None)
    if not title:  # untitled plain texts: the first sentence of the first report stands for a title
        first = (arts[0]["text"] or "").split("\n", 1)[0]
        title = first if len(first) <= 120 else first[:119] + "…"
    return {"id": story_id, "title": title,
            "outlets": sorted({a["outlet"] for a in arts if a["outlet"]}), "articles": arts,
            "events": groups, "fused": fused}


def _fused_groups(s: Store, story_id: str, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The stories stage's fused events, each with its sources' evidence spans."""
    by_key = {(r["article_id"], r["idx"]): r for r in rows}
    fused = s.rows("SELECT * FROM fused_events WHERE story_id = ? ORDER BY date NULLS LAST, id", [story_id])
    links = s.rows("SELECT fs.fused_id, fs.article_id, fs.event_idx FROM fused_sources fs JOIN fused_events fe "
                   "ON fe.id = fs.fused_id WHERE fe.story_id = ?", [story_id])
    members: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for link in links:
        row = by_key.get((link["article_id"], link["event_idx"]))
        if row is not None:
            members[link["fused_id"]].append(row)
    out = []
    for f in fused:
        evs = members.get(f["id"], [])
        group = compare(evs)
        group.update({"id": f["id"], "event": f["event"], "cameo": f["cameo"], "quad": f["quad"],
                      "goldstein": f["goldstein"], "modality": f["modality"], "date": f["date"],
                      "actor_codes": f["actor_codes"] or [], "recipient_codes": f["recipient_codes"] or [],
                      "n_sources": f["n_sources"], "n_independent": f["n_independent"]})
        # The stories stage's own judgement wins where it made one.
        for key in ("attribute_values", "discrepancies"):
            if f.get(key):
                group["fusion_" + key] = f[key]
        group["facts_agreed"], group["facts_differ"] = fused_facts(f.get("attribute_values"), f.get("discrepancies"))
        group["sources"] = [source(e) for e in evs]
        out.append(group)
    return out


# What the outlets' reports of one fused event agree on, beyond the coded fields: the figures, names, place and
# date each report gives (the stories stage's ``attribute_values``). Modality and event type are the coder's,
# not the outlets' word, and are compared with the coded fields.
_NOT_FACTS = ("modality", "event")


def fused_facts(values_json: Any, discrepancies_json: Any) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """(agreed, differing) facts of a fused event: each value two or more reports give, on an attribute in
    which the stories stage found no discrepancy (``{"attribute", "value", "reports"}``); and the stage's
    discrepancies (``{"attribute", "values": {value: reports}}``)."""
    values = _json(values_json) or {}
    differ = [{"attribute": d["attribute"], "values": {v: len(a) for v, a in d["values"].items()}}
              for d in _json(discrepancies_json) or []]
    disputed = {d["attribute"] for d in differ}
    agreed = []
    for attr, by_value in sorted(values.items()):
        if attr in _NOT_FACTS or attr in disputed:
            continue
        for value, reports in sorted(by_value.items(), key=lambda kv: (-len(kv[1]), kv[0])):
            if len(set(reports)) >= 2:
                agreed.append({"attribute": attr, "value": value, "reports": len(set(reports))})
    return agreed, differ


def _json(value: Any) -> Any:
    return json.loads(value) if isinstance(value, str) else value


# -- dyads and the actor network ------------------------------------------------------------------

def _modality_filter(include_all: bool) -> str:
    return "" if include_all else " AND modality NOT IN ('negated', 'hypothetical')"


def _happenings(s: Store, reports: bool) -> str:
    """The table the relations between actors count: fused events (one happening however many outlets
    reported it), or with ``reports`` every coded report, as GDELT counts. A store whose stories were
    never grouped has only reports."""
    return "fused_events" if s.counts_happenings(reports) else "events"


def _relations(s: Store, include_all: bool, reports: bool) -> str:
    """SQL for every actor-to-actor link of the counted events: (source, target, kind, quad, goldstein),
    'directed' from actor to recipient, 'joint' between two actors acting together (source < target)."""
    cond = _modality_filter(include_all)
    table = _happenings(s, reports)
    return (f"SELECT a.code AS source, r.code AS target, 'directed' AS kind, quad, goldstein FROM {table}, "
            "unnest(actor_codes) a(code), unnest(recipient_codes) r(code) WHERE a.code <> r.code" + cond +
            f" UNION ALL SELECT a.code, b.code, 'joint', quad, goldstein FROM {table}, unnest(actor_codes) a(code), "
            "unnest(actor_codes) b(code) WHERE a.code < b.code" + cond)


_COUNTS = ("count(*) AS events, count(*) FILTER (WHERE quad IN (1, 2)) AS cooperation, "
           "count(*) FILTER (WHERE quad IN (3, 4)) AS conflict, round(avg(goldstein), 2) AS goldstein")


def dyads(s: Store, limit: int = 50, include_all: bool = False, reports: bool = False) -> list[dict[str, Any]]:
    """Pairs of actor codes that acted on (or with) each other, busiest first, unordered; counted in fused
    events unless ``reports``."""
    return s.rows(
        f"WITH e AS ({_relations(s, include_all, reports)}) "
        f"SELECT least(source, target) AS a, greatest(source, target) AS b, {_COUNTS} "
        "FROM e GROUP BY ALL ORDER BY events DESC, a, b LIMIT ?", [limit])


def dyad(s: Store, a: str, b: str, by: str = "month", include_all: bool = False,
         reports: bool = False) -> dict[str, Any]:
    """Cooperation and conflict between actors ``a`` and ``b`` over time, with the events behind it.

    An event counts for the dyad when one side acts on the other (either way) or when both act
    together ("Serbia and Hungary signed ..."): joint action is a relation between them too. Events are
    fused events, a happening once however many outlets reported it (each row names its first report,
    and ``n_sources``, ``n_independent``); with ``reports``, every coded report counts, as in GDELT.
    """
    a, b = a.upper(), b.upper()
    pair = ("((list_contains(actor_codes, ?) AND list_contains(recipient_codes, ?)) OR "
            "(list_contains(actor_codes, ?) AND list_contains(recipient_codes, ?)) OR "
            "(list_contains(actor_codes, ?) AND list_contains(actor_codes, ?)))" + _modality_filter(include_all))
    if _happenings(s, reports) == "events":
        rows = s.rows(
            "SELECT article_id, idx, event, cameo, quad, goldstein, modality, date, published, outlet, actor_codes, "
            "recipient_codes, trigger_text, sentence_text, 1 AS n_sources, 1 AS n_independent FROM events WHERE "
            + pair + " ORDER BY coalesce(date, published) NULLS LAST, article_id, idx", [a, b, b, a, a, b])
    else:
        rows = s.rows(
            f"WITH first AS ({FIRST_SOURCES}) "
            "SELECT f.id AS fused_id, first.article_id, first.idx, event, cameo, quad, goldstein, modality, date, "
            "first_report AS published, first.outlet, actor_codes, recipient_codes, first.trigger_text, "
            "first.sentence_text, n_sources, n_independent FROM fused_events f LEFT JOIN first ON first.fused_id = f.id "
            "WHERE " + pair + " ORDER BY coalesce(date, first_report) NULLS LAST, f.id", [a, b, b, a, a, b])
    buckets: dict[str, dict[str, Any]] = {}
    for r in rows:
        r["direction"] = ("joint" if a in (r["actor_codes"] or []) and b in (r["actor_codes"] or [])
                          else f"{a}->{b}" if a in (r["actor_codes"] or []) else f"{b}->{a}")
        period = bucket(r["date"] or r["published"], by)
        r["period"] = period
        if period is None:
            continue
        cur = buckets.setdefault(period, {"period": period, "cooperation": 0, "conflict": 0, "goldstein": 0.0,
                                          "events": 0})
        cur["events"] += 1
        cur["cooperation" if r["quad"] in COOPERATION else "conflict"] += 1
        cur["goldstein"] = round(cur["goldstein"] + (r["goldstein"] or 0.0), 2)
    # In time order by period: a week ("2025-W13") sorts by its Monday, not as text.
    rows.sort(key=lambda r: (r["period"] is None, r["period"] or ""))
    return {"a": a, "b": b, "by": by, "series": [buckets[k] for k in sorted(buckets)], "events": rows,
            "names": names_for([a, b])}


ISO_WEEK = re.compile(r"^(\d{4})-W(\d{2})")


def bucket(value: str | None, by: str) -> str | None:
    """The period of an ISO 8601 date at its own precision: a year-only date stays a year."""
    if not value:
        return None
    m = ISO_WEEK.match(value)
    if m:  # a week: its Monday stands for it
        try:
            value = date.fromisocalendar(int(m.group(1)), int(m.group(2)), 1).isoformat()
        except ValueError:
            value = m.group(1)
    width = {"year": 4, "month": 7, "day": 10}[by]
    head = value[:width]
    # Cut back to the precision the value really has ("2025-04" has no day).
    for size in (10, 7, 4):
        if size <= width and len(value) >= size and re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", value[:size]):
            return value[:size]
    return head if re.fullmatch(r"\d{4}", head) else None


def network(s: Store, limit: int = 80, include_all: bool = False, reports: bool = False) -> dict[str, Any]:
    """Who acts on whom: directed edges actor -> recipient, undirected edges for joint action; counted in
    fused events unless ``reports``."""
    edges = s.rows(
        f"WITH e AS ({_relations(s, include_all, reports)}) SELECT source, target, kind, {_COUNTS} "
        "FROM e GROUP BY ALL ORDER BY events DESC, source, target LIMIT ?", [limit])
    weight: dict[str, int] = defaultdict(int)
    for e in edges:
        weight[e["source"]] += e["events"]
        weight[e["target"]] += e["events"]
    names = names_for(list(weight))
    nodes = [{"id": c, "name": names.get(c, c), "events": n} for c, n in sorted(weight.items(), key=lambda x: -x[1])]
    return {"nodes": nodes, "edges": edges}


def names_for(codes: list[str]) -> dict[str, str]:
    """Display names for actor codes (countries from the actor dictionary; others as they are)."""
    from ..export import country_names

    table = country_names()
    return {c: table.get(c, c) for c in codes}
