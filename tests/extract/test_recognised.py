"""Names the recogniser adds: typed by head noun, garbled fragments refused, short person
names linked to the full name, places inside longer names, agreements named by parties."""

from __future__ import annotations

import pytest

from coopgraph.extract.recognised import class_of, is_clean_name
from coopgraph.namespaces import CG

TYPES = {"labels": {"ORG": "Organisation", "PERSON": "Person"},
         "heads": {"Ministry": "GovernmentBody", "Group": "Company", "Zone": "Park"}}  # fmt: skip


@pytest.mark.parametrize(
    "name,label,expected",
    [
        ("Ministry of Commerce", "ORG", "GovernmentBody"),
        ("Sioux Harbour Group", "ORG", "Company"),
        ("Harbin Free Trade Zone", "GPE", "Park"),
        ("Acme Partners", "ORG", "Organisation"),
        ("Group Smith", "PERSON", "Person"),
    ],
)
def test_class_by_head_noun_then_label(name, label, expected) -> None:
    assert class_of(name, label, TYPES) == expected


@pytest.mark.parametrize(
    "name", ["Xinhuanet)-China Construction Bank Corporation", "Bank (China", "<b>Bank</b>"]
)
def test_garbled_fragments_are_no_names(name) -> None:
    assert not is_clean_name(name)


def test_a_clean_name_is_a_name() -> None:
    assert is_clean_name("China Construction Bank Corporation")


def test_short_person_name_is_the_full_one(extractor, make_document) -> None:
    text = ("Trade minister Alan Teo Kim Boon met Governor Zhang Wei in Harbin. "
            "Mr Teo said the talks went well.")  # fmt: skip
    extraction = extractor.extract(make_document(text))
    teo = {m.entity for m in extraction.mentions if m.text in ("Alan Teo Kim Boon", "Teo")}
    assert len(teo) == 1


@pytest.mark.parametrize(
    "text,name",
    [
        ("China Eastern Airlines added two flights a week.", "China Eastern Airlines"),
        ("Singapore Airlines added two flights a week.", "Singapore Airlines"),
        ("The Wuxi Torch Hi-tech Industrial Development Zone hosts 300 firms.",
         "Wuxi Torch Hi-tech Industrial Development Zone"),
    ],
)  # fmt: skip
def test_a_name_the_recogniser_cuts_is_one_name(extractor, make_document, text, name) -> None:
    extraction = extractor.extract(make_document(text))
    assert name in {m.text for m in extraction.mentions}


def test_a_place_before_a_title_stays_a_place(extractor, make_document) -> None:
    extraction = extractor.extract(
        make_document("Harbin Mayor Zhang Wei met Singapore Minister Tan.")
    )
    assert {"Harbin", "Singapore"} <= {m.text for m in extraction.mentions}


def test_a_person_named_by_any_word_of_the_full_name(extractor, make_document) -> None:
    text = "Rajan Kumar Pillai spoke first. Mr Kumar said trade would grow."
    extraction = extractor.extract(make_document(text))
    by_text = {m.text: m.entity for m in extraction.mentions}
    assert by_text["Kumar"] == by_text["Rajan Kumar Pillai"]


def test_a_place_before_a_two_word_title_is_a_place(extractor, make_document) -> None:
    extraction = extractor.extract(make_document("Lindmoor Party Secretary Zhang Wei spoke."))
    texts = {m.text for m in extraction.mentions}
    assert "Lindmoor" in texts and "Lindmoor Party" not in texts


def test_a_one_word_portfolio_is_no_person(extractor, make_document) -> None:
    text = "Ms Ang Li Hua spoke. She had previously been Minister for Manpower."
    extraction = extractor.extract(make_document(text))
    assert "Manpower" not in {m.text for m in extraction.mentions if m.type == "Person"}


def test_a_portfolio_before_a_name_is_no_part_of_it(extractor, make_document) -> None:
    text = "Minister for Manpower Koh Poh Koon visited the port."
    extraction = extractor.extract(make_document(text))
    people = {m.text for m in extraction.mentions if m.type == "Person"}
    assert "Koh Poh Koon" in people, people


@pytest.mark.parametrize(
    "text,name,class_",
    [
        ("Skylark, the low-cost subsidiary of Kestrel Airlines, added flights.", "Skylark",
         "Company"),
        ("The delegation went to the mountain town of Han Ling on Monday.", "Han Ling", "Place"),
    ],
)  # fmt: skip
def test_a_description_gives_a_name_its_class(extractor, make_document, text, name, class_):
    extraction = extractor.extract(make_document(text))
    assert class_ in {m.type for m in extraction.mentions if m.text == name}


def test_an_event_first_named_with_the_is_an_event(extractor, make_document) -> None:
    text = ("A logistics hub opened in Harbin on Monday. Trade Minister Alan Goh spoke at the "
            "opening ceremony.")  # fmt: skip
    extraction = extractor.extract(make_document(text))
    attended = {(f.subject, f.object) for f in extraction.facts if f.predicate == CG.attendee}
    assert attended == {("opening-ceremony", "alan-goh")}


