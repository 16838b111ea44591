"""Bounded queries: which are answered without a worker, and that those answers are the workers'."""

from __future__ import annotations

import json
from pathlib import Path

import pyoxigraph as ox
import pytest

from coopgraph.namespaces import PREFIXES
from coopgraph.sparql.bounded import answer_locally, plan, within_bounds
from coopgraph.sparql.errors import QuerySyntaxError, outcome
from coopgraph.sparql.worker import Job, answer
from coopgraph.store import open_store

EXAMPLE = Path(__file__).parents[1] / "data" / "example.trig"
NTU = "https://w3id.org/coopgraph/id/nanyang-technological-university"
SSIJRI = "https://w3id.org/coopgraph/id/sino-singapore-international-joint-research-institute"

BOUNDED = [
    f"SELECT ?type ?label WHERE {{ <{NTU}> a ?type ; skos:prefLabel ?label . }}",
    f"SELECT * WHERE {{ <{NTU}> ?p ?o }}",
    f"SELECT ?l WHERE {{ <{NTU}> skos:altLabel ?l FILTER(lang(?l) = 'en') }} ORDER BY ?l",
    f"ASK {{ <{NTU}> cg:side cg:SingaporeSide }}",
    f'ASK WHERE {{ <{NTU}> skos:prefLabel "Nanyang Technological University, Singapore"@en }}',
    f"SELECT (COUNT(*) AS ?n) WHERE {{ <{NTU}> ?p ?o }}",
    f"SELECT DISTINCT ?p WHERE {{ <{NTU}> ?p ?o . <{SSIJRI}> ?p ?x }} LIMIT 5 OFFSET 1",
    f"PREFIX id: <https://w3id.org/coopgraph/id/>\n"
    f"SELECT ?f ?label WHERE {{ id:sino-singapore-international-joint-research-institute "
    f"cg:founder ?f OPTIONAL {{ <{NTU}> skos:prefLabel ?label }} }}",
    f"SELECT ?x WHERE {{ BIND(STRLEN('abc') AS ?x) <{NTU}> a ?t }}",
    f"# a comment\nSELECT ?s WHERE {{ <{NTU}> cg:side ?s ; ; }} GROUP BY ?s HAVING(COUNT(*) > 0)",
    f'SELECT ?o WHERE {{ <{NTU}> skos:altLabel ?o , "NTU"@en ; a cg:University . }}',
    f"SELECT * WHERE {{ <{NTU}> a ?t . <{NTU}> ?p ?o . <{SSIJRI}> cg:founder ?f }}",
    f"SELECT * WHERE {{ <{NTU}> ?p ?o ; a ?t OPTIONAL {{ <{NTU}> cg:nothing ?x }} }}",
    f"SELECT ?l WHERE {{ <{NTU}> skos:prefLabel ?l FILTER(xsd:string(?l) != '') }}",
]
"""Queries whose every triple pattern has a constant subject: answered in process."""

