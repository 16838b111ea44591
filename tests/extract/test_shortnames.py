"""Organisations written by the first word of their name, on invented sentences."""

from __future__ import annotations

import pytest


def _mentions(extractor, make_document, text: str) -> list[tuple[str, str]]:  # type: ignore[no-untyped-def]
    return [(m.text, m.entity) for m in extractor.extract(make_document(text)).mentions]


def test_the_first_word_of_a_name_stands_for_it_after_the_name(extractor, make_document) -> None:
    text = ("Fudan University and Keppel Corporation opened a lab on Monday. Fudan president "
            "Jin Li said Keppel would fund it.")  # fmt: skip
    mentions = _mentions(extractor, make_document, text)
    assert ("Fudan", "fudan-university") in mentions, mentions
    assert ("Keppel", "keppel-corporation") in mentions, mentions


def test_a_place_a_common_word_or_another_name_is_not_the_organisation(
    extractor, make_document
) -> None:
    text = ("Xiamen University and the Renminbi Growth Fund met on Monday. Xiamen is a port "
            "city. Renminbi deposits grew, and trade in renminbi rose.")  # fmt: skip
    mentions = _mentions(extractor, make_document, text)
    assert not [m for m in mentions if m[0] == "Xiamen" and m[1] == "xiamen-university"]
    assert not [m for m in mentions if m[0] == "Renminbi"], mentions


@pytest.mark.parametrize(
    "text,short,entity",
    [
        ("The Sino-Singapore Wuxi Harbour Town opened on Monday. Officials of the Harbour Town "
         "said 40 firms had registered. Harbour Town hopes for more.",
         "Harbour Town", "sino-singapore-wuxi-harbour-town"),
        ("The Department of Commerce of Hubei Province signed the deal. The provincial "
         "Department of Commerce will host the fair.",
         "Department of Commerce", "department-of-commerce-of-hubei-province"),
        ("The Kestrel Academy of Marine Sciences opened a station in Xiamen. Researchers of the "
         "Kestrel Academy will staff it.",
         "Kestrel Academy", "kestrel-academy-of-marine-sciences"),
    ],
)  # fmt: skip
def test_the_last_words_of_a_name_or_its_part_before_a_further_of_stand_for_it(
    extractor, make_document, text, short, entity
) -> None:
    meant = {e for name, e in _mentions(extractor, make_document, text) if name == short}
    assert meant == {entity}, meant


def test_last_words_two_names_end_are_left_alone(extractor, make_document) -> None:
    text = ("The Qingdao Marine Science Park and the Xiamen Marine Science Park signed an "
            "agreement. Marine Science Park staff will visit Singapore.")  # fmt: skip
    mentions = _mentions(extractor, make_document, text)
    tails = [entity for name, entity in mentions if name == "Marine Science Park"]
    assert "qingdao-marine-science-park" not in tails and "xiamen-marine-science-park" not in tails


def test_the_owner_ending_a_units_name_is_not_the_unit(extractor, make_document) -> None:
    text = ("The Centre for Urban Studies of Lindmoor University joined. The School of "
            "Architecture at Lindmoor University hosted it.")  # fmt: skip
    mentions = extractor.extract(make_document(text)).mentions
    owner = {m.entity for m in mentions if m.text == "Lindmoor University"}
    assert owner == {"lindmoor-university"}, owner


def test_a_company_s_first_word_as_an_owner_is_the_company(extractor, make_document) -> None:
    text = ("Zhejiang is home to Alibaba Group. Alibaba's South-east Asian arm Lazada has 100 "
            "staff in Hangzhou.")  # fmt: skip
    extraction = extractor.extract(make_document(text))
    owner = next(m for m in extraction.mentions if m.text == "Alibaba")
    assert owner.entity == next(m.entity for m in extraction.mentions if m.text == "Alibaba Group")
    assert not any(e.type == "Place" and e.name == "Alibaba" for e in extraction.entities.values())
