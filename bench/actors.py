"""What the actor stage costs on top of spaCy, and what it finds.

    .venv/bin/python bench/actors.py [JSONL] [--limit N] [--repeat R]

JSONL holds one document a line with a ``text`` field (default: the ECB+ dev stories in
../shared/gold/ecbplus/stories_dev.jsonl). The texts are parsed once with ``nlp.pipe`` (the bare
spaCy time, as every stage shares that parse), then the actor stage runs over the parsed docs.
The figure is the actor stage's time as a share of spaCy's own (the bar: under 20%). The dictionary
load, once per process, is printed apart. Mentions are counted by how they were found (``via``).
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from eventscope import nlp
from eventscope.actors import ActorStage
from eventscope.model import Article

DEFAULT = ROOT.parent / "shared/gold/ecbplus/stories_dev.jsonl"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("jsonl", nargs="?", type=Path, default=DEFAULT)
    ap.add_argument("--limit", type=int, default=300)
    ap.add_argument("--repeat", type=int, default=3, help="actor-stage passes; the fastest counts")
    args = ap.parse_args()
    texts = []
    with open(args.jsonl, encoding="utf-8") as f:
        for line in f:
            if line.strip():
                texts.append(json.loads(line)["text"])
            if len(texts) >= args.limit:
                break
    model = nlp.load()
    list(model.pipe(texts[:5]))  # warm-up
    t0 = time.perf_counter()
    docs = list(model.pipe(texts))
    spacy_s = time.perf_counter() - t0
    t0 = time.perf_counter()
    stage = ActorStage()
    load_s = time.perf_counter() - t0
    best = float("inf")
    via: Counter[str] = Counter()
    codes: Counter[str] = Counter()
    for _ in range(args.repeat):
        via.clear()
        codes.clear()
        t0 = time.perf_counter()
        for i, (text, doc) in enumerate(zip(texts, docs)):
            a = Article(id=str(i), text=text, origin="bench")
            stage(a, doc)
            via.update(m.via or "-" for m in a.actors)
            codes.update(m.code or "-" for m in a.actors)
        best = min(best, time.perf_counter() - t0)
    words = sum(len(d) for d in docs)
    print(f"documents {len(texts)}, tokens {words}")
    print(f"spaCy nlp.pipe: {spacy_s:.2f} s ({words / spacy_s:.0f} tokens/s)")
    print(f"dictionary load (once per process): {load_s:.2f} s")
    print(f"mentions {sum(via.values())}; by via: {dict(via.most_common())}")
    print(f"top codes: {dict(codes.most_common(12))}")
    print(f"actor stage: {best:.2f} s = {100 * best / spacy_s:.1f}% of spaCy's time (bar: < 20%)")


if __name__ == "__main__":
    main()
