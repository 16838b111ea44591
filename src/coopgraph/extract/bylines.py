"""The publisher a byline names: "By Lim Wei Ting | Asia Pacific Newswire | 15 November 2024",
"Source: Jiangsu Now | Editor: Xu Fang | 2024-06-18". A news page's header writes its parts
between bars; the publisher is the part after the author's, or the one labelled as the source.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from coopgraph.extract.mentions import Finder
from coopgraph.extract.recognised import class_of
from coopgraph.model import Mention

__all__ = ["byline_publishers"]

_HEADER_PARAGRAPHS = 4
_BAR = re.compile(r"\s+\|\s+")
_AUTHOR = re.compile(r"(?:^|\s)(?:By|BY|Written by)\s+[A-Z]")
_SOURCE = re.compile(r"(?:^|\s)(?:Source|From|Publisher)\s*:\s*")
_NAME = re.compile(r"(?:The\s+)?[A-Z][\w&'’.-]*(?:\s+(?:[A-Z(][\w&'’.()-]*|&|of|for|and))*")


def _parts(line: str, offset: int) -> Iterator[tuple[str, int]]:
    """The parts of a line between bars, each with where it starts."""
    position = 0
    for bar in [*_BAR.finditer(line), None]:
        end = bar.start() if bar else len(line)
        yield line[position:end], offset + position
        position = bar.end() if bar else len(line)


def _publisher(line: str, offset: int) -> tuple[int, int] | None:
    """Where a byline line names its publisher, if it does."""
    parts = list(_parts(line, offset))
    for index, (part, start) in enumerate(parts):
        source = _SOURCE.search(part)  # a headline may run into the byline
        if source:
            name, start = part[source.end() :], start + source.end()
        elif _AUTHOR.search(part) and index + 1 < len(parts):
            name, start = parts[index + 1]
        else:
            continue
        whole = _NAME.fullmatch(name.strip())
        if whole and not any(ch.isdigit() for ch in name):
            return start, start + len(name.strip())
        return None
    return None


def byline_publishers(finder: Finder, known: Sequence[Mention]) -> list[Mention]:
    """A mention of the publisher each header byline names, unless a mention covers it."""
    found: list[Mention] = []
    offset = 0
    for paragraph in finder.text.split("\n\n")[:_HEADER_PARAGRAPHS]:
        where = _publisher(paragraph, offset) if _BAR.search(paragraph) else None
        offset += len(paragraph) + 2
        if where is None or any(m.start <= where[0] and where[1] <= m.end for m in known):
            continue
        name = finder.text[where[0] : where[1]]
        type_ = class_of(name, "ORG", finder.rules.types) or "Organisation"
        found.append(finder.resolve_name(name, type_, where[0], where[1], "byline"))
    return found
