"""Definite descriptions and pronouns, on invented sentences."""

from __future__ import annotations

import pytest

from coopgraph.namespaces import CG


def _referring(mentions) -> dict[str, str]:  # type: ignore[no-untyped-def]
    """The text of each mention that refers back, to the entity it refers to."""
    return {m.text: m.entity for m in mentions if m.source == "anaphor"}


def test_a_head_word_the_tagger_misreads_still_refers_back(extractor, make_document) -> None:
    """ "fair" tagged as an adjective is still the subject "the fair"; "this week" is a time."""
    text = ("More than 40 companies took part in the Harbin Trade Fair in Harbin this week. "
            "The fair, held from Oct 16 to 19, was opened by Governor Wang Wen Tao.")  # fmt: skip
    mentions = extractor.extract(make_document(text)).mentions
    referring = _referring(mentions)
    assert referring == {"The fair": "harbin-trade-fair"}, referring


def test_the_signing_is_the_agreement_signed_before(extractor, make_document) -> None:
    text = ("Officials met on Monday. Sembcorp Industries signed a memorandum of understanding "
            "with the Chengdu Environment Group. The signing was witnessed by Mayor Wang "
            "Fengchao.")  # fmt: skip
    extraction = extractor.extract(make_document(text))
    signing = next(m for m in extraction.mentions if m.text == "The signing")
    agreement = next(m for m in extraction.mentions if m.text == "memorandum of understanding")
    assert signing.entity == agreement.entity


def test_an_adjective_between_the_and_the_noun_still_refers_back(extractor, make_document) -> None:
    text = (
        "The Port of Lindmoor and the Kestrel Maritime Authority signed a cooperation "
        "agreement on Monday. The renewed agreement was signed by Liu Bin."
    )
    mentions = extractor.extract(make_document(text)).mentions
    by_text = {m.text: m.entity for m in mentions}
    assert by_text["The renewed agreement"] == by_text["cooperation agreement"], by_text


def test_a_word_pointing_to_another_one_does_not_refer_back(extractor, make_document) -> None:
    text = ("The Kestrel Council met in May. The next council meeting is in Lindmoor. "
            "The previous council had met in 2020.")  # fmt: skip
    mentions = extractor.extract(make_document(text)).mentions
    assert not any(m.text.startswith("The previous") for m in mentions), mentions


def test_the_city_is_no_park_named_city(extractor, make_document) -> None:
    text = (
        "Guangzhou hosted the talks. The flagship project is the China-Singapore Kestrel "
        "Knowledge City in the city's Huangpu district."
    )
    mentions = extractor.extract(make_document(text)).mentions
    by_text = {m.text: (m.entity, m.type) for m in mentions}
    assert by_text["China-Singapore Kestrel Knowledge City"][1] == "Park", by_text
    assert by_text["the city"][0] == "guangzhou", by_text


def test_the_agreements_are_the_set_named_before(extractor, make_document) -> None:
    text = ("Singapore and Hubei signed 12 agreements on Friday. Jurong Port signed a deal with "
            "Wuhan Port. The agreements cover logistics, and Friday's agreements were the "
            "council's largest batch.")  # fmt: skip
    mentions = extractor.extract(make_document(text)).mentions
    sets = _referring(mentions)
    twelve = next(m.entity for m in mentions if m.text.startswith("12 agreements"))
    assert sets.get("The agreements") == twelve, sets
    assert sets.get("Friday's agreements") == twelve, sets


def test_its_before_its_clause_s_subject_is_that_subject(extractor, make_document) -> None:
    text = ("Orchid Capital has offices in Beijing. Since its establishment in 2014, the Kestrel "
            "Institute has trained 500 engineers.")  # fmt: skip
    extraction = extractor.extract(make_document(text))
    its = next(m for m in extraction.mentions if m.text == "its")
    assert its.entity == "kestrel-institute"
    dated = {(f.subject, f.object) for f in extraction.facts
             if f.predicate == CG.establishmentDate}  # fmt: skip
    assert dated == {("kestrel-institute", "2014")}, dated


def test_the_noun_of_a_name_with_a_legal_form_refers_to_it(extractor, make_document) -> None:
    text = ("The Lindmoor Exchange signed a pact in May. Orchid Exchange Limited listed its "
            "first fund on Monday. Under its chief, the exchange has grown.")  # fmt: skip
    mentions = extractor.extract(make_document(text)).mentions
    the = next(m for m in mentions if m.text == "the exchange")
    assert the.entity == "orchid-exchange-limited", the


