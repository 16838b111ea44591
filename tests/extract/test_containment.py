"""Where things are, read from their names: invented sentences."""

from __future__ import annotations

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
