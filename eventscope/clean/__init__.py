"""Clean: from a ``RawDoc`` to an ``Article`` with its main text, metadata and what was cut.

HTML goes through extraction first; both HTML and plain text then go through furniture removal,
which catches what extraction leaves (and is all there is for scraped text).
"""
from __future__ import annotations

import re
from collections import Counter
from urllib.parse import urlsplit

from ..errors import EmptyArticle
from ..model import Article, RawDoc, Removal
from ..options import Options
from .extract import extract_html
from .flat import flat_paragraphs
from .furniture import remove_furniture
from .furniture_rules import is_date_line, match, words
from .metadata import guess_language, normalise_date

__all__ = ["clean"]


def clean(raw: RawDoc, options: Options | None = None) -> Article:
    """The clean article of one raw document.

    Raises ``EmptyArticle`` (an ``InputError``: the document is quarantined, or gets its error line)
    where no text is left: an article of no characters is no article.
    """
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
    if not title and raw.kind != "html":
        title = _headline([r.text for r in cut if r.reason in ("page header", "navigation")], kept[:2])
    text = "\n".join(kept)
    if not text.strip():
        raise EmptyArticle(f"no main text after cleaning: {_why_empty(raw, paragraphs, removed + cut)}", raw.origin)
    outlet = raw.outlet or site or (urlsplit(raw.url).hostname if raw.url else None)
    return Article(id=raw.id, text=text, origin=raw.origin, title=title, published=published, outlet=outlet,
                   language=language or guess_language(text), url=raw.url, removed=removed + cut,
                   caller_id=raw.caller_id, warnings=list(raw.warnings))


def _why_empty(raw: RawDoc, paragraphs: list[str], cut: list[Removal]) -> str:
    """Why cleaning left nothing, in words: what there was, and what was cut as what."""
    if cut:
        reasons = ", ".join(f"{r} {n}" for r, n in Counter(c.reason for c in cut).most_common())
        return f"all {len(cut)} {'paragraphs' if raw.kind == 'html' else 'lines'} were page furniture ({reasons})"
    if raw.kind != "html":
        return "the text is blank"
    if paragraphs or flat_paragraphs(raw.body):
        return "the page has text but none that reads as an article"
    return "the page is markup only, with no text"


_WORDS = re.compile(r"[^\W\d_]{4,}")


def _headline(lines: list[str], lead: list[str]) -> str | None:
    """The headline of scraped text, among the lines cut above and around the body: one that reads as a
    headline (a few words, not a date line nor a label ending in a colon) and tells the lead's story,
    sharing the most content words of four letters or more with the first paragraphs (at least two; ties go to the
    later line, nearer the body). Cookie notices, menus and "Got a news tip?" share none; a line that
    reads as furniture ("Skip to main navigation", "Tags ...", a breadcrumb) is none, whatever it shares."""
    from ..stories.text import stopwords

    stop = stopwords()
    lead_words = {w.lower() for w in _WORDS.findall(" ".join(lead))} - stop
    best, best_shared = None, 1
    for line in (ln.strip() for ln in lines):
        if not 4 <= words(line) <= 25 or line.endswith(":") or is_date_line(line) or match(line):
            continue
        shared = len({w.lower() for w in _WORDS.findall(line)} & lead_words)
        if shared >= best_shared:
            best, best_shared = line, shared
    return best
