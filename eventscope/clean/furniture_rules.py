"""Line-level evidence for furniture removal: what a single line looks like on its own.

Two kinds of evidence, both cheap and language-light:

* patterns (``data/furniture/patterns.yaml``): lines that are furniture whatever surrounds them
  ("Leave the first comment", "10:42", "Share on Facebook"), and headings that open a list of links
  to other articles ("Read next", "Most popular");
* shape: how many words a line has and whether it ends like a sentence. News prose comes in
  paragraphs of sentences; menus, tags, bylines and teaser headlines are short and unpunctuated.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import yaml

# Lines that open a list of links to other articles: the reason given to the heading and its list.
RELATED = "related-articles list"

_WORD = re.compile(r"\w+")
# Scripts written without spaces between words: count characters, not \w+ runs, for them.
_UNSPACED = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u0e00-\u0e7f]")
# A sentence ends in a full stop, question or exclamation mark, ellipsis or colon (a lead-in to a
# list or quote), possibly followed by closing quotes or brackets.
_SENTENCE_END = re.compile(r"[.!?…。！？:;][\"'”’»)\]]*\s*$")
# A short line is a sentence only when it ends in a full stop: "He declined to comment." Short lines
# ending in "?" or "!" are as often headlines.
_FULL_STOP = re.compile(r"[^.]\.[\"'”’»)\]]*\s*$")
_EDGE_JUNK = " \t•·*►▶▸»›>|…:-–—"


@dataclass(frozen=True)
class Pattern:
    reason: str
    kind: str  # "line" | "start" | "heading"
    regex: re.Pattern[str]
    where: str = "any"  # "any" | "end" (only among the last lines of the body)


@lru_cache(maxsize=1)
def patterns() -> tuple[Pattern, ...]:
    """The furniture patterns of ``data/furniture/patterns.yaml``, compiled once."""
    text = resources.files("eventscope").joinpath("data/furniture/patterns.yaml").read_text("utf-8")
    data = yaml.safe_load(text)
    out = []
    for group in data["groups"]:
        for p in group["patterns"]:
            out.append(Pattern(group["reason"], group["kind"], re.compile(p, re.IGNORECASE),
                               group.get("where", "any")))
    return tuple(out)


def normalise(line: str) -> str:
    """The form patterns are matched against: lower case, one space, no bullets or trailing marks."""
    s = " ".join(line.split()).lower()
    s = s.strip(_EDGE_JUNK)
    # "Read next ›" and "Related…" are headings; "… more" teaser tails are not worth keeping apart.
    return s.rstrip(".").strip(_EDGE_JUNK) if s.endswith("...") else s


@lru_cache(maxsize=8192)  # a line is matched several times over (as a line, as a heading, per pass)
def match(line: str, *, where: str = "any") -> tuple[str, str] | None:
    """``(reason, kind)`` of the first pattern the line matches, or None.

    ``where="end"`` also allows the patterns that only hold at the end of a body (credit lines).
    """
    s = normalise(line)
    if not s:
        return None
    for p in patterns():
        if p.kind == "comment-meta" or (p.where == "end" and where != "end"):
            continue
        if p.kind == "start":
            if p.regex.match(s):
                return p.reason, p.kind
        elif p.regex.fullmatch(s):
            return p.reason, p.kind
    return None


@lru_cache(maxsize=8192)
def is_comment_meta(line: str) -> bool:
    """Whether the line looks like the frame of a reader comment (author line, votes, "2 days ago")."""
    s = normalise(line)
    return bool(s) and any(p.kind == "comment-meta" and p.regex.fullmatch(s) for p in patterns())


def is_heading(line: str) -> bool:
    """Whether the line is a heading that opens a list of links to other articles."""
    hit = match(line)
    return hit is not None and hit[1] == "heading"


def words(line: str) -> float:
    """Word count, counting two characters as a word in scripts written without spaces."""
    unspaced = len(_UNSPACED.findall(line))
    return len(_WORD.findall(line)) + unspaced / 2


def ends_sentence(line: str) -> bool:
    """Whether the line ends the way a sentence does."""
    return bool(_SENTENCE_END.search(line))


def is_prose(line: str) -> bool:
    """Whether the line reads as a paragraph of running text.

    Either a sentence of some length, or long enough that a missing full stop does not matter (the
    last paragraph of a scraped page often loses its full stop).
    """
    n = words(line)
    return (n >= 8 and ends_sentence(line)) or (n >= 4 and bool(_FULL_STOP.search(line))) or n >= 20


DATE_LINE_WORDS = 10
_CLOCK = re.compile(r"\b\d{1,2}[:h]\d{2}\b|\bago\b", re.IGNORECASE)
_MERIDIEM_END = re.compile(r"\b[ap]\.m\.$", re.IGNORECASE)
_HANDLE = re.compile(r"@\w")
_BYLINE = re.compile(r"^(by|von|par|por|di|door)\s+\S", re.IGNORECASE)
_DIGIT = re.compile(r"\d")


def shape_reason(line: str, before_body: bool) -> str:
    """A reason for a line cut because of where it stands (outside the body), from its shape."""
    n = words(line)
    if _BYLINE.match(line.strip()) and n <= 12:
        return "byline"
    if is_date_line(line):
        return "date line"
    if n <= 5 and not ends_sentence(line):
        return "navigation"
    return "page header" if before_body else "page footer"


_MONTHS = re.compile(r"\b(jan(uary)?|feb(ruary)?|mar(ch)?|apr(il)?|may|june?|july?|aug(ust)?|sept?(ember)?|"
                     r"oct(ober)?|nov(ember)?|dec(ember)?)\b\.?|\d{1,4}[-/.]\d{1,2}[-/.]\d{1,4}", re.IGNORECASE)


def is_date_line(line: str) -> bool:
    """Whether the line is a date or time standing alone ("Tuesday November 19, 2019", "2 hours ago").

    Such lines stamp items of a listing or a page header; an article body rarely has one.
    """
    bare = _MERIDIEM_END.sub("", line.strip())  # "1:23 p.m." ends in a full stop but is no sentence
    return (words(line) <= DATE_LINE_WORDS and bool(_DIGIT.search(line)) and not ends_sentence(bare)
            and not _HANDLE.search(line)  # "— Name (@handle) November 19, 2019" closes an embedded post
            and bool(_MONTHS.search(line) or _CLOCK.search(line)))
