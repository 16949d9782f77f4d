"""Copies and syndicated rewrites: the first tier of story grouping.

A wire story reprinted by ten outlets, trimmed or re-headlined, is one report, not ten: fusion counts it
once. Copies share most of their word 5-grams, so MinHash signatures indexed by locality-sensitive hashing
(datasketch) find them in near-constant time per article. Reports of the same happening written
independently do not: on ECB+ same-story pairs share a median 0.001 of their 5-word shingles, which is why
stories need the second tier (``index.py``).
"""
from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from datasketch import MinHash, MinHashLSH

from .text import fold

SHINGLE = 5
_TOKEN = re.compile(r"\w+", re.UNICODE)


def shingles(text: str, size: int = SHINGLE) -> set[str]:
    """Word n-grams of the folded text (all of it as one shingle where it is shorter than n words)."""
    toks = _TOKEN.findall(fold(text))
    if len(toks) < size:
        return {" ".join(toks)} if toks else set()
    return {" ".join(toks[i:i + size]) for i in range(len(toks) - size + 1)}


def jaccard(a: set[str], b: set[str]) -> float:
    """Exact Jaccard similarity of two shingle sets."""
    return len(a & b) / len(a | b) if a or b else 0.0


def _hash32(s: str) -> int:
    # Python's hash() is salted per process; a copy found in one run must be found in the next.
    import hashlib

    return int.from_bytes(hashlib.blake2b(s.encode("utf-8"), digest_size=4).digest(), "little")


def _identity(h: int) -> int:
    return h


@lru_cache(maxsize=8)
def _permutations(num_perm: int) -> tuple:
    # Drawing the permutations costs more than hashing a whole article: draw them once per size.
    template = MinHash(num_perm=num_perm, seed=1)
    return template.permutations, template.scheme


def signature(hashes: Iterable[int], num_perm: int) -> MinHash:
    """The MinHash of a set of shingle hashes, with a fixed seed so signatures compare across runs."""
    perms, scheme = _permutations(num_perm)
    m = MinHash(num_perm=num_perm, seed=1, hashfunc=_identity, permutations=perms, scheme=scheme)
    values = list(hashes)
    if values:
        m.update_batch(values)
    return m


class CopyIndex:
    """Finds, for each new text, an earlier text it copies (Jaccard of 5-gram shingles >= threshold).

    LSH proposes candidates; the exact Jaccard of the stored shingle hashes confirms them, so a false
    LSH hit never merges two reports. ``remove`` lets a streaming caller forget texts that left its window.
    """

    def __init__(self, threshold: float = 0.5, num_perm: int = 64):
        self.threshold = threshold
        self.num_perm = num_perm
        self._lsh = MinHashLSH(threshold=threshold, num_perm=num_perm)
        self._sets: dict[str, frozenset[int]] = {}

    def __len__(self) -> int:
        return len(self._sets)

    def add(self, key: str, text: str) -> str | None:
        """Index ``text`` under ``key``; return the key of the most similar earlier copy, or None."""
        sh = shingles(text)
        hashed = frozenset(_hash32(s) for s in sh)
        found: list[tuple[float, str]] = []
        if hashed:
            sig = signature(hashed, self.num_perm)
            for other in self._lsh.query(sig):
                j = _set_jaccard(hashed, self._sets[other])
                if j >= self.threshold:
                    found.append((-j, other))
            if key not in self._sets:
                self._lsh.insert(key, sig)
        self._sets[key] = hashed
        # The most similar; ties to the smaller key, so the answer does not hang on the LSH's bucket order.
        return min(found)[1] if found else None

    def remove(self, key: str) -> None:
        """Forget one text."""
        if key in self._sets:
            del self._sets[key]
            if key in self._lsh:
                self._lsh.remove(key)


def _set_jaccard(a: frozenset[int], b: frozenset[int]) -> float:
    return len(a & b) / len(a | b) if a or b else 0.0


def copy_groups(texts: dict[str, str], threshold: float = 0.5) -> dict[str, str]:
    """Each key -> the smallest key of its copy group (copies of copies join one group)."""
    index = CopyIndex(threshold)
    parent: dict[str, str] = {}

    def root(k: str) -> str:
        while parent.get(k, k) != k:
            k = parent[k]
        return k

    for key in sorted(texts):
        parent.setdefault(key, key)
        found = index.add(key, texts[key])
        if found is not None:
            a, b = root(key), root(found)
            parent[max(a, b)] = min(a, b)
    return {k: root(k) for k in texts}
