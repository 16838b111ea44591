"""Find money amounts, dates and counted quantities in text, with normalised values.

Offsets are relative to the string passed in. The currency marks, area units and the nouns
that count people are data (``data/currencies.yaml``, ``data/units.yaml``); the grammar of
numbers, qualifiers and dates is here.

Relative expressions that need an event date rather than the document date ("two years
later", "the following year") are not resolved and yield no mention.
"""

from __future__ import annotations

import calendar
import datetime
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from coopgraph.settings import PROJECT_ROOT

__all__ = [
    "Amount",
    "DateMention",
    "MoneyMention",
    "Quantity",
    "find_dates",
    "find_money",
    "find_quantities",
    "parse_number",
]

DATA_DIR = PROJECT_ROOT / "data"

QUALIFIERS = {
    "more than": "MoreThan", "over": "MoreThan", "in excess of": "MoreThan",
    "exceeding": "MoreThan", "upwards of": "MoreThan",
    "at least": "AtLeast", "no less than": "AtLeast", "not less than": "AtLeast",
    "no fewer than": "AtLeast", "a minimum of": "AtLeast",
    "about": "About", "around": "About", "approximately": "About", "approx.": "About",
    "roughly": "About", "some": "About", "an estimated": "About", "estimated": "About",
    "nearly": "Nearly", "almost": "Nearly", "close to": "Nearly", "just under": "Nearly",
    "up to": "AtMost", "at most": "AtMost", "no more than": "AtMost", "a maximum of": "AtMost",
    "less than": "LessThan", "fewer than": "LessThan", "under": "LessThan", "below": "LessThan",
}  # fmt: skip
"""Words before a number, to the cg:Qualifier they express ("Exactly" when there is none)."""

_UNITS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
          "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
          "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
          "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
          "seventy": 70, "eighty": 80, "ninety": 90, "a dozen": 12, "dozen": 12,
          "a hundred": 100, "hundred": 100, "a thousand": 1000, "thousand": 1000}  # fmt: skip
_SCALES = {"hundred": 10**2, "thousand": 10**3, "million": 10**6, "mn": 10**6, "mln": 10**6,
           "m": 10**6, "billion": 10**9, "bn": 10**9, "trillion": 10**12, "k": 10**3}  # fmt: skip

_ALT = "|".join
_QUALIFIER = _ALT(re.escape(q) for q in sorted(QUALIFIERS, key=len, reverse=True))
_WORD_NUMBER = _ALT(sorted(_UNITS, key=len, reverse=True))
_DIGITS = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_BARE_NUMBER = rf"(?:(?P<digits>{_DIGITS})(?![\w]|[.,]\d)|(?i:\b(?P<words>{_WORD_NUMBER})\b))"
NUMBER = rf"(?<![\w.,/+#-]){_BARE_NUMBER}"
"""A number in figures or words; not part of a code, a phone number or an ordinal."""
SCALE = (
    r"(?:\s?(?P<scale>(?i:hundred|thousand|million|billion|trillion|mln|mn|bn)\b)"
    r"|(?P<suffix>[mk]|bn)\b)"
)
QUALIFIED = rf"(?:(?P<qualifier>(?i:{_QUALIFIER}))\s+)?"


@dataclass(frozen=True)
class Amount:
    """A sum of money in one currency."""

    value: Decimal
    currency: str


@dataclass(frozen=True)
class MoneyMention:
    """Money as written: one or more amounts (the same sum in several currencies)."""

    amounts: tuple[Amount, ...]
    qualifier: str
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class DateMention:
    """A date as written, with its lexical value and how the sentence relates to it."""

    value: str
    datatype: str
    start: int
    end: int
    text: str
    relation: str


@dataclass(frozen=True)
class Quantity:
    """A counted or measured quantity: "more than 70 patent applications"."""

    value: Decimal
    qualifier: str
    unit: str
    noun: str
    start: int
    end: int
    text: str


def parse_number(digits: str | None, words: str | None, scale: str | None = None) -> Decimal:
    """The value of a number written in figures or words, times its scale word."""
    if digits:
        value = Decimal(digits.replace(",", ""))
    else:
        value = Decimal(_UNITS[" ".join((words or "").lower().split())])
    if scale:
        value *= _SCALES[scale.lower()]
    return _tidy(value)


def _tidy(value: Decimal) -> Decimal:
    """``1.4E+9`` as ``1400000000``; keep real fractions."""
    if value == value.to_integral_value():
        return value.quantize(Decimal(1))
    return value.normalize()


def _qualifier(words: str | None) -> str:
    return QUALIFIERS[" ".join(words.lower().split())] if words else "Exactly"


