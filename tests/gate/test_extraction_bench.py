"""bench/extraction.py's rules for a right title and a right date, and its reading of the WCXB layout."""
from __future__ import annotations

import gzip
import importlib.util
import json
import sys

from ..conftest import REPO, article_html

_spec = importlib.util.spec_from_file_location("extraction_bench", REPO / "bench" / "extraction.py")
bench = importlib.util.module_from_spec(_spec)
sys.modules[_spec.name] = bench  # dataclasses look their module up there
_spec.loader.exec_module(bench)


def test_a_title_is_right_when_equal_but_for_case_and_whitespace() -> None:
    assert bench.title_right("  Ferry Strike  Ends\nin Piraeus ", "ferry strike ends in PIRAEUS")
    assert not bench.title_right("Ferry strike ends in Piraeus | Harbour News", "Ferry strike ends in Piraeus")
    assert not bench.title_right(None, "Ferry strike ends in Piraeus")
    assert not bench.title_right("", "")


def test_a_date_is_right_on_the_day_or_on_the_month_where_gold_gives_no_day() -> None:
    assert bench.date_right("2025-03-07T23:10:00+02:00", "2025-03-07")
    assert bench.date_right("2025-03-07", "2025-03-07")
    assert not bench.date_right("2025-03-08", "2025-03-07")
    assert bench.date_right("2025-06-19", "2025-06")
    assert not bench.date_right("2025-07-01", "2025-06")
    assert not bench.date_right("March 7, 2025", "2025-03-07")
    assert not bench.date_right(None, "2025-03-07")


def test_metadata_shares_count_each_over_the_pages_whose_gold_has_it() -> None:
    pages = [bench.Page("a", "", None, "", "Port reopens", "2024-11-02"),
             bench.Page("b", "", None, "", "Dock workers vote", None),
             bench.Page("c", "", None, "", "Tariff talks stall", "2024-11-05")]
    outputs = [bench.Output("", "port reopens", "2024-11-02"),
               bench.Output("", "Dock workers vote", "2024-11-03"),
               bench.Output("", "Tariff talks", None)]
    assert bench.metadata_figures(pages, outputs) == {
        "title": 2 / 3, "titled": 3, "date": 1 / 2, "dated": 2, "dated_without_gold": 1}


def test_wcxb_pages_load_with_their_gold_title_and_date_and_both_systems_run(tmp_path) -> None:
    (tmp_path / "html").mkdir()
    (tmp_path / "ground-truth").mkdir()
    html = article_html("Chile and Peru agree on maritime commission", date="2024-03-05")
    (tmp_path / "html" / "0002.html.gz").write_bytes(gzip.compress(html.encode()))
    gold = {"url": "https://news.example.org/maritime", "articleBody": "The foreign ministers",
            "title": "Chile and Peru agree on maritime commission", "published": "2024-03-05"}
    (tmp_path / "ground-truth" / "0002.json").write_text(json.dumps(gold))
    (tmp_path / "ground-truth" / "0001.json").write_text(json.dumps(gold))  # its page is missing: left out
    pages = bench.load_wcxb(tmp_path)
    assert [(p.id, p.url, p.title, p.published) for p in pages] == [
        ("0002", gold["url"], gold["title"], "2024-03-05")]
    for system in (bench.eventscope_system(), bench.trafilatura_system()):
        out = system(pages[0])
        assert "joint commission" in out.text
        assert bench.title_right(out.title, gold["title"]) and bench.date_right(out.published, "2024-03-05")
