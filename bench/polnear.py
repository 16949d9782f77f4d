#!/usr/bin/env python3
"""Quote finding and speaker attribution, scored on PolNeAR (never shipped, never committed).

usage: python bench/polnear.py [POLNEAR] [--split dev] [--actors] [--limit N] [--show N]

POLNEAR is a checkout of github.com/networkdynamics/PolNeAR or its bare mirror (default: the first
``*PolNeAR*`` folder under /work/.mirror). Use ``train`` to develop and ``dev`` to report; the test
split is never read.

Gold. PolNeAR marks every *attribution* (source, cue, content): speech, but also beliefs, wishes,
perceptions, stances and plain actions ("pleaded guilty to witness tampering"). The headline figure
(the bar: F1 >= 0.80, speaker >= 0.85) is on **all** attributions. A second figure, clearly
labelled, is on a **reported speech** subset: attributions whose content is a
statement (it holds quotation marks or a verb) and whose cue is not a verb of mind, perception or
action (``NON_SPEECH`` below: think, want, hope, see, show, support, ...). Any other cue stays in
the gold set, including speech verbs our lexicon lacks, so recall is not flattered by our own
list. Where an article was annotated by several
annotators, the first annotation file (by annotator id) is the gold.

Matching. A found quote matches a gold content where their overlap is at least half of the shorter
of the two (discontinuous gold content counted by its parts); one-to-one, largest overlaps first.

Speaker right, on matched quotes: our speaker span overlaps the gold source span; or the gold
source is a pronoun or a description ("he", "the senator") and our speaker resolves to the same
entity: the last word of our speaker's name appears in the gold entity, taken as the gold source
itself where it holds a capitalised name, else the nearest earlier gold source that does (the
annotation carries no coreference; in news a "he said" continues the last named speaker). Where the
gold source is a relative pronoun ("voters, who want ..."), our speaker is right when it is the
phrase just before it (its antecedent). A gold attribution with no source is right when we give no
speaker either.
"""
from __future__ import annotations

import argparse
import glob
import os
import subprocess
import sys
import tarfile
import time
import unicodedata
from io import BytesIO
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

NON_SPEECH = {
    "think", "believe", "know", "feel", "want", "wish", "hope", "fear", "worry", "expect", "seem", "appear",
    "look", "sound", "see", "show", "find", "like", "love", "hate", "prefer", "support", "oppose", "endorse",
    "back", "favor", "favour", "consider", "view", "regard", "understand", "realize", "realise", "learn",
    "recognize", "remember", "forget", "doubt", "suspect", "assume", "imagine", "intend", "plan", "decide",
    "seek", "try", "refuse", "focus", "ignore", "need", "care", "trust", "respect", "admire", "enjoy",
    "watch", "hear", "notice", "read", "sign", "vote", "elect", "nominate", "appoint", "choose", "attack",
    "blame", "defend", "praise", "criticize", "discuss", "address", "debate", "investigate", "plead",
}
RELATIVE = {"who", "which", "that", "whom"}
PRONOUNS = {"he", "she", "they", "i", "we", "it", "you", "him", "her", "them", "his", "its", "their", "me", "us"}


def fold(s: str) -> str:
    s = (s or "").replace("Đ", "D").replace("đ", "d")
    return "".join(c for c in unicodedata.normalize("NFKD", s) if not unicodedata.combining(c)).lower()


def locate(arg: str | None) -> Path:
    """The PolNeAR data folder (``data/`` with split folders), unpacked from a bare mirror if need be."""
    cands = [Path(arg)] if arg else [Path(p) for p in sorted(glob.glob("/work/.mirror/*PolNeAR*"))]
    for c in cands:
        for d in (c, c / "repo"):
            if (d / "data" / "dev" / "attributions").is_dir():
                return d / "data"
            if (d / "HEAD").exists() and (d / "objects").exists():
                return unpack(d)
    sys.exit("PolNeAR not found: pass its folder (a checkout of networkdynamics/PolNeAR or its mirror) "
             "as the first argument")


def unpack(git_dir: Path) -> Path:
    """Text and annotations of train and dev from a bare mirror, into /tmp (large CoreNLP files skipped)."""
    dest = Path("/tmp/polnear-bench")
    if not (dest / "data" / "dev" / "attributions").is_dir():
        paths = [f"data/{s}/{k}" for s in ("train", "dev") for k in ("text", "attributions")]
        tar = subprocess.run(["git", f"--git-dir={git_dir}", "archive", "HEAD", *paths],
                             capture_output=True, check=True).stdout
        with tarfile.open(fileobj=BytesIO(tar)) as archive:
            archive.extractall(dest, filter="data")
    return dest / "data"


