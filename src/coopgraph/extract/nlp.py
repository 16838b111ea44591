"""The text pipeline: spaCy's English tokens, sentence splitting and the registry's names.

No statistical model and no spaCy pipeline is loaded. Tokens come from
:class:`coopgraph.extract.tokenizer.Tokenizer` (spaCy's English rules); sentences break at
sentence punctuation (the rule of spaCy's ``sentencizer``) and at line breaks (headings, list
items); the registry's names and aliases are matched case-insensitively, acronyms exactly
(the rule of spaCy's ``entity_ruler`` with phrase patterns: longest match first, then
leftmost). ``tests/extract/test_nlp.py`` holds all three to spaCy's own components.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from functools import lru_cache
from itertools import accumulate
from operator import add
from pathlib import Path
from typing import NamedTuple

from coopgraph.extract.tokenizer import Tokenizer, load_rules, spacy_hash
from coopgraph.resolve import Registry

__all__ = ["FOLD", "Ent", "Nlp", "Parsed", "RegistryNames", "Tokens", "build_nlp", "fold"]

FOLD = str.maketrans(
    {"’": "'", "‘": "'", "“": '"', "”": '"', "–": "-", "—": "-", "\u00a0": " ", "™": " "}
)
"""Typographic variants folded to plain ones, one character for one, so offsets still hold."""


@lru_cache(maxsize=2)
def fold(text: str) -> str:
    """The text with typographic quotes and dashes made plain (same length); made once per
    text (the extractor and the mention search both read it)."""
    return text.translate(FOLD)


@lru_cache(maxsize=200_000)
def is_punct(word: str) -> bool:
    """spaCy's ``IS_PUNCT``: every character is Unicode punctuation."""
    return all(unicodedata.category(char).startswith("P") for char in word)


class Ent(NamedTuple):
    """A registry name found in the text: tokens ``start:end``, characters
    ``start_char:end_char``, the entity's type and id."""

    start: int
    end: int
    label: str
    entity_id: str
    start_char: int
    end_char: int


class Tokens:
    """A text's tokens as parallel lists."""

    def __init__(self, words: list[str], spaced: list[bool], ents: Iterable[Ent] = ()) -> None:
        self.text: list[str] = words
        self.lower: list[str] = [w.lower() for w in words]
        self.spaced: list[bool] = spaced
        """Whether a space follows the token."""
        self.is_space: list[bool] = [w.isspace() for w in words]
        self.ent_type: list[str] = [""] * len(words)
        self.mark(ents)
        ends = accumulate(map(add, map(len, words), spaced), initial=0)
        self.idx: list[int] = list(ends)[:-1]
        """The character offset of each token."""

    def __len__(self) -> int:
        return len(self.text)

    def mark(self, ents: Iterable[Ent]) -> None:
        """Set the entity type of the tokens of ``ents``."""
        for ent in ents:
            self.ent_type[ent.start : ent.end] = [ent.label] * (ent.end - ent.start)

    def end_char(self, i: int) -> int:
        """The character offset just after token ``i``."""
        return self.idx[i] + len(self.text[i])


def sentence_flags(words: list[str], punct: list[bool], punct_chars: frozenset[str]) -> list[int]:
    """SENT_START per token: spaCy's sentencizer rule, plus a start after every line break."""
    flags = [-1] * len(words)
    if not words:
        return flags
    start, seen_period = 0, False
    flags[0] = 1
    for i, word in enumerate(words):
        in_punct_chars = word in punct_chars
        if seen_period and not punct[i] and not in_punct_chars:
            flags[start] = 1
            start, seen_period = i, False
        elif in_punct_chars:
            seen_period = True
        if i and "\n" in words[i - 1]:
            flags[i] = 1
    flags[start] = 1
    return flags


class Parsed(NamedTuple):
    """A parsed text: its tokens, the token ranges of its sentences, the registry names."""

    tokens: Tokens
    sentences: list[tuple[int, int]]
    ents: list[Ent]


