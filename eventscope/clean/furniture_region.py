"""Document structure for furniture removal: lists of links under a heading, and the article body.

A scraped page is a column of lines: a header (menus, the headline, a byline), the article body,
then a footer (tags, share buttons, "Most popular", legal lines), with lists of links and captions
sometimes dropped into the body. The body is the densest run of prose: we score every line (its word
count when it reads as prose, a fixed penalty when it does not) and take the contiguous run with the
highest total, which bridges a caption or an "Advertisement" line between paragraphs but not a menu
of forty links.
"""
from __future__ import annotations

import re
from collections.abc import Sequence

from .furniture_rules import is_comment_meta, is_date_line, is_heading, is_prose, words

# Cost of one line that is not prose, in words of prose. A run of such lines splits the body only
# when it outweighs the prose on its far side: ten words of penalty a line means a menu of ten links
# outweighs a 100-word paragraph, while one caption between two paragraphs is bridged.
GAP_PENALTY = 10.0
# A date standing alone stamps an item of a listing (teasers: headline, author, date, summary).
DATE_LINE_COST = 3.0
# A list under a "Read next" heading ends where the article's prose resumes: two prose paragraphs
# in a row (teasers come one at a time, between headlines, times or pictures), or one paragraph long
# enough that no teaser is.
RESUME_RUN = 2
MIN_TEASERS = 2
RESUME_WORDS = 60

# A comment thread: a prompt, then this many comment frame lines among the next THREAD_WINDOW lines,
# after at least THREAD_MIN_PROSE words of prose.
THREAD_WINDOW = 15
THREAD_MIN_META = 2
THREAD_MIN_PROSE = 50

# A table: at least TABLE_MIN_CELLS consecutive lines of at most TABLE_CELL_WORDS words, a share of
# them holding digits.
TABLE_CELL_WORDS = 4
TABLE_MIN_CELLS = 10
TABLE_NUMERIC_SHARE = 0.4

_DIGIT = re.compile(r"\d")
_LIST_ITEM = re.compile(r"^\s*([-•*·▪◦–]|\d{1,2}[.)])\s+\w+\W+\w")
_CONTINUES = re.compile(r"^[\s\"'“‘(\[]*[a-z,;–—-]")


def blocks(lines: Sequence[str]) -> list[tuple[int, int]]:
    """Runs of lines ``[start, end)`` that are one paragraph broken by hard line wraps.

    A line that does not end a sentence and is followed by one that starts in lower case is a wrapped
    line, as in text kept at a fixed width; judging the pieces one by one would see only fragments.
    """
    out: list[tuple[int, int]] = []
    start = 0
    for i in range(len(lines)):
        last = i == len(lines) - 1
        if last or not _wraps_into(lines[i], lines[i + 1]):
            out.append((start, i + 1))
            start = i + 1
    return out


def _wraps_into(line: str, nxt: str) -> bool:
    stripped = line.rstrip()
    if not stripped or stripped[-1] in ".!?…。！？:\"”’»)":
        return False
    return bool(_CONTINUES.match(nxt)) and not nxt[:1].isdigit()


def list_after_headings(lines: Sequence[str], *, prose_teasers: bool) -> set[int]:
    """Indices of lines that belong to a list of links opened by a heading such as "Read next".

    The heading and what follows it go, up to where the article resumes. With ``prose_teasers`` (plain
    text, where a "Read next" block may carry whole lead sentences with times between them), prose
    lines standing alone count as teasers when there are at least MIN_TEASERS of them (one alone is
    more likely the article's own last paragraph after a box of links); otherwise the list ends at the
    first prose line.
    """
    out: set[int] = set()
    i, n = 0, len(lines)
    while i < n:
        if not is_heading(lines[i]):
            i += 1
            continue
        j = i + 1
        teasers: list[int] = []
        while j < n and not (is_prose(lines[j]) and not is_heading(lines[j])
                             and _resumes(lines, j, prose_teasers)):
            if is_prose(lines[j]) and not is_heading(lines[j]):
                teasers.append(j)
            j += 1
        end = j if not teasers or len(teasers) >= MIN_TEASERS else teasers[0]
        out.update(range(i, end))
        i = end
    return out


