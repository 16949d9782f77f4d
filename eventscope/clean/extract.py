"""Main-text extraction from HTML: trafilatura (pinned), tuned, then post-processed.

Returns paragraphs, not one string, so that furniture removal can judge each one.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from ..model import Removal
from ..options import Options


@dataclass
class Extracted:
    paragraphs: list[str]
    title: str | None = None
    published: str | None = None
    language: str | None = None
    site: str | None = None
    removed: list[Removal] = field(default_factory=list)


def extract_html(html: str, url: str | None, options: Options) -> Extracted:
    """The article paragraphs and metadata of one HTML page."""
    import trafilatura

    doc = trafilatura.bare_extraction(html, url=url, favor_precision=options.favor_precision,
                                      include_comments=False, include_tables=False, with_metadata=True,
                                      date_extraction_params={"original_date": True, "extensive_search": True})
    if doc is None:
        return Extracted(paragraphs=[])
    text = doc.text or ""
    paragraphs = [p.strip() for p in text.split("\n") if p.strip()]
    return Extracted(paragraphs=paragraphs, title=doc.title or None, published=doc.date or None,
                     language=doc.language or None, site=doc.sitename or doc.hostname or None)
