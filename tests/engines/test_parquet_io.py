"""Result rows as Parquet: articles survive the trip whole, shards load into the store as an ingest would."""
from __future__ import annotations

import json
from dataclasses import asdict
from pathlib import Path

import duckdb
from hypothesis import given, settings
from hypothesis import strategies as st

from eventscope.engines import import_parquet, list_files, read_rows, read_shards
from eventscope.engines.parquet_io import article_from_row, article_to_dict, to_table, write_shard
from eventscope.engines.work import local, result_rows
from eventscope.model import Article, Event, Location, Mention, Quote, Removal, Timex, Trigger, article_from_dict
from eventscope.store import Store

from .conftest import ingest_locally, snapshot

text = st.text(st.characters(blacklist_categories=("Cs",)), max_size=30)  # any Unicode but lone surrogates
opt = st.none() | text
spans = st.tuples(st.integers(0, 500), st.integers(0, 500))
mentions = st.builds(Mention, text=text, span=spans, code=opt, sector=opt, name=opt, actor_id=opt, via=opt)
events = st.builds(Event, event=text, cameo=text, quad=st.integers(1, 4), goldstein=st.floats(-10, 10),
                   actor=st.lists(mentions, max_size=2), recipient=st.lists(mentions, max_size=2),
                   trigger=st.builds(Trigger, text=text, span=spans), sentence=spans, modality=text, mode=opt,
                   context=st.lists(text, max_size=2), date=opt,
                   location=st.none() | st.builds(Location, text=text, span=spans, name=opt, country=opt,
                                                  lat=st.none() | st.floats(-90, 90), lon=st.none()))
quotes = st.builds(Quote, text=text, span=spans, kind=st.sampled_from(["direct", "indirect", "mixed"]), cue=opt,
                   speaker=st.none() | mentions, events=st.lists(st.integers(0, 5), max_size=3), speech=st.booleans())
articles = st.builds(Article, id=text, text=text, origin=text, title=opt, published=opt, outlet=opt, language=opt,
                     url=opt, removed=st.lists(st.builds(Removal, text=text, reason=text), max_size=2),
                     actors=st.lists(mentions, max_size=3), events=st.lists(events, max_size=2),
                     quotes=st.lists(quotes, max_size=2),
                     timex=st.lists(st.builds(Timex, text=text, span=spans, value=opt, inferred=st.booleans()),
                                    max_size=2),
                     story=opt, caller_id=opt)


@settings(max_examples=60, deadline=None)
@given(articles)
def test_an_article_comes_back_from_its_row_unchanged(article: Article) -> None:
    row = {**article_to_dict(article), "caller_id": article.caller_id}
    back = article_from_row(to_table([{"rank": 0, "rec": 0, "status": "article", **row}]).to_pylist()[0])
    assert back == article
    assert article_from_dict(json.loads(json.dumps(asdict(article)))) == article  # asdict's form too


def test_shards_load_into_the_store_as_an_ingest_writes_it_and_only_once(corpus: Path, tmp_path: Path) -> None:
    (corpus / "broken.html.gz").write_bytes(b"\x1f\x8b\x08\x00cut")
    expected = ingest_locally([corpus], tmp_path / "plain.duckdb")
    numbered = [(rank, n, rec) for rank, path in enumerate(list_files([corpus]))
                for n, rec in enumerate(read_shards([path]))]
    rows = list(result_rows(numbered, local()))
    shards = tmp_path / "shards"
    write_shard(to_table(rows[:4]), shards, 0)
    write_shard(to_table(rows[4:]), shards, 1)
    # DuckDB (and so the store) reads the shards as they are.
    status = duckdb.sql(f"SELECT status, count(*) FROM read_parquet('{shards}/*.parquet') GROUP BY ALL "
                        "ORDER BY ALL").fetchall()
    assert status == [("article", 7), ("quarantined", 1)]
    assert len(list(read_rows([shards]))) == 8
    with Store(tmp_path / "imported.duckdb") as s:
        first = import_parquet(s, [shards])
        second = import_parquet(s, [shards])
    assert first == expected == {"added": 7, "unchanged": 0, "quarantined": 1}
    assert second == {"added": 0, "unchanged": 7, "quarantined": 1}
    assert snapshot(tmp_path / "imported.duckdb") == snapshot(tmp_path / "plain.duckdb")
