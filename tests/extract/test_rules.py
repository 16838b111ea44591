"""The rule tables: a table that would silently lose a rule is refused."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
import yaml
from rdflib import URIRef

from coopgraph.extract.rules import RULE_FILES, RuleError, load_rules
from coopgraph.namespaces import CG, ORG
from coopgraph.settings import PROJECT_ROOT


def _copy(tmp_path: Path) -> Path:
    for name in RULE_FILES:
        shutil.copy(PROJECT_ROOT / "data" / name, tmp_path / name)
    return tmp_path


def test_the_tables_load() -> None:
    assert load_rules(PROJECT_ROOT / "data").patterns["relations"]


def test_the_head_words_are_the_heads_table_in_lower_case() -> None:
    rules = load_rules(PROJECT_ROOT / "data")
    assert rules.head_words == {h.lower() for h in rules.types["heads"]}
    assert "university" in rules.head_words


def test_a_rule_given_twice_is_refused(tmp_path: Path) -> None:
    data = _copy(tmp_path)
    table = data / "patterns.yaml"
    table.write_text(table.read_text() + "\n  signed_at:\n    fact: [A, cg:signedAt, B]\n")
    with pytest.raises(RuleError, match="'signed_at' is given twice"):
        load_rules(data)


@pytest.mark.parametrize(
    "name,key,value,message",
    [
        ("lexicon.yaml", "member_cue", ["they included"], "unknown table 'member_cue'"),
        ("lexicon.yaml", "whole_words", "co-chair", "'whole_words' must be a list of words"),
        ("lexicon.yaml", "numbers", {"one": "first"}, "'numbers' must be a mapping of words"),
        ("entity_types.yaml", "described", ["forum"], "'described' must be a mapping"),
        ("relations.yaml", "venue", {"at": "Place"}, "'venue' must be a list of words"),
    ],
)
def test_a_table_of_the_wrong_shape_is_refused(tmp_path: Path, name, key, value, message) -> None:
    data = _copy(tmp_path)
    table = yaml.safe_load((data / name).read_text())
    (data / name).write_text(yaml.safe_dump({**table, key: value}))
    with pytest.raises(RuleError, match=message):
        load_rules(data)


def test_a_pattern_property_is_its_iri() -> None:
    relations = load_rules(PROJECT_ROOT / "data").patterns["relations"]
    properties = [p for spec in relations.values() for p in _properties(spec["fact"][1])]
    assert CG.locatedIn in properties and ORG.subOrganizationOf in properties
    assert all(isinstance(p, URIRef) for p in properties)


def _properties(written: object) -> list[object]:
    return list(written.values()) if isinstance(written, dict) else [written]


@pytest.mark.parametrize(
    "written,message",
    [
        ("cg:liesIn", "relation 'placed': 'cg:liesIn' is not a term of the cg: vocabulary"),
        ("foaf:knows", "relation 'placed': 'foaf:knows' has an unknown prefix"),
        ("{Event: cg:heldIn, default: cg:sitsIn}", "'cg:sitsIn' is not a term"),
    ],
)
def test_a_pattern_property_the_ontology_lacks_is_refused(
    tmp_path: Path, written: str, message: str
) -> None:
    data = _copy(tmp_path)
    table = data / "patterns.yaml"
    table.write_text(table.read_text() + f"\n  placed:\n    fact: [A, {written}, B]\n")
    with pytest.raises(RuleError, match=re.escape(message)):
        load_rules(data)
