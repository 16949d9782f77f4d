"""The Ray engine gives what the local engine gives, on the same input (a local Ray instance, 2 CPUs)."""
from __future__ import annotations

import os
from pathlib import Path

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from eventscope import api
from eventscope.engines import import_parquet
from eventscope.errors import EventscopeError
from eventscope.options import Options
from eventscope.store import Store

from .conftest import batch_records, ingest_locally, snapshot, write_batch

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")  # Ray's own, about its own settings

if os.environ.get("CI"):
    import ray  # CI installs the requirements: there a missing Ray fails, it is not skipped
else:
    ray = pytest.importorskip("ray")


@pytest.fixture(scope="module")
def ray_instance():
    ray.init(num_cpus=2, include_dashboard=False)
    yield
    ray.shutdown()


def test_ray_annotate_equals_local_annotate(ray_instance: None, tmp_path: Path) -> None:
    from eventscope.engines.ray_engine import annotate_ray

    src = write_batch(tmp_path / "in.jsonl")
    options = Options(batch_size=3)  # several batches, so that both workers have some
    local = list(api.annotate_lines(src.read_text(encoding="utf-8").split("\n"), origin=str(src), options=options))
    shards = tmp_path / "shards"
    distributed = list(annotate_ray(str(src), options, parquet_dir=shards))
    assert [d["id"] for d in distributed] == [d["id"] for d in local]
    for a, b in zip(local, distributed):
        assert set(a) == set(b), a["id"]
        for field in a:
            assert a[field] == b[field], (a["id"], field)
    assert len({d["story"] for d in local if "story" in d}) >= 2  # story labels were decided, not all one
    # The result shards are plain Parquet: DuckDB queries them where they lie.
    got = duckdb.sql(f"SELECT status, count(*) FROM read_parquet('{shards}/*.parquet') GROUP BY ALL "
                     "ORDER BY ALL").fetchall()
    assert got == [("article", len(local) - 2), ("quarantined", 2)]

    # A run that stopped before its last shard was written is resumed from the shards it left.
    parts = sorted(shards.glob("part-*.parquet"))
    assert len(parts) >= 2
    lost = pq.read_metadata(parts[-1]).num_rows
    parts[-1].unlink()
    assert list(annotate_ray(str(src), options, parquet_dir=shards, resume=True)) == local
    new = sorted(set(shards.glob("part-*.parquet")) - set(parts[:-1]))
    assert sum(pq.read_metadata(p).num_rows for p in new) == lost  # only the lost records were redone
    src.write_text(src.read_text() + "\n")
    with pytest.raises(EventscopeError, match="no run of this input"):
        list(annotate_ray(str(src), options, parquet_dir=shards, resume=True))


def test_ray_ingest_equals_local_ingest_and_skips_what_is_stored(ray_instance: None, corpus: Path,
                                                                 tmp_path: Path) -> None:
    from eventscope.engines.ray_engine import ingest_ray

    recs = [{**r, "id": str(r["id"])} for r in batch_records()[2:]]  # the reports, a page, an empty text
    pq.write_table(pa.Table.from_pylist([{k: r.get(k) for k in ("id", "text", "html", "url", "published", "outlet")}
                                         for r in recs]), corpus / "batch.parquet")
    expected = ingest_locally([corpus], tmp_path / "local.duckdb")
    assert expected == {"added": 11, "unchanged": 1, "quarantined": 1}  # the page in batch.parquet is a.html
    shards = tmp_path / "shards"
    report = ingest_ray([str(corpus)], tmp_path / "ray.duckdb", parquet_dir=shards)
    assert report.as_dict() == expected
    assert snapshot(tmp_path / "ray.duckdb") == snapshot(tmp_path / "local.duckdb")

    again = ingest_ray([str(corpus)], tmp_path / "ray.duckdb")
    assert again.as_dict() == {"added": 0, "unchanged": 12, "quarantined": 1}
    # The shards of the first run load into another store with the same rows.
    with Store(tmp_path / "imported.duckdb") as s:
        assert import_parquet(s, [shards])["added"] == 11
    assert snapshot(tmp_path / "imported.duckdb") == snapshot(tmp_path / "local.duckdb")
