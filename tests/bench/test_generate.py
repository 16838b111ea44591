"""The corpus generator: deterministic, the requested size, in the shape the build writes."""

from __future__ import annotations

import json
from pathlib import Path

import pyoxigraph as ox
import pytest
import rdflib

from coopgraph.bench.generate import GenerateError, Manifest, generate, load_manifest
from coopgraph.namespaces import CG, DOC, ENTITIES_GRAPH, PROV, RDF
from coopgraph.validate import validate


def test_same_seed_same_bytes(corpus: tuple[Path, Manifest], tmp_path: Path) -> None:
    folder, manifest = corpus
    again = generate(10_000, tmp_path, seed=7, texts=5)
    assert again == manifest
    assert (tmp_path / "corpus.trig").read_bytes() == (folder / "corpus.trig").read_bytes()
    names = sorted(p.name for p in (tmp_path / "documents").iterdir())
    assert names == sorted(p.name for p in (folder / "documents").iterdir())


def test_other_seed_other_corpus(corpus: tuple[Path, Manifest], tmp_path: Path) -> None:
    assert generate(10_000, tmp_path, seed=8, texts=0).sha256 != corpus[1].sha256


def test_size_and_counts(corpus: tuple[Path, Manifest]) -> None:
    folder, manifest = corpus
    store = ox.Store()
    store.bulk_load(path=str(folder / "corpus.trig"), format=ox.RdfFormat.TRIG)
    assert len(store) == manifest.triples >= 10_000
    assert manifest.triples < 11_000
    graphs = {g.value for g in store.named_graphs()}
    assert str(ENTITIES_GRAPH) in graphs
    assert len(graphs) == manifest.documents + 1
    assert len(list((folder / "documents").glob("*.txt"))) == manifest.texts == 5
    assert json.loads((folder / "manifest.json").read_text())["sha256"] == manifest.sha256


def test_conforms_to_the_shapes(corpus: tuple[Path, Manifest]) -> None:
    dataset = rdflib.Dataset()
    dataset.parse(corpus[0] / "corpus.trig", format="trig")
    report = validate(dataset)
    assert report.conforms, report.text[:2000]
    assert [v for v in report.violations if v.severity == "Warning"] == []


def test_evidence_points_at_the_sentence_of_the_text(corpus: tuple[Path, Manifest]) -> None:
    folder, _ = corpus
    dataset = rdflib.Dataset()
    dataset.parse(folder / "corpus.trig", format="trig")
    checked = 0
    for path in (folder / "documents").glob("*.txt"):
        text = path.read_text(encoding="utf-8")
        key = path.stem.rsplit("_", 1)[1]
        graph = dataset.graph(rdflib.URIRef(f"https://w3id.org/coopgraph/graph/{key}"))
        assert (DOC[key], CG.fileName, rdflib.Literal(path.name)) in graph
        for evidence in graph.subjects(RDF.type, CG.Evidence):
            start, end = int(graph.value(evidence, CG.start)), int(graph.value(evidence, CG.end))
            assert text[start:end] == str(graph.value(evidence, CG.quote))
            assert graph.value(evidence, PROV.wasDerivedFrom) == DOC[key]
            fact = tuple(graph.value(evidence, p) for p in (RDF.subject, RDF.predicate, RDF.object))
            assert fact in graph
            checked += 1
        assert 500 <= len(text.split()) <= 1000
    assert checked > 0


def test_every_party_type_is_generated(corpus: tuple[Path, Manifest]) -> None:
    store = ox.Store()
    store.bulk_load(path=str(corpus[0] / "corpus.trig"), format=ox.RdfFormat.TRIG)
    query = "SELECT DISTINCT ?t WHERE { GRAPH ?g { ?s a ?t } }"
    types = {row["t"].value.rsplit("#", 1)[1] for row in store.query(query)}
    expected = {
        "University", "Company", "ResearchInstitute", "GovernmentBody", "Council", "Park",
        "Person", "Country", "Municipality", "Province", "Post", "Meeting", "Funding",
        "MonetaryAmount", "Observation", "Target", "Evidence", "Document",
    }  # fmt: skip
    assert expected <= types
    query = "SELECT DISTINCT ?c WHERE { GRAPH ?g { ?m <https://schema.org/currency> ?c } }"
    currencies = {row["c"].value for row in store.query(query)}
    assert currencies == {"SGD", "CNY", "USD"}


def test_too_small_a_corpus_is_refused(tmp_path: Path) -> None:
    with pytest.raises(GenerateError, match="at least 1000"):
        generate(10, tmp_path)
    with pytest.raises(GenerateError, match="--texts"):
        generate(10_000, tmp_path, texts=-1)


def test_manifest_errors_say_what_to_do(tmp_path: Path) -> None:
    with pytest.raises(GenerateError, match="bench generate"):
        load_manifest(tmp_path)
    (tmp_path / "manifest.json").write_text("{not json")
    with pytest.raises(GenerateError, match="generate it again"):
        load_manifest(tmp_path)
