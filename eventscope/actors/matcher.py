"""Finding dictionary phrases in a parsed document: a token trie over folded units, then spelling.

``scan`` walks the trie from every token and keeps the phrases whose case fits proper names
(``find`` below). ``fuzzy_people`` then looks, where nothing matched, for names misspelt within a
safe distance: a known surname after a first name one or two letters off ("Krisztof
Szalay-Bobrovniczky" for Kristóf), or a known first name before a surname one or two letters off.
"""
from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from itertools import accumulate
from typing import Any

from rapidfuzz.distance import Levenshtein
from spacy.lang.en.stop_words import STOP_WORDS

from .dictionary import Dictionary, Entry
from .text import BREAK, token_units

# Lower-case words allowed inside a proper name ("Bosnia and Herzegovina", "Lula da Silva").
PARTICLES = {"and", "of", "the", "for", "de", "da", "do", "dos", "das", "del", "della", "la", "le", "al", "el",
             "bin", "ibn", "van", "von", "der", "den", "du", "di", "y", "e", "on", "in", "s"}

ARTICLES = {"al", "el", "ad", "ar", "as", "ash", "at", "az", "an"}


@dataclass
class Hit:
    """A dictionary phrase found over tokens [start, end)."""

    start: int
    end: int
    entries: list[Entry]
    fuzzy: bool = False

    @property
    def size(self) -> int:
        return self.end - self.start


class Units:
    """The folded units of a doc, with the token each unit comes from."""

    def __init__(self, doc: Any):
        self.units: list[str] = []
        self.owner: list[int] = []
        self.by_token: list[tuple[str, ...]] = []
        for tok in doc:
            us = token_units(tok.text)
            self.by_token.append(us)
            for u in us:
                self.units.append(u)
                self.owner.append(tok.i)


def _case_ok(doc: Any, hit_start: int, hit_end: int, entry: Entry) -> bool:
    """Names are capitalised in English; an acronym that is also a word must be in capitals."""
    if entry.kind == "title":
        return True
    first = doc[hit_start].text
    if entry.acronym:
        # An acronym is written in capitals, or as a name ("Nato"), never in mixed case ("AIs"); one that is
        # also an English word ("LET", "CA") only in capitals.
        bare = first.replace(".", "")
        if len(bare) <= 2 or bare.lower() in STOP_WORDS or "word" in entry.ambiguous:
            return bare.isupper()
        return bare.isupper() or bare[:1].isupper() and bare[1:].islower()
    for tok in doc[hit_start:hit_end]:
        t = tok.text
        if t[:1].isalpha() and not t[:1].isupper() and tok.lower_ not in PARTICLES:
            return False
    if first[:1].isupper() or first[:1].isdigit():
        return True
    # An Arabic article before a capitalised name: "al-Qaeda", "el-Sisi" (the particle is lower-case).
    return doc[hit_start].lower_ in ARTICLES and hit_end - hit_start > 1 and doc[hit_end - 1].text[:1].isupper()


def scan(dic: Dictionary, doc: Any, units: Units) -> list[Hit]:
    """Every dictionary phrase in ``doc`` that starts and ends on token boundaries."""
    us, owner = units.units, units.owner
    n = len(us)
    hits: list[Hit] = []
    trie = dic.trie
    for i in range(n):
        if i and owner[i - 1] == owner[i]:
            continue  # a match starts at a token's first unit
        node = trie.get(us[i])
        j = i
        while node is not None:
            j += 1
            bucket = node.get("")
            if bucket and (j == n or owner[j] != owner[j - 1]):
                s, e = owner[i], owner[j - 1] + 1
                ok = [en for en in bucket if _case_ok(doc, s, e, en)]
                if ok:
                    hits.append(Hit(s, e, ok))
            if j >= n or us[j] == BREAK:
                break
            node = node.get(us[j])
    return hits


def _budget(word: str) -> int:
    """How many edits a misspelt name may have: none for short words, where one edit is another name."""
    return 0 if len(word) < 5 else 1 if len(word) < 9 else 2


