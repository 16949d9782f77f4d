"""Precision where there is nothing to find: events, armed groups and colon quotes on everyday pages.

    .venv/bin/python bench/precision.py [--annotated FILE] [--save FILE] [--sample 20] [--seed 0]

WCXB dev (../shared/bench/extraction/wcxb-dev, 709 real article pages from many sites, CC-BY-4.0) holds
almost no political news. Each page is labelled political or not in ``bench/precision_labels.jsonl``
(by hand, from its title and gold body; the rule is the file's first line). The pages are annotated
through the batch contract (``eventscope annotate``, both cores), and the bench prints, for each half of
a fixed split by hash of the page id (``read``: the half one may look at while writing rules; ``score``:
the half one only scores):

- events per non-political page and per political page, by PLOVER type;
- armed-group mentions (sector REB, or an actor code that is an armed group's) on non-political pages,
  per 100 pages, by the text that was matched;
- colon quotes (cue ``:``) per page, the "Label: value" lines taken for speech;
- a sample of events from non-political pages with their sentences (read half only, so that the
  score half is never read while tuning).

The bars (issue 21): on the score half, events per non-political page <= 0.10, armed-group mentions
<= 1 per 100 non-political pages, colon-label quotes <= 0.1 per page.
"""
from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import random
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
WCXB = ROOT.parent / "shared/bench/extraction/wcxb-dev"
LABELS = ROOT / "bench/precision_labels.jsonl"


def half(page_id: str) -> str:
    """The fixed half a page belongs to: ``read`` or ``score`` (first byte of SHA-256 of its id)."""
    return "read" if hashlib.sha256(page_id.encode()).digest()[0] % 2 == 0 else "score"


def load_labels() -> dict[str, bool]:
    labels: dict[str, bool] = {}
    for line in LABELS.read_text(encoding="utf-8").splitlines():
        rec = json.loads(line)
        if "id" in rec:
            labels[rec["id"]] = bool(rec["political"])
    return labels


def pages() -> list[dict[str, Any]]:
    out = []
    for path in sorted((WCXB / "html").glob("*.html.gz")):
        pid = path.name.split(".")[0]
        gold = json.loads((WCXB / "ground-truth" / f"{pid}.json").read_text(encoding="utf-8"))
        html = gzip.decompress(path.read_bytes()).decode("utf-8", "replace")
        out.append({"id": pid, "html": html, "url": gold.get("url")})
    return out


def annotate(docs: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    with tempfile.TemporaryDirectory() as tmp:
        src, dst = Path(tmp) / "in.jsonl", Path(tmp) / "out.jsonl"
        src.write_text("".join(json.dumps(d) + "\n" for d in docs), encoding="utf-8")
        subprocess.run([str(ROOT / ".venv/bin/eventscope"), "annotate", str(src), "-o", str(dst)], check=True)
        return {str(r["id"]): r for r in map(json.loads, dst.read_text(encoding="utf-8").splitlines())}


def is_armed_group(m: dict[str, Any]) -> bool:
    return m.get("sector") == "REB"


def report(name: str, ids: list[str], labels: dict[str, bool], out: dict[str, dict[str, Any]]) -> dict[str, float]:
    non = [i for i in ids if not labels.get(i, False)]
    pol = [i for i in ids if labels.get(i, False)]
    ev_non: Counter[str] = Counter(e["event"] for i in non for e in out.get(i, {}).get("events", []))
    ev_pol: Counter[str] = Counter(e["event"] for i in pol for e in out.get(i, {}).get("events", []))
    reb: Counter[str] = Counter(m["text"] for i in non for m in out.get(i, {}).get("actors", []) if is_armed_group(m))
    colon = [q for i in ids for q in out.get(i, {}).get("quotes", []) if q.get("cue") == ":"]
    errors = sum(1 for i in ids if "error" in out.get(i, {"error": 1}))
    figures = {
        "events_per_nonpolitical_page": sum(ev_non.values()) / max(1, len(non)),
        "events_per_political_page": sum(ev_pol.values()) / max(1, len(pol)),
        "reb_per_100_nonpolitical_pages": 100 * sum(reb.values()) / max(1, len(non)),
        "colon_quotes_per_page": len(colon) / max(1, len(ids)),
        "quotes_per_nonpolitical_page": sum(len(out.get(i, {}).get("quotes", [])) for i in non) / max(1, len(non)),
    }
    print(f"\n== {name} half: {len(ids)} pages ({len(non)} not political, {len(pol)} political, "
          f"{errors} error lines)")
    for k, v in figures.items():
        print(f"  {k:34s} {v:7.3f}")
    print("  events on non-political pages by type: "
          + (", ".join(f"{t} {n}" for t, n in ev_non.most_common()) or "none"))
    print("  events on political pages by type:     "
          + (", ".join(f"{t} {n}" for t, n in ev_pol.most_common()) or "none"))
    print("  armed-group mentions (non-political):  "
          + (", ".join(f"{t!r} {n}" for t, n in reb.most_common(12)) or "none"))
    return figures


def sample(ids: list[str], labels: dict[str, bool], out: dict[str, dict[str, Any]], k: int, seed: int) -> None:
    found = []
    for i in ids:
        if labels.get(i, False):
            continue
        doc = out.get(i, {})
        for e in doc.get("events", []):
            s0, s1 = e["sentence"]
            found.append((i, e, " ".join(doc["text"][s0:s1].split())))
    random.Random(seed).shuffle(found)
    print(f"\n== {min(k, len(found))} sampled events on non-political pages (read half)")
    for i, e, sentence in found[:k]:
        actors = "+".join(m.get("code") or m["text"] for m in e["actor"]) or "-"
        targets = "+".join(m.get("code") or m["text"] for m in e["recipient"]) or "-"
        print(f"  {i} {e['event']} {e['cameo']} {actors} -> {targets} [{e['trigger']['text']}]: {sentence[:160]}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--annotated", type=Path, help="reuse an output JSONL of an earlier run (--save)")
    ap.add_argument("--save", type=Path, help="keep the annotate output here")
    ap.add_argument("--sample", type=int, default=20)
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args()
    labels = load_labels()
    if args.annotated:
        out = {str(r["id"]): r for r in map(json.loads, args.annotated.read_text(encoding="utf-8").splitlines())}
    else:
        docs = pages()
        out = annotate(docs)
        if args.save:
            args.save.write_text("".join(json.dumps(out[d["id"]], ensure_ascii=False) + "\n" for d in docs
                                         if d["id"] in out), encoding="utf-8")
    ids = sorted(labels)
    for name in ("read", "score"):
        report(name, [i for i in ids if half(i) == name], labels, out)
    report("all", ids, labels, out)
    sample([i for i in ids if half(i) == "read"], labels, out, args.sample, args.seed)


if __name__ == "__main__":
    sys.exit(main())
