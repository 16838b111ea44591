"""Generality: invented articles read with an empty registry (tests/data/pipeline/heldout/)."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from coopgraph.namespaces import curie

HELDOUT = Path(__file__).parents[1] / "data" / "pipeline" / "heldout"
EXPECTED = yaml.safe_load((HELDOUT / "expected.yaml").read_text("utf-8"))


def test_every_article_has_expectations():
    assert sorted(p.name for p in HELDOUT.glob("*.txt")) == sorted(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_heldout_article(empty_extractor, make_document, name):
    case = EXPECTED[name]
    text = (HELDOUT / name).read_text("utf-8")
    extraction = empty_extractor.extract(make_document(text, case["published"]))
    triples = {(f.subject, curie(f.predicate), f.object) for f in extraction.facts}
    asserted = {
        (f.subject, curie(f.predicate), f.object) for f in extraction.facts if f.status is None
    }
    missing = [tuple(t) for t in case["facts"] if tuple(t) not in triples]
    assert not missing
    for unwanted in case.get("absent", []):
        assert tuple(unwanted) not in asserted
    for entity_id, type_ in case.get("entities", []):
        assert extraction.entities[entity_id].type == type_
        assert extraction.entities[entity_id].review
