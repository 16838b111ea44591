"""Entities introduced by a description, on invented sentences."""

from __future__ import annotations

import pytest

from coopgraph.namespaces import CG, ORG


def _agreements(extraction):  # type: ignore[no-untyped-def]
    return [e for e in extraction.entities.values() if "Agreement" in e.type
            or e.type.endswith("Understanding")]  # fmt: skip


def test_a_listed_agreement_is_introduced(extractor, make_document) -> None:
    """ "Another was a pact" lists one more agreement; "X is a pact" says what X is."""
    text = (
        "Officials met on Monday. Among the deals was an MOU on ports. Another was a "
        "framework agreement on logistics. The Harbin Accord is a framework agreement."
    )
    mentions = extractor.extract(make_document(text)).mentions
    described = sorted(m.text for m in mentions if m.source == "described")
    assert described == ["MOU", "framework agreement"], mentions


def test_an_agreement_is_named_by_its_parties(extractor, make_document) -> None:
    text = "An MOU between Keppel Corporation and the Harbin Municipal Government was signed."
    extraction = extractor.extract(make_document(text))
    agreements = [e for e in extraction.entities.values() if e.type.endswith("Understanding")]
    assert agreements and agreements[0].name.startswith("MOU between Keppel Corporation")


def test_a_description_of_something_named_is_no_new_entity(extractor, make_document) -> None:
    text = ("The Ostmark Science Park is a cooperation project between Harbin and Lindmoor. "
            "Kestrel Bank, a joint venture of two lenders, opened a training centre.")  # fmt: skip
    extraction = extractor.extract(make_document(text))
    names = {e.name.lower() for e in extraction.entities.values()}
    assert not [n for n in names if "cooperation project" in n or "joint venture" in n], names
    assert [n for n in names if "training centre" in n], names


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


def test_an_agreement_named_by_its_year_is_one(extractor, make_document) -> None:
    text = "Officials said the 2019 MOU on river shipping had produced 30 projects."
    names = [e.name for e in _agreements(extractor.extract(make_document(text)))]
    assert names == ["2019 MOU on river shipping"]


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


def test_a_described_thing_named_next_is_the_named_thing(extractor, make_document) -> None:
    text = ("Fudan University and Keppel Corporation opened a joint laboratory in Shanghai on "
            "Friday. The Fudan-Keppel Urban Systems Laboratory will study cooling.")  # fmt: skip
    extraction = extractor.extract(make_document(text))
    labs = {m.entity for m in extraction.mentions if "aboratory" in m.text}
    assert len(labs) == 1, extraction.mentions
    (lab,) = labs
    founders = {
        f.object for f in extraction.facts if f.subject == lab and f.predicate == CG.founder
    }
    assert founders == {"fudan-university", "keppel-corporation"}, extraction.facts


_NAMED_LATER = [
    ("Kestrel Data built a data centre in Harbin. The Harbin International Convention Centre "
     "hosted the summit.", "entre", 2),  # the name drops the kind the description said
    ("Lindmoor University will launch a research institute in Harbin. The Harbin Clean Energy "
     "Institute will open in May.", "nstitute", 1),  # "research" says what it does, not its kind
    ("Keppel opened a laboratory in Wuxi. Fudan University opened a laboratory in Shanghai. "
     "The Fudan Urban Systems Laboratory will study cooling.", "aboratory", 2),  # two described
]  # fmt: skip


@pytest.mark.parametrize(("text", "word", "count"), _NAMED_LATER, ids=["kind", "generic", "two"])
def test_a_name_after_a_description_is_the_described_thing_or_another(
    extractor, make_document, text: str, word: str, count: int
) -> None:
    extraction = extractor.extract(make_document(text))
    things = {m.entity for m in extraction.mentions if word in m.text}
    assert len(things) == count, extraction.mentions


def test_a_description_keeps_the_phrase_written_after_it(extractor, make_document) -> None:
    text = ("In education, Wuhan University and the Singapore Institute of Technology signed an "
            "agreement to launch a joint degree programme in marine engineering, which is "
            "expected to admit its first 30 students in 2027.")  # fmt: skip
    extraction = extractor.extract(make_document(text))
    forms = {f for e in extraction.entities.values() if e.type == "Programme"
             for f in (e.name, *e.aliases)}  # fmt: skip
    assert "joint degree programme in marine engineering" in forms, forms


