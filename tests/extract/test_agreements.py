"""Agreements described by their kind, parties and purpose, on invented sentences."""

from __future__ import annotations


def test_a_phrase_of_time_is_no_part_of_what_an_agreement_is_on(extractor, make_document) -> None:
    text = ("Kestrel Bank opened in 2019. The two banks signed a memorandum of understanding on "
            "green trade finance in September. Lindmoor Bank said so.")  # fmt: skip
    extraction = extractor.extract(make_document(text))
    names = [e.name for e in extraction.entities.values() if e.type.endswith("Understanding")]
    assert names and all("September" not in n for n in names), names
