"""One sentence seen by the relation rules: its mentions, its values, and helpers to find
trigger phrases and the mentions on either side of them."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import lru_cache

from coopgraph.extract.mentions import is_a, subject_of
from coopgraph.extract.model import Fact, Mention, Sentence
from coopgraph.extract.values import DateMention, MoneyMention, Quantity

__all__ = ["View", "is_event", "is_org", "is_party", "is_place", "is_programme", "phrase_regex"]

Test = Callable[[Mention], bool]


def is_place(m: Mention) -> bool:
    return is_a(m.type, "Place")


def is_org(m: Mention) -> bool:
    return is_a(m.type, "Organisation")


def is_party(m: Mention) -> bool:
    return is_org(m) or m.type in {"Person", "Country", "Park"}


def is_programme(m: Mention) -> bool:
    return is_a(m.type, "Programme")


def is_event(m: Mention) -> bool:
    return is_a(m.type, "Event")


def is_agreement(m: Mention) -> bool:
    return is_a(m.type, "Agreement")


@lru_cache(maxsize=256)
def phrase_regex(phrases: tuple[str, ...]) -> re.Pattern[str]:
    """One case-insensitive pattern for several phrases, longest first, on word boundaries."""
    ordered = sorted(phrases, key=len, reverse=True)
    return re.compile(
        r"(?<![\w-])(?:" + "|".join(re.escape(p) for p in ordered) + r")(?![\w-])", re.IGNORECASE
    )


@dataclass
class View:
    """A sentence with its mentions (text order) and the values found in it."""

    index: int
    sentence: Sentence
    mentions: list[Mention]
    text: str
    money: list[MoneyMention] = field(default_factory=list)
    dates: list[DateMention] = field(default_factory=list)
    quantities: list[Quantity] = field(default_factory=list)
    """Values, with offsets already made absolute (into the document text)."""

    def find(self, phrases: Iterable[str]) -> list[re.Match[str]]:
        """Occurrences of the phrases in the sentence (match offsets are absolute)."""
        pattern = phrase_regex(tuple(phrases))
        return list(pattern.finditer(self.text, self.sentence.start, self.sentence.end))

    def has(self, phrases: Iterable[str]) -> bool:
        return bool(self.find(phrases))

    def before(self, offset: int, test: Test = lambda m: True) -> list[Mention]:
        """Mentions ending before ``offset``, nearest last."""
        return [m for m in self.mentions if m.end <= offset and test(m)]

    def after(self, offset: int, test: Test = lambda m: True) -> list[Mention]:
        """Mentions starting at or after ``offset``, nearest first."""
        return [m for m in self.mentions if m.start >= offset and test(m)]

    def gap(self, start: int, end: int) -> str:
        return self.text[start:end]

    def run_after(self, offset: int, test: Test, max_gap: int = 60) -> list[Mention]:
        """The list of mentions passing ``test`` that follows ``offset`` ("A, B and C")."""
        found: list[Mention] = []
        position = offset
        for m in self.after(offset):
            between = self.text[position : m.start]
            if len(between) > max_gap or re.search(r"[.;:]\s|,\s*(?:it|which|who)\b", between):
                break
            if test(m):
                found.append(m)
                position = m.end
            elif found:
                break
        return _unique(found)

    def preceded_by(self, m: Mention, words: Iterable[str]) -> bool:
        """True when the word just before the mention is one of ``words``."""
        lead = self.text[max(self.sentence.start, m.start - 30) : m.start]
        match = re.search(r"(\w+)\W*(?:\bthe\s+)?$", lead)
        return bool(match) and match.group(1).lower() in set(words)

    def subject(self, test: Test = lambda m: True) -> Mention | None:
        return subject_of([m for m in self.mentions if test(m)], self.text)

    def fact(
        self, subject: str, predicate: str, obj: str, rule: str, datatype: str | None = None
    ) -> Fact:
        return Fact(subject, predicate, obj, datatype, rule, self.sentence.start, self.sentence.end)


def _unique(mentions: list[Mention]) -> list[Mention]:
    seen: set[str] = set()
    result = []
    for m in mentions:
        if m.entity not in seen:
            seen.add(m.entity)
            result.append(m)
    return result