def test_a_description_keeps_each_phrase_after_it_up_to_when(extractor, make_document) -> None:
    text = ("The National Library Board and the Guangxi Library signed a memorandum of "
            "understanding (MOU) on digital archives in Nanning on Tuesday.")  # fmt: skip
    (agreement,) = _agreements(extractor.extract(make_document(text)))
    forms = {agreement.name, *agreement.aliases}
    assert {
        "memorandum of understanding (MOU) on digital archives",
        "memorandum of understanding (MOU) on digital archives in Nanning",
    } <= forms, forms
    assert not [f for f in forms if "Tuesday" in f], forms


def test_a_description_ends_where_the_parser_hangs_words_across_others(
    extractor, make_document
) -> None:
    """The parser may hang a name after a comma on the noun ("Gan Kim Yong" in apposition to
    "agreement"): the words between are not the description's."""
    text = ("The two firms signed an agreement to set up the lab in November 2023, during a "
            "visit to Wuxi by Singapore's Minister for Trade and Industry, "
            "Gan Kim Yong.")  # fmt: skip
    forms = {f for e in _agreements(extractor.extract(make_document(text)))
             for f in (e.name, *e.aliases)}  # fmt: skip
    assert "agreement to set up the lab in November 2023" in forms, forms
    assert not [f for f in forms if "visit" in f], forms


def test_no_form_of_a_description_ends_on_a_pronoun_or_an_auxiliary(
    extractor, make_document
) -> None:
    text = ("The two universities launched an exchange scheme that will send 50 students a "
            "year to Harbin.")  # fmt: skip
    forms = {f for e in extractor.extract(make_document(text)).entities.values()
             if e.type == "Programme" for f in (e.name, *e.aliases)}  # fmt: skip
    assert "exchange scheme" in forms, forms
    assert not [f for f in forms if f.endswith((" that", " will"))], forms


def test_an_agreement_noun_alone_is_no_name_of_an_agreement(extractor, make_document) -> None:
    text = ("Kestrel Bank has signed agreements with Chinese exchanges, including an MOU with the "
            "Harbin Commodity Exchange (HCE) on soybean futures.")  # fmt: skip
    forms = {f for e in _agreements(extractor.extract(make_document(text)))
             for f in e.aliases}  # fmt: skip
    assert "MOU with the Harbin Commodity Exchange (HCE) on soybean futures" in forms, forms
    assert "MOU" not in forms, forms


def test_a_deal_and_a_protocol_are_agreements_named_as_written(extractor, make_document) -> None:
    """Two agreements of one document with no parties named are two; each is named by the
    noun the text uses and what it is for; "the deal" refers back."""
    text = ("The two central banks signed a protocol to expand the swap line. Kestrel Port and "
            "Hexi Port Group inked a deal to share berth data in 2023. The deal was witnessed by "
            "Minister Chee Hong Tat.")  # fmt: skip
    extraction = extractor.extract(make_document(text))
    names = sorted(e.name for e in _agreements(extraction))
    assert names == [
        "Deal between Kestrel Port and Hexi Port Group",
        "Protocol to expand the swap line",
    ], names
    witnessed = {f.object for f in extraction.facts if f.predicate == CG.witness}
    assert witnessed == {"chee-hong-tat"}, witnessed


def test_a_name_set_beside_a_description_is_the_described_thing(extractor, make_document) -> None:
    text = ("A photography exhibition, Shared Horizons, opened at the National Museum on 3 March. "
            "It is presented by the Harbin Arts Council.")  # fmt: skip
    extraction = extractor.extract(make_document(text))
    assert extraction.entities["shared-horizons"].type == "Event"
    assert not [e for e in extraction.entities.values() if e.name == "photography exhibition"]
    assert any(f.subject == "shared-horizons" and f.predicate == CG.organiser
               and f.object == "harbin-arts-council" for f in extraction.facts)  # fmt: skip


