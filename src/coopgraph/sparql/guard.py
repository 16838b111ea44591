"""Refuse SPARQL that would make the server fetch URLs or crash: SERVICE, LOAD, foreign FROM.

The check is a single linear scan over the request's tokens (:mod:`coopgraph.lexer`: comments,
strings and IRIs are whole tokens, so a keyword inside them does not count). It runs in the
event loop on every request, so it must not be a full parse: a parser is slow on large
requests (minutes for 100 KB) and recurses on nested brackets. Syntax errors are left to the
query engine, which reports them with line and column.

What is refused:

- ``SERVICE`` anywhere: this endpoint does not query other endpoints;
- ``LOAD`` in an update: this endpoint does not fetch documents;
- ``FROM`` / ``FROM NAMED`` / ``USING`` / ``USING NAMED`` naming anything but a graph of the
  store (an IRI or a declared prefixed name);
- brackets nested deeper than :data:`MAX_DEPTH` (the query engine recurses on them and would
  overflow its stack).
"""

from __future__ import annotations

import asyncio
from collections.abc import Collection, Iterator, Mapping
from dataclasses import dataclass
from re import Match

from coopgraph.lexer import scan

__all__ = ["MAX_DEPTH", "Checked", "Refused", "check", "check_async", "tokens"]

MAX_DEPTH = 256
"""The deepest nesting of ``(``, ``{`` and ``[`` accepted in a request."""


class Refused(ValueError):
    """The request asks for something this endpoint does not do; the message says what."""


@dataclass(frozen=True)
class Checked:
    """What the check learnt: the dataset the request names (FROM / FROM NAMED / USING)."""

    from_default: tuple[str, ...] = ()
    from_named: tuple[str, ...] = ()
    parsed: bool = True

    @property
    def has_dataset(self) -> bool:
        return bool(self.from_default or self.from_named)


_INLINE = 16_384
"""Requests shorter than this (in characters) are checked without leaving the event loop."""
_SERVICE = "SERVICE is refused: this endpoint does not query other endpoints"
_LOAD = "LOAD is refused: this endpoint does not fetch documents from URLs"


def check(
    text: str, *, update: bool, graphs: Collection[str], prefixes: Mapping[str, str]
) -> Checked:
    """Check a query (``update=False``) or an update; raise :class:`Refused` when unsafe.

    ``graphs`` are the named graphs of the store: FROM, FROM NAMED and USING may only name
    those. ``prefixes`` are the prefixes the endpoint declares for every request.
    """
    declared = dict(prefixes)
    default: list[str] = []
    named: list[str] = []
    found = [(m.lastgroup or "", m.group()) for m in tokens(text) if m.lastgroup in _MEANING]
    found += [("", "")] * 3  # room to look ahead at the end
    for index, (kind, value) in enumerate(found[:-3]):
        word = value.upper() if kind == "word" else ""
        if word == "SERVICE":
            raise Refused(_SERVICE)
        if word == "LOAD" and update:
            raise Refused(_LOAD)
        if word == "PREFIX":
            (prefix_kind, prefix), (iri_kind, iri) = found[index + 1 : index + 3]
            if prefix_kind == "pname" and prefix.endswith(":") and iri_kind == "iri":
                declared[prefix[:-1]] = iri[1:-1]
        elif word in ("FROM", "USING"):
            into, (kind, value) = default, found[index + 1]
            if kind == "word" and value.upper() == "NAMED":
                into, (kind, value) = named, found[index + 2]
            into.append(_graph(word, kind, value, declared, graphs))
    return Checked(tuple(default), tuple(named))


async def check_async(
    text: str, *, update: bool, graphs: Collection[str], prefixes: Mapping[str, str]
) -> Checked:
    """:func:`check`, on a thread when ``text`` is long so the event loop keeps serving."""
    if len(text) < _INLINE:
        return check(text, update=update, graphs=graphs, prefixes=prefixes)
    return await asyncio.to_thread(check, text, update=update, graphs=graphs, prefixes=prefixes)


_SEEN = frozenset({"iri", "string", "var", "pname", "word", "open", "close"})
"""The kinds of token the checks and the dataset rewriting read; the rest cannot change them."""
_MEANING = _SEEN - {"open", "close"}


def tokens(text: str) -> Iterator[Match[str]]:
    """The request's tokens of the kinds in :data:`_SEEN` (IRIs, strings, variables, names
    and brackets, not comments, numbers or operators), as :func:`coopgraph.lexer.scan`
    gives them; refuses brackets nested too deep."""
    depth = 0
    for match in scan(text):
        kind = match.lastgroup
        if kind == "open":
            depth += 1
            if depth > MAX_DEPTH:
                line = text.count("\n", 0, match.start()) + 1
                raise Refused(
                    f"brackets are nested more than {MAX_DEPTH} deep (line {line}); "
                    "flatten the query"
                )
        elif kind == "close":
            depth = max(0, depth - 1)
        elif kind not in _SEEN:
            continue
        yield match


def _graph(
    clause: str, kind: str, value: str, prefixes: Mapping[str, str], graphs: Collection[str]
) -> str:
    if kind == "iri":
        iri = value[1:-1]
    elif kind == "pname":
        prefix, _, local = value.partition(":")
        if prefix not in prefixes:
            raise Refused(f"the prefix '{prefix}:' is not declared; add a PREFIX line")
        iri = prefixes[prefix] + local
    else:
        raise Refused(f"{clause} must be followed by a graph IRI")
    if iri not in graphs:
        raise Refused(
            f"{clause} <{iri}> is refused: it is not a graph of this dataset, and this "
            "endpoint does not fetch URLs; list the graphs with "
            "SELECT DISTINCT ?g WHERE { GRAPH ?g {} }"
        )
    return iri
