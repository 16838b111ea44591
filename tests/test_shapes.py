"""Every constraint of ontology/shapes.ttl fires on a graph that breaks it, and on nothing else.

The cases live in ``tests/data/shapes/``: SPARQL Updates applied to ``tests/data/example.trig``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import RDF, SH

from coopgraph.namespaces import DOC, GRAPH, PREFIXES
from coopgraph.settings import PROJECT_ROOT
from coopgraph.validate import SHAPES, Violation, validate

DATA = Path(__file__).parent / "data"
CASES = DATA / "shapes"
EXAMPLE_DOC = DOC["7947d57b75f32462"]
NAMESPACES = {
    **PREFIXES,
    "graph": str(GRAPH),
    "cgsh": str(SHAPES),
    "sh": str(SH),
    "funding": f"{EXAMPLE_DOC}/funding/",
    "amount": f"{EXAMPLE_DOC}/funding/1/",
    "figure": f"{EXAMPLE_DOC}/figure/",
    "evidence": f"{EXAMPLE_DOC}/evidence/",
}
DOCUMENT_GRAPH = GRAPH["7947d57b75f32462"]
HEADER = "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in NAMESPACES.items())

# The parameter of each constraint component the shapes use. A parameter missing here fails
# test_every_constraint_has_a_breaking_case, so a new kind of constraint needs a case too.
COMPONENTS = {
    SH.minCount: "MinCount",
    SH.maxCount: "MaxCount",
    SH.datatype: "Datatype",
    SH["class"]: "Class",
    SH["in"]: "In",
    SH.nodeKind: "NodeKind",
    SH.pattern: "Pattern",
    SH.minLength: "MinLength",
    SH.minInclusive: "MinInclusive",
    SH.uniqueLang: "UniqueLang",
    SH["or"]: "Or",
    SH["not"]: "Not",
    SH.node: "Node",
    SH.equals: "Equals",
    SH.lessThanOrEquals: "LessThanOrEquals",
    SH.hasValue: "HasValue",
}
NOT_CONSTRAINTS = {
    RDF.type,
    SH.path,
    SH.message,
    SH.severity,
    SH.targetClass,
    SH.targetSubjectsOf,
    SH.targetObjectsOf,
    SH.targetNode,
    SH.property,
    SH.sparql,
    SH.prefixes,
    SH.select,
    SH.declare,
    URIRef("http://www.w3.org/2000/01/rdf-schema#comment"),
    URIRef("http://www.w3.org/2000/01/rdf-schema#label"),
    URIRef("http://www.w3.org/2002/07/owl#imports"),
}


def load(name: str) -> list[dict[str, Any]]:
    return yaml.safe_load((CASES / name).read_text(encoding="utf-8"))


BREAKING = load("breaking.yaml")
CONFORMING = load("conforming.yaml")


def expand(term: str) -> URIRef | Literal:
    if term.startswith('"'):
        return Literal(term[1:-1])
    if term.startswith("<"):
        return URIRef(term[1:-1])
    prefix, local = term.split(":", 1)
    return URIRef(NAMESPACES[prefix] + local)


def patched(case: dict[str, Any]) -> Dataset:
    """``example.trig`` with the case's ``delete`` patterns removed and ``insert`` triples added."""
    dataset = Dataset()
    dataset.parse(DATA / "example.trig", format="trig")
    deletes = case.get("delete", [])
    for pattern in [deletes] if isinstance(deletes, str) else deletes:
        before = len(dataset)
        dataset.update(
            f"{HEADER}DELETE {{ GRAPH ?g {{ {pattern} }} }} WHERE {{ GRAPH ?g {{ {pattern} }} }}"
        )
        assert len(dataset) < before, f"{case['id']}: nothing matches {pattern}"
    if "insert" in case:
        dataset.update(f"{HEADER}INSERT DATA {{ GRAPH <{DOCUMENT_GRAPH}> {{ {case['insert']} }} }}")
    return dataset


def key(v: Violation) -> tuple[URIRef, str, URIRef]:
    """The rule a result comes from: its SPARQL constraint, or else its shape."""
    return (v.constraint or v.shape, v.component.removesuffix("ConstraintComponent"), v.focus)


def checked_shapes(shapes: Graph) -> set[URIRef]:
    """Shapes whose constraints produce results: targeted node shapes and property shapes."""
    targets = (SH.targetClass, SH.targetSubjectsOf, SH.targetObjectsOf, SH.targetNode)
    found = {s for t in targets for s in shapes.subjects(t, None)}
    found |= set(shapes.objects(None, SH.property))
    return {s for s in found if isinstance(s, URIRef)}


