"""coopgraph.validate and the ``coopgraph validate`` command."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.namespace import RDF, SH, SKOS
from typer.testing import CliRunner

from coopgraph.cli import app
from coopgraph.namespaces import CG, ENTITIES_GRAPH, GRAPH, ID
from coopgraph.settings import Settings, get_settings
from coopgraph.validate import (
    SHAPES,
    GraphFileError,
    curie,
    load_graph,
    load_ontology,
    load_shapes,
    path_text,
    union_graph,
    validate,
)

DOCUMENT_GRAPH = GRAPH["7947d57b75f32462"]


def break_label(dataset: Dataset) -> None:
    """Remove Guangzhou's only label: one Violation of cgsh:Entity-prefLabel."""
    dataset.graph(ENTITIES_GRAPH).remove((ID.guangzhou, SKOS.prefLabel, None))


def drop_side(dataset: Dataset) -> None:
    """Remove Han Zheng's side: one Warning of cgsh:Person-side."""
    dataset.graph(ENTITIES_GRAPH).remove((ID["han-zheng"], CG.side, None))


# --- the API ----------------------------------------------------------------------------------


def test_union_validation_sees_facts_across_graphs(example_dataset: Dataset) -> None:
    # The post's title lives in graph:entities, its holder in the document graph: validated
    # graph by graph, cgsh:Post-heldBy would fail on the entities graph alone.
    entities_only = Graph()
    for triple in example_dataset.graph(ENTITIES_GRAPH):
        entities_only.add(triple)
    assert not validate(entities_only).conforms
    assert validate(example_dataset).conforms


def test_union_graph_copies_every_named_graph(example_dataset: Dataset) -> None:
    union = union_graph(example_dataset)
    assert len(union) == len(example_dataset) == 114
    union.add((ID.x, SKOS.prefLabel, Literal("x", lang="en")))
    assert len(example_dataset) == 114


def test_validate_leaves_the_data_untouched(example_dataset: Dataset) -> None:
    before = len(example_dataset)
    validate(example_dataset)
    assert len(example_dataset) == before


def test_violation_fields(example_dataset: Dataset) -> None:
    break_label(example_dataset)
    report = validate(example_dataset)
    assert not report.conforms
    (v,) = report.violations
    assert v.severity == "Violation"
    assert v.shape == SHAPES["Entity-prefLabel"]
    assert v.focus == ID.guangzhou
    assert v.path == SKOS.prefLabel
    assert v.path_text == "skos:prefLabel"
    assert v.value is None
    assert v.component == "MinCountConstraintComponent"
    assert "skos:prefLabel" in v.message
    assert report.errors == [v] and report.warnings == []
    assert (None, SH.focusNode, ID.guangzhou) in report.results_graph
    assert "Entity-prefLabel" in report.text


def test_warnings_do_not_break_conformance(example_dataset: Dataset) -> None:
    drop_side(example_dataset)
    report = validate(example_dataset)
    assert report.conforms
    assert [v.severity for v in report.violations] == ["Warning"]
    assert report.errors == [] and report.warnings == report.violations


def test_sparql_results_name_their_constraint(example_dataset: Dataset) -> None:
    example_dataset.graph(ENTITIES_GRAPH).add(
        (URIRef("http://example.org/m"), RDF.type, CG.Measure)
    )
    (v,) = validate(example_dataset).violations
    assert v.constraint == SHAPES["Minted-namespace"]
    assert v.shape == SHAPES.Minted
    assert v.component == "SPARQLConstraintComponent"


def test_custom_shapes_replace_the_defaults(example_dataset: Dataset) -> None:
    shapes = Graph().parse(
        data="""
        @prefix sh: <http://www.w3.org/ns/shacl#> .
        @prefix cg: <https://w3id.org/coopgraph/ontology#> .
        <urn:s> a sh:NodeShape ; sh:targetClass cg:Party ;
            sh:property [ sh:path cg:needsReview ; sh:minCount 1 ; sh:severity sh:Info ] .
        """,
        format="turtle",
    )
    report = validate(example_dataset, shapes=shapes)
    assert report.conforms  # Info results are reported but do not break conformance
    assert {v.severity for v in report.violations} == {"Info"}
    # subclass targets work through the ontology: every University is a Party
    assert ID["nanyang-technological-university"] in {v.focus for v in report.violations}


