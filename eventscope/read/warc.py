"""WARC and ARC archives (warcio): the HTML responses they hold, one RawDoc each.

A broken record ends the reading of that archive: the records read before it are kept, and the
rest is quarantined with the offset where it broke, so the user can see what was not read.
"""
from __future__ import annotations

import io
from collections.abc import Iterator

from ..errors import InputError
from ..model import Quarantined, RawDoc
from ..options import Options
from .decode import decode

WARC_MAGIC = (b"WARC/", b"filedesc://")


def is_warc(data: bytes) -> bool:
    return data.lstrip()[:16].startswith(WARC_MAGIC)


def read_warc(data: bytes, origin: str, options: Options) -> Iterator[RawDoc | Quarantined]:
    from warcio.archiveiterator import ArchiveIterator

    stream = io.BytesIO(data)
    records = ArchiveIterator(stream, arc2warc=True)
    offset = 0
    while True:
        try:
            record = next(records)
            offset = records.get_record_offset()
            kind = record.rec_type
            uri = record.rec_headers.get_header("WARC-Target-URI")
            ctype = (record.http_headers.get_header("Content-Type") if record.http_headers
                     else record.rec_headers.get_header("Content-Type")) or ""
            if kind not in ("response", "resource") or "html" not in ctype.lower():
                continue
            if record.http_headers and not record.http_headers.get_statuscode().startswith("2"):
                continue
            payload = record.content_stream().read(options.max_bytes + 1)
        except StopIteration:
            return
        except Exception as e:  # warcio raises several types for one broken record
            where = f"{origin}@{records.get_record_offset() if records.member_info else offset}"
            yield Quarantined(where, f"broken WARC record after offset {offset}: {type(e).__name__}: {e}; "
                                     "the records before it were read, the rest of the archive was not")
            return
        where = f"{origin}@{offset}"
        try:
            body = decode(payload, where, options)
        except InputError as e:
            yield Quarantined(where, e.message, raw=payload[: options.max_bytes])
            continue
        yield RawDoc(body=body, kind="html", origin=where, raw=payload, url=uri)
