"""TimeBank date figure for eventscope's date resolver (eventscope.events.dates).

    .venv/bin/python bench/timebank.py [TIMEBANK] [--errors N] [--no-dateparser]

TIMEBANK is a folder of TimeBank ``.tml`` files (the TimeBank part of the TempEval-3 TBAQ-cleaned
release, as in the public repository jspotter/TempEval-3: ``data/TBAQ-cleaned/TimeBank``). Without
it, the script looks under /work/.mirror for a copy of that repository (a checkout or a bare git
mirror, read with ``git show``). Nothing of the corpus is shipped with eventscope: evaluate locally.

Each document's main text (its TEXT element, tags removed) goes through the same finder, parse and
resolver as ``eventscope annotate``, anchored on the document's creation time (DCT).

The figure, "exact calendar-date values": of the gold TIMEX3 of type DATE whose value is a calendar
date (``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``; not ``PRESENT_REF``, ``1989-Q3``, ``1998-W08``...),
the share for which we produce a time expression that overlaps it (shares at least one character)
and has exactly the same value. Printed for context: precision (of our expressions with a calendar
value, the share overlapping a gold TIMEX3 of any type with the same value; and with a value that agrees
at a coarser or finer precision, such as ``1988`` for gold ``1988-Q3``), span precision (of all
our expressions, the share overlapping any gold TIMEX3) and, where dateparser is installed,
dateparser alone given the gold spans (generous: it is told where the expressions are, and its
answer is cut to the gold value's precision).
"""
from __future__ import annotations

import argparse
import glob
import html
import os
import re
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

CALENDAR = re.compile(r"\d{4}(?:-\d{2}(?:-\d{2})?)?")
SUBDIR = "data/TBAQ-cleaned/TimeBank"


@dataclass
class Gold:
    span: tuple[int, int]
    text: str
    type: str
    value: str


@dataclass
class Document:
    name: str
    dct: str
    text: str
    gold: list[Gold]


def parse_tml(name: str, tml: str) -> Document:
    """The plain TEXT of a TimeML document and its TIMEX3 annotations as character spans."""
    dct_m = re.search(r"<DCT>\s*<TIMEX3[^>]*\bvalue=\"([^\"]+)\"", tml)
    body_m = re.search(r"<TEXT>(.*)</TEXT>", tml, re.DOTALL)
    if not dct_m or not body_m:
        raise ValueError(f"{name}: no DCT or TEXT")
    out: list[str] = []
    pos = 0
    gold: list[Gold] = []
    open_timex: tuple[int, dict[str, str]] | None = None
    for piece in re.split(r"(<[^>]+>)", body_m.group(1)):
        if piece.startswith("<"):
            if piece.startswith("<TIMEX3"):
                open_timex = (pos, dict(re.findall(r"(\w+)=\"([^\"]*)\"", piece)))
            elif piece.startswith("</TIMEX3") and open_timex:
                start, attrs = open_timex
                gold.append(Gold((start, pos), "".join(out)[start:pos], attrs.get("type", ""), attrs.get("value", "")))
                open_timex = None
            continue
        piece = html.unescape(piece)
        out.append(piece)
        pos += len(piece)
    return Document(name, dct_m.group(1), "".join(out), gold)


def find_corpus(arg: str | None) -> list[tuple[str, str]]:
    """(name, TimeML text) of each document, from a folder or from the git mirror."""
    if arg:
        files = sorted(glob.glob(os.path.join(arg, "*.tml")))
        return [(Path(f).name, Path(f).read_text(encoding="utf-8")) for f in files if not Path(f).name.startswith("._")]
    for repo in sorted(glob.glob("/work/.mirror/*TempEval-3*")):
        for root in (repo, os.path.join(repo, "repo")):
            if os.path.isdir(os.path.join(root, SUBDIR)):
                return find_corpus(os.path.join(root, SUBDIR))
            if os.path.exists(os.path.join(root, "HEAD")):  # a bare git mirror: read the files with git
                names = _git(root, "ls-tree", "--name-only", "HEAD", SUBDIR + "/").split()
                names = [n for n in names if n.endswith(".tml") and not Path(n).name.startswith("._")]
                if names:
                    return [(Path(n).name, _git(root, "show", f"HEAD:{n}")) for n in names]
    return []


