"""The words of time expressions (months, weekdays, numbers, units), loaded once from data.

The word lists live in ``eventscope/data/dates/lexicon.yaml``; this module turns them into the
lookup tables and regular-expression alternations that the finder (``dates_find``) is built from.
"""
from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import yaml


@dataclass(frozen=True)
class Lexicon:
    """Lookup tables: each maps a lower-case word to what it means."""

    months: dict[str, int]
    full_months: frozenset[str]
    ambiguous_months: frozenset[str]
    weekdays: dict[str, int]
    numbers: dict[str, int]
    ordinals: dict[str, int]
    units: dict[str, str]
    seasons: dict[str, str]
    holidays: dict[str, tuple[int, int]]
    future_heads: frozenset[str]
    forward_cues: frozenset[str]

    def number(self, word: str) -> int | None:
        """The value of a cardinal written in digits or words ("3", "three", "twenty-one")."""
        w = " ".join(word.lower().split())
        if w.isdigit():
            return int(w)
        if w in self.numbers:
            return self.numbers[w]
        parts = re.split(r"[-\s]", w)
        if len(parts) == 2 and parts[0] in self.numbers and parts[1] in self.numbers:
            tens, ones = self.numbers[parts[0]], self.numbers[parts[1]]
            if tens % 10 == 0 and 20 <= tens <= 90 and 1 <= ones <= 9:
                return tens + ones
        return None

    def day_number(self, word: str) -> int | None:
        """A day of the month written "8", "8th" or "eighth"; None outside 1..31."""
        w = word.lower().strip()
        m = re.fullmatch(r"(\d{1,2})(?:st|nd|rd|th)?", w)
        n = int(m.group(1)) if m else self.ordinals.get(w)
        return n if n is not None and 1 <= n <= 31 else None


def alternation(words: Iterable[str]) -> str:
    """A regex alternation of ``words``, longest first so that "sept" wins over "sep"."""
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=lambda w: (-len(w), w)))


@lru_cache(maxsize=1)
def load() -> Lexicon:
    """The shipped lexicon (read once per process)."""
    text = resources.files("eventscope").joinpath("data/dates/lexicon.yaml").read_text(encoding="utf-8")
    raw = yaml.safe_load(text)
    months = {w: int(n) for n, ws in raw["months"].items() for w in ws}
    full = frozenset(ws[0] for ws in raw["months"].values())
    return Lexicon(
        months=months,
        full_months=full,
        ambiguous_months=frozenset(raw["ambiguous_months"]),
        weekdays={w: int(n) for n, ws in raw["weekdays"].items() for w in ws},
        numbers={str(k): int(v) for k, v in raw["numbers"].items()},
        ordinals={str(k): int(v) for k, v in raw["ordinals"].items()},
        units={str(k): str(v) for k, v in raw["units"].items()},
        seasons={str(k): str(v) for k, v in raw["seasons"].items()},
        holidays={str(k): (int(v[0]), int(v[1])) for k, v in raw["holidays"].items()},
        future_heads=frozenset(raw["future_heads"]),
        forward_cues=frozenset(raw["forward_cues"]),
    )