UNBOUNDED = [
    "SELECT * WHERE { ?s ?p ?o }",
    f"SELECT * WHERE {{ <{NTU}> ?p ?o . ?o ?q ?r }}",
    f"SELECT * WHERE {{ <{NTU}> cg:partOf* ?o }}",
    f"SELECT * WHERE {{ <{NTU}> cg:partOf/cg:partOf ?o }}",
    f"SELECT * WHERE {{ <{NTU}> ^cg:founder ?o }}",
    f"SELECT * WHERE {{ <{NTU}> cg:founder|cg:partOf ?o }}",
    f"SELECT * WHERE {{ GRAPH ?g {{ <{NTU}> ?p ?o }} }}",
    f"SELECT * FROM <urn:g> WHERE {{ <{NTU}> ?p ?o }}",
    f"SELECT * WHERE {{ {{ <{NTU}> ?p ?o }} UNION {{ <{SSIJRI}> ?p ?o }} }}",
    f"SELECT * WHERE {{ <{NTU}> ?p ?o FILTER NOT EXISTS {{ ?x ?p ?o }} }}",
    f"SELECT * WHERE {{ <{NTU}> ?p ?o FILTER EXISTS {{ ?x ?p ?o }} }}",
    f"SELECT * WHERE {{ <{NTU}> ?p ?o MINUS {{ ?o ?q ?r }} }}",
    f"SELECT * WHERE {{ <{NTU}> ?p ?o }} VALUES ?o {{ <urn:x> }}",
    f"SELECT * WHERE {{ <{NTU}> ?p [ ?q ?r ] }}",
    f"SELECT * WHERE {{ <{NTU}> ?p ( 1 2 ) }}",
    f"SELECT * WHERE {{ _:b ?p ?o . <{NTU}> ?p ?o }}",
    f"SELECT * WHERE {{ <{NTU}> ?p ?o {{ SELECT ?s WHERE {{ ?s ?p2 ?o2 }} }} }}",
    f"SELECT * WHERE {{ <{NTU}> ?p ?o SERVICE <http://example.org/> {{ ?s ?p ?o }} }}",
    f"BASE <http://example.org/> SELECT * WHERE {{ <{NTU}> ?p ?o }}",
    "SELECT * WHERE { <relative> ?p ?o }",
    f"CONSTRUCT WHERE {{ <{NTU}> ?p ?o }}",
    f"DESCRIBE <{NTU}>",
    "SELECT * WHERE { undeclared:x ?p ?o }",
    f"SELECT * WHERE {{ <{NTU}> ?p ?o FILTER(?o < <{NTU}>) . ?s ?p ?x }}",
    f"SELECT * WHERE {{ <{NTU}> ?p ?o FILTER(?o<x:y)?s?p?o.FILTER(?y>2) }}",
    f"SELECT * WHERE {{ <{NTU}> ?p ?o FILTER(?o<x:y) ?s ?p ?x }}",
    f"SELECT * WHERE {{ <{NTU}> ?p ?o }} ORDER BY ?o ?s ?p ?o LIMIT ?x",
    f"SELECT * WHERE {{ <{NTU}> ?p ?o . ?s ?q ?o }}",
    f"SELECT * WHERE {{ <{NTU}> ?p ?o OPTIONAL {{ ?o ?q ?r }} }}",
    f"SELECT * WHERE {{ <{NTU}> ?p ?o . }} # trailing\nLIMIT 1 VALUES ?o {{ 1 }}",
    f"SELECT * WHERE {{ <{NTU}> ?p ?o",
    f"SELECT * WHERE {{ <{NTU}> ?p ?o {'.' * 9000} }}",
    f"SELECT * WHERE {{ <{NTU}> ?p ?o }} }}",
    f"SELECT * WHERE {{ <{NTU}> cg:side ?o ; · ?x }}",
    f"SELECT * WHERE {{ <{NTU}> cg:a.b ?o }}",
    f"SELECT (COUNT(*) AS ?n) WHERE {{ <{NTU}> ?p ?o }} GROUP BY (EXISTS {{ ?s ?p ?o }})",
    'SELECT (STRLEN(?x2) AS ?n) WHERE { BIND("aaaa" AS ?x0) BIND(CONCAT(?x0, ?x0) AS ?x1) '
    "BIND(CONCAT(?x1, ?x1) AS ?x2) }",
    f"SELECT ?n WHERE {{ <{NTU}> skos:prefLabel ?l "
    f"BIND(STRLEN(CONCAT(CONCAT(?l, ?l), CONCAT(?l, ?l))) AS ?n) }}",
    f"SELECT (REPLACE(?l, 'a', 'aaaa') AS ?m) WHERE {{ <{NTU}> skos:prefLabel ?l }}",
    f"SELECT ?l WHERE {{ <{NTU}> skos:prefLabel ?l FILTER REGEX(?l, '^(a+)+$') }}",
]
"""Queries that may touch any subject (or that the scan does not recognise): to a worker."""


@pytest.fixture(scope="module")
def stores() -> tuple[ox.Store, ox.Store]:
    """The app's store and the workers' (one store: they are forked from the app)."""
    store = open_store(EXAMPLE)
    return store, store


@pytest.mark.parametrize("query", BOUNDED)
def test_constant_subject_queries_are_planned(query: str) -> None:
    """The plan names the query's constant subjects, and a pattern per triple on them."""
    found = plan(query, PREFIXES)
    assert found is not None and found.patterns
    written = [iri for iri in (NTU, SSIJRI) if iri in query or iri.rsplit("/", 1)[1] in query]
    assert sorted(set(found.subjects)) == sorted(written)
    assert {subject for subject, _ in found.patterns} == set(found.subjects)
    assert all(p is None or p.startswith(("http://", "https://")) for _, p in found.patterns)


