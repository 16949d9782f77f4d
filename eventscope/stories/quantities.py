"""Counted things in a sentence: "79 joint activities" -> {"activity": "79"}.

Fusion compares these between outlets: two reports of one signing that give 79 and 80 joint activities
disagree; two that give 79 agree however they word the rest ("79 planned joint activities").
"""
from __future__ import annotations

import re

from .text import _norm, months, stopwords

_NUMBER_WORDS = {w: str(i) for i, w in enumerate(
    ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty"])}
_SCALES = ("hundred", "thousand", "million", "billion", "trillion", "percent", "per cent", "%")
_QUANTITY = re.compile(
    r"(?<![\w.,])(?P<num>\$?\d+(?:[.,]\d+)*|" + "|".join(_NUMBER_WORDS) + r")"
    r"(?P<scale>(?:\s*(?:" + "|".join(_SCALES) + r"))?)"
    r"(?P<words>(?:[\s\-]+[a-z][a-z\-]*){1,3})", re.IGNORECASE)
_YEAR = re.compile(r"(?:1[89]|20)\d\d")
# Words after a number that are not what is counted: units of time and order words say when, not how many.
_NOT_COUNTED = frozenset(["am", "pm", "percent", "per", "cent", "hour", "hours", "day", "days", "week", "weeks", "month", "months", "year", "years", "time", "times", "o'clock"])


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
