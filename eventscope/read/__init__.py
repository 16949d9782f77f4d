"""Readers: from files, folders, feeds, archives, JSONL batches and URLs to ``RawDoc`` records.

Every reader yields ``RawDoc`` or ``Quarantined``; none raises for a bad document, so one bad input
never stops a batch.
"""
from __future__ import annotations

import os
import zlib
from collections.abc import Iterable, Iterator
from pathlib import Path

from ..errors import EventscopeError, InputError
from ..model import Quarantined, RawDoc
from ..options import Options
from .decode import GZIP_MAGIC, check_size, decode
from .feeds import is_feed, read_feed
from .jsonl import read_jsonl
from .warc import is_warc, read_warc

__all__ = ["looks_like_html", "read_bytes", "read_jsonl", "read_paths", "read_url"]

_HTML_MARKERS = ("<!doctype html", "<html", "<head", "<body", "<article", "<div", "<p>", "<p ")


def looks_like_html(text: str) -> bool:
    head = text[:2048].lstrip().lower()
    return head.startswith("<") and any(m in head for m in _HTML_MARKERS) or "<html" in head


def read_paths(paths: Iterable[str | Path], options: Options | None = None) -> Iterator[RawDoc | Quarantined]:
    """Every document under ``paths`` (files, or folders walked recursively in name order)."""
    options = options or Options()
    for p in paths:
        path = Path(p)
        if path.is_dir():
            for root, dirs, files in os.walk(path):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for name in sorted(files):
                    if not name.startswith("."):
                        yield from read_file(Path(root) / name, options)
        elif path.exists():
            yield from read_file(path, options)
        else:
            yield Quarantined(str(path), "no such file or folder")


def read_file(path: Path, options: Options) -> Iterator[RawDoc | Quarantined]:
    origin = str(path)
    try:
        check_size(path.stat().st_size, origin, options)
        data = path.read_bytes()
    except InputError as e:
        yield Quarantined(origin, e.message)
        return
    except OSError as e:
        yield Quarantined(origin, f"cannot read: {e.strerror or e}")
        return
    name = path.name.lower()
    if name.endswith((".jsonl", ".jsonl.gz", ".ndjson")):
        try:
            text = decode(data, origin, options)
        except InputError as e:
            yield Quarantined(origin, e.message, raw=data)
            return
        yield from read_jsonl(text.split("\n"), origin, options, base=path.parent)
        return
    yield from read_bytes(data, origin, options, name=name)


def read_bytes(data: bytes, origin: str, options: Options, name: str = "", url: str | None = None,
               content_type: str = "") -> Iterator[RawDoc | Quarantined]:
    """One input's bytes, whatever they hold: HTML, text, a feed, a WARC, gzip of any of these."""
    try:
        if is_warc(_peek(data)):
            yield from read_warc(data, origin, options)
            return
        text = decode(data, origin, options)
        if is_feed(text) or "xml" in content_type and ("rss" in content_type or "atom" in content_type):
            yield from read_feed(text.encode("utf-8"), origin)
            return
        is_html = (name.endswith((".html", ".htm", ".html.gz", ".htm.gz", ".xhtml", ".php", ".asp", ".aspx"))
                   or "html" in content_type or looks_like_html(text))
        yield RawDoc(body=text, kind="html" if is_html else "text", origin=origin, raw=data, url=url)
    except InputError as e:
        yield Quarantined(e.origin or origin, e.message, raw=data[: options.max_bytes])
    except EventscopeError as e:  # pragma: no cover - any other of ours, still never fatal to a batch
        yield Quarantined(origin, str(e), raw=data[: options.max_bytes])


def _peek(data: bytes) -> bytes:
    """The first bytes of ``data``, decompressed when it is gzip (WARCs are gzipped per record)."""
    if data[:2] != GZIP_MAGIC:
        return data[:64]
    try:
        return zlib.decompressobj(wbits=31).decompress(data[:4096], 64)
    except zlib.error:
        return b""


def read_url(url: str, options: Options) -> Iterator[RawDoc | Quarantined]:
    """Fetch ``url`` (guarded, see ``read.url``) and read what came back."""
    from .url import fetch

    try:
        final, body, ctype = fetch(url, options)
    except EventscopeError as e:
        yield Quarantined(url, e.message)
        return
    yield from read_bytes(body, final, options, name=final.split("?")[0].lower(), url=final,
                          content_type=ctype.lower())
