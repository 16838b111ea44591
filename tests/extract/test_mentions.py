"""Mentions: registry names, acronyms, names by form, people, meetings and back-references."""

from __future__ import annotations

import pytest


def _mentions(extractor, make_document, text):
    return {(m.text, m.entity) for m in extractor.extract(make_document(text)).mentions}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Talks with the CSGKS went well.", ("CSGKS", "china-singapore-guangzhou-knowledge-city")),
        (
            "The Zhejiang Lakeside Research Institute (ZLRI) opened. ZLRI hired staff.",
            ("ZLRI", "zhejiang-lakeside-research-institute"),
        ),
        ("Prof Ling San spoke, and Prof Ling agreed.", ("Ling", "ling-san")),
        (
            "The 12th Meeting of the Singapore-Jiangsu Cooperation Council was held.",
            (
                "12th Meeting of the Singapore-Jiangsu Cooperation Council",
                "singapore-jiangsu-cooperation-council-12",
            ),
        ),
        (
            "SSIJRI grew fast. The Institute has 40 staff.",
            ("The Institute", "sino-singapore-international-joint-research-institute"),
        ),
        (
            "SSIJRI grew fast. It has 40 staff.",
            ("It", "sino-singapore-international-joint-research-institute"),
        ),
        (
            "It was co-chaired by Minister of State for Trade and Industry Alvin Tan.",
            ("Alvin Tan", "alvin-tan"),
        ),
        (
            "Minister for Sustainability and the Environment Grace Mei Fu attended.",
            ("Grace Mei Fu", "grace-mei-fu"),
        ),
        (
            "Delegates met the Ryōe Science, Technology and Innovation Bureau.",
            (
                "Ryōe Science, Technology and Innovation Bureau",
                "liangjiang-science-technology-and-innovation-bureau",
            ),
        ),
        (
            "Officials of the Ministry of Sustainability and the Environment met.",
            (
                "Ministry of Sustainability and the Environment",
                "ministry-of-sustainability-and-the-environment",
            ),
        ),
        (
            "Dean Wang Lin of Kestrel University's Faculty of Law spoke.",
            ("Faculty of Law", "faculty-of-law"),
        ),
        (
            "The China-Singapore Executive Leadership Seminar opened on Monday.",
            (
                "China-Singapore Executive Leadership Seminar",
                "china-singapore-executive-leadership-seminar",
            ),
        ),
    ],
)
def test_mention(extractor, make_document, text, expected):
    assert expected in _mentions(extractor, make_document, text)


def test_meeting_is_shared_across_wordings(extractor, make_document):
    one = extractor.extract(make_document("At the 16th JCBC meeting, leaders met."))
    two = extractor.extract(
        make_document("The 16th meeting of the Joint Council for Bilateral Cooperation ended.")
    )
    assert (
        {m.entity for m in one.mentions if m.type == "Meeting"}
        == {m.entity for m in two.mentions if m.type == "Meeting"}
        == {"joint-council-for-bilateral-cooperation-16"}
    )


def test_sentences_break_at_line_breaks(extractor, make_document):
    extraction = extractor.extract(make_document("A heading without a stop\nNTU grew."))
    ntu = next(m for m in extraction.mentions if m.entity == "nanyang-technological-university")
    assert ntu.sentence == 1


@pytest.mark.parametrize(
    ("text", "absent", "present"),
    [
        (  # a dateline says where the story was filed
            "GUANGZHOU, China, Nov. 7, 2022 /Xinhua=KYODO JBN/ --\n\nNCS opened an office in "
            "Singapore.",
            "guangzhou",
            "singapore",
        ),
        (
            "SINGAPORE, Mar. 3, 2023 (Harbour Wire) - The Kestrel Group met officials of China.",
            "singapore",
            "china",
        ),
        (  # not a dateline: a sentence in lower case follows the comma
            "SSIJRI, founded in 2017 - the institute grew.",
            "",
            "sino-singapore-international-joint-research-institute",
        ),
        (  # an honour is not an organisation
            "Researchers include a Fellow of the Ruritania Academy of Sciences and Fellows of "
            "Engineering Academy, Singapore. The Kestrel Academy opened.",
            "ruritania-academy-of-sciences",
            "kestrel-academy",
        ),
        (  # a place and a dash alone: "Forty" opens the sentence, no name
            "HARBIN - Forty Singapore companies met officials of China.",
            "harbin-forty",
            "china",
        ),
    ],
)
def test_datelines_and_honours_name_no_entity(extractor, make_document, text, absent, present):
    entities = {m.entity for m in extractor.extract(make_document(text)).mentions}
    assert present in entities
    assert absent not in entities
    assert "fellows-of-engineering-academy" not in entities


