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

from dataclasses import replace
from typing import Any

from ..model import Article, Mention

_PLURAL = {"they", "them", "we", "their", "our"}
_THING = {"it", "its"}
_PERSONAL = {"he", "she", "him", "her", "i", "his", "my"}


def _actor_mentions(article: Article, start: int, end: int) -> list[Mention]:
    """Actor mentions overlapping [start, end): a mention may be wider or narrower than our phrase."""
    return [m for m in article.actors if m.span[0] < end and start < m.span[1]]


def _person_names(doc: Any) -> list[tuple[int, int, str]]:
    """PERSON entities as (start char, end char, text), in order."""
    return [(e.start_char, e.end_char, e.text) for e in doc.ents if e.label_ == "PERSON"]


def _full_name(short: str, before: int, persons: list[tuple[int, int, str]]) -> str:
    """'Vucic' -> 'Aleksandar Vucic' where the full name stood earlier in the article."""
    last = short.split()[-1].lower()
    for s, _e, name in reversed([p for p in persons if p[0] < before]):
        words = name.split()
        if len(words) > len(short.split()) and words[-1].lower() == last:
            return name
    return short


class SpeakerResolver:
    """Turns speaker token ranges into Mentions for one article."""

    def __init__(self, article: Article, doc: Any, pronouns: frozenset[str]):
        self.article = article
        self.doc = doc
        self.pronouns = pronouns
        self.persons = _person_names(doc)
        self.history: list[Mention] = []  # resolved speakers so far, in text order

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
                    m.name = _full_name(person, start, self.persons)
                    m.via = "name"
                elif doc[head].pos_ == "PROPN":
                    # A surname the NER missed here, named in full earlier ("Szalay-Bobrovniczky stated").
                    full = _full_name(doc[head].text, start, self.persons)
                    if full != doc[head].text:
                        m.name, m.via = full, "surname"
        self.history.append(m)
        return m

    def _from_actors(self, start: int, end: int, head: Any) -> Mention | None:
        """The actor mention covering the head word, else the longest one inside the phrase."""
        cands = _actor_mentions(self.article, start, end)
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
        names = [t for s, e, t in self.persons if s < end and start < e]
        return max(names, key=len) if names else None

    def _antecedent(self, before: int, plural: bool) -> Mention | None:
        """The nearest earlier speaker with a name (singular pronouns skip plural/group speakers)."""
        for m in reversed(self.history):
            if m.span[0] >= before or not m.name:
                continue
            if not plural and m.via == "group":
                continue
            return m
        if plural:
            return None
        for s, _e, name in reversed(self.persons):
            if s < before:
                return Mention(text=name, span=(s, _e), name=_full_name(name, s, self.persons))
        return None