class RegistryNames:
    """The registry's names as phrase patterns: names on lower case, acronyms on exact form.

    Matches are made, ordered and chosen as spaCy's ``PhraseMatcher`` and ``entity_ruler``
    do (match keys are spaCy's hashes of ``type||id``, so equal spans rank alike).
    """

    def __init__(self) -> None:
        self.by_lower: dict[tuple[str, ...], dict[int, None]] = {}
        self.by_form: dict[tuple[str, ...], dict[int, None]] = {}
        self._prefixes: tuple[set[tuple[str, ...]], set[tuple[str, ...]]] = (set(), set())
        self.keys: dict[int, tuple[str, str]] = {}

    def add(self, label: str, entity_id: str, words: list[str], exact: bool) -> None:
        """Add one name (its tokens) of ``entity_id`` (typed ``label``)."""
        if not words:
            return
        key = spacy_hash(f"{label}||{entity_id}")
        self.keys[key] = (label, entity_id)
        pattern = tuple(words) if exact else tuple(w.lower() for w in words)
        table = self.by_form if exact else self.by_lower
        prefixes = self._prefixes[0 if exact else 1]
        table.setdefault(pattern, {})[key] = None
        prefixes.update(pattern[:n] for n in range(1, len(pattern)))

    @staticmethod
    def _matches(
        values: list[str], table: dict[tuple[str, ...], dict[int, None]], prefixes: set
    ) -> list[tuple[int, int, int]]:
        """Every (key, start, end) whose tokens are a pattern, by start, then end."""
        found = []
        firsts = {pattern[0] for pattern in table}
        for start, value in enumerate(values):
            if value not in firsts:
                continue
            window: tuple[str, ...] = (value,)
            end = start + 1
            while True:
                for key in table.get(window, ()):
                    found.append((key, start, end))
                if window not in prefixes or end == len(values):
                    break
                window += (values[end],)
                end += 1
        return found

    def __call__(self, tokens: Tokens) -> list[Ent]:
        if not len(tokens):
            return []
        found = self._matches(tokens.text, self.by_form, self._prefixes[0])
        found += self._matches(tokens.lower, self.by_lower, self._prefixes[1])
        matches = {(k, s, e) for k, s, e in found if s != e}
        ordered = sorted(matches, key=lambda m: (m[2] - m[1], -m[1]), reverse=True)
        seen: set[int] = set()
        ents: list[Ent] = []
        for key, start, end in ordered:
            if start in seen or end - 1 in seen:
                continue
            label, entity_id = self.keys[key]
            ents = [e for e in ents if not (e.start < end and e.end > start)]
            ents.append(Ent(start, end, label, entity_id, tokens.idx[start],
                            tokens.end_char(end - 1)))  # fmt: skip
            seen.update(range(start, end))
        return sorted(ents)


class Nlp:
    """Text → :class:`Parsed`: tokens, sentences and the registry's names."""

    def __init__(self, tokenizer: Tokenizer, names: RegistryNames, punct_chars: Iterable[str]):
        self.tokenizer, self.names = tokenizer, names
        self.punct_chars = frozenset(punct_chars)

    def __call__(self, text: str) -> Parsed:
        words, spaced = self.tokenizer(text)
        tokens = Tokens(words, spaced)
        flags = sentence_flags(words, [is_punct(w) for w in words], self.punct_chars)
        starts = [i for i, flag in enumerate(flags) if flag == 1 or i == 0]
        sentences = list(zip(starts, [*starts[1:], len(words)][: len(starts)], strict=True))
        ents = self.names(tokens)
        tokens.mark(ents)
        return Parsed(tokens, sentences, ents)


def _is_acronym(name: str) -> bool:
    return not any(ch.islower() for ch in name)


def _names(registry: Registry) -> Iterable[tuple[str, str, str]]:
    for entry in registry:
        for name in entry.names:
            yield entry.type, entry.id, fold(name).strip()


def build_nlp(registry: Registry, cache_dir: Path | None = None) -> Nlp:
    """The pipeline with the registry's names (spaCy's rules kept in ``cache_dir``)."""
    rules = load_rules(cache_dir)
    tokenizer = Tokenizer(rules)
    names = RegistryNames()
    for label, entity_id, name in _names(registry):
        names.add(label, entity_id, tokenizer(name)[0], exact=_is_acronym(name))
    return Nlp(tokenizer, names, rules.punct_chars)
