"""Resolving a found time expression to an ISO 8601 value, given an anchor date and the tense.

The anchor is what "today" means: the publication date, or (with none) a date or year read in the
text. It may be partial (a year only); then whatever needs more (a weekday, "yesterday") stays
unresolved rather than guessed. Values keep the precision of the phrase: ``2025-04-01``,
``2025-04``, ``2025``, weeks ``2025-W14``; for units ISO 8601 has no form for, the TimeML forms
``2025-Q2`` (quarter), ``2025-SU`` (season), ``199`` (decade) and ``19`` (century). A month and
day with no year known at all is ``--04-01`` (ISO 8601's year-less form), never a guessed year.
"""
from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta

from .dates_find import Expr

_SEASON_START = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}
# How far past the anchor a past-tense month-day may lie and still be this year's: a past-tense
# report often names a date ahead ("extended the offer to Nov. 20", "declared a dividend payable
# Dec. 15"), while last year's date is the one far ahead of the anchor. Mirrored for the future.
_PAST_GRACE = timedelta(days=62)
_FUTURE_GRACE = timedelta(days=14)


@dataclass(frozen=True)
class Anchor:
    """A point in time known to the precision given (month and day may be unknown)."""

    year: int
    month: int | None = None
    day: int | None = None

    @property
    def date(self) -> date | None:
        return date(self.year, self.month, self.day) if self.month and self.day else None

    @classmethod
    def parse(cls, value: str | None) -> Anchor | None:
        """The anchor an ISO value stands for ("2025-04-01T10:00Z", "2025-W14", "2025-Q2", "2025")."""
        if not value:
            return None
        m = re.match(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?(?![\d])", value)
        if m:
            y, mo, d = int(m.group(1)), m.group(2), m.group(3)
            if mo and not 1 <= int(mo) <= 12:
                return cls(y)
            if d and not 1 <= int(d) <= calendar.monthrange(y, int(mo))[1]:
                return cls(y, int(mo))
            return cls(y, int(mo) if mo else None, int(d) if d else None)
        m = re.fullmatch(r"(\d{4})-W(\d{2})", value)
        if m:  # a week stands for its Thursday, which lies in the ISO year (and its month) of the week
            thursday = date.fromisocalendar(int(m.group(1)), int(m.group(2)), 4)
            return cls(thursday.year, thursday.month, None)
        m = re.fullmatch(r"(\d{4})-(?:Q[1-4]|SP|SU|FA|WI|H[12])", value)
        return cls(int(m.group(1))) if m else None


def iso(y: int, m: int | None = None, d: int | None = None) -> str:
    """"2025", "2025-04" or "2025-04-01"."""
    if m is None:
        return f"{y:04d}"
    if d is None:
        return f"{y:04d}-{m:02d}"
    return f"{y:04d}-{m:02d}-{d:02d}"


def week(d: date) -> str:
    y, w, _ = d.isocalendar()
    return f"{y:04d}-W{w:02d}"


def add_months(y: int, m: int, n: int) -> tuple[int, int]:
    k = y * 12 + (m - 1) + n
    return k // 12, k % 12 + 1


def _valid(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


def resolve(e: Expr, anchor: Anchor | None, tense: str | None = None, ref: Anchor | None = None) -> str | None:
    """The ISO value of ``e`` anchored on ``anchor`` (``ref``: the reference time, for "the
    following day"), reading ``tense`` ("past", "future", "present" or None) for the direction of
    bare weekdays, months and month-days. None where the anchor does not say enough."""
    if e.base in {"ref", "prev"} and ref is not None and e.kind in {"shift", "weekday"}:
        value = _resolve(e, ref, tense)
        if value is not None:
            return value
    if e.base == "prev":
        return None  # "the following day" with no day before it: nothing to count from
    return _resolve(e, anchor, tense)


def _resolve(e: Expr, a: Anchor | None, tense: str | None) -> str | None:
    kind = e.kind
    if kind == "date":
        return _date(e, a, tense)
    if kind == "century":
        return f"{e.century:02d}" if e.century is not None else None
    if kind == "decade":
        if e.decade is not None:
            return f"{e.decade:03d}"
        if a is None or e.yy is None:
            return None
        century = a.year // 100 - (1 if e.yy > a.year % 100 else 0)  # "the '90s" written in 2025: 1990s
        return f"{century * 10 + e.yy // 10:03d}"
    if kind == "quarter":
        return _quarter(e, a, tense)
    if kind == "season":
        return _season(e, a)
    if kind == "weekday":
        return _weekday(e, a, tense)
    if kind in {"shift", "offset"}:
        return shift(a, e.unit or "day", e.n, e.precision)
    return None


def _date(e: Expr, a: Anchor | None, tense: str | None) -> str | None:
    y = e.year
    if y is None and e.year_shift is not None:
        if a is None:
            return None
        y = a.year + e.year_shift
    if y is not None:
        if e.month and e.day and _valid(y, e.month, e.day) is None:
            return iso(y, e.month)
        return iso(y, e.month, e.day)
    if e.month is None:
        return None
    if a is None:  # never invent a year: keep what the text says
        return f"--{e.month:02d}-{e.day:02d}" if e.day else f"--{e.month:02d}"
    if a.month is None:  # only the year is known: take it as is
        return iso(a.year, e.month, e.day)
    if e.day is None:
        if e.direction == "past":  # "last May": the latest May before this month
            return iso(a.year - 1 if e.month >= a.month else a.year, e.month)
        if e.direction == "future":
            return iso(a.year + 1 if e.month <= a.month else a.year, e.month)
        return iso(_month_year(e.month, a, e.direction or _tense_direction(tense)), e.month)
    return _month_day(e, a, tense)


def _tense_direction(tense: str | None) -> str | None:
    return {"past": "past", "future": "future"}.get(tense or "")


def _month_year(month: int, a: Anchor, direction: str | None, explicit: bool = False) -> int:
    """The year of a bare month: the nearest such month, or the one on the side the direction
    says. The tense is allowed a month's slack ("said the plant would reopen in November", written
    in late October, is reported in the past tense); "last"/"next" are not."""
    assert a.month is not None
    slack = 0 if explicit else 1
    if direction == "past":
        return a.year - 1 if month > a.month + slack else a.year
    if direction == "future":
        return a.year + 1 if month < a.month - slack else a.year
    if direction == "this":
        return a.year
    # No direction: the nearest such month, with a lean to the past (news reports what happened).
    if month - a.month > 6:
        return a.year - 1
    if a.month - month > 8:
        return a.year + 1
    return a.year


def _month_day(e: Expr, a: Anchor, tense: str | None) -> str | None:
    assert e.month is not None and e.day is not None and a.month is not None
    ad = a.date or date(a.year, a.month, 15)
    options: list[tuple[int, date]] = []
    for y in (a.year - 1, a.year, a.year + 1):
        d = _valid(y, e.month, e.day)
        if d is not None:
            options.append((y, d))
    if not options:
        return iso(a.year, e.month)
    if e.weekday is not None:  # "Tuesday, April 1": the year whose April 1 is a Tuesday
        fits = [(y, d) for y, d in options if d.weekday() == e.weekday]
        if len(fits) == 1:
            return iso(fits[0][0], e.month, e.day)
    same = next((d for y, d in options if y == a.year), None)
    direction = _tense_direction(tense)
    if same is not None:
        if direction == "past" and same > ad + _PAST_GRACE:
            return iso(a.year - 1, e.month, e.day)
        if direction == "future" and same < ad - _FUTURE_GRACE:
            return iso(a.year + 1, e.month, e.day)
        if direction or abs((same - ad).days) <= 183:
            return iso(a.year, e.month, e.day)
    y, _ = min(options, key=lambda yd: abs((yd[1] - ad).days))
    return iso(y, e.month, e.day)


def _weekday(e: Expr, a: Anchor | None, tense: str | None) -> str | None:
    if a is None or a.date is None or e.weekday is None:
        return None
    ad = a.date
    back = (ad.weekday() - e.weekday) % 7  # days back to the latest such weekday (0: the anchor day)
    if e.direction == "past":
        delta = -(back or 7)
    elif e.direction == "future":
        delta = (e.weekday - ad.weekday()) % 7 or 7
    elif e.direction == "this":
        delta = -back if tense == "past" else (e.weekday - ad.weekday()) % 7
    elif tense == "past":
        delta = -back
    elif tense == "future":
        delta = (e.weekday - ad.weekday()) % 7 or 7
    else:  # no tense to go by: the nearest one, the past one on a tie (news reports what happened)
        delta = -back if back <= 3 else 7 - back
    return (ad + timedelta(days=delta)).isoformat()


def _quarter(e: Expr, a: Anchor | None, tense: str | None) -> str | None:
    assert e.quarter is not None
    y = e.year
    if y is None:
        if a is None:
            return None
        y = a.year + (e.year_shift or 0)
        if e.year_shift is None and a.month is not None:
            current = (a.month - 1) // 3 + 1
            if tense == "past" and e.quarter > current:
                y -= 1
    return f"{y:04d}-Q{e.quarter}"


def _season(e: Expr, a: Anchor | None) -> str | None:
    assert e.season is not None
    if e.year is not None:
        return f"{e.year:04d}-{e.season}"
    if a is None:
        return None
    y = a.year
    if a.month is not None and e.direction in {"past", "future"}:
        start = _SEASON_START[e.season]
        if e.direction == "past" and start + 3 > a.month:
            y -= 1
        elif e.direction == "future" and start <= a.month:
            y += 1
    return f"{y:04d}-{e.season}"


def shift(a: Anchor | None, unit: str, n: int, precision: str | None = None) -> str | None:
    """The anchor moved by ``n`` ``unit``s, at the unit's precision (or ``precision`` if finer)."""
    if a is None:
        return None
    if unit == "day" or precision == "day":
        if a.date is None:
            return None
        days = n * (7 if unit == "week" else 1)
        if unit in {"month", "quarter", "year"}:
            y, m = add_months(a.year, a.month or 1, n * {"month": 1, "quarter": 3, "year": 12}[unit])
            d = min(a.date.day, calendar.monthrange(y, m)[1])
            return iso(y, m, d)
        return (a.date + timedelta(days=days)).isoformat()
    if unit == "week":
        return week(a.date + timedelta(weeks=n)) if a.date else None
    if unit == "month":
        if a.month is None:
            return None
        return iso(*add_months(a.year, a.month, n))
    if unit == "quarter":
        if a.month is None:
            return None
        k = a.year * 4 + (a.month - 1) // 3 + n
        return f"{k // 4:04d}-Q{k % 4 + 1}"
    if unit == "year":
        return iso(a.year + n)
    if unit == "decade":
        return f"{a.year // 10 + n:03d}"
    return None
