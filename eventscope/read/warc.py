"""WARC and ARC archives: the HTML responses they hold, one RawDoc each, read record by record.

An archive is read from a file object as a stream: its size is not capped, each record is (a record's
block at ``Options.max_decompressed_bytes``, its payload at ``Options.max_bytes``), and only one record
is held in memory at a time. The framing (version line, headers, Content-Length, the blank lines that
end a record) is checked here, so a broken record is caught where it is: a Content-Length that does
not land on the record's end marker breaks that record alone, and reading resumes at the next
"WARC/1.x" version line after its headers (not after where its length pointed, which may be inside
the next good record). Gzipped archives are read member by member (one record each, by the WARC
spec's recommendation); a corrupt member is skipped to the next member that holds a WARC header.
warcio parses each good record's headers and HTTP payload.
"""
from __future__ import annotations

import io
import re
import zlib
from collections.abc import Iterator
from typing import BinaryIO

from ..errors import InputError
from ..model import Quarantined, RawDoc
from ..options import Options
from .decode import GZIP_MAGIC, decode

WARC_MAGIC = (b"WARC/", b"filedesc://")
_TYPES = {"warcinfo", "response", "resource", "request", "metadata", "revisit", "conversion", "continuation"}
_VERSION = re.compile(rb"WARC/1\.[01]\r?\n")
_NEXT = re.compile(rb"\nWARC/1\.[01]\r?\n")  # a version line at a line start
_CHUNK = 1 << 16
_KEPT = 1 << 20  # bytes of a broken record kept with its quarantine row


class _Broken(Exception):
    """A record whose framing is broken: why, and where to look for the next version line."""

    def __init__(self, why: str, resume: int):
        super().__init__(why)
        self.why, self.resume = why, resume


def is_warc(data: bytes) -> bool:
    return data.lstrip()[:16].startswith(WARC_MAGIC)


def read_warc(data: bytes, origin: str, options: Options) -> Iterator[RawDoc | Quarantined]:
    """The records of an archive held in memory (a fetched body)."""
    yield from read_warc_stream(io.BytesIO(data), origin, options)


def read_warc_stream(f: BinaryIO, origin: str, options: Options) -> Iterator[RawDoc | Quarantined]:
    """Every HTML response (or resource) record with a 2xx status in the seekable archive ``f``; broken
    records quarantined, each with its offset and up to 1 MB of its bytes."""
    f.seek(0)
    head = f.read(4096)
    f.seek(0)
    if head[:2] == GZIP_MAGIC:
        first = _peek_member(head)
        yield from (_arc(f, origin, options) if first.startswith(b"filedesc://") else _members(f, origin, options))
    elif head.lstrip().startswith(b"filedesc://"):
        yield from _arc(f, origin, options)
    else:
        yield from _plain(f, origin, options)


def _plain(f: BinaryIO, origin: str, options: Options, at: int | None = None) -> Iterator[RawDoc | Quarantined]:
    """Records of an uncompressed WARC; ``at`` is the gzip member's offset (the name of its records)."""
    while True:
        start = f.tell()
        line = f.readline(options.warc_max_header_bytes)
        while line and not line.strip(b"\r\n\0 \t"):  # padding between records
            start = f.tell()
            line = f.readline(options.warc_max_header_bytes)
        if not line:
            return
        where = f"{origin}@{at if at is not None else start}"
        try:
            header, block = _frame(f, line, start, options)
        except _Broken as b:
            end, found = _resync(f, b.resume)
            f.seek(start)
            raw = f.read(min(end - start, _KEPT))
            f.seek(end)
            yield Quarantined(where, f"broken WARC record: {b.why}; skipped {end - start:,} bytes to "
                              + ("the next record" if found else "the end of the archive"), raw=raw)
            continue
        except InputError as e:
            yield Quarantined(where, e.message)
            continue
        if block is not None:
            yield from _document(header, block, where, options)


