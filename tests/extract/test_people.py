"""People named by the words around them, on invented sentences."""

from __future__ import annotations

import pytest


def test_unregistered_person_after_honorific_needs_review(extractor, make_document):
    extraction = extractor.extract(make_document("Dr Alan Turing Smith opened the lab."))
    assert extraction.entities["alan-turing-smith"].type == "Person"
    assert extraction.entities["alan-turing-smith"].review


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("It was co-chaired by Minister of State for Trade and Industry Alvin Tan.", "Alvin Tan"),
        ("Wang Qin, Director of the Harbin Trade Bureau, spoke.", "Wang Qin"),
        ("Media contact:\nTan Mei Ling\nHarbin Trade Bureau", "Tan Mei Ling"),
    ],
)
def test_a_person_named_by_the_words_around_the_name(
    extractor, make_document, text: str, name: str
) -> None:
    mentions = extractor.extract(make_document(text)).mentions
    assert [m.type for m in mentions if m.text == name] == ["Person"], mentions


def test_a_name_before_a_title_after_said(mention_types) -> None:
    found = mention_types(
        "Trade grew. Said Zhang Lei, chief executive of Kestrel Bank: it is good."
    )
    assert found.get("Zhang Lei") == "Person" and "Said Zhang Lei" not in found, found
