"""Main-text extraction from HTML: trafilatura (pinned), tuned, then post-processed.

Returns paragraphs, not one string, so that furniture removal can judge each one.

How one page goes through:

1. trafilatura in precision mode, tables kept (articles are sometimes laid out in tables, and data
   tables are part of the story). Its XML tree is turned into ``Block``s here, so that headings,
   list items and table rows stay told apart for the post-processing.
2. When precision mode has collapsed (a reprint notice instead of the article, say) the default
   mode's result is taken instead.
3. The publisher's own ``articleBody`` (schema.org JSON-LD or microdata), where it is complete and
   agrees with what was extracted, replaces it: it is the article as the publisher filed it.
4. ``tidy`` cuts what extraction lets through (repeated headline, duplicated paragraphs, trailing
   credits and sign-up prompts), recording each cut as a ``Removal``.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from ..model import Removal
from ..options import Options
from .flat import flat_paragraphs
from .structured import article_body, parse_page
from .tidy import Block, tidy

# Precision mode has "collapsed" when it keeps less than this many characters while the default
# mode finds COLLAPSE_RATIO times more: what it kept is then a notice, not the article.
COLLAPSE_CHARS = 500
COLLAPSE_RATIO = 3.0

_BLOCK_TAGS = {"p", "head", "item", "row", "quote", "list", "table", "code", "div", "body", "cell"}
# " | ", " - ", " – ", " — ", " :: " between a headline and the site name; a hyphen inside a word is not one.
_TITLE_SEP = re.compile(r"\s+(?:[|\-–—•·»]|::)\s+")
_WS = re.compile(r"[ \t\r\f\v\u00a0\u200b]+")


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
    if not html or not html.strip():
        return Extracted(paragraphs=[])
    doc = _trafilatura(html, url, precision=options.favor_precision)
    blocks = to_blocks(doc.body) if doc is not None and doc.body is not None else []
    if options.favor_precision and _chars(blocks) < COLLAPSE_CHARS:
        fallback = _trafilatura(html, url, precision=False)
        if fallback is not None and fallback.body is not None:
            wider = to_blocks(fallback.body)
            if _chars(wider) >= COLLAPSE_RATIO * max(_chars(blocks), 1):
                blocks, doc = wider, doc or fallback
    tree, cut_short = parse_page(html)
    site = (doc.sitename or doc.hostname or None) if doc is not None else None
    title = strip_site(_clean(doc.title), site, url) if doc is not None and doc.title else None
    if cut_short:
        # Nested too deep for the parser: trafilatura saw only the page's shallow first part (often
        # nothing), so the page is read flat, off its markup, where that finds more.
        flat = flat_paragraphs(html)
        if sum(map(len, flat)) > _chars(blocks):
            blocks = [Block(p, "p") for p in flat]
        if title is None and tree is not None:
            title = _clean(tree.findtext(".//title") or "") or None
    if tree is not None:
        body = article_body(tree, [b.text for b in blocks])
        if body is not None:
            blocks = [Block(p, "p") for p in body]
    kept, removed = tidy(blocks, title)
    return Extracted(paragraphs=[b.text for b in kept], title=title,
                     published=(doc.date or None) if doc is not None else None,
                     language=_language(tree, kept),
                     site=site, removed=removed)


def strip_site(title: str, site: str | None, url: str | None) -> str:
    """``title`` without a trailing (or leading) " | Site name" that repeats the site or host name."""
    names = {_squash(n) for n in (site, urlsplit(url).hostname if url else None) if n}
    names |= {n[3:] for n in names if n.startswith("www")}
    names = {n for n in names if len(n) >= 3}
    if not names:
        return title
    seps = list(_TITLE_SEP.finditer(title))
    if not seps:
        return title
    last, first = seps[-1], seps[0]
    for candidate, rest in ((title[last.end():], title[:last.start()]), (title[:first.start()], title[first.end():])):
        c = _squash(candidate)
        if len(c) >= 3 and any(c in n or n in c for n in names):
            rest = rest.strip()
            return rest if len(rest) >= 10 else title
    return title


def _squash(name: str) -> str:
    """A site name reduced for comparison: "The Telegraph" ~ "telegraph.co.uk" -> "thetelegraph", "telegraphcouk"."""
    return re.sub(r"\W+|_", "", name.lower().removesuffix(".com"))


def _trafilatura(html: str, url: str | None, precision: bool) -> Any:
    import trafilatura

    try:
        return trafilatura.bare_extraction(
            html, url=url, favor_precision=precision, include_comments=False, include_tables=True,
            with_metadata=True, date_extraction_params={"original_date": True, "extensive_search": True})
    except (ValueError, TypeError, AttributeError):  # malformed markup trafilatura trips over
        return None


def to_blocks(body: Any) -> list[Block]:
    """trafilatura's XML body as blocks in reading order: paragraphs, headings, list items, table rows."""
    out: list[Block] = []
    _walk(body, out)
    return [b for b in out if b.text]


def _walk(el: Any, out: list[Block]) -> None:
    kind = el.tag if el.tag in ("head", "item", "quote", "code") else "p"
    if el.tag == "row":
        cells = [_clean(" ".join(c.itertext())) for c in el]
        out.append(Block(" | ".join(c for c in cells if c), "row"))
        return
    buf = [el.text or ""]
    for child in el:
        if child.tag in _BLOCK_TAGS:
            _flush(buf, kind, out)
            buf = []
            _walk(child, out)
        elif child.tag == "lb":
            buf.append("\n")
        elif child.tag != "graphic":
            buf.append("".join(child.itertext()))
        buf.append(child.tail or "")
    _flush(buf, kind, out)


def _flush(buf: list[str], kind: str, out: list[Block]) -> None:
    # A line break inside a paragraph separates lines that stand apart (an address, a dateline),
    # which furniture removal should see one by one.
    for line in "".join(buf).split("\n"):
        line = _clean(line)
        if line:
            out.append(Block(line, kind))


def _clean(text: str) -> str:
    return _WS.sub(" ", text).strip()


def _chars(blocks: list[Block]) -> int:
    return sum(len(b.text) for b in blocks)


def _language(tree: Any, blocks: list[Block]) -> str | None:
    """ISO 639-1 code: the text's own language where there is enough text, else what the page declares.

    Page templates often declare ``lang="en"`` whatever the article's language, so the text wins.
    """
    text = " ".join(b.text for b in blocks)
    declared = None
    if tree is not None:
        lang = tree.get("lang") or tree.get("{http://www.w3.org/XML/1998/namespace}lang")
        if not lang:
            metas = tree.xpath('//meta[translate(@http-equiv,"CONTENT-LANGUAGE","content-language")'
                               '="content-language"]/@content | //meta[@property="og:locale"]/@content')
            lang = metas[0] if metas else None
        if lang:
            m = re.match(r"\s*([A-Za-z]{2,3})\b", lang)
            declared = m.group(1).lower() if m else None
    if len(text) >= 200:
        import py3langid

        return str(py3langid.classify(text[:5000])[0])
    return declared
