"""Actors: who is who, whatever the spelling.

Every person, body and country mentioned in an article is resolved to one dictionary actor with a
country code and a sector: ``ActorStage`` fills ``Article.actors``. The dictionary (Phoenix, 2014,
brought up to 2025) lives in ``eventscope/data/actors``; users extend it with YAML (``--actors``).
"""
from __future__ import annotations

from collections import Counter
from typing import Any

from ..model import Article, Mention
from .dictionary import Dictionary, load
from .stage import ActorStage
from .text import fold

__all__ = ["MENTION_COLUMNS", "ActorStage", "Dictionary", "fold", "load", "mentions_between", "summarise"]

# What the store keeps per mention (one row each): the article, where, what, who, and how found.
MENTION_COLUMNS = ("article_id", "start", "end", "text", "code", "sector", "name", "actor_id", "via")


def mentions_between(article: Article, start: int, end: int) -> list[Mention]:
    """The article's actor mentions whose span lies inside [start, end), in text order."""
    return [m for m in article.actors if start <= m.span[0] and m.span[1] <= end]


def mention_rows(article_id: str, mentions: list[Mention]) -> list[dict[str, Any]]:
    """One row per mention, with the columns of ``MENTION_COLUMNS``."""
    return [{"article_id": article_id, "start": m.span[0], "end": m.span[1], "text": m.text, "code": m.code,
             "sector": m.sector, "name": m.name, "actor_id": m.actor_id, "via": m.via} for m in mentions]


def summarise(mentions: list[Mention] | list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Mentions grouped by actor (code, sector, name, actor_id), with counts, most mentioned first.

    Takes Mention records or their dict form (e.g. rows read back from the store); a group mention
    ("the two countries") counts once per country, as it stands for each.
    """
    counts: Counter[tuple[Any, ...]] = Counter()
    for m in mentions:
        d = m if isinstance(m, dict) else m.__dict__
        counts[(d.get("code"), d.get("sector"), d.get("name"), d.get("actor_id"))] += 1
    rows = [{"code": k[0], "sector": k[1], "name": k[2], "actor_id": k[3], "count": n} for k, n in counts.items()]
    rows.sort(key=lambda r: (-r["count"], r["code"] or "", r["name"] or ""))
    return rows
