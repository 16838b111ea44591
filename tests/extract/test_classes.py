"""Classes a document's own words give the names the recogniser found, on invented sentences."""

from __future__ import annotations


def test_a_kind_noun_after_a_place_name_belongs_to_it(mention_types) -> None:
    text = "Officials met on Monday. The zone lies in Hangzhou's Xiaoshan district."
    mentions = mention_types(text)
    assert mentions.get("Xiaoshan district") == "District", mentions


def test_a_noun_of_no_place_kind_stays_outside_the_name(mention_types) -> None:
    text = "Officials met on Monday. The Wenzhou office opened in March."
    mentions = mention_types(text)
    assert "Wenzhou office" not in mentions and "Wenzhou" in mentions, mentions


def test_an_apposition_gives_the_class(mention_types) -> None:
    text = "Officials met on Monday. Orvana, a subsidiary of Keppel, opened an office in Wuxi."
    mentions = mention_types(text)
    assert mentions.get("Orvana") == "Company", mentions


def test_a_common_noun_before_a_name_gives_the_class(mention_types) -> None:
    text = "Officials met on Monday. Singapore-based platform Shopee has courted merchants."
    mentions = mention_types(text)
    assert mentions.get("Shopee") == "Company", mentions


def test_a_name_the_recogniser_missed_is_an_organisation_its_description_says(
    mention_types,
) -> None:
    text = ("On the Singapore side, the main actors are Harbour Asia, a government agency set "
            "up in 2018, and the banks. They also hired China Harbour Construction Company "
            "(CHCC).")  # fmt: skip
    kinds = mention_types(text)
    assert kinds.get("Harbour Asia") == "GovernmentBody", kinds
    assert kinds.get("China Harbour Construction Company") == "Company", kinds


def test_a_name_set_up_by_a_body_is_an_organisation(mention_types) -> None:
    types = mention_types(
        "Connectivity Asia, set up by Enterprise Singapore and the Economic Development "
        "Board in 2018, helps firms find projects."
    )
    assert types.get("Connectivity Asia") == "Organisation", types
