"""RSS and Atom feeds (feedparser): one RawDoc per entry, its HTML content or summary as the body."""
from __future__ import annotations

import re
import time
from collections.abc import Iterator

from ..errors import MalformedFeed
from ..model import Quarantined, RawDoc

_ENTITY_DECL = re.compile(rb"<!ENTITY", re.IGNORECASE)
FEED_ROOT = re.compile(r"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*(?:<!DOCTYPE[^>]*>\s*)?<(rss|feed|rdf:RDF)\b",
                       re.IGNORECASE | re.DOTALL)


def is_feed(text: str) -> bool:
    """An XML document that is not XHTML, or one whose root is a feed element."""
    head = text[:4096].lstrip()
    if FEED_ROOT.match(head):
        return True
    return head.startswith("<?xml") and "<html" not in head[:1024].lower()


def read_feed(data: bytes, origin: str) -> Iterator[RawDoc | Quarantined]:
    """The entries of a feed. Raises ``MalformedFeed`` where the XML is unusable."""
    import feedparser

    # Entity declarations are what entity bombs ("billion laughs") are made of; news feeds never
    # need them, so they are refused before any parser sees the document.
    if _ENTITY_DECL.search(data):
        raise MalformedFeed("XML entity declarations are refused (a possible entity-expansion bomb)", origin)
    parsed = feedparser.parse(data)
    if parsed.get("bozo") and not parsed.entries:
        raise MalformedFeed(f"malformed feed XML: {parsed.get('bozo_exception')}", origin)
    if not parsed.entries:
        raise MalformedFeed("feed has no entries", origin)
    outlet = parsed.feed.get("title") or None
    if parsed.get("bozo"):
        # Recovered entries are kept; the feed itself is recorded so the user sees it was damaged.
        yield Quarantined(origin, f"malformed feed XML: {parsed.get('bozo_exception')}; "
                                  f"{len(parsed.entries)} entries recovered", raw=data)
    for i, entry in enumerate(parsed.entries):
        where = f"{origin}#entry-{i + 1}"
        body = ""
        if entry.get("content"):
            body = max((c.get("value") or "" for c in entry.content), key=len)
        body = body or entry.get("summary") or ""
        if not body.strip():
            yield Quarantined(where, "feed entry has no content or summary", caller_id=entry.get("id"))
            continue
        title = entry.get("title")
        page = f"<html><head><title>{_esc(title or '')}</title></head><body><article>{body}</article></body></html>"
        yield RawDoc(body=page, kind="html", origin=where, raw=page.encode("utf-8"), url=entry.get("link"),
                     published=_iso(entry.get("published_parsed") or entry.get("updated_parsed")),
                     outlet=outlet, title=title)


def _iso(t: time.struct_time | None) -> str | None:
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", t) if t else None


def _esc(s: str) -> str:
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