def _select(candidates: Iterable[tuple[int, int, Any]]) -> list[Any]:
    """The longest non-overlapping candidates, leftmost first, in text order."""
    chosen: list[tuple[int, int, Any]] = []
    for start, end, item in sorted(candidates, key=lambda c: (c[0], c[0] - c[1])):
        if all(end <= s or start >= e for s, e, _ in chosen):
            chosen.append((start, end, item))
    return [item for _, _, item in sorted(chosen, key=lambda c: c[0])]


# -- money -------------------------------------------------------------------------------


@lru_cache
def _currencies(directory: Path = DATA_DIR) -> tuple[dict[str, str], dict[str, str]]:
    """Marks written before and after a number, to ISO 4217 codes, checked against the list."""
    codes = set((directory / "iso4217.txt").read_text(encoding="utf-8").split()) - {"#"}
    table = yaml.safe_load((directory / "currencies.yaml").read_text(encoding="utf-8"))
    before: dict[str, str] = {}
    after: dict[str, str] = {}
    for code, marks in table.items():
        if code not in codes:
            raise ValueError(f"{directory / 'currencies.yaml'}: {code!r} is not an ISO 4217 code")
        before.update(dict.fromkeys(marks.get("before", []), code))
        after.update(dict.fromkeys(marks.get("after", []), code))
    return before, after


@lru_cache
def _money_patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    before, after = _currencies()
    marks_before = _ALT(re.escape(m) for m in sorted(before, key=len, reverse=True))
    marks_after = _ALT(re.escape(m) for m in sorted(after, key=len, reverse=True))
    prefixed = rf"(?<![A-Za-z$])(?P<mark>{marks_before})\s?{_BARE_NUMBER}{SCALE}?"
    suffixed = rf"{NUMBER}{SCALE}?\s(?P<mark>(?i:{marks_after}))(?![\w$])"
    return re.compile(QUALIFIED + prefixed), re.compile(QUALIFIED + suffixed)


def _amount(match: re.Match[str], after: bool) -> Amount:
    before_marks, after_marks = _currencies()
    table = {k.lower(): v for k, v in after_marks.items()} if after else before_marks
    scale = match["scale"] or match["suffix"]
    mark = match["mark"].lower() if after else match["mark"]
    return Amount(parse_number(match["digits"], match["words"], scale), table[mark])


def find_money(text: str) -> list[MoneyMention]:
    """Sums of money; an amount followed by its conversion in brackets is one mention.

    >>> [a.currency for a in find_money("S$61 million (RMB300 million)")[0].amounts]
    ['SGD', 'CNY']
    """
    prefixed, suffixed = _money_patterns()
    found = [
        (m.start(), m.end(), (m, pattern is suffixed))
        for pattern in (prefixed, suffixed)
        for m in pattern.finditer(text)
    ]
    mentions: list[MoneyMention] = []
    for match, after in _select(found):
        amount = _amount(match, after)
        previous = mentions[-1] if mentions else None
        gap = text[previous.end : match.start()] if previous else ""
        if previous and re.fullmatch(r"\s*\(\s*", gap) and text[match.end() :].startswith(")"):
            mentions[-1] = MoneyMention(
                amounts=(*previous.amounts, amount),
                qualifier=previous.qualifier,
                start=previous.start,
                end=match.end() + 1,
                text=text[previous.start : match.end() + 1],
            )
            continue
        mentions.append(
            MoneyMention((amount,), _qualifier(match["qualifier"]), *match.span(), match[0])
        )
    return mentions


# -- dates -------------------------------------------------------------------------------

_MONTHS = {name.lower(): number for number, name in enumerate(calendar.month_name) if name}
_MONTHS |= {name.lower(): number for number, name in enumerate(calendar.month_abbr) if name}
_MONTHS["sept"] = 9
MONTH = r"(?P<month>" + _ALT(n.capitalize() for n in sorted(_MONTHS, key=len, reverse=True)) + r")"
MONTH_DOTTED = MONTH + r"(?:(?<=[a-z])\.)?"
DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
YEAR = r"(?P<year>(?:1[89]|20)\d{2})"
WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
THIS_YEAR = r"(?P<this>this|last|next)\s+year"