def _frame(f: BinaryIO, line: bytes, start: int, options: Options) -> tuple[bytes, bytes | None]:
    """The record starting with ``line``: its header bytes and (for a response or resource) its block;
    ``_Broken`` where its framing is wrong, ``InputError`` for a good record too large to read."""
    if not _VERSION.fullmatch(line):
        raise _Broken("no WARC version line where a record should start", start + len(line))
    header = bytearray(line)
    fields: dict[bytes, bytes] = {}
    while True:
        field = f.readline(options.warc_max_header_bytes)
        header += field
        if not field:
            raise _Broken("the archive ends inside a record's headers", f.tell())
        if len(header) > options.warc_max_header_bytes:
            raise _Broken(f"record headers over {options.warc_max_header_bytes:,} bytes", f.tell())
        if not field.strip(b"\r\n"):
            break
        name, sep, value = field.partition(b":")
        if sep:
            fields[name.strip().lower()] = value.strip()
    body_start = f.tell()
    rec_type = fields.get(b"warc-type", b"").decode("latin-1").lower()
    if rec_type not in _TYPES:
        raise _Broken("no valid WARC headers (no known WARC-Type)", body_start)
    try:
        length = int(fields.get(b"content-length", b"").decode("latin-1"))
    except ValueError:
        length = -1
    if length < 0:
        raise _Broken("no valid Content-Length", body_start)
    cap = options.max_decompressed_bytes
    wanted = rec_type in ("response", "resource")
    block = f.read(length) if wanted and length <= cap else None
    if block is None:
        f.seek(length, io.SEEK_CUR)
    elif len(block) < length or _NEXT.search(block):
        # A block that runs past the end of the archive, or holds another record's version line: its
        # Content-Length is wrong and counts the records after it as its own.
        raise _Broken(f"its Content-Length ({length:,}) runs past the record's end", body_start)
    if not _ends(f):
        raise _Broken(f"its Content-Length ({length:,}) does not end at the record's end marker", body_start)
    if wanted and block is None:
        raise InputError(f"WARC record block of {length:,} bytes is over the {cap:,}-byte limit for one record "
                         "(see Options.max_decompressed_bytes)")
    return bytes(header), block


def _ends(f: BinaryIO) -> bool:
    """Whether the record end marker (two CRLFs; bare LFs, or the archive's end, tolerated) comes next."""
    at = f.tell()
    mark = f.read(4)
    if mark == b"\r\n\r\n":
        return True
    if mark.startswith(b"\n\n"):
        f.seek(at + 2)
        return True
    return not mark.strip(b"\r\n") and len(mark) < 4 and not f.read(1)


def _resync(f: BinaryIO, pos: int) -> tuple[int, bool]:
    """The offset of the next version line at a line start from ``pos`` on (True), or the archive's end."""
    if pos > 0:
        f.seek(pos - 1)
        buf, buf_at = f.read(1), pos - 1
    else:
        f.seek(0)
        buf, buf_at = b"\n", -1
    while True:
        chunk = f.read(_CHUNK)
        buf += chunk
        m = _NEXT.search(buf)
        if m:
            return buf_at + m.start() + 1, True
        if not chunk:
            return buf_at + len(buf), False
        keep = min(12, len(buf))
        buf_at += len(buf) - keep
        buf = buf[-keep:]


def _document(header: bytes, block: bytes, where: str, options: Options) -> Iterator[RawDoc | Quarantined]:
    """The HTML page of one well-framed record (warcio parses its headers and decodes its payload)."""
    from warcio.archiveiterator import ArchiveIterator

    try:
        record = next(iter(ArchiveIterator(io.BytesIO(header + block + b"\r\n\r\n"))))
        uri = record.rec_headers.get_header("WARC-Target-URI")
        ctype = (record.http_headers.get_header("Content-Type") if record.http_headers
                 else record.rec_headers.get_header("Content-Type")) or ""
        if "html" not in ctype.lower() or (record.http_headers and
                                           not record.http_headers.get_statuscode().startswith("2")):
            return
        payload = _read_capped(record.content_stream(), options.max_bytes + 1)
    except Exception as e:  # noqa: BLE001 - warcio raises several types for one broken record
        yield Quarantined(where, f"broken WARC record: {type(e).__name__}: {str(e)[:160]}", raw=block[:_KEPT])
        return
    try:
        body = decode(payload, where, options)
    except InputError as e:
        yield Quarantined(where, e.message, raw=payload[: options.max_bytes])
        return
    yield RawDoc(body=body, kind="html", origin=where, raw=payload, url=uri)


