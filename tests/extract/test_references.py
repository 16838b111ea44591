"""Numbered meetings, definite descriptions and places read from names, on invented
sentences."""

from __future__ import annotations

from coopgraph.namespaces import CG


def _extract(extractor, make_document, text: str):  # type: ignore[no-untyped-def]
    return extractor.extract(make_document(text))


def test_a_numbered_meeting_of_the_last_council(extractor, make_document) -> None:
    text = ("The Harbin-Singapore Cooperation Council was set up in 2015. "
            "Its 7th meeting was held in Harbin.")  # fmt: skip
    extraction = _extract(extractor, make_document, text)
    meetings = {m.entity for m in extraction.mentions if m.type == "Meeting"}
    assert any(m.endswith("-7") for m in meetings), meetings
    series = {f.object for f in extraction.facts if f.predicate == CG.inSeries}
    assert series == {next(iter(meetings)).rsplit("-", 1)[0]}


def test_the_council_is_the_council_named_before(extractor, make_document) -> None:
    text = ("The Harbin-Singapore Cooperation Council met in Harbin. "
            "The council was set up in 2015.")  # fmt: skip
    extraction = _extract(extractor, make_document, text)
    council = {m.entity for m in extraction.mentions if m.text.startswith("Harbin-Singapore")}
    definite = {m.entity for m in extraction.mentions if m.text == "The council"}
    assert council and definite == council


def test_its_is_the_subject_before_it(extractor, make_document) -> None:
    text = "The Harbin-Singapore Cooperation Council was set up in 2015, and its work covers trade."
    extraction = _extract(extractor, make_document, text)
    its = [m for m in extraction.mentions if m.text == "its"]
    assert its and its[0].entity.startswith("harbin-singapore")
    areas = {f.object for f in extraction.facts if f.predicate == CG.focusArea}
    assert "trade" in areas


def test_a_subject_pronoun_is_the_subject_of_its_kind_before_it(extractor, make_document) -> None:
    text = ("Orchid Harbour Holdings was founded in 2019. It opened an office in Wuhan. "
            "Tan Wei Jie spoke at the opening. He became a minister in 2024.")  # fmt: skip
    extraction = _extract(extractor, make_document, text)
    by_text = {m.text: m.entity for m in extraction.mentions}
    assert by_text["It"] == by_text["Orchid Harbour Holdings"]
    assert by_text["He"] == by_text["Tan Wei Jie"]


def test_it_in_it_is_expected_is_no_mention(extractor, make_document) -> None:
    text = "Orchid Harbour Holdings grew. It is expected that trade will rise."
    extraction = _extract(extractor, make_document, text)
    assert "It" not in {m.text for m in extraction.mentions}


def test_a_town_opening_a_name_is_where_it_is(extractor, make_document) -> None:
    text = "Harbin lies in the north. Students from Harbin University met researchers there."
    extraction = _extract(extractor, make_document, text)
    names = {m.entity: m.text for m in extraction.mentions}
    located = {(names.get(f.subject), names.get(f.object)) for f in extraction.facts
               if f.predicate == CG.locatedIn}  # fmt: skip
    assert ("Harbin University", "Harbin") in located


def test_a_government_is_not_located_by_its_name(extractor, make_document) -> None:
    text = "The Harbin Municipal Bureau of Commerce met researchers in Dalian."
    extraction = _extract(extractor, make_document, text)
    assert not [f for f in extraction.facts if f.rule == "name-place"]


def test_a_name_longer_than_a_reference_is_a_name(extractor, make_document) -> None:
    """ "The Institute" refers back; "the Institute of Advanced Materials" names one."""
    text = "Officials met. The Institute of Advanced Materials developed the coating."
    names = {m.text for m in _extract(extractor, make_document, text).mentions}
    assert "Institute of Advanced Materials" in names, names


def test_a_place_that_only_qualifies_a_name_s_next_word_places_nothing(
    extractor, make_document
) -> None:
    text = (
        "Officials met. Harbin will open a Singapore-themed industrial park in Songbei next year."
    )
    extraction = _extract(extractor, make_document, text)
    assert not [f for f in extraction.facts if f.rule == "name-place"], extraction.facts


def test_a_city_a_dateline_writes_in_capitals_is_named_as_the_text_writes_it(
    extractor, make_document
) -> None:
    text = ("WUHAN - Singapore and Hubei province signed five agreements on Tuesday. The centre "
            "will be based in Wuhan.")  # fmt: skip
    entities = extractor.extract(make_document(text)).entities
    assert any(e.name == "Wuhan" for e in entities.values()), entities
    assert not any(e.name == "WUHAN" for e in entities.values()), entities