_DATE_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (kind, re.compile(pattern))
    for kind, pattern in (
        ("date", rf"\b{YEAR}-(?P<mnum>[01]\d)-(?P<day>[0-3]\d)\b"),
        ("date", rf"\b{DAY}[-/ ]{MONTH_DOTTED}[-/ ,]\s?{YEAR}\b"),
        ("date", rf"(?:\b{WEEKDAY},?\s+)?\b{MONTH_DOTTED}\s+{DAY},?\s+{YEAR}\b"),
        (
            "date",
            rf"(?:\b{WEEKDAY}\s*(?P<paren>\()\s*|\b{WEEKDAY},?\s+)?\b{MONTH_DOTTED}\s+"
            rf"{DAY}\b(?(paren)\s*\))(?:\s+{THIS_YEAR})?",
        ),
        ("gYearMonth", rf"\b{MONTH}(?:,?\s+{YEAR}|\s+{THIS_YEAR})\b"),
        (
            "gYearMonth",
            rf"(?i:\b(?:in|since|by|until|during|from|before|after)\s+)"
            rf"(?P<alone>{MONTH})\b",
        ),
        ("gYear", rf"(?i:\b(?P<mid>mid|early|late)-?\s?){YEAR}\b"),
        ("gYear", rf"(?<![\w$€£¥,.-]){YEAR}\b(?!\d|%|[.,]\d|-\d)"),
        ("gYear", r"(?i:\b(?P<end>(?:the\s+)?end\s+of\s+(?:the|this)\s+year)\b)"),
        ("gYear", rf"(?i:\b{THIS_YEAR}\b)"),
    )
)

