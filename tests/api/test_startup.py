"""Start-up: one store in the app's process, and query workers forked from it."""

from __future__ import annotations

import os
from pathlib import Path

import pyoxigraph as ox
import pytest
from fastapi.testclient import TestClient
from tests.api.conftest import make_settings
from tests.processes import family, parent

from coopgraph.api.app import create_app, refresh
from coopgraph.sparql.processes import private_bytes
from coopgraph.store import StoreError


def test_workers_are_forked_from_the_apps_process_when_it_starts(tmp_path: Path) -> None:
    before = family()
    app = create_app(make_settings(tmp_path), workers=2)
    assert family() == before  # nothing runs until the app starts
    with TestClient(app) as client:
        workers = app.state.executor.processes
        (server,) = {parent(pid) for pid in workers}
        assert parent(server) == os.getpid()
        answer = client.get("/sparql", params={"query": "SELECT (COUNT(*) AS ?n) { ?s ?p ?o }"})
        assert answer.status_code == 200
    assert family() == before


def test_the_workers_query_the_store_the_app_holds_when_it_starts(tmp_path: Path) -> None:
    app = create_app(make_settings(tmp_path), workers=1)
    refresh(app, ox.Store())  # an empty store replaces the loaded one
    with TestClient(app) as client:
        answer = client.get("/sparql", params={"query": "SELECT * { ?s ?p ?o } LIMIT 1"})
        assert answer.json()["results"]["bindings"] == []


def test_the_default_graph_is_the_merge_of_the_graphs(tmp_path: Path) -> None:
    store = ox.Store()
    fact = (ox.NamedNode("urn:i"), ox.NamedNode("urn:founder"), ox.NamedNode("urn:a"))
    store.extend([ox.Quad(*fact, ox.NamedNode("urn:g1")), ox.Quad(*fact, ox.NamedNode("urn:g2"))])
    app = create_app(make_settings(tmp_path), store, workers=1)
    count = "SELECT (COUNT(*) AS ?n) { ?s ?p ?o }"
    with TestClient(app) as client:
        rows = client.get("/sparql", params={"query": count}).json()["results"]["bindings"]
    assert rows[0]["n"]["value"] == "1"


def _return_free_memory() -> None:
    """Give the C heap's free pages back to the system (glibc), so growth can be measured."""
    import contextlib
    import ctypes
    import gc

    gc.collect()
    with contextlib.suppress(OSError):  # not glibc: the measure is what it is
        ctypes.CDLL("libc.so.6").malloc_trim(0)


def test_the_workers_share_the_apps_store_rather_than_copy_it(tmp_path: Path) -> None:
    graph = tmp_path / "big.nt"
    with graph.open("w") as out:
        for i in range(60_000):
            out.write(f'<urn:s{i}> <urn:p> "value {i} {"x" * 40}" .\n')
    _return_free_memory()  # earlier tests' freed heap would hold the store without growing it
    before = private_bytes(os.getpid()) or 0
    app = create_app(make_settings(tmp_path, graph_path=graph), workers=1)
    loaded = (private_bytes(os.getpid()) or 0) - before  # the store, in the app's process
    with TestClient(app) as client:
        client.get("/sparql", params={"query": "ASK { <urn:s1> <urn:p> ?o }"})
        (worker,) = app.state.executor.processes
        copied = sum(private_bytes(pid) or 0 for pid in (worker, parent(worker)))
    assert loaded > 10 * 2**20
    assert copied < loaded / 4


def test_a_graph_that_does_not_load_leaves_no_process_behind(tmp_path: Path) -> None:
    settings = make_settings(tmp_path)
    settings.graph_path.write_text("this is not TriG")
    before = family()
    with pytest.raises(StoreError, match="cannot be loaded"):
        create_app(settings)
    assert family() == before
