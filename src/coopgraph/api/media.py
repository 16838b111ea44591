"""Content types in one place: what each result kind can be written as, and negotiation.

Formats have short keys (``json``, ``turtle``, ...) used by the ``format=`` parameter and the
query workers; each key maps to its media types, the first being the one we answer with.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal, get_args

from coopgraph import formats

__all__ = [
    "FORMATS",
    "GRAPHS",
    "HTML",
    "SOLUTIONS",
    "Choice",
    "FormatKey",
    "choose",
    "media_type",
    "negotiate",
    "parse_accept",
]

SOLUTIONS: dict[str, tuple[str, ...]] = {k: f.media_types for k, f in formats.SOLUTIONS.items()}
"""SELECT and ASK results, in order of preference."""

GRAPHS: dict[str, tuple[str, ...]] = {k: f.media_types for k, f in formats.GRAPHS.items()}
"""CONSTRUCT and DESCRIBE results, descriptions and linked data, in order of preference."""

HTML = "text/html"

_TEXTUAL = {"csv", "tsv", "turtle", "ntriples", "trig", "nquads"}


@dataclass(frozen=True)
class Choice:
    """The format to write each kind of result in; ``None`` when the client accepts none."""

    solutions: str | None
    graph: str | None


def media_type(key: str) -> str:
    """The ``Content-Type`` header for a format key."""
    kind = (SOLUTIONS | GRAPHS)[key][0]
    return f"{kind}; charset=utf-8" if key in _TEXTUAL or kind.startswith("text/") else kind


def parse_accept(header: str | None) -> list[tuple[str, float]]:
    """Media ranges of an ``Accept`` header with their q-values (``*/*`` if absent)."""
    if not header or not header.strip():
        return [("*/*", 1.0)]
    ranges = []
    for part in header.split(","):
        fields = [f.strip() for f in part.split(";")]
        if not fields[0]:
            continue
        quality = 1.0
        for param in fields[1:]:
            name, _, value = param.partition("=")
            if name.strip().lower() == "q":
                try:
                    quality = max(0.0, min(1.0, float(value)))
                except ValueError:
                    quality = 0.0
        ranges.append((fields[0].lower(), quality))
    return ranges


def _quality(accept: list[tuple[str, float]], kind: str) -> float:
    """The q-value ``accept`` gives ``kind``: the most specific matching range decides."""
    best, specificity = 0.0, -1
    major = kind.split("/")[0]
    for pattern, quality in accept:
        if pattern == kind:
            rank = 2
        elif pattern == f"{major}/*":
            rank = 1
        elif pattern == "*/*":
            rank = 0
        else:
            continue
        if rank > specificity:
            best, specificity = quality, rank
    return best


def choose(accept: list[tuple[str, float]], table: Mapping[str, tuple[str, ...]]) -> str | None:
    """The key in ``table`` the client likes best (ties: table order); ``None`` if none."""
    best_key, best_q = None, 0.0
    for key, kinds in table.items():
        quality = max(_quality(accept, kind) for kind in kinds)
        if quality > best_q:
            best_key, best_q = key, quality
    return best_key


FormatKey = Literal[
    "json", "xml", "csv", "tsv", "turtle", "ntriples", "jsonld", "rdfxml", "trig", "nquads"
]
"""Every value ``format=`` takes (the keys of :data:`SOLUTIONS` and :data:`GRAPHS`)."""
FORMATS: tuple[str, ...] = get_args(FormatKey)

_KIN = {"json": "jsonld", "jsonld": "json", "xml": "rdfxml", "rdfxml": "xml"}
"""The format of the other result kind in the same syntax (JSON, XML)."""


@functools.lru_cache(maxsize=256)
def negotiate(accept_header: str | None, format_param: str | None = None) -> Choice:
    """Formats for both result kinds from ``format=`` or the ``Accept`` header.

    ``format=`` (a key of :data:`FORMATS`, exactly) decides the kind of result it can write;
    for the other kind it means that kind's format in the same syntax (``json``: JSON-LD for
    a graph, ``jsonld``: SPARQL JSON for solutions; ``xml`` and ``rdfxml`` alike), or, when
    there is none (CSV for a graph), leaves the choice to ``Accept``: a result of another
    kind than the format names is not refused.

    Raises:
        ValueError: ``format_param`` is not a known format key.
    """
    accept = parse_accept(accept_header)
    if format_param is None:
        return Choice(choose(accept, SOLUTIONS), choose(accept, GRAPHS))
    if format_param not in FORMATS:
        raise ValueError(f"format={format_param!r} is not known; use one of {', '.join(FORMATS)}")
    chosen = (format_param, _KIN.get(format_param))
    solutions = next((key for key in chosen if key in SOLUTIONS), None)
    graph = next((key for key in chosen if key in GRAPHS), None)
    return Choice(
        solutions or choose(accept, SOLUTIONS),
        graph or choose(accept, GRAPHS),
    )
