"""Page furniture: related-article lists, comment prompts, clock-time lines, share, subscribe and
cookie lines, category tags, navigation, a lead repeated in a sidebar, the header and footer of a
scraped page. Every cut is recorded with its reason.

Plain text (a scraped page, or a clean article) gets the whole treatment: pattern lines, lists
under "Read next"-style headings, then the article body found as the densest run of prose, so that
everything around it (menus, bylines, footers) goes. HTML has already been through extraction, whose
output is mostly the body; there only lines that are furniture on their own and lists under a
heading are cut, since judging the body again would cost real short paragraphs.

Reasons recorded: those named in ``data/furniture/patterns.yaml`` ("related-articles list",
"related-article link", "comment prompt", "clock time", "share/subscribe", "cookie notice",
"advertisement", "category tags", "reading time", "navigation", "copyright", "photo credit",
"author contact", "credit line"), and from structure: "reader comments", "repeated lead",
"duplicate paragraph", "title", "date line", "byline", "navigation", "page header", "page footer".
"""
from __future__ import annotations

import bisect
import re
from typing import Literal

from rapidfuzz import fuzz, process

from ..model import Removal
from .furniture_region import comment_thread, list_after_headings, main_region
from .furniture_rules import RELATED, ends_sentence, is_date_line, is_prose, match, normalise, shape_reason, words

__all__ = ["remove_furniture"]

# Passes over the lines until nothing more is cut; two almost always suffice.
MAX_PASSES = 4
# Lines at the end of a body where contributor notes ("Reporting by ...") may stand.
END_LINES = 3
END_REASONS = ("credit line", "author contact")
# Near-duplicate paragraphs: the same text up to a word or two (a sidebar's copy of the lead).
DUPLICATE_RATIO = 90.0
DUPLICATE_MIN_WORDS = 6
LENGTH_SHARE = 0.8  # lines whose lengths differ more than this are not the same text
# A summary at the top repeated by the first paragraph: within the first STANDFIRST_LINES kept lines,
# at most STANDFIRST_GAP lines before its copy.
STANDFIRST_LINES = 3
STANDFIRST_GAP = 6
# A line is the page's title repeated when it reads like the title and is not a sentence of body.
TITLE_RATIO = 85.0
TITLE_LOOKAHEAD = 3
TITLE_SHARE = 0.6
_WORD = re.compile(r"\w+")


def remove_furniture(paragraphs: list[str], title: str | None = None, *,
                     kind: Literal["text", "html"] = "text") -> tuple[list[str], list[Removal]]:
    """Split ``paragraphs`` into the article's own and the furniture (with reasons).

    ``kind="text"`` for lines of plain text (a scraped page or an article), ``"html"`` for the
    paragraphs HTML extraction returned. Order is kept in both lists; nothing is rewritten.
    """
    lines = [p.strip() for p in paragraphs if p and p.strip()]
    reasons: list[str | None] = [None] * len(lines)
    live = list(range(len(lines)))
    # Cutting can expose new furniture (a caption left at the top once a repeated summary goes), so
    # passes repeat until nothing more is cut: the result is then a fixed point, and cleaning a clean
    # text again changes nothing.
    for _ in range(MAX_PASSES):
        cut = _one_pass([lines[i] for i in live], title, kind)
        if all(reason is None for reason in cut):
            break
        for i, reason in zip(live, cut):
            reasons[i] = reason
        live = [i for i, reason in zip(live, cut) if reason is None]
    kept = [lines[i] for i in live]
    removed = [Removal(line, reason) for line, reason in zip(lines, reasons) if reason is not None]
    return kept, removed


def _one_pass(lines: list[str], title: str | None, kind: str) -> list[str | None]:
    """One reading of the lines: the reason each is furniture, or None."""
    n = len(lines)
    cut: list[str | None] = [None] * n
    for i, line in enumerate(lines):
        hit = match(line)
        if hit and hit[1] != "heading":
            cut[i] = hit[0]
    for i in list_after_headings(lines, prose_teasers=kind == "text"):
        cut[i] = cut[i] or RELATED  # a clock time or comment prompt in the list keeps its own name

    thread = comment_thread(lines, cut)
    if thread is not None:
        for i in range(thread + 1, n):
            cut[i] = cut[i] or "reader comments"

    if kind == "text":
        span = main_region(lines, cut)
        if span is not None:
            start, end = span
            for i in range(n):
                if cut[i] is None and not start <= i < end:
                    cut[i] = shape_reason(lines[i], before_body=i < start)

    if title:
        _cut_title(lines, cut, title, kind)
    _cut_end_credits(lines, cut)
    _cut_edge_dates(lines, cut)
    _cut_repeats(lines, cut, runs=kind == "text")
    return cut


def _kept_indices(cut: list[str | None]) -> list[int]:
    return [i for i, reason in enumerate(cut) if reason is None]


def _cut_end_credits(lines: list[str], cut: list[str | None]) -> None:
    """Contributor notes and contact lines at the end of the body ("(Reporting by ...)").

    Read from the end, passing over at most END_LINES lines that are not such notes.
    """
    passed = 0
    for i in reversed(_kept_indices(cut)):
        hit = match(lines[i], where="end")
        if hit and hit[0] in END_REASONS:
            cut[i] = hit[0]
            continue
        passed += 1
        if passed >= END_LINES:
            break


