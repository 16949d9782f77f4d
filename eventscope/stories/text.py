"""What a story comparison reads from one article: content words, names, a date.

Everything here is plain text processing (regular expressions and two small word lists), so that the
streaming index can take hundreds of articles a second without a parser. Annotations that other stages
filled (actors, events, places, timex) join the name features where present, under their own prefixes.
"""
from __future__ import annotations

import datetime as dt
import math
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

from ..model import Article, parse_date

_WORD = re.compile(r"[^\W\d_](?:[^\W_]|['’\-](?=[^\W\d_]))*|\d+(?:[.,]\d+)*", re.UNICODE)
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[\"“'‘(]?[A-Z0-9])|\n+")
_YEAR = re.compile(r"(?:19|20)\d\d")


def _data_lines(name: str) -> list[str]:
    text = resources.files("eventscope").joinpath("data/stories", name).read_text("utf-8")
    return [ln.strip() for ln in text.splitlines() if ln.strip() and not ln.startswith("#")]


@lru_cache(maxsize=1)
def stopwords() -> frozenset[str]:
    """Function words and news boilerplate (data/stories/stopwords.txt)."""
    return frozenset(_data_lines("stopwords.txt"))


@lru_cache(maxsize=1)
def months() -> dict[str, int]:
    """Month names and abbreviations -> month number (data/stories/months.txt)."""
    return {name: int(num) for name, num in (ln.split("\t") for ln in _data_lines("months.txt"))}


@lru_cache(maxsize=1 << 16)
def fold(s: str) -> str:
    """Lower case without accents, so that "Vučić" and "Vucic" are one key."""
    s = s.replace("Đ", "D").replace("đ", "d").replace("ß", "ss")
    return "".join(c for c in unicodedata.normalize("NFKD", s) if not unicodedata.combining(c)).lower()


@lru_cache(maxsize=1 << 16)
def _norm(token: str) -> str:
    """A token's key: folded, possessive dropped, a plural -s cut off long words (a light stem)."""
    t = fold(token).replace("’", "'")
    t = t.removesuffix("'s")
    t = t.replace("'", "")
    if len(t) > 4 and t.endswith("ies"):
        return t[:-3] + "y"
    if len(t) > 4 and t.endswith(("sses", "xes", "ches", "shes")):
        return t[:-2]
    if len(t) > 4 and t.endswith("s") and not t.endswith(("ss", "us", "is")):
        return t[:-1]
    return t


def sentences(text: str) -> list[str]:
    """Lines and sentences; good enough for telling a sentence-initial capital from a name."""
    return [s for s in _SENTENCE_END.split(text) if s.strip()]


def next_sentences(text: str, start: int, n: int) -> list[str]:
    """The first ``n`` of ``sentences(text[start:])``, without splitting the rest of the text."""
    out: list[str] = []
    pos = start
    for m in _SENTENCE_END.finditer(text, start):
        if text[pos:m.start()].strip():
            out.append(text[pos:m.start()])
            if len(out) == n:
                return out
        pos = m.end()
    if text[pos:].strip():
        out.append(text[pos:])
    return out[:n]


@dataclass
class Features:
    """One article as the story index sees it."""

    words: Counter[str] = field(default_factory=Counter)  # content words (names included)
    names: Counter[str] = field(default_factory=Counter)  # names, numbers, annotation keys
    date: dt.date | None = None
    # Facts that have one value per happening: "wd" the weekday the lead reports, "n:<noun>" how many of
    # a counted thing ("23 pirates", "magnitude 6.1"). Two reports giving different values are likely two
    # happenings of one kind (see ``index.StoryConfig.conflict_factor``).
    slots: dict[str, frozenset[str]] = field(default_factory=dict)

    def is_empty(self) -> bool:
        return not self.words and not self.names


def _is_headline(tokens: list[str]) -> bool:
    """A Title Case or ALL CAPS line, where capitals do not mark names."""
    alpha = [t for t in tokens if t[0].isalpha()]
    if len(alpha) < 4:
        return False
    return sum(t[0].isupper() for t in alpha) / len(alpha) > 0.6 or all(t.isupper() for t in alpha)


