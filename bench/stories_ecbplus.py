"""Story clustering on ECB+ dev without the NLP stages: B-cubed per threshold, and leave-topics-out.

usage: python bench/stories_ecbplus.py [FILE.jsonl] [--sweep] [--ablate] [--orders] [--diagnose] [--joins]
                                       [--baseline]

Feeds id + text only (as the scorer ../shared/eval/stories.py does), straight to the story index. The
leave-topics-out figure picks the threshold on the even-numbered topics and scores it on the odd ones,
then the other way round: what a held-out set of topics should expect, unlike the best threshold on all.
--orders shows how much the figure moves with the order of the undated reports (which a batch streams by
id: the scorer's ids are content hashes, so its figure is one draw of these). --diagnose prints, per topic
below 0.95, which gold stories each predicted story holds (u: undated), and how separable the features are:
the share of reports that resemble their own story's reports more than the other story of their topic.
--joins counts the stream's joins (a report placed in a story that already had reports) by whether the report
and the story were dated, and how many of them joined a story of another happening (the story's majority
so far), and the moves revision made. --baseline measures the reference the issue names, TF-IDF with average-link clustering (scikit-learn,
whole batch at once), with its distance threshold picked the same leave-topics-out way.
"""
from __future__ import annotations

import hashlib
import json
import sys
import time
from collections import Counter, defaultdict
from dataclasses import replace
from pathlib import Path

from eventscope.model import Article
from eventscope.stories.index import StoryConfig, StoryIndex, _dot, assign, order_key
from eventscope.stories.text import features

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


def by_order(docs: list[dict], config: StoryConfig, salts: str = "abcdefgh") -> list[float]:
    """B-cubed F1 with the ids salted, so that the undated reports stream in other orders."""
    gold = {d["id"]: d["story"] for d in docs}
    out = []
    for salt in salts:
        salted = [{**d, "id": hashlib.sha1((salt + d["id"]).encode()).hexdigest()[:12] + d["id"]} for d in docs]
        pred = {k[12:]: v for k, v in run(salted, config).items()}
        out.append(bcubed(gold, pred)[2])
    return out


def diagnose(docs: list[dict], pred: dict[str, str]) -> None:
    arts = {d["id"]: Article(id=d["id"], text=d["text"], origin=d["id"]) for d in docs}
    feats = {k: features(a) for k, a in arts.items()}
    topics: dict[int, list[dict]] = defaultdict(list)
    for d in docs:
        topics[int(d.get("topic", 0))].append(d)
    for t, ds in sorted(topics.items()):
        g = {d["id"]: d["story"] for d in ds}
        f = bcubed(g, {k: pred[k] for k in g})[2]
        if f >= 0.95:
            continue
        held: dict[str, Counter[str]] = defaultdict(Counter)
        for d in ds:
            held[pred[d["id"]]][d["story"] + ("" if feats[d["id"]].date else "(u)")] += 1
        print(f"  topic {t}: B3 F1 {f:.3f}: " + " | ".join(" ".join(f"{k}:{v}" for k, v in sorted(c.items()))
                                                           for c in held.values()))
    # Separability: average cosine (words and names, IDF over the file) to the own story vs the other story.
    index = StoryIndex()
    for f in feats.values():
        index.count(f)
    vec = {k: index.vectors(f) for k, f in feats.items()}

    def sim(a: str, b: str) -> float:
        return 0.5 * _dot(vec[a][0], vec[b][0]) + 0.5 * _dot(vec[a][1], vec[b][1])

    closer = total = 0
    for ds in topics.values():
        for d in ds:
            own = [e["id"] for e in ds if e["story"] == d["story"] and e["id"] != d["id"]]
            other = [e["id"] for e in ds if e["story"] != d["story"]]
            if own and other:
                total += 1
                closer += sum(sim(d["id"], x) for x in own) / len(own) > sum(sim(d["id"], x) for x in other) / len(other)
    print(f"  separability: {closer} of {total} reports resemble their own story more than the other story of "
          f"their topic (on average over its reports)")


