"""Where things are, read from their names: invented sentences."""

from __future__ import annotations

import pytest

from coopgraph.namespaces import CG


def _named_places(extractor, make_document, text: str) -> set[tuple[str, str]]:
    facts = extractor.extract(make_document(text)).facts
    named = ("name-place", "compound-place")
    return {(f.subject, f.object) for f in facts if f.predicate == CG.locatedIn and f.rule in named}


def test_a_name_opening_with_a_city_is_in_that_city(extractor, make_document) -> None:
    text = "Officials met in Wuhan on Monday. Wuhan Kestrel Logistics opened a depot in Harbin."
    found = _named_places(extractor, make_document, text)
    assert ("wuhan-kestrel-logistics", "wuhan") in found, found


def test_a_name_opening_with_a_region_says_nothing_of_where(extractor, make_document) -> None:
    text = "Officials met on Monday. The South China Kestrel Institute trains 300 engineers."
    found = _named_places(extractor, make_document, text)
    assert not any(place == "south-china" for _, place in found), found


def test_a_place_in_front_of_a_name_is_where_it_is(extractor, make_document) -> None:
    text = "Officials met on Monday. Singapore shipping line Kestrel Lines ordered ten ships."
    found = _named_places(extractor, make_document, text)
    assert ("kestrel-lines", "singapore") in found, found


def test_a_zone_named_with_a_place_in_brackets_is_in_that_place(extractor, make_document):
    """ "China (Harbin) Pilot Free Trade Zone" lies in Harbin; a programme so named is not
    placed by its name."""
    text = ("Officials met in Harbin. Firms are active in the China (Harbin) Pilot Free Trade "
            "Zone and the China-Singapore (Harbin) Initiative on Logistics.")  # fmt: skip
    found = _named_places(extractor, make_document, text)
    assert ("china-harbin-pilot-free-trade-zone", "harbin") in found, found
    assert not any("initiative" in s for s, _ in found), found


def test_a_city_is_in_the_province_the_document_also_names(extractor, make_document) -> None:
    text = ("Officials from Ningbo met on Monday. Zhejiang province and Singapore signed a deal. "
            "Guests came from Nanning and from Harbin.")  # fmt: skip
    extraction = extractor.extract(make_document(text))
    found = {(f.subject, f.object) for f in extraction.facts if f.rule == "gazetteer"}
    assert found == {("ningbo", "zhejiang")}, found  # Guangxi and Heilongjiang are not named


def test_a_city_named_like_its_province_is_in_it(extractor, make_document) -> None:
    text = "Officials met. Jilin City and Changchun signed a deal with Jilin Province."
    extraction = extractor.extract(make_document(text))
    found = {(f.subject, f.object) for f in extraction.facts if f.rule == "gazetteer"}
    assert found == {("jilin-city", "jilin-province"), ("changchun", "jilin-province")}, found


def test_a_council_named_for_a_place_the_text_names_concerns_it(extractor, make_document) -> None:
    text = ("The Singapore-Hubei Economic and Trade Council met in Wuhan. Hubei is an inland "
            "province. The Singapore-Hunan Business Council did not meet.")  # fmt: skip
    extraction = extractor.extract(make_document(text))
    found = {(f.subject, f.object) for f in extraction.facts if f.rule == "council-place"}
    assert found == {("singapore-hubei-economic-and-trade-council", "hubei")}, found


@pytest.mark.parametrize(
    "text,owner,place",
    [
        (
            "Singapore banks Harbour Bank, Lion Bank and Merlion Bank opened branches.",
            "merlion-bank",
            "singapore",
        ),
        (
            "Chinese banks such as Dragon Bank and Phoenix Bank have offices here.",
            "phoenix-bank",
            "china",
        ),
        ("Chinese e-commerce firm Orchid Mart joined the scheme.", "orchid-mart", "china"),
    ],
)
def test_a_country_or_its_people_before_names_of_a_kind(related, text, owner, place) -> None:
    assert (owner, place) in related(text, CG.locatedIn)


@pytest.mark.parametrize(
    "text,event,thing",
    [
        (
            "The Harbin Smart City Initiative began in 2019. Ministers spoke at the Kestrel-Harbin "
            "Smart City Initiative Business Forum on Monday.",
            "Kestrel-Harbin Smart City Initiative Business Forum",
            "Harbin Smart City Initiative",
        ),
        (
            "Officials attended the opening ceremony of the Kestrel Innovation Centre.",
            "opening ceremony",
            "Kestrel Innovation Centre",
        ),
    ],
)
def test_an_event_named_for_or_held_for_a_thing_concerns_it(extractor, make_document, text,
                                                           event, thing) -> None:  # fmt: skip
    extraction = extractor.extract(make_document(text))
    names = {m.entity: m.text.removeprefix("the ") for m in reversed(extraction.mentions)}
    about = {(names.get(f.subject), names.get(f.object)) for f in extraction.facts
             if f.predicate == CG.concerns}  # fmt: skip
    assert (event, thing) in about, about


def test_a_place_before_a_name_places_no_name_listed_before_it(extractor, make_document) -> None:
    """ "A, a subsidiary, and its China fund manager B": B is in China, A is not said to be."""
    text = ("Much of Orchid Bank's exposure goes through Kestrel Holdings, a wholly owned "
            "subsidiary, and its China fund manager Kestrel Ventures China.")  # fmt: skip
    facts = extractor.extract(make_document(text)).facts
    placed = {(f.subject, f.object) for f in facts if f.predicate == CG.locatedIn}
    assert ("kestrel-holdings", "china") not in placed, placed
