"""Plural head words with coordinated places: "the Chinese Embassies in Finland and Jordan"
names one organisation per place ("Chinese Embassy in Finland", "Chinese Embassy in Jordan").

Each organisation is mentioned over its place's words, so the places are read as part of the
names rather than as places of their own.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import replace

from coopgraph.extract.mentions import Finder
from coopgraph.model import Mention

__all__ = ["plural", "plural_heads", "singular"]

_PLACE = r"[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*){0,2}"
_LIST = rf"{_PLACE}(?:\s*,\s*{_PLACE})*\s*,?\s+and\s+{_PLACE}"


def plural(word: str) -> str:
    """The English plural of a head word: Embassy → Embassies, Office → Offices."""
    if re.search(r"[^aeiou]y$", word):
        return word[:-1] + "ies"
    if re.search(r"(?:s|x|z|ch|sh)$", word):
        return word + "es"
    return word + "s"


def singular(word: str, nouns: Iterable[str]) -> str:
    """The noun of ``nouns`` whose plural ``word`` is, else ``word``: "institutes" → institute
    (a plural the tagger took for a singular keeps its "s" as its lemma)."""
    return word if word in nouns else next((n for n in nouns if plural(n) == word), word)


def _pattern(finder: Finder) -> re.Pattern[str] | None:
    return finder.rules.derived("plural-heads", lambda: _make_pattern(finder))


def _plurals(finder: Finder) -> tuple[str, ...]:
    """The plural forms of the one-word organisation heads ("Embassies", "Universities")."""
    return finder.rules.derived(
        "plural-head-words",
        lambda: tuple(
            plural(h) for h in finder.rules.lexicon["org_heads"] if re.fullmatch(r"[A-Z][a-z]+", h)
        ),
    )


def _make_pattern(finder: Finder) -> re.Pattern[str] | None:
    heads = {
        plural(head): head
        for head in finder.rules.lexicon["org_heads"]
        if re.fullmatch(r"[A-Z][a-z]+", head)
    }
    if not heads:
        return None
    words = "|".join(sorted(heads, key=len, reverse=True))
    return re.compile(
        rf"(?P<prefix>(?:[A-Z][\w’'-]*\s+){{1,3}})(?P<head>{words})\s+(?P<join>in|of)\s+"
        rf"(?P<places>{_LIST})"
    )


def _places(match: re.Match[str]) -> list[tuple[int, int]]:
    """Offsets of each place of the coordinated list."""
    offset = match.start("places")
    return [(offset + m.start(), offset + m.end()) for m in re.finditer(_PLACE, match["places"])]


def plural_heads(finder: Finder, mentions: list[Mention]) -> list[Mention]:
    """Replace the places after a plural head word by one organisation mention each."""
    pattern = _pattern(finder)
    if pattern is None or not any(h in finder.text for h in _plurals(finder)):
        return mentions
    heads = {plural(h): h for h in finder.rules.lexicon["org_heads"]}
    created: list[Mention] = []
    for match in pattern.finditer(finder.text):
        words = match.group("prefix").split()
        while words and finder._not_a_name_word(words[0]):
            words = words[1:]
        if not words:
            continue
        head = heads[match.group("head")]
        type_ = finder.rules.lexicon["org_heads"][head]
        for start, end in _places(match):
            name = f"{' '.join(words)} {head} {match.group('join')} {finder.text[start:end]}"
            found = finder.resolve_name(name, type_, start, end, "plural")
            created.append(replace(found, source="plural"))
    if not created:
        return mentions
    kept = [m for m in mentions if all(m.end <= c.start or m.start >= c.end for c in created)]
    return sorted(kept + created, key=lambda m: m.start)
