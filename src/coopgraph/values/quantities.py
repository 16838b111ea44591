"""Counted and measured quantities: "more than 70 patent applications", "23,000 sqm"."""

from __future__ import annotations

import datetime
import re
from bisect import bisect_right
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from coopgraph.values.dates import date_candidates
from coopgraph.values.money import find_money
from coopgraph.values.numbers import (
    ALT,
    BARE_NUMBER,
    NUMBER,
    number_starts,
    parse_number,
    qualifier_before,
    scan,
    select_longest,
    tables_dir,
)

__all__ = ["Quantity", "find_quantities"]

_ANY_DAY = datetime.date(2000, 1, 1)
"""Completes partial dates so that their numbers are not read as counts."""


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


_STOP = frozenset(
    """of in for from to with by at on the a an that which who whom whose will would shall
    should can could may might must have has had is are was were be been being as such
    including over per each every across into this these those their its his her our your
    since so than while when where during under within between through among amongst via
    led and or but not also already now then there here after before until about around
    worth totalling valued more less most same other another etc i.e. e.g. respectively
    yet still both all only just some any out up down off do does did last next ago""".split()  # noqa: SIM905
)
_HYPHENATED = re.compile(r"-([a-z]+)\b(?!-)")
"""A count written as an adjective: "a 200-room complex"."""
_DURATION = re.compile(r"[ \t-]([A-Za-z]+)\b(?!-)")
"""The word after a number, for a duration: "three years", "a two-day visit"."""
_DETERMINERS = re.compile(r"(?i)\b(?:the|these|those|its|their|his|her|our|my|your|this|that)\s+$")
_CODE_BEFORE = re.compile(r"(?i)(?:\bno\.?|#|\bnumber|\bphase|\btop|\bvol\.?|\bp\.)\s*$")
_ACRONYM = re.compile(r"[ \t]+(\([A-Z][A-Za-z&]*\))")
_WORD = re.compile(r"[ \t]+([A-Za-z][A-Za-z0-9&/'’-]*)")
_ASIDE = re.compile(r"[ \t]+\([^()]{1,60}\)")
"""A parenthesis inside a noun phrase: "57 Green Mark-certified (equivalent to ...) buildings"."""


@lru_cache
def _units(directory: Path | None = None) -> dict[str, Any]:
    directory = directory or tables_dir()
    table: dict[str, Any] = yaml.safe_load((directory / "units.yaml").read_text("utf-8"))
    return {
        "area": {" ".join(k.lower().split()): str(v) for k, v in table["area"].items()},
        "percent": [p.lower() for p in table["percent"]],
        "not_counted": frozenset(table["not_counted"]),
        "durations": {k.lower(): str(v) for k, v in table["durations"].items()},
        "plurals": frozenset(table["plurals"]),
    }


@lru_cache
def _quantity_pattern() -> re.Pattern[str]:
    units = _units()
    measures = sorted([*units["area"], *units["percent"]], key=len, reverse=True)
    unit = ALT(re.escape(u).replace(r"\ ", r"\s+") for u in measures)
    return re.compile(
        rf"{NUMBER}(?:\s(?P<scale>(?i:hundred|thousand|million|billion))\b)?"
        rf"(?:\s?(?P<unit>(?i:{unit}))(?![\w²]))?"
    )


def _is_plural(word: str, plurals: frozenset[str]) -> bool:
    lower = word.lower()
    if lower in plurals or (len(word) > 2 and word.endswith("s") and word[:-1].isupper()):
        return True  # "TEUs", "MOUs": an acronym's plural
    return len(lower) > 3 and lower.endswith("s") and not lower.endswith(("ss", "us", "is"))


def _past_aside(text: str, position: int) -> int:
    """After a parenthesis at ``position`` when the noun phrase goes on behind it."""
    aside = _ASIDE.match(text, position)
    following = _WORD.match(text, aside.end()) if aside else None
    if aside and following and following[1].lower() not in _STOP:
        return aside.end()
    return position


