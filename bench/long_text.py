#!/usr/bin/env python3
"""Long texts: time and peak memory of each stage over one article of 50k to 1M characters.

    python bench/long_text.py [--sizes 50000,100000,...] [--shared ../shared]

The text is news-like: the paragraphs of the seed articles and of the ScrapingHub plain texts, each
round with other names, places, dates and figures put in, so that it has quotes, speakers, actors
and dates all through, and no two rounds repeat word for word. Each size runs in a fresh process
(its memory is its own); every stage is timed in CPU seconds (the machine may be shared) and wall
seconds, with the peak resident memory during the stage over what the process held before it.

The bar (issue 22): time at 1M characters at most 12 x the time at 100k, peak memory under 1 GB.
"""
from __future__ import annotations

import argparse
import json
import re
import resource
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any, Self

ROOT = Path(__file__).resolve().parents[1]
SIZES = (50_000, 100_000, 200_000, 500_000, 1_000_000)

# Each round swaps these for others, so that names and dates vary as in a real long text.
_PEOPLE = ["Aleksandar Vucic", "Bratislav Gasic", "Viktor Orban", "Ursula von der Leyen", "Edi Rama",
           "Andrej Plenkovic", "Milorad Dodik", "Ana Brnabic", "Peter Szijjarto", "Kaja Kallas"]
_PLACES = ["Belgrade", "Budapest", "Zagreb", "Tirana", "Pristina", "Sarajevo", "Brussels", "Vienna"]
_MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
           "October", "November", "December"]
_DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
_NAME = re.compile("|".join(re.escape(w) for w in (*_PEOPLE, *_PLACES, *_MONTHS, *_DAYS)))
_NUMBER = re.compile(r"\b\d{1,3}\b")
# Paragraphs shorter than this are mostly page furniture (menus, bylines) in the scraped texts.
_MIN_PARAGRAPH = 80


def paragraphs(shared: Path) -> list[str]:
    """The source paragraphs: the seeds first, then the ScrapingHub texts, in file order."""
    files = sorted((shared / "corpus/seeds").glob("*.txt"))
    files += sorted((shared / "bench/extraction/scrapinghub/text").glob("*.txt"))
    out = []
    for f in files:
        out += [p.strip() for p in f.read_text("utf-8").split("\n") if len(p.strip()) >= _MIN_PARAGRAPH]
    return out


def _vary(paragraph: str, round_: int) -> str:
    def swap(m: re.Match[str]) -> str:
        w = m.group(0)
        for pool in (_PEOPLE, _PLACES, _MONTHS, _DAYS):
            if w in pool:
                return pool[(pool.index(w) + round_) % len(pool)]
        return w

    text = _NAME.sub(swap, paragraph)
    return _NUMBER.sub(lambda m: str((int(m.group(0)) + 7 * round_) % 1000), text) if round_ else text


def build_text(n_chars: int, shared: Path) -> str:
    """About ``n_chars`` characters of news-like text (whole paragraphs, joined by line breaks), no
    paragraph twice: cleaning would cut a repeat as page furniture, and the bench measure less."""
    source = paragraphs(shared)
    out: list[str] = []
    seen: set[str] = set()
    size, k, added = 0, 0, 0
    while size < n_chars:
        if k and k % len(source) == 0:
            if not added:
                break  # a whole round gave nothing new: the source has no more variety to give
            added = 0
        p = _vary(source[k % len(source)], k // len(source))
        k += 1
        if p in seen:
            continue
        seen.add(p)
        out.append(p)
        size += len(p) + 1
        added += 1
    return "\n".join(out)


class Peak:
    """The peak resident memory of this process while the block runs, sampled every few ms."""

    def __init__(self, every: float = 0.002):
        self.every = every
        self.peak = self.start = 0

    @staticmethod
    def rss() -> int:
        with open("/proc/self/statm") as f:
            return int(f.read().split()[1]) * resource.getpagesize()

    def _watch(self) -> None:
        while not self._stop.is_set():
            self.peak = max(self.peak, self.rss())
            time.sleep(self.every)

    def __enter__(self) -> Self:
        self.start = self.peak = self.rss()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._watch, daemon=True)
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()
        self.peak = max(self.peak, self.rss())


