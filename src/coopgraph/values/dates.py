"""Dates, months and years, completed from the document date when partial."""

from __future__ import annotations

import calendar
import datetime
import re
from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from coopgraph.values.numbers import ALT, occurrences, scan, select_longest, word_starts

__all__ = ["DateMention", "date_candidates", "find_dates"]


@dataclass(frozen=True)
class DateMention:
    """A date as written, with its lexical value and how the sentence relates to it."""

    value: str
    datatype: str
    start: int
    end: int
    text: str
    relation: str


_MONTHS = {name.lower(): number for number, name in enumerate(calendar.month_name) if name}
_MONTHS |= {name.lower(): number for number, name in enumerate(calendar.month_abbr) if name}
_MONTHS["sept"] = 9
MONTH = r"(?P<month>" + ALT(n.capitalize() for n in sorted(_MONTHS, key=len, reverse=True)) + r")"
MONTH_DOTTED = MONTH + r"(?:(?<=[a-z])\.)?"
DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
FIRST_DAY = r"(?:(?P<first>[0-3]?\d)(?:st|nd|rd|th)?\s*(?:-|–|to|and)\s*)?"
"""The first day of a range written before its last ("3 to 5 June", "3-5 June 2025")."""
YEAR = r"(?P<year>(?:1[89]|20)\d{2})"
_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
WEEKDAY = r"(?:" + ALT(_WEEKDAYS) + r")"
_WEEKDAY_NAME = re.compile(WEEKDAY)
_WEEKDAY_SPAN = 12  # candidate years reach this far beyond the years a text mentions
THIS_YEAR = r"(?P<this>this|last|next)\s+year"


@dataclass(frozen=True)
class _Opening:
    """The words one of which opens every match of a pattern (case ignored or not)."""

    words: tuple[str, ...]
    ignore_case: bool = False

    def starts(self, text: str) -> list[int] | None:
        """Where such a match may begin in ``text`` (None: anywhere)."""
        if self.ignore_case:
            return word_starts(text, self.words)
        return occurrences(text, self.words)


@dataclass(frozen=True)
class _Chars:
    """The characters one of which opens every match of a pattern."""

    pattern: re.Pattern[str]

    def starts(self, text: str) -> list[int]:
        return [m.start() for m in self.pattern.finditer(text)]


_DIGIT = _Chars(re.compile(r"\d"))  # how DAY begins (any decimal digit)
_CENTURY = _Opening(("18", "19", "20"))  # how YEAR begins
_MONTH_NAME = _Opening(tuple(n.capitalize() for n in _MONTHS))  # how MONTH begins
_DAY_NAME = _Opening(_WEEKDAYS + _MONTH_NAME.words)  # an optional weekday, then MONTH

_DATE_PATTERNS: tuple[tuple[str, re.Pattern[str], _Opening | _Chars], ...] = tuple(
    (kind, re.compile(pattern), first)
    for kind, pattern, first in (
        ("date", rf"\b{YEAR}-(?P<mnum>[01]\d)-(?P<day>[0-3]\d)\b", _CENTURY),
        ("date", rf"\b{FIRST_DAY}{DAY}[-/ ]{MONTH_DOTTED}[-/ ,]\s?{YEAR}\b", _DIGIT),
        ("date", rf"\b{FIRST_DAY}{DAY}\s+{MONTH_DOTTED}\b", _DIGIT),  # "on 28 November"
        ("date", rf"(?:\b{WEEKDAY},?\s+)?\b{MONTH_DOTTED}\s+{DAY},?\s+{YEAR}\b", _DAY_NAME),
        (
            "date",
            rf"(?:\b{WEEKDAY}\s*(?P<paren>\()\s*|\b{WEEKDAY},?\s+)?\b{MONTH_DOTTED}\s+"
            rf"{DAY}\b(?(paren)\s*\))(?:\s+{THIS_YEAR})?",
            _DAY_NAME,
        ),
        ("gYearMonth", rf"\b{MONTH}(?:,?\s+{YEAR}|\s+{THIS_YEAR})\b", _MONTH_NAME),
        (
            "gYearMonth",
            rf"(?i:\b(?:in|since|by|until|during|from|before|after)\s+)"
            rf"(?P<alone>{MONTH})\b",
            _Opening(("in", "since", "by", "until", "during", "from", "before", "after"), True),
        ),
        (  # "next March", "last May": the month's year as for a month alone
            "gYearMonth",
            rf"(?i:\b(?:next|last|this)\s+)(?P<alone>{MONTH})\b",
            _Opening(("next", "last", "this"), True),
        ),
        (
            "gYear",
            rf"(?i:\b(?P<mid>mid|early|late)-?\s?){YEAR}\b",
            _Opening(("mid", "early", "late"), True),
        ),
        ("gYear", rf"(?<![\w$€£¥,.-]){YEAR}\b(?!\d|%|[.,]\d|-\d)", _CENTURY),
        (
            "gYear",
            r"(?i:\b(?P<end>(?:the\s+)?end\s+of\s+(?:the|this)\s+year)\b)",
            _Opening(("the", "end"), True),
        ),
        ("gYear", rf"(?i:\b{THIS_YEAR}\b)", _Opening(("this", "last", "next"), True)),
    )
)
"""Each pattern with where its matches may begin: the words (or characters) that open them."""