def test_a_unit_named_by_its_place_is_a_unit_of_its_body(extractor, make_document) -> None:
    text = ("Officials met. The Suzhou branch of Kestrel Bank opened in 2019. Enterprise "
            "Singapore's Shanghai centre organised the mission.")  # fmt: skip
    extraction = extractor.extract(make_document(text))
    units = {e.id: e for e in extraction.entities.values() if e.id.endswith(("branch", "centre"))}
    assert set(units) == {"kestrel-bank-suzhou-branch", "enterprise-singapore-shanghai-centre"}
    assert "Suzhou branch of Kestrel Bank" in units["kestrel-bank-suzhou-branch"].aliases
    facts = {(f.subject, f.predicate, f.object) for f in extraction.facts}
    assert ("kestrel-bank-suzhou-branch", CG.locatedIn, "suzhou") in facts
    assert ("enterprise-singapore-shanghai-centre", ORG.subOrganizationOf,
            "enterprise-singapore") in facts  # fmt: skip


def test_an_agreement_named_by_the_year_it_was_signed_is_that_one(extractor, make_document) -> None:
    text = ("In 2018, Kestrel and Hexi signed a memorandum of understanding on third-party "
            "market cooperation. Under the 2018 MOU, firms have worked on 30 projects. The 2019 "
            "MOU on ports is another.")  # fmt: skip
    extraction = extractor.extract(make_document(text))
    agreements = {e.id: {e.name, *e.aliases} for e in _agreements(extraction)}
    assert len(agreements) == 2, agreements
    (first,) = [forms for forms in agreements.values() if "2018 MOU" in forms]
    assert "memorandum of understanding on third-party market cooperation" in first, first
    assert not [f for f in first if f.endswith(" third")], first


def test_a_body_a_place_owns_is_one_entity(mention_types) -> None:
    text = ("Standards were set with China's agriculture ministry in 2019. Singapore's "
            "government welcomed them.")  # fmt: skip
    types = mention_types(text)
    assert types.get("China's agriculture ministry") == "GovernmentBody", types
    assert "Singapore's government" not in types, types


def test_what_a_thing_is_raised_to_is_no_new_thing(extractor, make_document) -> None:
    text = ("The Lakeside Park was elevated to a state-level cooperation project in 2018. "
            "Fudan University will open a joint research centre in Shanghai.")  # fmt: skip
    names = {m.text for m in extractor.extract(make_document(text)).mentions}
    assert "joint research centre" in names
    assert not [n for n in names if "project" in n], names


def test_a_described_concert_or_roadshow_is_an_event(mention_types) -> None:
    text = ("Officials met on Monday. The embassy held a concert in Beijing, and Enterprise "
            "Singapore ran a roadshow in Chengdu.")  # fmt: skip
    kinds = mention_types(text)
    assert kinds.get("concert") == "Event" and kinds.get("roadshow") == "Event", kinds


def test_when_a_thing_was_held_is_no_part_of_its_name(extractor, make_document) -> None:
    text = "Officials met. A business forum on Monday drew 300 executives to Harbin."
    extraction = extractor.extract(make_document(text))
    forums = [e for e in extraction.entities.values() if e.type == "Event"]
    assert [e.name for e in forums] == ["business forum"], forums


def test_a_definite_event_named_first_by_its_kind_is_introduced(extractor, make_document) -> None:
    """ "The Harbin youth forum" with no forum before it is one; after "a youth forum" it is
    that forum; "the annual forum" says only that it recurs."""
    first = "Officials met. The Harbin youth forum drew 300 participants on Saturday."
    events = [e.name for e in extractor.extract(make_document(first)).entities.values()
              if e.type == "Event"]  # fmt: skip
    assert events == ["Harbin youth forum"], events
    again = "Officials met. A youth forum opened in Harbin. The Harbin youth forum drew 300."
    extraction = extractor.extract(make_document(again))
    assert len([e for e in extraction.entities.values() if e.type == "Event"]) == 1
    annual = "Officials met. The annual forum opened on Monday."
    extraction = extractor.extract(make_document(annual))
    assert not [e for e in extraction.entities.values() if e.type == "Event"]


def test_what_an_agreement_is_on_stops_before_the_verb(extractor, make_document) -> None:
    text = "Officials met. A new MOU on payments was announced on Monday."
    names = [e.name for e in _agreements(extractor.extract(make_document(text)))]
    assert names and not [n for n in names if "announced" in n], names


