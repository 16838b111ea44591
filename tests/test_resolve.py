"""The registry: loading the curated file, matching names, and every malformed-file error."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from coopgraph.model import is_a
from coopgraph.resolve import (
    PARTY_TYPES,
    PLACE_TYPES,
    TYPES,
    RegistryError,
    load_registry,
    normalise,
    slugify,
)
from coopgraph.settings import PROJECT_ROOT

CASES = yaml.safe_load((Path(__file__).parent / "data/pipeline/registry_errors.yaml").read_text())


@pytest.fixture(scope="module")
def registry():
    return load_registry(PROJECT_ROOT / "data" / "entities.yaml")


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("CSGKC", "china-singapore-guangzhou-knowledge-city"),
        ("CSGKS", "china-singapore-guangzhou-knowledge-city"),
        ("China-Singapore Guangzhou Knowledge City", "china-singapore-guangzhou-knowledge-city"),
        ("SSIJRI", "sino-singapore-international-joint-research-institute"),
        ("China-Singapore International Joint Research Institute",
         "sino-singapore-international-joint-research-institute"),
        ("GKC Co.", "csgkc-investment-and-development-co"),
        ("CSGKC JV Co.", "csgkc-investment-and-development-co"),
        ("China-Singapore Guangzhou Knowledge City Investment and Development Co.",
         "csgkc-investment-and-development-co"),
        ("CSGKC Investment and Development Co., Ltd", "csgkc-investment-and-development-co"),
        ("Singapore National University", "national-university-of-singapore"),
        ("Ryōe Science, Technology and Innovation Bureau",
         "liangjiang-science-technology-and-innovation-bureau"),
        ("the Chongqing Yubei District People’s Government",
         "chongqing-yubei-district-peoples-government"),
    ],
)  # fmt: skip
def test_variants_resolve_to_one_entry(registry, name, expected):
    assert registry.lookup(name).id == expected


def test_garbled_name_is_an_alias_not_the_canonical_name(registry):
    entry = registry.get("liangjiang-science-technology-and-innovation-bureau")
    assert "Ryōe" not in entry.name
    assert "Ryōe Science, Technology and Innovation Bureau" in entry.aliases


def test_unknown_name_is_none(registry):
    assert registry.lookup("Ministry of Silly Walks") is None


def test_normalise_ignores_case_quotes_and_a_leading_article():
    assert normalise("The People’s  Government") == normalise("people's government")


def test_slugify_is_stable_and_ascii():
    assert slugify("NTU China (West) Entrepreneurship & Innovation Base") == (
        "ntu-china-west-entrepreneurship-and-innovation-base"
    )
    assert slugify("Ryōe Bureau") == "ryoe-bureau"
    assert slugify("!!!") == "unnamed"


def test_missing_registry_says_so(tmp_path):
    with pytest.raises(RegistryError, match="registry not found"):
        load_registry(tmp_path / "entities.yaml")


def test_empty_registry_is_empty(tmp_path):
    path = tmp_path / "entities.yaml"
    path.write_text("")
    assert len(load_registry(path)) == 0


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_malformed_registry(tmp_path, case):
    path = tmp_path / "entities.yaml"
    path.write_text(case["yaml"])
    with pytest.raises(RegistryError) as raised:
        load_registry(path)
    for words in case["expect"]:
        assert words in str(raised.value)


@pytest.mark.parametrize(("listed", "ancestor"), [(PARTY_TYPES, "Party"), (PLACE_TYPES, "Place")])
def test_the_class_lists_are_the_ontologys(listed: frozenset[str], ancestor: str) -> None:
    """The registry's class lists say what the ontology's class tree says."""
    assert {t for t in TYPES if is_a(t, ancestor)} == listed
