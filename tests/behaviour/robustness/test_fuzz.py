"""Fuzzing: the HTTP API from its OpenAPI schema, and the query guard against the engine.

Bounded for CI; ``COOPGRAPH_FUZZ_EXAMPLES`` raises the number of examples per test (the
longer run is ``bench/fuzz.py``).
"""

from __future__ import annotations

import os
from collections.abc import Iterator

import pyoxigraph as ox
import pytest
import schemathesis
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from tests.behaviour.robustness.conftest import EXAMPLE

from coopgraph.api.app import create_app
from coopgraph.settings import Settings
from coopgraph.sparql.guard import Refused, check

EXAMPLES = int(os.environ.get("COOPGRAPH_FUZZ_EXAMPLES", "12"))
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=list(HealthCheck),
    database=None,
)
GRAPHS = {"https://w3id.org/coopgraph/graph/entities"}

APP = create_app(Settings(graph_path=EXAMPLE, query_timeout=2.0, max_results=200), workers=2)
SCHEMA = schemathesis.openapi.from_asgi("/openapi.json", APP)


@SCHEMA.parametrize()
@FUZZ
def test_the_api_never_answers_5xx_but_503(case: schemathesis.Case) -> None:
    response = case.call()
    assert response.status_code < 500 or response.status_code == 503, case.as_curl_command()
    if response.status_code >= 400 and "json" in response.headers.get("content-type", ""):
        assert response.json().get("error") or response.json().get("detail"), response.text


# -- the guard against the engine ------------------------------------------------------------


def pieces(url: str) -> st.SearchStrategy[str]:
    """SPARQL-ish fragments, dangerous ones included, in every lexical disguise."""
    words = [
        "SELECT", "*", "ASK", "WHERE", "{", "}", "(", ")", "[", "]", ".", ";", ",", "?s", "$o",
        "?p", "a", "true", "false", "1", "1.5", "FILTER", "BIND", "AS", "OPTIONAL", "UNION",
        "GRAPH", "SERVICE", "service", "SeRvIcE", "SILENT", "FROM", "from", "NAMED", "USING",
        "LOAD", "load", "INTO", "INSERT", "DELETE", "DATA", "WITH", "PREFIX", "ex:", ":", "ex:a",
        "ex:a\\'", "ex:a.b", "_:b", "#", "\n", " ", "'", '"', "'''", '"""', "\\", "<", ">",
        "<=", "!", "|", "*", "+", "^", "/", f"<{url}/x>", "<urn:g>", f"<{url}/sparql>",
        "<file:///etc/passwd>", "<https://w3id.org/coopgraph/graph/entities>", "'SERVICE'",
        '"FROM <x>"', "# SERVICE <x>\n", "?SERVICE", "true.SERVICE", "x:SERVICE", "ex:LOAD",
        "PREFIX ex: <http://example.org/>", f"PREFIX ex: <{url}/>", "<a>", "<s> <p> <o>",
    ]  # fmt: skip
    return st.lists(st.sampled_from(words) | st.text(max_size=4), max_size=30).map("".join)


def run_engine(text: str, update: bool) -> None:
    store = ox.Store()
    try:
        if update:
            store.update(text)
        else:
            result = store.query(text, use_default_graph_as_union=True)
            if not isinstance(result, ox.QueryBoolean):
                list(result)
    except (SyntaxError, OSError, ValueError, RuntimeError):
        pass


@given(data=st.data(), update=st.booleans())
@FUZZ
def test_what_the_guard_lets_through_never_fetches(
    listener: tuple[str, list[str]], data: st.DataObject, update: bool
) -> None:
    url, hits = listener
    text = data.draw(pieces(url))
    try:
        check(text, update=update, graphs=GRAPHS, prefixes={})
    except Refused:
        event("refused by the guard")
        return
    event("accepted by the guard, run by the engine")
    before = len(hits)
    run_engine(text, update)
    assert len(hits) == before, f"the guard let a fetching request through: {text!r}"


@given(text=st.text(max_size=2000), update=st.booleans())
@FUZZ
def test_the_guard_accepts_or_refuses_any_text(text: str, update: bool) -> None:
    try:
        result = check(text, update=update, graphs=GRAPHS, prefixes={})
    except Refused as refusal:
        assert str(refusal)
    else:
        assert set(result.from_default) | set(result.from_named) <= GRAPHS


@pytest.fixture(scope="module")
def client() -> Iterator[TestClient]:
    with TestClient(APP) as test_client:
        yield test_client


@given(text=st.one_of(st.text(max_size=300), pieces("http://127.0.0.1:9")))
@FUZZ
def test_any_query_text_gets_an_answer_or_a_readable_error(client: TestClient, text: str) -> None:
    response = client.post("/sparql", data={"query": text})
    assert response.status_code in (200, 400, 406, 503), (text, response.text)
    if response.status_code != 200:
        assert response.json()["error"]
