#!/usr/bin/env python3
"""Do the quotes (and the rest of the annotation) stay the same? usage:

    quotes_same.py dump OUT.json [--ecb N]      # annotate the texts below, write what came out
    quotes_same.py compare A.json B.json        # which documents differ, stage by stage

The texts: the seed articles, the ScrapingHub plain texts and the first N ECB+ dev texts (all under
../shared). Run ``dump`` with the old code and with the new (e.g. from an exported copy of each:
``PYTHONPATH=/tmp/old .venv/bin/python bench/quotes_same.py dump old.json``), then ``compare``.
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
FIELDS = ("text", "actors", "timex", "quotes", "events")


def texts(ecb: int) -> list[tuple[str, str]]:
    out = [(p.name, p.read_text("utf-8")) for p in sorted((SHARED / "corpus" / "seeds").glob("*.txt"))]
    out += [(p.name, p.read_text("utf-8"))
            for p in sorted((SHARED / "bench/extraction/scrapinghub/text").glob("*.txt"))]
    with open(SHARED / "gold/ecbplus/stories_dev.jsonl", encoding="utf-8") as f:
        for k, line in enumerate(f):
            if k >= ecb:
                break
            rec = json.loads(line)
            out.append((rec["id"], rec["text"]))
    return out


def dump(path: str, ecb: int) -> None:
    from eventscope.model import RawDoc
    from eventscope.pipeline import Annotator

    docs = texts(ecb)
    raws = [RawDoc(body=t, kind="text", origin=name, caller_id=name) for name, t in docs]
    result = {}
    for name_text, out in zip(docs, Annotator().pipe(raws)):
        rec = out.to_contract() if not isinstance(out, dict) else out
        result[name_text[0]] = {k: rec.get(k) for k in (*FIELDS, "error")}
    Path(path).write_text(json.dumps(result, ensure_ascii=False, sort_keys=True), "utf-8")
    print(f"{len(result)} documents written to {path}")


def compare(a_path: str, b_path: str) -> int:
    a, b = (json.loads(Path(p).read_text("utf-8")) for p in (a_path, b_path))
    names = sorted(set(a) | set(b))
    differ: dict[str, list[str]] = {k: [] for k in (*FIELDS, "error", "missing")}
    quotes = 0
    for n in names:
        if n not in a or n not in b:
            differ["missing"].append(n)
            continue
        quotes += len(a[n].get("quotes") or [])
        for k in (*FIELDS, "error"):
            if a[n].get(k) != b[n].get(k):
                differ[k].append(n)
    print(f"{len(names)} documents, {quotes} quotes in {a_path}")
    for k, ns in differ.items():
        print(f"  {k}: {len(ns)} differ" + (f" ({', '.join(ns[:5])}{' ...' if len(ns) > 5 else ''})" if ns else ""))
    return 1 if any(differ.values()) else 0


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="cmd", required=True)
    d = sub.add_parser("dump")
    d.add_argument("out")
    d.add_argument("--ecb", type=int, default=300, help="how many ECB+ dev texts (default 300)")
    c = sub.add_parser("compare")
    c.add_argument("a")
    c.add_argument("b")
    args = ap.parse_args()
    if args.cmd == "dump":
        dump(args.out, args.ecb)
        return 0
    return compare(args.a, args.b)


if __name__ == "__main__":
    sys.exit(main())
