"""Refuse SPARQL that would make the server fetch URLs: SERVICE, LOAD, foreign FROM / USING.

The check runs on the parse tree (rdflib's SPARQL parser), not on substrings. A request that
rdflib cannot parse falls back to a token scan with strings, IRIs and comments removed: if it
names one of the dangerous keywords it is refused, since its IRIs cannot be checked.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from pyparsing import ParseException, ParseResults
from rdflib.plugins.sparql.parser import parseQuery, parseUpdate
from rdflib.plugins.sparql.parserutils import CompValue
from rdflib.term import URIRef

__all__ = ["Checked", "Refused", "check"]


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


_SERVICE = "SERVICE is refused: this endpoint does not query other endpoints"
_LOAD = "LOAD is refused: this endpoint does not fetch documents from URLs"
_TOKENS = re.compile(
    r"""#[^\n]*|<[^<>"{}|^`\\\s]*>|'''.*?'''|\"\"\".*?\"\"\"|'(?:[^'\\\n]|\\.)*'"""
    r"""|"(?:[^"\\\n]|\\.)*"|[?$]\w+|[A-Za-z_]?[\w.-]*:[\w.-]*|[A-Za-z_][\w-]*""",
    re.DOTALL,
)


def check(
    text: str, *, update: bool, graphs: Collection[str], prefixes: Mapping[str, str]
) -> Checked:
    """Check a query (``update=False``) or an update; raise :class:`Refused` when unsafe.

    ``graphs`` are the named graphs of the store: FROM, FROM NAMED and USING may only name
    those.
    """
    try:
        tree = parseUpdate(text) if update else parseQuery(text)
    except (ParseException, ValueError, TypeError, AttributeError):
        return _scan(text, update)
    declared = dict(prefixes)
    default: list[str] = []
    named: list[str] = []
    for node in _walk(tree):
        if node.name == "PrefixDecl":
            declared[str(node.get("prefix") or "")] = str(node.get("iri"))
        elif node.name == "ServiceGraphPattern":
            raise Refused(_SERVICE)
        elif node.name == "Load":
            raise Refused(_LOAD)
        elif node.name in ("DatasetClause", "UsingClause"):
            key = "default" if "default" in node else "named"
            iri = _iri(node[key], declared)
            if iri not in graphs:
                clause = "FROM" if node.name == "DatasetClause" else "USING"
                raise Refused(
                    f"{clause} <{iri}> is refused: it is not a graph of this dataset, and this "
                    "endpoint does not fetch URLs; list the graphs with "
                    "SELECT DISTINCT ?g WHERE { GRAPH ?g {} }"
                )
            (default if key == "default" else named).append(iri)
    return Checked(tuple(default), tuple(named))


def _walk(node: Any) -> Iterator[CompValue]:
    if isinstance(node, CompValue):
        yield node
        for value in node.values():
            yield from _walk(value)
    elif isinstance(node, list | tuple | ParseResults):
        for value in node:
            yield from _walk(value)


def _iri(value: Any, prefixes: Mapping[str, str]) -> str:
    if isinstance(value, URIRef):
        return str(value)
    if isinstance(value, CompValue) and value.name == "pname":
        prefix = str(value.get("prefix") or "")
        if prefix not in prefixes:
            raise Refused(f"the prefix '{prefix}:' is not declared; add a PREFIX line")
        return prefixes[prefix] + str(value.get("localname") or "")
    return str(value)


def _scan(text: str, update: bool) -> Checked:
    """Fallback for text rdflib cannot parse: refuse if a dangerous keyword appears."""
    words = {
        token.upper()
        for token in _TOKENS.findall(text)
        if not token.startswith(("#", "<", "'", '"', "?", "$")) and ":" not in token
    }
    if "SERVICE" in words:
        raise Refused(_SERVICE)
    if "LOAD" in words and update:
        raise Refused(_LOAD)
    if words & {"FROM", "USING"}:
        raise Refused(
            "FROM / USING could not be checked against the graphs of this dataset; "
            "pass the graphs as default-graph-uri / named-graph-uri parameters instead"
        )
    return Checked(parsed=False)
