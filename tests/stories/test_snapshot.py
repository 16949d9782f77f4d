"""The story index saved as JSON data and read back goes on exactly as the index it was saved from."""
from __future__ import annotations

import datetime as dt
import json
import random

import pytest

from eventscope.model import Article
from eventscope.stories import StoryConfig, StoryIndex

WORDS = ["flood", "river", "bridge", "election", "ballot", "strike", "union", "court", "ruling", "fire", "forest",
         "summit", "trade", "border", "talks", "protest", "police", "minister", "budget", "vote"]


def stream(n_stories: int = 120, seed: int = 3) -> list[Article]:
    """Stories of one to six reports over a few days each, some reprinted by a wire, some undated."""
    rng = random.Random(seed)
    out: list[Article] = []
    day = dt.date(2024, 1, 1)
    for k in range(n_stories):
        who = f"{rng.choice(['Ana', 'Ivo', 'Lea', 'Mak', 'Ola'])} {rng.choice(['Kovac', 'Horvat', 'Novak'])}{k}"
        place, number = f"Town{k}", rng.randint(3, 900)
        topic = rng.sample(WORDS, 6)
        first = None
        for r in range(rng.randint(1, 6)):
            body = (f"{who} said in {place} that {number} {topic[0]} were reported. "
                    + " ".join(rng.sample(topic, 5)) + f". Officials in {place} met {who} on the {topic[1]}.")
            if first is not None and rng.random() < 0.3:
                body = "Wire report: " + first
            first = first or body
            date = None if rng.random() < 0.15 else (day + dt.timedelta(days=r)).isoformat()
            out.append(Article(id=f"a{k}-{r}", text=body, origin="test", published=date))
        day += dt.timedelta(days=rng.choice([0, 0, 1, 3, 40]))
    return out


@pytest.mark.parametrize("cut", [0.3, 0.7])
def test_an_index_read_back_from_its_state_goes_on_as_the_original(cut: float) -> None:
    arts = stream()
    k = int(len(arts) * cut)
    config = StoryConfig(max_gap_days=60, copy_window_days=5)  # stories close and copies expire in the stream
    original = StoryIndex(config)
    for a in arts[:k]:
        original.add(a)
    state = json.loads(json.dumps(original.state()))  # through JSON, as the store keeps it
    texts = {a.id: a.text for a in arts[:k]}
    restored = StoryIndex.from_state(state, texts)
    assert restored.config == config and restored.open_stories == original.open_stories
    # After the cut, a reprint of the last text before it: the restored copy index must know that text.
    last = arts[k - 1]
    reprint = Article(id="reprint", text="Wire report: " + last.text, origin="test", published=last.published)
    assert restored.add(reprint) == original.add(reprint)
    assert restored.copy_of("reprint") == original.copy_of("reprint") == last.id
    went_on = {a.id: original.add(a) for a in arts[k:]}
    assert {a.id: restored.add(a) for a in arts[k:]} == went_on
    assert restored.open_stories == original.open_stories


def test_a_state_of_another_version_is_refused() -> None:
    state = StoryIndex().state()
    with pytest.raises(ValueError):
        StoryIndex.from_state({**state, "version": -1}, {})
