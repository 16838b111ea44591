"""Sentence → facts, from the table in tests/data/pipeline/sentences.yaml."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

CASES = yaml.safe_load(
    (Path(__file__).parents[1] / "data" / "pipeline" / "sentences.yaml").read_text("utf-8")
)


def _triples(extraction):
    return {(f.subject, f.predicate, f.object) for f in extraction.facts}


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_sentence(extractor, make_document, case):
    extraction = extractor.extract(make_document(case["text"], case.get("published", "2022-11-07")))
    triples = _triples(extraction)
    for expected in case.get("facts", []):
        assert tuple(expected) in triples
    for unwanted in case.get("absent", []):
        assert tuple(unwanted) not in triples
    for entity_id, type_ in case.get("entities", []):
        assert extraction.entities[entity_id].type == type_
        assert extraction.entities[entity_id].review


def test_every_fact_quotes_its_sentence(extractor, make_document):
    text = CASES[0]["text"]
    extraction = extractor.extract(make_document(text))
    assert extraction.facts
    for fact in extraction.facts:
        quote = text[fact.start : fact.end]
        assert quote.strip() == quote and quote
        assert fact.rule


def test_same_fact_twice_is_kept_per_sentence(extractor, make_document):
    text = "NCS is a subsidiary of Singtel. NCS, a subsidiary of Singtel, grew."
    facts = [
        f for f in extractor.extract(make_document(text)).facts if f.predicate == "cg:subsidiaryOf"
    ]
    assert {(f.subject, f.object) for f in facts} == {("ncs", "singtel")}
    assert len({f.start for f in facts}) == 2