def _resumes(lines: Sequence[str], j: int, prose_teasers: bool) -> bool:
    if not prose_teasers or words(lines[j]) >= RESUME_WORDS:
        return True
    run = 0
    for k in range(j, min(len(lines), j + RESUME_RUN)):
        if not is_prose(lines[k]) or is_heading(lines[k]):
            break
        run += 1
    return run >= RESUME_RUN


def comment_thread(lines: Sequence[str], cut: Sequence[str | None]) -> int | None:
    """Where a thread of reader comments starts, or None.

    A thread opens with a comment prompt ("34 comments", "Leave a reply") followed closely by the
    frame of comments (author lines, vote counts, times "ago"), and only after some prose: a prompt
    in the header links to the comments, it does not open them.
    """
    prose_before = 0.0
    for i, line in enumerate(lines):
        if cut[i] is None and is_prose(line):
            prose_before += words(line)
        if cut[i] != "comment prompt" or prose_before < THREAD_MIN_PROSE:
            continue
        window = lines[i + 1:i + 1 + THREAD_WINDOW]
        if sum(is_comment_meta(x) for x in window) >= THREAD_MIN_META:
            return i
    return None


def list_items(lines: Sequence[str]) -> set[int]:
    """Lines of a bulleted or numbered list written out in the text ("- item", "2) item").

    Menus lose their bullets when a page is flattened to text; an author's list keeps them.
    """
    marked = [bool(_LIST_ITEM.match(line)) for line in lines]
    items = {i for i, m in enumerate(marked)
             if m and ((i > 0 and marked[i - 1]) or (i + 1 < len(marked) and marked[i + 1]))}
    # "The plan includes:" introduces the list and belongs with it.
    return items | {i - 1 for i in items if i > 0 and i - 1 not in items and lines[i - 1].rstrip().endswith(":")}


def table_lines(lines: Sequence[str]) -> set[int]:
    """Lines that are cells of a table flattened to one cell a line (standings, statistics).

    A long run of very short lines many of which hold numbers is a table, not a menu: menus are words.
    """
    out: set[int] = set()
    run: list[int] = []
    for i, line in enumerate([*lines, ""]):
        if line and words(line) <= TABLE_CELL_WORDS and not is_prose(line):
            run.append(i)
            continue
        numeric = sum(bool(_DIGIT.search(lines[k])) for k in run)
        if len(run) >= TABLE_MIN_CELLS and numeric >= TABLE_NUMERIC_SHARE * len(run):
            out.update(run)
        run = []
    return out


def main_region(lines: Sequence[str], cut: Sequence[str | None],
                penalty: float = GAP_PENALTY) -> tuple[int, int] | None:
    """The article body as ``[start, end)``: the contiguous run of lines with the most prose.

    ``cut`` holds a reason for lines already known to be furniture; they count as gaps. Hard-wrapped
    paragraphs are scored as one. None when the page has no prose at all (a table, a list of links):
    the caller then keeps what the patterns did not cut.
    """
    best, best_span = 0.0, None
    run, run_start = 0.0, 0
    neutral = table_lines(lines) | list_items(lines)
    for start, end in blocks(lines):
        if all(k in neutral and cut[k] is None for k in range(start, end)):
            score = 0.0  # a table or list stands in the body it belongs to; it neither joins nor splits
        else:
            score = _block_score(lines, cut, start, end, penalty)
        if run <= 0:
            run, run_start = 0.0, start
        run += score
        if run > best:
            best, best_span = run, (run_start, end)
    return best_span


def _block_score(lines: Sequence[str], cut: Sequence[str | None], start: int, end: int, penalty: float) -> float:
    if any(cut[k] is not None for k in range(start, end)):
        # A wrapped paragraph is never furniture as a whole; score its lines one by one.
        return sum(_line_score(lines[k], cut[k], penalty) for k in range(start, end))
    text = " ".join(lines[start:end])
    if end - start > 1:
        return words(text) if is_prose(text) else -penalty
    return _line_score(text, None, penalty)


def _line_score(line: str, reason: str | None, penalty: float) -> float:
    if reason is None and is_prose(line):
        return words(line)
    if is_date_line(line):
        return -DATE_LINE_COST * penalty
    return -penalty