_RELATION_CUES = (
    ("since", re.compile(r"(?i)\bsince(?:\s+[^\s.,;]+){0,4}\s+in\s+$|\bsince\s+$")),
    ("by", re.compile(r"(?i)\b(?:by|before|until|till|no later than)\s+(?:the end of\s+)?$")),
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


def _year_of(match: re.Match[str], reference: datetime.date | None) -> int | None:
    groups = match.groupdict()
    if groups.get("year"):
        return int(groups["year"])
    if reference is None:
        return None
    return reference.year + {"last": -1, "next": 1}.get(groups.get("this") or "", 0)


def _date_mention(
    kind: str, match: re.Match[str], text: str, reference: datetime.date | None
) -> DateMention | None:
    groups = match.groupdict()
    start, end = match.span("alone") if groups.get("alone") else match.span()
    if groups.get("end") or (kind == "gYear" and groups.get("this")):
        if reference is None:
            return None
        relation = "by" if groups.get("end") else _relation(text, start, "in")
        return DateMention(str(_year_of(match, reference)), kind, start, end, match[0], relation)
    year = _year_of(match, reference)
    if year is None:
        return None
    if kind == "gYear":
        cued = groups.get("mid") is not None or _YEAR_CUE.search(text[max(0, start - 12) : start])
        if not cued and _NOUN_AFTER.match(text, end):  # "2000 people": a count, not a year
            return None
        relation = "mid" if (groups.get("mid") or "").lower() == "mid" else None
        return DateMention(
            f"{year:04d}", kind, start, end, text[start:end],
            relation or _relation(text, start, "in"),
        )  # fmt: skip
    month = int(groups["mnum"]) if groups.get("mnum") else _MONTHS[groups["month"].lower()]
    if kind == "gYearMonth":
        value = f"{year:04d}-{month:02d}"
        return DateMention(value, kind, start, end, text[start:end], _relation(text, start, "in"))
    try:
        day = datetime.date(year, month, int(groups["day"]))
    except ValueError:
        return None
    return DateMention(day.isoformat(), kind, start, end, match[0], _relation(text, start, "on"))


def _date_candidates(text: str, reference: datetime.date | None) -> Iterator[tuple[int, int, Any]]:
    for kind, pattern in _DATE_PATTERNS:
        for match in pattern.finditer(text):
            mention = _date_mention(kind, match, text, reference)
            if mention is not None:
                yield mention.start, mention.end, mention
            elif kind != "gYear":  # unresolvable: still claim the span from shorter readings
                yield match.start(), match.end(), None


def find_dates(text: str, reference: datetime.date | None = None) -> list[DateMention]:
    """Dates, months and years; ``reference`` (the document date) completes partial dates.

    A day or month without a year takes the year of ``reference`` ("this year" too; "last
    year" and "next year" count from it); without ``reference`` such dates are skipped.
    Relations: "by" for deadlines ("by 2025", "by the end of"), "since", "mid" ("mid-2021"),
    "on" for days, "in" otherwise ("in 2015", "As of 2023").

    >>> [(d.value, d.relation) for d in find_dates("held annually since 2004")]
    [('2004', 'since')]
    """
    return [m for m in _select(_date_candidates(text, reference)) if m is not None]


# -- quantities --------------------------------------------------------------------------

_STOP = frozenset(
    """of in for from to with by at on the a an that which who whom whose will would shall
    should can could may might must have has had is are was were be been being as such
    including over per each every across into this these those their its his her our your
    since so than while when where during under within between through among amongst via
    led and or but not also already now then there here after before until about around
    worth totalling valued more less most same other another etc i.e. e.g. respectively
    yet still both all only just some any out up down off do does did""".split()  # noqa: SIM905
)
_DETERMINERS = re.compile(r"(?i)\b(?:the|these|those|its|their|his|her|our|my|your|this|that)\s+$")
_CODE_BEFORE = re.compile(r"(?i)(?:\bno\.?|#|\bnumber|\bphase|\btop|\bvol\.?|\bp\.)\s*$")
_WORD = re.compile(r"[ \t]+([A-Za-z][A-Za-z0-9&/'’-]*)")


@lru_cache
def _units(directory: Path = DATA_DIR) -> dict[str, Any]:
    table: dict[str, Any] = yaml.safe_load((directory / "units.yaml").read_text("utf-8"))
    return {
        "area": {" ".join(k.lower().split()): Decimal(str(v)) for k, v in table["area"].items()},
        "percent": [p.lower() for p in table["percent"]],
        "person": frozenset(table["person"]),
        "not_counted": frozenset(table["not_counted"]),
        "plurals": frozenset(table["plurals"]),
    }


@lru_cache
def _quantity_pattern() -> re.Pattern[str]:
    units = _units()
    measures = sorted([*units["area"], *units["percent"]], key=len, reverse=True)
    unit = _ALT(re.escape(u).replace(r"\ ", r"\s+") for u in measures)
    return re.compile(
        rf"{QUALIFIED}{NUMBER}(?:\s(?P<scale>(?i:hundred|thousand|million|billion))\b)?"
        rf"(?:\s?(?P<unit>(?i:{unit}))(?![\w²]))?"
    )


def _is_plural(word: str, plurals: frozenset[str]) -> bool:
    lower = word.lower()
    if lower in plurals:
        return True
    return len(lower) > 3 and lower.endswith("s") and not lower.endswith(("ss", "us", "is"))


def _noun_phrase(text: str, position: int) -> tuple[str, int]:
    """The counted noun phrase starting at ``position``, and where it ends."""
    plurals = _units()["plurals"]
    words: list[str] = []
    end = position
    while len(words) < 6:
        match = _WORD.match(text, end)
        if not match:
            break
        word = match[1]
        lower = word.lower()
        following = _WORD.match(text, match.end())
        if lower in {"and", "or"} and words:
            joinable = following and following[1].lower() not in _STOP
            if not joinable or _is_plural(words[-1], plurals):
                break
        elif lower == "of" and words and all(w[0].isupper() for w in words):
            if not (following and following[1][0].isupper()):
                break
        elif lower in _STOP:
            break
        words.append(word)
        end = match.end()
        if _is_plural(word, plurals) and not (
            following and following[1] == "of" and word[0].isupper()
        ):
            break
    return " ".join(words), end


def _quantity(match: re.Match[str], text: str) -> Quantity | None:
    units = _units()
    start = match.start()
    number_start = match.start("digits") if match["digits"] else match.start("words")
    before = text[max(0, number_start - 20) : number_start]
    if _CODE_BEFORE.search(before) or (match["words"] and _DETERMINERS.search(before)):
        return None  # "No. 699", "Phase 2"; "the two countries" names, it does not count
    value = parse_number(match["digits"], match["words"], match["scale"])
    qualifier = _qualifier(match["qualifier"])
    if match["unit"]:
        written = match["unit"]
        key = " ".join(written.lower().split())
        if key in units["area"]:
            value, unit = _tidy(value * units["area"][key]), "m2"
        else:
            unit = "percent"
        return Quantity(value, qualifier, unit, written, start, match.end(), match[0])
    noun, end = _noun_phrase(text, match.end())
    if not noun and re.match(r"\s+of\s+(?:the|his|her|its|their|our)\b", text[match.end() :]):
        skip = re.match(r"\s+of\s+\w+", text[match.end() :])
        noun, end = _noun_phrase(text, match.end() + (skip.end() if skip else 0))
    if not noun or noun.split()[0].lower() in units["not_counted"]:
        return None
    head = noun.split()[-1].lower().split("/")[0]
    unit = "person" if head in units["person"] else "count"
    return Quantity(value, qualifier, unit, noun, start, end, text[start:end])


def find_quantities(text: str) -> list[Quantity]:
    """Counted and measured quantities; money, dates, years and ordinals are not quantities.

    >>> q = find_quantities("more than 70 patent applications")[0]
    >>> (q.value, q.qualifier, q.unit, q.noun)
    (Decimal('70'), 'MoreThan', 'count', 'patent applications')
    """
    taken = [(m.start, m.end) for m in find_money(text)]
    taken += [(d.start, d.end) for d in _select(_date_candidates(text, datetime.date.today()))]
    quantities = []
    for match in _quantity_pattern().finditer(text):
        number_start = match.start("digits") if match["digits"] else match.start("words")
        if any(s <= number_start < e for s, e in taken):
            continue
        quantity = _quantity(match, text)
        if quantity is not None:
            quantities.append(quantity)
    return quantities
