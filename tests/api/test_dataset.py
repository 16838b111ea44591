"""The protocol's dataset parameters and the base IRI: USING clauses, IRIs checked, the header."""

from __future__ import annotations

import pyoxigraph as ox
import pytest
from fastapi.testclient import TestClient

from coopgraph.api.dataset import (
    EMPTY_GRAPH,
    EMPTY_HEADER,
    empty_graphs,
    empty_graphs_header,
    endpoint_iri,
    using_graphs,
    with_using,
)
from coopgraph.sparql.guard import Refused

D, N, T = "urn:d", "urn:n", "urn:t"


@pytest.mark.parametrize(
    ("update", "expected"),
    [
        (
            "INSERT { GRAPH <urn:t> { ?s a <urn:B> } } WHERE { ?s a <urn:D> }",
            "INSERT { GRAPH <urn:t> { ?s a <urn:B> } } USING <urn:d> USING NAMED <urn:n> "
            "WHERE { ?s a <urn:D> }",
        ),
        (
            "DELETE { ?s ?p ?o } INSERT { ?s ?p 1 } WHERE { ?s ?p ?o OPTIONAL { ?s ?q ?r } }",
            "DELETE { ?s ?p ?o } INSERT { ?s ?p 1 } USING <urn:d> USING NAMED <urn:n> "
            "WHERE { ?s ?p ?o OPTIONAL { ?s ?q ?r } }",
        ),
        (
            "delete where { ?s ?p ?o }",
            "delete { ?s ?p ?o } USING <urn:d> USING NAMED <urn:n> WHERE { ?s ?p ?o }",
        ),
        (
            "CLEAR ALL ; INSERT DATA { <urn:a> <urn:b> 'WHERE' } ; DELETE DATA { <a> <b> <c> }",
            "CLEAR ALL ; INSERT DATA { <urn:a> <urn:b> 'WHERE' } ; DELETE DATA { <a> <b> <c> }",
        ),
    ],
)
def test_using_parameters_become_using_clauses(update: str, expected: str) -> None:
    assert with_using(update, [D], [N]) == expected


def test_using_clauses_go_into_every_operation_and_run() -> None:
    store = ox.Store()
    p, o = ox.NamedNode("urn:p"), ox.NamedNode("urn:o")
    store.add(ox.Quad(ox.NamedNode("urn:s"), p, o, ox.DefaultGraph()))
    store.add(ox.Quad(ox.NamedNode("urn:x"), p, o, ox.NamedNode(D)))
    update = (
        "INSERT { GRAPH <urn:t> { ?s <urn:q> 1 } } WHERE { ?s <urn:p> ?o } ;\n"
        "# a comment: WHERE\nDELETE WHERE { ?s <urn:p> ?o }"
    )
    store.update(with_using(update, [D], []))
    in_t = [q.subject.value for q in store.quads_for_pattern(None, None, None, ox.NamedNode(T))]
    left = {q.subject.value for q in store.quads_for_pattern(None, p, None)}
    assert in_t == ["urn:x"]  # the WHERE read <urn:d> only
    assert left == {"urn:s", "urn:x"}  # DELETE deletes from the default graph, as without USING


def test_no_using_parameters_leave_the_text_alone() -> None:
    update = "WITH <urn:g> DELETE {} WHERE {}"
    assert with_using(update, [], []) == update


@pytest.mark.parametrize(
    "update",
    [
        "WITH <urn:g> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }",
        "DELETE { ?s ?p ?o } using <urn:g> WHERE { ?s ?p ?o }",
        "INSERT { ?s ?p ?o } USING NAMED <urn:g> WHERE { GRAPH ?g { ?s ?p ?o } }",
    ],
)
def test_using_parameters_and_using_or_with_in_the_text_conflict(update: str) -> None:
    with pytest.raises(Refused, match="cannot be combined"):
        with_using(update, [], [N])


def test_only_iris_are_written_into_using_clauses() -> None:
    names = ["urn:g", "x> } ; DROP ALL ; #", "relative", "http://h/é", "urn:g", "http://h:x/"]
    assert using_graphs(names) == ["urn:g", EMPTY_GRAPH, "http://h/é"]
    update = with_using("INSERT { ?s ?p ?o } WHERE { ?s ?p ?o }", using_graphs(names[1:3]), [])
    assert update == f"INSERT {{ ?s ?p ?o }} USING <{EMPTY_GRAPH}> WHERE {{ ?s ?p ?o }}"


def test_graphs_not_held_are_named_once_in_an_ascii_header() -> None:
    missing = empty_graphs({"urn:held"}, ["urn:held", "http://x/é", "http://x/é", "urn:b"])
    assert missing == ["http://x/é", "urn:b"]
    assert empty_graphs_header(missing) == {EMPTY_HEADER: "<http://x/%C3%A9> <urn:b>"}
    assert empty_graphs_header([]) == {}
    many = empty_graphs_header([f"urn:g{n}\r\n" for n in range(25)])[EMPTY_HEADER]
    assert many.startswith("<urn:g0%0D%0A> <urn:g1%0D%0A>") and many.endswith("and 5 more")


def _scope(host: bytes, root: str = "") -> dict[str, object]:
    return {
        "type": "http",
        "scheme": "https",
        "server": ("10.0.0.1", 8443),
        "root_path": root,
        "path": root + "/anything",
        "headers": [(b"host", host)],
        "query_string": b"x=1",
    }


def test_the_base_is_the_endpoint_as_the_client_addressed_it() -> None:
    assert endpoint_iri(_scope(b"example.org")) == "https://example.org/sparql"
    assert endpoint_iri(_scope(b"example.org", "/kg")) == "https://example.org/kg/sparql"
    assert endpoint_iri(_scope(b"bad host")) == "https://10.0.0.1:8443/sparql"


def test_queries_resolve_relative_iris_against_the_endpoint(client: TestClient) -> None:
    query = "SELECT (<x> AS ?x) (STR(<../y>) AS ?y) WHERE {}"
    row = client.get("/sparql", params={"query": query}).json()["results"]["bindings"][0]
    assert (row["x"]["value"], row["y"]["value"]) == ("http://testserver/x", "http://testserver/y")
    own = client.post("/sparql", data={"query": "BASE <urn:b/> SELECT (<x> AS ?x) WHERE {}"})
    assert own.json()["results"]["bindings"][0]["x"]["value"] == "urn:b/x"
    built = client.post(
        "/sparql",
        content="CONSTRUCT { <s> <p> 1 } WHERE {}",
        headers={"Content-Type": "application/sparql-query", "Accept": "application/n-triples"},
    )
    assert built.text.startswith("<http://testserver/s> <http://testserver/p> ")
