"""Shared fixtures for the event coder tests: one spaCy load, and articles with hand-built mentions
(test doubles for the actors and quotes stages)."""
from __future__ import annotations

import re

import pytest

from eventscope.model import Article, Mention, Quote


@pytest.fixture(scope="session")
def nlp():
    from eventscope import nlp as eventscope_nlp

    return eventscope_nlp.load()


@pytest.fixture(scope="session")
def code(nlp):
    """code(text, {"Serbia": "SRB", ...}, quotes=[(quoted text, speaker text, code)]) -> events."""
    from eventscope.events.coder import code_events

    def run(text: str, actors: dict[str, str], quotes=(), published: str | None = None, timex=None):
        art = Article(id="t", text=text, origin="test", published=published)
        for words, c in actors.items():
            for m in re.finditer(re.escape(words), text):
                art.actors.append(Mention(words, (m.start(), m.end()), c))
        for quoted, speaker, c in quotes:
            q0 = text.index(quoted)
            s0 = text.index(speaker)
            art.quotes.append(Quote(quoted, (q0, q0 + len(quoted)), "direct",
                                    speaker=Mention(speaker, (s0, s0 + len(speaker)), c)))
        art.timex = list(timex or [])
        return code_events(art, nlp(text))

    return run


def codes(mentions) -> list[str]:
    return sorted(m.code for m in mentions)
