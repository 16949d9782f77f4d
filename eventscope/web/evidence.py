"""Lining up one story's events across its articles, for the side-by-side story page.

The stories stage fuses events properly (``fused_events``); this is the page's fallback while a
story has no fused events: two reports are taken to describe the same happening when they name the
same participants and their trigger words share a stem ("signing" / "signed"). For every group the
page shows what the sources agree on and where they differ.
"""
from __future__ import annotations

import re
from typing import Any

from ..stories.fusion import nested_dates

# Fields compared across the sources of one event; a source that leaves one empty is "not said", not a
# disagreement.
COMPARED = ("event", "cameo", "modality", "date", "place", "actor_codes", "recipient_codes")
SUFFIXES = ("ments", "ment", "ings", "ing", "ied", "ies", "ed", "es", "s", "e")


def stem(word: str) -> str:
    """A crude English stem, enough to pair inflections of one trigger word."""
    w = re.sub(r"[^a-z]", "", word.lower().split()[-1] if word.split() else "")
    for suf in SUFFIXES:
        if w.endswith(suf) and len(w) - len(suf) >= 3:
            w = w[: -len(suf)]
            break
    # "signing" -> "sign", "planned" -> "plann" -> "plan": a doubled last consonant is one letter.
    if len(w) > 3 and w[-1] == w[-2] and w[-1] not in "aeiouls":
        w = w[:-1]
    return w


def source(e: dict[str, Any]) -> dict[str, Any]:
    """What the page needs to highlight one source's evidence."""
    return {"article_id": e["article_id"], "idx": e["idx"], "outlet": e.get("outlet"),
            "published": e.get("published"), "event": e.get("event"), "cameo": e.get("cameo"),
            "modality": e.get("modality"), "date": e.get("date"), "trigger_text": e.get("trigger_text"),
            "trigger": [e.get("trigger_start"), e.get("trigger_end")],
            "sentence": [e.get("sentence_start"), e.get("sentence_end")]}


def align_events(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Group per-article events of one story: same participants and same trigger stem."""
    groups: dict[tuple[Any, ...], list[dict[str, Any]]] = {}
    for e in rows:
        who = tuple(sorted(set(e.get("actor_codes") or []) | set(e.get("recipient_codes") or [])))
        key = (who, stem(e.get("trigger_text") or "")) if who else ("", e["article_id"], e["idx"])
        groups.setdefault(key, []).append(e)
    out = []
    for n, evs in enumerate(groups.values()):
        group = compare(evs)
        first = evs[0]
        group.update({"id": f"g{n}", "event": _most(evs, "event"), "cameo": _most(evs, "cameo"),
                      "quad": first.get("quad"), "goldstein": first.get("goldstein"),
                      "modality": _most(evs, "modality"), "date": _most(evs, "date"),
                      "actor_codes": sorted({c for e in evs for c in e.get("actor_codes") or []}),
                      "recipient_codes": sorted({c for e in evs for c in e.get("recipient_codes") or []}),
                      "trigger_text": first.get("trigger_text"),
                      "n_sources": len({e["article_id"] for e in evs}), "sources": [source(e) for e in evs]})
        out.append(group)
    # Events told by more outlets first, then in text order.
    out.sort(key=lambda g: (-g["n_outlets"], g["sources"][0]["article_id"], g["sources"][0]["idx"]))
    return out


def compare(evs: list[dict[str, Any]]) -> dict[str, Any]:
    """Per compared field: the value each outlet gives, and whether they agree or differ."""
    outlets = sorted({e.get("outlet") or e["article_id"] for e in evs})
    fields: dict[str, Any] = {}
    agreements, discrepancies = [], []
    for f in COMPARED:
        by_outlet: dict[str, set[str]] = {}
        for e in evs:
            v = e.get(f)
            text = "+".join(sorted(v)) if isinstance(v, list) else (None if v is None else str(v))
            if text:
                by_outlet.setdefault(e.get("outlet") or e["article_id"], set()).add(text)
        values = sorted({v for vs in by_outlet.values() for v in vs})
        fields[f] = {o: sorted(vs) for o, vs in by_outlet.items()}
        if len(outlets) < 2 or not values:
            continue
        if len(values) == 1 and len(by_outlet) == len(outlets):
            agreements.append(f)
        elif len({frozenset(vs) for vs in by_outlet.values()}) > 1 and not (f == "date" and nested_dates(values)):
            discrepancies.append(f)
    return {"outlets": outlets, "n_outlets": len(outlets), "values": fields, "agreements": agreements,
            "discrepancies": discrepancies}


def _most(evs: list[dict[str, Any]], key: str) -> Any:
    """The value most sources give (the first source's on a tie); None when none gives one."""
    counts: dict[Any, int] = {}
    for e in evs:
        v = e.get(key)
        if v is not None:
            counts[v] = counts.get(v, 0) + 1
    return max(counts, key=lambda v: counts[v]) if counts else None
