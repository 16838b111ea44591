"""Assembly: extraction records → the dataset shape of tests/data/example.trig."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from rdflib import Dataset, URIRef
from rdflib.compare import isomorphic

from coopgraph.assemble import assemble
from coopgraph.model import Entity, Extraction, Fact, Mention
from coopgraph.namespaces import CG, ENTITIES_GRAPH, GRAPH
from coopgraph.resolve import Entry, Registry

EXPECTED = Path(__file__).parent / "data" / "pipeline" / "assembled.trig"
TEXT = "SSIJRI was co-founded by NTU. It has 45 projects."
KEY = "0123456789abcdef"


def _registry() -> Registry:
    registry = Registry()
    name = "Sino-Singapore International Joint Research Institute"
    registry.add(Entry("ssijri", name, "ResearchInstitute", "Joint", ("SSIJRI",)))
    name = "Nanyang Technological University, Singapore"
    registry.add(Entry("ntu", name, "University", "Singapore"))
    registry.add(Entry("not-mentioned", "Never Mentioned", "University", "China"))
    return registry


def _fact(s: str, p: URIRef, o: str, dt: str | None, rule: str, span: tuple[int, int]) -> Fact:
    return Fact(subject=s, predicate=p, object=o, datatype=dt, rule=rule, start=span[0],
                end=span[1])  # fmt: skip


def _extraction() -> Extraction:
    figure = [
        (CG.about, "ssijri", None),
        (CG.measure, "cg:ResearchProjects", None),
        (CG.value, "45", "decimal"),
        (CG.unit, "count", "string"),
        (CG.qualifier, "cg:Exactly", None),
    ]
    facts = [_fact("ssijri", CG.founder, "ntu", None, "founding", (0, 29))]
    facts += [_fact("#figure/1", p, o, dt, "figure", (30, 49)) for p, o, dt in figure]
    facts += [
        _fact("#funding/1", CG.recipient, "ssijri", None, "funding", (30, 49)),
        _fact("#funding/1", CG.amount, "#funding/1/SGD", None, "funding", (30, 49)),
    ]
    return Extraction(
        document={
            "key": KEY,
            "sha256": KEY + "0" * 48,
            "name": "doc.txt",
            "title": "A title",
            "publisher": "A publisher",
            "published": "2020-12-08",
            "language": "en",
            "kind": "press release",
            "url": None,
        },
        entities={"example-lab": Entity("example-lab", "Example Lab", "ResearchInstitute")},
        mentions=[
            Mention("ssijri", 0, 6, "SSIJRI", "ResearchInstitute", 0),
            Mention("example-lab", 7, 10, "Example Lab", "ResearchInstitute", 0, "form"),
        ],
        facts=facts,
        nodes={
            "#figure/1": {"type": "Observation"},
            "#funding/1": {"type": "Funding"},
            "#funding/1/SGD": {"type": "MonetaryAmount", "value": "61000000", "currency": "SGD"},
        },
        text=TEXT,
    )


@pytest.fixture
def expected() -> Dataset:
    dataset = Dataset()
    dataset.parse(EXPECTED, format="trig")
    return dataset


@pytest.mark.parametrize("name", ["entities", KEY])
def test_graph_is_isomorphic_to_the_fixture(expected, name):
    built = assemble(_registry(), [_extraction()])
    assert isomorphic(built.graph(GRAPH[name]), expected.graph(GRAPH[name]))


def test_only_referenced_entities_are_described():
    built = assemble(_registry(), [_extraction()])
    subjects = {str(s) for s in built.graph(ENTITIES_GRAPH).subjects()}
    assert not any(s.endswith("/not-mentioned") for s in subjects)


def test_output_is_deterministic():
    first = assemble(_registry(), [_extraction()]).serialize(format="nquads")
    second = assemble(_registry(), [_extraction()]).serialize(format="nquads")
    assert sorted(first.splitlines()) == sorted(second.splitlines())


def test_figures_reported_differently_by_two_documents_coexist():
    one, two = _extraction(), _extraction()
    other = "fedcba9876543210"
    two.document = {**two.document, "key": other, "name": "other.txt", "sha256": other + "0" * 48}
    two.facts = [replace(f, object="47") if f.predicate == CG.value else f for f in two.facts]
    built = assemble(_registry(), [one, two])
    quads = built.quads((None, None, None, None))
    values = sorted(float(o) for _, p, o, _ in quads if str(p).endswith("#value"))
    assert values == [45.0, 47.0]


def test_an_agreement_named_in_passing_is_mentioned_and_described():
    from rdflib import URIRef

    from coopgraph.namespaces import DOC, ID, SDO

    registry = _registry()
    registry.add(Entry("rcep", "Regional Comprehensive Economic Partnership", "Agreement", None))
    extraction = _extraction()
    extraction.mentions.append(Mention("rcep", 11, 15, "RCEP", "Agreement", 0))
    built = assemble(registry, [extraction])
    assert (URIRef(DOC[KEY]), SDO.mentions, ID["rcep"]) in built.graph(GRAPH[KEY])
    assert (ID["rcep"], None, None) in built.graph(ENTITIES_GRAPH)
