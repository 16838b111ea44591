"""Names found by their form, without a registry: tests/data/pipeline/by_form.yaml."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
import yaml

from coopgraph.namespaces import curie

CASES = yaml.safe_load(
    (Path(__file__).parents[1] / "data" / "pipeline" / "by_form.yaml").read_text("utf-8")
)


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_by_form(bare_extractor, make_document, case):
    document = make_document(case["text"], case.get("published", "2022-11-07"))
    document = replace(document, title=case.get("title"))
    extraction = bare_extractor.extract(document)
    case = _scoped(case, document.key)
    triples = {(f.subject, curie(f.predicate), f.object) for f in extraction.facts}
    asserted = {
        (f.subject, curie(f.predicate), f.object) for f in extraction.facts if f.status is None
    }
    for expected in case.get("facts", []):
        assert tuple(expected) in triples
    for unwanted in case.get("absent", []):
        assert tuple(unwanted) not in asserted
    for entity_id, type_ in case.get("entities", []):
        assert entity_id in extraction.entities, sorted(extraction.entities)
        assert extraction.entities[entity_id].type == type_
    for entity_id, label in case.get("labels", {}).items():
        assert extraction.entities[entity_id].name == label
    if case.get("no_agreements"):
        assert not [e for e in extraction.entities.values() if "Agreement" in e.type]
    for entity_id in case.get("missing", []):
        assert entity_id not in extraction.entities


def _scoped(case: dict, key: str) -> dict:
    """The case with KEY (an id scoped to the document) replaced by the document's key."""
    return yaml.safe_load(yaml.safe_dump(case).replace("document-KEY", f"document-{key}"))


def test_a_capitalised_word_s_hyphened_tail_is_in_the_name(mention_types) -> None:
    types = mention_types("The Harbin-Lindmoor Cross-border Payment Link has 900 users.")
    assert types.get("Harbin-Lindmoor Cross-border Payment Link") == "Programme"


def test_an_ordinal_the_recogniser_puts_in_a_name_stays_in_it(mention_types) -> None:
    types = mention_types("Kestrel Bank signed a deal with the First Affiliated Hospital of "
                          "Lindmoor University on Monday.")  # fmt: skip
    assert types.get("First Affiliated Hospital of Lindmoor University") == "Organisation"


def test_a_place_based_word_before_a_name_is_not_in_it(mention_types) -> None:
    types = mention_types("Singapore-based Kestrel Group owns malls in Chengdu.")
    assert "Kestrel Group" in types and "Singapore-based Kestrel Group" not in types
