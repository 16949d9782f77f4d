"""From bytes to text: size caps, gzip, byte-order marks, declared charsets, binary sniffing.

Everything that can go wrong with the bytes of one document is raised here as an ``InputError``
with a message a user can act on; the readers turn it into a quarantine row.
"""
from __future__ import annotations

import codecs
import re
import zlib

from ..errors import BinaryInput, CorruptArchive, DecodeError, EmptyInput, TooLarge
from ..options import Options

GZIP_MAGIC = b"\x1f\x8b"
_CHARSET = re.compile(rb"""(?:<meta[^>]{0,200}?charset\s*=\s*["']?|<\?xml[^>]{0,100}?encoding\s*=\s*["'])"""
                      rb"""([A-Za-z0-9_.:-]{2,40})""", re.IGNORECASE)
# Bytes no text file holds: C0 controls other than tab, newline, form feed and carriage return.
_CONTROL = bytes(i for i in range(32) if i not in (9, 10, 12, 13))


def gunzip(data: bytes, origin: str, options: Options) -> bytes:
    """Decompress one or more gzip members, capped at ``options.max_decompressed_bytes``."""
    out = bytearray()
    rest = data
    while rest[:2] == GZIP_MAGIC:
        d = zlib.decompressobj(wbits=31)
        try:
            out += d.decompress(rest, options.max_decompressed_bytes - len(out) + 1)
        except zlib.error as e:
            raise CorruptArchive(f"corrupt gzip data: {e}", origin) from e
        if len(out) > options.max_decompressed_bytes:
            raise TooLarge(f"gzip content larger than {options.max_decompressed_bytes:,} bytes "
                           "when decompressed", origin)
        if not d.eof:
            raise CorruptArchive(f"truncated gzip: the stream ends after {len(data):,} compressed bytes "
                                 "before its end marker", origin)
        rest = d.unused_data
    return bytes(out)


def check_size(size: int, origin: str, options: Options) -> None:
    if size > options.max_bytes:
        raise TooLarge(f"{size:,} bytes is over the {options.max_bytes:,}-byte limit for one document "
                       "(see Options.max_bytes)", origin)


def declared_charset(data: bytes) -> str | None:
    """The charset an HTML meta tag or XML declaration names in the first 4 KB, if Python knows it."""
    m = _CHARSET.search(data[:4096])
    if not m:
        return None
    try:
        return codecs.lookup(m.group(1).decode("ascii")).name
    except LookupError:
        return None


def decode(data: bytes, origin: str, options: Options) -> str:
    """Bytes of one text or HTML document as ``str``; raises an ``InputError`` saying what is wrong."""
    check_size(len(data), origin, options)
    if data[:2] == GZIP_MAGIC:
        data = gunzip(data, origin, options)
    if not data.strip():
        raise EmptyInput("empty document (no content)" if not data else "empty document (only white space)", origin)
    for bom, enc in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            try:
                return _text(data.decode(enc), origin)
            except UnicodeDecodeError as e:
                raise DecodeError(f"invalid {enc} after its byte-order mark at byte {e.start}", origin) from e
    head = data[:8192]
    if b"\0" in head or sum(head.count(bytes([c])) for c in _CONTROL) > len(head) // 20:
        raise BinaryInput("binary content, not text or HTML", origin)
    try:
        return _text(data.decode("utf-8"), origin)
    except UnicodeDecodeError as e:
        declared = declared_charset(data)
        if declared and declared != "utf-8":
            try:
                return _text(data.decode(declared), origin)
            except UnicodeDecodeError as e2:
                raise DecodeError(f"not valid {declared} as declared (byte {e2.start})", origin) from e2
        raise DecodeError(f"invalid UTF-8 at byte {e.start} (0x{data[e.start]:02x}) and no other charset "
                          "declared", origin) from e


def _text(s: str, origin: str) -> str:
    if not s.strip():
        raise EmptyInput("empty document (only white space)", origin)
    return s
