"""Story clustering on ECB+ dev without the NLP stages: B-cubed per threshold, and leave-topics-out.

usage: python bench/stories_ecbplus.py [FILE.jsonl] [--sweep] [--ablate]

Feeds id + text only (as the scorer ../shared/eval/stories.py does), straight to the story index. The
leave-topics-out figure picks the threshold on the even-numbered topics and scores it on the odd ones,
then the other way round: what a held-out set of topics should expect, unlike the best threshold on all.
"""
from __future__ import annotations

import json
import sys
import time
from collections import defaultdict
from dataclasses import replace
from pathlib import Path

from eventscope.model import Article
from eventscope.stories.index import StoryConfig, assign

GOLD = Path(__file__).resolve().parents[1].parent / "shared/gold/ecbplus/stories_dev.jsonl"


def bcubed(gold: dict[str, str], pred: dict[str, str]) -> tuple[float, float, float]:
    gc: dict[str, set[str]] = defaultdict(set)
    pc: dict[str, set[str]] = defaultdict(set)
    for d in gold:
        gc[gold[d]].add(d)
        pc[pred[d]].add(d)
    p = sum(len(gc[gold[d]] & pc[pred[d]]) / len(pc[pred[d]]) for d in gold) / len(gold)
    r = sum(len(gc[gold[d]] & pc[pred[d]]) / len(gc[gold[d]]) for d in gold) / len(gold)
    return p, r, 2 * p * r / (p + r) if p + r else 0.0


def run(docs: list[dict], config: StoryConfig) -> dict[str, str]:
    return assign([Article(id=d["id"], text=d["text"], origin=d["id"]) for d in docs], config)


def main() -> None:
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    src = Path(args[0]) if args else GOLD
    docs = [json.loads(ln) for ln in src.read_text().splitlines() if ln.strip()]
    gold = {d["id"]: d["story"] for d in docs}
    base = StoryConfig()
    t0 = time.perf_counter()
    pred = run(docs, base)
    took = time.perf_counter() - t0
    p, r, f = bcubed(gold, pred)
    print(f"default threshold {base.threshold}: B3 P {p:.3f} R {r:.3f} F1 {f:.3f}; "
          f"{len(set(pred.values()))} stories vs {len(set(gold.values()))} gold; {took:.1f}s for {len(docs)} docs")
    if "--ablate" in sys.argv:
        for name, cfg in [("words only", replace(base, name_weight=0.0)),
                          ("no time window", replace(base, window_days=10**6, max_gap_days=10**6)),
                          ("no copy tier", replace(base, copy_threshold=0.95))]:
            print(f"  {name}: B3 F1 {bcubed(gold, run(docs, cfg))[2]:.3f}")
    if "--sweep" in sys.argv:
        grid = [round(0.13 + 0.02 * i, 2) for i in range(7)]
        halves = [[d for d in docs if int(d.get("topic", 0)) % 2 == k] for k in (0, 1)]
        scores: dict[tuple[int, float], float] = {}
        for t in grid:
            cfg = replace(base, threshold=t)
            for k, half in enumerate(halves):
                g = {d["id"]: d["story"] for d in half}
                scores[(k, t)] = bcubed(g, run(half, cfg))[2]
            print(f"  threshold {t:.2f}: even topics {scores[(0, t)]:.3f} odd topics {scores[(1, t)]:.3f}")
        for k in (0, 1):
            t = max(grid, key=lambda t: scores[(k, t)])
            print(f"  tuned on {'even' if k == 0 else 'odd'} topics: threshold {t:.2f}, "
                  f"held-out {'odd' if k == 0 else 'even'} topics B3 F1 {scores[(1 - k, t)]:.3f}")


if __name__ == "__main__":
    main()
