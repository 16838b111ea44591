"""Where a store takes queries, updates and graphs: its three URLs, by store kind.

SPARQL 1.1 names three services but not their URLs; each product lays them out its own way.
``kind`` picks a layout from the URL the user gives; explicit URLs always win. Without a
kind, :func:`coopgraph.store.detect.detect` finds the layout by asking the store.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlsplit

__all__ = ["KINDS", "EndpointError", "Endpoints"]

KINDS: dict[str, tuple[str, str, str | None]] = {
    "generic": ("", "", None),
    "oxigraph": ("/query", "/update", "/store"),
    "fuseki": ("/query", "/update", "/data"),
    "graphdb": ("", "/statements", "/rdf-graphs/service"),
    "virtuoso": ("/sparql", "/sparql-auth", "/sparql-graph-crud-auth"),
}
"""Suffixes added to the given URL for the query, update and graph-store services.

``generic``: the URL is the query service and also takes updates; the graph-store URL must be
given. ``oxigraph``: the server root. ``fuseki``: the dataset (``http://host:3030/ds``).
``graphdb``: the repository (``http://host:7200/repositories/id``). ``virtuoso``: the server
root (the ``-auth`` services need digest credentials).
"""


class EndpointError(ValueError):
    """The store URLs cannot be worked out; the message says which setting to give."""


@dataclass(frozen=True)
class Endpoints:
    """The query, update and Graph Store Protocol URLs of one store."""

    query: str
    update: str
    gsp: str | None
    kind: str = "generic"
    found: str | None = None
    """How the layout was found by probing the store (``None``: it was given)."""

    def describe(self) -> str:
        """The three URLs, for a message."""
        gsp = self.gsp or "none (give --gsp-url)"
        return f"query {self.query}, update {self.update}, graph store {gsp}"

    @classmethod
    def resolve(
        cls,
        url: str,
        kind: str = "generic",
        *,
        update: str | None = None,
        gsp: str | None = None,
    ) -> Endpoints:
        """The URLs for a store of ``kind`` at ``url``; ``update``/``gsp`` override them."""
        if kind not in KINDS:
            raise EndpointError(f"unknown store kind '{kind}': use one of {', '.join(KINDS)}")
        base = _check(url, "store URL").rstrip("/")
        query_suffix, update_suffix, gsp_suffix = KINDS[kind]
        if query_suffix and base.endswith(query_suffix):
            base = base[: -len(query_suffix)]
        return cls(
            query=base + query_suffix,
            update=_check(update, "update URL") if update else base + update_suffix,
            gsp=_check(gsp, "graph-store URL") if gsp else _join(base, gsp_suffix),
            kind=kind,
        )


def _join(base: str, suffix: str | None) -> str | None:
    return None if suffix is None else base + suffix


def _check(url: str, what: str) -> str:
    parts = urlsplit(url.strip())
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise EndpointError(
            f"the {what} '{url}' is not an http(s) URL such as http://localhost:7878"
        )
    return url.strip()
