"""The quote cue lexicon (eventscope/data/quotes/cues.yaml), loaded once."""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

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


@lru_cache(maxsize=1)
def load() -> Cues:
    """The shipped cue lexicon."""
    raw = yaml.safe_load(resources.files("eventscope").joinpath("data/quotes/cues.yaml").read_text("utf-8"))
    return Cues(
        verbs=frozenset(w.lower() for w in raw["speech_verbs"]),
        particles={k: frozenset(v) for k, v in (raw.get("particles") or {}).items()},
        need_content=frozenset(raw.get("need_content") or ()),
        according=tuple(tuple(p) for p in raw.get("according") or ()),
        channels=frozenset(str(c).lower() for c in raw.get("channels") or ()),
        pronouns=frozenset(raw.get("pronouns") or ()),
    )