_RELATION_CUES = (
    ("since", re.compile(r"(?i)\bsince(?:\s+[^\s.,;]+){0,4}\s+in\s+$|\bsince\s+$")),
    ("by", re.compile(r"(?i)\b(?:by|before|until|till|to|no later than)\s+(?:the end of\s+)?$")),
    ("on", re.compile(r"(?i)\bon\s+$")),
    ("in", re.compile(r"(?i)\b(?:in|during|as of|from|of)\s+$")),
)
_YEAR_CUE = re.compile(
    r"(?i)\b(?:in|since|by|of|from|until|till|to|before|after|during|around|between|and|year|"
    r"fy|as of|end of|early|late)\s+$"
)
_NOUN_AFTER = re.compile(
    r"\s+(?!(?:and|or|to|the|a|an|as|at|by|for|from|in|into|on|of|through|when|with|is|are|"
    r"was|were|will|would|has|have|had|saw|marks?|onwards?)\b)[a-z][a-z-]+\b"
)


def _relation(text: str, start: int, default: str) -> str:
    before = text[max(0, start - 60) : start]
    for relation, cue in _RELATION_CUES:
        if cue.search(before):
            return relation
    return default


def _year_of(
    match: re.Match[str], reference: datetime.date | None, years: tuple[int, ...] = ()
) -> int | None:
    groups = match.groupdict()
    if groups.get("year"):
        return int(groups["year"])
    if reference is None:
        return weekday_year(match, years)
    return reference.year + {"last": -1, "next": 1}.get((groups.get("this") or "").lower(), 0)


_FUTURE = re.compile(
    r"(?i)\b(?:will|shall|would|next|expected|expects|plans?|planned|due|scheduled|set to|"
    r"slated|to be|upcoming|forthcoming|aims?|until|by)\b"
)


def _year_shift(
    groups: dict[str, Any], text: str, start: int, reference: datetime.date | None, month: int
) -> int:
    """How many years a month written without its year lies from the document's: one before
    when later in the year than the document's date ("said at a conference in December" in a
    March story), one after when earlier and the sentence looks ahead ("will be held in March"
    in a November story), else none."""
    if reference is None or groups.get("year") or groups.get("this"):
        return 0
    day = groups.get("first") or groups.get("day")
    sentence = re.split(r"[.!?]\s", text[max(0, start - 200) : start])[-1]
    ahead = _FUTURE.search(sentence) is not None
    if (month, int(day or 1)) > (reference.month, reference.day) and not ahead:
        return -1
    if (month, int(day or 31)) < (reference.month, reference.day) and ahead:
        return 1
    return 0


def weekday_year(match: re.Match[str], years: tuple[int, ...]) -> int | None:
    """The year of a yearless "Tuesday (December 8th)": among the years in which that day
    falls on that weekday, the one nearest to a year the text mentions; None when no year is
    mentioned, the date names no weekday, or two candidate years are equally near."""
    weekday = _WEEKDAY_NAME.match(match[0])
    groups = match.groupdict()
    if not years or weekday is None or not groups.get("day") or not groups.get("month"):
        return None
    month, day = _MONTHS[groups["month"].lower()], int(groups["day"])
    wanted = _WEEKDAYS.index(weekday[0])
    distance: dict[int, int] = {}
    for year in range(min(years) - _WEEKDAY_SPAN, max(years) + _WEEKDAY_SPAN + 1):
        try:
            if datetime.date(year, month, day).weekday() == wanted:
                distance[year] = min(abs(year - y) for y in years)
        except ValueError:  # 29 February of a common year
            continue
    if not distance:
        return None
    nearest = min(distance.values())
    best = [year for year, d in distance.items() if d == nearest]
    return best[0] if len(best) == 1 else None


def _mentioned_years(text: str) -> tuple[int, ...]:
    """The years a text writes in full (dates and years), to place yearless dates."""
    found = select_longest(date_candidates(text, None))
    return tuple(sorted({int(m.value[:4]) for m in found if m is not None}))


def _date_mention(
    kind: str,
    match: re.Match[str],
    text: str,
    reference: datetime.date | None,
    years: tuple[int, ...] = (),
) -> DateMention | None:
    groups = match.groupdict()
    start, end = match.span("alone") if groups.get("alone") else match.span()
    if groups.get("end") or (kind == "gYear" and groups.get("this")):
        if reference is None:
            return None
        relation = "by" if groups.get("end") else _relation(text, start, "in")
        return DateMention(str(_year_of(match, reference)), kind, start, end, match[0], relation)
    year = _year_of(match, reference, years)
    if year is None:
        return None
    if kind == "gYear":
        cued = groups.get("mid") is not None or _YEAR_CUE.search(text[max(0, start - 12) : start])
        if not cued and _NOUN_AFTER.match(text, end):  # "2000 people": a count, not a year
            return None
        mid = (groups.get("mid") or "").lower() == "mid"
        relation = "mid" if mid else _relation(text, start, "in")
        return DateMention(f"{year:04d}", kind, start, end, text[start:end], relation)
    month = int(groups["mnum"]) if groups.get("mnum") else _MONTHS[groups["month"].lower()]
    year += _year_shift(groups, text, start, reference, month)
    if kind == "gYearMonth":
        value = f"{year:04d}-{month:02d}"
        return DateMention(value, kind, start, end, text[start:end], _relation(text, start, "in"))
    try:  # a range is dated by its first day
        day = datetime.date(year, month, int(groups.get("first") or groups["day"]))
    except ValueError:
        return None
    return DateMention(day.isoformat(), kind, start, end, match[0], _relation(text, start, "on"))


