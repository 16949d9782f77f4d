"""Fixtures the tests build themselves: pages, feeds, WARC archives."""
from __future__ import annotations

import io
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SEEDS = REPO / "corpus" / "seeds"

PARAS = [
    ("The foreign ministers of Chile and Peru met in Lima on Monday to discuss a long-running maritime dispute, "
     "officials said after the talks ended late in the evening."),
    ("Both governments agreed to set up a joint commission that will report within six months on fishing rights "
     "and the policing of the shared waters off the coast."),
    ("Peru's foreign minister said the meeting had been constructive, while his Chilean counterpart called it a "
     "first step towards a lasting settlement between the two neighbours."),
]


def article_html(title: str = "Chile and Peru agree on maritime commission", paras: list[str] | None = None,
                 date: str = "2024-03-05") -> str:
    body = "".join(f"<p>{p}</p>" for p in (paras or PARAS))
    return (f"<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>{title}</title>"
            f"<meta property=\"article:published_time\" content=\"{date}T10:00:00Z\"></head><body>"
            f"<nav><a href=\"/\">Home</a> <a href=\"/world\">World</a></nav>"
            f"<article><h1>{title}</h1>{body}</article>"
            f"<footer>Copyright 2024 Example News. All rights reserved.</footer></body></html>")


def rss_feed(n: int = 2) -> str:
    items = "".join(
        f"<item><title>Story {i}</title><link>https://news.example.org/story-{i}</link>"
        f"<pubDate>Tue, 0{i} Apr 2025 10:00:00 GMT</pubDate>"
        f"<description><![CDATA[<p>{PARAS[i % 3]}</p><p>{PARAS[(i + 1) % 3]}</p>]]></description></item>"
        for i in range(1, n + 1))
    return (f"<?xml version=\"1.0\" encoding=\"utf-8\"?><rss version=\"2.0\"><channel><title>Example News</title>"
            f"<link>https://news.example.org/</link><description>d</description>{items}</channel></rss>")


def warc_bytes(pages: list[tuple[str, str]], gzip: bool = True) -> bytes:
    """A WARC with one HTML response record per (url, html), plus a request and a non-HTML record."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    buf = io.BytesIO()
    writer = WARCWriter(buf, gzip=gzip)
    for url, html in pages:
        req = writer.create_warc_record(url, "request", payload=io.BytesIO(b"GET / HTTP/1.1\r\n\r\n"))
        writer.write_record(req)
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(url, "response", payload=io.BytesIO(html.encode("utf-8")),
                                                      http_headers=headers))
    img = StatusAndHeaders("200 OK", [("Content-Type", "image/png")], protocol="HTTP/1.1")
    writer.write_record(writer.create_warc_record("https://news.example.org/logo.png", "response",
                                                  payload=io.BytesIO(b"\x89PNG...."), http_headers=img))
    return buf.getvalue()


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    """A small folder of good inputs of every kind: HTML, gzip HTML, text, a feed, a WARC, JSONL."""
    import gzip as gz
    import json

    root = tmp_path / "corpus"
    (root / "sub").mkdir(parents=True)
    (root / "a.html").write_text(article_html())
    (root / "sub" / "b.html.gz").write_bytes(gz.compress(article_html("Second", PARAS[::-1]).encode()))
    (root / "c.txt").write_text("\n".join(PARAS[1:]) + "\n")
    (root / "feed.xml").write_text(rss_feed())
    (root / "archive.warc.gz").write_bytes(warc_bytes([("https://news.example.org/w1", article_html("W1", PARAS[:2]))]))
    (root / "batch.jsonl").write_text(json.dumps({"id": "j1", "text": PARAS[0] + "\n" + PARAS[2],
                                                  "published": "2025-01-02", "outlet": "Wire"}) + "\n")
    return root
