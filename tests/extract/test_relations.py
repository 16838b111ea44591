"""Sentence → facts, from the table in tests/data/pipeline/sentences.yaml."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from coopgraph.namespaces import CG, curie

CASES = yaml.safe_load(
    (Path(__file__).parents[1] / "data" / "pipeline" / "sentences.yaml").read_text("utf-8")
)


def _triples(extraction):
    return {(f.subject, curie(f.predicate), f.object) for f in extraction.facts}


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_sentence(extractor, make_document, case):
    extraction = extractor.extract(make_document(case["text"], case.get("published", "2022-11-07")))
    triples = _triples(extraction)
    asserted = {
        (f.subject, curie(f.predicate), f.object) for f in extraction.facts if f.status is None
    }
    for expected in case.get("facts", []):
        assert tuple(expected) in triples
    for unwanted in case.get("absent", []):
        assert tuple(unwanted) not in asserted
    for entity_id, type_ in case.get("entities", []):
        assert extraction.entities[entity_id].type == type_
        assert extraction.entities[entity_id].review


def test_every_fact_quotes_its_sentence(extractor, make_document):
    text = CASES[0]["text"]
    extraction = extractor.extract(make_document(text))
    assert extraction.facts
    for fact in extraction.facts:
        quote = text[fact.start : fact.end]
        assert quote.strip() == quote and quote
        assert fact.rule


def test_same_fact_twice_is_kept_per_sentence(extractor, make_document):
    text = "NCS is a subsidiary of Singtel. NCS, a subsidiary of Singtel, grew."
    facts = [
        f for f in extractor.extract(make_document(text)).facts if f.predicate == CG.subsidiaryOf
    ]
    assert {(f.subject, f.object) for f in facts} == {("ncs", "singtel")}
    assert len({f.start for f in facts}) == 2


def _trigger_words(extractor) -> list[str]:  # type: ignore[no-untyped-def]
    rules = extractor.rules
    return sorted({w for r in rules.relations for w in rules.trigger_phrases(r)})


@settings(max_examples=100, deadline=None)
@given(st.data())
def test_every_sentence_rule_states_nothing_without_mentions(extractor, data) -> None:  # type: ignore[no-untyped-def]
    """What lets apply_rules skip a sentence without mentions."""
    from coopgraph.extract.context import Context, View
    from coopgraph.extract.relations import RULES
    from coopgraph.model import Sentence
    from coopgraph.values import find_dates, find_money, find_quantities

    words = _trigger_words(extractor)
    assert len(words) > 50
    pieces = data.draw(st.lists(st.sampled_from([*words, "2015", "on 8 December 2020", ","])))
    text = " ".join(pieces) + "."
    ctx = Context(extractor.rules, extractor.registry, {}, "2020-12-08")
    view = View(0, Sentence(0, len(text), text), [], text, find_money(text),
                find_dates(text), find_quantities(text))  # fmt: skip
    for rule in RULES:
        assert rule(view, ctx) == []
    assert ctx.last_years == {}


def test_a_founding_verb_dates_its_object_not_its_subject(extractor, make_document):
    text = ("Officials met on Monday. Fudan University and Keppel Corporation opened the "
            "Lakeside Data Lab in Shanghai on 3 June 2024. The Harbin Trade Centre opened its "
            "doors in 2015. Orchid Holdings opened a representative office in Chengdu in 2016. "
            "Lindmoor Foods began operations in 2012.")  # fmt: skip
    facts = extractor.extract(make_document(text)).facts
    dated = {f.subject: f.object for f in facts if f.predicate == CG.establishmentDate}
    assert dated == {"lakeside-data-lab": "2024-06-03", "harbin-trade-centre": "2015",
                     "lindmoor-foods": "2012"}, dated  # fmt: skip


def test_an_organisation_naming_a_post_is_no_attendee(extractor, make_document):
    text = ("Fudan University opened a lab on Monday. The opening ceremony was attended by "
            "Keppel Corporation and Fudan president Jin Li.")  # fmt: skip
    facts = extractor.extract(make_document(text)).facts
    attendees = {f.object for f in facts if f.predicate == CG.attendee}
    assert attendees == {"keppel-corporation", "jin-li"}, attendees


def test_a_dateline_dates_an_event_only_when_its_sentence_does_not(extractor, make_document):
    dated = (
        "HARBIN, June 2 - Forty firms are taking part in the 7th Harbin Trade Fair, "
        "which opened in Harbin on Sunday."
    )
    undated = "HARBIN, June 2 - Forty firms are taking part in the 7th Harbin Trade Fair."
    for text, expected in ((dated, {"2022-06-05"}), (undated, {"2022-06-02"})):
        facts = extractor.extract(make_document(text, published="2022-06-06")).facts
        dates = {f.object for f in facts if f.predicate == CG.startDate}
        assert dates == expected, (text, dates)


def test_what_is_housed_somewhere_does_not_house_it(extractor, make_document) -> None:
    active = extractor.extract(make_document("Zhejiang University houses the Lakeside Lab."))
    passive = extractor.extract(make_document("The Lakeside Lab is housed at Zhejiang University."))
    assert ("zhejiang-university", "lakeside-lab") in {
        (f.subject, f.object) for f in active.facts if f.predicate == CG.hosts
    }
    assert not [f for f in passive.facts if f.predicate == CG.hosts]


def test_places_in_a_list_are_not_in_each_other(extractor, make_document) -> None:
    text = ("The scheme covers six regions: Shanghai, Tianjin, Chongqing, Guangdong, Jiangsu "
            "and Zhejiang. The terminal is in Qinzhou, Guangxi.")  # fmt: skip
    facts = extractor.extract(make_document(text)).facts
    nested = {(f.subject, f.object) for f in facts if f.predicate in (CG.partOf, CG.locatedIn)}
    assert nested == {("qinzhou", "guangxi")}, nested


def test_who_says_a_place_will_cooperate_is_no_partner(related) -> None:
    text = "Li Wei, vice-mayor of Nanning, said the city would deepen cooperation with Singapore."
    partners = related(text, CG.partnerOf)
    assert not any("li-wei" in pair for pair in partners), partners


def test_what_is_launched_at_a_ceremony_neither_attends_nor_launches_it(extractor, make_document):
    """ "The X Lab was launched at a ceremony ..., attended by A and B": A and B attended."""
    text = ("Lindmoor University opened a lab. The Kestrel Lab was launched at a ceremony in "
            "Ningbo on 29 April, attended by Professor Tan Chee Keong and Professor Zhou "
            "Min.")  # fmt: skip
    facts = extractor.extract(make_document(text)).facts
    attendees = {f.object for f in facts if f.predicate == CG.attendee}
    assert attendees == {"tan-chee-keong", "zhou-min"}, attendees
    assert not [f for f in facts if f.predicate == CG.launched and f.subject == "kestrel-lab"]


def test_where_an_event_took_place_is_not_what_it_concerns(extractor, make_document) -> None:
    text = "The Harbin Forum took place at the Shangri-La Hotel in Singapore."
    facts = extractor.extract(make_document(text)).facts
    assert not [f for f in facts if f.predicate == CG.concerns], facts
    assert any(f.predicate == CG.heldIn and f.object == "shangri-la-hotel" for f in facts)


def test_where_a_doer_acted_is_not_where_it_is(related) -> None:
    """The signatories of "signed by A and B in Wuxi" are not in Wuxi; what was opened is."""
    text = ("The accord was signed by Orchid Bank and Tianfu Holdings in Wuxi. "
            "Lanfang Foods opened the Kestrel Depot in Nanning.")  # fmt: skip
    located = related(text, CG.locatedIn)
    assert ("kestrel-depot", "nanning") in located, located
    assert not {p for p in located if p[1] == "wuxi"}, located
    text = "Cooperation is exemplified by the Orchid Research Institute in Nanning."
    assert ("orchid-research-institute", "nanning") in related(text, CG.locatedIn)


def test_who_makes_a_visit_attends_it(related) -> None:
    text = "Governor Tan Wei Ming made an official visit to Ruritania in June."
    visits = related(text, CG.attendee)
    assert [v for v, who in visits if v.startswith("official-visit") and who == "tan-wei-ming"]


def test_who_sets_up_a_building_founds_it(related) -> None:
    text = "Lindmoor University will set up a satellite campus in Shenzhen."
    founders = related(text, CG.founder)
    assert [c for c, who in founders if c.startswith("satellite-campus")
            and who == "lindmoor-university"], founders  # fmt: skip


def test_a_degree_names_nothing_and_its_programme_is_described(extractor, make_document) -> None:
    text = "The two universities will launch a joint PhD programme in quantum computing."
    extraction = extractor.extract(make_document(text))
    assert "phd" not in extraction.entities
    fields = {(f.subject, f.object) for f in extraction.facts if f.predicate == CG.focusArea}
    assert [s for s, o in fields if s.startswith("joint-phd-programme")
            and o == "quantum computing"], fields  # fmt: skip
