"""Finding time expressions in text: a small grammar of English date phrases.

Each rule is a regular expression over the words of the lexicon plus a builder that turns a match
into an ``Expr``: what the phrase says (a calendar date, a weekday, a shift of N units from the
publication date or from the narrative's reference time, ...), not yet what date it is. Resolving
an ``Expr`` to a value is ``dates_resolve``'s job, since that needs an anchor and the tense.

Overlapping matches are settled leftmost-longest, so "Tuesday, April 1, 2025" is one expression,
not three. Months and weekdays count only when capitalised: news writes "March" for the month and
"march" for the walk; the stage drops the remaining false friends ("may" the modal, "Theresa May")
with the parse.
"""
from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from .dates_lexicon import Lexicon, alternation, load


@dataclass
class Expr:
    """One time expression found in a text, with its meaning before resolution.

    ``kind`` is one of:
      ``date``     explicit calendar fields (``year``/``month``/``day``, any may be missing;
                   ``year_shift`` for "July last year"; ``part`` for "early"/"mid"/"late")
      ``weekday``  ``weekday`` 0-6 with an explicit ``direction`` ("last", "next", "this") or none
      ``shift``    ``n`` ``unit``s from the ``base``: "dct" (yesterday, last month, two weeks ago),
                   "ref" (a year earlier: a time named in this sentence or the one before, else the
                   report's date) or "prev" (the following day, that year, three days later: the
                   last time named before; unresolved if there is none)
      ``quarter``  ``quarter`` 1-4 of ``year`` (or ``year_shift``); ``season`` likewise
      ``decade``   ``decade`` as its first three digits (199 for the 1990s), or ``yy`` ("the '90s")
      ``century``  ``century`` as its first two digits (19 for the 20th century)
      ``offset``   "two weeks after": ``n`` ``unit``s after (or before, n < 0) ``anchor_text``,
                   another expression or an event phrase; the stage links and resolves it
    """

    start: int
    end: int
    text: str
    kind: str
    year: int | None = None
    month: int | None = None
    day: int | None = None
    weekday: int | None = None
    unit: str | None = None
    n: int = 0
    base: str = "dct"
    direction: str | None = None
    year_shift: int | None = None
    quarter: int | None = None
    season: str | None = None
    decade: int | None = None
    yy: int | None = None
    century: int | None = None
    part: str | None = None
    precision: str | None = None  # finer than the unit: "two weeks ago" is a day, not a week
    anchor_text: str | None = None
    anchor: Expr | None = None
    checks: list[str] = field(default_factory=list)  # words the stage must confirm with the parse


Builder = Callable[[re.Match[str]], "Expr | None"]

_YEAR = r"(?<![\d$€£#.,/])(?<!\d-)(?:1[6-9]\d\d|20\d\d|21\d\d)(?![\d%]|[.,/:]\d|\s*(?:%|percent\b|per\s+cent\b))"
_PART = r"(?:(?P<part>early|late|mid|the\s+(?:beginning|start|middle|end|close|first\s+half|second\s+half)\s+of)[\s-]+)"
_ONES = "one|two|three|four|five|six|seven|eight|nine"
_TEENS = "ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen"
_TENS = "twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
# Years as transcripts spell them: "nineteen ninety-seven", "two thousand and one".
_SPELLED = (rf"nineteen[\s-]+(?:hundred|(?:{_TENS})(?:-(?:{_ONES}))?|{_TEENS})"
            rf"|two\s+thousand(?:\s+(?:and\s+)?(?:{_ONES}|{_TEENS}|twenty(?:-(?:{_ONES}))?))?")
_SHIFT_WORDS = {"last": -1, "past": -1, "previous": -1, "this": 0, "current": 0, "next": 1, "coming": 1}


