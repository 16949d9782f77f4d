#!/usr/bin/env python3
"""Mark the acronym aliases of bodies that need evidence before they are matched. Run by hand:

    .venv/bin/pip install spacy-lookups-data==1.0.5     # build-time only: not a dependency of eventscope
    .venv/bin/python tools/mark_ambiguous.py [--check]

An acronym alias is ambiguous in three ways, each decided from data, never listed by hand. The
measure is spaCy's English lexeme probabilities (``en_lexeme_prob`` in spacy-lookups-data, MIT),
estimated from a large cased corpus, so "let", "Let" and "LET" are counted apart:

- ``word``: the lower-case form is more frequent than the capitals: an English word ("LET": let -7.8
  against LET -12.2; "CA": ca -7.1). Matched only in capitals.
- ``name``: the capitalised form is more frequent than the capitals, the lower-case one is not: a name
  written like one ("ANA": Ana -14.2 against ANA -15.4; "Hamas", "Daesh"). Matched in capitals, and
  capitalised only with evidence in the document. "NATO" is neither (nato -15.1, Nato -15.0, NATO -12.2).
- ``short``: three letters or fewer, of a national body or armed group (not an IGO, whose short
  acronyms UN, EU, AU are what news writes): thousands of things share such letters ("Fremont, CA",
  a Roth IRA). A short alias is matched only with evidence in the document (actors/resolver.py).

The marks go into the ``ambiguous`` field of each entry of ``organisations.jsonl`` and ``bodies.jsonl``
(alias -> its kinds). ``--check`` only reports what would change (exit 1 if anything would). Rerun after
tools/build_actors.py, which writes those files without the marks.
"""
from __future__ import annotations

import argparse
import gzip
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from eventscope.actors.text import is_acronym

DATA = ROOT / "eventscope/data/actors"
FILES = ("organisations.jsonl", "bodies.jsonl")
UNSEEN = -25.0  # log probability of a form the table does not hold (its rarest forms are near -20)
SHORT = 3  # letters: an acronym this short names too many things to stand alone


def lexeme_probs() -> dict[str, float]:
    try:
        import spacy_lookups_data
    except ImportError:
        sys.exit("needs spacy-lookups-data: .venv/bin/pip install spacy-lookups-data==1.0.5")
    path = Path(spacy_lookups_data.__file__).parent / "data/en_lexeme_prob.json.gz"
    with gzip.open(path, "rt", encoding="utf-8") as f:
        return json.load(f)


def kinds_of(alias: str, code: str, probs: dict[str, float]) -> list[str]:
    """The kinds of ambiguity (``word`` or ``name``, ``short``) of one alias of a body coded ``code``."""
    if not is_acronym(alias):
        return []
    bare = alias.replace(".", "")
    upper = probs.get(bare.upper(), UNSEEN)
    kinds = []
    if probs.get(bare.lower(), UNSEEN) > upper:
        kinds.append("word")
    elif probs.get(bare.capitalize(), UNSEEN) > upper:
        kinds.append("name")
    if len(bare) <= SHORT and code != "IGO":
        kinds.append("short")
    return kinds


def marked(rec: dict, probs: dict[str, float]) -> dict:
    out = {k: v for k, v in rec.items() if k != "ambiguous"}
    marks = {a: k for a in [rec["name"], *rec.get("names", [])] if (k := kinds_of(a, rec.get("code", ""), probs))}
    if marks:
        out["ambiguous"] = dict(sorted(marks.items()))
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--check", action="store_true", help="report what would change, write nothing")
    args = ap.parse_args()
    probs = lexeme_probs()
    changed = 0
    for name in FILES:
        path = DATA / name
        lines = path.read_text(encoding="utf-8").splitlines()
        out = []
        for line in lines:
            rec = json.loads(line)
            if "id" not in rec:
                out.append(line)
                continue
            new = marked(rec, probs)
            if new != rec:
                changed += 1
                if args.check:
                    print(f"{name}: {rec['id']}: {new.get('ambiguous')}")
            # The generated files keep their compact form, one entry a line.
            sep = (",", ":") if ": " not in line else (", ", ": ")
            out.append(json.dumps(new, ensure_ascii=False, separators=sep))
        if not args.check:
            path.write_text("\n".join(out) + "\n", encoding="utf-8")
    counts: dict[str, int] = {}
    for name in FILES:
        for line in (DATA / name).read_text(encoding="utf-8").splitlines():
            for ks in json.loads(line).get("ambiguous", {}).values():
                for k in ks:
                    counts[k] = counts.get(k, 0) + 1
    print(f"{changed} entries {'would change' if args.check else 'changed'}; marked aliases: {counts}")
    return 1 if args.check and changed else 0


if __name__ == "__main__":
    sys.exit(main())
