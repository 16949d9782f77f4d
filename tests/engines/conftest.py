"""Inputs the engine tests share: a small batch (the two seeds, a few reports, bad lines) and store snapshots."""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from ..conftest import PARAS, SEEDS, article_html

REPORTS = [
    ("Serbia accused Kosovo on Monday of provoking violence in the north, President Aleksandar Vucic said in "
     "Belgrade. Kosovo's prime minister rejected the claim and called for talks mediated by the European Union."),
    ("Protesters marched through the centre of Nairobi on Tuesday to demand lower taxes. Police fired tear gas "
     "at the crowd, witnesses said, and several people were arrested."),
    ("The United Nations agreed to send humanitarian aid to flood-hit regions of Pakistan, a spokesman said on "
     "Wednesday, after the government in Islamabad asked for help."),
]


def batch_records() -> list[dict[str, Any]]:
    """Contract input records: good ones of every kind, and ones that must come back with an error."""
    recs: list[dict[str, Any]] = [{"id": f"seed-{i}", "text": p.read_text(), "published": "2025-04-01"}
                                  for i, p in enumerate(sorted(SEEDS.glob("*.txt")))]
    recs += [{"id": f"r{i}", "text": t, "published": f"2025-03-0{i + 1}", "outlet": "Wire"}
             for i, t in enumerate(REPORTS)]
    recs += [{"id": "html", "html": article_html(), "url": "https://news.example.org/a"},
             {"id": "empty", "text": ""},
             {"id": 7, "text": "\n".join(PARAS), "outlet": "Post"}]
    return recs


def write_batch(path: Path, bad_line: bool = True) -> Path:
    lines = [json.dumps(r, ensure_ascii=False) for r in batch_records()]
    if bad_line:
        lines.insert(3, "{not json")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def ingest_locally(paths: list[Path], db: Path) -> dict[str, int]:
    """The local engine's ingest, as ``eventscope ingest`` runs it (``api.ingest``: ingest, then
    stories and fused events), reading through ``engines.read_shards`` (Parquet shards too)."""
    from eventscope.api import regroup
    from eventscope.engines import read_shards
    from eventscope.pipeline import ingest
    from eventscope.store import Store

    with Store(db) as s:
        report = ingest(read_shards(paths), s).as_dict()
        regroup(s)
    return report


def snapshot(db: Path) -> dict[str, list[tuple]]:
    """Every stored row but the wall-clock columns, in a stable order."""
    from eventscope.store import Store

    tables = {"raw": "id, origin, kind, url, published, outlet, title, data, size",
              "articles": "*", "mentions": "*", "events": "*", "quotes": "*", "timex": "*",
              "quarantine": "id, origin, reason, data, size",
              "stories": "*", "fused_events": "*", "fused_sources": "*"}
    with Store(db, read_only=True) as s:
        return {t: s.con.execute(f"SELECT {cols} FROM {t} ORDER BY ALL").fetchall() for t, cols in tables.items()}
