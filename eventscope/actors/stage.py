"""The actors stage: every person, body and country in an article, resolved to one dictionary actor."""
from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any

from ..model import Article, parse_date
from ..options import Options
from .coref import corefer
from .dictionary import Dictionary, load
from .peoples import residents
from .resolver import Resolver


@lru_cache(maxsize=4)
def dictionary(user_files: tuple[str, ...] = ()) -> Dictionary:
    """The dictionary for these user files, built once per process."""
    return load([Path(p) for p in user_files])


class ActorStage:
    """Fills ``article.actors`` with :class:`eventscope.model.Mention` records, in text order.

    Roles are chosen for ``article.published`` (see ``resolver``); coreferent mentions (surname,
    reference, group, pronoun) carry their antecedent's code, sector and name.
    """

    name = "actors"
    needs_parse = True

    def __init__(self, options: Options | None = None, user_files: Sequence[Path] = ()):
        files = list(user_files) or list((options or Options()).actor_files)
        self.dic = dictionary(tuple(str(p) for p in files))
        self.resolve = Resolver(self.dic)

    def __call__(self, article: Article, doc: Any) -> None:
        day = parse_date(article.published)
        found, _ = self.resolve(doc, day)
        found = residents(self.dic, doc, found)
        found = corefer(self.dic, doc, found, day)
        article.actors = [f.mention for f in found]