def text_features(text: str) -> tuple[Counter[str], Counter[str]]:
    """Content words and names of a text.

    A capitalised word is a name where it is not the first word of its sentence; first words and words of
    headline-cased lines count only where the same word stands capitalised inside a sentence elsewhere.
    Numbers other than years count among the names: "23 pirates" against "26 pirates" tells two
    happenings apart better than any common noun.
    """
    stop = stopwords()
    tokenized = [_WORD.findall(s) for s in sentences(text)]
    headlines = [_is_headline(toks) for toks in tokenized]
    inner_caps = {t for toks, h in zip(tokenized, headlines) if not h for t in toks[1:] if t[0].isupper()}
    words: Counter[str] = Counter()
    names: Counter[str] = Counter()
    for toks, headline in zip(tokenized, headlines):
        for i, tok in enumerate(toks):
            key = _norm(tok)
            if tok[0].isdigit():
                if not _YEAR.fullmatch(tok):
                    names["#" + key] += 1
                words[key] += 1
                continue
            if len(key) < 2 or key in stop:
                continue
            words[key] += 1
            if tok[0].isupper() and ((i > 0 and not headline) or tok in inner_caps):
                names[key] += 1
    return words, names


_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
# Words that scale a number ("200 million"): the counted thing comes after them.
_SCALES = frozenset({"million", "billion", "trillion", "thousand", "hundred", "mn", "bn", "m", "per", "percent"})


def slot_values(text: str, lead_sentences: int = 3) -> dict[str, frozenset[str]]:
    """The one-per-happening facts of a text: the weekday of its lead, and counts of things.

    The weekday is the first one named in the first ``lead_sentences`` sentences (leads say when it
    happened: "on Saturday"). A count is a number with the common noun after it ("23 Somali pirates":
    the first lower-case word within two tokens, past scale words) or, where none follows, before it
    ("magnitude 6.1"). Years are dates, not counts.
    """
    stop = stopwords()
    sents = sentences(text)
    out: dict[str, set[str]] = {}
    for s in sents[:lead_sentences]:
        day = next((w for w in (fold(t) for t in _WORD.findall(s)) if w in _WEEKDAYS), None)
        if day:
            out["wd"] = {day}
            break
    for s in sents:
        toks = _WORD.findall(s)
        for i, tok in enumerate(toks):
            if not tok[0].isdigit() or _YEAR.fullmatch(tok) or len(tok) > 12:
                continue
            value, j = tok.replace(",", ""), i + 1
            while j < len(toks) and fold(toks[j]) in _SCALES:
                value += " " + fold(toks[j])
                j += 1
            noun = None
            for t in toks[j:j + 2]:
                if t[0].isdigit():
                    break
                if t.islower() and len(t) > 2 and _norm(t) not in stop:
                    noun = _norm(t)
                    break
            if noun is None and i > 0 and toks[i - 1].islower() and _norm(toks[i - 1]) not in stop:
                noun = _norm(toks[i - 1])
            if noun:
                out.setdefault("n:" + noun, set()).add(value)
    return {k: frozenset(v) for k, v in out.items()}


# Lower-case words a date line may hold before its date ("Posted on", "Updated: ...", "On behalf of ... posted
# in ... on"); more than ``_PROSE_WORDS`` other lower-case words before a date make it a date in a
# sentence of the story ("was sentenced for the crimes he committed on March 11, 2005"), which is as
# likely the background's date as the report's.
_DATELINE_WORDS = frozenset({"on", "at", "by", "in", "of", "and", "the", "posted", "updated", "published",
                             "last", "first", "modified", "date", "behalf", "am", "pm", "a", "p", "m", "et",
                             "hrs", "filed", "under", "from", "staff", "writer", "reporter"})
_PROSE_WORDS = 1


def dateline(text: str, lines: int = 4) -> dt.date | None:
    """The date a report gives on a date line near its top ("May 03, 2013", "27 NOVEMBER, 2005",
    "12 / 16 / 08", "Dec-19-05", "2012. 08. 08", "14 / 09 / 2013"), not a date inside a sentence of the
    story."""
    head = "\n".join(text.split("\n", lines)[:lines])
    for m in _DATE_PATTERNS.finditer(head):
        before = head[head.rfind("\n", 0, m.start()) + 1:m.start()]
        prose = [t for t in _WORD.findall(before) if t.islower() and t not in _DATELINE_WORDS]
        if len(prose) > _PROSE_WORDS:
            continue
        try:
            return _date_of(m.groupdict())
        except (TypeError, ValueError):
            continue
    return None


