"""Valid text at the readers' boundary: no string a reader hands on holds a lone surrogate.

A lone surrogate (a JSON escape such as ``"\\udcff"``, an undecodable byte kept by ``surrogateescape``,
a numeric character reference in a feed) is a ``str`` that UTF-8 cannot encode: DuckDB, the output
file and the content hash all fail on it, far from where it came in. Every record leaving a reader
goes through ``repaired`` once: surrogates become U+FFFD in text, and file names keep their bytes as
``\\xNN`` escapes (so the name still says which file it was); each repair is listed in the record's
``warnings``.
"""
from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import Any

from ..model import Quarantined, RawDoc

_SURROGATE = re.compile("[\ud800-\udfff]")
_TEXT_FIELDS = ("body", "url", "published", "outlet", "title")


def valid_text(s: str) -> tuple[str, int]:
    """``s`` with each lone surrogate replaced by U+FFFD, and how many there were."""
    try:
        s.encode("utf-8")
    except UnicodeEncodeError:
        return _SURROGATE.subn("\ufffd", s)
    return s, 0


def valid_value(v: Any) -> tuple[Any, int]:
    """A JSON value (a caller's id) with its strings, keys included, made valid; and the count of repairs."""
    if isinstance(v, str):
        return valid_text(v)
    if isinstance(v, list):
        parts = [valid_value(x) for x in v]
        return [p for p, _ in parts], sum(n for _, n in parts)
    if isinstance(v, dict):
        out, total = {}, 0
        for key, value in v.items():
            k, n = valid_value(key) if isinstance(key, str) else (key, 0)
            val, m = valid_value(value)
            out[k] = val
            total += n + m
        return out, total
    return v, 0


def escape_name(s: str) -> str:
    """A path for display and storage: undecodable file-name bytes (``surrogateescape``) as ``\\xNN``,
    any other surrogate as ``\\uNNNN``."""
    def esc(m: re.Match[str]) -> str:
        c = ord(m.group())
        return f"\\x{c - 0xDC00:02x}" if 0xDC80 <= c <= 0xDCFF else f"\\u{c:04x}"

    return _SURROGATE.sub(esc, s)


def line_bytes(line: str) -> bytes:
    """A JSONL line's bytes as they were in the file where that can be told (undecodable bytes were kept as
    surrogates), else its UTF-8 with escapes: kept with a quarantined line so the user sees what it held."""
    try:
        return line.encode("utf-8", "surrogateescape")
    except UnicodeEncodeError:
        return line.encode("utf-8", "backslashreplace")


def repaired(rec: RawDoc | Quarantined) -> RawDoc | Quarantined:
    """``rec`` with valid strings only; the repairs of a document are added to its ``warnings``."""
    origin = escape_name(rec.origin)
    notes = ["origin: characters that are not valid UTF-8 written as escapes"] if origin != rec.origin else []
    rec.origin = origin
    caller_id, n = valid_value(rec.caller_id)
    if n:
        rec.caller_id = caller_id
        notes.append(_note("id", n))
    if isinstance(rec, Quarantined):
        rec.reason, n = valid_text(rec.reason)
        if notes or n:
            rec.reason += " (invalid characters in it replaced)"
        return rec
    for key in _TEXT_FIELDS:
        value = getattr(rec, key)
        if isinstance(value, str):
            fixed, n = valid_text(value)
            if n:
                setattr(rec, key, fixed)
                notes.append(_note(key, n))
    if not rec.raw:  # an inline text (a JSONL "text"): its bytes are those of the valid body
        rec.raw = rec.body.encode("utf-8")
    rec.warnings.extend(notes)
    return rec


def checked(records: Iterable[RawDoc | Quarantined]) -> Iterator[RawDoc | Quarantined]:
    """The boundary: every record repaired on its way out of a reader."""
    for rec in records:
        yield repaired(rec)


def _note(key: str, n: int) -> str:
    return f"{key}: {n} invalid character{'s' if n > 1 else ''} (lone surrogates) replaced with U+FFFD"
