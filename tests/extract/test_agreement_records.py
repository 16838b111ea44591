"""Unnamed agreements as records: labels, ids and merging (coopgraph.extract.agreement_records)."""

from __future__ import annotations

from coopgraph.extract.agreement_records import Agreement, combined, labels, merge, mint
from coopgraph.extract.context import Context
from coopgraph.model import Entity
from coopgraph.namespaces import CG


def _context(extractor) -> Context:
    entities = {
        "kestrel-group": Entity("kestrel-group", "Kestrel Group", "Company", aliases=["KG"]),
        "lakeside-institute": Entity(
            "lakeside-institute", "Lakeside Institute", "ResearchInstitute"
        ),
    }
    return Context(extractor.rules, extractor.registry, entities)


def test_funding_label_uses_every_name_of_the_recipient(empty_extractor):
    agreement = Agreement("FundingAgreement", "agreement", concerns="kestrel-group", role="funding")
    assert labels(agreement, _context(empty_extractor)) == [
        "Kestrel Group funding agreement",
        "KG funding agreement",
    ]


def test_two_signatories_name_a_memorandum_between_them(empty_extractor):
    agreement = Agreement(
        "MemorandumOfUnderstanding",
        "memorandum of understanding",
        signatories=["kestrel-group", "lakeside-institute"],
        purpose="on cold-chain logistics",
    )
    assert labels(agreement, _context(empty_extractor)) == [
        "MOU between Kestrel Group and Lakeside Institute",
        "MOU on cold-chain logistics",
    ]


def test_nothing_to_tell_it_apart_gives_no_label(empty_extractor):
    assert labels(Agreement("Agreement", "agreement"), _context(empty_extractor)) == []


def test_id_from_kind_sorted_parties_concerns_and_meeting_else_document():
    agreement = Agreement(
        "CooperationAgreement", "agreement", signatories=["zeta-co", "alpha-co"], concerns="park"
    )
    assert mint(agreement, "0123456789abcdef") == (
        "cooperation-agreement-alpha-co-zeta-co-park-document-0123456789abcdef"
    )
    agreement.event = "council-9"
    assert (
        mint(agreement, "0123456789abcdef")
        == "cooperation-agreement-alpha-co-zeta-co-park-council-9"
    )


def test_statements_of_one_agreement_merge_by_kind_and_what_it_concerns():
    announced = Agreement("FundingAgreement", "agreement", parties=["u"], concerns="x", event="m")
    restated = Agreement("FundingAgreement", "agreement", concerns="x", spans=[(5, 9)])
    other = Agreement("Agreement", "agreement", concerns="x")
    groups = merge([announced, restated, other])
    assert [len(g) for g in groups] == [2, 1]
    whole = combined(groups[0])
    assert (whole.parties, whole.event, whole.spans) == (["u"], "m", [(5, 9)])


def test_who_says_an_agreement_was_signed_did_not_sign_it(extractor, make_document) -> None:
    text = ("Minister Tan Wei Ling opened the show. Ms Tan said the Kestrel Arts Council and the "
            "Harbin Opera House had signed an MOU on touring in 2015.")  # fmt: skip
    facts = extractor.extract(make_document(text)).facts
    signed = {f.object for f in facts if f.predicate == CG.signatory}
    assert "tan-wei-ling" not in signed, facts


def test_a_cooperation_framework_is_an_agreement(extractor, make_document) -> None:
    text = "Kestrel Bank and Orchid Group signed a strategic cooperation framework on green loans."
    facts = extractor.extract(make_document(text)).facts
    signed = {f.object for f in facts if f.predicate == CG.signatory}
    assert signed == {"kestrel-bank", "orchid-group"}, facts
