"""Bad inputs: each gets a clear reason and a quarantine row; the batch goes on; nothing stored is lost."""
from __future__ import annotations

import gzip
from pathlib import Path

import pytest

from eventscope import Options, ingest, open_store, read_paths
from eventscope.model import Quarantined

from ..conftest import article_html, rss_feed, warc_bytes

BOMB = ('<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
        + "".join(f'<!ENTITY lol{i} "{("&lol" + str(i - 1) + ";") * 10 if i > 1 else "&lol;" * 10}">'
                  for i in range(1, 10))
        + ']><rss version="2.0"><channel><title>&lol9;</title><item><title>x</title>'
          '<description>&lol9;</description></item></channel></rss>')


def broken_warc() -> bytes:
    """Two good gzipped records around a corrupt one."""
    first = warc_bytes([("https://a.example.org/ok", article_html("Kept"))])
    second = warc_bytes([("https://a.example.org/after", article_html("After"))])
    return first + b"\x1f\x8b\x08\x00garbage that is not deflate data" * 3 + second


CASES: dict[str, tuple[bytes, str]] = {
    "empty.html": (b"", "empty"),
    "blank.txt": (b"   \n\n  ", "empty"),
    "image.html": (bytes(range(256)) * 40, "binary"),
    "cut.html.gz": (gzip.compress(article_html().encode())[:-30], "truncated gzip"),
    "latin.txt": ("Caf\u00e9 in Bogot\u00e1 closed.".encode("latin-1"), "invalid utf-8"),
    "bad.rss": (b'<?xml version="1.0"?><rss version="2.0"><channel><title>x</title><item><title>unclosed',
                "malformed feed"),
    "bomb.xml": (BOMB.encode(), "entity"),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_each_bad_input_is_quarantined_with_a_clear_reason(tmp_path: Path, name: str) -> None:
    data, words = CASES[name]
    p = tmp_path / name
    p.write_bytes(data)
    out = list(read_paths([p], Options()))
    assert out and isinstance(out[0], Quarantined), out
    assert words in out[0].reason.lower(), out[0].reason
    assert out[0].origin.startswith(str(p))


def test_oversized_page_is_refused_without_reading_it(tmp_path: Path) -> None:
    p = tmp_path / "huge.html"
    with open(p, "wb") as f:  # 50 MB of a plausible page
        f.write(b"<html><body>")
        chunk = b"<p>" + b"word " * 200 + b"</p>\n"
        f.writelines(chunk for _ in range(50 * 1024 * 1024 // len(chunk) + 1))
    [q] = list(read_paths([p], Options()))
    assert isinstance(q, Quarantined) and "limit" in q.reason and "bytes" in q.reason


def test_gzip_bomb_is_capped(tmp_path: Path) -> None:
    p = tmp_path / "bomb.html.gz"
    p.write_bytes(gzip.compress(b"<p>" + b"a" * (40 * 1024 * 1024)))
    [q] = list(read_paths([p], Options()))
    assert isinstance(q, Quarantined) and "decompressed" in q.reason


def test_broken_warc_keeps_the_records_before_the_break(tmp_path: Path) -> None:
    p = tmp_path / "crawl.warc.gz"
    p.write_bytes(broken_warc())
    out = list(read_paths([p], Options()))
    assert [type(d).__name__ for d in out] == ["RawDoc", "Quarantined", "RawDoc"]
    assert "<title>Kept</title>" in out[0].body and "<title>After</title>" in out[2].body
    assert "broken WARC record" in out[1].reason and out[1].origin.startswith(str(p) + "@")


def test_batch_goes_on_and_nothing_stored_is_lost(tmp_path: Path) -> None:
    good = tmp_path / "in" / "0-good.html"
    good.parent.mkdir()
    good.write_text(article_html())
    for name, (data, _) in CASES.items():
        (good.parent / name).write_bytes(data)
    (good.parent / "z-feed.xml").write_text(rss_feed(2))
    (good.parent / "y-crawl.warc.gz").write_bytes(broken_warc())
    db = tmp_path / "t.duckdb"
    with open_store(db) as store:
        first = ingest([good], store)
        assert first.added == 1
        report = ingest([good.parent], store)
        assert report.added == 4  # two feed entries, and the WARC pages before and after its broken record
        assert report.unchanged == 1
        rows = store.quarantined()
        assert len(rows) == len(report.quarantined) and all(r["reason"] for r in rows)
        for name in [*CASES, "y-crawl.warc.gz"]:
            assert any(Path(r["origin"].split("@")[0].split("#")[0]).name == name for r in rows), name
        assert store.count("articles") == 5
        assert store.article(first_id(store, "0-good.html"))["text"]


def first_id(store, suffix: str) -> str:  # type: ignore[no-untyped-def]
    return next(r["id"] for r in store.articles(limit=100) if r["origin"].endswith(suffix))
