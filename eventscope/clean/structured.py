"""The article body as the publisher declares it: schema.org ``articleBody`` in JSON-LD.

News sites put the whole story in JSON-LD for search engines. Where that copy is complete and agrees
with what extraction found, it is the better text: no navigation, no teasers, nothing the page
template wrapped around it. It is not trusted blindly: many sites put only a teaser there (cut at
a few hundred characters, ending in an ellipsis), a few a copy with broken encoding.
"""
from __future__ import annotations

import html as htmllib
import json
import re
from collections import Counter
from typing import Any

# The declared body must hold at least this share of the extracted text's word 4-grams: it is then
# the same article, not a teaser of another one or a garbled copy.
MIN_COVERAGE = 0.9
# ...and add at least this share of new ones, else extraction (with its paragraphing) is kept.
MIN_GAIN = 0.03
MIN_WORDS = 50
_TRUNCATED = re.compile(r"(\.\.\.|…|\[\.\.\.\])\s*$")
_WORDS = re.compile(r"\w+")
_BLOCKS = re.compile(r"</?(?:p|div|br|h[1-6]|li|ul|ol|blockquote|figure|figcaption|table|tr)\b[^>]*>", re.IGNORECASE)
_TAGS = re.compile(r"<[^>]+>")
_BODY_STRING = re.compile(r'"articleBody"\s*:\s*"((?:[^"\\]|\\.)*)"', re.DOTALL)
_MOJIBAKE = re.compile("[\u00c2\u00c3\u00e2][\u0080-\u00bf]")


def parse_html(html: str) -> Any:
    """An lxml tree of the page, or None for what cannot be parsed."""
    return parse_page(html)[0]


def parse_page(html: str) -> tuple[Any, bool]:
    """An lxml tree of the page (None for what cannot be parsed), and whether the parser stopped
    short of the page's end at a resource limit: libxml2 builds no tree past 256 levels of nesting
    and drops all that follows, so such a tree holds only the page's first, shallow part."""
    from lxml import html as lxml_html
    from lxml.etree import ParserError

    parser = lxml_html.HTMLParser()
    try:
        tree = lxml_html.document_fromstring(html.encode("utf-8", "replace"), parser=parser)
    except (ParserError, ValueError):
        return None, any(e.type_name == "ERR_RESOURCE_LIMIT" for e in parser.error_log)
    return tree, any(e.type_name == "ERR_RESOURCE_LIMIT" for e in parser.error_log)


def declared_bodies(tree: Any) -> list[str]:
    """Every ``articleBody`` in the page's JSON-LD, as found."""
    found: list[str] = []
    for script in tree.xpath('//script[@type="application/ld+json"]'):
        raw = script.text or ""
        if "articleBody" not in raw:
            continue
        try:
            data = json.loads(raw)
        except ValueError:
            # Sites often emit JSON-LD with raw newlines in strings: read it leniently.
            try:
                data = json.loads(raw, strict=False)
            except ValueError:
                # Broken JSON (comments, stray braces) is common: take the string value by itself.
                for m in _BODY_STRING.finditer(raw):
                    try:
                        found.append(json.loads(f'"{m.group(1)}"', strict=False))
                    except ValueError:
                        pass
                continue
        _collect(data, found)
    return found


def _collect(node: Any, found: list[str]) -> None:
    if isinstance(node, dict):
        body = node.get("articleBody")
        if isinstance(body, str):
            found.append(body)
        for value in node.values():
            if isinstance(value, (dict, list)):
                _collect(value, found)
    elif isinstance(node, list):
        for value in node:
            _collect(value, found)


def body_paragraphs(body: str) -> list[str]:
    """A declared body as paragraphs: HTML markup (some sites put it there) read as paragraph breaks."""
    # Markup is sometimes escaped once or twice over ("&amp;lt;p&amp;gt;"): unescape until stable.
    for _ in range(3):
        plain = htmllib.unescape(body)
        if plain == body:
            break
        body = plain
    if "<" in body and ">" in body:
        body = _TAGS.sub("", _BLOCKS.sub("\n", body))
    return [" ".join(p.split()) for p in re.split(r"\n\s*", body) if p.strip()]


def article_body(tree: Any, extracted: list[str]) -> list[str] | None:
    """The declared body's paragraphs where they should replace ``extracted``; None to keep it."""
    best: list[str] | None = None
    for body in declared_bodies(tree):
        paragraphs = body_paragraphs(body)
        text = "\n".join(paragraphs)
        if len(_WORDS.findall(text)) < MIN_WORDS or _TRUNCATED.search(text) or _MOJIBAKE.search(text):
            continue
        if best is None or len(text) > len("\n".join(best)):
            best = paragraphs
    if best is None:
        return None
    mine, theirs = _shingles(" ".join(extracted)), _shingles(" ".join(best))
    n_mine = sum(mine.values())
    if n_mine == 0:
        return best
    shared = sum((mine & theirs).values())
    if shared / n_mine < MIN_COVERAGE:
        return None
    if sum(theirs.values()) - shared < MIN_GAIN * n_mine:
        return None
    # One run-on paragraph where extraction had many loses the structure furniture removal needs;
    # only take it when extraction found next to nothing.
    if len(best) == 1 and len(extracted) > 3:
        return None
    return best


def _shingles(text: str, n: int = 4) -> Counter:
    words = _WORDS.findall(text.lower())
    return Counter(tuple(words[i:i + n]) for i in range(len(words) - n + 1))
