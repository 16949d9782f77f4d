"""JSONL in the batch contract's input form: ``{"id", "text" | "html" | "path", "url", "published", "outlet"}``.

A line that cannot be used becomes a ``Quarantined`` carrying the caller's id (or the line number),
so that ``annotate`` can echo it back with an ``error``. The id is kept as the caller gave it, of
whatever JSON type. A file is read line by line (``jsonl_lines``), each line capped
(``Options.max_line_bytes``), so a batch of any size streams. A ``path`` is read only inside the
root folder (``Options.root``, else the folder the caller passes as ``base``); a relative one is taken
against ``base`` (the batch file's folder, or the current folder for standard input).
"""
from __future__ import annotations

import codecs
import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any, BinaryIO

from ..errors import InputError
from ..model import Kind, Quarantined, RawDoc
from ..options import Options
from .files import inside_root
from .text import checked, line_bytes


class LongLine:
    """A line over ``Options.max_line_bytes``, skipped unread: it stands in for the line in the stream."""

    def __init__(self, size: int):
        self.size = size


def jsonl_lines(f: BinaryIO, options: Options) -> Iterator[str | LongLine]:
    """The lines of a JSONL stream as ``eventscope annotate`` splits them: on "\\n" only (``str.splitlines``
    also breaks on U+2028, which JSON strings may hold), a UTF-8 byte-order mark dropped, undecodable
    bytes kept as surrogates (the readers' boundary replaces them and says so)."""
    cap = options.max_line_bytes
    first = True
    while line := f.readline(cap + 1):
        if len(line) > cap and not line.endswith(b"\n"):
            size = len(line)
            while more := f.readline(1 << 16):  # the rest of the line, counted, not kept
                size += len(more)
                if more.endswith(b"\n"):
                    break
            first = False
            yield LongLine(size)
            continue
        if first and line.startswith(codecs.BOM_UTF8):
            line = line[len(codecs.BOM_UTF8):]
        first = False
        yield line.decode("utf-8", "surrogateescape").removesuffix("\n").removesuffix("\r")


def read_jsonl(lines: Iterable[str | LongLine], origin: str, options: Options,
               base: Path | None = None) -> Iterator[RawDoc | Quarantined]:
    """One RawDoc (or Quarantined) per non-blank line, in order. ``base``: the root folder for ``path``
    fields where ``options.root`` names none; with neither, ``path`` fields are refused."""
    return checked(_read(lines, origin, options, base))


def _read(lines: Iterable[str | LongLine], origin: str, options: Options,
          base: Path | None) -> Iterator[RawDoc | Quarantined]:
    for n, line in enumerate(lines, 1):
        where = f"{origin}:{n}"
        if isinstance(line, LongLine):
            yield Quarantined(where, f"line of {line.size:,} bytes is over the {options.max_line_bytes:,}-byte "
                                     "limit for one line (see Options.max_line_bytes); not read", caller_id=str(n))
            continue
        if not line.strip():
            continue
        try:
            rec = json.loads(line)
        except json.JSONDecodeError as e:
            yield Quarantined(where, f"bad JSON: {e.msg} at column {e.colno}", raw=line_bytes(line), caller_id=str(n))
            continue
        if not isinstance(rec, dict):
            yield Quarantined(where, "a line must be a JSON object", raw=line_bytes(line), caller_id=str(n))
            continue
        caller_id = rec["id"] if rec.get("id") is not None else str(n)
        try:
            yield from _record(rec, where, caller_id, options, base)
        except Exception as e:  # noqa: BLE001 - a line must never sink the batch: say which line and why
            yield Quarantined(where, f"unreadable line: {type(e).__name__}: {e}", raw=line_bytes(line),
                              caller_id=caller_id)


def _record(rec: dict[str, Any], where: str, caller_id: Any, options: Options,
            base: Path | None) -> Iterator[RawDoc | Quarantined]:
    meta = {"url": _str(rec.get("url")), "published": _str(rec.get("published")),
            "outlet": _str(rec.get("outlet")), "title": _str(rec.get("title"))}
    kinds: tuple[tuple[str, Kind], ...] = (("html", "html"), ("text", "text"))
    for key, kind in kinds:
        value = rec.get(key)
        if isinstance(value, str) and value.strip():
            if len(value) > options.max_bytes:
                yield Quarantined(where, f"{key} of {len(value):,} characters is over the "
                                         f"{options.max_bytes:,} limit", caller_id=caller_id)
                return
            # No raw bytes yet: the boundary (read.text) takes them from the body once it is valid.
            yield RawDoc(body=value, kind=kind, origin=where, caller_id=caller_id, **meta)  # type: ignore[arg-type]
            return
    path = rec.get("path")
    if isinstance(path, str) and path:
        yield from _path(path, where, caller_id, meta, options, base)
        return
    raw_line = json.dumps(rec, ensure_ascii=False, sort_keys=True).encode("utf-8", "backslashreplace")
    yield Quarantined(where, "no text: the line needs a non-empty \"text\", \"html\" or \"path\"",
                      raw=raw_line, caller_id=caller_id)


def _path(path: str, where: str, caller_id: Any, meta: dict[str, str | None], options: Options,
          base: Path | None) -> Iterator[RawDoc | Quarantined]:
    """The documents of the file a line names, if it lies inside the root."""
    from . import _file

    root = options.root or base
    if root is None:
        yield Quarantined(where, f"path {path!r} is not read: no root folder for batch paths here",
                          caller_id=caller_id)
        return
    anchor = base or root  # a relative path is the batch file's neighbour, wherever the root is
    try:
        resolved = inside_root(path, root, anchor)
    except InputError as e:
        yield Quarantined(where, e.message, caller_id=caller_id)
        return
    shown = path if Path(path).is_absolute() else str(anchor / path)
    for doc in _file(resolved, options, origin=shown, url=meta["url"], jsonl=False):
        doc.caller_id = caller_id
        if isinstance(doc, RawDoc):
            doc.published = doc.published or meta["published"]
            doc.outlet = doc.outlet or meta["outlet"]
            doc.title = doc.title or meta["title"]
        yield doc


def _str(v: object) -> str | None:
    return str(v) if v not in (None, "") else None