def _cut_edge_dates(lines: list[str], cut: list[str | None]) -> None:
    """A date or time standing alone at the top or the bottom of the body: the page's time stamp.

    Inside the body such a line may be content (a list of tour dates), and so may one at the edge
    of such a list: an edge line goes only when its neighbour is not a date too.
    """
    kept = _kept_indices(cut)
    if len(kept) < 2:
        return
    for edge, neighbour in ((kept[0], kept[1]), (kept[-1], kept[-2])):
        if is_date_line(lines[edge]) and not is_date_line(lines[neighbour]):
            cut[edge] = "date line"


def _cut_title(lines: list[str], cut: list[str | None], title: str, kind: str) -> None:
    """The headline repeated as a line of its own, at the top of the body (or anywhere, for text).

    Compared on words alone, so that quotes and dashes that differ between the page's title and its
    headline do not matter; a title with the site's name appended ("Headline | Site") contains the
    headline.
    """
    want = _wordform(title)
    candidates = _kept_indices(cut)
    if kind == "html":
        candidates = candidates[:TITLE_LOOKAHEAD]
    for i in candidates:
        line = _wordform(lines[i])
        if not line or (is_prose(lines[i]) and ends_sentence(lines[i]) and line != want):
            continue
        shorter, longer = sorted((line, want), key=len)
        if line == want or fuzz.token_sort_ratio(line, want) >= TITLE_RATIO or (
                len(shorter) >= TITLE_SHARE * len(longer) and f" {shorter} " in f" {longer} "):
            cut[i] = "title"


def _wordform(text: str) -> str:
    return " ".join(_WORD.findall(text.lower()))


def _cut_repeats(lines: list[str], cut: list[str | None], *, runs: bool) -> None:
    """A paragraph that repeats an earlier one: the lead repeated in a sidebar, a block printed twice.

    Only a copy of the lead goes, or with ``runs`` a copy within a repeated run of lines (a scraped
    page that prints the article twice): a single line may well repeat on purpose, as the same
    question put to each person in a series of interviews, and an HTML page may repeat a block on
    purpose (the same menu for each day of a plan). The later copy goes, except where a summary at
    the very top is repeated by the body's first paragraph just below it: then the summary goes and
    the paragraph stays in its place. Removed lines are checked too, so that a sidebar copy of the
    lead is named for what it is.
    """
    norms = [normalise(line) if words(line) >= DUPLICATE_MIN_WORDS else "" for line in lines]
    kept = _kept_indices(cut)
    lead = next((i for i in kept if norms[i] and is_prose(lines[i])), None)
    top = kept[:STANDFIRST_LINES]
    seen: list[tuple[int, int]] = []  # (length, index) of the lines before, sorted for a length window
    for i, norm in enumerate(norms):
        if not norm:
            continue
        matches = _matches(norm, norms, seen)
        bisect.insort(seen, (len(norm), i))
        if not matches:
            continue
        earlier = next((e for e in matches if cut[e] is None), matches[0])
        if cut[i] is not None and cut[i] != RELATED:
            if earlier == lead:
                cut[i] = "repeated lead"
            continue
        in_run = runs and (_same_at(norms, i - 1, earlier - 1) or _same_at(norms, i + 1, earlier + 1))
        if (earlier != lead and not in_run) or cut[earlier] is not None:
            continue
        if cut[i] is None and not in_run and earlier in top and i - earlier <= STANDFIRST_GAP:
            cut[earlier] = "repeated lead"
            lead = i if earlier == lead else lead
        else:
            cut[i] = "repeated lead" if earlier == lead else "duplicate paragraph"
    # A sidebar copy of the lead that stands before the lead itself (a teaser block above the body).
    if lead is not None and cut[lead] is None:
        for i in range(lead):
            if cut[i] is not None and norms[i] and _same(norms[i], norms[lead]):
                cut[i] = "repeated lead"


def _matches(norm: str, norms: list[str], seen: list[tuple[int, int]]) -> list[int]:
    """Indices, in order, of the earlier lines that say the same as ``norm``.

    Only lines of about the same length can match, so only those are compared.
    """
    lo = bisect.bisect_left(seen, (int(len(norm) * LENGTH_SHARE), -1))
    hi = bisect.bisect_right(seen, (int(len(norm) / LENGTH_SHARE) + 1, len(norms)))
    window = [e for _, e in seen[lo:hi]]
    found = process.extract(norm, [norms[e] for e in window], scorer=fuzz.ratio,
                            score_cutoff=DUPLICATE_RATIO, limit=None)
    return sorted(window[k] for _, _, k in found)


def _same_at(norms: list[str], i: int, j: int) -> bool:
    return 0 <= i < len(norms) and 0 <= j < len(norms) and i != j and bool(norms[i]) and bool(norms[j]) \
        and _same(norms[i], norms[j])


def _same(a: str, b: str) -> bool:
    if a == b:
        return True
    if min(len(a), len(b)) < LENGTH_SHARE * max(len(a), len(b)):
        return False
    return fuzz.ratio(a, b) >= DUPLICATE_RATIO
