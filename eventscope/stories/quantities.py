"""Counted things in a sentence: "79 joint activities" -> {"activity": "79"}.

Fusion compares these between outlets: two reports of one signing that give 79 and 80 joint activities
disagree; two that give 79 agree however they word the rest ("79 planned joint activities"). Reports often
give the figures a sentence or more after the one the event was coded from ("... signed a plan. The plan
outlines 79 joint activities"): ``elaborations`` finds those sentences.
"""
from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources

from .text import _norm, months, next_sentences, stopwords

_NUMBER_WORDS = {w: str(i) for i, w in enumerate(
    ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
     "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty"])}
_SCALES = ("hundred", "thousand", "million", "billion", "trillion", "percent", "per cent", "%")
_QUANTITY = re.compile(
    r"(?<![\w.,])(?P<num>\$?\d+(?:[.,]\d+)*|" + "|".join(_NUMBER_WORDS) + r")"
    r"(?P<scale>(?:\s*(?:" + "|".join(_SCALES) + r"))?)"
    r"(?P<words>(?:[\s\-]+[a-z][a-z\-]*){1,3})", re.IGNORECASE)
_YEAR = re.compile(r"(?:1[89]|20)\d\d")
# Words after a number that are not what is counted: units of time and order words say when, not how many.
_NOT_COUNTED = frozenset(["am", "pm", "percent", "per", "cent", "hour", "hours", "day", "days", "week", "weeks",
                          "month", "months", "year", "years", "time", "times", "o'clock"])


def quantities(sentence: str) -> dict[str, str]:
    """Counted noun -> the number given for it (normalised: "$200 million", "79", "3")."""
    out: dict[str, str] = {}
    stop = stopwords()
    mon = months()
    for m in _QUANTITY.finditer(sentence):
        num = m.group("num")
        if _YEAR.fullmatch(num):
            continue
        num = _NUMBER_WORDS.get(num.lower(), num).replace(",", "")
        scale = " ".join(m.group("scale").split()).lower()
        value = f"{num} {scale}".strip()
        words = [w for w in re.split(r"[\s\-]+", m.group("words").strip().lower()) if w]
        # The counted noun is the last word before a function word: "79 joint activities, including ..."
        head = None
        for w in words:
            if w in stop or w in mon:
                break
            head = w
        if head is None or head in _NOT_COUNTED:
            continue
        out.setdefault(_norm(head), value)
    return out


@lru_cache(maxsize=1)
def noun_groups() -> dict[str, frozenset[str]]:
    """Noun -> the nouns naming the same kind of thing (data/stories/themes.txt), itself included."""
    text = resources.files("eventscope").joinpath("data/stories/themes.txt").read_text("utf-8")
    out: dict[str, frozenset[str]] = {}
    for line in text.splitlines():
        if line.strip() and not line.startswith("#"):
            group = frozenset(_norm(n) for n in line.split())
            for n in group:
                out[n] = out.get(n, frozenset()) | group
    return out


_DEFINITE = re.compile(r"[\W_]*(?:the|this|that|these|those)\s+(?P<words>[^,;:.!?()\"“”]*)", re.IGNORECASE)
_TOKEN = re.compile(r"[A-Za-z][A-Za-z\-]*")


def elaborations(text: str, end: int, event_sentence: str, window: int = 4) -> list[str]:
    """Sentences after an event's sentence (which ends at ``end`` in ``text``) that say more about it.

    Of the next ``window`` sentences, those that open on a definite description ("The plan", "This new
    defence agreement") with, among its first four words, a noun of the event's sentence or one naming the
    same kind of thing (``noun_groups``: "The agreement" after "the document ... was signed"). Sentences
    between that do not (quotes, background) are passed over: reports interleave them before the figures.
    """
    groups = noun_groups()
    own: set[str] = set()
    for t in _TOKEN.findall(event_sentence):
        if t.islower() and len(t) > 3:
            key = _norm(t)
            own |= groups.get(key, frozenset({key}))
    stop = stopwords()
    out = []
    for sent in next_sentences(text, end, window):
        m = _DEFINITE.match(sent)
        if not m:
            continue
        head = [_norm(t) for t in _TOKEN.findall(m.group("words"))[:4]]
        if any(h in own and h not in stop for h in head):
            out.append(sent.strip())
    return out
