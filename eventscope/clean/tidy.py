"""Post-processing of extracted blocks: what extraction lets through and a reader would not call the article.

Three cuts, each recorded as a ``Removal``:

* the headline repeated as the first block (the title is kept apart, in ``Article.title``);
* a long paragraph repeated verbatim (a pull quote, a lead shown twice). Short repeats are left
  alone (recipes and Q&As repeat short lines on purpose), and so are list items and table rows;
* credit lines, copyright notices and follow/sign-up prompts among the last blocks
  (``data/extract/tidy.yaml``).

Kept narrow on purpose: furniture removal (``furniture.py``) runs after this on plain text.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import yaml

from ..model import Removal

# A paragraph this long, seen twice, is a duplicate, not a refrain.
DUPLICATE_CHARS = 200
# The headline as first block may carry a kicker or a site suffix: allow this much extra length.
TITLE_SLACK = 1.3

# Only prose is checked for duplicates: list items and table rows repeat on purpose (a meal plan,
# a fixture list).
_PROSE = ("p", "quote")
_WORD = re.compile(r"\w+")


@dataclass
class Block:
    """One extracted block: ``kind`` is "p", "head", "item", "row", "quote" or "code"."""

    text: str
    kind: str = "p"


@dataclass(frozen=True)
class _Rules:
    window: int
    max_chars: int
    patterns: tuple[tuple[str, re.Pattern[str]], ...]


@lru_cache(maxsize=1)
def _rules() -> _Rules:
    text = resources.files("eventscope").joinpath("data/extract/tidy.yaml").read_text("utf-8")
    data = yaml.safe_load(text)
    patterns = tuple((g["reason"], re.compile(p, re.IGNORECASE)) for g in data["groups"] for p in g["patterns"])
    return _Rules(int(data["window"]), int(data["max_chars"]), patterns)


def tidy(blocks: list[Block], title: str | None = None) -> tuple[list[Block], list[Removal]]:
    """The blocks worth keeping, and the cut ones with their reasons."""
    cut: dict[int, str] = {}
    first = _repeated_title(blocks, title)
    if first is not None:
        cut[first] = "headline repeated"
    seen: set[str] = set()
    for i, b in enumerate(blocks):
        key = _key(b.text)
        if b.kind in _PROSE and len(b.text) >= DUPLICATE_CHARS and key in seen:
            cut.setdefault(i, "duplicate paragraph")
        seen.add(key)
    rules = _rules()
    for i in range(max(0, len(blocks) - rules.window), len(blocks)):
        reason = closing_line(blocks[i].text)
        if reason:
            cut.setdefault(i, reason)
    kept = [b for i, b in enumerate(blocks) if i not in cut]
    removed = [Removal(blocks[i].text, reason) for i, reason in sorted(cut.items())]
    return kept, removed


def closing_line(text: str) -> str | None:
    """The reason ``text`` is a credit, copyright or sign-up line (as the end of an article has), or None."""
    rules = _rules()
    if len(text) > rules.max_chars:
        return None
    for reason, regex in rules.patterns:
        if regex.search(text):
            return reason
    return None


def _repeated_title(blocks: list[Block], title: str | None) -> int | None:
    """Index of the headline among the first two blocks (a kicker may come first), or None."""
    if not title:
        return None
    t = _key(title)
    if not t:
        return None
    for i, b in enumerate(blocks[:2]):
        k = _key(b.text)
        if k == t or (len(t) > 20 and t in k and len(b.text) <= TITLE_SLACK * len(title)):
            return i
    return None


def _key(text: str) -> str:
    return " ".join(_WORD.findall(text.lower()))
