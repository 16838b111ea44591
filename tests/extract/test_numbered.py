"""Numbered meetings and editions read from the parse, on invented sentences."""

from __future__ import annotations

from coopgraph.namespaces import CG, SDO


def _editions(extraction) -> dict[str, str]:  # type: ignore[no-untyped-def]
    """Each mentioned edition's text by entity id, for the editions in a series."""
    numbered = {f.subject for f in extraction.facts if f.predicate == CG.inSeries}
    return {m.entity: m.text for m in extraction.mentions if m.entity in numbered}


def test_editions_referred_to_by_the_series_named_before(extractor, make_document) -> None:
    text = ("The third Harbin-Singapore Trade Week opened on Monday in Harbin. "
            "Its first edition was held in 2019 and its second in Singapore in 2021. "
            "The fourth trade week will be held in Singapore in 2026.")  # fmt: skip
    extraction = extractor.extract(make_document(text))
    editions = _editions(extraction)
    assert {e.rsplit("-", 1)[1] for e in editions} == {"1", "2", "3", "4"}, editions
    assert len({e.rsplit("-", 1)[0] for e in editions}) == 1
    dates = {f.subject[-1]: f.object for f in extraction.facts if f.predicate == CG.startDate}
    assert dates.get("1") == "2019"


def test_an_ordinal_noun_of_another_kind_is_no_edition(extractor, make_document) -> None:
    text = ("The third Harbin-Singapore Trade Week opened on Monday in Harbin. "
            "Its second day was given to logistics.")  # fmt: skip
    extraction = extractor.extract(make_document(text))
    assert {e.rsplit("-", 1)[1] for e in _editions(extraction)} == {"3"}


def test_a_council_that_met_for_the_nth_time(extractor, make_document) -> None:
    text = ("The Singapore-Hebei Trade Council was set up in 2010. "
            "Last year it met for the ninth time in Shijiazhuang.")  # fmt: skip
    extraction = extractor.extract(make_document(text))
    meetings = {m.entity: m.type for m in extraction.mentions if m.entity.endswith("-9")}
    assert list(meetings.values()) == ["Meeting"]
    places = {f.object for f in extraction.facts if f.subject in meetings}
    assert "shijiazhuang" in places


def test_a_meeting_numbered_in_apposition_and_then_called_it(extractor, make_document) -> None:
    text = ("The Singapore-Hubei Cooperation Council was formed in 2009. Its latest meeting, "
            "the 11th, was held in Wuhan on 3 May. It was co-chaired by Minister Tan Wei Ling "
            "and Hubei Governor Wang Min.")  # fmt: skip
    facts = extractor.extract(make_document(text)).facts
    meeting = "singapore-hubei-cooperation-council-11"
    chairs = {f.object for f in facts if f.subject == meeting and f.predicate == CG.coChair}
    assert chairs == {"tan-wei-ling", "wang-min"}, facts
    assert any(f.subject == meeting and f.predicate == CG.heldIn for f in facts), facts


def test_the_nth_edition_of_an_event_is_that_edition(extractor, make_document) -> None:
    text = "Officials met. The eighth edition of the Harbin Trade Fair opens on 5 November."
    extraction = extractor.extract(make_document(text))
    editions = {e.name for e in extraction.entities.values() if e.type == "Event"}
    assert editions == {"8th Harbin Trade Fair"}, editions


def test_the_next_meeting_follows_the_last_numbered_one(extractor, make_document) -> None:
    text = ("The 9th meeting of the Kestrel-Hexi Cooperation Council was held in Harbin on "
            "Monday. The next meeting will be held in Singapore in 2025.")  # fmt: skip
    extraction = extractor.extract(make_document(text))
    held = {(f.subject, f.object, f.status) for f in extraction.facts if f.predicate == CG.heldIn}
    assert ("kestrel-hexi-cooperation-council-10", "singapore", "planned") in held, held


def test_the_next_meeting_with_none_numbered_before_is_no_meeting(extractor, make_document) -> None:
    text = "The Kestrel-Hexi Cooperation Council met on Monday. The next meeting is in 2025."
    extraction = extractor.extract(make_document(text))
    assert not [m for m in extraction.mentions if m.text == "next meeting"]


def test_a_series_named_by_a_pair_and_the_years_it_marks(extractor, make_document) -> None:
    text = ("The Lion Arts Season is part of the Kestrel-Harbin 30 celebrations, which began in "
            "January.")  # fmt: skip
    extraction = extractor.extract(make_document(text))
    series = extraction.entities.get("kestrel-harbin-30-celebrations")
    assert series is not None and series.type == "EventSeries", extraction.entities
    assert "Kestrel-Harbin 30" in series.aliases
    assert ("lion-arts-season", "kestrel-harbin-30-celebrations") in {
        (f.subject, f.object) for f in extraction.facts if f.predicate == SDO.superEvent
    }, extraction.facts
    assert not [f for f in extraction.facts if f.predicate == CG.value], extraction.facts


def _held_in(extraction) -> dict[str, str]:  # type: ignore[no-untyped-def]
    """Where each event of an extraction is held, by the event's name."""
    return {extraction.entities[f.subject].name: f.object for f in extraction.facts
            if f.predicate == CG.heldIn}  # fmt: skip


def test_the_nth_of_an_annual_event_is_an_edition_of_it(extractor, make_document) -> None:
    """ "an annual forum" recurs, so "the fourth forum" and "the fifth" are editions of it."""
    text = ("The two countries hold an annual port cooperation forum. The fourth forum took "
            "place in Singapore in November 2023. The fifth is scheduled to be held in "
            "Chongqing.")  # fmt: skip
    held = _held_in(extractor.extract(make_document(text)))
    assert held == {"4th port cooperation forum": "singapore",
                    "5th port cooperation forum": "chongqing"}, held  # fmt: skip


def test_the_next_council_meeting_by_acronym_follows_the_last_numbered(extractor, make_document):
    """ "The next KTC meeting" is the 9th after the 8th, not the 8th again."""
    text = ("Ministers co-chaired the 8th meeting of the Kestrel Trade Council (KTC) in Harbin on "
            "17 October. The next KTC meeting will be held in Singapore in 2025.")  # fmt: skip
    held = _held_in(extractor.extract(make_document(text)))
    assert held == {"8th Kestrel Trade Council meeting": "harbin",
                    "9th Kestrel Trade Council meeting": "singapore"}, held  # fmt: skip


def test_the_event_named_after_an_edition_is_that_edition(extractor, make_document) -> None:
    text = (
        "The 3rd Lanzhou-Singapore Green Forum will take place in Lanzhou in August. "
        "The forum will draw 300 firms."
    )
    mentions = extractor.extract(make_document(text)).mentions
    assert next(m.entity for m in mentions if m.text == "The forum").endswith("-3")


def test_the_next_meeting_of_an_unnumbered_council_is_a_meeting_in_its_series(
    extractor, make_document
) -> None:
    text = ("The Lanzhou-Kestrel Council met in Kestrel on Monday. The next meeting of the "
            "Lanzhou-Kestrel Council will be held in Lanzhou in 2026.")  # fmt: skip
    extraction = extractor.extract(make_document(text))
    facts = {(f.subject, f.predicate, f.object, f.status) for f in extraction.facts}
    meeting = "lanzhou-kestrel-council-next"
    assert (meeting, CG.inSeries, "lanzhou-kestrel-council", "planned") in facts, facts
    assert (meeting, CG.heldIn, "lanzhou", "planned") in facts, facts
    assert not any(f[0] == meeting and f[1] == CG.ordinal for f in facts)
