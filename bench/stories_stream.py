"""Streaming story index on synthetic articles: time and peak memory as the stream grows.

usage: python bench/stories_stream.py [N ...]      (default: 100000 1000000; each size in its own process)

Synthetic reports: stories of one to twenty reports over a few days, each story with its own names,
place and numbers, drawn on one of 200 topics (shared vocabulary: many earthquakes, many elections), some
reports being wire copies with a new first line. Dates advance about 2,000 reports a day. Prints, per
size: seconds, articles a second, peak resident memory, open stories, and B-cubed F1 against the
generated stories (a sanity check, not a quality figure). Near-linear growth: time per article and
memory per article should stay roughly flat from 100k to 1M.
"""
from __future__ import annotations

import datetime as dt
import random
import resource
import subprocess
import sys
import time
from collections.abc import Iterator

from stories_ecbplus import bcubed  # bench/ is on sys.path when run as a script

from eventscope.model import Article
from eventscope.stories import StoryIndex

# 40 syllables, names of three or four: some 2.6 million names, so that two happenings rarely share a name by
# chance (with two-syllable names, 1,600 of them, every week of the stream had unrelated stories sharing a
# surname, and the sanity check read 0.63).
SYL = ["ba", "ko", "ri", "ta", "men", "sul", "dor", "vi", "na", "lek", "zo", "par", "tin", "gra", "mo", "shi", "ver",
       "lan", "cu", "bel", "ka", "ro", "fi", "da", "pe", "ul", "gor", "ash", "min", "tev", "oru", "xa", "bri", "hel",
       "jo", "qua", "sen", "wil", "yan", "ez"]
COMMON = ["officials", "said", "the", "report", "on", "monday", "after", "police", "government", "people", "city", "country", "told", "week", "local", "authorities", "minister", "statement", "region", "national", "news", "agency", "media"]


def name(rng: random.Random) -> str:
    return "".join(rng.choice(SYL) for _ in range(rng.randint(3, 4))).capitalize()


def generate(n: int, seed: int = 7) -> Iterator[tuple[Article, str]]:
    """(article, true story) pairs in date order."""
    rng = random.Random(seed)
    topics = [[name(rng).lower() for _ in range(25)] for _ in range(200)]
    day = dt.date(2020, 1, 1)
    made = 0
    story = 0
    while made < n:
        story += 1
        topic = rng.choice(topics)
        people = [f"{name(rng)} {name(rng)}" for _ in range(2)]
        place = name(rng)
        number = rng.randint(3, 900)
        size = min(n - made, max(1, int(rng.paretovariate(1.3))), 20)
        wire: str | None = None
        for k in range(size):
            words = rng.sample(topic, 10) + rng.sample(COMMON, 6)
            rng.shuffle(words)
            body = (f"{people[0]} met {people[1]} in {place} where {number} {topic[0]} were reported. "
                    + " ".join(words) + f". {people[0]} said the {topic[1]} in {place} would go on.")
            if wire is not None and rng.random() < 0.3:
                body = f"{name(rng)} News: " + wire  # a syndicated copy
            wire = wire or body
            date = day + dt.timedelta(days=min(k, 4))
            made += 1
            yield Article(id=f"a{made}", text=body, origin="synthetic", published=date.isoformat()), f"t{story}"
        if made % 2000 < size:
            day += dt.timedelta(days=1)


SAMPLE = 50_000  # the first reports, scored for B-cubed; the rest are not kept, so the bench holds no per-article state


def one(n: int) -> None:
    index = StoryIndex()
    gold: dict[str, str] = {}
    pred: dict[str, str] = {}
    base_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    t0 = block_t0 = time.perf_counter()
    blocks: list[float] = []
    block = max(1, n // 10)
    for i, (art, truth) in enumerate(generate(n), 1):
        # Articles are sorted by date already; the index may reorder nothing.
        sid = index.add(art)
        if i <= SAMPLE:
            pred[art.id], gold[art.id] = sid, truth
        for moved, to in index.take_moves().items():  # revision moved earlier reports
            if moved in pred:
                pred[moved] = to
        if i % block == 0:
            now = time.perf_counter()
            blocks.append(1e6 * (now - block_t0) / block)
            block_t0 = now
    took = time.perf_counter() - t0
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    # Stories of the sample may have grown past it: score the sample's own members only.
    f1 = bcubed(gold, {k: pred[k] for k in gold})[2]
    print(f"{n:>9,} articles: {took:7.1f} s, {n / took:7.0f} articles/s, {1e6 * took / n:6.0f} us/article, "
          f"peak RSS {peak_mb:7.0f} MB ({1024 * (peak_mb - base_mb) / n:5.2f} kB/article over the "
          f"{base_mb:.0f} MB at start), {index.open_stories:,} open stories, B3 F1 {f1:.3f} (first {len(gold):,})",
          flush=True)
    print("  us/article by tenth of the stream: " + " ".join(f"{b:.0f}" for b in blocks), flush=True)


def main() -> None:
    sizes = [int(a) for a in sys.argv[1:]] or [100_000, 1_000_000]
    if len(sizes) == 1:
        one(sizes[0])
        return
    for n in sizes:  # each size in a fresh process, so peak memory is its own
        subprocess.run([sys.executable, __file__, str(n)], check=True)


if __name__ == "__main__":
    main()
