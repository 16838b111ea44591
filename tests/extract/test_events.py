"""Signings read from the sentence: who signed, and who only says whose or where."""

from __future__ import annotations

from coopgraph.namespaces import CG


def _parties(extractor, make_document, text: str) -> set[str]:
    facts = extractor.extract(make_document(text)).facts
    return {f.object for f in facts if f.predicate in (CG.hasParty, CG.signatory)}


def test_places_that_sign_are_parties(extractor, make_document) -> None:
    text = "Officials met on Monday. Singapore and Chongqing signed 12 agreements on Friday."
    assert {"singapore", "chongqing"} <= _parties(extractor, make_document, text)


def test_a_place_that_only_modifies_a_signer_is_no_party(extractor, make_document) -> None:
    text = ("Officials met on Monday. Singapore port operator Kestrel Ports signed a joint-venture "
            "agreement with Harbin Logistics Group.")  # fmt: skip
    parties = _parties(extractor, make_document, text)
    assert "kestrel-ports" in parties and "singapore" not in parties, parties


def test_who_spoke_at_the_opening_or_on_the_sidelines_of_an_event_attended_it(related) -> None:
    text = ("Minister Tan Wei Ling spoke at the opening of the Harbin Trade Fair on Monday. "
            "Mayor Zhao Lin met her on the sidelines of the Kestrel Forum.")  # fmt: skip
    found = related(text, CG.attendee)
    assert {("harbin-trade-fair", "tan-wei-ling"), ("kestrel-forum", "zhao-lin")} <= found, found


def test_who_attended_something_else_attends_no_event_named_after_a_comma(related) -> None:
    text = ("Vice-Governor Fang Lei, who attended the opening, said the province would host the "
            "Kestrel Film Week in October.")  # fmt: skip
    assert not related(text, CG.attendee)


def test_a_meeting_the_lead_reports_met_where_the_dateline_is(related) -> None:
    text = ("HARBIN, Nov 15 (APN) - Singapore and Heilongjiang signed 12 agreements on Friday. "
            "Minister Tan Wei Ling and Governor Zhao Lin co-chaired the fifth meeting of the "
            "Kestrel-Heilongjiang Cooperation Council. The sixth meeting will be held next year. "
            "Harbin has 10 million people.")  # fmt: skip
    held = related(text, CG.heldIn)
    assert held == {("kestrel-heilongjiang-cooperation-council-5", "harbin")}, held


def test_no_dateline_places_no_meeting(related) -> None:
    text = ("Minister Tan Wei Ling and Governor Zhao Lin co-chaired the fifth meeting of the "
            "Kestrel-Heilongjiang Cooperation Council on Friday.")  # fmt: skip
    assert not related(text, CG.heldIn)


def test_what_an_event_featured_took_part_in_it(related) -> None:
    text = "The Harbin Import Expo featured 300 firms, including Lion Dairy and Kestrel Foods."
    found = related(text, CG.attendee)
    assert {("harbin-import-expo", "lion-dairy"), ("harbin-import-expo", "kestrel-foods")} <= found


def test_an_event_organised_at_a_time_is_held_then(extractor, make_document) -> None:
    text = "Kestrel Bank will organise the Kestrel Business Forum in Chengdu next year."
    facts = extractor.extract(make_document(text)).facts
    starts = {(f.subject, f.object, f.status) for f in facts if f.predicate == CG.startDate}
    assert starts == {("kestrel-business-forum", "2023", "planned")}, facts
