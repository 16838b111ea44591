"""Acronyms defined after a name or spelling its initials, on invented sentences."""

from __future__ import annotations


def test_the_abbreviation_of_an_agreement_noun_names_no_agreement(extractor, make_document) -> None:
    text = (
        "Keppel Corporation and the Harbin Municipal Government signed a memorandum of "
        "understanding (MOU) on cold chains. Tianjin and Fudan University signed an MOU."
    )
    extraction = extractor.extract(make_document(text))
    first = next(m.entity for m in extraction.mentions if m.text == "memorandum of understanding")
    assert "MOU" not in extraction.entities[first].aliases
    assert [m.entity for m in extraction.mentions if m.text == "MOU"] != [first]


def test_an_acronym_defined_after_a_name_is_that_name(extractor, make_document) -> None:
    text = "The Harbin Lakeside Research Institute (HLRI) opened. HLRI hired 40 staff."
    mentions = extractor.extract(make_document(text)).mentions
    entities = {
        m.entity for m in mentions if m.text in ("HLRI", "Harbin Lakeside Research Institute")
    }
    assert len(entities) == 1 and len([m for m in mentions if m.text == "HLRI"]) == 2


def test_an_acronym_the_document_defines_overrides_a_registry_alias(
    extractor, make_document
) -> None:
    registered = extractor.registry.lookup("SIP")
    assert registered is not None  # the registry gives "SIP" to a park in Singapore
    text = "The Suzhou Industrial Park (SIP) opened in 1994. SIP now hosts 5,000 firms."
    mentions = extractor.extract(make_document(text)).mentions
    uses = {m.entity for m in mentions if m.text == "SIP"}
    named = {m.entity for m in mentions if m.text == "Suzhou Industrial Park"}
    assert uses == named and registered.id not in uses
