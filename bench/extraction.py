#!/usr/bin/env python3
"""HTML extraction: eventscope against trafilatura alone, on ScrapingHub and on WCXB dev.

usage: .venv/bin/python bench/extraction.py [--sets scrapinghub,wcxb] [--limit N] [SHARED]

SHARED defaults to ../shared (bench/extraction/scrapinghub: html/*.html.gz and ground-truth.json;
bench/extraction/wcxb-dev: html/ID.html.gz and ground-truth/ID.json). For each set and each system it
prints pages per second, and the main text's precision, recall and F1 under the ScrapingHub metric
(imported from ../shared/eval/extraction.py, so the figure is the scorer's). On WCXB, whose gold
has each page's ``title`` and ``published``, it also prints the share of pages whose title is right
(equal once case and whitespace are normalised) and whose date is right (the same day; where the
gold gives a month only, the same month), the latter over the pages that have a gold date; a date
given where the gold has none is counted apart. Peak resident memory is the whole run's.

The systems: eventscope is ``clean()`` on the page, the text, title and date that ``annotate``
returns; trafilatura alone is the installed trafilatura with its default settings
(``trafilatura.extract``, comments included as by default), its title and date from the same call.
"""
from __future__ import annotations

import gzip
import importlib
import json
import re
import resource
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SETS = {"scrapinghub": "bench/extraction/scrapinghub", "wcxb": "bench/extraction/wcxb-dev"}


@dataclass
class Page:
    id: str
    html: str
    url: str | None
    body: str
    title: str | None = None  # gold, where the set has it
    published: str | None = None


@dataclass
class Output:
    text: str
    title: str | None
    published: str | None


def _html(path: Path) -> str:
    return gzip.decompress(path.read_bytes()).decode("utf-8", "replace")


def load_scrapinghub(root: Path) -> list[Page]:
    truth = json.loads((root / "ground-truth.json").read_text())
    return [Page(key, _html(root / "html" / f"{key}.html.gz"), gold.get("url"), gold["articleBody"])
            for key, gold in truth.items()]


def load_wcxb(root: Path) -> list[Page]:
    """Every page with both its HTML and its gold, in id order (the scorer's order and body field)."""
    pages = []
    for gt in sorted((root / "ground-truth").glob("*.json")):
        page = root / "html" / f"{gt.stem}.html.gz"
        if not page.exists():
            continue
        g = json.loads(gt.read_text())
        body = g.get("articleBody") or g.get("text") or g.get("main_content") or ""
        pages.append(Page(gt.stem, _html(page), g.get("url"), body, g.get("title"), g.get("published")))
    return pages


LOADERS = {"scrapinghub": load_scrapinghub, "wcxb": load_wcxb}


def eventscope_system() -> Callable[[Page], Output]:
    sys.path.insert(0, str(REPO))
    from eventscope.errors import InputError
    from eventscope.model import RawDoc
    from eventscope.options import Options

    # ``eventscope.clean`` the package is shadowed by the ``clean`` function it exports.
    clean = importlib.import_module("eventscope.clean").clean
    options = Options(progress=False)

    def run(page: Page) -> Output:
        try:
            article = clean(RawDoc(body=page.html, kind="html", origin=page.id, url=page.url), options)
        except InputError:  # a page that cleans to no text: annotate gives an error line, scored as empty
            return Output("", None, None)
        return Output(article.text, article.title, article.published)

    return run


def trafilatura_system() -> Callable[[Page], Output]:
    import trafilatura

    def run(page: Page) -> Output:
        # The JSON output is the text output with its metadata beside it: the same extraction.
        raw = trafilatura.extract(page.html, url=page.url, output_format="json", with_metadata=True)
        if not raw:
            return Output("", None, None)
        doc = json.loads(raw)
        text = "\n".join(t for t in (doc.get("text"), doc.get("comments")) if t)
        return Output(text, doc.get("title"), doc.get("date"))

    return run


_SPACE = re.compile(r"\s+")


def title_right(predicted: str | None, gold: str | None) -> bool:
    """Equal once case is folded and runs of whitespace are one space (ends stripped)."""
    if not predicted or not gold:
        return False
    return _SPACE.sub(" ", predicted).strip().casefold() == _SPACE.sub(" ", gold).strip().casefold()


_DAY = re.compile(r"^(\d{4})-(\d{2})(?:-(\d{2}))?")


def date_right(predicted: str | None, gold: str | None) -> bool:
    """The same day (a time of day, a zone, are ignored); where the gold gives a month only, the same month."""
    p, g = _DAY.match(predicted or ""), _DAY.match(gold or "")
    if not p or not g:
        return False
    if g.group(3) is None:
        return p.group(1, 2) == g.group(1, 2)
    return p.group(1, 2, 3) == g.group(1, 2, 3)


def metadata_figures(pages: list[Page], outputs: list[Output]) -> dict[str, float | int]:
    """Share of titles right (pages with a gold title), of dates right (pages with a gold date), and
    the count of pages given a date where the gold has none."""
    titled = [(o, p) for o, p in zip(outputs, pages) if p.title]
    dated = [(o, p) for o, p in zip(outputs, pages) if p.published]
    return {
        "title": sum(title_right(o.title, p.title) for o, p in titled) / len(titled) if titled else 0.0,
        "titled": len(titled),
        "date": sum(date_right(o.published, p.published) for o, p in dated) / len(dated) if dated else 0.0,
        "dated": len(dated),
        "dated_without_gold": sum(1 for o, p in zip(outputs, pages) if not p.published and o.published),
    }


def measure(system: Callable[[Page], Output], pages: list[Page]) -> tuple[list[Output], float]:
    system(pages[0])  # warm-up: the first call loads trafilatura's and py3langid's tables
    start = time.perf_counter()
    outputs = [system(p) for p in pages]
    return outputs, time.perf_counter() - start


def main() -> None:
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    flags = dict(a[2:].split("=", 1) for a in sys.argv[1:] if a.startswith("--") and "=" in a)
    shared = Path(args[0]) if args else REPO.parent / "shared"
    chosen = flags.get("sets", ",".join(SETS)).split(",")
    limit = int(flags["limit"]) if "limit" in flags else None
    sys.path.insert(0, str(shared / "eval"))
    import trafilatura
    from extraction import score  # the benchmark's own metric, as the scorer computes it

    systems = {"eventscope": eventscope_system(), f"trafilatura {trafilatura.__version__}": trafilatura_system()}
    for name in chosen:
        pages = LOADERS[name](shared / SETS[name])[:limit]
        print(f"{name}: {len(pages)} pages")
        for label, system in systems.items():
            outputs, elapsed = measure(system, pages)
            P, R, F = score([(o.text, p.body) for o, p in zip(outputs, pages)])
            line = (f"  {label:<18} F1 {F:.3f} (P {P:.3f}, R {R:.3f}); "
                    f"{len(pages) / elapsed:.1f} pages/s")
            if any(p.title or p.published for p in pages):
                m = metadata_figures(pages, outputs)
                line += (f"; title right {m['title']:.3f} of {m['titled']}, date right {m['date']:.3f} of "
                         f"{m['dated']} (a date where the gold has none: {m['dated_without_gold']})")
            print(line, flush=True)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB on Linux
    print(f"peak RSS {peak / 1024:.0f} MiB")


if __name__ == "__main__":
    main()
