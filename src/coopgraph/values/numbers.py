"""Numbers and qualifiers as written in English news text, shared by the value finders."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from decimal import Decimal
from functools import lru_cache
from pathlib import Path
from typing import Any

from coopgraph.settings import get_settings

__all__ = [
    "ALT",
    "BARE_NUMBER",
    "NUMBER",
    "QUALIFIERS",
    "SCALE",
    "ascii_lowered",
    "number_starts",
    "occurrences",
    "parse_number",
    "qualifier_before",
    "scan",
    "select_longest",
    "tables_dir",
    "tidy",
    "word_starts",
]


def tables_dir() -> Path:
    """The folder of the value tables (currencies, units): the settings' data folder."""
    return get_settings().data_dir


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
           "m": 10**6, "billion": 10**9, "bn": 10**9, "b": 10**9, "trillion": 10**12,
           "k": 10**3}  # fmt: skip

ALT = "|".join
_QUALIFIER = ALT(re.escape(q) for q in sorted(QUALIFIERS, key=len, reverse=True))
_WORD_NUMBER = ALT(sorted(_UNITS, key=len, reverse=True))
_DIGITS = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
BARE_NUMBER = (
    rf"(?:(?P<digits>{_DIGITS})(?!(?!(?:bn|mn|m|b|k)\b)\w|[.,]\d)"
    rf"|(?i:\b(?P<words>{_WORD_NUMBER})\b))"
)
NUMBER = rf"(?<![\w.,/+#-]){BARE_NUMBER}"
"""A number in figures or words; not part of a code, a phone number or an ordinal."""
SCALE = (
    r"(?:\s?(?P<scale>(?i:hundred|thousand|million|billion|trillion|mln|mn|bn)\b)"
    r"|(?P<suffix>[mkb]|bn)\b)"
)
_QUALIFIER_BEFORE = re.compile(rf"(?i:\b(?:{_QUALIFIER}))\s+$")


def parse_number(digits: str | None, words: str | None, scale: str | None = None) -> Decimal:
    """The value of a number written in figures or words, times its scale word."""
    if digits:
        value = Decimal(digits.replace(",", ""))
    else:
        value = Decimal(_UNITS[" ".join((words or "").lower().split())])
    if scale:
        value *= _SCALES[scale.lower()]
    return tidy(value)


def tidy(value: Decimal) -> Decimal:
    """``1.4E+9`` as ``1400000000``; keep real fractions."""
    if value == value.to_integral_value():
        return value.quantize(Decimal(1))
    return value.normalize()


def qualifier_before(text: str, start: int) -> tuple[str, int]:
    """The cg:Qualifier written just before ``start`` ("Exactly" if none), and where it begins."""
    match = _QUALIFIER_BEFORE.search(text, max(0, start - 20), start)
    if match is None:
        return "Exactly", start
    return QUALIFIERS[" ".join(match[0].lower().split())], match.start()


def select_longest(candidates: Iterable[tuple[int, int, Any]]) -> list[Any]:
    """The longest non-overlapping candidates, leftmost first, in text order. Taken by start, a
    candidate can only overlap a chosen one that ends after it starts, so only those are
    compared (all of them made the time grow with the square of the count)."""
    chosen: list[tuple[int, int, Any]] = []
    reaching: list[tuple[int, int]] = []
    for start, end, item in sorted(candidates, key=lambda c: (c[0], c[0] - c[1])):
        reaching = [(s, e) for s, e in reaching if e > start]
        if all(end <= s or start >= e for s, e in reaching):
            chosen.append((start, end, item))
            reaching.append((start, end))
    return [item for _, _, item in sorted(chosen, key=lambda c: c[0])]


def scan(
    pattern: re.Pattern[str], text: str, starts: Iterable[int] | None
) -> Iterator[re.Match[str]]:
    """``pattern.finditer(text)``, trying the pattern only at ``starts`` (ascending offsets
    where every match of ``pattern`` in ``text`` begins; None: everywhere).

    A match attempt at an offset is the same with ``pattern.match(text, offset)`` as inside a
    search (look-behinds and ``\\b`` see the text before it), so the matches are the same,
    found sooner when ``starts`` are few.
    """
    if starts is None:
        yield from pattern.finditer(text)
        return
    position = 0
    for at in starts:
        if at < position:
            continue
        match = pattern.match(text, at)
        if match is not None:
            yield match
            position = max(match.end(), at + 1)


_ASCII_LOOKALIKES = re.compile("[\u0130\u0131\u017f\u212a]")
"""The only non-ASCII characters a case-insensitive pattern takes for ASCII ones (İ ı ſ and
the Kelvin sign); ``İ`` is also the only character whose lower case is longer."""


def ascii_lowered(text: str) -> str | None:
    """``text`` in lower case, the same length, unless it holds one of
    :data:`_ASCII_LOOKALIKES` (None): then an ASCII word a case-insensitive pattern finds in
    ``text`` stands, in lower case, at the same offset of the result, and every other
    character keeps its class (word character or not)."""
    if not text.isascii() and _ASCII_LOOKALIKES.search(text):
        return None
    return text.lower()


def word_starts(text: str, words: Iterable[str]) -> list[int] | None:
    """Where one of the ASCII ``words`` stands in ``text``, case ignored (None when
    :func:`ascii_lowered` gives None): every case-insensitive match of a pattern opening with
    one of the words begins at one of these offsets."""
    lowered = ascii_lowered(text)
    if lowered is None:
        return None
    return occurrences(lowered, words)


def occurrences(text: str, words: Iterable[str]) -> list[int]:
    """Every offset where one of ``words`` stands in ``text`` (as written), in order."""
    known = _words_found(text)
    found: set[int] = set()
    for word in words:
        offsets = known.get(word)
        if offsets is None:
            offsets = known[word] = _offsets(text, word)
        found.update(offsets)
    return sorted(found)


@lru_cache(maxsize=2)
def _words_found(text: str) -> dict[str, tuple[int, ...]]:
    """The offsets of each word looked for in ``text`` so far (the date, money, quantity and
    name finders look for many of the same words in a document)."""
    return {}


def _offsets(text: str, word: str) -> tuple[int, ...]:
    found = []
    at = text.find(word)
    while at >= 0:
        found.append(at)
        at = text.find(word, at + 1)
    return tuple(found)


_DIGIT = re.compile(r"\d")


@lru_cache(maxsize=8)
def number_starts(text: str) -> tuple[int, ...] | None:
    """Where a number (:data:`NUMBER`: figures or words) may begin in ``text`` (None unless
    ``text`` is ASCII)."""
    words = word_starts(text, _UNITS)
    if words is None:
        return None
    return tuple(sorted({m.start() for m in _DIGIT.finditer(text)}.union(words)))
