"""The compiler refuses what it does not implement; scoped validation equals the full one
restricted to its focus nodes; the engine's errors."""

from __future__ import annotations

from typing import Any

import pytest
from rdflib import Dataset, Graph
from rdflib.term import Node

from coopgraph.namespaces import GRAPH
from coopgraph.validate import validate
from coopgraph.validate.oxigraph import UnsupportedShapeError, compile_shapes, load_store

from .test_parity import CASES, patched

HEAD = """
@prefix sh: <http://www.w3.org/ns/shacl#> .
@prefix cg: <https://w3id.org/coopgraph/ontology#> .
@prefix ex: <http://example.org/> .
"""
UNSUPPORTED = {
    "xone": "ex:s a sh:NodeShape ; sh:targetClass cg:Party ; sh:xone ( [ sh:class cg:Party ] ) .",
    "closed": "ex:s a sh:NodeShape ; sh:targetClass cg:Party ; sh:closed true .",
    "qualified": "ex:s a sh:NodeShape ; sh:targetClass cg:Party ; sh:property [ sh:path cg:side ;"
    " sh:qualifiedValueShape [ sh:class cg:Side ] ; sh:qualifiedMinCount 1 ] .",
    "nested-unknown": "ex:s a sh:NodeShape ; sh:targetClass cg:Party ;"
    ' sh:node [ sh:languageIn ( "en" ) ] .',
    "sparql-path": "ex:s a sh:NodeShape ; sh:targetClass cg:Party ; sh:sparql [ sh:select"
    ' "SELECT $this WHERE { $this $PATH ?x }" ] .',
    "sparql-subquery": "ex:s a sh:NodeShape ; sh:targetClass cg:Party ; sh:sparql [ sh:select"
    ' "SELECT $this WHERE { { SELECT $this WHERE { $this ?p ?o } } }" ] .',
    "sparql-ask": "ex:s a sh:NodeShape ; sh:targetClass cg:Party ; sh:sparql [ sh:ask"
    ' "ASK { }" ] .',
    "implicit-class-target": "ex:s a sh:NodeShape , <http://www.w3.org/2000/01/rdf-schema#Class> ;"
    " sh:targetClass cg:Party ; sh:nodeKind sh:IRI .",
    "bad-path": "ex:s a sh:NodeShape ; sh:targetClass cg:Party ; sh:property [ sh:path"
    " [ ex:strange cg:side ] ; sh:minCount 1 ] .",
}


@pytest.mark.parametrize("name", sorted(UNSUPPORTED))
def test_unsupported_constructs_are_refused(name: str) -> None:
    shapes = Graph().parse(data=HEAD + UNSUPPORTED[name], format="turtle")
    with pytest.raises(UnsupportedShapeError):
        compile_shapes(shapes)


def test_every_constraint_of_the_shapes_compiles(shapes: Graph) -> None:
    checks = compile_shapes(shapes)
    # one check per (checked shape, constraint) pair, as tests/test_shapes.py counts them
    assert len(checks) == len({(c.constraint or c.shape, c.component) for c in checks}) == 148


def document_nodes(dataset: Dataset) -> set[Node]:
    """Subjects and objects of the example's document graph: what a change to it can affect."""
    graph = dataset.graph(GRAPH["7947d57b75f32462"])
    return {n for s, _, o in graph for n in (s, o)}


def keys(violations: list[Any]) -> set[tuple[object, ...]]:
    return {(v.severity, v.shape, v.focus, v.path_text, v.value) for v in violations}


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_scoped_run_is_the_full_run_at_its_focus_nodes(
    case: dict[str, Any], shapes: Graph, ontology: Graph
) -> None:
    dataset = patched(case)
    focus = document_nodes(dataset)
    full = validate(dataset, shapes=shapes, ontology=ontology)
    scoped = validate(load_store(dataset, ontology), shapes=shapes, focus=focus)
    assert keys(scoped.violations) == keys(v for v in full.violations if v.focus in focus)


def test_scoped_run_catches_a_break_in_the_document(shapes: Graph, ontology: Graph) -> None:
    case = next(c for c in CASES if c["id"] == "evidence-quote-empty")
    dataset = patched(case)
    scoped = validate(load_store(dataset, ontology), shapes=shapes, focus=document_nodes(dataset))
    assert not scoped.conforms
    assert [v.component for v in scoped.errors] == ["MinLengthConstraintComponent"]


def test_no_focus_nodes_no_results(shapes: Graph, ontology: Graph) -> None:
    dataset = patched(next(c for c in CASES if c["id"] == "evidence-quote-empty"))
    assert validate(load_store(dataset, ontology), shapes=shapes, focus=[]).violations == []


def test_engine_errors(example_dataset: Dataset) -> None:
    with pytest.raises(ValueError, match="unknown validation engine"):
        validate(example_dataset, engine="jena")
    with pytest.raises(ValueError, match="needs the pyshacl engine"):
        validate(example_dataset, engine="oxigraph", inference="rdfs")
    with pytest.raises(ValueError, match="need the oxigraph engine"):
        validate(example_dataset, engine="pyshacl", focus=[])
    with pytest.raises(ValueError, match="cannot be named"):
        from rdflib import BNode

        validate(example_dataset, focus=[BNode()])


@pytest.fixture
def cli(monkeypatch: pytest.MonkeyPatch, tmp_path):  # type: ignore[no-untyped-def]
    from typer.testing import CliRunner

    from coopgraph.settings import get_settings

    monkeypatch.setenv("COOPGRAPH_GRAPH_PATH", str(tmp_path / "out" / "coopgraph.trig"))
    get_settings.cache_clear()
    yield CliRunner()
    get_settings.cache_clear()


def test_cli_engines_agree_and_an_unknown_one_is_refused(
    cli, example_dataset: Dataset, tmp_path
) -> None:  # type: ignore[no-untyped-def]
    from coopgraph.cli import app

    case = next(c for c in CASES if c["id"] == "evidence-quote-empty")
    path = tmp_path / "g.trig"
    patched(case).serialize(path, format="trig")
    outputs = []
    for engine in ("oxigraph", "pyshacl"):
        result = cli.invoke(app, ["validate", str(path), "--engine", engine])
        assert result.exit_code == 1
        outputs.append(result.output)
    assert outputs[0] == outputs[1]
    result = cli.invoke(app, ["validate", str(path), "--engine", "jena"])
    assert result.exit_code == 2 and "unknown --engine 'jena'" in result.output


def test_cli_unsupported_shape_points_to_pyshacl(
    cli, monkeypatch: pytest.MonkeyPatch, example_dataset: Dataset, tmp_path
) -> None:  # type: ignore[no-untyped-def]
    from coopgraph.cli import app
    from coopgraph.settings import Settings, get_settings

    ontology_dir = tmp_path / "ontology"
    ontology_dir.mkdir()
    (ontology_dir / "shapes.ttl").write_text(HEAD + UNSUPPORTED["closed"], encoding="utf-8")
    (ontology_dir / "coopgraph.ttl").write_bytes(Settings().ontology_path.read_bytes())
    monkeypatch.setenv("COOPGRAPH_ONTOLOGY_DIR", str(ontology_dir))
    get_settings.cache_clear()
    path = tmp_path / "g.trig"
    example_dataset.serialize(path, format="trig")
    result = cli.invoke(app, ["validate", str(path)])
    assert result.exit_code == 2
    assert "shacl#closed" in result.output and "--engine pyshacl" in result.output
    assert "Traceback" not in result.output
