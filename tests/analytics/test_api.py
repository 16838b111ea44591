"""``/analytics`` on a bare app over the test network; same answers as the command line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from coopgraph.api.routes.analytics import router
from coopgraph.cli import app as cli
from coopgraph.store import open_store

NETWORK = Path(__file__).parents[1] / "data" / "analytics" / "network.trig"


@pytest.fixture(scope="module")
def client() -> TestClient:
    app = FastAPI()
    app.state.store = open_store(NETWORK)
    app.include_router(router)
    return TestClient(app)


CASES = [
    ("cofounders", {}, []),
    ("cofounders", {"entity": "SSIJRI"}, ["SSIJRI"]),
    ("centrality", {"top": 5}, ["--top", "5"]),
    ("communities", {"seed": 3}, ["--seed", "3"]),
    ("path", {"source": "NTU", "target": "JITRI", "k": 2}, ["NTU", "JITRI", "--k", "2"]),
    ("bridges", {"top": 3}, ["--top", "3"]),
    ("ego", {"entity": "SIP", "radius": 2}, ["SIP", "--radius", "2"]),
    ("timeline", {"entity": "SSIJRI"}, ["SSIJRI"]),
    ("within", {"place": "Chongqing"}, ["Chongqing"]),
]


@pytest.mark.parametrize(("name", "params", "args"), CASES)
def test_api_and_cli_agree(client: TestClient, name: str, params: dict, args: list[str]) -> None:
    response = client.get(f"/analytics/{name}", params=params)
    assert response.status_code == 200, response.text
    result = CliRunner().invoke(
        cli, ["analyze", name, *args, "-f", "json", "--graph", str(NETWORK)]
    )
    assert result.exit_code == 0, result.output
    assert response.json() == json.loads(result.output)
    assert response.json()  # not an empty answer


@pytest.mark.parametrize(
    ("path", "params", "message"),
    [
        ("/analytics/ego", {"entity": "Nowhere"}, "no entity is called 'Nowhere'"),
        ("/analytics/ego", {"entity": "CCI"}, "'CCI' is ambiguous"),
        ("/analytics/path", {"source": "NTU", "target": "Temasek Foundation"}, "not connected"),
        ("/analytics/ego", {"entity": "Yuzhong District"}, "is not a party"),
        ("/analytics/timeline", {"entity": "Nowhere"}, "no entity is called"),
        ("/analytics/within", {"place": "Atlantis"}, "no entity is called 'Atlantis'"),
    ],
)
def test_unknown_names_give_404(client: TestClient, path: str, params: dict, message: str) -> None:
    response = client.get(path, params=params)
    assert response.status_code == 404
    assert message in response.json()["detail"]


def test_parameters_are_validated(client: TestClient) -> None:
    assert client.get("/analytics/ego", params={"entity": "SIP", "radius": 0}).status_code == 422
    assert client.get("/analytics/path", params={"source": "NTU"}).status_code == 422


def test_routes_are_documented(client: TestClient) -> None:
    paths = client.get("/openapi.json").json()["paths"]
    assert set(paths) == {f"/analytics/{name}" for name, _, _ in CASES}
    path = paths["/analytics/path"]["get"]
    assert path["summary"] == "How two parties are connected"
    assert "404" in path["responses"]
    assert {p["name"] for p in path["parameters"]} == {"source", "target", "k"}
