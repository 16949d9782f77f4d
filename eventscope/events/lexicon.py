"""The event lexicon: verb frames, event nouns and the CAMEO table, loaded once from data files.

``verbs.jsonl`` is converted from the Phoenix CAMEO verb dictionary by ``tools/build_lexicon.py``;
``extra.yaml`` holds eventscope's own additions; ``cameo.csv`` the PLOVER mapping, Goldstein
weights and quad classes; ``complements.csv`` how an embedded action recodes under an intent,
demand, refusal or threat verb. A pattern is two bags of lemmas (before and after the verb) with a
code; the coder matches them against the verb's dependents, so word order need not be PETRARCH's.
A Phoenix block lists synonyms: a verb with frames of its own keeps to them, a synonym listed
without frames takes the block's content-word frames. "[---]" frames say "no event here".
``extra.yaml`` adds frames (``patterns``) and word equivalents (``equivalents``) of our own.
"""
from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass, field
from functools import lru_cache
from importlib.resources import files
from typing import Any

import yaml

# Function words weigh less than content words when two patterns both match: "sign * &TREATY
# (ON &DEFENSE)" should beat "sign * &TREATY" because of "defence", not because of "on".
_FUNCTION = {"to", "with", "on", "in", "of", "for", "at", "by", "from", "against", "into", "over", "up",
             "out", "off", "down", "a", "the", "as", "be", "not", "no", "and", "it", "its", "their",
             "between", "among", "about", "after", "before", "during", "under", "through", "across",
             "toward", "towards", "upon", "onto", "within", "without", "inside", "outside", "near"}


@dataclass(frozen=True)
class CameoCode:
    """One row of the CAMEO table."""

    code: str
    event: str
    mode: str | None
    context: tuple[str, ...]
    goldstein: float
    quad: int


@dataclass
class Pattern:
    pre: tuple[str, ...]
    post: tuple[str, ...]
    code: str | None  # None: the frame is no event ("[---]" in Phoenix)
    swap: bool
    weight: int
    verb: str | None = None  # the one verb of the block this frame belongs to, where known


@dataclass
class Block:
    name: str
    code: str | None
    patterns: list[Pattern] = field(default_factory=list)


@dataclass(frozen=True)
class Match:
    """A coded trigger: CAMEO code, whether the roles swap (the reverse event), and how specific."""

    code: str
    swap: bool = False
    weight: int = 0


def _data(name: str) -> str:
    return files("eventscope.data.events").joinpath(name).read_text(encoding="utf-8")


def _csv(name: str) -> list[dict[str, str]]:
    text = "\n".join(line for line in _data(name).splitlines() if not line.startswith("#"))
    return list(csv.DictReader(io.StringIO(text)))