def one(n_chars: int, shared: Path) -> dict[str, Any]:
    """Clean, parse and annotate one text of ``n_chars`` characters here; the figures per step."""
    sys.path.insert(0, str(ROOT))
    from eventscope.model import RawDoc
    from eventscope.nlp import parse
    from eventscope.pipeline import Annotator

    text = build_text(n_chars, shared)
    annotator = Annotator()
    annotator.warm_up()
    steps: dict[str, dict[str, float]] = {}
    loaded = Peak.rss()

    def measure(name: str, fn: Any, *args: Any) -> Any:
        cpu, wall = time.process_time(), time.perf_counter()
        with Peak() as p:
            out = fn(*args)
        steps[name] = {"cpu_s": round(time.process_time() - cpu, 3), "wall_s": round(time.perf_counter() - wall, 3),
                       "peak_mb": round((p.peak - p.start) / 2**20, 1)}
        return out

    raw = RawDoc(body=text, kind="text", origin=f"long-{n_chars}")
    article = measure("clean", annotator._clean, raw)
    doc = measure("parse", parse, annotator.nlp, article.text, annotator.options.parse_piece_chars)
    for stage in annotator.stages:
        measure(stage.name, stage, article, doc)
    return {"chars": len(text), "clean_chars": len(article.text), "tokens": len(doc), "steps": steps,
            "quotes": len(article.quotes), "events": len(article.events), "actors": len(article.actors),
            "timex": len(article.timex), "loaded_mb": round(loaded / 2**20),
            "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)}


def report(results: dict[int, dict[str, Any]]) -> str:
    sizes = sorted(results)
    names = list(results[sizes[0]]["steps"])
    lines = ["CPU seconds per step (peak MB over the step's start in brackets):",
             f"{'chars':>9} " + " ".join(f"{n:>16}" for n in [*names, "total"]) + f" {'peak RSS':>9}"]
    for n in sizes:
        r = results[n]
        cells = [f"{r['steps'][k]['cpu_s']:8.2f} ({r['steps'][k]['peak_mb']:5.0f})" for k in names]
        total = sum(r["steps"][k]["cpu_s"] for k in names)
        lines.append(f"{r['chars']:>9} " + " ".join(f"{c:>16}" for c in cells) + f" {total:16.2f}"
                     + f" {r['peak_rss_mb']:>6} MB")
    lo, hi = (100_000, 1_000_000)
    if lo in results and hi in results:
        a, b = results[lo], results[hi]
        ratios = [f"{k} {b['steps'][k]['cpu_s'] / max(a['steps'][k]['cpu_s'], 1e-3):.1f}" for k in names]
        total = sum(b["steps"][k]["cpu_s"] for k in names) / sum(a["steps"][k]["cpu_s"] for k in names)
        lines.append(f"ratio 1M / 100k: total {total:.1f} (bar 12); " + ", ".join(ratios))
        lines.append(f"peak RSS at 1M: {b['peak_rss_mb']} MB (bar 1024; {b['loaded_mb']} MB with the model loaded)")
    found = "; ".join(f"{results[n]['chars']}: {results[n]['quotes']} quotes, {results[n]['events']} events, "
                      f"{results[n]['actors']} actors, {results[n]['timex']} dates" for n in sizes)
    lines.append(f"found: {found}")
    return "\n".join(lines)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", default=",".join(map(str, SIZES)), help="characters, comma-separated")
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--one", type=int, help=argparse.SUPPRESS)  # the child: one size, JSON out
    ap.add_argument("--json", action="store_true", help="print the figures as JSON too")
    args = ap.parse_args()
    if args.one:
        print(json.dumps(one(args.one, args.shared)))
        return 0
    results = {}
    for n in (int(s) for s in args.sizes.split(",")):
        out = subprocess.run([sys.executable, __file__, "--one", str(n), "--shared", str(args.shared)],
                             capture_output=True, text=True, check=True)
        results[n] = json.loads(out.stdout.strip().split("\n")[-1])
        print(f"{n}: done", file=sys.stderr)
    print(report(results))
    if args.json:
        print(json.dumps(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
