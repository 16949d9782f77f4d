"""Readers: from files, folders, feeds, archives, JSONL batches and URLs to ``RawDoc`` records.

Every reader yields ``RawDoc`` or ``Quarantined``; none raises for a bad document, so one bad input
never stops a batch. The public readers here are the boundary: what they yield holds valid text only
(``read.text``), whatever the input held; the private ones (``_file``, ``_bytes``) are their insides.
"""
from __future__ import annotations

import codecs
import gzip
import os
import zlib
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import BinaryIO

from ..errors import BinaryInput, EmptyInput, EventscopeError, InputError
from ..model import Quarantined, RawDoc
from ..options import Options
from .decode import GZIP_MAGIC, decode
from .feeds import is_feed, read_feed
from .files import open_regular, read_capped
from .jsonl import LongLine, jsonl_lines, read_jsonl
from .jsonl import _read as _jsonl
from .text import checked
from .warc import is_warc, read_warc, read_warc_stream

__all__ = ["jsonl_lines", "looks_like_html", "read_batch", "read_bytes", "read_file", "read_jsonl", "read_paths", "read_url"]

_HTML_MARKERS = ("<!doctype html", "<html", "<head", "<body", "<article", "<div", "<p>", "<p ")


def looks_like_html(text: str) -> bool:
    head = text[:2048].lstrip().lower()
    return head.startswith("<") and any(m in head for m in _HTML_MARKERS) or "<html" in head


def read_paths(paths: Iterable[str | Path], options: Options | None = None) -> Iterator[RawDoc | Quarantined]:
    """Every document under ``paths`` (files, or folders walked recursively in name order)."""
    return checked(_paths(paths, options or Options()))


def _paths(paths: Iterable[str | Path], options: Options) -> Iterator[RawDoc | Quarantined]:
    for p in paths:
        path = Path(p)
        if path.is_dir():
            for root, dirs, files in os.walk(path):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for name in sorted(files):
                    if not name.startswith("."):
                        yield from _file(Path(root) / name, options)
        elif path.exists() or path.is_symlink():
            yield from _file(path, options)
        else:
            yield Quarantined(str(path), "no such file or folder")


def read_file(path: Path, options: Options, origin: str | None = None, url: str | None = None,
              jsonl: bool = True) -> Iterator[RawDoc | Quarantined]:
    """The documents of one file (``origin``: its name in records, by default the path; ``jsonl``: read a
    ``.jsonl`` file as a batch, not as one text)."""
    return checked(_file(path, options, origin, url, jsonl))


def _file(path: Path, options: Options, origin: str | None = None, url: str | None = None,
          jsonl: bool = True) -> Iterator[RawDoc | Quarantined]:
    """Only a regular file is opened; an archive or a batch is read as a stream, any other file whole, capped."""
    origin = origin or str(path)
    name = path.name.lower()
    try:
        f = open_regular(path, origin)
    except InputError as e:
        yield Quarantined(origin, e.message)
        return
    except OSError as e:
        yield Quarantined(origin, f"cannot read: {e.strerror or e}")
        return
    with f:
        try:
            head = f.read(4096)
            f.seek(0)
            if jsonl and name.endswith((".jsonl", ".jsonl.gz", ".ndjson")):
                yield from _jsonl_file(f, head, origin, options, path.parent)
                return
            if is_warc(_peek(head)):
                yield from read_warc_stream(f, origin, options)
                return
            data = read_capped(f, options.max_bytes, origin)
        except InputError as e:
            yield Quarantined(origin, e.message)
            return
        except OSError as e:
            yield Quarantined(origin, f"cannot read: {e.strerror or e}")
            return
    yield from _bytes(data, origin, options, name=name, url=url)


def read_batch(path: Path, options: Options, origin: str | None = None) -> Iterator[RawDoc | Quarantined]:
    """A JSONL batch file (whatever its name), streamed line by line; relative ``path`` fields against
    ``options.root``, else the file's own folder."""
    return checked(_batch(path, options, origin or str(path)))


def _batch(path: Path, options: Options, origin: str) -> Iterator[RawDoc | Quarantined]:
    try:
        with open_regular(path, origin) as f:
            head = f.read(4096)
            f.seek(0)
            yield from _jsonl_file(f, head, origin, options, path.parent)
    except InputError as e:
        yield Quarantined(origin, e.message)
    except OSError as e:
        yield Quarantined(origin, f"cannot read: {e.strerror or e}")


def _jsonl_file(f: BinaryIO, head: bytes, origin: str, options: Options, base: Path) -> Iterator[RawDoc | Quarantined]:
    """A JSONL batch file, line by line (gzip decompressed as it goes)."""
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):  # rare: read whole, as one text
        text = decode(read_capped(f, options.max_bytes, origin), origin, options)
        yield from _jsonl(text.split("\n"), origin, options, base)
        return
    if head[:2] != GZIP_MAGIC and b"\0" in head:
        raise BinaryInput("binary content, not text or HTML", origin)
    stream: BinaryIO = gzip.GzipFile(fileobj=f, mode="rb") if head[:2] == GZIP_MAGIC else f  # type: ignore[assignment]
    seen = False

    def lines() -> Iterator[str | LongLine]:
        nonlocal seen
        for line in jsonl_lines(stream, options):
            seen = seen or isinstance(line, LongLine) or bool(line.strip())
            yield line

    try:
        yield from _jsonl(lines(), origin, options, base)
    except (EOFError, zlib.error, gzip.BadGzipFile) as e:
        yield Quarantined(origin, f"corrupt or truncated gzip ({e or type(e).__name__}); the lines before it were read")
        return
    if not seen:
        raise EmptyInput("empty document (no content)" if not head else "empty document (only white space)", origin)


def read_bytes(data: bytes, origin: str, options: Options, name: str = "", url: str | None = None,
               content_type: str = "") -> Iterator[RawDoc | Quarantined]:
    """One input's bytes, whatever they hold: HTML, text, a feed, a WARC, gzip of any of these."""
    return checked(_bytes(data, origin, options, name, url, content_type))


def _bytes(data: bytes, origin: str, options: Options, name: str = "", url: str | None = None,
           content_type: str = "") -> Iterator[RawDoc | Quarantined]:
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
    return checked(_url(url, options))


def _url(url: str, options: Options) -> Iterator[RawDoc | Quarantined]:
    from .url import fetch

    try:
        final, body, ctype = fetch(url, options)
    except EventscopeError as e:
        yield Quarantined(url, e.message)
        return
    yield from _bytes(body, final, options, name=final.split("?")[0].lower(), url=final,
                      content_type=ctype.lower())