@lru_cache(maxsize=8)
def _date_matches(text: str) -> tuple[tuple[str, re.Match[str]], ...]:
    """Every match of every date pattern, pattern by pattern (the quantity finder and the
    date finder both read a document's dates: the text is scanned once)."""
    return tuple(
        (kind, match)
        for kind, pattern, first in _DATE_PATTERNS
        for match in _finditer(pattern, first, text)
    )


def _finditer(
    pattern: re.Pattern[str], first: _Opening | _Chars, text: str
) -> Iterator[re.Match[str]]:
    """``pattern.finditer(text)``, trying the pattern only where its matches may begin."""
    return scan(pattern, text, first.starts(text))


def date_candidates(
    text: str, reference: datetime.date | None, years: tuple[int, ...] = ()
) -> Iterator[tuple[int, int, Any]]:
    for kind, match in _date_matches(text):
        mention = _date_mention(kind, match, text, reference, years)
        if mention is not None:
            yield mention.start, mention.end, mention
        elif kind != "gYear":  # unresolvable: still claim the span from shorter readings
            yield match.start(), match.end(), None


def find_dates(text: str, reference: datetime.date | None = None) -> list[DateMention]:
    """Dates, months and years; ``reference`` (the document date) completes partial dates.

    A day or month without a year takes the year of ``reference`` ("this year" too; "last
    year" and "next year" count from it). Without ``reference``, a day with its weekday
    ("Tuesday (December 8th)") takes the year, among those where it falls on that weekday,
    nearest to the years the text writes (see :func:`weekday_year`); other partial dates are
    skipped.
    Relations: "by" for deadlines ("by 2025", "by the end of"), "since", "mid" ("mid-2021"),
    "on" for days, "in" otherwise ("in 2015", "As of 2023").

    >>> [(d.value, d.relation) for d in find_dates("held annually since 2004")]
    [('2004', 'since')]
    """
    years = _mentioned_years(text) if reference is None and _WEEKDAY_NAME.search(text) else ()
    found = [m for m in select_longest(date_candidates(text, reference, years)) if m is not None]
    if reference is not None:
        found = sorted(found + _weekdays_before(text, reference, found), key=lambda m: m.start)
    return sorted(found + _years_told_back(text, found), key=lambda m: m.start)


_YEAR_BACK = re.compile(
    r"(?i)\b(?:(?P<same>that(?:\s+same)?\s+year|the\s+same\s+year)"
    r"|(?P<after>the\s+(?:following|next)\s+year|a\s+year\s+later)"
    r"|(?P<before>the\s+(?:previous|preceding)\s+year|a\s+year\s+(?:earlier|before)"
    r"|the\s+year\s+before))\b"
)


def _years_told_back(text: str, found: list[DateMention]) -> list[DateMention]:
    """ "that year", "the following year", "a year earlier": counted from the last date the
    text wrote before them ("signed at the council's meeting that year")."""
    told = []
    starts = [m.start for m in found]
    for match in _YEAR_BACK.finditer(text):
        before = bisect_right(starts, match.start()) - 1
        if before < 0 or any(m.start < match.end() and match.start() < m.end for m in found):
            continue
        year = int(found[before].value[:4])
        year += 1 if match["after"] else -1 if match["before"] else 0
        relation = _relation(text, match.start(), "in")
        told.append(DateMention(f"{year:04d}", "gYear", *match.span(), match[0], relation))
    return told


_ON_WEEKDAY = re.compile(rf"\b[Oo]n\s+(?P<day>{WEEKDAY})\b(?!\s*,?\s*(?:\(|{MONTH}|\d))")


def _weekdays_before(
    text: str, reference: datetime.date, found: list[DateMention]
) -> list[DateMention]:
    """ "on Friday" in a dated article: the last such day on or before the article's date, as
    news reports what happened that week."""
    taken = [(m.start, m.end) for m in found]
    dated = []
    for match in _ON_WEEKDAY.finditer(text):
        start, end = match.start("day"), match.end("day")
        if any(s < end and start < e for s, e in taken):
            continue
        back = (reference.weekday() - _WEEKDAYS.index(match["day"])) % 7
        day = reference - datetime.timedelta(days=back)
        dated.append(DateMention(day.isoformat(), "date", start, end, match["day"], "on"))
    return dated
