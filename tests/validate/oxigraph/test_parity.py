"""The oxigraph engine gives exactly pySHACL's results: on every breaking and conforming case of
``tests/data/shapes/``, on the example graph and on the seed build."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from rdflib import Dataset, Graph

from coopgraph.namespaces import GRAPH, PREFIXES
from coopgraph.settings import PROJECT_ROOT, Settings
from coopgraph.validate import SHAPES, ValidationReport, validate

DATA = Path(__file__).parents[2] / "data"
EXAMPLE_DOC = "https://w3id.org/coopgraph/doc/7947d57b75f32462"
NAMESPACES = {
    **PREFIXES,
    "graph": str(GRAPH),
    "cgsh": str(SHAPES),
    "sh": "http://www.w3.org/ns/shacl#",
    "funding": f"{EXAMPLE_DOC}/funding/",
    "amount": f"{EXAMPLE_DOC}/funding/1/",
    "figure": f"{EXAMPLE_DOC}/figure/",
    "evidence": f"{EXAMPLE_DOC}/evidence/",
}
HEADER = "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in NAMESPACES.items())
CASES = [
    case
    for name in ("breaking.yaml", "conforming.yaml")
    for case in yaml.safe_load((DATA / "shapes" / name).read_text(encoding="utf-8"))
]


def patched(case: dict[str, Any]) -> Dataset:
    """``example.trig`` edited as the case says (see tests/data/shapes/breaking.yaml)."""
    dataset = Dataset()
    dataset.parse(DATA / "example.trig", format="trig")
    deletes = case.get("delete", [])
    for pattern in [deletes] if isinstance(deletes, str) else deletes:
        dataset.update(
            f"{HEADER}DELETE {{ GRAPH ?g {{ {pattern} }} }} WHERE {{ GRAPH ?g {{ {pattern} }} }}"
        )
    if "insert" in case:
        target = GRAPH["7947d57b75f32462"]
        dataset.update(f"{HEADER}INSERT DATA {{ GRAPH <{target}> {{ {case['insert']} }} }}")
    return dataset


def results(report: ValidationReport) -> set[tuple[object, ...]]:
    """What both engines must agree on: severity, shape, focus node, path, value."""
    return {(v.severity, v.shape, v.focus, v.path_text, v.value) for v in report.violations}


def both(data: Dataset, shapes: Graph, ontology: Graph) -> tuple[set, set]:
    fast = validate(data, shapes=shapes, ontology=ontology, engine="oxigraph")
    reference = validate(data, shapes=shapes, ontology=ontology, engine="pyshacl")
    assert fast.conforms == reference.conforms
    return results(fast), results(reference)


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_case_gives_pyshacl_results(case: dict[str, Any], shapes: Graph, ontology: Graph) -> None:
    fast, reference = both(patched(case), shapes, ontology)
    assert fast == reference


def test_example_gives_pyshacl_results(shapes: Graph, ontology: Graph) -> None:
    fast, reference = both(patched({}), shapes, ontology)
    assert fast == reference == set()


def test_many_breaks_at_once_give_pyshacl_results(shapes: Graph, ontology: Graph) -> None:
    """Every insert-only case applied together: many results, on the same nodes, in one run."""
    inserts = " . ".join(c["insert"] for c in CASES if "insert" in c and "delete" not in c)
    fast, reference = both(patched({"insert": inserts}), shapes, ontology)
    assert len(reference) > 40
    assert fast == reference


def test_seed_build_gives_pyshacl_results(
    tmp_path_factory: pytest.TempPathFactory, shapes: Graph, ontology: Graph
) -> None:
    from coopgraph.build import build

    out = tmp_path_factory.mktemp("seed") / "coopgraph.trig"
    build(Settings(data_dir=PROJECT_ROOT / "data", graph_path=out), progress=False)
    dataset = Dataset()
    dataset.parse(out, format="trig")
    fast, reference = both(dataset, shapes, ontology)
    assert fast == reference
    assert reference, "the seed build has warnings (people without a side) to compare"