def test_the_ontology_makes_subclasses_count(example_dataset: Dataset) -> None:
    break_label(example_dataset)  # Guangzhou is a cg:Municipality, a subclass of cg:Place
    with_ontology = validate(example_dataset)
    without = validate(example_dataset, ontology=Graph())
    assert [v.focus for v in with_ontology.violations] == [ID.guangzhou]
    # without it, no target reaches Guangzhou, and a University is not known as an Organisation
    assert ID.guangzhou not in {v.focus for v in without.violations}
    assert "ClassConstraintComponent" in {v.component for v in without.violations}


def test_rdfs_inference_agrees_on_the_example(example_dataset: Dataset) -> None:
    assert validate(example_dataset, inference="rdfs").conforms


def test_path_text_renders_complex_paths() -> None:
    shapes = load_shapes()
    holder = shapes.value(SHAPES["Post-holder"], SH.path)
    parties = shapes.value(SHAPES["Agreement-parties"], SH.path)
    assert path_text(shapes, holder) == "^org:holds"
    assert path_text(shapes, parties) == "cg:hasParty|cg:signatory"
    assert path_text(shapes, None) == ""


def test_curie() -> None:
    assert curie(ID.guangzhou) == "id:guangzhou"
    assert curie(SHAPES.Minted) == "cgsh:Minted"
    assert curie(URIRef("http://example.org/x")) == "<http://example.org/x>"
    assert curie(Literal("x")) == '"x"'
    assert curie(None) == ""


def test_load_graph_reads_by_suffix(tmp_path: Path, example_dataset: Dataset) -> None:
    trig = tmp_path / "g.trig"
    example_dataset.serialize(trig, format="trig")
    nquads = tmp_path / "g.nq"
    example_dataset.serialize(nquads, format="nquads")
    turtle = tmp_path / "g.ttl"
    union_graph(example_dataset).serialize(turtle, format="turtle")
    for path in (trig, nquads, turtle):
        assert len(load_graph(path)) == 114, path


def test_load_graph_missing_file(tmp_path: Path) -> None:
    with pytest.raises(GraphFileError, match=r"no graph file at .*nothing\.trig.*coopgraph build"):
        load_graph(tmp_path / "nothing.trig")


def test_load_graph_bad_syntax(tmp_path: Path) -> None:
    bad = tmp_path / "bad.trig"
    bad.write_text("graph:x { this is not rdf", encoding="utf-8")
    with pytest.raises(GraphFileError, match=r"bad\.trig is not valid TRIG"):
        load_graph(bad)


def test_missing_shapes_file(tmp_path: Path) -> None:
    with pytest.raises(GraphFileError, match="COOPGRAPH_ONTOLOGY_DIR"):
        load_shapes(Settings(ontology_dir=tmp_path))


def test_bad_shapes_file(tmp_path: Path) -> None:
    (tmp_path / "shapes.ttl").write_text("@prefix broken", encoding="utf-8")
    with pytest.raises(GraphFileError, match=r"shapes\.ttl is not valid Turtle"):
        load_shapes(Settings(ontology_dir=tmp_path))


def test_loaders_cache_until_the_file_changes() -> None:
    assert load_ontology() is load_ontology()
    assert load_shapes() is load_shapes()


# --- the command ------------------------------------------------------------------------------


