"""Agreements named by their form, on invented sentences."""

from __future__ import annotations

import pytest

from coopgraph.namespaces import CG


@pytest.mark.parametrize(
    ("text", "name"),
    [
        (
            "In 2018 the two governments signed a Memorandum of Understanding on Third-Party "
            "Market Cooperation.",
            "Memorandum of Understanding on Third-Party Market Cooperation",
        ),
        (
            "Singapore and China signed the Agreement on Reciprocal Visa Exemption in January.",
            "Agreement on Reciprocal Visa Exemption",
        ),
        (
            "The MOU on Green Finance Cooperation in 2024 was renewed.",
            "MOU on Green Finance Cooperation",
        ),
        (
            "Kestrel University signed a Memorandum of Understanding on Academic Exchange with "
            "Harbin University.",
            "Memorandum of Understanding on Academic Exchange",
        ),
    ],
)
def test_an_agreement_name_with_its_title_and_without_a_date(
    extractor, make_document, text: str, name: str
) -> None:
    mentions = extractor.extract(make_document(text)).mentions
    agreements = [m.text for m in mentions if m.type.endswith(("Agreement", "Understanding"))]
    assert agreements == [name]


def test_an_accord_or_a_treaty_named_by_its_form(mention_types) -> None:
    text = ("Officials met on Monday. The Harbin Accord covers trade and tourism. The two cities "
            "signed the Lindmoor Treaty in 2019.")  # fmt: skip
    types = mention_types(text)
    assert types.get("Harbin Accord") == "Agreement", types
    assert types.get("Lindmoor Treaty") == "Agreement", types


def test_an_agreement_noun_for_a_name_names_no_agreement(extractor, make_document) -> None:
    text = ("Enterprise Singapore and the Wuhan Commerce Bureau signed an MOU on trade on "
            "Monday. Tan Li, who signed the MOU for Enterprise Singapore, said so.")  # fmt: skip
    extraction = extractor.extract(make_document(text))
    named = list(extraction.entities)
    assert not [e for e in named if e.startswith("mou-for")], named
    signed = {f.object for f in extraction.facts if f.predicate == CG.signatory}
    assert "tan-li" in signed, signed
