"""The party network is projected once per store revision, and again when the store changes."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import networkx as nx
import pyoxigraph as ox
import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from coopgraph.analytics import party_network
from coopgraph.analytics.cache import NetworkCache, revision
from coopgraph.api.routes import analytics as api
from coopgraph.store import open_store

from .conftest import NETWORK


def test_one_projection_per_store_and_revision() -> None:
    store = open_store(NETWORK)
    cache = NetworkCache(size=2)
    first = cache.party_network(store, revision(store))
    assert cache.party_network(store, revision(store)) is first
    assert cache.projections == 1
    assert nx.utils.graphs_equal(first, party_network(store))
    other = open_store(NETWORK)  # same size and key, but another store
    assert cache.party_network(other, revision(other)) is not first
    assert cache.projections == 2


def test_a_changed_store_is_projected_again() -> None:
    store = open_store(NETWORK)
    cache = NetworkCache()
    before = revision(store)
    cache.party_network(store, before)
    store.add(
        ox.Quad(
            ox.NamedNode("https://w3id.org/coopgraph/id/new-party"),
            ox.NamedNode("http://www.w3.org/2004/02/skos/core#prefLabel"),
            ox.Literal("New Party"),
        )
    )
    assert revision(store) != before
    cache.party_network(store, revision(store))
    assert cache.projections == 2


def test_least_recently_used_network_is_dropped() -> None:
    stores = [open_store(NETWORK) for _ in range(3)]
    cache = NetworkCache(size=2)
    for store in stores:
        cache.party_network(store, 1)
    cache.party_network(stores[2], 1)
    assert cache.projections == 3
    cache.party_network(stores[0], 1)  # dropped when the third came in
    assert cache.projections == 4
    cache.clear()
    cache.party_network(stores[0], 1)
    assert cache.projections == 5


def test_revision_follows_version_and_file_time(tmp_path: Path) -> None:
    path = tmp_path / "graph.trig"
    shutil.copy(NETWORK, path)
    store = open_store(path)
    key = revision(store, version=1, path=path)
    assert revision(store, version=2, path=path) != key
    os.utime(path, ns=(path.stat().st_atime_ns, path.stat().st_mtime_ns + 10**9))
    assert revision(store, version=1, path=path) != key
    assert revision(store, path=tmp_path / "missing.trig") == (len(store), None, None)


def test_an_empty_cache_is_refused() -> None:
    with pytest.raises(ValueError, match="at least one network"):
        NetworkCache(size=0)


def test_api_projects_once_for_many_requests() -> None:
    app = FastAPI()
    app.state.store = open_store(NETWORK)
    app.include_router(api.router)
    client = TestClient(app)
    api.NETWORKS.clear()
    start = api.NETWORKS.projections
    for route, params in [
        ("centrality", {"top": 3}),
        ("communities", {}),
        ("bridges", {}),
        ("path", {"source": "NTU", "target": "JITRI"}),
        ("ego", {"entity": "SIP"}),
    ]:
        assert client.get(f"/analytics/{route}", params=params).status_code == 200
    assert api.NETWORKS.projections == start + 1
    app.state.version = 2  # the app swapped its store contents
    assert client.get("/analytics/centrality").status_code == 200
    assert api.NETWORKS.projections == start + 2
