"""Folding and matching units: the one normal form that dictionary phrases and text share.

A name is matched on *units*: lower-case ASCII words with accents and special letters folded
(``Vučić`` -> ``vucic``, ``Đurić`` -> ``duric``), dots dropped (``U.N.`` -> ``un``), ``&`` read as
``and``, and hyphens ignored (``Szalay-Bobrovniczky`` = ``Szalay Bobrovniczky``). Dictionary phrases
are cut into units by :func:`phrase_units`; the text's spaCy tokens by :func:`token_units`, which
gives the same units for the same words whatever the tokenizer did with hyphens and apostrophes.
Other punctuation (commas, full stops) becomes a break unit that matches nothing, so that a name
never runs across ``Albania, Croatia``.
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

BREAK = "|"
# Letters that NFKD does not decompose into a base letter plus a combining mark.
_SPECIAL = str.maketrans({"đ": "d", "Đ": "D", "ð": "d", "Ð": "D", "ł": "l", "Ł": "L", "ø": "o", "Ø": "O",
                          "æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE", "ß": "ss", "ı": "i", "þ": "th",
                          "Þ": "Th", "’": "'", "‘": "'", "ʼ": "'", "`": "'"})
_DASHES = {"-", "–", "—", "‐", "‑", "−", "--"}


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """Lower-case ASCII form of ``text``: accents stripped, special letters spelled out."""
    if text.isascii():
        return text.lower()
    s = unicodedata.normalize("NFKD", text.translate(_SPECIAL))
    return "".join(c for c in s if not unicodedata.combining(c)).lower()


# A unit is a run of ASCII letters and digits, or '&'; any other mark except dots, apostrophes and
# hyphens (which join or split words) is a break. Letters left non-ASCII by folding are dropped.
_UNIT = re.compile(r"[a-z0-9]+|&|[^\s\w'\-–—‐‑−.]")


def _split(folded: str) -> list[str]:
    """Units of a folded string: dots dropped, '&' as 'and', apostrophes and hyphens split words."""
    return [u if u[0].isalnum() and u.isascii() else "and" if u == "&" else BREAK for u in _UNIT.findall(folded.replace(".", ""))]


@lru_cache(maxsize=65536)
def token_units(token_text: str) -> tuple[str, ...]:
    """The units of one spaCy token: () for a hyphen, (BREAK,) for other punctuation."""
    units = _split(fold(token_text))
    if units:
        return tuple(units)
    return () if token_text.strip() in _DASHES or token_text.strip() in {"'", "''", "’"} else (BREAK,)


def phrase_units(phrase: str) -> tuple[str, ...]:
    """The units of a dictionary phrase (a name, an alias, a title)."""
    return tuple(_split(fold(phrase)))


def is_acronym(phrase: str) -> bool:
    """An all-capitals single word of 2-6 letters as written in the dictionary (NATO, EU, U.N.)."""
    bare = phrase.replace(".", "")
    return 2 <= len(bare) <= 6 and bare.isalpha() and bare.isupper()


def slug(name: str) -> str:
    """A stable id from a name: folded units joined by hyphens."""
    return "-".join(u for u in phrase_units(name) if u != BREAK)
