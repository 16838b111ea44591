"""Places found by the words around a name, on invented sentences."""

from __future__ import annotations

from coopgraph.namespaces import CG


def test_the_word_before_based_is_a_place(extractor, make_document) -> None:
    text = "Officials met on Monday. Hangzhou-based Lanxin Logistics opened an office."
    extraction = extractor.extract(make_document(text))
    assert {m.text: m.type for m in extraction.mentions}.get("Hangzhou") == "Place"
    placed = {(f.subject, f.object) for f in extraction.facts if f.predicate == CG.locatedIn}
    assert ("lanxin-logistics", "hangzhou") in placed, placed


def test_a_name_of_several_words_before_based_is_one_place(extractor, make_document) -> None:
    text = "Kestrel Capital is a unit of the Port Aster-based Orchid Investment Authority."
    places = {m.text for m in extractor.extract(make_document(text)).mentions if m.type == "Place"}
    assert places == {"Port Aster"}, places


def test_a_name_before_a_place_kind_is_a_place(extractor, make_document) -> None:
    text = (
        "Officials met on Monday. The Kestrel Data Centre will be located in the Songbei "
        "district. The Lindmoor Campus will be built in the Nanhu district of Jiaxing."
    )
    extraction = extractor.extract(make_document(text))
    types = {m.text: m.type for m in extraction.mentions}
    assert types.get("Songbei district") == "District", types
    assert types.get("Nanhu district") == "District", types
    placed = {(f.subject, f.object) for f in extraction.facts if f.predicate == CG.locatedIn}
    assert ("nanhu", "jiaxing") in placed, placed


def test_a_place_is_of_the_kind_written_after_it(extractor, make_document) -> None:
    text = "Singapore and Sichuan province held their council meeting on Monday."
    mentions = [(m.text, m.type) for m in extractor.extract(make_document(text)).mentions]
    assert ("Sichuan province", "Province") in mentions, mentions


def test_a_place_written_with_its_container_is_also_known_by_the_whole(
    extractor, make_document
) -> None:
    text = ("Officials met. The Ostmark Area of the China (Harbin) Pilot Free Trade Zone opened in "
            "2015. Firms are in the Songbei district of Harbin.")  # fmt: skip
    extraction = extractor.extract(make_document(text))
    forms = {e.id: {e.name, *e.aliases} for e in extraction.entities.values()}
    assert "Ostmark Area of the China (Harbin) Pilot Free Trade Zone" in forms["ostmark-area"]
    assert "Songbei district of Harbin" in forms["songbei"], forms
    assert "china-harbin-pilot-free-trade-zone" in forms  # still a place of its own