def _members(f: BinaryIO, origin: str, options: Options) -> Iterator[RawDoc | Quarantined]:
    """The records of a gzipped archive, member by member."""
    pos = 0
    while True:
        f.seek(pos)
        head = f.read(2)
        if not head:
            return
        if head == GZIP_MAGIC:
            member, why, end = _inflate(f, pos, options.max_decompressed_bytes)
            if member is not None:
                yield from _plain(io.BytesIO(member), origin, options, at=pos)
                pos = end
                continue
        else:
            why = "not a gzip member where a record should start"
            if _only_padding(f, pos):
                return
        nxt = _next_member(f, pos + 1)
        end = nxt if nxt is not None else _size(f)
        f.seek(pos)
        raw = f.read(min(end - pos, _KEPT))
        yield Quarantined(f"{origin}@{pos}", f"broken WARC record: {why} at byte {pos:,}; skipped {end - pos:,} "
                          "bytes to " + ("the next record" if nxt is not None else "the end of the archive"), raw=raw)
        if nxt is None:
            return
        pos = nxt


def _inflate(f: BinaryIO, pos: int, cap: int) -> tuple[bytes | None, str, int]:
    """The gzip member at ``pos``: (its content, "", the offset after it), or (None, why, 0)."""
    f.seek(pos)
    d = zlib.decompressobj(wbits=31)
    out = bytearray()
    read = 0
    while not d.eof:
        chunk = d.unconsumed_tail
        if not chunk:
            chunk = f.read(_CHUNK)
            read += len(chunk)
            if not chunk:
                return None, "truncated gzip member (the archive ends before its end marker)", 0
        try:
            out += d.decompress(chunk, cap + 1 - len(out))
        except zlib.error as e:
            return None, f"corrupt gzip member ({e})", 0
        if len(out) > cap:
            return None, f"gzip member larger than {cap:,} bytes when decompressed", 0
    return bytes(out), "", pos + read - len(d.unused_data)


def _peek_member(head: bytes) -> bytes:
    try:
        return zlib.decompressobj(wbits=31).decompress(head, 64)
    except zlib.error:
        return b""


def _next_member(f: BinaryIO, pos: int) -> int | None:
    """Where the next gzip member holding a WARC or ARC header starts, from ``pos`` on."""
    marker = GZIP_MAGIC + b"\x08"
    at = pos
    while True:
        f.seek(at)
        chunk = f.read(_CHUNK)
        if len(chunk) < len(marker):
            return None
        i = chunk.find(marker)
        while i != -1:
            f.seek(at + i)
            if _peek_member(f.read(4096)).startswith(WARC_MAGIC):
                return at + i
            i = chunk.find(marker, i + 1)
        at += len(chunk) - (len(marker) - 1)


def _only_padding(f: BinaryIO, pos: int) -> bool:
    f.seek(pos)
    while chunk := f.read(_CHUNK):
        if chunk.strip(b"\r\n\0 \t"):
            return False
    return True


def _size(f: BinaryIO) -> int:
    return f.seek(0, io.SEEK_END)


def _arc(f: BinaryIO, origin: str, options: Options) -> Iterator[RawDoc | Quarantined]:
    """An ARC archive (warcio converts its records): read until its first broken record."""
    from warcio.archiveiterator import ArchiveIterator

    archive = ArchiveIterator(f, arc2warc=True)
    records = iter(archive)
    while True:
        try:
            record = next(records)
        except StopIteration:
            return
        except Exception as e:  # noqa: BLE001 - warcio raises several types for one broken record
            yield Quarantined(origin, f"broken ARC record: {type(e).__name__}: {str(e)[:160]}; the rest of the "
                              "archive is not read")
            return
        ctype = (record.http_headers.get_header("Content-Type") if record.http_headers else "") or ""
        if record.rec_type != "response" or "html" not in ctype.lower():
            continue
        try:
            # Read the payload before asking for the offset: warcio moves on when asked.
            payload = _read_capped(record.content_stream(), options.max_bytes + 1)
            where = f"{origin}@{archive.get_record_offset()}"
        except Exception as e:  # noqa: BLE001 - as above
            yield Quarantined(origin, f"broken ARC record: {type(e).__name__}: {str(e)[:160]}")
            return
        try:
            body = decode(payload, where, options)
        except InputError as e:
            yield Quarantined(where, e.message)
            continue
        yield RawDoc(body=body, kind="html", origin=where, raw=payload,
                     url=record.rec_headers.get_header("WARC-Target-URI"))


def _read_capped(stream: io.RawIOBase | io.BufferedIOBase, limit: int) -> bytes:
    """Read up to ``limit`` bytes; warcio streams may return short reads before the end."""
    buf = bytearray()
    while len(buf) < limit:
        chunk = stream.read(min(_CHUNK, limit - len(buf)))
        if not chunk:
            break
        buf += chunk
    return bytes(buf)
