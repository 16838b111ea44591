"""Start-up: the query workers' loader reads the graph while the app loads its own store."""

from __future__ import annotations

import gc
import multiprocessing
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from tests.api.conftest import make_settings

from coopgraph.api.app import create_app
from coopgraph.store import StoreError


def _children() -> set[int]:
    return {p.pid for p in multiprocessing.active_children()}


def test_the_loader_starts_with_the_app_and_serves_its_queries(tmp_path: Path) -> None:
    before = _children()
    app = create_app(make_settings(tmp_path), workers=2)
    launched = app.state.launched
    assert launched is not None and _children() - before  # loading beside the app's store
    with TestClient(app) as client:
        assert app.state.executor is launched
        answer = client.get("/sparql", params={"query": "ASK { ?s cg:founder ?o }"})
        assert answer.status_code == 200 and answer.json()["boolean"] is True
    assert _children() == before


def test_a_store_changed_before_start_is_served_from_a_snapshot(tmp_path: Path) -> None:
    import pyoxigraph as ox

    from coopgraph.api.app import refresh

    app = create_app(make_settings(tmp_path), workers=1)
    launched = app.state.launched
    refresh(app, ox.Store())  # an empty store replaces the loaded one
    with TestClient(app) as client:
        assert app.state.executor is not launched
        answer = client.get("/sparql", params={"query": "ASK { ?s ?p ?o }"})
        assert answer.json()["boolean"] is False
    assert launched._loader is None  # discarded


def test_a_graph_that_does_not_load_leaves_no_loader_behind(tmp_path: Path) -> None:
    settings = make_settings(tmp_path)
    settings.graph_path.write_text("this is not TriG")
    before = _children()
    with pytest.raises(StoreError, match="cannot be loaded"):
        create_app(settings)
    assert _children() == before


def test_an_app_that_never_starts_stops_its_loader(tmp_path: Path) -> None:
    before = _children()
    app = create_app(make_settings(tmp_path), workers=1)
    assert _children() - before
    del app
    gc.collect()
    assert _children() == before
