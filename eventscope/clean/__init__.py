"""Clean: from a ``RawDoc`` to an ``Article`` with its main text, metadata and what was cut.

HTML goes through extraction first; both HTML and plain text then go through furniture removal,
which catches what extraction leaves (and is all there is for scraped text).
"""
from __future__ import annotations

from urllib.parse import urlsplit

from ..model import Article, RawDoc
from ..options import Options
from .extract import extract_html
from .furniture import remove_furniture
from .metadata import guess_language, normalise_date

__all__ = ["clean"]


def clean(raw: RawDoc, options: Options | None = None) -> Article:
    """The clean article of one raw document."""
    options = options or Options()
    title = raw.title
    published = normalise_date(raw.published)
    language = site = None
    removed = []
    if raw.kind == "html":
        ex = extract_html(raw.body, raw.url, options)
        paragraphs, removed = ex.paragraphs, list(ex.removed)
        title = title or ex.title
        published = published or normalise_date(ex.published)
        language, site = ex.language, ex.site
    else:
        paragraphs = [p.strip() for p in raw.body.replace("\r\n", "\n").split("\n") if p.strip()]
    kept, cut = remove_furniture(paragraphs, title, kind=raw.kind)
    text = "\n".join(kept)
    outlet = raw.outlet or site or (urlsplit(raw.url).hostname if raw.url else None)
    return Article(id=raw.id, text=text, origin=raw.origin, title=title, published=published, outlet=outlet,
                   language=language or guess_language(text), url=raw.url, removed=removed + cut,
                   caller_id=raw.caller_id)