def test_a_body_s_noun_refers_to_the_one_named_before(extractor, make_document) -> None:
    text = ("The Singapore Business Federation (SBF) will set up a business centre in Haikou. "
            "The SBF's Haikou centre is expected to open in 2026.")  # fmt: skip
    extraction = extractor.extract(make_document(text))
    centre = next(m for m in extraction.mentions if m.text == "business centre")
    later = next(m for m in extraction.mentions if m.text == "Haikou centre")
    assert later.entity == centre.entity
    dated = {(f.subject, f.object) for f in extraction.facts
             if f.predicate == CG.establishmentDate}  # fmt: skip
    assert (centre.entity, "2026") in dated, dated


def test_a_class_noun_refers_to_the_last_of_its_class(extractor, make_document) -> None:
    text = ("Officials met on Monday. Orchid Logistics opened a depot in Singapore in 2022. The "
            "firm was founded in 1998 by Zhou Lin.")  # fmt: skip
    extraction = extractor.extract(make_document(text))
    referring = _referring(extraction.mentions)
    assert referring == {"The firm": "orchid-logistics"}, referring
    assert any(f.predicate == CG.founder and f.subject == "orchid-logistics"
               for f in extraction.facts)  # fmt: skip


def test_a_noun_written_as_a_name_s_refers_to_a_name(extractor, make_document) -> None:
    text = ("The Kestrel Centre for Asian Studies published the report. A joint training centre "
            "has been proposed; it would train 300 people a year. Lee Wen is a fellow at the "
            "Centre.")  # fmt: skip
    mentions = extractor.extract(make_document(text)).mentions
    referring = _referring(mentions)
    assert referring.get("the Centre") == "kestrel-centre-for-asian-studies", referring


def test_a_noun_refers_to_the_subject_named_near_before_one_named_in_passing(
    extractor, make_document
) -> None:
    """Of two named with the noun within two sentences, the clause subject is the one the
    passage speaks of."""
    text = ("Orchid Group opened a depot in Wuxi in May. The depot was built with Tianfu "
            "Holdings Group, which holds a stake in it. "
            "The group was founded in 1998.")  # fmt: skip
    referring = _referring(extractor.extract(make_document(text)).mentions)
    assert referring.get("The group") == "orchid-group", referring


def test_a_noun_refers_to_a_thing_just_introduced_as_an_object_before_an_earlier_subject(
    extractor, make_document
) -> None:
    """An object a verb introduces is no passing mention: "the deal" after "B inked a deal"
    is B's deal, though the sentence before spoke of another agreement."""
    text = ("The Orchid Accord was signed in Wuxi. It covers cold-chain logistics. "
            "Separately, Tianfu Holdings concluded a supply agreement with Lanfang Foods. "
            "The deal was witnessed by the mayor.")  # fmt: skip
    referring = _referring(extractor.extract(make_document(text)).mentions)
    assert referring.get("The deal", "").startswith("supply-agreement"), referring


def test_a_possessed_noun_refers_back_only_to_a_thing_named_with_that_noun(
    extractor, make_document
) -> None:
    """ "Marlow Land's office tower" is a new thing, not the campus just named: an owner's
    noun refers back by its own word ("the SBF's Haikou centre"), never by its class alone."""
    text = ("Two universities will open a joint campus in Wuxi. "
            "Marlow Land's office tower in Hangzhou was sold in March.")  # fmt: skip
    referring = _referring(extractor.extract(make_document(text)).mentions)
    assert "office tower" not in referring, referring


def test_what_a_thing_cost_between_the_and_the_noun_still_refers_back(
    extractor, make_document
) -> None:
    text = ("Harbour Line opened the Lindmoor Logistics Park in May. The S$310 million park was "
            "developed by Kestrel Properties.")  # fmt: skip
    referring = _referring(extractor.extract(make_document(text)).mentions)
    assert referring.get("The S$310 million park") == "lindmoor-logistics-park", referring


def test_an_owner_s_unit_is_not_the_owner(extractor, make_document) -> None:
    text = ("Officials met. Enterprise Singapore's Shanghai centre organised the mission. The SBF "
            "opened a Singapore centre in Haikou. "
            "The SBF's Haikou centre has 20 staff.")  # fmt: skip
    referring = _referring(extractor.extract(make_document(text)).mentions)
    assert "Shanghai centre" not in referring, referring
    assert referring.get("Haikou centre", "").startswith("singapore-centre"), referring


@pytest.mark.parametrize(
    "text,meant",
    [
        (
            "The Harbin Trade Fair opened on Monday. Students joined the Harbin Summer Camp. Lion "
            "Dairy took part in the expo for the third time.",
            "harbin-trade-fair",
        ),
        (
            "Students joined the Harbin Summer Camp. Lion Dairy took part in the expo again.",
            None,
        ),
    ],
)
def test_the_noun_of_an_event_refers_to_one_of_its_kind(extractor, make_document, text, meant):
    mentions = extractor.extract(make_document(text)).mentions
    assert next((m.entity for m in mentions if m.text == "the expo"), None) == meant