class Lexicon:
    """Verb frames by lemma, event nouns, and the CAMEO/PLOVER tables."""

    def __init__(self) -> None:
        extra = yaml.safe_load(_data("extra.yaml"))
        self.synsets: dict[str, list[tuple[str, ...]]] = {}
        self.verbs: dict[str, list[tuple[str | None, Block, str | None]]] = {}
        lines = _data("verbs.jsonl").splitlines()
        for line in lines[1:]:  # the first line is the version/attribution record
            rec = json.loads(line)
            if "synset" in rec:
                self.synsets[rec["synset"]] = [tuple(m.split()) for m in rec["members"]]
                continue
            block = Block(rec["block"], rec["code"])
            for p in rec["patterns"]:
                words = [w for w in p["pre"] + p["post"]]
                weight = sum(1 if w in _FUNCTION else 3 for w in words)
                block.patterns.append(Pattern(tuple(p["pre"]), tuple(p["post"]), p["code"], p["swap"], weight,
                                              p.get("verb")))
            for v in rec["verbs"]:
                self.verbs.setdefault(v["lemma"], []).append((v["particle"], block, v["code"]))
        for name, members in (extra.get("synsets") or {}).items():
            have = set(self.synsets.get(name, []))
            self.synsets[name] = sorted(have | {tuple(m.split()) for m in members})
        self.verb_defaults: dict[str, str] = {k: str(v) for k, v in (extra.get("verbs") or {}).items()}
        for key, code in self.verb_defaults.items():
            lemma, _, particle = key.partition(" ")
            if particle:  # "hand over": a phrasal verb coded only with its particle
                self.verbs.setdefault(lemma, []).insert(0, (particle, Block(key, code), code))
            else:
                self.verbs.setdefault(lemma, [(None, Block(lemma, None), None)])
        for rec in extra.get("patterns") or ():
            self._add_frames(rec)
        # words a pattern's word also stands for ("upgrade * relations" covers "upgraded ties")
        self.equivalents: dict[str, frozenset[str]] = {
            str(k): frozenset(str(w) for w in v) for k, v in (extra.get("equivalents") or {}).items()}
        self.nominals: dict[str, dict[str, Any]] = extra.get("nominals") or {}
        self.light_verbs = frozenset(extra.get("light_verbs") or ())
        self.refusal_when_negated = frozenset(extra.get("refusal_when_negated") or ())
        self.cameo: dict[str, CameoCode] = {}
        for r in _csv("cameo.csv"):
            ctx = tuple(c for c in r["context"].split(";") if c)
            self.cameo[r["code"]] = CameoCode(r["code"], r["event"], r["mode"] or None, ctx,
                                              float(r["goldstein"]), int(r["quad"]))
        self.complements = {r["prefix"]: r for r in _csv("complements.csv")}
        self.cues = frozenset(self.verbs) | frozenset(self.nominals) | self.light_verbs

    def _add_frames(self, rec: dict[str, Any]) -> None:
        """eventscope's own frames (``patterns`` in extra.yaml): one code for each listed verb (or
        phrasal verb, "build up") with the given words before/after it; each verb owns the frame."""
        pre = tuple(str(w) for w in rec.get("pre") or ())
        post = tuple(str(w) for w in rec.get("post") or ())
        weight = sum(1 if w in _FUNCTION else 3 for w in pre + post)
        code = None if rec["code"] in (None, "---") else str(rec["code"])
        for verb in rec["verbs"]:
            lemma, _, particle = str(verb).partition(" ")
            block = Block(f"extra:{verb}", None, [Pattern(pre, post, code, bool(rec.get("swap")), weight, lemma)])
            self.verbs.setdefault(lemma, []).append((particle or None, block, None))

    # -- lookups ---------------------------------------------------------------------------------
    def _has(self, word: str, bag: frozenset[str]) -> bool:
        if word.startswith("&"):
            return any(all(self._has(w, bag) for w in member) for member in self.synsets.get(word, ()))
        return word in bag or not bag.isdisjoint(self.equivalents.get(word, ()))

    def code_verb(self, lemma: str, particles: frozenset[str], pre: frozenset[str],
                  post: frozenset[str]) -> Match | None:
        """The best frame of ``lemma`` given the lemmas before (subject side) and after the verb.

        The most specific matching pattern wins; failing any, the verb's own default, then the
        block's; ``None`` where the verb only codes in some frames and none applies.
        """
        best: Match | None = None
        for particle, block, vcode in self.verbs.get(lemma, ()):
            if particle and not all(p in particles for p in particle.split()):
                continue
            # A pattern's comment names the verb it was written for; a verb with frames of its own
            # keeps to them ("charge * with murder" is no frame of "condemn"), while a synonym the
            # dictionary lists without frames of its own takes its block's ("suspend" ~ "halt * aid").
            # A frame of function words only ("break * with") is an idiom of its own verb.
            own = any(p.verb == lemma for p in block.patterns)
            for p in block.patterns:
                if (best is not None and p.weight <= best.weight) or (
                        p.verb and p.verb != lemma and (own or p.weight < 3)):
                    continue
                if all(self._has(w, pre) for w in p.pre) and all(self._has(w, post) for w in p.post):
                    best = Match(p.code or "", p.swap, p.weight + (3 if particle else 0))
            if best is None:
                default = self.verb_defaults.get(lemma) if not particle else None
                code = vcode or default or block.code
                if code:
                    best = Match(code, False, 3 if particle else 0)
        # a "[---]" frame matched: the verb is no event in this frame ("beat * in election")
        return best if best is None or best.code else None

    def info(self, code: str) -> CameoCode | None:
        """The CAMEO row of ``code`` or of its nearest parent; ``None`` for non-events (01x)."""
        for n in (len(code), 3, 2):
            row = self.cameo.get(code[:n])
            if row is not None and row.event:
                return row
        return None

    def recode(self, code: str, family: str) -> str | None:
        """The code of an embedded action under an intent/demand/refuse/threat governor."""
        for n in range(len(code), 1, -1):
            row = self.complements.get(code[:n])
            if row is not None:
                return row.get(family) or None
        return None


@lru_cache(maxsize=1)
def load() -> Lexicon:
    """The shipped lexicon, loaded once per process."""
    return Lexicon()


def describe(code: str) -> dict[str, Any]:
    """The CAMEO row of a code as a plain dict (for tools and the CLI)."""
    row = load().info(code)
    return {} if row is None else dict(row.__dict__)