def _git(root: str, *args: str) -> str:
    return subprocess.run(["git", "-C", root, *args], check=True, capture_output=True, text=True).stdout


def overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def compatible(ours: str, gold: str) -> bool:
    """Our value names the same time as gold's at a coarser or finer precision (1988 and 1988-Q3,
    1998-02-12 and 1998-02-12T12:00)."""
    return gold.startswith(ours) or ours.startswith(gold) and bool(CALENDAR.fullmatch(gold))


def dateparser_value(text: str, dct: str, precision: int) -> str | None:
    import datetime

    import dateparser

    base = datetime.datetime.fromisoformat(dct[:10])
    d = dateparser.parse(text, settings={"RELATIVE_BASE": base, "PREFER_DATES_FROM": "past"})
    return d.date().isoformat()[:precision] if d else None


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("timebank", nargs="?", help="folder of TimeBank .tml files")
    ap.add_argument("--errors", type=int, default=0, help="print this many misses")
    ap.add_argument("--no-dateparser", action="store_true", help="skip the dateparser comparison")
    args = ap.parse_args()
    corpus = find_corpus(args.timebank)
    if not corpus:
        print("TimeBank not found: pass the folder of .tml files (data/TBAQ-cleaned/TimeBank of the public "
              "repository jspotter/TempEval-3), or put a copy of that repository under /work/.mirror.",
              file=sys.stderr)
        return 2
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    from eventscope import nlp
    from eventscope.events.dates import find_timexes

    docs = [parse_tml(n, t) for n, t in corpus]
    model = nlp.load()
    t0 = time.perf_counter()
    gold_n = hit = ours_cal = ours_cal_ok = ours_cal_compat = ours_n = ours_span_ok = dp_hit = 0
    misses: list[str] = []
    use_dp = not args.no_dateparser
    try:
        if use_dp:
            import dateparser  # noqa: F401
    except ImportError:
        use_dp = False
    for d, parsed in zip(docs, model.pipe(d.text for d in docs)):
        ours = find_timexes(d.text, parsed, d.dct)
        for g in d.gold:
            if g.type != "DATE" or not CALENDAR.fullmatch(g.value):
                continue
            gold_n += 1
            found = [t for t in ours if overlaps(t.span, g.span)]
            if any(t.value == g.value for t in found):
                hit += 1
            else:
                got = ", ".join(f"{t.text!r}={t.value}" for t in found) or "nothing"
                misses.append(f"{d.name} DCT {d.dct[:10]}: {g.text!r} gold {g.value}, ours {got}")
            if use_dp and dateparser_value(g.text, d.dct, len(g.value)) == g.value:
                dp_hit += 1
        for t in ours:
            ours_n += 1
            near = [g for g in d.gold if overlaps(t.span, g.span)]
            ours_span_ok += bool(near)
            if t.value and CALENDAR.fullmatch(t.value):
                ours_cal += 1
                ours_cal_ok += any(g.value == t.value for g in near)
                ours_cal_compat += any(compatible(t.value, g.value) for g in near)
    secs = time.perf_counter() - t0
    print(f"TimeBank: {len(docs)} documents, {gold_n} gold DATE timexes with calendar values")
    print(f"exact calendar-date values (recall): {hit}/{gold_n} = {hit / gold_n:.3f}")
    print(f"precision, calendar values:          {ours_cal_ok}/{ours_cal} = {ours_cal_ok / max(ours_cal, 1):.3f}")
    print(f"  same or compatible precision:      {ours_cal_compat}/{ours_cal} = {ours_cal_compat / max(ours_cal, 1):.3f}")
    print(f"span precision, all our timexes:     {ours_span_ok}/{ours_n} = {ours_span_ok / max(ours_n, 1):.3f}")
    if use_dp:
        print(f"dateparser alone on gold spans:      {dp_hit}/{gold_n} = {dp_hit / gold_n:.3f}")
    print(f"({secs:.1f} s for parse and resolution)")
    for line in misses[:args.errors]:
        print("  miss:", line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