def parse_ann(path: Path) -> list[dict[str, list[tuple[int, int]]]]:
    """BRAT standoff: T lines (label, spans), E lines tying Source/Cue/Content together."""
    spans: dict[str, list[tuple[int, int]]] = {}
    events = []
    for line in path.read_text("utf-8").splitlines():
        parts = line.split("\t")
        if len(parts) < 2:
            continue
        if parts[0].startswith("T"):
            head = parts[1].split(" ", 1)
            if len(head) == 2:
                spans[parts[0]] = [tuple(map(int, s.split())) for s in head[1].split(";")]  # type: ignore[misc]
        elif parts[0].startswith("E"):
            events.append(dict(kv.split(":", 1) for kv in parts[1].split() if ":" in kv))
    return [{role.lower(): spans.get(e.get(role, ""), []) for role in ("Source", "Cue", "Content")}
            for e in events]


def articles(data: Path, split: str):
    """(name, text, gold attributions) for each article of ``split``; one annotator per article."""
    chosen: dict[str, Path] = {}
    for ann in sorted((data / split / "attributions").glob("*.ann")):
        chosen.setdefault(ann.stem.rsplit("_", 1)[0], ann)
    for name, ann in sorted(chosen.items()):
        yield name, (data / split / "text" / f"{name}.txt").read_text("utf-8"), parse_ann(ann)


def is_speech(att: dict, doc) -> bool:
    """Reported speech: a statement as content, and a cue that is not a verb of mind or action."""
    content = att["content"]
    if not content or not att["cue"]:
        return False
    ctoks = [t for s, e in content for t in doc.char_span(s, e, alignment_mode="expand") or []]
    text = doc.text
    quoted = any(ch in text[s:e] for s, e in content for ch in "\"“”«»")
    if not quoted and not any(t.pos_ in ("VERB", "AUX") for t in ctoks):
        return False
    ctoks = [t for s, e in att["cue"] for t in doc.char_span(s, e, alignment_mode="expand") or []]
    verbs = [t for t in ctoks if t.pos_ in ("VERB", "NOUN", "ADJ")]
    return not (verbs and all(t.lemma_.lower() in NON_SPEECH for t in verbs[:1]))


def overlap(a: tuple[int, int], parts: list[tuple[int, int]]) -> int:
    return sum(max(0, min(a[1], e) - max(a[0], s)) for s, e in parts)


def match(found, gold):
    """One-to-one pairs (i found, j gold) with overlap >= half of the shorter, largest first."""
    pairs = []
    for i, q in enumerate(found):
        for j, g in enumerate(gold):
            ov = overlap(q.span, g["content"])
            glen = sum(e - s for s, e in g["content"])
            if ov and ov >= 0.5 * min(q.span[1] - q.span[0], glen):
                pairs.append((ov, i, j))
    out, used_i, used_j = [], set(), set()
    for _ov, i, j in sorted(pairs, reverse=True):
        if i not in used_i and j not in used_j:
            out.append((i, j))
            used_i.add(i)
            used_j.add(j)
    return out


def gold_entity(text: str, gold: list[dict], j: int) -> str:
    """The gold source's entity: itself where it holds a name, else the nearest earlier named source."""
    for k in range(j, -1, -1):
        src = " ".join(text[s:e] for s, e in gold[k]["source"])
        if any(w[:1].isupper() and w.lower() not in PRONOUNS for w in src.split()):
            return src
    return ""


def speaker_right(text: str, q, gold: list[dict], j: int) -> bool:
    g = gold[j]
    if not g["source"]:
        return q.speaker is None
    if q.speaker is None:
        return False
    if overlap(q.speaker.span, g["source"]):
        return True
    src = " ".join(text[s:e] for s, e in g["source"]).strip().lower()
    if src in RELATIVE and 0 <= g["source"][0][0] - q.speaker.span[1] <= 3:
        return True  # gold "who" ("voters, who want ..."): our speaker is its antecedent, just before it
    ours = fold(q.speaker.name or q.speaker.text).split()
    ent = fold(gold_entity(text, gold, j))
    return bool(ours) and ours[-1] in ent.split()


