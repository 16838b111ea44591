"""The dataset a request names through the protocol's parameters, and the base of its IRIs.

The SPARQL 1.1 Protocol lets a query name its dataset (``default-graph-uri``,
``named-graph-uri``) and an update the dataset of its WHERE clauses (``using-graph-uri``,
``using-named-graph-uri``). A graph the store does not hold is an empty graph, as in
Oxigraph and Fuseki: its IRI is a name, never an address this server fetches. The answer
says which graphs were taken as empty (:data:`EMPTY_HEADER`) so a typo does not go unseen.

Relative IRIs in a request are resolved against the endpoint's own URL, which the protocol
allows ("the service-defined BASE URI, which MAY be the service endpoint").
"""

from __future__ import annotations

import logging
import re
from collections.abc import Collection, Iterable
from urllib.parse import quote

import pyoxigraph as ox
from starlette.datastructures import URL
from starlette.types import Scope

from coopgraph.api.guard import Refused, tokens

__all__ = [
    "EMPTY_HEADER",
    "USING_PARAMETERS",
    "checked_iris",
    "empty_graphs",
    "empty_graphs_header",
    "endpoint_iri",
    "with_using",
]

log = logging.getLogger(__name__)

EMPTY_HEADER = "X-Coopgraph-Empty-Graphs"
"""Response header listing the protocol's graphs the store does not hold (answered as empty)."""
USING_PARAMETERS = ("using-graph-uri", "using-named-graph-uri")

_IRI = re.compile(r'[^<>"{}|^`\\\x00-\x20]+')
"""What may stand between ``<`` and ``>`` in SPARQL: an IRI written into an update cannot
close its brackets and add text of its own."""
_CONFLICT = (
    "using-graph-uri / using-named-graph-uri cannot be combined with USING, USING NAMED or "
    "WITH in the update text (SPARQL 1.1 Protocol, section 2.2.3): give the dataset one way"
)


def checked_iris(parameter: str, iris: Iterable[str]) -> list[str]:
    """``iris`` if each is an absolute IRI; :class:`Refused` naming the parameter otherwise."""
    found = list(iris)
    for iri in found:
        try:
            if not _IRI.fullmatch(iri):
                raise ValueError
            ox.NamedNode(iri)
        except ValueError:
            raise Refused(f"{parameter}={iri!r} is not an absolute IRI") from None
    return found


def empty_graphs(graphs: Collection[str], iris: Iterable[str]) -> list[str]:
    """The IRIs in ``iris`` (once each, in order) that are not graphs of the store: the
    request gets empty graphs for them. Logged, as a typo in an IRI would be."""
    missing = [iri for iri in dict.fromkeys(iris) if iri not in graphs]
    if missing:
        log.info("graphs the store does not hold, taken as empty: %s", " ".join(missing))
    return missing


def empty_graphs_header(missing: list[str]) -> dict[str, str]:
    """The header naming the graphs taken as empty (none: no header), IRIs written as URIs
    (non-ASCII characters percent-encoded), as a header must be ASCII."""
    if not missing:
        return {}
    return {EMPTY_HEADER: " ".join(f"<{quote(iri, safe=_URI_SAFE)}>" for iri in missing)}


_URI_SAFE = "".join(chr(c) for c in range(0x21, 0x7F) if chr(c) not in '<>"{}|^`\\')


def with_using(text: str, default: list[str], named: list[str]) -> str:
    """``text`` with USING / USING NAMED clauses for the protocol's using graphs, written into
    each DELETE/INSERT ... WHERE operation (the only kind that has a WHERE dataset).

    ``DELETE WHERE { P }`` takes no USING clause, so it becomes the equivalent
    ``DELETE { P } USING ... WHERE { P }``. The IRIs must have passed :func:`checked_iris`.
    Raises :class:`Refused` when the text already says USING or WITH.
    """
    if not default and not named:
        return text
    clauses = " ".join([*(f"USING <{g}>" for g in default), *(f"USING NAMED <{g}>" for g in named)])
    found = list(tokens(text))
    edits: list[tuple[int, int, str]] = []
    depth, modify = 0, False
    for index, match in enumerate(found):
        kind = match.lastgroup
        if kind == "open":
            depth += 1
        elif kind == "close":
            depth -= 1
        if kind != "name" or depth:
            continue
        word = match.group().upper()
        if word in ("USING", "WITH"):
            raise Refused(_CONFLICT)
        after = found[index + 1].group().upper() if index + 1 < len(found) else ""
        if word == "DELETE" and after == "WHERE":
            edits.append(_delete_where(text, found, index + 1, clauses))
        elif word in ("INSERT", "DELETE") and after not in ("DATA", "WHERE"):
            modify = True
        elif word == "WHERE" and modify:
            edits.append((match.start(), match.start(), f"{clauses} "))
            modify = False
    for start, end, replacement in reversed(edits):
        text = text[:start] + replacement + text[end:]
    return text


def _delete_where(
    text: str, found: list[re.Match[str]], at: int, clauses: str
) -> tuple[int, int, str]:
    """The edit turning ``DELETE WHERE { P }`` (``WHERE`` at ``found[at]``) into
    ``DELETE { P } USING ... WHERE { P }``."""
    opening = found[at + 1] if at + 1 < len(found) else None
    if opening is None or opening.lastgroup != "open":
        return (found[at].start(), found[at].start(), "")  # not valid: the engine says why
    depth = 0
    for match in found[at + 1 :]:
        depth += 1 if match.lastgroup == "open" else -1 if match.lastgroup == "close" else 0
        if depth == 0:
            pattern = text[opening.start() : match.end()]
            return (found[at].start(), match.end(), f"{pattern} {clauses} WHERE {pattern}")
    return (found[at].start(), found[at].start(), "")


_bases: dict[tuple[object, ...], str | None] = {}
"""Base IRIs already worked out, by what they are made of (read only here)."""


def endpoint_iri(scope: Scope) -> str | None:
    """The endpoint's URL as the client addressed it (``http://host/sparql``): the base of
    relative IRIs in queries and updates. ``None`` if the ``Host`` header makes no IRI."""
    host = next((value for name, value in scope.get("headers", ()) if name == b"host"), None)
    key = (scope.get("scheme"), host, tuple(scope.get("server") or ()), scope.get("root_path", ""))
    if key in _bases:
        return _bases[key]
    url = URL(scope={**scope, "path": f"{scope.get('root_path', '')}/sparql", "query_string": b""})
    base: str | None = str(url)
    try:
        checked_iris("base", [str(url)])
    except Refused:
        base = None
    if len(_bases) >= 256:
        del _bases[next(iter(_bases))]
    _bases[key] = base
    return base