@pytest.mark.parametrize("query", UNBOUNDED)
def test_anything_else_goes_to_a_worker(query: str) -> None:
    assert plan(query, PREFIXES) is None


@pytest.mark.parametrize("fmt", ["json", "xml", "csv", "tsv"])
@pytest.mark.parametrize("query", BOUNDED)
def test_local_answers_are_the_workers_answers(
    query: str, fmt: str, stores: tuple[ox.Store, ox.Store]
) -> None:
    app_store, worker_store = stores
    job = Job(query, solutions=fmt, prefixes=PREFIXES)
    here = answer_locally(app_store, job, 100)
    there = answer(worker_store, job, 100)
    assert here is not None
    assert here[0] == there[0] == "ok"
    assert _rows(here[1].body, fmt) == _rows(there[1].body, fmt)
    assert (here[1].kind, here[1].count, here[1].format) == (
        there[1].kind,
        there[1].count,
        there[1].format,
    )


def _rows(body: bytes, fmt: str) -> list:
    """The rows of a result, order aside (the queries without ORDER BY have none)."""
    if fmt == "json":
        data = json.loads(body)
        if "boolean" in data:
            return [data["boolean"]]
        return sorted(json.dumps(row, sort_keys=True) for row in data["results"]["bindings"])
    return sorted(body.decode().splitlines())


def test_a_fact_two_documents_state_counts_once_here_too(tmp_path: Path) -> None:
    twice = tmp_path / "twice.trig"
    twice.write_text(
        "<urn:g1> { <urn:i> <urn:founder> <urn:a> . }\n"
        "<urn:g2> { <urn:i> <urn:founder> <urn:a> . <urn:i> <urn:founder> <urn:b> . }\n"
    )
    job = Job("SELECT (COUNT(*) AS ?n) WHERE { <urn:i> <urn:founder> ?f }")
    store = open_store(twice)
    here = answer_locally(store, job, 10)
    there = answer(store, job, 10)
    assert here is not None and here[0] == "ok"
    assert json.loads(here[1].body) == json.loads(there[1].body)
    assert json.loads(here[1].body)["results"]["bindings"][0]["n"]["value"] == "2"


def test_subjects_with_too_many_quads_go_to_a_worker(stores: tuple[ox.Store, ox.Store]) -> None:
    app_store, _ = stores
    query = plan(f"SELECT * WHERE {{ <{NTU}> ?p ?o }}", PREFIXES)
    assert query is not None
    assert not within_bounds(app_store, query, max_quads=2)
    assert within_bounds(app_store, query, max_quads=100)


def test_a_cartesian_product_of_subject_patterns_goes_to_a_worker(
    stores: tuple[ox.Store, ox.Store],
) -> None:
    app_store, _ = stores
    query = plan(
        f"SELECT * WHERE {{ <{NTU}> ?p1 ?o1 . <{NTU}> ?p2 ?o2 . <{NTU}> ?p3 ?o3 }}", PREFIXES
    )
    assert query is not None
    assert not within_bounds(app_store, query, max_rows=100)
    assert within_bounds(app_store, query, max_rows=10_000)


def test_jobs_with_a_dataset_or_substitutions_go_to_a_worker(
    stores: tuple[ox.Store, ox.Store],
) -> None:
    app_store, _ = stores
    text = f"SELECT * WHERE {{ <{NTU}> ?p ?o }}"
    assert answer_locally(app_store, Job(text, default_graph=("urn:g",)), 10) is None
    assert answer_locally(app_store, Job(text, named_graphs=("urn:g",)), 10) is None
    bound = Job(text, substitutions={"o": ox.NamedNode("urn:x")})
    assert answer_locally(app_store, bound, 10) is None


def test_local_errors_are_the_workers_errors(stores: tuple[ox.Store, ox.Store]) -> None:
    app_store, _ = stores
    job = Job(f"SELECT ?x WHERE {{ <{NTU}> ?p ?o FILTER(?o = ) }}")
    here = answer_locally(app_store, job, 10)
    assert here is not None and here[0] == "syntax"
    with pytest.raises(QuerySyntaxError):
        outcome(here)
    cut = answer_locally(app_store, Job(f"SELECT * WHERE {{ <{NTU}> ?p ?o }}"), 2)
    assert cut is not None and cut[1].truncated and cut[1].count == 2
