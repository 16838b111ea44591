"""The extraction records: what the extraction cache writes reads back the same."""

from __future__ import annotations

import json

from rdflib import URIRef

from coopgraph.model import Entity, Extraction, Fact, Mention
from coopgraph.namespaces import CG, ORG, SKOS


def test_an_extraction_round_trips_through_json() -> None:
    facts = [
        Fact(subject="ssijri", predicate=CG.founder, object="ntu", datatype=None,
             rule="founding", start=0, end=29),
        Fact(subject="ssijri", predicate=ORG.subOrganizationOf, object="ntu", datatype=None,
             rule="body", start=0, end=29, status="planned"),
    ]  # fmt: skip
    extraction = Extraction(
        document={"key": "k", "name": "doc.txt"},
        entities={"ssijri": Entity("ssijri", "SSIJRI", "ResearchInstitute")},
        mentions=[Mention("ntu", 0, 3, "NTU", "University", 0)],
        facts=facts,
        text="NTU founded SSIJRI in Guangzhou.",
    )
    data = json.loads(json.dumps(extraction.to_json()))
    assert [f["predicate"] for f in data["facts"]] == ["cg:founder", "org:subOrganizationOf"]
    again = Extraction.from_json(data)
    assert again == extraction
    assert all(type(f.predicate) is URIRef for f in again.facts)


def test_a_property_of_a_vocabulary_without_a_prefix_round_trips() -> None:
    fact = Fact(subject="a", predicate=SKOS.related, object="b", datatype=None, rule="r",
                start=0, end=1)  # fmt: skip
    data = json.loads(json.dumps(Extraction(document={}, facts=[fact]).to_json()))
    assert Extraction.from_json(data).facts == [fact]
