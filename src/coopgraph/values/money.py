"""Sums of money: "S$61 million (RMB300 million)", "over 8 million RMB", "US $1.34 billion"."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from pathlib import Path

import yaml

from coopgraph.values.numbers import (
    ALT,
    BARE_NUMBER,
    NUMBER,
    SCALE,
    number_starts,
    parse_number,
    qualifier_before,
    scan,
    select_longest,
    tables_dir,
)

__all__ = ["Amount", "MoneyMention", "find_money"]


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


@lru_cache
def _currencies(directory: Path | None = None) -> tuple[dict[str, str], dict[str, str]]:
    """Marks written before and after a number, to ISO 4217 codes, checked against the list."""
    directory = directory or tables_dir()
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
    marks_before = ALT(re.escape(m) for m in sorted(before, key=len, reverse=True))
    marks_after = ALT(re.escape(m) for m in sorted(after, key=len, reverse=True))
    prefixed = rf"(?<![A-Za-z$])(?P<mark>{marks_before})\s?{BARE_NUMBER}{SCALE}?"
    suffixed = rf"{NUMBER}{SCALE}?\s(?P<mark>(?i:{marks_after}))(?![\w$])"
    return re.compile(prefixed), re.compile(suffixed)


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
    return list(_money(text))


@lru_cache(maxsize=8)
def _money(text: str) -> tuple[MoneyMention, ...]:
    """The money of ``text``, found once (the quantity finder reads it too)."""
    prefixed, suffixed = _money_patterns()
    found = [(m.start(), m.end(), (m, False)) for m in prefixed.finditer(text)]
    found += [(m.start(), m.end(), (m, True)) for m in scan(suffixed, text, number_starts(text))]
    mentions: list[MoneyMention] = []
    for match, after in select_longest(found):
        amount = _amount(match, after)
        previous = mentions[-1] if mentions else None
        gap = text[previous.end : match.start()] if previous else ""
        if previous and re.fullmatch(r"\s*\(\s*", gap) and text.startswith(")", match.end()):
            mentions[-1] = MoneyMention(
                amounts=(*previous.amounts, amount),
                qualifier=previous.qualifier,
                start=previous.start,
                end=match.end() + 1,
                text=text[previous.start : match.end() + 1],
            )
            continue
        qualifier, start = qualifier_before(text, match.start())
        end = match.end()
        mentions.append(MoneyMention((amount,), qualifier, start, end, text[start:end]))
    return tuple(mentions)
