"""Agreements signed together and their members, on invented articles."""

from __future__ import annotations

from pathlib import Path

from coopgraph.namespaces import CG, DCTERMS

ARTICLES = Path(__file__).parents[1] / "data" / "articles"


def _members(extractor, make_document, text: str) -> set[tuple[str, str]]:
    extraction = extractor.extract(make_document(text))
    names = {k: e.name for k, e in extraction.entities.items()}
    return {(names.get(f.subject, f.subject), names.get(f.object, f.object))
            for f in extraction.facts if f.predicate == DCTERMS.isPartOf}  # fmt: skip


def test_members_a_sentence_names(extractor, make_document) -> None:
    text = (
        "Singapore and Hubei signed 12 agreements on Monday. They included an MOU "
        "between the Land Transport Authority and the Wuhan Transport Bureau on buses."
    )
    members = _members(extractor, make_document, text)
    assert {set_ for _, set_ in members} == {"12 agreements"}
    assert len(members) == 1


def test_members_a_list_names(extractor, make_document) -> None:
    text = ("Four agreements were signed at the forum. They included:\n\n"
            "an MOU between Keppel Corporation and the Wuhan Port Group on river terminals;\n"
            "an agreement between Sembcorp and the Hubei Energy Bureau on solar farms; and\n"
            "a cooperation agreement between NUS and Wuhan University on exchanges.\n\n"
            "Officials also signed an MOU with Kestrel Bank on payments.")  # fmt: skip
    members = _members(extractor, make_document, text)
    assert len(members) == 3
    assert {set_ for _, set_ in members} == {"Four agreements"}


def test_no_set_no_members(extractor, make_document) -> None:
    text = ("They included an MOU between the Land Transport Authority and the Wuhan Transport "
            "Bureau on electric buses.")  # fmt: skip
    assert not _members(extractor, make_document, text)


def test_a_set_and_its_members_conform_to_the_shapes(extractor, make_document) -> None:
    from coopgraph.assemble import assemble
    from coopgraph.validate import validate

    text = (
        "Four agreements were signed at the forum. They included an MOU between Keppel "
        "Corporation and the Wuhan Port Group on river terminals."
    )
    extraction = extractor.extract(make_document(text))
    report = validate(assemble(extractor.registry, [extraction]))
    assert report.conforms, report.text


def test_an_edition_of_an_event_conforms_to_the_shapes(extractor, make_document) -> None:
    from coopgraph.assemble import assemble
    from coopgraph.validate import validate

    text = "Keppel showed its port systems at the 5th Kestrel International Trade Fair in Harbin."
    extraction = extractor.extract(make_document(text))
    assert extraction.entities["kestrel-international-trade-fair"].type == "EventSeries"
    report = validate(assemble(extractor.registry, [extraction]))
    assert report.conforms, report.text


def test_an_article_of_every_new_form_conforms_to_the_shapes(extractor, make_document) -> None:
    from coopgraph.assemble import assemble
    from coopgraph.validate import validate

    text = (ARTICLES / "kestrel-week.txt").read_text(encoding="utf-8")
    extraction = extractor.extract(make_document(text))
    report = validate(assemble(extractor.registry, [extraction]))
    assert report.conforms, report.text
    predicates = {f.predicate for f in extraction.facts}
    assert {DCTERMS.isPartOf, CG.inSeries, CG.hasParty, CG.focusArea} <= predicates


def test_members_named_after_a_cue_in_the_sentence_naming_the_set(extractor, make_document) -> None:
    text = ("Nine agreements were signed on Friday, among them a memorandum of understanding "
            "between Jurong Port and the Harbin Port Group on cold chains.")  # fmt: skip
    extraction = extractor.extract(make_document(text))
    members = [(f.subject, f.object) for f in extraction.facts if f.predicate == DCTERMS.isPartOf]
    assert len(members) == 1 and members[0][1].startswith("nine-agreements"), extraction.facts
    assert members[0][0].startswith("memorandum-of-understanding-between-jurong-port"), members


def test_the_agreements_of_a_set_signed_at_a_meeting_were_signed_there(
    extractor, make_document
) -> None:
    text = ("The 4th meeting of the Harbin Trade Council was held on Monday. Three MOUs were "
            "signed at the meeting:\n\n- an MOU between Jurong Port and the Harbin Port Group on "
            "cold chains;\n\n- an MOU between Enterprise Singapore and the Harbin Commerce Bureau "
            "on trade fairs; and\n\n- an MOU between NUS and Harbin University on "
            "exchanges.")  # fmt: skip
    facts = extractor.extract(make_document(text)).facts
    venues = {(f.subject, f.object) for f in facts if f.predicate == CG.signedAt}
    members = {f.subject for f in facts if f.predicate == DCTERMS.isPartOf}
    assert members and all((m, "harbin-trade-council-4") in venues for m in members), venues