def test_an_agreement_known_by_its_parties_is_no_later_name(extractor, make_document) -> None:
    text = ("Officials met. They signed an agreement between the Harbin Port Authority and "
            "Kestrel Shipping on green shipping. Both sides agreed to upgrade the Harbin-Kestrel "
            "Free Trade Agreement.")  # fmt: skip
    extraction = extractor.extract(make_document(text))
    assert len(_agreements(extraction)) == 2, _agreements(extraction)


def test_a_date_something_starts_from_is_no_signing_date(extractor, make_document) -> None:
    text = ("Officials met. They signed an MOU on a youth exchange programme, under which 500 "
            "students will visit the other country every year from 2026.")  # fmt: skip
    facts = extractor.extract(make_document(text)).facts
    assert not [f for f in facts if f.predicate == CG.signingDate], facts


def test_a_described_link_is_a_programme(extractor, make_document) -> None:
    text = "Officials met. Kestrel Exchange launched a product link with the Harbin Exchange."
    extraction = extractor.extract(make_document(text))
    assert [e.name for e in extraction.entities.values() if e.type == "Programme"], extraction


def test_a_place_and_a_head_noun_written_short_for_a_body_named_before(
    extractor, make_document
) -> None:
    text = ("The fair is run by the Hunan Department of Commerce. The Hunan department said 90 "
            "firms would take part.")  # fmt: skip
    mentions = extractor.extract(make_document(text)).mentions
    found = {m.entity for m in mentions if m.text.lower() == "hunan department"}
    assert found == {"hunan-department-of-commerce"}, found


def test_an_agreement_set_apart_from_its_parties_by_a_comma_is_named_without_it(
    extractor, make_document
) -> None:
    text = "Another pact, between Kestrel Bank and the Wuhan Port Group, was signed on Monday."
    entities = extractor.extract(make_document(text)).entities.values()
    names = {e.name for e in entities if "pact" in e.name}
    assert names == {"pact between Kestrel Bank and the Wuhan Port Group"}, names


def test_a_pavilion_or_a_campus_named_first_by_its_kind_is_introduced(mention_types) -> None:
    """A country's pavilion at an expo is an event; "the Lingang campus" a building."""
    text = ("Officials met. The Singapore pavilion at the Harbin Trade Fair drew 4,000 visitors. "
            "Orchid Bank will open the Lingang campus next year.")  # fmt: skip
    kinds = mention_types(text)
    assert kinds.get("Singapore pavilion") == "Event", kinds
    assert kinds.get("Lingang campus") == "Building", kinds


def test_a_park_s_administrative_committee_is_a_body_of_its_own(extractor, make_document):
    """ "the park's administrative committee" is a new body, named for the park it
    administers; its director's post is in it."""
    text = ("The Kestrel Eco Park opened in 2010. Chen Hao, director of the park's administrative "
            "committee, said so.")  # fmt: skip
    extraction = extractor.extract(make_document(text))
    body = next(e for e in extraction.entities.values() if e.type == "Council")
    assert body.name == "administrative committee of Kestrel Eco Park", body
    assert any(f.subject == body.id and f.predicate == CG.administers
               and f.object == "kestrel-eco-park" for f in extraction.facts)  # fmt: skip
    posts = {f.object for f in extraction.facts if f.predicate == ORG.postIn}
    assert posts == {body.id}, posts


def test_things_listed_with_a_each_are_introduced(extractor, make_document) -> None:
    text = ("The programme includes a youth forum in Lanzhou in July, an exhibition of "
            "photographs at the Harbin Library in September and a concert in Harbin.")  # fmt: skip
    extraction = extractor.extract(make_document(text))
    described = {m.text for m in extraction.mentions if m.source == "described"}
    assert {"youth forum", "exhibition", "concert"} <= described, described


def test_their_first_forum_introduces_a_forum(extractor, make_document) -> None:
    text = "Lanzhou and Kestrel will hold their first joint trade forum in Lanzhou in June."
    extraction = extractor.extract(make_document(text))
    held = {(extraction.entities[f.subject].name, f.status) for f in extraction.facts
            if f.predicate == CG.heldIn and f.subject in extraction.entities}  # fmt: skip
    assert any(name.startswith("first joint trade forum") and status == "planned"
               for name, status in held), held  # fmt: skip
