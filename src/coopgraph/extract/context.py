"""One sentence seen by the relation rules: its mentions, its values, and helpers to find
trigger phrases and the mentions on either side of them."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from rdflib import URIRef

from coopgraph.extract.references import subject_of
from coopgraph.extract.rules import Rules
from coopgraph.model import Entity, Fact, Mention, Sentence, is_a
from coopgraph.resolve import Registry
from coopgraph.values import DateMention, MoneyMention, Quantity
from coopgraph.values.numbers import ascii_lowered

__all__ = [
    "PREPOSITIONS",
    "Context",
    "View",
    "clause_subject",
    "is_actor",
    "is_agreement",
    "is_event",
    "is_org",
    "is_party",
    "is_person",
    "is_place",
    "is_programme",
    "nearest_before",
    "phrase_regex",
    "speaks_before",
]

PREPOSITIONS = ("of", "in", "at", "from", "by", "with", "for", "to", "between")

Test = Callable[[Mention], bool]

_SAID = re.compile(r"\b(?:said|says|told|noted|added|recalled|explained|stated|announced)\b")


def speaks_before(view: View, m: Mention, offset: int) -> bool:
    """Whether a verb of saying stands between ``m`` and ``offset``: in "Mr Tong said the two
    sides had signed an MOU", Mr Tong is the speaker, not a signatory."""
    return _SAID.search(view.text, m.end, offset) is not None


def is_place(m: Mention) -> bool:
    return is_a(m.type, "Place")


def is_org(m: Mention) -> bool:
    return is_a(m.type, "Organisation")


def is_party(m: Mention) -> bool:
    return is_a(m.type, "Party")


def is_programme(m: Mention) -> bool:
    return is_a(m.type, "Programme")


def is_event(m: Mention) -> bool:
    return is_a(m.type, "Event")


def is_agreement(m: Mention) -> bool:
    return is_a(m.type, "Agreement")


_RUN = re.compile(r"[\w-]+")
"""A run of the characters the phrase pattern's boundaries exclude on either side."""


@dataclass(frozen=True)
class _Phrases:
    """A phrase list's pattern, and the first runs of its phrases (in lower case)."""

    pattern: re.Pattern[str]
    firsts: frozenset[str] | None
    """None unless every phrase is ASCII and opens with a run of word characters or hyphens."""

    def absent_from(self, runs: frozenset[str] | None) -> bool:
        """True when no phrase can match a sentence whose runs (in lower case) these are.

        A match stands between characters outside runs, so (ASCII phrases, case ignored, and
        a text without the non-ASCII look-alikes of ASCII letters) the phrase's first run is
        one of the sentence's runs: this check never rules out a match the pattern would find.
        """
        if runs is None or self.firsts is None:
            return False
        return self.firsts.isdisjoint(runs)


def _first_run(phrase: str) -> str:
    match = _RUN.match(phrase.lower())
    return match.group(0) if match else ""


@lru_cache(maxsize=256)
def _phrases(phrases: tuple[str, ...]) -> _Phrases:
    firsts = frozenset(_first_run(p) for p in phrases)
    usable = phrases and all(p.isascii() for p in phrases) and "" not in firsts
    return _Phrases(phrase_regex(phrases), firsts if usable else None)