def constraints(shapes: Graph) -> set[tuple[URIRef, str]]:
    """(shape or SPARQL constraint, component) for every constraint of a checked shape."""
    found: set[tuple[URIRef, str]] = set()
    for shape in checked_shapes(shapes):
        for parameter in set(shapes.predicates(shape, None)) - NOT_CONSTRAINTS:
            assert parameter in COMPONENTS, f"{shape} uses {parameter}: map it in COMPONENTS"
            component = COMPONENTS[parameter]
            found.add((shape, component))
        for sparql in shapes.objects(shape, SH.sparql):
            found.add((sparql, "SPARQL"))
    return found


def test_example_conforms(shapes: Graph) -> None:
    report = validate(patched({}), shapes=shapes)
    assert report.conforms, report.text
    assert report.violations == []


@pytest.mark.parametrize("case", BREAKING, ids=[c["id"] for c in BREAKING])
def test_breaking_case_reports_exactly_that(case: dict[str, Any], shapes: Graph) -> None:
    rule = expand(case["shape"])
    expected = [(rule, case["component"], expand(case["focus"]))]
    report = validate(patched(case), shapes=shapes)
    assert [key(v) for v in report.violations] == expected, report.text
    (result,) = report.violations
    severity = shapes.value(rule, SH.severity)
    assert result.severity == str(severity).rsplit("#", 1)[-1]
    assert result.message == str(shapes.value(rule, SH.message))
    assert report.conforms == (result.severity != "Violation")


@pytest.mark.parametrize("case", CONFORMING, ids=[c["id"] for c in CONFORMING])
def test_conforming_variant(case: dict[str, Any], shapes: Graph) -> None:
    report = validate(patched(case), shapes=shapes)
    assert report.violations == [], report.text


def test_every_constraint_has_a_breaking_case(shapes: Graph) -> None:
    covered = {(expand(c["shape"]), c["component"]) for c in BREAKING}
    missing = constraints(shapes) - covered
    assert not missing, "constraints without a breaking case: " + ", ".join(
        f"{shape.removeprefix(str(SHAPES))} {component}" for shape, component in sorted(missing)
    )
    assert covered <= constraints(shapes), "cases name constraints shapes.ttl lacks"


def test_case_ids_are_unique() -> None:
    ids = [c["id"] for c in BREAKING + CONFORMING]
    assert len(ids) == len(set(ids))


def test_every_constraint_has_message_and_severity(shapes: Graph) -> None:
    rules = {rule for rule, _ in constraints(shapes)}
    assert rules
    for rule in rules:
        assert shapes.value(rule, SH.message) is not None, f"{rule} has no sh:message"
        assert shapes.value(rule, SH.severity) in {SH.Violation, SH.Warning, SH.Info}, rule


def test_currency_codes_are_iso_4217_shaped(shapes: Graph) -> None:
    codes = [str(c) for c in Collection(shapes, SHAPES.currencyCodes)]
    assert {"SGD", "CNY", "USD", "EUR", "HKD"} <= set(codes)
    assert all(len(c) == 3 and c.isupper() and c.isalpha() for c in codes)
    assert len(codes) == len(set(codes))


def test_unit_pattern_names_the_same_currencies(shapes: Graph) -> None:
    codes = {str(c) for c in Collection(shapes, SHAPES.currencyCodes)}
    pattern = str(shapes.value(SHAPES["Figure-unit"], SH.pattern))
    alternatives = set(pattern.removeprefix("^(").removesuffix(")$").split("|"))
    table = yaml.safe_load((PROJECT_ROOT / "data" / "units.yaml").read_text(encoding="utf-8"))
    written = set(table["area"].values()) | set(table["durations"].values())
    assert alternatives == codes | written | {"count", "percent"}


def test_minted_targets_cover_every_ontology_class(shapes: Graph, ontology: Graph) -> None:
    from coopgraph.namespaces import CG, OWL, RDFS

    roots = set(shapes.objects(SHAPES.Minted, SH.targetClass))
    for cls in ontology.subjects(RDF.type, OWL.Class):
        if not str(cls).startswith(str(CG._NS)):
            continue
        ancestors = set(ontology.transitive_objects(cls, RDFS.subClassOf))
        assert ancestors & roots, f"{cls} is not a subclass of a target of cgsh:Minted"
