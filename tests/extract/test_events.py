"""Signings read from the sentence: who signed, and who only says whose or where."""

from __future__ import annotations

from coopgraph.namespaces import CG


def _parties(extractor, make_document, text: str) -> set[str]:
    facts = extractor.extract(make_document(text)).facts
    return {f.object for f in facts if f.predicate in (CG.hasParty, CG.signatory)}


def test_places_that_sign_are_parties(extractor, make_document) -> None:
    text = "Officials met on Monday. Singapore and Chongqing signed 12 agreements on Friday."
    assert {"singapore", "chongqing"} <= _parties(extractor, make_document, text)


def test_a_place_that_only_modifies_a_signer_is_no_party(extractor, make_document) -> None:
    text = ("Officials met on Monday. Singapore port operator Kestrel Ports signed a joint-venture "
            "agreement with Harbin Logistics Group.")  # fmt: skip
    parties = _parties(extractor, make_document, text)
    assert "kestrel-ports" in parties and "singapore" not in parties, parties