@pytest.fixture
def runner(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[CliRunner]:
    monkeypatch.setenv("COOPGRAPH_GRAPH_PATH", str(tmp_path / "out" / "coopgraph.trig"))
    get_settings.cache_clear()
    yield CliRunner()
    get_settings.cache_clear()


def write(dataset: Dataset, path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    dataset.serialize(path, format="trig")
    return path


def test_cli_conforming_graph(runner: CliRunner, example_dataset: Dataset, tmp_path: Path) -> None:
    path = write(example_dataset, tmp_path / "g.trig")
    result = runner.invoke(app, ["validate", str(path)])
    assert result.exit_code == 0, result.output
    assert result.output.strip().splitlines() == [
        f"{path} conforms to the shapes: 114 triples in 2 graphs; 0 violations, 0 warnings."
    ]


def test_cli_defaults_to_the_built_graph(
    runner: CliRunner, example_dataset: Dataset, tmp_path: Path
) -> None:
    path = write(example_dataset, tmp_path / "out" / "coopgraph.trig")
    result = runner.invoke(app, ["validate"])
    assert result.exit_code == 0, result.output
    assert str(path) in result.output


def test_cli_lists_violations(runner: CliRunner, example_dataset: Dataset, tmp_path: Path) -> None:
    break_label(example_dataset)
    drop_side(example_dataset)
    path = write(example_dataset, tmp_path / "g.trig")
    result = runner.invoke(app, ["validate", str(path)])
    assert result.exit_code == 1, result.output
    rows = [line for line in result.output.splitlines() if "id:" in line]
    assert len(rows) == 2
    assert "Violation" in rows[0] and "cgsh:Entity-prefLabel" in rows[0]
    assert "id:guangzhou" in rows[0] and "skos:prefLabel" in rows[0]
    assert "needs a skos:prefLabel with a language tag" in rows[0]
    assert "Warning" in rows[1] and "cgsh:Person-side" in rows[1] and "id:han-zheng" in rows[1]
    assert result.output.splitlines()[-1] == (
        f"{path} does not conform to the shapes: 112 triples in 2 graphs; 1 violation, 1 warning."
    )


def test_cli_warnings_only(runner: CliRunner, example_dataset: Dataset, tmp_path: Path) -> None:
    drop_side(example_dataset)
    path = write(example_dataset, tmp_path / "g.trig")
    quiet = runner.invoke(app, ["validate", str(path)])
    assert quiet.exit_code == 0
    assert quiet.output.strip().endswith("0 violations, 1 warning (--warnings lists them).")
    assert "cgsh:Person-side" not in quiet.output
    loud = runner.invoke(app, ["validate", "--warnings", str(path)])
    assert loud.exit_code == 0
    assert "cgsh:Person-side" in loud.output


def test_cli_missing_file(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(app, ["validate", str(tmp_path / "none.trig")])
    assert result.exit_code == 2
    assert "error: no graph file at" in result.output
    assert "Traceback" not in result.output


def test_cli_missing_default_graph(runner: CliRunner) -> None:
    result = runner.invoke(app, ["validate"])
    assert result.exit_code == 2
    assert "coopgraph build" in result.output


def test_cli_unparseable_file(runner: CliRunner, tmp_path: Path) -> None:
    bad = tmp_path / "bad.trig"
    bad.write_text("this is { not TriG", encoding="utf-8")
    result = runner.invoke(app, ["validate", str(bad)])
    assert result.exit_code == 2
    assert f"error: {bad} is not valid TRIG" in result.output
    assert "Traceback" not in result.output


def test_cli_broken_shapes(
    runner: CliRunner, monkeypatch: pytest.MonkeyPatch, example_dataset: Dataset, tmp_path: Path
) -> None:
    ontology_dir = tmp_path / "ontology"
    ontology_dir.mkdir()
    (ontology_dir / "shapes.ttl").write_text("not turtle at all", encoding="utf-8")
    (ontology_dir / "coopgraph.ttl").write_bytes(Settings().ontology_path.read_bytes())
    monkeypatch.setenv("COOPGRAPH_ONTOLOGY_DIR", str(ontology_dir))
    get_settings.cache_clear()
    path = write(example_dataset, tmp_path / "g.trig")
    result = runner.invoke(app, ["validate", str(path)])
    assert result.exit_code == 2
    assert "shapes.ttl is not valid Turtle" in result.output


def test_document_graph_name_matches_example() -> None:
    # The tests above rely on the example holding one document graph besides the entities.
    dataset = Dataset().parse(Path(__file__).parents[1] / "data" / "example.trig", format="trig")
    assert {g.identifier for g in dataset.graphs() if len(g)} == {ENTITIES_GRAPH, DOCUMENT_GRAPH}


def test_a_post_whose_holder_is_planned_conforms(example_dataset: Dataset) -> None:
    from rdflib.namespace import ORG

    post = ID["lam-khin-yong-senior-vice-president-research-nanyang-technological-university"]
    holds = [(s, g) for s, _, _, g in example_dataset.quads((None, ORG.holds, post, None))]
    for holder, graph in holds:  # the holding is only planned: kept on its evidence
        example_dataset.remove((holder, ORG.holds, post, graph))
        example_dataset.remove((post, ORG.heldBy, holder, graph))
    held = SHAPES["Post-someHolder"]
    assert held in {v.constraint for v in validate(example_dataset).violations}
    document = example_dataset.graph(DOCUMENT_GRAPH)
    for number, (subject, predicate, obj) in enumerate(
        [(post, ORG.heldBy, holds[0][0]), (holds[0][0], ORG.holds, post)]
    ):
        evidence = URIRef(f"{DOCUMENT_GRAPH}/planned/{number}")
        for triple in [(RDF.subject, subject), (RDF.predicate, predicate), (RDF.object, obj),
                       (CG.status, CG.Planned)]:  # fmt: skip
            document.add((evidence, *triple))
    failing = {v.constraint for v in validate(example_dataset).violations}
    assert held not in failing, failing