def _name_token(tok: Any) -> bool:
    return tok.text[:1].isupper() and tok.text.isalpha() and tok.lower_ not in STOP_WORDS


def fuzzy_people(dic: Dictionary, doc: Any, units: Units, covered: set[int]) -> list[Hit]:
    """Person names misspelt within a safe distance, where no exact phrase matched."""
    hits: list[Hit] = []
    toks = units.by_token
    n = len(doc)
    for i in range(1, n):
        if i in covered or (i - 1) in covered or not _name_token(doc[i - 1]) or not doc[i].text[:1].isupper():
            continue
        first = toks[i - 1]
        if len(first) != 1:
            continue
        # A known surname (1-3 tokens, hyphens skipped) after a first name within the budget.
        rest: tuple[str, ...] = ()
        for k in range(i, min(n, i + 4)):
            if k in covered or (toks[k] and not doc[k].text[:1].isupper()):
                break
            rest = rest + toks[k]
            if not toks[k]:
                continue
            for pid in dic.by_rest.get(rest, ()):
                given = [u for u in token_units(dic.people[pid].name.split()[0])]
                if given and 0 < Levenshtein.distance(first[0], given[0]) <= _budget(given[0]):
                    hits.append(Hit(i - 1, k + 1, [Entry("person", pid, canonical=False)], fuzzy=True))
        # A known first name before a surname within the budget.
        if _name_token(doc[i]) and len(toks[i]) == 1 and (i + 1 >= n or not _name_token(doc[i + 1])):
            word = toks[i][0]
            for other, pid in dic.by_first.get(first[0], ()):
                # Surnames are held to a stricter budget: short ones differ by a letter between families.
                budget = 0 if len(other) < 6 else 1 if len(other) < 10 else 2
                if (budget and " " not in other and abs(len(other) - len(word)) <= budget and word[:1] == other[:1]
                        and 0 < Levenshtein.distance(word, other) <= budget):
                    hits.append(Hit(i - 1, i + 1, [Entry("person", pid, canonical=False)], fuzzy=True))
    return hits


def choose(hits: list[Hit]) -> list[Hit]:
    """Leftmost-longest non-overlapping names (people first on equal spans); titles apart."""
    rank = {"person": 0, "body": 1, "city": 2}
    names = sorted((h for h in hits if any(e.kind != "title" for e in h.entries)),
                   key=lambda h: (h.start, -h.size, min(rank.get(e.kind, 9) for e in h.entries), h.fuzzy))
    chosen: list[Hit] = []
    taken: set[int] = set()
    for h in names:
        if taken.isdisjoint(range(h.start, h.end)):
            kinds = min(rank.get(e.kind, 9) for e in h.entries)
            entries = [e for e in h.entries if rank.get(e.kind, 9) == kinds]
            chosen.append(Hit(h.start, h.end, entries, h.fuzzy))
            taken.update(range(h.start, h.end))
    return chosen


def titles(hits: list[Hit], taken: set[int]) -> dict[int, Hit]:
    """The longest title phrase ending at each token, outside the chosen names: end token -> hit."""
    out: dict[int, Hit] = {}
    for h in hits:
        ts = [e for e in h.entries if e.kind == "title"]
        if not ts or not taken.isdisjoint(range(h.start, h.end)):
            continue
        cur = out.get(h.end - 1)
        if cur is None or h.size > cur.size:
            out[h.end - 1] = Hit(h.start, h.end, ts)
    # A title inside a longer one is part of it ("Minister" in "Minister of Defence"). Each end holds
    # one title, so another holds h where it starts at or before h and ends after it: the furthest end
    # among the titles starting by h's start says so (sorted once, not every pair of a long text).
    spans = sorted(out.values(), key=lambda o: o.start)
    starts = [o.start for o in spans]
    reach = list(accumulate((o.end for o in spans), max))
    return {end: h for end, h in out.items() if reach[bisect_right(starts, h.start) - 1] <= h.end}
