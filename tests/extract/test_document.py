"""The extractor over a whole document: registry knowledge it states, facts it derives."""

from __future__ import annotations

from coopgraph.namespaces import CG


def _registry_facts(extractor, make_document, text: str) -> set[tuple[str, str]]:
    facts = extractor.extract(make_document(text)).facts
    return {(f.subject, f.object) for f in facts if f.rule == "registry"}


def test_a_container_written_inside_a_name_is_stated(extractor, make_document) -> None:
    text = "Officials met on Monday. The CSGKC Southern Start-up Area welcomed 20 new firms."
    found = _registry_facts(extractor, make_document, text)
    assert ("csgkc-southern-start-up-area", "china-singapore-guangzhou-knowledge-city") in found


def test_two_names_in_a_sentence_state_no_containment(extractor, make_document) -> None:
    text = "Officials from Chongqing and Guangzhou met delegates from China on Monday."
    assert not _registry_facts(extractor, make_document, text)


def test_registry_containment_uses_the_ontology_properties(extractor, make_document) -> None:
    text = "Officials met on Monday. The CSGKC Southern Start-up Area welcomed 20 new firms."
    facts = extractor.extract(make_document(text)).facts
    assert {f.predicate for f in facts if f.rule == "registry"} <= {CG.partOf, CG.locatedIn}


def test_an_owner_has_invested_in_what_it_owns(extractor, make_document) -> None:
    text = (
        "Officials met on Monday. Kestrel Marine Pte Ltd, which is wholly owned by Temasek "
        "Holdings, runs terminals in Harbin and Dalian."
    )
    facts = extractor.extract(make_document(text)).facts
    pairs = {(f.subject, f.predicate, f.object) for f in facts}
    assert ("kestrel-marine-pte-ltd", CG.subsidiaryOf, "temasek-holdings") in pairs, pairs
    assert ("temasek-holdings", CG.investedIn, "kestrel-marine-pte-ltd") in pairs, pairs


def test_a_founders_post_founds_the_organisation(extractor, make_document) -> None:
    text = ("Officials met on Monday. Kestrel Robotics co-founder Wang Fang and Kestrel Robotics "
            "chief executive Li Hua spoke.")  # fmt: skip
    facts = extractor.extract(make_document(text)).facts
    founders = {f.object for f in facts if f.predicate == CG.founder}
    assert founders == {"wang-fang"}, founders


def test_the_day_the_parse_gives_an_event_stands_over_the_sentence_s_other_days(
    extractor, make_document
) -> None:
    text = ("Officials met on Monday. The Harbin Trade Fair will take place from 20 to 24 July "
            "in Suzhou, organisers announced on Thursday.")  # fmt: skip
    facts = extractor.extract(make_document(text)).facts
    starts = {f.object for f in facts if f.predicate == CG.startDate}
    assert starts == {"2023-07-20"}, starts  # July after a November dateline: next year


def test_a_meeting_was_held_the_day_an_agreement_was_signed_at_it(extractor, make_document) -> None:
    text = ("Kestrel Bank and Hexi Bank signed an MOU on 3 May 2021. The MOU was signed at the "
            "16th meeting of the Harbin-Kestrel Cooperation Council.")  # fmt: skip
    facts = extractor.extract(make_document(text)).facts
    held = {(f.object, f.rule) for f in facts if f.predicate == CG.startDate}
    assert held == {("2021-05-03", "met-to-sign")}, held


def test_who_hosts_an_event_yet_to_come_does_so_as_planned(extractor, make_document) -> None:
    text = (
        "The 3rd Lanzhou-Singapore Green Forum will take place in Lanzhou in August. The forum, "
        "jointly hosted by the Lanzhou Municipal Government and Enterprise Singapore, will draw "
        "300 firms. The 2nd Lanzhou-Singapore Green Forum, hosted by the Lanzhou Municipal "
        "Government, was held in Lanzhou in 2023."
    )
    facts = extractor.extract(make_document(text)).facts
    hosts = {(f.subject.rsplit("-", 1)[-1], f.object, f.status) for f in facts
             if f.predicate == CG.organiser}  # fmt: skip
    assert ("3", "enterprise-singapore", "planned") in hosts
    assert ("2", "lanzhou-municipal-government", None) in hosts
    assert not any(h[0] == "3" and h[2] is None for h in hosts), hosts


def test_a_date_taken_from_a_planned_signing_is_planned(extractor, make_document) -> None:
    text = ("The 5th Lanzhou-Kestrel Trade Forum will be held in Lanzhou on 3 June 2027. An MOU "
            "between Kestrel Bank and Lindmoor Bank will be signed at the forum.")  # fmt: skip
    facts = extractor.extract(make_document(text)).facts
    dates = [f for f in facts if f.predicate == CG.signingDate]
    assert dates and all(f.status for f in dates), dates
