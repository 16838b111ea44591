"""Founding years from anniversaries, on invented sentences."""

from __future__ import annotations

import pytest

from coopgraph.namespaces import CG


def _founded(extractor, make_document, text: str) -> set[tuple[str, str]]:
    facts = extractor.extract(make_document(text, published="2024-06-01")).facts
    return {(f.subject, f.object) for f in facts if f.predicate == CG.establishmentDate}


@pytest.mark.parametrize(
    "text,expected",
    [
        ("The Wuxi Tech Institute marks its 10th anniversary this year.",
         ("wuxi-tech-institute", "2014")),
        ("Officials met on Monday. Besides the Ostmark Industrial Park, which marks its 30th "
         "anniversary this year, the sides worked on other parks.",
         ("ostmark-industrial-park", "1994")),
        ("Guests celebrated the twelfth anniversary of the Harbin Trade Council in 2023.",
         ("harbin-trade-council", "2011")),
        ("The Lanzhou Data Channel marks five years of operation this month.",
         ("lanzhou-data-channel", "2019")),
        ("The Lanzhou Data Channel, which turns 10 this year, carries most of the traffic.",
         ("lanzhou-data-channel", "2014")),
        ("The Lanzhou Data Channel, launched five years ago, carries most of the traffic.",
         ("lanzhou-data-channel", "2019")),
    ],
)  # fmt: skip
def test_an_anniversary_gives_the_founding_year(extractor, make_document, text, expected) -> None:
    assert expected in _founded(extractor, make_document, text)


def test_an_anniversary_of_ties_founds_nothing(extractor, make_document) -> None:
    text = "Singapore and China marked the 35th anniversary of diplomatic ties in Beijing."
    assert not _founded(extractor, make_document, text)


@pytest.mark.parametrize(
    "text",
    [
        "Kestrel Bank marks five years as the city's clearing bank this month.",
        "Singapore and China mark 35 years of diplomatic ties this year.",
        "Kestrel Bank reached 2 million customers this year.",
    ],
)
def test_an_age_in_a_role_or_a_count_gives_no_founding_year(
    extractor, make_document, text: str
) -> None:
    assert _founded(extractor, make_document, text) == set()
