"""JSONL in the batch contract's input form: ``{"id", "text" | "html" | "path", "url", "published", "outlet"}``.

A line that cannot be used becomes a ``Quarantined`` carrying the caller's id (or the line number),
so that ``annotate`` can echo it back with an ``error``.
"""
from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from pathlib import Path

from ..model import Kind, Quarantined, RawDoc
from ..options import Options


def read_jsonl(lines: Iterable[str], origin: str, options: Options,
               base: Path | None = None) -> Iterator[RawDoc | Quarantined]:
    """One RawDoc (or Quarantined) per non-blank line, in order."""
    for n, line in enumerate(lines, 1):
        if not line.strip():
            continue
        where = f"{origin}:{n}"
        try:
            rec = json.loads(line)
        except json.JSONDecodeError as e:
            yield Quarantined(where, f"bad JSON: {e.msg} at column {e.colno}", raw=line.encode("utf-8", "replace"),
                              caller_id=str(n))
            continue
        if not isinstance(rec, dict):
            yield Quarantined(where, "a line must be a JSON object", raw=line.encode("utf-8", "replace"),
                              caller_id=str(n))
            continue
        try:
            yield from _record(rec, where, n, options, base)
        except Exception as e:  # noqa: BLE001 - a line must never sink the batch: say which line and why
            yield Quarantined(where, f"unreadable line: {type(e).__name__}: {e}", raw=line.encode("utf-8", "replace"),
                              caller_id=str(rec.get("id", n)))


def _record(rec: dict, where: str, n: int, options: Options, base: Path | None) -> Iterator[RawDoc | Quarantined]:
    from . import read_bytes

    caller_id = str(rec["id"]) if rec.get("id") is not None else str(n)
    meta = {"url": _str(rec.get("url")), "published": _str(rec.get("published")),
            "outlet": _str(rec.get("outlet")), "title": _str(rec.get("title"))}
    raw_line = json.dumps(rec, ensure_ascii=False, sort_keys=True).encode("utf-8", "replace")
    kinds: tuple[tuple[str, Kind], ...] = (("html", "html"), ("text", "text"))
    for key, kind in kinds:
        value = rec.get(key)
        if isinstance(value, str) and value.strip():
            if len(value) > options.max_bytes:
                yield Quarantined(where, f"{key} of {len(value):,} characters is over the "
                                         f"{options.max_bytes:,} limit", caller_id=caller_id)
                return
            # Surrogates (from "\udcff" escapes) are undecodable text: refuse rather than store garbage.
            try:
                value.encode("utf-8")
            except UnicodeEncodeError:
                yield Quarantined(where, f"{key} holds undecodable characters (lone surrogates)",
                                  caller_id=caller_id)
                return
            yield RawDoc(body=value, kind=kind, origin=where, raw=value.encode("utf-8"), caller_id=caller_id,
                         **meta)  # type: ignore[arg-type]
            return
    path = rec.get("path")
    if isinstance(path, str) and path:
        p = Path(path)
        if not p.is_absolute() and not p.exists() and base is not None:
            p = base / p
        try:
            data = p.read_bytes()
        except OSError as e:
            yield Quarantined(where, f"cannot read path {path!r}: {e.strerror or e}", caller_id=caller_id)
            return
        for doc in read_bytes(data, str(p), options, name=p.name.lower(), url=meta["url"]):
            doc.caller_id = caller_id
            if isinstance(doc, RawDoc):
                doc.published = doc.published or meta["published"]
                doc.outlet = doc.outlet or meta["outlet"]
                doc.title = doc.title or meta["title"]
            yield doc
        return
    yield Quarantined(where, "no text: the line needs a non-empty \"text\", \"html\" or \"path\"",
                      raw=raw_line, caller_id=caller_id)


def _str(v: object) -> str | None:
    return str(v) if v not in (None, "") else None
