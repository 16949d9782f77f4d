#!/usr/bin/env python3
"""HTML extraction speed, memory and quality over the ScrapingHub article-extraction pages.

usage: .venv/bin/python bench/extraction.py [--clean] [DIR]

DIR defaults to ../shared/bench/extraction/scrapinghub (html/*.html.gz and ground-truth.json).
Prints pages per second and peak resident memory (RSS) of ``extract_html`` (or of the whole
``clean`` stage with ``--clean``, furniture removal included), and the F1 of what it returns under
the benchmark's metric (imported from ../shared/eval/extraction.py, so the figure is the scorer's).
"""
from __future__ import annotations

import gzip
import importlib
import json
import resource
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"


def load(root: Path) -> list[tuple[str, str, str | None, str]]:
    """(id, html, url, gold text) for every page with a ground truth."""
    truth = json.loads((root / "ground-truth.json").read_text())
    pages = []
    for key, gold in truth.items():
        html = gzip.decompress((root / "html" / f"{key}.html.gz").read_bytes()).decode("utf-8", "replace")
        pages.append((key, html, gold.get("url"), gold["articleBody"]))
    return pages


def main() -> None:
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    whole = "--clean" in sys.argv
    root = Path(args[0]) if args else SHARED / "bench/extraction/scrapinghub"
    sys.path.insert(0, str(REPO))
    from eventscope.model import RawDoc
    from eventscope.options import Options

    # ``eventscope.clean`` the package is shadowed by the ``clean`` function it exports.
    extract = importlib.import_module("eventscope.clean.extract")
    clean = importlib.import_module("eventscope.clean").clean
    pages = load(root)
    options = Options(progress=False)
    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    # One warm-up page: the first call loads trafilatura's and py3langid's tables.
    extract.extract_html(pages[0][1], pages[0][2], options)
    start = time.perf_counter()
    preds = []
    for key, html, url, _ in pages:
        if whole:
            preds.append(clean(RawDoc(body=html, kind="html", origin=key, url=url), options).text)
        else:
            preds.append("\n".join(extract.extract_html(html, url, options).paragraphs))
    elapsed = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB on Linux
    what = "clean()" if whole else "extract_html()"
    print(f"{what}: {len(pages)} pages in {elapsed:.1f} s, {len(pages) / elapsed:.1f} pages/s")
    print(f"peak RSS {peak / 1024:.0f} MiB (before the run {rss_before / 1024:.0f} MiB)")
    scorer = SHARED / "eval"
    if (scorer / "extraction.py").exists():
        sys.path.insert(0, str(scorer))
        from extraction import score  # the benchmark's own metric

        P, R, F = score(list(zip(preds, (p[3] for p in pages))))
        print(f"precision {P:.4f} recall {R:.4f} F1 {F:.4f}")


if __name__ == "__main__":
    main()
