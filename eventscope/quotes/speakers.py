"""Speakers as actor mentions: through the actors stage where it ran, by our own means where not.

The speaker's words stay as written ("he", "the Hungarian Minister of Defence", "Vucic"); who they
are goes in ``name``/``code``/``sector``. Sources, in order of trust:

1. an actor mention from the actors stage (``article.actors``) covering the speaker's head word (its coreference
   included: pronouns and "the Serbian leader" carry the antecedent's code and name);
2. a PERSON entity in the speaker phrase, a surname expanded to the full name used earlier;
3. for a pronoun, the nearest earlier speaker (news convention: "he said" continues with the last
   person quoted), else the nearest earlier PERSON entity.
"""
from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import defaultdict
from dataclasses import replace
from typing import Any

from ..model import Article, Mention

_PLURAL = {"they", "them", "we", "their", "our"}
_THING = {"it", "its"}
_PERSONAL = {"he", "she", "him", "her", "i", "his", "my"}


class _Mentions:
    """An article's actor mentions, asked for those overlapping a range, in the article's order.

    Sorted by start: a mention overlapping [start, end) starts before ``end`` and less than the
    longest mention's length before ``start``, so each question reads a few mentions, not all.
    """

    def __init__(self, mentions: list[Mention]):
        self.mentions = mentions
        self.order = sorted(range(len(mentions)), key=lambda k: mentions[k].span[0])
        self.starts = [mentions[k].span[0] for k in self.order]
        self.longest = max((m.span[1] - m.span[0] for m in mentions), default=0)

    def overlapping(self, start: int, end: int) -> list[Mention]:
        """Actor mentions overlapping [start, end): a mention may be wider or narrower than our phrase."""
        lo = bisect_right(self.starts, start - self.longest)
        hi = bisect_left(self.starts, end)
        ks = sorted(k for k in self.order[lo:hi] if start < self.mentions[k].span[1])
        return [self.mentions[k] for k in ks]


class _Persons:
    """PERSON entities of a doc as (start char, end char, text), in order, with lookups by place and surname."""

    def __init__(self, doc: Any):
        self.names = [(e.start_char, e.end_char, e.text) for e in doc.ents if e.label_ == "PERSON"]
        self.starts = [p[0] for p in self.names]
        self.ends = [p[1] for p in self.names]
        # surname -> word count -> starts of the names of that length, in order
        self.by_last: dict[str, dict[int, list[int]]] = defaultdict(lambda: defaultdict(list))
        for s, _e, name in self.names:
            words = name.split()
            if words:
                self.by_last[words[-1].lower()][len(words)].append(s)
        self.at = {p[0]: p[2] for p in self.names}

    def full_name(self, short: str, before: int) -> str:
        """'Vucic' -> 'Aleksandar Vucic' where the full name stood earlier in the article: the
        nearest earlier name with more words and the same last word."""
        last = short.split()[-1].lower()
        nearest = -1
        for words, starts in self.by_last.get(last, {}).items():
            k = bisect_left(starts, before)
            if words > len(short.split()) and k:
                nearest = max(nearest, starts[k - 1])
        return self.at[nearest] if nearest >= 0 else short

    def inside(self, start: int, end: int) -> list[str]:
        """The names overlapping [start, end), in order (entities do not overlap: ends are in order too)."""
        out = []
        for k in range(bisect_right(self.ends, start), len(self.names)):
            if self.names[k][0] >= end:
                break
            out.append(self.names[k][2])
        return out

    def last_before(self, before: int) -> tuple[int, int, str] | None:
        k = bisect_left(self.starts, before)
        return self.names[k - 1] if k else None


class SpeakerResolver:
    """Turns speaker token ranges into Mentions for one article."""

    def __init__(self, article: Article, doc: Any, pronouns: frozenset[str]):
        self.article = article
        self.doc = doc
        self.pronouns = pronouns
        self.persons = _Persons(doc)
        self.actors = _Mentions(article.actors)
        # Resolved speakers so far with a name (those a pronoun may stand for), in the order resolved;
        # apart, those that are no group (those a singular pronoun may stand for).
        self.named: list[Mention] = []
        self.named_single: list[Mention] = []

    def resolve(self, tokens: tuple[int, int]) -> Mention:
        """The Mention for speaker tokens [i, j) of the doc; remembered for later pronouns."""
        doc = self.doc
        i, j = tokens
        start, end = doc[i].idx, doc[j - 1].idx + len(doc[j - 1])
        text = self.article.text[start:end]
        head = max(range(i, j), key=lambda k: (doc[k].head.i < i or doc[k].head.i >= j or doc[k].head.i == k, -k))
        m = self._from_actors(start, end, doc[head])
        if m is None:
            m = Mention(text=text, span=(start, end))
            low = text.lower()
            if low in self.pronouns:
                m.via = "pronoun"
                # "it"/"its" stands for a document, a poll, a body: never the last person quoted.
                ante = None if low in _THING else self._antecedent(start, plural=low in _PLURAL)
                if ante is not None:
                    m.name, m.code, m.sector, m.actor_id = ante.name, ante.code, ante.sector, ante.actor_id
            else:
                person = self._person_in(start, end)
                if person:
                    m.name = self.persons.full_name(person, start)
                    m.via = "name"
                elif doc[head].pos_ == "PROPN":
                    # A surname the NER missed here, named in full earlier ("Szalay-Bobrovniczky stated").
                    full = self.persons.full_name(doc[head].text, start)
                    if full != doc[head].text:
                        m.name, m.via = full, "surname"
        if m.name:
            self.named.append(m)
            if m.via != "group":
                self.named_single.append(m)
        return m

    def _from_actors(self, start: int, end: int, head: Any) -> Mention | None:
        """The actor mention covering the head word, else the longest one inside the phrase."""
        cands = self.actors.overlapping(start, end)
        if not cands:
            return None
        h0, h1 = head.idx, head.idx + len(head)
        covering = [m for m in cands if m.span[0] <= h0 and h1 <= m.span[1]]
        pool = covering or [m for m in cands if start <= m.span[0] and m.span[1] <= end]
        if not pool:
            return None
        best = max(pool, key=lambda m: (m.name is not None, m.span[1] - m.span[0]))
        return replace(best)

    def _person_in(self, start: int, end: int) -> str | None:
        names = self.persons.inside(start, end)
        return max(names, key=len) if names else None

    def _antecedent(self, before: int, plural: bool) -> Mention | None:
        """The nearest earlier speaker with a name (singular pronouns skip plural/group speakers)."""
        for m in reversed(self.named if plural else self.named_single):
            if m.span[0] < before:
                return m
        if plural:
            return None
        last = self.persons.last_before(before)
        if last is not None:
            s, e, name = last
            return Mention(text=name, span=(s, e), name=self.persons.full_name(name, s))
        return None
