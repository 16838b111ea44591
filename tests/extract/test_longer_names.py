"""Organisations named around a registered place, on invented sentences."""

from __future__ import annotations

import pytest


def test_a_place_inside_a_longer_name_is_the_name(extractor, make_document) -> None:
    extraction = extractor.extract(make_document("Enterprise Singapore opened an office."))
    texts = {m.text: m.type for m in extraction.mentions}
    assert "Enterprise Singapore" in texts and texts["Enterprise Singapore"] != "Country"


def test_a_longer_name_listed_as_no_name_stays_the_place(extractor, make_document) -> None:
    extraction = extractor.extract(make_document("Sales in Greater China rose by a third."))
    assert not [m for m in extraction.mentions if m.type == "Organisation"], extraction.mentions


def test_two_names_joined_by_and_stay_two(extractor, make_document) -> None:
    text = "The Ministry of Trade and Industry and Enterprise Singapore led the mission."
    texts = {m.text for m in extractor.extract(make_document(text)).mentions}
    assert "Enterprise Singapore" in texts, texts


@pytest.mark.parametrize(
    "text,name",
    [
        ("Delegates of the Energy Market and Grid Authority of Singapore attended.",
         "Energy Market and Grid Authority of Singapore"),
        ("The Agri-Food and Fisheries Board of Singapore attended.",
         "Agri-Food and Fisheries Board of Singapore"),
    ],
)  # fmt: skip
def test_a_name_joined_by_and_around_a_place_is_one_name(
    extractor, make_document, text, name
) -> None:
    extraction = extractor.extract(make_document(text))
    assert name in {m.text for m in extraction.mentions}


def test_a_name_ending_in_its_head_noun_is_not_joined_over_and(mention_types) -> None:
    types = mention_types(
        "The forum, hosted by the Lanzhou Municipal Government and Enterprise Singapore, "
        "drew 300 firms."
    )
    assert types.get("Lanzhou Municipal Government") == "GovernmentBody"
    assert "Enterprise Singapore" in types


def test_a_count_before_a_country_opens_no_name(extractor, make_document) -> None:
    text = (
        "KUNMING - Forty Singapore companies are taking part in the expo, which opened on Sunday."
    )
    names = {m.text for m in extractor.extract(make_document(text)).mentions}
    assert "Singapore" in names and "Forty Singapore" not in names, names