def joins(docs: list[dict], config: StoryConfig) -> None:
    """Right and wrong joins of the batch stream, by whether the report and the story it joined are dated."""
    arts = [Article(id=d["id"], text=d["text"], origin=d["id"]) for d in docs]
    gold = {d["id"]: d["story"] for d in docs}
    feats = {a.id: features(a) for a in arts}
    index = StoryIndex(config)
    held: dict[str, Counter[str]] = defaultdict(Counter)  # story -> gold stories of its reports so far
    dated: set[str] = set()
    tally: Counter[tuple[str, str, bool]] = Counter()
    story: dict[str, str] = {}
    moves: Counter[bool] = Counter()
    for a in sorted(arts, key=lambda a: order_key(a, feats[a.id])):
        sid = index.add(a, feats[a.id])
        f = feats[a.id]
        if held[sid]:
            right = held[sid].most_common(1)[0][0] == gold[a.id]
            tally[("dated" if f.date else "undated", "dated" if sid in dated else "undated", right)] += 1
        held[sid][gold[a.id]] += 1
        story[a.id] = sid
        if f.date:
            dated.add(sid)
        for moved, to in index.take_moves().items():
            held[story[moved]][gold[moved]] -= 1
            moves[held[to].most_common(1)[0][0] == gold[moved]] += 1
            held[to][gold[moved]] += 1
            story[moved] = to
    for r in ("dated", "undated"):
        for s in ("dated", "undated"):
            ok, bad = tally[(r, s, True)], tally[(r, s, False)]
            if ok + bad:
                print(f"  {r} report -> {s} story: {ok + bad} joins, {bad} into another happening's story")
    print(f"  revision: {sum(moves.values())} moves, {moves[True]} into the story of the report's happening")


def baseline(docs: list[dict]) -> None:
    """TF-IDF (sublinear, English stop words) and average-link clustering of cosine distances, per half."""
    from sklearn.cluster import AgglomerativeClustering
    from sklearn.feature_extraction.text import TfidfVectorizer

    def cluster(part: list[dict], threshold: float) -> dict[str, str]:
        x = TfidfVectorizer(sublinear_tf=True, stop_words="english").fit_transform([d["text"] for d in part])
        labels = AgglomerativeClustering(n_clusters=None, metric="cosine", linkage="average",
                                         distance_threshold=threshold).fit_predict(x.toarray())
        return {d["id"]: str(k) for d, k in zip(part, labels)}

    grid = [round(0.70 + 0.02 * i, 2) for i in range(14)]
    halves = [[d for d in docs if int(d.get("topic", 0)) % 2 == k] for k in (0, 1)]
    scores = {(k, t): bcubed({d["id"]: d["story"] for d in half}, cluster(half, t))[2]
              for t in grid for k, half in enumerate(halves)}
    for k in (0, 1):
        t = max(grid, key=lambda t: scores[(k, t)])
        print(f"  baseline tuned on {'even' if k == 0 else 'odd'} topics: distance {t:.2f}, "
              f"held-out {'odd' if k == 0 else 'even'} topics B3 F1 {scores[(1 - k, t)]:.3f}")
    gold = {d["id"]: d["story"] for d in docs}
    best = max(grid, key=lambda t: bcubed(gold, cluster(docs, t))[2])
    p, r, f = bcubed(gold, cluster(docs, best))
    print(f"  baseline at its best distance on all topics ({best:.2f}): B3 P {p:.3f} R {r:.3f} F1 {f:.3f}")


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
    if "--orders" in sys.argv:
        scores = by_order(docs, base)
        print(f"  over {len(scores)} orders of the undated reports: B3 F1 mean {sum(scores) / len(scores):.3f}, "
              f"min {min(scores):.3f}, max {max(scores):.3f}")
    if "--diagnose" in sys.argv:
        diagnose(docs, pred)
    if "--joins" in sys.argv:
        joins(docs, base)
    if "--baseline" in sys.argv:
        baseline(docs)
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
