"""RDF exports parse back, in rdflib, to graphs isomorphic with the source."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
import rdflib
from rdflib.compare import isomorphic

from coopgraph.export import Filters, export
from coopgraph.namespaces import CG, ID, ONTOLOGY_GRAPH, RDF, XSD

DATA = Path(__file__).parents[1] / "data"
EXAMPLE = DATA / "example.trig"
NETWORK = DATA / "analytics" / "network.trig"

FORMATS = {"trig": "trig", "nquads": "nquads", "jsonld": "json-ld"}


def _dataset(path: Path, format: str) -> rdflib.Dataset:
    dataset = rdflib.Dataset()
    dataset.parse(path, format=format)
    return dataset


def _canonical(term: rdflib.term.Node) -> rdflib.term.Node:
    """Decimals in canonical lexical form: the store writes ``45`` for ``45.0``, the same value."""
    if isinstance(term, rdflib.Literal) and term.datatype == XSD.decimal:
        return rdflib.Literal(format(Decimal(str(term)).normalize(), "f"), datatype=XSD.decimal)
    return term


def _canonical_graph(graph: rdflib.Graph) -> rdflib.Graph:
    result = rdflib.Graph(identifier=graph.identifier)
    for s, p, o in graph:
        result.add((s, p, _canonical(o)))
    return result


def _graphs(dataset: rdflib.Dataset) -> dict[str, rdflib.Graph]:
    return {str(g.identifier): _canonical_graph(g) for g in dataset.graphs() if len(g)}


@pytest.mark.parametrize("name", sorted(FORMATS))
def test_quad_formats_round_trip(example_store, name: str, tmp_path: Path) -> None:
    path = tmp_path / f"out.{name}"
    export(example_store, name, path)
    exported = _graphs(_dataset(path, FORMATS[name]))
    source = _graphs(_dataset(EXAMPLE, "trig"))
    assert set(exported) == set(source)
    assert str(ONTOLOGY_GRAPH) not in exported
    for identifier, graph in source.items():
        assert isomorphic(graph, exported[identifier]), identifier


def test_turtle_is_the_union_of_the_graphs(network_store, tmp_path: Path) -> None:
    path = tmp_path / "out.ttl"
    export(network_store, "turtle", path)
    exported = rdflib.Graph().parse(path, format="turtle")
    union = rdflib.Graph()
    for graph in _dataset(NETWORK, "trig").graphs():
        for triple in graph:
            union.add(triple)
    assert isomorphic(_canonical_graph(exported), _canonical_graph(union))


def test_document_filter_keeps_that_document_graph(network_store, tmp_path: Path) -> None:
    path = tmp_path / "out.trig"
    export(network_store, "trig", path, filters=Filters(documents=("b_jiangsu.txt",)))
    exported = _graphs(_dataset(path, "trig"))
    assert set(exported) == {
        "https://w3id.org/coopgraph/graph/entities",
        "https://w3id.org/coopgraph/graph/bbbbbbbbbbbbbbbb",
    }
    source = _graphs(_dataset(NETWORK, "trig"))
    key = "https://w3id.org/coopgraph/graph/bbbbbbbbbbbbbbbb"
    assert isomorphic(exported[key], source[key])


def test_side_filter_drops_entities_and_their_evidence(example_store, tmp_path: Path) -> None:
    path = tmp_path / "out.nq"
    export(example_store, "nquads", path, filters=Filters(sides=("China", "Joint")))
    dataset = _dataset(path, "nquads")
    ntu = ID["nanyang-technological-university"]
    scut = ID["south-china-university-of-technology"]
    assert not any(ntu in quad[:3] for quad in dataset.quads())
    assert any(scut in quad[:3] for quad in dataset.quads())
    # The one evidence node speaks of NTU, so it goes; facts about SCUT stay.
    assert not list(dataset.subjects(RDF.type, CG.Evidence))
    founded = (ID["sino-singapore-international-joint-research-institute"], CG.founder, scut)
    assert any(quad[:3] == founded for quad in dataset.quads())