@pytest.mark.parametrize(
    ("text", "names"),
    [
        (
            "The Harbin University of Science and Technology and Fudan University signed an MOU.",
            {"Harbin University of Science and Technology", "Fudan University"},
        ),
        (
            "Delegates met at the Marina Expo and Convention Centre on Monday.",
            {"Marina Expo and Convention Centre"},
        ),
        (
            "It was signed by Enterprise Singapore and the Department of Commerce of Hubei "
            "Province.",
            {"Enterprise Singapore", "Department of Commerce of Hubei Province"},
        ),
    ],
)
def test_names_joined_by_and(extractor, make_document, text, names):
    """A head word with what it is of closes a name; a head word alone does not."""
    mentions = extractor.extract(make_document(text)).mentions
    assert names <= {m.text for m in mentions}, mentions
    department = [m for m in mentions if m.text.startswith("Department of Commerce")]
    assert all(m.type == "GovernmentBody" for m in department)


def test_a_possessor_is_no_part_of_the_name_after_it(extractor, make_document) -> None:
    text = "The centre is in Harbin's Songbei New Area. The People's Bank of China said so."
    names = {m.text for m in extractor.extract(make_document(text)).mentions}
    assert {"Songbei New Area", "People's Bank of China"} <= names, names
    assert "Harbin's Songbei New Area" not in names


def test_a_company_named_by_its_trade(mention_types) -> None:
    text = "Officials met on Monday. Harbin Xinghe Cold Chain Logistics signed a deal."
    names = mention_types(text)
    assert names.get("Harbin Xinghe Cold Chain Logistics") == "Company", names


def test_a_day_after_on_is_no_part_of_a_name(extractor, make_document) -> None:
    text = (
        "Kestrel Bank signed an MOU at a meeting of the Harbin Cooperation Council on 3 May 2021."
    )
    names = {m.text for m in extractor.extract(make_document(text)).mentions}
    assert "Harbin Cooperation Council" in names and not [n for n in names if " on 3" in n], names


def test_two_names_each_with_a_head_word_are_two(extractor, make_document) -> None:
    text = ("Officials met. Representatives of Kestrel Bank and Hexi Bank signed the accord. "
            "Delegates visited the Sands Expo and Convention Centre.")  # fmt: skip
    names = {m.text for m in extractor.extract(make_document(text)).mentions}
    assert {"Kestrel Bank", "Hexi Bank", "Sands Expo and Convention Centre"} <= names, names


def test_a_possessor_after_and_opens_a_name_of_its_own(extractor, make_document) -> None:
    text = ("Officials met. They signed an MOU between the Harbin Ministry of Trade and China's "
            "Ministry of Commerce on e-commerce.")  # fmt: skip
    names = {m.text for m in extractor.extract(make_document(text)).mentions}
    assert {"Harbin Ministry of Trade", "Ministry of Commerce"} <= names, names


def test_an_authority_or_agency_is_named_by_its_head_word(mention_types) -> None:
    text = ("Officials met. The Lindmoor Maritime and Port Authority signed a pact with Hexi "
            "Holdings and the Kestrel Tourism Board.")  # fmt: skip
    types = mention_types(text)
    assert types.get("Lindmoor Maritime and Port Authority") == "GovernmentBody", types
    assert types.get("Kestrel Tourism Board") == "GovernmentBody", types


def test_a_name_by_form_does_not_begin_inside_a_registered_name(extractor, make_document) -> None:
    text = "The forum was co-organised by the People's Bank of China Nanning Branch."
    names = {m.text for m in extractor.extract(make_document(text)).mentions}
    assert "People's Bank of China Nanning Branch" in names, names
