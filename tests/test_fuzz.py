"""Fuzz: random bytes, HTML, feeds, WARC and JSONL thrown at every reader and the whole pipeline.

Zero crashes: every input becomes documents or quarantine rows, and the batch contract answers
every line.
"""
from __future__ import annotations

import gzip
import json
import os

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from eventscope.model import Quarantined, RawDoc
from eventscope.options import Options
from eventscope.pipeline import annotate_batch
from eventscope.read import read_bytes, read_jsonl

from .conftest import PARAS, article_html, rss_feed, warc_bytes

FUZZ = settings(max_examples=int(os.environ.get("FUZZ_EXAMPLES", "60")), deadline=None, suppress_health_check=[HealthCheck.too_slow])
OPTIONS = Options(max_bytes=200_000, max_decompressed_bytes=400_000)

words = st.sampled_from(["Serbia", "signed", "the", "pact", "“", "”", "\"", "«", "said", "on", "Tuesday", "<b>",
                         "</p>", "&amp;", "&#0;", "\u2028", "\x00", "Nato", "2025", "\n", ".", ",", "Vučić", "<!--",
                         "<script>", "]]>", "<![CDATA[", "\ufeff", "\udcff"])
texts = st.lists(words, max_size=80).map(" ".join)
tags = st.sampled_from(["p", "div", "article", "table", "li", "script", "style", "h1", "span", "nav", "footer"])


@st.composite
def html_pages(draw: st.DrawFn) -> str:
    parts = []
    for _ in range(draw(st.integers(0, 25))):
        tag = draw(tags)
        parts.append(f"<{tag}>{draw(texts)}" + ("" if draw(st.booleans()) else f"</{tag}>"))
    return draw(st.sampled_from(["", "<!DOCTYPE html>", "<?xml version='1.0'?>"])) + "<html><body>" + "".join(parts)


def mangle(data: bytes, cuts: list[int], flips: list[int]) -> bytes:
    b = bytearray(data)
    for f in flips:
        if b:
            b[f % len(b)] ^= 0x5A
    for c in cuts:
        if b:
            del b[c % len(b):]
    return bytes(b)


def consume(data: bytes, name: str) -> list[RawDoc | Quarantined]:
    out = list(read_bytes(data, name, OPTIONS, name=name))
    assert all(isinstance(d, (RawDoc, Quarantined)) for d in out)
    assert all(d.reason for d in out if isinstance(d, Quarantined))
    return out


@FUZZ
@given(st.binary(max_size=3000), st.sampled_from(["x.html", "x.txt", "x.xml", "x.warc", "x.gz", "x.jsonl"]))
def test_random_bytes_never_crash_a_reader(data: bytes, name: str) -> None:
    consume(data, name)
    consume(gzip.compress(data), name + ".gz")


@FUZZ
@given(html_pages())
def test_random_html_never_crashes_a_reader(page: str) -> None:
    consume(page.encode("utf-8", "surrogatepass"), "page.html")


@FUZZ
@given(st.lists(st.integers(0, 10_000), max_size=2), st.lists(st.integers(0, 10_000), max_size=6))
def test_damaged_feeds_and_archives_never_crash(cuts: list[int], flips: list[int]) -> None:
    consume(mangle(rss_feed(3).encode(), cuts, flips), "feed.xml")
    archive = warc_bytes([("https://a.example.org/1", article_html()), ("https://a.example.org/2", article_html())])
    consume(mangle(archive, cuts, flips), "a.warc.gz")


@FUZZ
@given(st.lists(st.one_of(
    texts,
    st.builds(lambda i, t: json.dumps({"id": i, "text": t}), st.integers(), texts),
    st.builds(lambda t: json.dumps({"id": "h", "html": t}), html_pages()),
    st.builds(lambda v: json.dumps({"id": "odd", "text": v, "published": v}), st.one_of(st.integers(), texts)),
    st.builds(lambda v: json.dumps(v), st.one_of(st.none(), st.lists(st.integers()), st.floats(allow_nan=True))),
), max_size=6))
def test_random_jsonl_never_crashes_the_reader(lines: list[str]) -> None:
    out = list(read_jsonl(lines, "fuzz.jsonl", OPTIONS))
    assert len(out) == sum(1 for line in lines if line.strip())


@settings(max_examples=int(os.environ.get("FUZZ_EXAMPLES", "60")) // 4, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.one_of(texts, html_pages()), min_size=1, max_size=3), st.sampled_from([None, "2025-04-02", "soon"]))
def test_the_whole_pipeline_answers_every_line(docs: list[str], published: str | None) -> None:
    lines = [json.dumps({"id": i, ("html" if d.startswith(("<", "<!")) else "text"): d, "published": published})
             for i, d in enumerate(docs)]
    lines.append(json.dumps({"id": "real", "text": "\n".join(PARAS), "published": published}))
    out = list(annotate_batch(read_jsonl(lines, "fuzz", OPTIONS), OPTIONS))
    assert [o["id"] for o in out] == [*range(len(docs)), "real"]  # ids keep their JSON type
    for o in out:
        assert "error" in o or isinstance(o["text"], str)
        assert "internal error" not in o.get("error", ""), o["error"]
    assert out[-1]["text"]