class Grammar:
    """The compiled rules for one lexicon."""

    def __init__(self, lex: Lexicon):
        self.lex = lex
        full_wd = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"}
        # Full names end at a word boundary; abbreviations may carry their period ("Sept.", "Tues.").
        mon = rf"(?:{alternation(lex.full_months)})\b|(?:{alternation(set(lex.months) - lex.full_months)})\b\.?"
        wd = rf"(?:{alternation(full_wd)})\b|(?:{alternation(set(lex.weekdays) - full_wd)})\b\.?"
        tens = "twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
        num = rf"(?:\d{{1,3}}|(?:{tens})-(?:one|two|three|four|five|six|seven|eight|nine)|{alternation(lex.numbers)})"
        ordw = alternation(lex.ordinals)
        day = rf"(?:[0-3]?\d(?:st|nd|rd|th)?(?![\d,.]\d)|{ordw})"
        unit = alternation(lex.units)
        season = alternation(lex.seasons)
        holiday = alternation(lex.holidays)
        y = rf"(?P<year>{_YEAR})"
        month = rf"(?P<month>\b(?:{mon}))"
        weekday_opt = rf"(?:(?P<wd>\b(?:{wd})),?\s+(?:the\s+)?)?"
        self.rules: list[tuple[str, re.Pattern[str], Builder]] = []

        def rule(name: str, pattern: str, build: Builder) -> None:
            self.rules.append((name, re.compile(pattern, re.IGNORECASE), build))

        rule("iso", r"\b(?P<year>\d{4})-(?P<m>[01]\d)-(?P<d>[0-3]\d)\b", self._iso)
        rule("numeric", r"(?<![\d/.])(?P<a>[01]?\d)/(?P<b>[0-3]?\d)/(?P<year>\d{4})\b", self._numeric)
        rule("mdy", rf"{weekday_opt}{month}\s+(?P<day>{day})\b(?:,?\s+{y})?", self._mdy)
        rule("dmy", rf"{weekday_opt}\b(?P<day>{day})\s+(?:of\s+)?{month}(?:,?\s+{y})?", self._mdy)
        rule("month_year", rf"{_PART}?{month}(?:\s+of)?,?\s+(?:{y}|(?P<yw>{_SPELLED})\b)", self._month)
        rule("month_rel", rf"{_PART}?{month}\s+(?:of\s+)?(?P<shift>this|last|next)\s+year\b", self._month)
        rule("rel_month", rf"\b(?P<dir>this\s+past|this\s+coming|last|next|this|past|coming)\s+{month}", self._month)
        rule("month", rf"{_PART}?{month}", self._month)
        rule("year", rf"\b(?:{_PART}|(?P<fiscal>fiscal(?:\s+year)?\s+)|(?P<the>the\s+year\s+))?{y}(?!['’]?s\b)", self._year)
        rule("spelled_year", rf"\b(?P<the>the\s+year\s+)?(?P<words>{_SPELLED})\b(?![\s-]+(?:hundred|thousand|million)\b)",
             self._spelled_year)
        rule("decade", rf"\b(?:the\s+)?{_PART}?(?:(?P<dec>1[6-9]\d0|20\d0)|['’](?P<yy>\d0))['’]?s\b", self._decade)
        rule("century", rf"\b(?:the\s+)?{_PART}?(?P<cent>\d{{1,2}}(?:st|nd|rd|th)|{ordw})[\s-]+century\b", self._century)
        rule("deictic", r"\b(?:(?P<mod>early|late|earlier|later)\s+)?(?P<word>today|tonight|yesterday|tomorrow)(?:\s+(?:morning|afternoon|evening|night))?\b", self._deictic)
        rule("day_before", r"\bthe\s+day\s+(?P<rel>before|after)\s+(?P<word>yesterday|tomorrow)\b", self._deictic)
        rule("daypart", r"\b(?:this|(?P<last>last))\s+(?P<part>morning|afternoon|evening|night)\b", self._daypart)
        rule("weekday", rf"\b(?:(?P<dir>the\s+previous|the\s+following|this\s+past|this\s+coming|last|next|this|past|coming|early|late|earlier|later)\s+)?(?P<wd>\b(?:{wd}))(?:\s+(?:morning|afternoon|evening|night))?", self._weekday)
        rule("relative", r"\b(?P<mod>(?:early|late|earlier|later|the\s+end\s+of|the\s+beginning\s+of|the\s+start\s+of|the\s+middle\s+of|the\s+rest\s+of)\s+)?(?P<rel>this|last|next|the\s+past|the\s+previous|the\s+coming|the\s+current|the\s+following|the\s+same|the\s+next|the\s+preceding|the\s+latest)\s+(?P<fiscal>fiscal\s+)?(?P<unit>day|week(?:end)?|month|year|quarter|decade)\b", self._relative)
        rule("that", r"\b(?:that|the\s+same)\s+(?P<unit>day|week|month|year)\b", self._that)
        rule("in_the", r"\b(?:earlier|later)\s+in\s+the\s+(?P<unit>week|month|year)\b", self._in_the)
        rule("year_end", r"\b(?:(?:the\s+)?year[\s-]end|(?:the\s+)?year['’]s\s+end|the\s+end\s+of\s+the\s+year|(?:the\s+)?end\s+of\s+the\s+(?P<unit>month|week))\b", self._year_end)
        rule("whole_year", r"\b(?:the\s+(?:full|fiscal|whole|entire|calendar)(?:\s+fiscal)?\s+year|(?<=for\s)the\s+year)\b(?!\s+(?:ago|earlier|before|after|later|of|in|that|when|since|to|ended|ending|through)\b)", self._whole_year)
        rule("year_ago_adj", r"\b(?:the\s+)?year[\s-](?P<w>ago|earlier)\b", self._year_ago_adj)
        rule("ago", rf"\b(?:(?:about|nearly|almost|some|roughly|around|just|only|barely|more\s+than|less\s+than|over|exactly)\s+)?(?P<n>{num})(?:\s+or\s+(?:so|more|two|three))?\s+(?P<unit>{unit})(?:\s+or\s+so)?\s+(?P<w>ago|earlier|later|before|after|from\s+now|hence|previously)\b", self._ago)
        rule("quarter", rf"\b(?:the\s+)?(?:(?P<rel>last|this|next|current|latest|previous)\s+|(?P<qyear>{_YEAR})\s+|(?P<fiscal>fiscal[\s-]+))?(?P<q>first|second|third|fourth|1st|2nd|3rd|4th)[\s-]+quarter\b(?:\s+of\s+(?:(?P<year>{_YEAR})|(?P<shift>this|last|next)\s+year))?", self._quarter)
        rule("season", rf"\b(?:(?P<rel>this\s+past|this\s+coming|this|last|next|early|late|mid)[\s-]+)?(?P<season>{season})\b(?:\s+(?:of\s+)?(?:{y}|(?P<yw>{_SPELLED})\b))?", self._season)
        rule("holiday", rf"\b(?P<h>{holiday})\b(?:,?\s+{y})?", self._holiday)

    # -- builders: each returns None to reject a match ------------------------------------------

    def _e(self, m: re.Match[str], kind: str, **kw: object) -> Expr:
        return Expr(m.start(), m.end(), m.group(0), kind, **kw)  # type: ignore[arg-type]

    def _month_of(self, word: str) -> int | None:
        return self.lex.months.get(word.lower().rstrip("."))

    def _capitalised(self, word: str | None) -> bool:
        return bool(word) and word[0].isupper()  # type: ignore[index]

    def _iso(self, m: re.Match[str]) -> Expr | None:
        mo, d = int(m.group("m")), int(m.group("d"))
        return self._e(m, "date", year=int(m.group("year")), month=mo, day=d) if 1 <= mo <= 12 and d >= 1 else None

    def _numeric(self, m: re.Match[str]) -> Expr | None:
        # 4/1/2025 is April 1 in Washington and January 4 in London: where both readings are
        # possible only the year is certain, and only the year is given.
        a, b = int(m.group("a")), int(m.group("b"))
        if not (1 <= min(a, b) and max(a, b) <= 31 and min(a, b) <= 12):
            return None
        if a <= 12 and b <= 12 and a != b:
            return self._e(m, "date", year=int(m.group("year")))
        mo, d = (a, b) if a <= 12 else (b, a)
        return self._e(m, "date", year=int(m.group("year")), month=mo, day=d)

    def _mdy(self, m: re.Match[str]) -> Expr | None:
        word = m.group("month")
        if not self._capitalised(word):
            return None
        d = self.lex.day_number(m.group("day"))
        if d is None:
            return None
        e = self._e(m, "date", month=self._month_of(word), day=d)
        if m.group("year"):
            e.year = int(m.group("year"))
        if m.group("wd"):
            e.weekday = self.lex.weekdays.get(m.group("wd").lower().rstrip("."))
        return e

    def _month(self, m: re.Match[str]) -> Expr | None:
        word = m.group("month")
        gd = m.groupdict()
        if not self._capitalised(word):
            return None
        low = word.lower().rstrip(".")
        if low not in self.lex.full_months and not gd.get("year"):
            return None  # an abbreviation alone ("Mar", "Dec") is too often something else
        e = self._e(m, "date", month=self._month_of(word), part=_part(gd.get("part")))
        if gd.get("year"):
            e.year = int(gd["year"])
        elif gd.get("yw"):
            e.year = self._spelled(gd["yw"])
        elif gd.get("shift"):
            e.year_shift = _SHIFT_WORDS[gd["shift"].lower()]
        elif gd.get("dir"):
            e.direction = _direction(gd["dir"])
        elif low in self.lex.ambiguous_months:
            e.checks.append("month")
        return e

    def _year(self, m: re.Match[str]) -> Expr | None:
        e = self._e(m, "date", year=int(m.group("year")), part=_part(m.group("part")))
        if not (m.group("part") or m.group("fiscal") or m.group("the")):
            e.checks.append("year")  # a bare number: the parse says whether it is a count
        return e

    def _spelled(self, text: str) -> int | None:
        """The year "nineteen ninety-seven" or "two thousand and one" stands for."""
        words = text.lower().split()
        if words[0] == "two":
            rest = " ".join(w for w in words[2:] if w != "and")
            return 2000 + ((self.lex.number(rest) or 0) if rest else 0)
        tail = " ".join(words[1:])
        n = 0 if tail == "hundred" else self.lex.number(tail)
        return None if n is None else 1900 + n

    def _spelled_year(self, m: re.Match[str]) -> Expr | None:
        words = m.group("words").lower().split()
        year = self._spelled(m.group("words"))
        if year is None:
            return None
        if year < 1910 and not m.group("the") and words[0] != "two":
            return None  # "nineteen ten" reads as a count more often than a year
        if words[0] == "two" and not m.group("the") and len(words) == 2:
            return None  # "two thousand" alone is a number
        return self._e(m, "date", year=year)

    def _decade(self, m: re.Match[str]) -> Expr | None:
        if m.group("dec"):
            return self._e(m, "decade", decade=int(m.group("dec")) // 10, part=_part(m.group("part")))
        return self._e(m, "decade", yy=int(m.group("yy")), part=_part(m.group("part")))

    def _century(self, m: re.Match[str]) -> Expr | None:
        n = self.lex.day_number(m.group("cent"))
        return self._e(m, "century", century=n - 1) if n else None

    def _deictic(self, m: re.Match[str]) -> Expr | None:
        word = m.group("word").lower()
        if m.group("word")[0].isupper() and re.search(r"[A-Za-z]\s+$", m.string[max(0, m.start() - 2):m.start()]) \
                and m.string[max(0, m.start() - 30):m.start()].split()[-1][:1].isupper():
            return None  # "USA Today", "VOA Today": a title in mid-sentence
        n = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1}[word]
        if m.groupdict().get("rel"):
            n += -1 if m.group("rel").lower() == "before" else 1
        return self._e(m, "shift", unit="day", n=n)

    def _daypart(self, m: re.Match[str]) -> Expr | None:
        n = -1 if m.group("last") else 0
        if m.group("last") and m.group("part").lower() != "night":
            return None  # "last evening" is rare; "last morning" is an idiom, not a date
        return self._e(m, "shift", unit="day", n=n)

    def _weekday(self, m: re.Match[str]) -> Expr | None:
        word = m.group("wd")
        if not self._capitalised(word):
            return None
        low = word.lower().rstrip(".")
        if low not in {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"} \
                and "." not in word:
            return None  # "Sun", "Wed", "Sat" without a period are words
        d = (m.group("dir") or "").lower()
        direction = _direction(d) if d else None
        base = "prev" if d.startswith("the ") else "dct"
        return self._e(m, "weekday", weekday=self.lex.weekdays[low], direction=direction, base=base)

    def _relative(self, m: re.Match[str]) -> Expr | None:
        rel = " ".join(m.group("rel").lower().split())
        unit = m.group("unit").lower()
        mod = " ".join((m.group("mod") or "").lower().split())
        if unit == "decade" and rel not in {"this", "last", "next"}:
            return None  # "the past decade" is ten years back from now, not a calendar decade
        if rel in {"the past", "the previous", "the preceding"} and unit in {"week", "month"} and not mod:
            return None  # "the past week" is a stretch of time ending now, not a calendar week
        word = rel.split()[-1]
        if unit == "day" and rel not in {"the previous", "the following", "the same", "the next", "the preceding"}:
            return None  # "the last day", "this day" are not dates of their own
        base = "prev" if rel in {"the previous", "the following", "the same", "the next", "the preceding"} else "dct"
        n = {"past": -1, "previous": -1, "preceding": -1, "last": -1, "this": 0, "current": 0,
             "latest": 0, "same": 0, "coming": 1, "following": 1, "next": 1}[word]
        if rel == "the latest" and unit != "quarter" and not m.group("fiscal"):
            return None
        if rel == "the latest" and m.group("fiscal"):
            n = -1  # "the latest fiscal year" is the last one closed
        if unit == "weekend":
            unit = "week"
        part = _part(mod) if mod.startswith(("early", "late", "the")) else None
        return self._e(m, "shift", unit=unit, n=n, base=base, part=part)

    def _that(self, m: re.Match[str]) -> Expr | None:
        # "that year", "the same day": the time the narrative is at.
        return self._e(m, "shift", unit=m.group("unit").lower(), n=0, base="prev")

    def _in_the(self, m: re.Match[str]) -> Expr | None:
        # "earlier in the year": in news, as a rule, the year of the report.
        return self._e(m, "shift", unit=m.group("unit").lower(), n=0)

    def _year_end(self, m: re.Match[str]) -> Expr | None:
        unit = (m.groupdict().get("unit") or "year").lower()
        return self._e(m, "shift", unit=unit, n=0, part="end")

    def _whole_year(self, m: re.Match[str]) -> Expr | None:
        return self._e(m, "shift", unit="year", n=0)

    def _year_ago_adj(self, m: re.Match[str]) -> Expr | None:
        return self._e(m, "shift", unit="year", n=-1, base="dct" if m.group("w").lower() == "ago" else "ref")

    def _ago(self, m: re.Match[str]) -> Expr | None:
        n = self.lex.number(m.group("n"))
        if n is None or n > 400:
            return None
        unit = self.lex.units[m.group("unit").lower()]
        if unit == "fortnight":
            unit, n = "week", 2 * n
        w = " ".join(m.group("w").lower().split())
        # TimeML practice: "two weeks ago" is a day (the day two weeks back), "five months ago" a month.
        precision = "day" if unit == "week" else None
        if w == "ago":
            return self._e(m, "shift", unit=unit, n=-n, precision=precision)
        if w in {"from now", "hence"}:
            return self._e(m, "shift", unit=unit, n=n, precision=precision)
        sign = -1 if w in {"earlier", "before", "previously"} else 1
        if w in {"before", "after"}:
            return self._e(m, "offset", unit=unit, n=sign * n, precision=precision)
        # "Three days later" counts from a time named just before; with none, only "earlier" can
        # fall back on the report's date ("a year earlier": a year before now).
        return self._e(m, "shift", unit=unit, n=sign * n, base="ref" if sign < 0 else "prev", precision=precision)

    def _quarter(self, m: re.Match[str]) -> Expr | None:
        q = {"first": 1, "second": 2, "third": 3, "fourth": 4}.get(m.group("q").lower()) or int(m.group("q")[0])
        e = self._e(m, "quarter", quarter=q)
        if m.group("year") or m.group("qyear"):
            e.year = int(m.group("year") or m.group("qyear"))
        elif m.group("shift"):
            e.year_shift = _SHIFT_WORDS[m.group("shift").lower()]
        elif m.group("rel"):
            rel = m.group("rel").lower()
            # "the last quarter" names the quarter by position: a shift of quarters, not "Q4".
            return self._e(m, "shift", unit="quarter", n=_SHIFT_WORDS.get(rel, 0), quarter=q)
        return e

    def _season(self, m: re.Match[str]) -> Expr | None:
        rel = " ".join((m.group("rel") or "").lower().split())
        if not rel and not (m.group("year") or m.group("yw")):
            return None  # "summer" alone: no year to give it, and "fall"/"spring" are verbs
        e = self._e(m, "season", season=self.lex.seasons[m.group("season").lower()])
        if m.group("year") or m.group("yw"):
            e.year = int(m.group("year")) if m.group("year") else self._spelled(m.group("yw"))
        elif rel in {"early", "late", "mid"}:
            e.part = rel
        else:
            e.direction = _direction(rel)
        return e

    def _holiday(self, m: re.Match[str]) -> Expr | None:
        if not self._capitalised(m.group("h")):
            return None
        mo, d = self.lex.holidays[" ".join(m.group("h").lower().split())]
        e = self._e(m, "date", month=mo, day=d)
        if m.group("year"):
            e.year = int(m.group("year"))
        return e

    # -- finding -----------------------------------------------------------------------------

    def find(self, text: str) -> list[Expr]:
        """All time expressions of ``text``, leftmost-longest, in text order; offsets link them."""
        found: list[Expr] = []
        for _name, pattern, build in self.rules:
            for m in pattern.finditer(text):
                e = build(m)
                if e is not None:
                    found.append(e)
        found.sort(key=lambda e: (e.start, -(e.end - e.start)))
        chosen: list[Expr] = []
        for e in found:
            if chosen and e.start < chosen[-1].end:
                continue
            chosen.append(e)
        return self._link_offsets(text, chosen)

    def _link_offsets(self, text: str, exprs: list[Expr]) -> list[Expr]:
        """Give each "N units after/before" its anchor: the next expression or the event phrase."""
        for i, e in enumerate(exprs):
            if e.kind != "offset":
                continue
            nxt = exprs[i + 1] if i + 1 < len(exprs) else None
            gap = text[e.end:nxt.start] if nxt else ""
            if nxt and re.fullmatch(r"\s*(?:the\s+)?", gap) and nxt.kind != "offset":
                e.anchor = nxt
                continue
            # The event phrase: up to the end of the clause, a few words at most.
            m = re.match(r"\s+((?:[\w'’-]+\s*){1,6}?)(?=[,.;:!?)\"”]|\s+(?:and|but|when|while|as|in|on|at|to|with|after|before)\b|$)",
                         text[e.end:e.end + 80])
            if m:
                e.anchor_text = m.group(1).strip()
        return exprs


def _part(word: str | None) -> str | None:
    """"early", "mid", "late", "end" from a modifier such as "the end of", or None."""
    if not word:
        return None
    w = " ".join(word.lower().split())
    for key, part in (("early", "early"), ("beginning", "early"), ("start", "early"), ("first half", "early"),
                      ("mid", "mid"), ("middle", "mid"), ("late", "late"), ("second half", "late"),
                      ("end", "end"), ("close", "end")):
        if key in w:
            return part
    return None


def _direction(word: str) -> str | None:
    """"past", "future" or "this" for a modifier of a weekday, month or season."""
    w = " ".join(word.lower().split())
    if w in {"last", "past", "this past", "the previous"}:
        return "past"
    if w in {"next", "coming", "this coming", "the following"}:
        return "future"
    if w == "this":
        return "this"
    return None  # "early", "later": a part of the day, the tense decides which day


_GRAMMAR: Grammar | None = None


def grammar() -> Grammar:
    """The grammar of the shipped lexicon, compiled once per process."""
    global _GRAMMAR
    if _GRAMMAR is None:
        _GRAMMAR = Grammar(load())
    return _GRAMMAR


def find(text: str) -> list[Expr]:
    """The time expressions of ``text`` (unresolved), in order."""
    return grammar().find(text)
