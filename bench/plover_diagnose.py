#!/usr/bin/env python3
"""Why actors go wrong on PLOVER gold records whose event type we hit.

usage: .venv/bin/python bench/plover_diagnose.py [--gold FILE.jsonl] [--cache DIR] [-q]

For every record where some predicted event has the gold type but its actor codes (or, where gold
has a target, its recipient codes) differ from gold (the metric of ../shared/eval/plover.py), prints
our codes against gold, the sentence's actor mentions, and one cause class:

* ``missing mention``: a gold code no actor mention of the sentence carries;
* ``wrong code``: a mention sits on the gold actor's words but with another code;
* ``swapped``: actor and recipient exchanged;
* ``compound incomplete``: some of a gold list of actors found, others not coded as actors;
* ``extra actor``: all gold actors and more;
* ``missing recipient``: the actor right, no recipient where gold has one;
* ``role choice``: the mentions are there, the coder picked others.

Ends with the counts per class. Parses are cached (``--cache``) since only the stages change
between runs.
"""
from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
SHARED = ROOT.parent / "shared"

# The gold conventions and code comparison are the scorer's, as bench/plover.py states them.
from plover import CAMEO_TO_ISO, RENAME
from plover import _codes as codes

from eventscope.clean import clean
from eventscope.model import RawDoc
from eventscope.pipeline import Annotator


def parses(annotator: Annotator, texts: list[str], cache: Path | None) -> dict[str, object]:
    """spaCy docs of the texts, read from / written to ``cache`` (a DocBin) when given."""
    from spacy.tokens import DocBin

    nlp = annotator.nlp
    if cache is not None:
        path = cache / "plover_docs.spacy"
        if path.exists():
            docs = list(DocBin().from_disk(path).get_docs(nlp.vocab))
            by_text = {d.text: d for d in docs}
            if all(t in by_text for t in texts):
                return by_text
    by_text = {t: nlp(t) for t in texts}
    if cache is not None:
        cache.mkdir(parents=True, exist_ok=True)
        DocBin(store_user_data=True, docs=list(by_text.values())).to_disk(cache / "plover_docs.spacy")
    return by_text


def cause(g: dict, hit: dict, mentions: list[dict], text: str) -> str:
    src, tgt = codes(g.get("source")), codes(g.get("target"))
    ours_a, ours_r = codes(hit["actor"]), codes(hit["recipient"])
    present = {(m.get("code") or "").upper() for m in mentions}
    present = {CAMEO_TO_ISO.get(c, c) for c in present if c} | ours_a | ours_r  # with the coder's places, groups
    for a in (g.get("source") or []) + (g.get("target") or []):
        words = (a.get("actorText") or "").split("...")[0].strip()
        at = text.find(words) if words else -1
        c = CAMEO_TO_ISO.get((a.get("code") or "").upper(), (a.get("code") or "").upper())
        if at >= 0 and c not in present:
            on = [m for m in mentions if m["span"][0] < at + len(words) and at < m["span"][1]]
            return "wrong code" if on else "missing mention"
    if any(c not in present for c in src | tgt):
        return "missing mention"
    if tgt and ours_a == tgt and ours_r == src:
        return "swapped"
    if ours_a != src:
        if ours_a > src:
            return "extra actor"
        if ours_a < src and len(src) > 1:
            return "compound incomplete"
        if tgt and ours_a & tgt:
            return "swapped"
        return "role choice"
    if tgt and not ours_r:
        return "missing recipient"
    return "role choice"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--gold", type=Path, default=SHARED / "gold/plover/gsr_dev.jsonl")
    ap.add_argument("--cache", type=Path, default=Path("/tmp/eventscope-plover-cache"))
    ap.add_argument("-q", "--quiet", action="store_true", help="counts only")
    args = ap.parse_args()
    gold = [json.loads(line) for line in args.gold.read_text().splitlines() if line.strip()]
    annotator = Annotator()
    articles = [clean(RawDoc(g["text"], "text", g["id"], published=g.get("date")), annotator.options) for g in gold]
    docs = parses(annotator, [a.text for a in articles], args.cache)
    counts: Counter[str] = Counter()
    hits = 0
    for g, art in zip(gold, articles):
        doc = docs[art.text]
        for stage in annotator.stages:
            stage(art, doc)
        out = art.to_contract()
        gtype = RENAME.get(g["event"], g["event"])
        hit = next((e for e in out["events"] if e["event"] == gtype), None)
        if hit is None:
            continue
        hits += 1
        tgt = codes(g.get("target"))
        if codes(hit["actor"]) == codes(g.get("source")) and (not tgt or codes(hit["recipient"]) == tgt):
            continue
        why = cause(g, hit, out["actors"], art.text)
        counts[why] += 1
        if not args.quiet:
            gs = [(a.get("actorText"), a.get("code")) for a in g.get("source") or []]
            gt = [(a.get("actorText"), a.get("code")) for a in g.get("target") or []]
            print(f"[{why}] {g['id']} {gtype} trigger={hit['trigger']['text']!r}")
            print(f"   ours  A={sorted(codes(hit['actor']))} R={sorted(codes(hit['recipient']))}   "
                  f"gold  S={gs} T={gt}")
            print(f"   mentions: {[(m['text'], m['code'], m['sector']) for m in out['actors']]}")
            print(f"   {art.text}")
    wrong = sum(counts.values())
    print(f"type hits {hits}; actors wrong on {wrong} ({1 - wrong / max(hits, 1):.3f} right)")
    for k, n in counts.most_common():
        print(f"  {k:22s} {n}")


if __name__ == "__main__":
    main()