def test_the_event_named_before_is_not_a_new_one(extractor, make_document) -> None:
    text = ("A trade forum opened in Harbin on Monday. Trade Minister Alan Goh spoke at the "
            "forum.")  # fmt: skip
    extraction = extractor.extract(make_document(text))
    assert not [e for e in extraction.entities if e == "forum"]


def test_a_name_joined_by_of_is_one_name(extractor, make_document) -> None:
    text = ("Officials met on Monday. The plan was issued by the Central Committee of the "
            "Communist Party of Vietnam in 2020.")  # fmt: skip
    names = [m.text for m in extractor.extract(make_document(text)).mentions]
    assert "Central Committee of the Communist Party of Vietnam" in names


def test_a_sentence_opening_adverb_is_no_part_of_a_name(extractor, make_document) -> None:
    text = "Officials met on Monday.\n\nToday Wuhan Meilin Cold Chain Logistics runs 14 depots."
    names = {m.text for m in extractor.extract(make_document(text)).mentions}
    assert "Wuhan Meilin Cold Chain Logistics" in names, names


def test_a_recognised_name_does_not_end_on_a_common_noun(extractor, make_document) -> None:
    text = "Singapore firms showcase green tech at Chengdu expo\n\nOfficials met on Monday."
    mentions = extractor.extract(make_document(text)).mentions
    assert "Chengdu expo" not in {m.text for m in mentions}, mentions


def test_a_title_and_its_portfolio_is_no_organisation(mention_types) -> None:
    text = ("Singapore's Minister for Trade and Industry Lee Wen Hao and Hubei Governor Zhang "
            "Min delivered speeches.")  # fmt: skip
    types = mention_types(text)
    assert not any(t.startswith("Minister") for t in types), types


@pytest.mark.parametrize("heading", ["Fintech next", "Ports and planes"])
def test_a_common_word_opening_a_heading_is_no_name(extractor, make_document, heading) -> None:
    text = ("Officials discussed fintech, aviation and ports on Monday.\n\n" + heading
            + "\n\nKeppel said volumes rose.")  # fmt: skip
    names = {m.text for m in extractor.extract(make_document(text)).mentions}
    assert heading.split()[0] not in names, names


def test_one_word_no_person_is_named_by_is_no_person(mention_types) -> None:
    text = ("Officials met on Monday. A 2024 MOU between Keppel and the Harbin government was "
            "renewed.")  # fmt: skip
    types = mention_types(text)
    assert "Keppel" not in types, types  # nothing says what it is: no entity


@pytest.mark.parametrize(
    "text,name",
    [
        ("Officials met on Monday. Keppel signed a deal with the Harbin government.", "Keppel"),
        ("Officials met on Monday. The e-commerce platform Shopee grew fast.", "Shopee"),
    ],
)
def test_one_word_acting_or_described_is_an_organisation(mention_types, text, name):
    types = mention_types(text)
    assert types.get(name) in ("Organisation", "Company"), types


def test_a_title_followed_by_its_place_leaves_no_place_before_it(mention_types) -> None:
    for text in (
        "Mr Gao, a former Communist Party secretary of Lindmoor, spoke.",
        "Lindmoor's Communist Party secretary Gao Wei met them.",
    ):
        types = mention_types(text)
        assert "Communist" not in types, types


def test_one_word_after_an_honorific_is_a_person(mention_types) -> None:
    types = mention_types("Mr Gao spoke.")
    assert types.get("Gao") == "Person", types


def test_a_full_stop_after_a_name_is_no_part_of_it(extractor, make_document) -> None:
    text = "The deal was witnessed by Mayor Hu Jun. Trade rose."
    names = {m.text for m in extractor.extract(make_document(text)).mentions}
    assert "Hu Jun" in names, names


def test_a_branch_is_named_with_its_head_word(extractor, make_document) -> None:
    text = "Kestrel Bank Singapore Branch began clearing operations in May 2013."
    names = {m.text for m in extractor.extract(make_document(text)).mentions}
    assert "Kestrel Bank Singapore Branch" in names, names


def test_a_lone_family_name_as_subject_is_the_person_named_before(extractor, make_document):
    text = ("The zone's committee is led by Han Dong. Before taking up the post in 2021, Han "
            "was deputy mayor of Jilin City. Han Chinese make up most of its staff.")  # fmt: skip
    extraction = extractor.extract(make_document(text))
    lone = [(m.text, m.entity) for m in extraction.mentions if m.text == "Han"]
    assert lone == [("Han", "han-dong")], lone
    held = {f.object for f in extraction.facts if f.subject == "han-dong"}
    assert "han-dong-deputy-mayor-jilin-city" in held, held


@pytest.mark.parametrize(
    "name",
    ["Harbin Innovation Roadshow", "Lindmoor Youth Hackathon", "Orchid Cultural Gala",
     "Kestrel Robotics Cup", "Lindmoor Science Olympiad"],
)  # fmt: skip
def test_an_event_named_by_its_head_word(mention_types, name) -> None:
    text = f"Officials met on Monday. The {name} drew 300 people."
    mentions = mention_types(text)
    assert mentions.get(name) == "Event", mentions


