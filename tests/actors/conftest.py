"""One spaCy model and one actor dictionary for the whole actors test session."""
from __future__ import annotations

from collections.abc import Callable

import pytest

from eventscope import nlp
from eventscope.actors import ActorStage
from eventscope.model import Article


@pytest.fixture(scope="session")
def model():
    return nlp.load()


@pytest.fixture(scope="session")
def stage() -> ActorStage:
    return ActorStage()


@pytest.fixture(scope="session")
def annotate(model, stage) -> Callable[..., Article]:
    """annotate(text, published=None, stage=None) -> the article with its actors filled."""

    def run(text: str, published: str | None = None, using: ActorStage | None = None) -> Article:
        article = Article(id="t", text=text, origin="test", published=published)
        (using or stage)(article, model(text))
        return article

    return run


def find(article: Article, text: str, via: str | None = None):
    """The mentions whose text is ``text`` (and found ``via``, if given)."""
    return [m for m in article.actors if m.text == text and (via is None or m.via == via)]
