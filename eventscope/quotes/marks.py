"""Quoted passages found by their quotation marks, on the plain text (no parse needed).

News text uses every convention at once: curly “…”, straight "…", single ‘…’, guillemets «…»,
low-high „…“, and the print habit of opening each paragraph of a long quote again without closing
the one before. Marks also go missing or stray. The scanner below never fails on any of that: an
unclosed quote simply ends at its paragraph's end (or runs on where the next paragraph reopens it).
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

# Opening mark -> the marks that may close it. Writers (and converters) mix up their quotes, so
# each opener accepts the common mistaken closers too.
_CLOSERS: dict[str, str] = {
    "“": "”“\"",
    "„": "“”\"",
    "«": "»",
    "»": "«",  # Danish/German style: »…«
    '"': '"”',
    "‘": "’",
    "‹": "›",
    "”": "”",  # a few sources use the closing mark on both sides
}
_SINGLE = "‘’"


@dataclass
class Quoted:
    """One quoted passage: ``span`` covers the words inside the marks (marks excluded)."""

    span: tuple[int, int]
    open_mark: str
    closed: bool  # False where the closing mark was missing and the paragraph end closed it


def _is_opening(text: str, i: int) -> bool:
    """Whether the mark at ``i`` can open a quote: it starts a word, not ends one."""
    ch = text[i]
    prev = text[i - 1] if i > 0 else " "
    nxt = text[i + 1] if i + 1 < len(text) else " "
    if nxt.isspace():
        return False
    if ch in '"”':
        # A straight or mis-used closing mark opens only where a word could begin.
        return prev.isspace() or prev in "([{—–-:;,/" or i == 0
    if ch == "‘":
        return (prev.isspace() or prev in "([{—–-:;,/“\"") and (nxt.isalnum() or nxt in "…."
                                                                  or nxt == "“")
    return True


def _is_closing(text: str, i: int, opener: str) -> bool:
    """Whether the mark at ``i`` can close a quote opened by ``opener``."""
    ch = text[i]
    if ch not in _CLOSERS.get(opener, ""):
        return False
    nxt = text[i + 1] if i + 1 < len(text) else " "
    if ch == "’":
        # Apostrophes (Serbia’s, don’t) look like closing singles: require a word end after it.
        return not nxt.isalnum()
    if ch == "“" and opener == "“":
        # “ closing “ only where it is followed by a word end (typographic slip), never a word.
        return not nxt.isalnum()
    return True


def _paragraph_end(text: str, i: int) -> int:
    return paragraph(text, i)[1]


def _reopens(text: str, para_end: int) -> int | None:
    """Where the next paragraph reopens a quote (long-quote convention), else None."""
    j = para_end
    while j < len(text) and text[j].isspace():
        j += 1
    if j < len(text) and text[j] in _CLOSERS and text[j] not in _SINGLE and _is_opening(text, j):
        return j
    return None


def find_quoted(text: str, max_chars: int = 6000) -> list[Quoted]:
    """Every quoted passage of ``text``, in order, outermost only (quotes inside quotes are part of them).

    ``max_chars`` bounds one passage: a stray mark must not swallow the rest of a long article.
    """
    # Typewriter doubles ('' and ``, as some wire and newspaper archives write quotes) read as one
    # straight double quote; the replacement keeps every offset.
    text = text.replace("''", ' "').replace("``", ' "')
    out: list[Quoted] = []
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        if ch not in _CLOSERS or not _is_opening(text, i):
            i += 1
            continue
        start = i + 1
        para_end = _paragraph_end(text, start)
        j, closed = start, False
        limit = min(n, start + max_chars)
        while j < limit:
            if j == para_end:
                # Unclosed at the paragraph end: the quote goes on only where the next paragraph
                # reopens it with the same kind of mark; otherwise the paragraph end closes it.
                reopen = _reopens(text, para_end)
                if reopen is None or text[reopen] != ch and not (ch in "“\"" and text[reopen] in "“\""):
                    break
                j = reopen + 1
                para_end = _paragraph_end(text, j)
                continue
            if _is_closing(text, j, ch):
                closed = True
                break
            j += 1
        end = j
        if end > start and text[start:end].strip():
            out.append(Quoted(_trim(text, start, end), ch, closed))
        i = end + 1 if closed else max(end, start)
    return out


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """The passage without surrounding blanks and a trailing comma (it belongs to the attribution)."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] == ","):
        end -= 1
    return start, end


def inside(spans: list[Quoted], pos: int) -> Quoted | None:
    """The quoted passage containing character ``pos``, if any.

    ``spans`` as ``find_quoted`` gives them: in text order and disjoint, so that a binary search
    finds the one passage that can hold ``pos`` (every token of a long text asks).
    """
    k = bisect_right(spans, pos, key=_start) - 1
    if k >= 0 and pos < spans[k].span[1]:
        return spans[k]
    return None


def overlapping(spans: list[Quoted], start: int, end: int) -> list[Quoted]:
    """The quoted passages that overlap [start, end), in order (``spans`` as for ``inside``)."""
    out = []
    for k in range(bisect_right(spans, start, key=_end), len(spans)):
        q = spans[k]
        if q.span[0] >= end:
            break
        out.append(q)
    return out


def _start(q: Quoted) -> int:
    return q.span[0]


def _end(q: Quoted) -> int:
    return q.span[1]


class SpanSet:
    """Character spans of any length, overlapping or not, asked whether any overlaps a range.

    Sorted by start with the running maximum of their ends: the spans starting before a range's
    end are a prefix, and one of them reaches into the range where that prefix's furthest end does.
    """

    def __init__(self, spans: Iterable[tuple[int, int]]):
        ordered = sorted(spans)
        self.starts = [s for s, _ in ordered]
        self.reach: list[int] = []
        furthest = -1
        for _, e in ordered:
            furthest = max(furthest, e)
            self.reach.append(furthest)

    def overlaps(self, start: int, end: int) -> bool:
        """Whether some span [s, e) has s < end and start < e (for a point p: ``overlaps(p, p + 1)``)."""
        k = bisect_left(self.starts, end)
        return k > 0 and self.reach[k - 1] > start


def paragraph(text: str, pos: int) -> tuple[int, int]:
    """The paragraph (between line breaks) around character ``pos``: as ``text.rfind("\\n", 0, pos) + 1``
    and ``text.find("\\n", pos)`` (or the text's end), found by binary search over the text's line
    breaks, listed once: the stages ask for thousands of paragraphs of a long text."""
    breaks = _breaks(text)
    k = bisect_left(breaks, pos)
    return (breaks[k - 1] + 1 if k else 0), (breaks[k] if k < len(breaks) else len(text))


@lru_cache(maxsize=2)
def _breaks(text: str) -> list[int]:
    # The article in hand (and the copy find_quoted reads, where it differs); a string computes
    # its hash once and keeps it, so a lookup costs nothing after the first.
    return [m.start() for m in re.finditer("\n", text)]
