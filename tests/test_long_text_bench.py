"""bench/long_text.py: the long text it builds, and the figures it gives per step."""
from __future__ import annotations

import importlib.util
from pathlib import Path

BENCH = Path(__file__).resolve().parents[1] / "bench" / "long_text.py"
ARTICLE = [
    "Aleksandar Vucic met Viktor Orban in Belgrade on Monday to sign 12 agreements on energy and transport.",
    "\u201cThis is a partnership for the next decade,\u201d Vucic told reporters after the ceremony in Belgrade.",
    "Officials in Budapest said on Tuesday that the pipeline would carry gas to Serbia from March next year.",
]


def _bench():
    spec = importlib.util.spec_from_file_location("long_text", BENCH)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)  # type: ignore[union-attr]
    return module


def _shared(tmp_path: Path) -> Path:
    (tmp_path / "corpus/seeds").mkdir(parents=True)
    (tmp_path / "bench/extraction/scrapinghub/text").mkdir(parents=True)
    (tmp_path / "corpus/seeds/a.txt").write_text("\n".join(ARTICLE), "utf-8")
    (tmp_path / "bench/extraction/scrapinghub/text/b.txt").write_text("Menu\n" + ARTICLE[2], "utf-8")
    return tmp_path


def test_the_long_text_varies_its_rounds_and_keeps_quotes_and_names(tmp_path: Path) -> None:
    lt = _bench()
    text = lt.build_text(3000, _shared(tmp_path))
    lines = text.split("\n")
    assert len(text) >= 3000 and len(lines) == len(set(lines))  # no paragraph repeats word for word
    assert "Menu" not in lines  # the short lines of scraped pages are left out
    assert text.count("\u201c") >= 5 and "Vucic" in text and "Orban" in text
    assert "Budapest" in text and "Zagreb" in text  # places swapped round by round


def test_one_size_gives_time_and_memory_for_every_step_and_the_report_their_ratio(tmp_path: Path) -> None:
    lt = _bench()
    r = lt.one(4000, _shared(tmp_path))
    assert list(r["steps"]) == ["clean", "parse", "actors", "timex", "quotes", "events", "quote_links"]
    assert r["quotes"] > 0 and r["actors"] > 0 and r["peak_rss_mb"] >= r["loaded_mb"] > 0
    big = {**r, "chars": 1_000_000, "steps": {k: {**v, "cpu_s": v["cpu_s"] * 10} for k, v in r["steps"].items()}}
    out = lt.report({100_000: {**r, "chars": 100_000}, 1_000_000: big})
    assert "ratio 1M / 100k: total 10.0 (bar 12)" in out
