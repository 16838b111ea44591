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


def test_a_place_inside_a_longer_name_is_the_name(extractor, make_document) -> None:
    extraction = extractor.extract(make_document("Enterprise Singapore opened an office."))
    texts = {m.text: m.type for m in extraction.mentions}
    assert "Enterprise Singapore" in texts and texts["Enterprise Singapore"] != "Country"


def test_a_longer_name_listed_as_no_name_stays_the_place(extractor, make_document) -> None:
    extraction = extractor.extract(make_document("Sales in Greater China rose by a third."))
    assert not [m for m in extraction.mentions if m.type == "Organisation"], extraction.mentions


def test_a_listed_agreement_is_introduced(extractor, make_document) -> None:
    """ "Another was a pact" lists one more agreement; "X is a pact" says what X is."""
    text = (
        "Officials met on Monday. Among the deals was an MOU on ports. Another was a "
        "framework agreement on logistics. The Harbin Accord is a framework agreement."
    )
    mentions = extractor.extract(make_document(text)).mentions
    described = sorted(m.text for m in mentions if m.source == "described")
    assert described == ["MOU", "framework agreement"], mentions


def test_the_abbreviation_of_an_agreement_noun_names_no_agreement(extractor, make_document) -> None:
    text = (
        "Keppel Corporation and the Harbin Municipal Government signed a memorandum of "
        "understanding (MOU) on cold chains. Tianjin and Fudan University signed an MOU."
    )
    extraction = extractor.extract(make_document(text))
    first = next(m.entity for m in extraction.mentions if m.text == "memorandum of understanding")
    assert "MOU" not in extraction.entities[first].aliases
    assert [m.entity for m in extraction.mentions if m.text == "MOU"] != [first]


def test_an_agreement_is_named_by_its_parties(extractor, make_document) -> None:
    text = "An MOU between Keppel Corporation and the Harbin Municipal Government was signed."
    extraction = extractor.extract(make_document(text))
    agreements = [e for e in extraction.entities.values() if e.type.endswith("Understanding")]
    assert agreements and agreements[0].name.startswith("MOU between Keppel Corporation")


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


def test_a_description_of_something_named_is_no_new_entity(extractor, make_document) -> None:
    text = ("The Ostmark Science Park is a cooperation project between Harbin and Lindmoor. "
            "Kestrel Bank, a joint venture of two lenders, opened a training centre.")  # fmt: skip
    extraction = extractor.extract(make_document(text))
    names = {e.name.lower() for e in extraction.entities.values()}
    assert not [n for n in names if "cooperation project" in n or "joint venture" in n], names
    assert [n for n in names if "training centre" in n], names


def test_a_portfolio_before_a_name_is_no_part_of_it(extractor, make_document) -> None:
    text = "Minister for Manpower Koh Poh Koon visited the port."
    extraction = extractor.extract(make_document(text))
    people = {m.text for m in extraction.mentions if m.type == "Person"}
    assert "Koh Poh Koon" in people, people


def _agreements(extraction):  # type: ignore[no-untyped-def]
    return [e for e in extraction.entities.values() if "Agreement" in e.type
            or e.type.endswith("Understanding")]  # fmt: skip


def test_a_described_agreement_is_one_with_its_signatories(extractor, make_document) -> None:
    text = "Harbour Logistics and Keppel signed a memorandum of understanding on cold chains."
    extraction = extractor.extract(make_document(text))
    (agreement,) = _agreements(extraction)
    signed = {f.object for f in extraction.facts
              if f.subject == agreement.id and f.predicate == CG.signatory}  # fmt: skip
    assert signed == {"harbour-logistics", "keppel"}
    assert "memorandum of understanding on cold chains" in [agreement.name, *agreement.aliases]


def test_a_description_keeps_its_shorter_forms(extractor, make_document) -> None:
    text = "Keppel signed an agreement to build a depot in Wuxi, the company said."
    extraction = extractor.extract(make_document(text))
    (agreement,) = _agreements(extraction)
    forms = [agreement.name, *agreement.aliases]
    assert "agreement to build a depot" in forms
    assert "agreement to build a depot in Wuxi" in forms


def test_a_counted_set_of_agreements_is_one_entity(extractor, make_document) -> None:
    text = "The two cities signed 12 agreements on Monday, covering logistics and healthcare."
    extraction = extractor.extract(make_document(text))
    names = [e.name for e in _agreements(extraction)]
    assert "12 agreements" in names


def test_a_single_agreement_needs_an_article_or_a_count(extractor, make_document) -> None:
    text = "Officials said agreements matter. Keppel is a partner in the agreement."
    assert not _agreements(extractor.extract(make_document(text)))


def test_a_place_in_a_description_still_introduces_something(extractor, make_document) -> None:
    text = "A framework agreement was signed by a Singapore consortium."
    extraction = extractor.extract(make_document(text))
    assert "Singapore consortium" in [e.name for e in extraction.entities.values()]


def test_a_body_named_by_its_place_is_one_entity(extractor, make_document) -> None:
    text = "The Qinghai provincial government signed. Later the Qinghai provincial government met."
    extraction = extractor.extract(make_document(text))
    bodies = [e for e in extraction.entities.values() if e.type == "GovernmentBody"]
    assert [e.name for e in bodies] == ["Qinghai provincial government"]


def test_the_government_alone_introduces_nothing(extractor, make_document) -> None:
    extraction = extractor.extract(make_document("The provincial government signed it."))
    assert not [e for e in extraction.entities.values() if e.type == "GovernmentBody"]


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


def test_an_agreement_named_by_its_year_is_one(extractor, make_document) -> None:
    text = "Officials said the 2019 MOU on river shipping had produced 30 projects."
    names = [e.name for e in _agreements(extractor.extract(make_document(text)))]
    assert names == ["2019 MOU on river shipping"]


def test_a_name_joined_by_of_is_one_name(extractor, make_document) -> None:
    text = ("Officials met on Monday. The plan was issued by the Central Committee of the "
            "Communist Party of Vietnam in 2020.")  # fmt: skip
    names = [m.text for m in extractor.extract(make_document(text)).mentions]
    assert "Central Committee of the Communist Party of Vietnam" in names


def test_a_description_introduces_a_new_entity_whatever_the_registry_calls_it(
    extractor, make_document
) -> None:
    """The registry names an agreement "Cooperation Agreement"; "a cooperation agreement"
    signed by two others is not that one."""
    text = "Officials met on Monday. Both sides said a cooperation agreement would follow."
    mentions = extractor.extract(make_document(text)).mentions
    agreement = next(m for m in mentions if m.text == "cooperation agreement")
    assert agreement.entity != "ssijri-cooperation-agreement"
    assert agreement.source == "described"


def test_an_article_before_a_possessive_noun_opens_the_description(
    extractor, make_document
) -> None:
    text = "Officials met on Monday. The universities set up a joint master's programme in 2018."
    mentions = extractor.extract(make_document(text)).mentions
    assert [m.text for m in mentions if m.source == "described"] == ["joint master's programme"]