def _noun_phrase(text: str, position: int) -> tuple[str, int]:
    """The counted noun phrase starting at ``position``, and where it ends."""
    plurals = _units()["plurals"]
    words: list[str] = []
    end = position
    named = False  # inside a name such as "Memoranda of Understanding"
    while len(words) < 6:
        acronym = _ACRONYM.match(text, end) if words and not named else None
        after = _WORD.match(text, acronym.end()) if acronym else None
        if acronym and after and after[1].lower() not in _STOP:  # "development (R&D) centres"
            words.append(acronym[1])
            end = acronym.end()
        end = _past_aside(text, end) if words and not named else end
        match = _WORD.match(text, end)
        if not match or (named and not match[1][0].isupper()):
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
            named = True
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
    number_start = match.start("digits") if match["digits"] else match.start("words")
    before = text[max(0, number_start - 20) : number_start]
    value = parse_number(match["digits"], match["words"], match["scale"])
    duration = _duration(match, text, value)
    if duration is not None or _CODE_BEFORE.search(before):
        return duration  # "No. 699", "Phase 2" count nothing
    sized = _HYPHENATED.match(text, match.end())
    if sized and not match["unit"] and sized[1].lower() not in _units()["not_counted"]:
        noun = sized[1]  # "a 200-room complex", "a 500-bed hospital", "a 1,200-hectare park"
        area = units["area"].get(noun.lower())
        unit = area or "count"
        return Quantity(value, "Exactly", unit, noun, match.start(), sized.end(),
                        text[match.start() : sized.end()])  # fmt: skip
    if match["words"] and _DETERMINERS.search(before):
        return None  # "the two countries" names, it does not count
    qualifier, start = qualifier_before(text, match.start())
    if match["unit"]:
        written = match["unit"]
        key = " ".join(written.lower().split())
        unit = units["area"].get(key, "percent")
        return Quantity(
            value, qualifier, unit, written, start, match.end(), text[start : match.end()]
        )
    noun, end = _noun_phrase(text, match.end())
    possessive = _POSSESSIVE.match(text, match.end())
    if not noun and possessive and str(match["words"]).lower() != "one":  # "60 of his PhD
        # students", "four of its deals" ("one of the projects" picks one out, counts nothing)
        skip = _OF_WORD.match(text, match.end())
        noun, end = _noun_phrase(text, skip.end() if skip else match.end())
    if not noun and _POPULATION.search(text[max(0, start - 40) : start]):
        return Quantity(value, qualifier, "count", "population", start, match.end(),
                        text[start : match.end()])  # fmt: skip
    if not noun or noun.split()[0].lower() in units["not_counted"] | units["durations"].keys():
        return None
    names = [word for word in noun.split() if word[0].isalpha()]
    if all(w[0].isupper() for w in names) and not _is_plural(names[-1], units["plurals"]):
        return None  # "Two Nanyang Technological University ... agreements": a name follows
    return Quantity(value, qualifier, "count", noun, start, end, text[start:end])


_POPULATION = re.compile(
    r"(?i)\bpopulation\s+(?:of|is|was|stood\s+at|reached|tops|topped|exceeds|exceeded)\s+$"
)
"""A number a population is given as counts people ("a population of about 127 million")."""


_POSSESSIVE = re.compile(r"\s+of\s+(?:the|his|her|its|their|our)\b")
_OF_WORD = re.compile(r"\s+of\s+\w+")
_AGE_OR_PAST = re.compile(r"\s+(?:ago|old)\b|-old\b")
_BARE_END = re.compile(r"\s*(?:[,.;:)]|$)|\s+(?:by|at|in|on|from|to|and|or|as|this|next|last)\b")
"""What may follow a number that leaves out its noun: punctuation, the end, a preposition."""

_WINDOW_WORDS = ("next", "coming", "past", "last", "previous", "first")
_WINDOW = re.compile(rf"(?i)\b(?:{'|'.join(_WINDOW_WORDS)})\s+$")
"""A word that makes the number after it a time window ("the next five years")."""


def _after_window_word(text: str, end: int) -> bool:
    """Whether a window word and spaces end at ``end``: looked for just before the spaces, as
    the whole text before ``end`` would make the time grow with the square of its length."""
    spaces = end
    while spaces > 0 and text[spaces - 1].isspace():
        spaces -= 1
    reach = max(0, spaces - max(map(len, _WINDOW_WORDS)))
    return _WINDOW.search(text, reach, end) is not None


def _duration(match: re.Match[str], text: str, value: Decimal) -> Quantity | None:
    """A number of years, months, weeks or days: "three years", "her two-day visit" (not "20
    years ago", "a 30-year-old firm", "the next five years"); "over three years" is a span, not
    a hedge."""
    durations = _units()["durations"]
    word = _DURATION.match(text, match.end())
    if match["unit"] or word is None or word[1].lower() not in durations:
        return None
    if _AGE_OR_PAST.match(text, word.end()):
        return None
    if _after_window_word(text, match.start()):
        return None  # "over the next five years": a time window, not how long something lasts
    qualifier, start = qualifier_before(text, match.start())
    if re.match(r"(?i)over\b", text[start : match.start()]):
        qualifier, start = "Exactly", match.start()
    unit = durations[word[1].lower()]
    return Quantity(value, qualifier, unit, word[1], start, word.end(), text[start : word.end()])


