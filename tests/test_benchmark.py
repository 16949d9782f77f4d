"""The benchmark's plumbing on a few tiny documents; speed itself is measured by `eventscope bench`, never here."""
from __future__ import annotations

import gzip
import json
from pathlib import Path

from eventscope.benchmark import format_bench, load_corpus, machine, run_bench
from eventscope.model import RawDoc
from eventscope.options import Options

from .conftest import PARAS, article_html


def _shared(tmp_path: Path) -> Path:
    """A miniature ../shared: two ScrapingHub pages and three ECB+ texts, in the real layouts."""
    root = tmp_path / "bench/extraction/scrapinghub"
    (root / "html").mkdir(parents=True)
    truth = {}
    for key in ("aa", "bb"):
        (root / "html" / f"{key}.html.gz").write_bytes(gzip.compress(article_html(f"Page {key}").encode()))
        truth[key] = {"url": f"https://news.example.org/{key}", "articleBody": "..."}
    (root / "ground-truth.json").write_text(json.dumps(truth))
    ecb = tmp_path / "gold/ecbplus"
    ecb.mkdir(parents=True)
    (ecb / "stories_dev.jsonl").write_text("".join(json.dumps({"id": f"e{i}", "text": p}) + "\n"
                                                   for i, p in enumerate(PARAS)))
    return tmp_path


def test_corpora_load_as_html_pages_and_texts_with_their_ids(tmp_path) -> None:
    shared = _shared(tmp_path)
    pages = load_corpus("scrapinghub", shared)
    texts = load_corpus("ecbplus", shared, limit=2)
    assert [(d.caller_id, d.kind) for d in pages] == [("aa", "html"), ("bb", "html")]
    assert pages[0].url == "https://news.example.org/aa" and "<article>" in pages[0].body
    assert [(d.caller_id, d.kind, d.body) for d in texts] == [("e0", "text", PARAS[0]), ("e1", "text", PARAS[1])]


def test_bench_reports_ratio_stages_and_memory_over_the_same_documents(tmp_path) -> None:
    docs = load_corpus("ecbplus", _shared(tmp_path)) + [RawDoc(body=article_html(), kind="html", origin="p")]
    r = run_bench(docs, options=Options(workers=1), memory_sample=1)
    assert r["documents"] == 4 and r["workers"] == 1 and r["pipeline"]["errors"] == 0
    assert r["tokens"] > 50 and r["characters"] >= sum(len(p) for p in PARAS)
    assert r["ratio"] == round(r["pipeline"]["seconds"] / r["spacy"]["seconds"], 3)
    assert list(r["stages"])[:3] == ["clean", "parse", "actors"]
    assert {"timex", "quotes", "events"} <= set(r["stages"])
    assert all(s["seconds"] >= 0 for s in r["stages"].values())
    assert r["stages"]["parse"]["peak_heap_mb"] >= 0
    assert 50 < r["spacy"]["peak_rss_mb"] < 4096 and all(m > 50 for m in r["pipeline"]["worker_peak_rss_mb"])
    text = format_bench(r)
    assert "ratio pipeline / spaCy" in text and "per stage" in text and r["machine"] in text


def test_machine_names_cores_and_python() -> None:
    m = machine()
    assert "usable cores" in m and "Python 3." in m
