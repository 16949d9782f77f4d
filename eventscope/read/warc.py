"""WARC and ARC archives (warcio): the HTML responses they hold, one RawDoc each.

A broken record is quarantined with its position and reading goes on at the next record, so one
bad record costs that record only. Gzipped archives are split into their gzip members here (one
record each, by the WARC spec's recommendation), so a corrupt member cannot drag its neighbours
down; uncompressed archives resume at the next "WARC/1.x" header line.
"""
from __future__ import annotations

import io
import re
import zlib
from collections.abc import Generator, Iterator

from ..errors import InputError
from ..model import Quarantined, RawDoc
from ..options import Options
from .decode import GZIP_MAGIC, decode

WARC_MAGIC = (b"WARC/", b"filedesc://")
_TYPES = {"warcinfo", "response", "resource", "request", "metadata", "revisit", "conversion", "continuation"}
_HEADER_LINE = re.compile(rb"(?:^|(?<=\n))WARC/1\.[01]\r?\n")


def is_warc(data: bytes) -> bool:
    return data.lstrip()[:16].startswith(WARC_MAGIC)


def read_warc(data: bytes, origin: str, options: Options) -> Iterator[RawDoc | Quarantined]:
    """Every HTML response (or resource) record with a 2xx status; broken records quarantined."""
    if data[:2] != GZIP_MAGIC:
        yield from _read_plain(data, origin, options)
        return
    view = memoryview(data)
    pos = 0
    while pos < len(data):
        d = zlib.decompressobj(wbits=31)
        try:
            member = d.decompress(view[pos:], options.max_decompressed_bytes)
            ok = d.eof
        except zlib.error:
            ok = False
        if not ok:
            nxt = _next_member(data, pos + 1)
            end = nxt if nxt is not None else len(data)
            yield Quarantined(f"{origin}@{pos}", f"broken WARC record: corrupt or truncated gzip member at byte "
                              f"{pos:,}; skipped {end - pos:,} bytes to "
                              + ("the next record" if nxt is not None else "the end of the archive"),
                              raw=data[pos:end][: 1 << 20])
            pos = end
            continue
        end = len(data) - len(d.unused_data)
        yield from _read_plain(member, origin, options, at=pos)
        pos = end


def _read_plain(data: bytes, origin: str, options: Options, at: int | None = None) -> Iterator[RawDoc | Quarantined]:
    """Records of uncompressed WARC/ARC bytes; ``at`` is the gzip member's offset, for naming."""
    start = 0
    while start < len(data):
        broken = yield from _records(data, start, origin, options, at)
        if broken is None:
            return
        where, why = broken
        m = _HEADER_LINE.search(data, where + 1)
        end = m.start() if m else len(data)
        yield Quarantined(f"{origin}@{at if at is not None else where}",
                          f"{why}; skipped {end - where:,} bytes to "
                          + ("the next record" if m else "the end of the archive"), raw=data[where:end][: 1 << 20])
        start = end


def _records(data: bytes, start: int, origin: str, options: Options,
             at: int | None) -> Generator[RawDoc | Quarantined, None, tuple[int, str] | None]:
    """Read records from ``start``; returns (offset, reason) of a broken record, or None at the clean end."""
    from warcio.archiveiterator import ArchiveIterator

    archive = ArchiveIterator(io.BytesIO(data[start:]), arc2warc=True)
    records = iter(archive)
    good_end = start
    fmt = None  # "warc" or "arc": an archive does not change format, so a record that does is damage
    while True:
        try:
            record = next(records)
            fmt = fmt or record.format
            if record.rec_type not in _TYPES or record.format != fmt:
                return good_end, "broken WARC record: no valid WARC headers"
            uri = record.rec_headers.get_header("WARC-Target-URI")
            ctype = (record.http_headers.get_header("Content-Type") if record.http_headers
                     else record.rec_headers.get_header("Content-Type")) or ""
            wanted = (record.rec_type in ("response", "resource") and "html" in ctype.lower()
                      and not (record.http_headers and not record.http_headers.get_statuscode().startswith("2")))
            # Read the payload before asking for the offset: warcio moves on when asked.
            payload = _read_capped(record.content_stream(), options.max_bytes + 1) if wanted else b""
            if not wanted:
                record.content_stream().read()
            offset = start + archive.get_record_offset()
            good_end = offset + archive.get_record_length()
        except StopIteration:
            if data[good_end:].strip(b"\r\n\0 "):
                return good_end, "broken WARC record: unreadable data where a record should start"
            return None
        except Exception as e:  # noqa: BLE001 - warcio raises several types for one broken record
            return good_end, f"broken WARC record: {type(e).__name__}: {str(e)[:160]}"
        if not wanted:
            continue
        where = f"{origin}@{at if at is not None else offset}"
        try:
            body = decode(payload, where, options)
        except InputError as e:
            yield Quarantined(where, e.message, raw=payload[: options.max_bytes])
            continue
        yield RawDoc(body=body, kind="html", origin=where, raw=payload, url=uri)


def _next_member(data: bytes, pos: int) -> int | None:
    """Where the next gzip member holding a WARC or ARC header starts after ``pos``."""
    i = data.find(GZIP_MAGIC + b"\x08", pos)
    while i != -1:
        try:
            head = zlib.decompressobj(wbits=31).decompress(data[i: i + 4096], 16)
        except zlib.error:
            head = b""
        if head.startswith(WARC_MAGIC):
            return i
        i = data.find(GZIP_MAGIC + b"\x08", i + 1)
    return None


def _read_capped(stream: io.RawIOBase | io.BufferedIOBase, limit: int) -> bytes:
    """Read up to ``limit`` bytes; warcio streams may return short reads before the end."""
    buf = bytearray()
    while len(buf) < limit:
        chunk = stream.read(min(1 << 16, limit - len(buf)))
        if not chunk:
            break
        buf += chunk
    return bytes(buf)
