#!/usr/bin/env python3
"""Event coding figures: PLOVER gold (dev) and agreement with the PETRARCH-2 unit-test records.

usage: .venv/bin/python bench/plover.py [--gold FILE.jsonl] [--no-petrarch] [-v]

Runs the whole annotate pipeline in-process (the same stages as ``eventscope annotate``) and prints:

* PLOVER: type precision / recall / F1 and actors right on hits, with the metric of
  ../shared/eval/plover.py (one gold event a record; precision over all predicted events);
* PETRARCH-2 unit tests: among records that code an event, the share where some predicted event has
  the record's exact CAMEO code, its two-digit root, and its PLOVER type; and, among records marked
  "no events", the share where we code none. Their actors are fictional (Arnor, Gondor): a user actor
  dictionary built from the records' own codes (``petrarch_actors``) lets the actors stage find them.
  Their codes come from PETRARCH's validation verb dictionary, which is deliberately artificial
  (e.g. "restore diplomatic ties" 064, "shot dead" 224), so exact CAMEO agreement is a weak signal.

``--gold-actors`` replaces the actors stage by the PLOVER record's own source/target actors, to
measure the coder apart from actor errors.
"""
from __future__ import annotations

import argparse
import json
import re
import sys
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
SHARED = ROOT.parent / "shared"

from eventscope.model import Mention, RawDoc
from eventscope.pipeline import Annotator

RENAME = {"DEMAND": "REQUEST", "DISAPPROVE": "ACCUSE", "INVESTIGATE": "ACCUSE", "FIGHT": "ASSAULT"}
CAMEO_TO_ISO = {"JAP": "JPN", "ITL": "ITA", "KSV": "XKX", "KOS": "XKX"}


def _codes(actors: object) -> set[str]:
    if not isinstance(actors, list):
        return set()
    out = set()
    for a in actors:
        c = (a.get("code") or "").upper()
        if c:
            out.add(CAMEO_TO_ISO.get(c, c))
    return out


def _place(text: str, actor_text: str) -> tuple[int, int] | None:
    """Where an actor text of a gold record lies in its sentence: the first occurrence of the text,
    else of its first "..." fragment ("Sierra Leonean ... refugees"), else of its longest run of
    words found as whole words ("US forces" in "US and British forces")."""
    fragments = [f for f in (" ".join(x.split()) for x in actor_text.split("...")) if f]
    for frag in fragments:
        at = text.find(frag)
        if at >= 0:
            return at, at + len(frag)
    for frag in fragments[:1]:
        words = frag.split()
        for n in range(len(words) - 1, 0, -1):
            for i in range(len(words) - n + 1):
                m = re.search(r"(?<!\w)" + re.escape(" ".join(words[i:i + n])) + r"(?!\w)", text)
                if m:
                    return m.span()
    return None


def gold_mentions(g: dict) -> list[Mention]:
    """The record's own source and target actors as mentions (first occurrence of each text)."""
    out: dict[tuple[int, int], Mention] = {}
    for role in ("source", "target"):
        for a in g.get(role) or []:
            span = _place(g["text"], a.get("actorText") or "")
            if span is None or not a.get("code"):
                continue
            code = CAMEO_TO_ISO.get(a["code"].upper(), a["code"].upper())
            out.setdefault(span, Mention(g["text"][span[0]:span[1]], span, code, a.get("sector"), via="gold"))
    return sorted(out.values(), key=lambda m: m.span)


class _GoldActors:
    """Stands in for the actors stage: the record's gold actors are the only mentions."""

    name = "actors"
    needs_parse = True

    def __init__(self) -> None:
        self.mentions: list[Mention] = []

    def __call__(self, article: Any, doc: Any) -> None:
        article.actors = list(self.mentions)


def plover(annotate: Annotator, path: Path, verbose: bool, gold_actors: bool = False) -> None:
    gold = [json.loads(line) for line in path.read_text().splitlines() if line.strip()]
    predicted = hits = actor_ok = correct = 0
    stand_in = _GoldActors()
    if gold_actors:
        annotate.stages = [stand_in if s.name == "actors" else s for s in annotate.stages]
    for g in gold:
        gtype = RENAME.get(g["event"], g["event"])
        stand_in.mentions = gold_mentions(g)
        art = annotate(RawDoc(g["text"], "text", g["id"], published=g.get("date")))
        events = art.to_contract()["events"]
        predicted += len(events)
        correct += sum(1 for e in events if e["event"] == gtype)
        hit = next((e for e in events if e["event"] == gtype), None)
        if hit:
            hits += 1
            tgt = _codes(g.get("target"))
            ok = _codes(hit["actor"]) == _codes(g.get("source")) and (not tgt or _codes(hit["recipient"]) == tgt)
            actor_ok += ok
        if verbose and (not hit or len(events) > 1):
            print(("HIT " if hit else "MISS"), gtype, "|", [(e["event"], e["cameo"], e["trigger"]["text"],
                                                             sorted(_codes(e["actor"])), sorted(_codes(e["recipient"])))
                                                            for e in events], "|", g["text"][:120])
    p = correct / predicted if predicted else 0.0
    r = hits / len(gold)
    f = 2 * p * r / (p + r) if p + r else 0.0
    a = actor_ok / hits if hits else 0.0
    print(f"plover {path.name}{' (gold actors)' if gold_actors else ''}: type P {p:.3f} R {r:.3f} F1 {f:.3f}; actors right on {a:.3f} of hits; "
          f"{len(gold)} records, {predicted} events predicted")


