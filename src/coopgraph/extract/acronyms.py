"""Acronyms: defined after a name ("Full Name (ABBR)"), or written undefined when they spell the
initials of exactly one name the document gives; each later use is a mention of that name. The
abbreviation of a common agreement noun ("memorandum of understanding (MOU)") names nothing.
"""

from __future__ import annotations

import re

from coopgraph.extract.mentions import Finder
from coopgraph.model import Mention
from coopgraph.values.numbers import scan

__all__ = ["acronyms"]

_INITIALISM = re.compile(r"(?<![\w-])[A-Z]{3,8}(?![\w-])")


def _occurrences(text: str, word: str) -> list[int]:
    """Every offset where ``word`` stands in ``text`` (overlapping ones too)."""
    found = []
    at = text.find(word)
    while at >= 0:
        found.append(at)
        at = text.find(word, at + 1)
    return found


def acronyms(finder: Finder, known: list[Mention]) -> list[Mention]:
    """Acronyms defined after a name, "Full Name (ABBR)", and their later uses."""
    defined: dict[str, Mention] = {}
    nouns = finder.rules.lexicon["agreement_nouns"]
    for m in known:
        match = re.match(r"\s*\(([A-Z][A-Za-z0-9&.\-@ ]{1,15})\)", finder.text[m.end : m.end + 20])
        if (
            match
            and sum(ch.isupper() for ch in match.group(1)) >= 2
            and match.group(1) not in nouns  # "memorandum of understanding (MOU)": a noun
        ):
            defined.setdefault(match.group(1), m)
    for abbr, m in _initialisms(finder, known, defined).items():
        defined.setdefault(abbr, m)
    found = []
    for abbr, m in defined.items():
        pattern = re.compile(rf"(?<![\w-]){re.escape(abbr)}(?![\w-])")
        for use in scan(pattern, finder.text, _occurrences(finder.text, abbr)):
            found.append(finder.mention(m.entity, use.start(), use.end(), m.type, "acronym"))
    return found


def _initialisms(
    finder: Finder, known: list[Mention], defined: dict[str, Mention]
) -> dict[str, Mention]:
    """Undefined upper-case words that spell the initials of exactly one name found."""
    by_initials: dict[str, set[str]] = {}
    first: dict[str, Mention] = {}
    for m in known:
        if m.type in ("Person", "Country") or m.source == "registry":
            continue
        initials = _initials(m.text)
        if len(initials) >= 3:
            by_initials.setdefault(initials, set()).add(m.entity)
            first.setdefault(m.entity, m)
    result = {}
    for word in {m.group(0) for m in scan(_INITIALISM, finder.text, finder.capitals)}:
        entities = by_initials.get(word, set())
        if word not in defined and finder.registry.lookup(word) is None and len(entities) == 1:
            result[word] = first[next(iter(entities))]
    return result


def _initials(name: str) -> str:
    """ "China-Singapore Guangzhou Knowledge City, China" -> "CSGKC" (before a comma)."""
    words = re.split(r"[\s-]+", re.sub(r"\([^)]*\)", " ", name.split(",")[0]))
    return "".join(w[0] for w in words if w[:1].isupper())
