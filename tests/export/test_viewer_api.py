"""``GET /viewer`` serves the viewer page over the live store, mounted on a bare app."""

from __future__ import annotations

import json
import re

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from coopgraph.api.viewer import router


@pytest.fixture()
def client(network_store) -> TestClient:
    app = FastAPI()
    app.state.store = network_store
    app.include_router(router)
    return TestClient(app)


def _data(html: str) -> dict:
    match = re.search(r'<script type="application/json" id="coopgraph-data">(.*?)</script>', html)
    assert match, "no data block in the page"
    return json.loads(match.group(1))


def test_viewer_page_holds_the_network(client, network_store) -> None:
    from coopgraph.export import build_network

    response = client.get("/viewer")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    data = _data(response.text)
    assert len(data["nodes"]) == build_network(network_store, "parties").number_of_nodes()
    assert "cytoscape" in response.text and "<script src=" not in response.text


def test_viewer_filters_by_query(client) -> None:
    data = _data(client.get("/viewer", params={"view": "full", "side": "China"}).text)
    assert data["view"] == "full"
    assert {node["side"] for node in data["nodes"]} == {"China"}


def test_viewer_bad_filter_is_a_400_with_the_reason(client) -> None:
    response = client.get("/viewer", params={"type": "Spaceship"})
    assert response.status_code == 400
    assert "no node has type 'Spaceship'" in response.json()["detail"]
