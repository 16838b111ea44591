"""The extraction records (what the extraction cache writes reads back the same) and the class
tree type checks walk, read from the ontology."""

from __future__ import annotations

import json
from collections.abc import Iterator
from importlib import resources
from pathlib import Path

import pytest
from rdflib import Graph, URIRef
from rdflib.namespace import SH

from coopgraph import model
from coopgraph.model import Entity, Extraction, Fact, Mention, class_tree, is_a
from coopgraph.namespaces import CG, ORG, OWL, RDF, RDFS, SKOS, local_name
from coopgraph.resolve import TYPES
from coopgraph.settings import Settings, get_settings


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


@pytest.mark.parametrize(
    "type_,ancestor,expected",
    [
        ("Council", "GovernmentBody", True),
        ("Council", "Organisation", True),
        ("Meeting", "Event", True),
        ("MemorandumOfUnderstanding", "Agreement", True),
        ("Initiative", "Programme", True),
        ("Park", "Place", True),
        ("Park", "Party", True),
        ("Person", "Party", True),
        ("Place", "Country", False),
        ("Person", "Place", False),
        ("Agreement", "Party", False),
        ("Thing", "Thing", True),  # a name the ontology lacks is only itself
    ],
)
def test_a_type_is_a_class_above_it(type_: str, ancestor: str, expected: bool) -> None:
    assert is_a(type_, ancestor) is expected


def test_the_class_tree_is_the_ontologys_closure(ontology: Graph) -> None:
    classes = {c for c in ontology.subjects(RDF.type, OWL.Class) if str(c).startswith(str(CG))}
    assert {local_name(c) for c in classes} == set(class_tree())
    for one in classes:
        above = set(ontology.transitive_objects(one, RDFS.subClassOf))
        for other in classes:
            assert is_a(local_name(one), local_name(other)) is (other in above), (one, other)


def test_the_classes_entities_and_shapes_name_are_in_the_tree(shapes: Graph) -> None:
    targets = {o for p in (SH.targetClass, SH["class"]) for o in shapes.objects(None, p)}
    named = {local_name(c) for c in targets if str(c).startswith(str(CG))}
    assert named and TYPES
    assert (named | TYPES) - set(class_tree()) == set()


@pytest.fixture
def forgotten() -> Iterator[None]:
    """The class tree and the settings read afresh, before and after the test."""

    def forget() -> None:
        for cached in (get_settings, model._class_tree, model._ancestors):
            cached.cache_clear()

    forget()
    yield
    forget()


def test_the_tree_is_read_where_the_settings_find_the_ontology(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, forgotten: None
) -> None:
    (tmp_path / "coopgraph.ttl").write_text(
        f"@prefix cg: <{CG}> . @prefix owl: <{OWL}> . @prefix rdfs: <{RDFS}> .\n"
        "cg:Building a owl:Class . cg:Lighthouse a owl:Class ; rdfs:subClassOf cg:Building .\n"
    )
    monkeypatch.setenv("COOPGRAPH_ONTOLOGY_DIR", str(tmp_path))
    assert is_a("Lighthouse", "Building")
    assert set(class_tree()) == {"Building", "Lighthouse"}


def test_an_unreadable_ontology_is_named(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, forgotten: None
) -> None:
    monkeypatch.setenv("COOPGRAPH_ONTOLOGY_DIR", str(tmp_path))
    with pytest.raises(OSError, match=f"class tree .* ontology {tmp_path}"):
        is_a("Council", "Organisation")


def test_the_package_carries_the_ontology_it_reads() -> None:
    packaged = resources.files("coopgraph") / "ontology" / "coopgraph.ttl"
    assert packaged.read_bytes() == Settings().ontology_path.read_bytes()
