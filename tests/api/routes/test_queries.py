"""Canned queries over HTTP: the list, typed parameters bound (never spliced), path safety."""

from __future__ import annotations

from fastapi.testclient import TestClient

from coopgraph.settings import Settings
from coopgraph.sparql.catalogue import load_catalogue


def test_every_canned_query_is_listed(client: TestClient) -> None:
    listed = client.get("/queries").json()
    names = {q["name"] for q in listed}
    assert names == set(load_catalogue(Settings().queries_dir))
    series = next(q for q in listed if q["name"] == "co-chairs-of-series")
    assert series["params"][0]["name"] == "series" and series["params"][0]["type"] == "entity"


def test_a_canned_query_runs_with_a_parameter(client: TestClient) -> None:
    response = client.get("/queries/co-chairs-of-series", params={"series": "JCBC"})
    assert response.status_code == 200, response.text
    values = {
        cell["value"] for row in response.json()["results"]["bindings"] for cell in row.values()
    }
    assert "Heng Swee Keat" in values
    assert "Han Zheng" in values


def test_parameter_errors_are_400(client: TestClient) -> None:
    unknown = client.get("/queries/co-chairs-of-series", params={"series": "No Such Council"})
    assert unknown.status_code == 400 and "No Such Council" in unknown.json()["error"]
    extra = client.get("/queries/co-chairs-of-series", params={"colour": "red"})
    assert extra.status_code == 400 and "'colour' is not a parameter" in extra.json()["error"]


def test_injection_through_a_parameter_stays_a_value(client: TestClient) -> None:
    sneaky = 'JCBC" } } SERVICE <http://x/> { ?a ?b ?c } #'
    response = client.get("/queries/co-chairs-of-series", params={"series": sneaky})
    assert response.status_code == 400
    assert "SERVICE is refused" not in response.text


def test_unknown_or_traversing_names_are_404(client: TestClient) -> None:
    assert client.get("/queries/no-such-query").status_code == 404
    assert client.get("/queries/..%2F..%2Fsettings").status_code == 404
    assert client.get("/queries/.hidden").status_code == 404
