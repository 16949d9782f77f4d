"""Flat extraction: the text of an HTML page read straight off its markup, without a tree.

lxml (libxml2) stops building its tree at 256 levels of nesting, and drops everything after that
point: a page nested deeper (generated markup, a table of tables, a hostile page) reaches
trafilatura as its first few shallow elements, often nothing at all. For such a page the text is
read here instead: one pass over the markup, a paragraph break at every block-level tag, the
contents of scripts, styles and the like skipped, entities decoded. What furniture removal does
after extraction applies to these paragraphs as to any.

The scan is one left-to-right pass (``str.find`` only), so any markup costs time in proportion
to its length, whatever its depth or damage (unclosed tags, stray ``<``, unclosed comments).
"""
from __future__ import annotations

import html as htmllib
import re

# Tags that end a line of text where they open or close, as a browser lays them out.
BLOCK_TAGS = frozenset([
    "address", "article", "aside", "blockquote", "body", "br", "caption", "center", "dd", "details", "dialog",
    "dir", "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4",
    "h5", "h6", "header", "hgroup", "hr", "html", "li", "main", "menu", "nav", "ol", "p", "pre", "section",
    "summary", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "ul"])
# Tags whose content is no text of the page (each closes where its closing tag stands: one left
# open hides the rest of the page, as in a browser).
SKIPPED_TAGS = frozenset(["script", "style", "noscript", "template", "svg", "title", "textarea"])
_NAME = re.compile(r"</?\s*([A-Za-z][\w:-]*)")
_SPACE = re.compile(r"[ \t\r\f\v\u00a0\u200b]+")


def flat_paragraphs(markup: str) -> list[str]:
    """The page's text as paragraphs (whitespace collapsed, blank lines dropped), in page order."""
    lines: list[str] = []
    line: list[str] = []
    skipping: str | None = None  # the tag whose content is being skipped, until it closes
    i, n = 0, len(markup)
    gt = -1  # the next '>' at or after the last one looked for (n: none left), found once each
    while i < n:
        lt = markup.find("<", i)
        if lt < 0:
            lt = n
        if lt > i and skipping is None:
            line.append(markup[i:lt])
        if lt >= n:
            break
        if markup.startswith("<!--", lt):
            end = markup.find("-->", lt + 4)
            i = n if end < 0 else end + 3
            continue
        # A tag runs to its '>'; a '<' that opens none (another '<' first, or the end) is text.
        if gt <= lt:
            gt = markup.find(">", lt + 1)
            gt = n if gt < 0 else gt
        nxt = markup.find("<", lt + 1, gt)
        if gt >= n or nxt >= 0:
            if skipping is None:
                line.append("<")
            i = lt + 1
            continue
        tag = markup[lt:gt + 1]
        i = gt + 1
        m = _NAME.match(tag)
        if m is None:
            continue  # <!DOCTYPE ...>, <?xml ...?>, </ >: no text, no break
        name, closing = m.group(1).lower(), tag.startswith("</")
        if skipping is not None:
            if closing and name == skipping:
                skipping = None
            continue
        if not closing and name in SKIPPED_TAGS and not tag.endswith("/>"):
            skipping = name
            _end_line(line, lines)
            continue
        if name in BLOCK_TAGS:
            _end_line(line, lines)
    _end_line(line, lines)
    return lines


def _end_line(line: list[str], lines: list[str]) -> None:
    if line:
        text = _SPACE.sub(" ", htmllib.unescape("".join(line)).replace("\n", " ")).strip()
        if text:
            lines.append(text)
        line.clear()
