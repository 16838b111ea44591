"""The dataset a request names through the protocol's parameters, and the base of its IRIs.

The SPARQL 1.1 Protocol lets a query name its dataset (``default-graph-uri``,
``named-graph-uri``) and an update the dataset of its WHERE clauses (``using-graph-uri``,
``using-named-graph-uri``). A graph the store does not hold is an empty graph, as in
Oxigraph and Fuseki: the value is a name, never an address this server fetches, and any
text is taken (one that is no IRI names no graph of the store either). The answer says which
graphs were taken as empty (:data:`EMPTY_HEADER`) so a typo does not go unseen.

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

from coopgraph.sparql.guard import Refused, tokens

__all__ = [
    "EMPTY_GRAPH",
    "EMPTY_HEADER",
    "USING_PARAMETERS",
    "empty_graphs",
    "empty_graphs_header",
    "endpoint_iri",
    "is_iri",
    "using_graphs",
    "with_using",
]

log = logging.getLogger(__name__)

EMPTY_HEADER = "X-Coopgraph-Empty-Graphs"
"""Response header listing the protocol's graphs the store does not hold (answered as empty)."""
EMPTY_GRAPH = "urn:coopgraph:empty-graph"
"""The name a graph the store does not hold is given where an IRI must be written (a USING
clause, a request to a remote store): a URN no store holds and none can fetch."""

USING_PARAMETERS = ("using-graph-uri", "using-named-graph-uri")
"""The protocol's parameters naming the dataset of an update's WHERE clauses."""

_HEADER_NAMES = 20
"""Graph names the header lists at most (the rest are counted)."""
_IRI = re.compile(r'[^<>"{}|^`\\\x00-\x20]+')
_CONFLICT = (
    "using-graph-uri / using-named-graph-uri cannot be combined with USING, USING NAMED or "
    "WITH in the update text (SPARQL 1.1 Protocol, section 2.2.3): give the dataset one way"
)


def empty_graphs(graphs: Collection[str], names: Iterable[str]) -> list[str]:
    """The names in ``names`` (once each, in order) that are not graphs of the store: the
    request gets empty graphs for them. Logged, as a typo in an IRI would be."""
    missing = [name for name in dict.fromkeys(names) if name not in graphs]
    if missing:
        log.info("graphs the store does not hold, taken as empty: %s", " ".join(missing))
    return missing


def empty_graphs_header(missing: list[str]) -> dict[str, str]:
    """The header naming the graphs taken as empty (none: no header), as URIs (anything but
    printable ASCII percent-encoded, as a header must be), the first 20 of them."""
    if not missing:
        return {}
    names = [f"<{quote(name, safe=_URI_SAFE)}>" for name in missing[:_HEADER_NAMES]]
    if len(missing) > _HEADER_NAMES:
        names.append(f"and {len(missing) - _HEADER_NAMES} more")
    return {EMPTY_HEADER: " ".join(names)}


_URI_SAFE = "".join(chr(c) for c in range(0x21, 0x7F) if chr(c) not in '<>"{}|^`\\')


def using_graphs(names: Iterable[str]) -> list[str]:
    """``names`` as they can be written into a USING clause: an IRI as itself (the update may
    create its graph before its WHERE runs), anything else, which names no graph and could
    not be written between ``<>`` safely, as :data:`EMPTY_GRAPH`."""
    return list(dict.fromkeys(name if is_iri(name) else EMPTY_GRAPH for name in names))


def is_iri(text: str) -> bool:
    """Whether ``text`` is an absolute IRI (and so safe to write between ``<`` and ``>``)."""
    if not _IRI.fullmatch(text):
        return False
    try:
        ox.NamedNode(text)
    except ValueError:
        return False
    return True


def with_using(text: str, default: list[str], named: list[str]) -> str:
    """``text`` with USING / USING NAMED clauses for the protocol's using graphs, written into
    each DELETE/INSERT ... WHERE operation (the only kind that has a WHERE dataset).

    ``DELETE WHERE { P }`` takes no USING clause, so it becomes the equivalent
    ``DELETE { P } USING ... WHERE { P }``. The IRIs must be safe to write between ``<>``
    (see :func:`using_graphs`).
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
        if kind != "word" or depth:
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
    base = str(url) if is_iri(str(url)) else None
    if len(_bases) >= 256:
        del _bases[next(iter(_bases))]
    _bases[key] = base
    return base
