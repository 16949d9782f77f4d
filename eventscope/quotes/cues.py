"""The quote cue lexicons (eventscope/data/quotes/cues.yaml and attitudes.yaml), loaded once."""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

import yaml


@dataclass(frozen=True)
class Cues:
    """Cue words as sets, ready for lookups."""

    verbs: frozenset[str]
    particles: dict[str, frozenset[str]]
    need_content: frozenset[str]
    according: tuple[tuple[str, ...], ...]
    channels: frozenset[str]
    pronouns: frozenset[str]
    source_nouns: frozenset[str]


@dataclass(frozen=True)
class Attitudes:
    """Attribution cues beyond speech (attitudes.yaml): verbs by the content they take, nouns, adjectives."""

    clause: frozenset[str]
    infinitive: frozenset[str]
    object: frozenset[str]
    prepositions: dict[str, frozenset[str]]
    light_verbs: frozenset[str]
    noun_that: frozenset[str]
    noun_to: frozenset[str]
    noun_prep: dict[str, frozenset[str]]
    adjectives: frozenset[str]
    raising: frozenset[str]
    passive_reporting: frozenset[str]

    def is_verb(self, lemma: str) -> bool:
        return (lemma in self.clause or lemma in self.infinitive or lemma in self.object
                or lemma in self.prepositions)

    def is_noun(self, lemma: str) -> bool:
        return lemma in self.noun_that or lemma in self.noun_to or lemma in self.noun_prep


def _read(name: str) -> Any:
    return yaml.safe_load(resources.files("eventscope").joinpath(f"data/quotes/{name}").read_text("utf-8"))


def _set(values: Any) -> frozenset[str]:
    return frozenset(str(v).lower() for v in values or ())


@lru_cache(maxsize=1)
def load() -> Cues:
    """The shipped speech cue lexicon."""
    raw = _read("cues.yaml")
    return Cues(
        verbs=_set(raw["speech_verbs"]),
        particles={k: frozenset(v) for k, v in (raw.get("particles") or {}).items()},
        need_content=_set(raw.get("need_content")),
        according=tuple(tuple(p) for p in raw.get("according") or ()),
        channels=_set(raw.get("channels")),
        pronouns=frozenset(raw.get("pronouns") or ()),
        source_nouns=_set(raw.get("source_nouns")),
    )


@lru_cache(maxsize=1)
def load_attitudes() -> Attitudes:
    """The shipped lexicon of attitude, stance and evidence cues."""
    raw = _read("attitudes.yaml")
    nouns = raw.get("nouns") or {}
    return Attitudes(
        clause=_set(raw.get("clause")),
        infinitive=_set(raw.get("infinitive")),
        object=_set(raw.get("object")),
        prepositions={k: _set(v) for k, v in (raw.get("prepositions") or {}).items()},
        light_verbs=_set(raw.get("light_verbs")),
        noun_that=_set(nouns.get("that")),
        noun_to=_set(nouns.get("to")),
        noun_prep={k: _set(v) for k, v in (nouns.get("prep") or {}).items()},
        adjectives=_set(raw.get("adjectives")),
        raising=_set(raw.get("raising")),
        passive_reporting=_set(raw.get("passive_reporting")),
    )