def test_the_documents_exchanged_are_the_agreements_signed(extractor, make_document) -> None:
    text = ("Minister Tan Wei Ling and Governor Zhao Lin co-chaired the meeting. Five agreements "
            "were signed. Ms Tan and Mr Zhao witnessed the exchange of the documents.")  # fmt: skip
    facts = extractor.extract(make_document(text)).facts
    witnesses = {f.object for f in facts if f.predicate == CG.witness}
    assert witnesses == {"tan-wei-ling", "zhao-lin"}, facts


@pytest.mark.parametrize(
    "text",
    [
        "Singapore property group Meridian Realty opened an office in Wuhan. It hired Kestrel "
        "Holdings as its agent. The group was founded in 2001.",
        "Meridian Realty, a Singapore property group, opened an office in Wuhan. It hired Kestrel "
        "Holdings as its agent. The group was founded in 2001.",
    ],
)
def test_the_noun_a_name_was_introduced_with_refers_to_it(extractor, make_document, text):
    """ "the group" after "property group Meridian Realty" is that group, not the last company."""
    referring = _referring(extractor.extract(make_document(text)).mentions)
    assert referring.get("The group") == "meridian-realty", referring


def test_a_measure_between_the_and_the_noun_still_refers_back(extractor, make_document) -> None:
    """ "The 280,000 sq m park" is the park named before."""
    text = ("Orchid Land will open the Kestrel Science Park next year. The 280,000 sq m park in "
            "Chengdu will house labs.")  # fmt: skip
    referring = _referring(extractor.extract(make_document(text)).mentions)
    assert referring.get("The 280,000 sq m park") == "kestrel-science-park", referring


def test_an_undertaking_named_by_a_name_s_head_word_is_that_name(extractor, make_document):
    """ "the zone project" is the Kestrel Food Zone, not a new project."""
    text = "The Kestrel Food Zone opened in 2010. The zone project was launched in 2009."
    referring = _referring(extractor.extract(make_document(text)).mentions)
    assert referring.get("The zone project") == "kestrel-food-zone", referring


def test_where_a_thing_is_based_between_the_and_the_noun_still_refers_back(
    extractor, make_document
) -> None:
    """ "the Hangzhou-based group" is Kestrel Group, based in Hangzhou."""
    text = ("Zhejiang is home to Kestrel Group. Lazada, a unit that the Hangzhou-based group "
            "bought in 2016, has its headquarters in Singapore.")  # fmt: skip
    extraction = extractor.extract(make_document(text))
    assert _referring(extraction.mentions).get("group") == "kestrel-group"
    placed = {(f.subject, f.object) for f in extraction.facts if f.predicate == CG.locatedIn}
    assert ("kestrel-group", "hangzhou") in placed, placed


@pytest.mark.parametrize(
    ("text", "noun"),
    [
        ("The festival includes a youth forum in Lanzhou in July. About 200 students will take "
         "part in the youth forum, organised by the Kestrel Youth Council.", "youth forum"),
        ("The week opened at a ceremony at the Harbin Grand Theatre. At the ceremony, the Kestrel "
         "Arts Council and the Harbin Culture Bureau signed an MOU.", "ceremony"),
    ],
)  # fmt: skip
def test_the_thing_described_before_is_meant_by_its_words_with_the(
    extractor, make_document, text: str, noun: str
) -> None:
    mentions = extractor.extract(make_document(text)).mentions
    meant = {m.entity for m in mentions if m.text in (noun, f"the {noun}")}
    assert len(meant) == 1 and len([m for m in mentions if m.entity in meant]) == 2


def test_the_investor_is_the_investment_company_named_before(post_places) -> None:
    text = ("Kestrel Holdings reported its results on Monday. The investor's chief executive, "
            "Tan Wei Ming, said the outlook was positive.")  # fmt: skip
    assert "kestrel-holdings" in post_places(text, "tan-wei-ming")


def test_a_definite_noun_written_with_what_says_which_is_an_alias_of_a_described_thing(
    extractor, make_document
) -> None:
    """ "the agreement with Kestrel Port" is a form of the agreement it refers to."""
    text = ("Orchid Bank and Kestrel Port signed an agreement to build a depot. "
            "The agreement with Kestrel Port runs for five years.")  # fmt: skip
    extraction = extractor.extract(make_document(text))
    aliases = {a for e in extraction.entities.values() if e.type.endswith("Agreement")
               for a in e.aliases}  # fmt: skip
    assert "agreement with Kestrel Port" in aliases, aliases


def test_a_possessive_in_what_a_subject_is_said_to_be_is_not_that_subject(
    extractor, make_document
) -> None:
    """ "Singapore is one of its largest investors": "its" is the city named before."""
    text = "Harbin has grown quickly. Japan is one of its largest sources of foreign investment."
    referring = _referring(extractor.extract(make_document(text)).mentions)
    assert referring.get("its") == "harbin", referring
