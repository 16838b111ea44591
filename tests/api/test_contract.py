"""The OpenAPI description tells the truth: schemathesis ``--checks all`` against a real server
finds nothing, and the parts it relies on (statuses, Allow, parameters) hold by themselves.

The full run (60 examples per operation over the seed graph) is in docs/endpoint.md; here it
is bounded (10 examples, fixed seed, the example graph), as CI's time allows.
"""

from __future__ import annotations

import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from tests.behaviour.robustness.conftest import EXAMPLE, ROOT, start_server, stop_server

from coopgraph.api import contract, media
from coopgraph.api.app import create_app
from coopgraph.settings import Settings

SCHEMATHESIS = Path(sys.executable).parent / "schemathesis"
EXAMPLES, SEED = 10, 20261206


@pytest.fixture(scope="module")
def served() -> Iterator[str]:
    url, process = start_server(EXAMPLE)
    try:
        yield url
    finally:
        stop_server(process)


@pytest.fixture(scope="module")
def schema() -> dict:
    return create_app(Settings(graph_path=EXAMPLE), workers=1).openapi()


@pytest.mark.slow
def test_schemathesis_checks_all_find_no_failure(served: str) -> None:
    command = [
        str(SCHEMATHESIS),
        "run",
        f"{served}/openapi.json",
        "--checks",
        "all",
        "--workers",
        "1",  # hypothesis's cache of lambda sources is not thread-safe (a rare KeyError)
        "--max-examples",
        str(EXAMPLES),
        "--seed",
        str(SEED),
        "--no-color",
    ]
    run = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=600)
    summary = run.stdout[run.stdout.rfind("SUMMARY") :]
    assert run.returncode == 0, run.stdout[-6000:] + run.stderr[-2000:]
    assert "Tested: 20" in summary and re.search(r"(\d+) generated, \1 passed", summary), summary


def test_every_answer_is_documented_with_its_media_types(schema: dict) -> None:
    operations = {
        (method.upper(), path): operation
        for path, methods in schema["paths"].items()
        for method, operation in methods.items()
    }
    assert len(operations) == 20
    for (method, path), operation in operations.items():
        responses = operation["responses"]
        assert "422" not in responses or (method, path) == ("POST", "/sparql"), path
        for status, response in responses.items():
            if status != "204":  # the one answer without a body
                assert response.get("content"), (method, path, status)
            if status >= "400":
                assert response["content"] == {
                    "application/json": {"schema": {"$ref": "#/components/schemas/Error"}}
                }, (method, path, status)
    sparql = operations["GET", "/sparql"]["responses"]["200"]["content"]
    assert set(sparql) == {kinds[0] for kinds in (media.SOLUTIONS | media.GRAPHS).values()}
    assert "application/json" not in operations["GET", "/void"]["responses"]["200"]["content"]
    assert set(operations["GET", "/id/{path}"]["responses"]["200"]["content"]) >= {"text/html"}


def test_parameters_are_constrained_as_the_code_checks_them(schema: dict) -> None:
    def parameters(path: str, method: str = "get") -> dict[str, dict]:
        return {p["name"]: p["schema"] for p in schema["paths"][path][method]["parameters"]}

    assert parameters("/sparql")["format"]["enum"] == list(media.FORMATS)
    assert parameters("/sparql")["query"] == {"type": "string", "format": "sparql-query"}
    assert parameters("/void")["format"]["enum"] == list(media.FORMATS)
    assert parameters("/id/{path}")["format"]["enum"] == [*media.FORMATS, "html"]
    viewer = parameters("/viewer")
    assert viewer["view"]["enum"] == ["parties", "full"]
    assert viewer["side"]["items"]["enum"] == ["China", "Singapore", "Joint", "Third"]
    assert viewer["type"]["items"]["enum"] == list(contract.class_names(Settings().ontology_path))
    assert {"University", "Person", "Agreement"} <= set(viewer["type"]["items"]["enum"])
    assert parameters("/analytics/path")["k"] == {
        "type": "integer",
        "maximum": 20,
        "minimum": 1,
        "default": 3,
        "description": "How many paths, shortest first.",
        "title": "K",
    }
    which = parameters("/graph-store")["graph"]["oneOf"]
    assert [branch["required"] for branch in which] == [["default"], ["graph"]]
    body = schema["paths"]["/sparql"]["post"]["requestBody"]["content"]
    assert set(body) == {
        "application/sparql-query",
        "application/sparql-update",
        "application/x-www-form-urlencoded",
    }
    form = body["application/x-www-form-urlencoded"]["schema"]
    assert form["oneOf"] == [{"required": ["query"]}, {"required": ["update"]}]


@pytest.mark.parametrize(
    ("query", "status"),
    [
        ("default", 200),
        ("graph=https://w3id.org/coopgraph/graph/entities", 200),
        ("graph=urn:none", 404),
        ("default&graph=https://w3id.org/coopgraph/graph/entities", 400),
        ("", 400),
        ("default=yes", 400),
        ("graph=", 400),
        ("default&format=json&other=ignored", 200),
    ],
)
def test_the_graph_store_takes_exactly_one_graph(
    client: TestClient, query: str, status: int
) -> None:
    assert client.get(f"/graph-store?{query}").status_code == status


def test_405_allows_exactly_the_methods_described(client: TestClient, schema: dict) -> None:
    for path, methods in schema["paths"].items():
        concrete = path.replace("{path}", "x").replace("{name}", "x")
        response = client.request("PATCH", concrete)
        assert response.status_code == 405, path
        assert response.headers["allow"] == ", ".join(sorted(m.upper() for m in methods)), path
    assert client.options("/sparql").headers["allow"] == "GET, POST"


def test_validation_errors_are_400_with_the_error_schema(client: TestClient) -> None:
    for path, params in [
        ("/analytics/path", {"source": "NTU"}),
        ("/analytics/centrality", {"top": "0"}),
        ("/viewer", {"side": "Mars"}),
        ("/void", {"format": "yaml"}),
    ]:
        response = client.get(path, params=params)
        assert response.status_code == 400, (path, response.text)
        assert set(response.json()) == {"error"}, response.text
