"""Definite descriptions and pronouns, on invented sentences."""

from __future__ import annotations


def test_a_head_word_the_tagger_misreads_still_refers_back(extractor, make_document) -> None:
    """ "fair" tagged as an adjective is still the subject "the fair"; "this week" is a time."""
    text = ("More than 40 companies took part in the Harbin Trade Fair in Harbin this week. "
            "The fair, held from Oct 16 to 19, was opened by Governor Wang Wen Tao.")  # fmt: skip
    mentions = extractor.extract(make_document(text)).mentions
    referring = {m.text: m.entity for m in mentions if m.source == "anaphor"}
    assert referring == {"The fair": "harbin-trade-fair"}, referring


def test_the_signing_is_the_agreement_signed_before(extractor, make_document) -> None:
    text = ("Officials met on Monday. Sembcorp Industries signed a memorandum of understanding "
            "with the Chengdu Environment Group. The signing was witnessed by Mayor Wang "
            "Fengchao.")  # fmt: skip
    extraction = extractor.extract(make_document(text))
    signing = next(m for m in extraction.mentions if m.text == "The signing")
    agreement = next(m for m in extraction.mentions if m.text == "memorandum of understanding")
    assert signing.entity == agreement.entity