_KNOWN: dict[int, tuple[tuple[str, ...], _Phrases]] = {}
"""The phrases of the tuples looked for so far, by the tuple's identity (the tuple is kept, so
its identity is not reused): a rule reads the same tuple in every sentence."""


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
    _runs: frozenset[str] | None = field(default=None, init=False, repr=False, compare=False)
    _read: bool = field(default=False, init=False, repr=False, compare=False)

    def find(self, phrases: Iterable[str]) -> list[re.Match[str]]:
        """Occurrences of the phrases in the sentence (match offsets are absolute)."""
        known = _KNOWN.get(id(phrases))
        if known is not None and known[0] is phrases:
            compiled = known[1]
        elif type(phrases) is tuple:
            if len(_KNOWN) > 1024:
                _KNOWN.clear()
            compiled = _phrases(phrases)
            _KNOWN[id(phrases)] = (phrases, compiled)
        else:
            compiled = _phrases(tuple(phrases))
        runs = self._runs if self._read else self._ascii_runs()
        if compiled.absent_from(runs):
            return []
        return list(compiled.pattern.finditer(self.text, self.sentence.start, self.sentence.end))

    def _ascii_runs(self) -> frozenset[str] | None:
        """The sentence's runs of word characters and hyphens in lower case (as in the
        document text), unless it holds a character a case-insensitive pattern takes for an
        ASCII one (see :func:`ascii_lowered`)."""
        if not self._read:
            lowered = ascii_lowered(self.text[self.sentence.start : self.sentence.end])
            self._runs = frozenset(_RUN.findall(lowered)) if lowered is not None else None
            self._read = True
        return self._runs

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
        """The list of mentions passing ``test`` that follows ``offset`` ("A, B and C").

        The first may stand up to ``max_gap`` characters after ``offset``; the others must be
        joined to it by list separators (commas, "and", "or", brackets).
        """
        found: list[Mention] = []
        position = offset
        for m in self.after(offset):
            between = self.text[position : m.start]
            if not found and (
                len(between) > max_gap or re.search(r"[.;:]\s|,\s*(?:it|which|who)\b", between)
            ):
                break
            if found and not _SEPARATOR.fullmatch(between):
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
        return match is not None and match.group(1).lower() in set(words)

    def holding(self, token: Any) -> Mention | None:
        """The sentence's mention whose words hold a word of the parse."""
        return next((m for m in self.mentions if m.start <= token.idx < m.end), None)

    def subject(self, test: Test = lambda m: True) -> Mention | None:
        return subject_of([m for m in self.mentions if test(m)], self.text)

    def fact(
        self, subject: str, predicate: URIRef, obj: str, rule: str, datatype: str | None = None
    ) -> Fact:
        return Fact.said_in(self.sentence, subject, predicate, obj, rule, datatype)


_SEPARATOR = re.compile(
    r"\)?\s*(?:,\s*)?(?:(?:and|or|as well as|namely|including|such as)\s+)?(?:the\s+)?\(?",
    re.IGNORECASE,
)


def _unique(mentions: list[Mention]) -> list[Mention]:
    seen: set[str] = set()
    result = []
    for m in mentions:
        if m.entity not in seen:
            seen.add(m.entity)
            result.append(m)
    return result


@dataclass
class Context:
    """What the rules share across a document's sentences."""

    rules: Rules
    registry: Registry
    entities: dict[str, Entity]
    published: str | None = None
    last_years: dict[str, int] = field(default_factory=dict)
    last_subject: str | None = None
    last_person: Mention | None = None
    funded: set[int] = field(default_factory=set)
    doc: Any = None
    """The parsed text (spaCy ``Doc``), for rules that read a phrase's extent."""
    _parks: dict[str, re.Pattern[str]] | None = None

    def park_names(self) -> dict[str, re.Pattern[str]]:
        """One pattern per park (registered or found in the document) matching its names."""
        if self._parks is None:
            names = {e.id: list(e.names) for e in self.registry if e.type == "Park"}
            for e in self.entities.values():
                if e.type == "Park":
                    names.setdefault(e.id, [e.name, *e.aliases])
            self._parks = {
                key: re.compile(r"(?<!\w)(?:" + "|".join(re.escape(n) for n in ns) + r")(?!\w)")
                for key, ns in names.items()
            }
        return self._parks

    def number(self, word: str) -> int | None:
        """The number a word writes ("10", "five"); None for any other word."""
        return int(word) if word.isdigit() else self.rules.lexicon["numbers"].get(word.lower())

    def words(self, relation: str) -> tuple[str, ...]:
        """The trigger phrases of a relation, longest first."""
        try:
            return self._triggers[relation]
        except KeyError:
            phrases = self._triggers[relation] = self.rules.trigger_phrases(relation)
            return phrases

    def __post_init__(self) -> None:
        self._triggers: dict[str, tuple[str, ...]] = self.rules.derived("trigger-tuples", dict)
        """The trigger phrases read so far, by relation (shared by all documents)."""


def is_person(m: Mention) -> bool:
    return m.type == "Person"


def is_actor(m: Mention) -> bool:
    return (is_party(m) and (not is_place(m) or m.type == "Park")) or is_programme(m)


def nearest_before(view: View, offset: int, test: Callable[[Mention], bool]) -> Mention | None:
    found = view.before(offset, test)
    return found[-1] if found else None


def clause_subject(token: Any) -> Any | None:
    """The word a verb's statement is about: its subject, a coordinated verb's subject ("was
    incepted ... and established"), or the noun its relative clause hangs on."""
    for _ in range(4):
        subjects = [c for c in token.children if c.dep_ in ("nsubj", "nsubjpass")]
        if subjects and subjects[0].tag_ not in ("WDT", "WP"):
            return subjects[0]
        if token.dep_ in ("relcl", "acl"):
            return token.head
        if token.dep_ not in ("conj", "xcomp", "advcl") or token.head.i == token.i:
            return None
        token = token.head
    return None
