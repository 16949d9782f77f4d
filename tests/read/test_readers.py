"""Every reader on inputs the tests build themselves."""
from __future__ import annotations

import gzip
import json
from pathlib import Path

from eventscope.model import Quarantined, RawDoc
from eventscope.options import Options
from eventscope.read import read_jsonl, read_paths

from ..conftest import PARAS, article_html, rss_feed, warc_bytes


def docs(paths: list[Path]) -> list[RawDoc]:
    out = list(read_paths(paths, Options()))
    assert all(isinstance(d, RawDoc) for d in out), [d for d in out if isinstance(d, Quarantined)]
    return out  # type: ignore[return-value]


def test_html_file_is_read_as_html(tmp_path: Path) -> None:
    p = tmp_path / "page.htm"
    p.write_text(article_html())
    [d] = docs([p])
    assert d.kind == "html" and "maritime dispute" in d.body and d.origin == str(p)


def test_gzip_html_is_decompressed(tmp_path: Path) -> None:
    p = tmp_path / "page.html.gz"
    p.write_bytes(gzip.compress(article_html().encode()))
    [d] = docs([p])
    assert d.kind == "html" and "joint commission" in d.body


def test_plain_text_is_read_as_text(tmp_path: Path) -> None:
    p = tmp_path / "story.txt"
    p.write_text("\n".join(PARAS))
    [d] = docs([p])
    assert d.kind == "text" and d.body.startswith("The foreign ministers")


def test_declared_legacy_charset_is_honoured(tmp_path: Path) -> None:
    p = tmp_path / "latin.html"
    p.write_bytes(article_html(title="Bogotá talks").replace('charset="utf-8"', 'charset="iso-8859-1"')
                  .encode("latin-1"))
    [d] = docs([p])
    assert "Bogotá" in d.body


def test_feed_entries_become_documents_with_metadata(tmp_path: Path) -> None:
    p = tmp_path / "feed.rss"
    p.write_text(rss_feed(3))
    out = docs([p])
    assert len(out) == 3
    assert out[0].url == "https://news.example.org/story-1"
    assert out[0].published == "2025-04-01T10:00:00Z"
    assert out[0].outlet == "Example News" and out[0].title == "Story 1"
    assert out[0].origin.endswith("#entry-1")


def test_atom_feed(tmp_path: Path) -> None:
    p = tmp_path / "atom.xml"
    p.write_text('<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Wire</title>'
                 '<entry><title>T</title><link href="https://w.example.org/1"/><updated>2025-02-03T00:00:00Z</updated>'
                 f'<content type="html">&lt;p&gt;{PARAS[0]}&lt;/p&gt;</content></entry></feed>')
    [d] = docs([p])
    assert "maritime dispute" in d.body and d.published == "2025-02-03T00:00:00Z"


def test_warc_html_responses_only(tmp_path: Path) -> None:
    p = tmp_path / "crawl.warc.gz"
    p.write_bytes(warc_bytes([("https://a.example.org/1", article_html("One")),
                              ("https://a.example.org/2", article_html("Two", PARAS[::-1]))]))
    out = docs([p])
    assert [d.url for d in out] == ["https://a.example.org/1", "https://a.example.org/2"]
    assert all(d.kind == "html" for d in out)


def test_uncompressed_warc(tmp_path: Path) -> None:
    p = tmp_path / "crawl.warc"
    p.write_bytes(warc_bytes([("https://a.example.org/1", article_html("One"))], gzip=False))
    [d] = docs([p])
    assert "<title>One</title>" in d.body


def test_folder_is_walked_recursively_in_name_order(corpus: Path) -> None:
    out = list(read_paths([corpus], Options()))
    assert not [d for d in out if isinstance(d, Quarantined)]
    origins = [d.origin for d in out]
    assert any(o.endswith("sub/b.html.gz") for o in origins)
    assert len(out) == 1 + 1 + 1 + 2 + 1 + 1  # a.html, b.html.gz, c.txt, 2 feed entries, 1 WARC page, 1 JSONL line
    assert origins == [d.origin for d in read_paths([corpus], Options())]


def test_jsonl_contract_input_forms(tmp_path: Path) -> None:
    page = tmp_path / "p.html"
    page.write_text(article_html())
    lines = [json.dumps({"id": "t", "text": "Some text here.", "published": "2025-04-01", "outlet": "X"}),
             json.dumps({"id": "h", "html": article_html(), "url": "https://e.example.org/a"}),
             json.dumps({"id": 7, "path": str(page)}),
             "{not json",
             json.dumps({"id": "empty", "text": "   "}),
             json.dumps(["a", "list"])]
    out = list(read_jsonl(lines, "in.jsonl", Options(root=tmp_path)))
    assert [type(d).__name__ for d in out] == ["RawDoc", "RawDoc", "RawDoc", "Quarantined", "Quarantined",
                                               "Quarantined"]
    assert out[0].caller_id == "t" and out[0].published == "2025-04-01" and out[0].outlet == "X"
    assert out[1].kind == "html" and out[1].url == "https://e.example.org/a"
    assert out[2].caller_id == 7 and out[2].kind == "html"
    assert out[3].caller_id == "4" and "bad JSON" in out[3].reason
    assert out[4].caller_id == "empty" and "no text" in out[4].reason


def test_same_content_same_id(tmp_path: Path) -> None:
    a, b = tmp_path / "a.html", tmp_path / "b.html"
    a.write_text(article_html())
    b.write_text(article_html())
    [da], [db] = docs([a]), docs([b])
    assert da.id == db.id and len(da.id) == 16
