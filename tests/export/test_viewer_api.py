"""``GET /viewer`` serves the viewer page over the live store, mounted on a bare app."""

from __future__ import annotations

import json
import re

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from coopgraph.api.routes.viewer import router


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


@pytest.mark.parametrize(
    ("params", "status", "message"),
    [
        ({"type": "Spaceship"}, 400, "unknown type 'Spaceship'; the ontology's classes are: "),
        # checked by FastAPI: 422 on this bare app, 400 on coopgraph's (tests/api)
        ({"side": "Mars"}, 422, "Input should be 'China', 'Singapore', 'Joint' or 'Third'"),
        ({"view": "ego"}, 422, "Input should be 'parties' or 'full'"),
        ({"since": "soon"}, 422, "valid integer"),
    ],
)
def test_a_malformed_filter_is_refused_with_the_reason(client, params, status, message) -> None:
    response = client.get("/viewer", params=params)
    assert response.status_code == status
    assert message in str(response.json()["detail"])


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"type": "Agreement"}, "no node has type 'Agreement'; types in this view"),
        ({"document": "nope.txt"}, "no document 'nope.txt'"),
        ({"since": 2021, "until": 2019}, "--since 2021 is after --until 2019"),
        ({"type": "Person", "side": "Joint"}, "no node matches --type Person --side Joint"),
    ],
)
def test_a_filter_that_selects_nothing_is_a_404_saying_why(client, params, message) -> None:
    response = client.get("/viewer", params=params)
    assert response.status_code == 404
    assert message in response.json()["detail"]
