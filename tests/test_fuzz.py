"""Fuzz: random bytes, HTML, feeds, WARC and JSONL thrown at every reader and the whole pipeline.

Zero crashes: every input becomes documents or quarantine rows, and the batch contract answers
every line.
"""
from __future__ import annotations

import gzip
import json
import os
import tempfile
from pathlib import Path

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


# -- whole inputs of every kind through ingest and annotate: one result per input, nothing lost ------------

ARCHIVE = warc_bytes([("https://a.example.org/1", article_html()), ("https://a.example.org/2", article_html("Two"))])
odd_values = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True), texts,
                       st.lists(st.integers(), max_size=3), st.dictionaries(st.sampled_from(["a", "text"]), texts,
                                                                            max_size=2))
odd_records = st.fixed_dictionaries({"id": odd_values}, optional={
    "text": st.one_of(texts, odd_values), "html": st.one_of(html_pages(), odd_values), "published": odd_values,
    "outlet": odd_values, "url": odd_values, "path": st.sampled_from(["missing.txt", "../../etc/passwd", ""]),
    "extra": odd_values})
jsonl_lines = st.lists(st.one_of(odd_records.map(json.dumps), texts, st.just(""), st.just("{\"id\": 1, \"te")),
                       min_size=1, max_size=5)


@st.composite
def input_files(draw: st.DrawFn) -> tuple[str, bytes]:
    """One input file: its name (the kind the readers see) and its bytes."""
    kind = draw(st.sampled_from(["empty", "binary", "gzip", "cut gzip", "html", "feed", "warc", "jsonl"]))
    page = draw(html_pages()).encode("utf-8", "surrogatepass")
    cuts, flips = draw(st.lists(st.integers(0, 10_000), max_size=2)), draw(st.lists(st.integers(0, 10_000), max_size=4))
    if kind == "empty":
        return draw(st.sampled_from(["e.txt", "e.html", "e.jsonl", "e.warc"])), b""
    if kind == "binary":
        return draw(st.sampled_from(["b.html", "b.txt", "b.xml", "b.jsonl", "b.gz"])), draw(st.binary(min_size=1,
                                                                                                     max_size=400))
    if kind == "gzip":
        return "g.html.gz", gzip.compress(page)
    if kind == "cut gzip":
        packed = gzip.compress(page)
        return "c.html.gz", packed[:draw(st.integers(0, max(0, len(packed) - 1)))]
    if kind == "html":
        return "p.html", page
    if kind == "feed":
        return "f.xml", mangle(rss_feed(2).encode(), cuts, flips)
    if kind == "warc":
        start = draw(st.integers(0, len(ARCHIVE) - 1))
        return draw(st.sampled_from(["w.warc.gz", "w.warc"])), ARCHIVE[start:start + draw(st.integers(1, len(ARCHIVE)))]
    return "j.jsonl", "\n".join(draw(jsonl_lines)).encode("utf-8", "surrogatepass")


def _folder(root: Path, files: list[tuple[str, bytes]]) -> list[Path]:
    paths = []
    for i, (name, data) in enumerate(files):
        paths.append(root / f"{i:02d}-{name}")
        paths[-1].write_bytes(data)
    return paths


@settings(max_examples=int(os.environ.get("FUZZ_EXAMPLES", "60")) // 4, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(st.lists(input_files(), min_size=1, max_size=5))
def test_every_input_file_is_stored_or_quarantined_and_nothing_is_lost(files: list[tuple[str, bytes]]) -> None:
    from eventscope.pipeline import ingest
    from eventscope.read import read_paths
    from eventscope.store import Store

    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "in"
        root.mkdir()
        paths = _folder(root, files)
        records = list(read_paths([root], OPTIONS))
        for p in paths:  # each input has its result: documents, or the reason it cannot be used
            assert any(r.origin.startswith(str(p)) for r in records), (p.name, p.read_bytes()[:200])
        with Store(Path(tmp) / "f.duckdb") as s:
            report = ingest(records, s, OPTIONS)
            stored = {r["id"] for r in s.rows("SELECT id FROM raw")}
            held = s.rows("SELECT id, origin FROM quarantine")
    assert report.added + report.unchanged + len(report.quarantined) == len(records)
    assert len(stored) == report.added and {r["id"] for r in held} == {q.id for q in report.quarantined}
    set_aside = {r["origin"] for r in held}
    for r in records:  # every document is stored or set aside with its reason, none dropped on the way
        assert (isinstance(r, RawDoc) and r.id in stored) or r.origin in set_aside, r.origin


@settings(max_examples=int(os.environ.get("FUZZ_EXAMPLES", "60")) // 4, deadline=None,
          suppress_health_check=[HealthCheck.too_slow])
@given(jsonl_lines)
def test_annotate_gives_every_input_line_its_output_line(lines: list[str]) -> None:
    from eventscope.engines.resume import annotate_to_file

    with tempfile.TemporaryDirectory() as tmp:
        src, out = Path(tmp) / "in.jsonl", Path(tmp) / "out.jsonl"
        src.write_bytes("\n".join(lines).encode("utf-8", "surrogatepass"))
        n, n_ok = annotate_to_file(src, out, Options(workers=1, max_bytes=200_000))
        # Split on "\n" only: a JSON string may hold U+2028, which str.splitlines() also breaks on.
        written = [json.loads(line) for line in out.read_text(encoding="utf-8").split("\n")[:-1]]
    used = sum(1 for line in "\n".join(lines).split("\n") if line.strip())  # a text may hold "\n" itself
    # One line per input line; or one error line for the file, where the reader refuses it whole (empty, binary).
    whole = n == 1 and written[0].get("id") == str(src) and "error" in written[0]
    assert len(written) == n and (n == used or whole), (n, used, written)
    assert n_ok == sum("error" not in w for w in written)
    for w in written:
        assert "error" in w or isinstance(w["text"], str)