def test_a_longer_head_makes_a_city_a_park(mention_types) -> None:
    text = "Delegates visited the Harbin Knowledge City on Monday. Harbin City hosted them."
    types = mention_types(text)
    assert types.get("Harbin Knowledge City") == "Park", types
    assert types.get("Harbin City") == "Municipality", types


def test_a_name_the_recogniser_cuts_at_for_is_one_name(extractor, make_document) -> None:
    text = "Officials met on Monday. They launched the Kestrel Joint Centre for Coastal Resilience."
    names = {m.text for m in extractor.extract(make_document(text)).mentions}
    assert "Kestrel Joint Centre for Coastal Resilience" in names, names
    assert "Coastal Resilience" not in names, names


def test_an_amount_is_no_name_and_a_year_after_a_name_is_no_head(mention_types) -> None:
    text = ("Officials met on Monday. The Harbin Youth Innovation Challenge 2025 will take place "
            "in Suzhou. The winning team will receive S$20,000 from Kestrel Bank.")  # fmt: skip
    types = mention_types(text)
    assert types.get("Harbin Youth Innovation Challenge 2025") == "Event", types
    assert not any("20,000" in name for name in types), types


def test_a_unit_at_its_owner_is_two_names(mention_types) -> None:
    text = "Professor Lin Hao, dean of the School of Design at Lindmoor University, spoke."
    types = mention_types(text)
    assert "School of Design" in types and types.get("Lindmoor University") == "University", types
    assert "School of Design at Lindmoor University" not in types, types


def test_a_family_name_after_a_title_is_a_person(mention_types) -> None:
    text = "Officials met. Premier Li attended the forum in Beijing. Minister Tan visited Harbin."
    types = mention_types(text)
    assert types.get("Li") == "Person" and types.get("Tan") == "Person", types


def test_a_name_recognised_once_is_that_name_wherever_written(extractor, make_document) -> None:
    """The recogniser may take "Infrastructure Asia" for a name in one sentence and read only
    "Asia" in another; written whole, it is the name in both."""
    text = ("Infrastructure Asia, set up by Enterprise Singapore and the Monetary Authority of "
            "Singapore in 2018, helps firms finance projects in the region. Officials said "
            "Infrastructure Asia had helped 40 firms.")  # fmt: skip
    extraction = extractor.extract(make_document(text))
    spans = [m.start for m in extraction.mentions if m.entity == "infrastructure-asia"]
    assert spans[:1] == [text.index("Infrastructure Asia")], spans
    founded = {f.object for f in extraction.facts
               if f.subject == "infrastructure-asia" and f.predicate == CG.founder}  # fmt: skip
    assert {"enterprise-singapore", "monetary-authority-of-singapore"} <= founded, founded
    launched = {(f.subject, f.object) for f in extraction.facts if f.predicate == CG.launched}
    assert ("infrastructure-asia", "enterprise-singapore") not in launched, launched


def test_a_name_by_form_the_recogniser_cuts_between_two_words_stays_whole(mention_types) -> None:
    found = mention_types("Temasek Polytechnic and Wuhan Polytechnic signed a letter of intent.")
    assert found.get("Temasek Polytechnic") == "University", found
    assert "Temasek" not in found, found


def test_a_peoples_name_before_a_title_is_no_place(mention_types, post_places) -> None:
    text = "Foreign Minister Tan Wei Ling met Chinese State Councillor Zhao Lin in Beijing."
    assert "Chinese" not in mention_types(text)
    assert post_places(text, "zhao-lin") == {"china"}


@pytest.mark.parametrize(
    "text,name,class_",
    [
        (
            "A concert by the Singapore Youth Orchestra opened it.",
            "Singapore Youth Orchestra",
            "Organisation",
        ),
        (
            "The Lion and Dragon Arts Season opened on Thursday.",
            "Lion and Dragon Arts Season",
            "Event",
        ),
    ],
)
def test_ensembles_and_seasons_named_by_their_head_word(mention_types, text, name, class_):
    assert mention_types(text).get(name) == class_


@pytest.mark.parametrize(
    "text,name,class_",
    [
        (
            "Another pact, between Kestrel Port and the Wuhan Port Group, was signed.",
            "Kestrel Port",
            "Park",
        ),
        (
            "The Port of Kestrel Authority and Qinzhou Port signed.",
            "Port of Kestrel Authority",
            "GovernmentBody",
        ),
        (
            "The Department of Commerce of Kestrel Province signed.",
            "Department of Commerce of Kestrel Province",
            "GovernmentBody",
        ),
    ],
)
def test_a_port_is_named_by_form_and_a_name_is_of_its_last_head(mention_types, text, name,
                                                                class_) -> None:  # fmt: skip
    assert mention_types(text).get(name) == class_


def test_a_count_read_into_a_name_is_no_name(extractor, make_document) -> None:
    text = "Forty Ruritanian companies are taking part in the expo."
    names = {m.text for m in extractor.extract(make_document(text)).mentions}
    assert not [n for n in names if n.startswith("Forty")], names
