"""Graph stores: the embedded pyoxigraph store or any SPARQL 1.1 store, behind one interface.

>>> from coopgraph.settings import Settings
>>> from coopgraph.store.connection import open_graph_store
>>> store = open_graph_store(Settings())          # doctest: +SKIP
>>> store.select("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")   # doctest: +SKIP
[{'n': 1234}]

``COOPGRAPH_STORE_URL`` switches from the embedded store to a remote one; its layout is found
by asking it (:mod:`coopgraph.store.detect`) unless ``COOPGRAPH_STORE_KIND`` names it.
"""

from __future__ import annotations

import logging
from dataclasses import replace

from coopgraph.settings import Settings
from coopgraph.store.base import (
    GraphStore,
    GraphStoreError,
    NotAcceptable,
    StoreRefused,
    StoreTimeout,
    StoreUnavailable,
    UnionGraphOff,
)
from coopgraph.store.detect import StoreNotFound, detect
from coopgraph.store.embedded import EmbeddedStore
from coopgraph.store.endpoints import KINDS, EndpointError, Endpoints
from coopgraph.store.remote import RemoteStore, http_client

__all__ = [
    "KINDS",
    "UNION_HELP",
    "EmbeddedStore",
    "EndpointError",
    "Endpoints",
    "GraphStore",
    "GraphStoreError",
    "NotAcceptable",
    "RemoteStore",
    "StoreNotFound",
    "StoreRefused",
    "StoreTimeout",
    "StoreUnavailable",
    "UnionGraphOff",
    "connect",
    "open_graph_store",
]

log = logging.getLogger(__name__)

PROBE_TIMEOUT = 10.0
"""Seconds each request finding a store's layout may take, at most."""

UNION_HELP = (
    "start Oxigraph with --union-default-graph, set tdb2:unionDefaultGraph true on the Fuseki "
    "dataset, or the equivalent for your store"
)


def connect(settings: Settings, *, require_union: bool = True) -> RemoteStore:
    """The remote store of ``settings``, checked: reachable, credentials accepted and (unless
    ``require_union`` is false) answering queries over the union of its named graphs.

    Raises :class:`EndpointError`, :class:`StoreUnavailable`, :class:`StoreRefused` or
    :class:`UnionGraphOff`.
    """
    if not settings.store_url:
        raise EndpointError("no store URL: set COOPGRAPH_STORE_URL or pass one")
    endpoints = _endpoints(settings)
    store = RemoteStore(
        endpoints,
        auth=_auth(settings),
        digest=settings.store_auth == "digest",
        timeout=settings.store_timeout,
        retries=settings.store_retries,
    )
    try:
        store.ask("ASK {}")
        if require_union and store.union_default_graph() is False:
            raise UnionGraphOff(
                f"the triple store at {endpoints.query} does not query the union of its named "
                f"graphs, which coopgraph needs: {UNION_HELP}"
            )
    except GraphStoreError:
        store.close()
        raise
    log.info("connected to %s", endpoints.query)
    return store


def open_graph_store(settings: Settings) -> GraphStore:
    """The remote store if ``settings.store_url`` is set, else the built graph held in memory."""
    if settings.store_url:
        return connect(settings)
    return EmbeddedStore.open(settings.graph_path, settings.ontology_path)


def _endpoints(settings: Settings) -> Endpoints:
    """The store's URLs: by its kind, or found by asking the store (kind ``auto``)."""
    url = settings.store_url or ""
    update, gsp = settings.store_update_url, settings.store_gsp_url
    if settings.store_kind != "auto":
        return Endpoints.resolve(url, settings.store_kind, update=update, gsp=gsp)
    given = Endpoints.resolve(url, update=update, gsp=gsp)  # URLs checked before any request
    with http_client(
        _auth(settings),
        digest=settings.store_auth == "digest",
        timeout=min(settings.store_timeout, PROBE_TIMEOUT),
    ) as client:
        found = detect(url, client)
    return replace(
        found,
        update=given.update if update else found.update,
        gsp=given.gsp if gsp else found.gsp,
    )


def _auth(settings: Settings) -> tuple[str, str] | str | None:
    if settings.store_token is not None:
        return settings.store_token.get_secret_value()
    if settings.store_user:
        password = settings.store_password.get_secret_value() if settings.store_password else ""
        return (settings.store_user, password)
    return None