def _date_of(g: dict[str, str | None]) -> dt.date:
    """A date from the groups of ``_DATE_PATTERNS`` (ValueError where they make none)."""
    def num(key: str) -> int:
        return int(g.get(key) or "")

    if g.get("ny"):  # year first: ISO, or with dots or slashes
        return dt.date(num("ny"), num("nm"), num("nd"))
    named = next((k for k in "123" if g.get("m" + k)), None)  # a month name: which pattern found it
    if named:
        month = months().get(fold(g["m" + named] or "").rstrip("."), 0)
        day, year = num("d" + named), num("y" + named)
    else:  # numbers only: slashes are month first unless the first cannot be a month; dots are day first
        a, b, year = num("a"), num("b"), num("y")
        day_first = a > 12 if g.get("sep") == "/" else b <= 12
        day, month = (a, b) if day_first else (b, a)
    if year < 100:
        year += 2000 if year < 70 else 1900
    return dt.date(year, month, day)


_MON = r"[A-Za-z]{3,9}\.?"
_DATE_PATTERNS = re.compile(
    rf"\b(?P<m1>{_MON})\s+(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?(?:,?\s+|-)(?P<y1>(?:19|20)\d\d)\b"
    rf"|\b(?P<m3>{_MON})-(?P<d3>\d{{1,2}})-(?P<y3>\d\d(?:\d\d)?)\b"
    rf"|\b(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<m2>{_MON}),?\s+(?P<y2>(?:19|20)\d\d)\b"
    r"|\b(?P<ny>(?:19|20)\d\d)\s*(?P<s1>[-./])\s*(?P<nm>\d{1,2})\s*(?P=s1)\s*(?P<nd>\d{1,2})\b"
    r"|\b(?P<a>\d{1,2})\s*(?P<sep>[/.])\s*(?P<b>\d{1,2})\s*(?P=sep)\s*(?P<y>\d{4}|\d{2})\b")


# Pieces the cleaner cut that still say when the report is from (it cuts date lines as page furniture),
# most telling first: they stood at the top of the page, so they come before dates in the kept text,
# which may be dates of the happening's background ("the 2010 shooting").
_DATED_REMOVALS = ("date line", "page header", "navigation")


def article_date(article: Article) -> dt.date | None:
    """When the article reports from: its publication date, else a date line cut from it or in its text."""
    found = parse_date(article.published)
    for reason in _DATED_REMOVALS:
        if found is not None:
            break
        cut = [r.text for r in article.removed if r.reason == reason]
        found = dateline("\n".join(cut), lines=len(cut)) if cut else None
    return found or dateline(article.text or "")


def features(article: Article) -> Features:
    """The story features of an annotated (or only cleaned) article."""
    # A headline the cleaner cut as a page header still names the happening.
    headers = [r.text for r in article.removed if r.reason == "page header" and r.text.strip() != article.title]
    text = "\n".join(t for t in (article.title, *headers, article.text) if t)
    words, names = text_features(text)
    # Annotations, where the stages filled them: canonical people and bodies beat surface spellings, event
    # types and places say what happened where. Bare countries and title patterns ("the Indian navy") are
    # left out: their surface names are in the text already, and a canonical country stands for every
    # nationality adjective of the background (ECB+ dev, bench: B-cubed 0.905 with them, 0.914 without).
    for m in article.actors:
        if m.name and m.sector is not None and m.via != "title":
            names["a:" + fold(m.name)] += 1
    for ev in article.events:
        names["e:" + ev.event] += 1
        if ev.location is not None and (ev.location.name or ev.location.text):
            names["p:" + fold(ev.location.name or ev.location.text)] += 1
    return Features(words=words, names=names, date=article_date(article), slots=slot_values(text))


def sublinear(counts: Counter[str]) -> dict[str, float]:
    """1 + log(tf): a word said ten times is not ten times the evidence."""
    return {k: 1.0 + math.log(v) for k, v in counts.items() if v > 0}