def petrarch_actors(root: ET.Element) -> dict:
    """A user actor dictionary for the unit-test records' made-up countries, from the records alone.

    The records code their actors with three-letter codes of fictional places (ARN for Arnor, GON
    for Gondor) whose dictionary is not shipped with them; a capitalised word of a record whose
    first three letters are one of that record's own source/target code roots names that actor
    ("Arnor", "Eriadori"). Real countries are left to the shipped dictionary.
    """
    from eventscope.actors.stage import dictionary

    known = dictionary().bodies  # real countries keep their shipped entries
    names: dict[str, set[str]] = {}
    for s in root.iter("Sentence"):
        text = s.findtext("Text") or ""
        roots = {c[:3] for e in s.findall("EventCoding") for c in (e.get("sourcecode"), e.get("targetcode"))
                 if c and c[:3].isalpha()}
        for word in set(re.findall(r"\b[A-Z][a-z]{3,}\b", text)):
            if word[:3].upper() in roots and word[:3].upper() not in known:
                names.setdefault(word[:3].upper(), set()).add(word)
    return {"version": 1, "countries": [{"code": code, "name": min(ws), "names": sorted(ws)}
                                        for code, ws in sorted(names.items())]}


def petrarch(annotate: Annotator, path: Path, verbose: bool) -> None:
    import tempfile

    import yaml

    from eventscope.events.lexicon import load
    from eventscope.options import Options

    lex = load()
    root = ET.fromstring(path.read_text(encoding="utf-8", errors="replace"))
    with tempfile.NamedTemporaryFile("w", suffix=".yaml", delete=False) as f:
        yaml.safe_dump(petrarch_actors(root), f)
    annotate = Annotator(Options(actor_files=[Path(f.name)]))
    coded = exact = same_root = same_type = empty = empty_ok = 0
    for s in root.iter("Sentence"):
        text = re.sub(r"\s+", " ", (s.findtext("Text") or "")).strip()
        if not text:
            continue
        gold = [e.get("eventcode") for e in s.findall("EventCoding") if e.get("eventcode")]
        events = annotate(RawDoc(text, "text", s.get("id", "?"))).events
        ours = [e.cameo for e in events]
        if not gold:
            if any(e.get("noevents") for e in s.findall("EventCoding")):
                empty += 1
                empty_ok += not ours
            continue
        coded += 1
        types = {(lex.info(c) or lex.info(c[:2] + "0")).event if (lex.info(c) or lex.info(c[:2] + "0")) else None
                 for c in gold}
        exact += any(c in gold for c in ours)
        same_root += any(c[:2] in {g[:2] for g in gold} for c in ours)
        same_type += any(e.event in types for e in events)
        if verbose and not any(c in gold for c in ours):
            print("PETR", s.get("id"), gold, ours, "|", text[:100])
    print(f"petrarch2 unit tests: {coded} coded records: exact CAMEO {exact / max(coded, 1):.3f}, "
          f"root {same_root / max(coded, 1):.3f}, PLOVER type {same_type / max(coded, 1):.3f}; "
          f"no-event records left uncoded {empty_ok}/{empty}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--gold", type=Path, default=SHARED / "gold/plover/gsr_dev.jsonl")
    ap.add_argument("--no-petrarch", action="store_true")
    ap.add_argument("--gold-actors", action="store_true",
                    help="PLOVER: use the record's own source/target actors as the only mentions, to "
                         "measure the coder apart from the actors stage")
    ap.add_argument("-v", "--verbose", action="store_true")
    args = ap.parse_args()
    annotate = Annotator()
    plover(annotate, args.gold, args.verbose, args.gold_actors)
    if not args.no_petrarch:
        petrarch(annotate, SHARED / "gold/petrarch2/PETR.UnitTest.records.xml", args.verbose)


if __name__ == "__main__":
    main()