def find_quantities(text: str) -> list[Quantity]:
    """Counted and measured quantities; money, dates, years and ordinals are not quantities.

    >>> q = find_quantities("more than 70 patent applications")[0]
    >>> (q.value, q.qualifier, q.unit, q.noun)
    (Decimal('70'), 'MoreThan', 'count', 'patent applications')
    """
    taken = [(m.start, m.end) for m in find_money(text)]
    taken += [
        (d.start, d.end) for d in select_longest(date_candidates(text, datetime.date.today()))
    ]
    covered = bytearray(len(text) + 1)
    for s, e in taken:
        covered[s:e] = b"\x01" * (e - s)
    quantities = _fractions(text, covered)
    bare: list[re.Match[str]] = []
    for fraction in quantities:  # "one third" is a share, not one of something
        covered[fraction.start : fraction.end] = b"\x01" * (fraction.end - fraction.start)
    for match in scan(_quantity_pattern(), text, number_starts(text)):
        number_start = match.start("digits") if match["digits"] else match.start("words")
        if covered[number_start]:
            continue
        quantity = _quantity(match, text)
        if quantity is not None:
            quantities.append(quantity)
        elif match["digits"] and not match["unit"]:
            bare.append(match)
    quantities += _range_starts(text, quantities, covered)
    quantities += _elliptical(text, quantities, bare)
    return sorted(quantities, key=lambda q: q.start)


_ELLIPSIS_REACH = 100
"""How far back in its sentence a number without a noun looks for the noun it leaves out."""


def _elliptical(text: str, found: list[Quantity], bare: list[re.Match[str]]) -> list[Quantity]:
    """Numbers that leave out the noun counted just before them in their sentence: "signed up 23
    companies and expects 50 by next year", "down from more than 150"."""
    counted = sorted((q for q in found if q.unit == "count"), key=lambda q: q.end)
    ends = [q.end for q in counted]
    result = []
    for match in bare:
        if not _BARE_END.match(text, match.end()):
            continue  # a word follows that is no preposition: not a bare number
        i = bisect_right(ends, match.start()) - 1
        if i < 0 or match.start() - ends[i] > _ELLIPSIS_REACH:
            continue
        between = text[ends[i] : match.start()]
        if re.search(r"[.;:!?]\s", between):
            continue  # another sentence
        q = counted[i]
        qualifier, start = qualifier_before(text, match.start())
        value = parse_number(match["digits"], None, match["scale"])
        result.append(Quantity(value, qualifier, q.unit, q.noun, start, match.end(),
                               text[start : match.end()]))  # fmt: skip
    return result


_RANGE_START = re.compile(rf"(?:{BARE_NUMBER})\s*(?:and|to|-|–)\s*$")
"""The first number of a range whose unit is written once, after the second: "between 15 and
25 per cent", "3 to 5 sq km"."""


def _range_starts(text: str, found: list[Quantity], covered: bytearray) -> list[Quantity]:
    """The first number of each range that ends in a quantity with a unit."""
    starts = []
    for q in found:
        if q.unit == "count":
            continue
        lead = _RANGE_START.search(text, max(0, q.start - 40), q.start)
        if lead is None or covered[lead.start()]:
            continue
        value = parse_number(lead["digits"], lead["words"], None)
        number_end = lead.end("digits") if lead["digits"] else lead.end("words")
        starts.append(Quantity(value, "Exactly", q.unit, q.noun, lead.start(), number_end,
                               text[lead.start() : number_end]))  # fmt: skip
    return starts


_FRACTIONS = {"half": 2, "third": 3, "quarter": 4, "fifth": 5, "sixth": 6, "tenth": 10}
_COUNTS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4}
_FRACTION = re.compile(
    r"(?i)(?<!first )(?<!second )(?<!last )\b(?:(?P<count>a|an|one|two|three|four)[ -])?"
    r"(?P<part>half|third|quarter|fifth|sixth|"
    r"tenth)s?\b(?=\s+(?:of|the|its|their)\b|\s*[.,;:)]|\s*$)"
)


def _fractions(text: str, covered: bytearray) -> list[Quantity]:
    """Shares written as words ("nearly half of its land", "one third of", "a fifth of"):
    percentages, never the count word read as a number."""
    found = []
    for match in _FRACTION.finditer(text):
        if covered[match.start()]:
            continue
        count = _COUNTS[(match["count"] or "one").lower()]
        value = (Decimal(100) * count / _FRACTIONS[match["part"].lower()]).quantize(Decimal("0.01"))
        value = value.to_integral() if value == value.to_integral() else value
        qualifier, start = qualifier_before(text, match.start())
        found.append(Quantity(value, qualifier, "percent", "per cent", start,
                              match.end(), text[start : match.end()]))  # fmt: skip
    return found