def parse(model, name: str, text: str):
    """The spaCy parse of one article, cached under /tmp (parsing dominates the bench's time)."""
    from spacy.tokens import Doc
    cache = Path("/tmp/polnear-bench/parses") / f"{name}.spacy"
    if cache.exists():
        try:
            doc = Doc(model.vocab).from_disk(cache)
            if doc.text == text:
                return doc
        except Exception:  # noqa: BLE001, S110 - a broken cache file is parsed again
            pass
    doc = model(text)
    cache.parent.mkdir(parents=True, exist_ok=True)
    tmp = cache.with_suffix(f".{os.getpid()}.tmp")
    doc.to_disk(tmp)
    tmp.replace(cache)  # atomic: a killed or parallel run leaves no half-written cache
    return doc


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("polnear", nargs="?")
    ap.add_argument("--split", default="dev", choices=["train", "dev"])
    ap.add_argument("--actors", action="store_true", help="run the actors stage first, where it exists")
    ap.add_argument("--limit", type=int, default=0)
    ap.add_argument("--show", type=int, default=0, help="print N misses and N false finds (train only!)")
    args = ap.parse_args()
    data = locate(args.polnear)

    from eventscope import nlp
    from eventscope.model import Article
    from eventscope.quotes import find_quotes
    model = nlp.load()
    actor_stage = None
    if args.actors:
        try:
            from eventscope.actors import ActorStage
            from eventscope.options import Options
            actor_stage = ActorStage(Options())
        except Exception as e:  # noqa: BLE001
            sys.exit(f"--actors: the actors stage is not available: {e}")

    tally = {k: [0, 0, 0, 0] for k in ("all", "speech")}  # found, gold, matched, speaker right
    crashes, n, t0 = 0, 0, time.time()
    shown = {"miss": 0, "false": 0}
    for name, text, gold in articles(data, args.split):
        if args.limit and n >= args.limit:
            break
        n += 1
        gold = [g for g in gold if g["content"]]
        doc = parse(model, name, text)
        article = Article(id=name, text=text, origin=name)
        try:
            if actor_stage is not None:
                actor_stage(article, doc)
            found = find_quotes(article, doc)
        except Exception as e:  # noqa: BLE001 - count it, go on
            crashes += 1
            print(f"crash on {name}: {type(e).__name__}: {e}", file=sys.stderr)
            found = []
        speech_idx = {j for j, g in enumerate(gold) if is_speech(g, doc)}
        for key, idx in (("speech", speech_idx), ("all", set(range(len(gold))))):
            sub = [gold[j] for j in sorted(idx)]
            back = sorted(idx)
            pairs = match(found, sub)
            t = tally[key]
            # A find that matches an attribution outside the subset is neither right nor wrong here.
            outside = {i for i, _ in match(found, gold) if i not in {p[0] for p in pairs}} if key == "speech" else set()
            t[0] += len(found) - len(outside)
            t[1] += len(sub)
            t[2] += len(pairs)
            t[3] += sum(speaker_right(text, found[i], gold, back[j]) for i, j in pairs)
            if key == "speech" and args.show and args.split == "train":
                hit_i, hit_j = {p[0] for p in pairs} | outside, {p[1] for p in pairs}
                for j, g in enumerate(sub):
                    if j not in hit_j and shown["miss"] < args.show:
                        shown["miss"] += 1
                        print("MISS", " | ".join(text[s:e] for s, e in g["source"] + g["cue"]), "||",
                              " ".join(text[s:e] for s, e in g["content"])[:160].replace("\n", " "))
                for i, q in enumerate(found):
                    if i not in hit_i and shown["false"] < args.show:
                        shown["false"] += 1
                        print("FALSE", q.cue, q.speaker and q.speaker.text, "||", q.text[:160].replace("\n", " "))
    print(f"PolNeAR {args.split}: {n} articles, {crashes} crashed, {time.time() - t0:.0f} s"
          f"{' (with actors stage)' if actor_stage else ''}")
    for key, (f, g, m, sp) in tally.items():
        p, r = m / f if f else 0.0, m / g if g else 0.0
        f1 = 2 * p * r / (p + r) if p + r else 0.0
        label = {"all": "all attributions (headline)", "speech": "reported-speech subset"}[key]
        print(f"  {label:28s} gold {g:5d} found {f:5d} matched {m:5d}  P {p:.3f} R {r:.3f} F1 {f1:.3f}"
              f"  speaker {sp / m if m else 0:.3f}")


if __name__ == "__main__":
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    main()
