"""Figures (observation or target, measure, subject, dates) and funding in several currencies."""

from __future__ import annotations

from coopgraph.namespaces import CG


def _figures(extraction):
    """Each figure node as a dict of predicate → object."""
    nodes: dict[str, dict[str, str]] = {}
    for fact in extraction.facts:
        if fact.subject.startswith("#figure/"):
            nodes.setdefault(fact.subject, {"type": extraction.nodes[fact.subject]["type"]})
            nodes[fact.subject][fact.predicate] = fact.object
    return list(nodes.values())


def test_observation_with_since_date(extractor, make_document):
    text = "Since its establishment in 2017, SSIJRI has launched 47 research projects."
    [figure] = _figures(extractor.extract(make_document(text)))
    assert figure == {
        "type": "Observation",
        CG.about: "sino-singapore-international-joint-research-institute",
        CG.measure: "cg:ResearchProjects",
        CG.value: "47",
        CG.unit: "count",
        CG.qualifier: "cg:Exactly",
        CG.sinceDate: "2017",
        CG.refDate: "2022-11-07",
    }


def test_target_with_due_date(extractor, make_document):
    text = "Going forward, the SSIJRI aims to file at least 100 new patent applications by 2025."
    [figure] = _figures(extractor.extract(make_document(text)))
    assert figure["type"] == "Target"
    assert figure[CG.measure] == "cg:PatentApplications"
    assert figure[CG.qualifier] == "cg:AtLeast"
    assert figure[CG.dueDate] == "2025"


def test_verb_turns_companies_into_incubated_companies(extractor, make_document):
    text = "BLOCK71 Chongqing has cultivated nearly 30 high-tech companies."
    [figure] = _figures(extractor.extract(make_document(text)))
    assert figure[CG.about] == "block71-chongqing"
    assert figure[CG.measure] == "cg:IncubatedCompanies"
    assert figure[CG.qualifier] == "cg:Nearly"


def test_money_figure_takes_its_measure_from_the_words_before(extractor, make_document):
    text = "The China-Singapore Smart Park was opened with a total investment of 1.4 billion yuan."
    [figure] = _figures(extractor.extract(make_document(text)))
    assert (figure[CG.measure], figure[CG.value], figure[CG.unit]) == (
        "cg:Investment",
        "1400000000",
        "CNY",
    )


def test_funding_restated_is_one_funding_with_two_amounts(extractor, make_document):
    text = (
        "The first is a S$61 million (RMB300 million) funding for the Sino-Singapore "
        "International Joint Research Institute (SSIJRI) in Guangzhou.\n"
        "As part of a new agreement, the SSIJRI will receive S$61 million (RMB 300 million) "
        "funding for its next phase of development over the next five years."
    )
    extraction = extractor.extract(make_document(text))
    fundings = [k for k, v in extraction.nodes.items() if v["type"] == "Funding"]
    assert fundings == ["#funding/1"]
    amounts = {
        (extraction.nodes[f.object]["value"], extraction.nodes[f.object]["currency"])
        for f in extraction.facts
        if f.predicate == CG.amount
    }
    assert amounts == {("61000000", "SGD"), ("300000000", "CNY")}
    facts = {(f.predicate, f.object) for f in extraction.facts if f.subject == "#funding/1"}
    assert (CG.recipient, "sino-singapore-international-joint-research-institute") in facts
    assert (CG.duration, "P5Y") in facts


def test_a_number_that_counts_nothing_known_is_no_figure(extractor, make_document):
    text = "NTU has been named the top young university for the past seven years."
    assert _figures(extractor.extract(make_document(text))) == []


def test_figures_of_a_sentence_an_agreement_opens_are_the_agreements(extractor, make_document):
    text = (
        "In terms of financial services, the MOU of cooperation was signed with the Singapore "
        "Exchange to promote the issuance of green bonds by three state-owned enterprises, with "
        "a cumulative issuance scale of US $1.34 billion."
    )
    extraction = extractor.extract(make_document(text))
    [mou] = [e for e in extraction.entities.values() if e.type == "MemorandumOfUnderstanding"]
    found = {(f[CG.about], f[CG.measure], f[CG.value]) for f in _figures(extraction)}
    assert found == {
        (mou.id, "cg:OtherMeasure", "3"),
        (mou.id, "cg:ContractValue", "1340000000"),
    }


def test_agreement_figures_in_an_invented_sentence(bare_extractor, make_document):
    """The agreement opens the sentence: its figures; a party opens it: the party's."""
    text = (
        "The agreement was signed with the Kestrel Energy Group to build 12 charging stations, "
        "with a total investment of 40 million euros. The Kestrel Energy Group has housed 15 "
        "companies, with a total investment of 9 million euros."
    )
    extraction = bare_extractor.extract(make_document(text))
    [agreement] = [e for e in extraction.entities.values() if e.type == "Agreement"]
    found = {(f[CG.about], f[CG.measure], f[CG.value]) for f in _figures(extraction)}
    assert (agreement.id, "cg:Investment", "40000000") in found
    assert ("kestrel-energy-group", "cg:Companies", "15") in found
    assert ("kestrel-energy-group", "cg:Investment", "9000000") in found
    assert not any(about == "kestrel-energy-group" and v == "40000000" for about, _, v in found)


def test_a_funding_round_is_invested_not_granted(extractor, make_document) -> None:
    text = "Vertex Ventures China has led a US$40 million funding round in Lanxin Technology Co."
    extraction = extractor.extract(make_document(text))
    assert not [f for f in extraction.facts if f.subject.startswith("#funding")]


def test_a_grant_after_a_possessive_is_given_by_its_owner_to_what_follows(
    extractor, make_document
) -> None:
    text = (
        "Officials met on Monday. Kestrel Bank's S$5 million grant to the Orchid Centre was paid."
    )
    extraction = extractor.extract(make_document(text))
    facts = {(f.predicate, f.object) for f in extraction.facts if f.subject == "#funding/1"}
    assert (CG.funder, "kestrel-bank") in facts, facts
    assert (CG.recipient, "orchid-centre") in facts, facts


def test_a_grant_for_a_thing_introduced_with_an_article_goes_to_it(
    extractor, make_document
) -> None:
    text = ("Officials met on Monday. The Kestrel Development Bank provided a US$4 million grant "
            "for a pilot on paperless customs clearance.")  # fmt: skip
    extraction = extractor.extract(make_document(text))
    recipients = {f.object for f in extraction.facts
                  if f.subject == "#funding/1" and f.predicate == CG.recipient}  # fmt: skip
    assert len(recipients) == 1 and "pilot" in next(iter(recipients)), recipients


def test_a_named_funding_round_is_invested_not_granted(extractor, make_document) -> None:
    text = ("Officials met on Monday. Kestrel Capital led a US$120 million Series C funding round "
            "in Lindmoor Energy.")  # fmt: skip
    extraction = extractor.extract(make_document(text))
    assert not [k for k, v in extraction.nodes.items() if v["type"] == "Funding"]


def test_two_grants_to_one_recipient_from_two_funders(extractor, make_document) -> None:
    text = ("The Kestrel Centre is funded by a 20 million yuan grant from the Harbin Science "
            "Bureau and S$3 million from Lindmoor University.")  # fmt: skip
    facts = extractor.extract(make_document(text)).facts
    by_node: dict[str, dict] = {}
    for f in facts:
        if f.subject.startswith("#funding/"):
            by_node.setdefault(f.subject, {})[f.predicate] = f.object
    pairs = {(v.get(CG.recipient), v.get(CG.funder)) for v in by_node.values()}
    assert pairs == {("kestrel-centre", "harbin-science-bureau"),
                     ("kestrel-centre", "lindmoor-university")}, pairs  # fmt: skip


def test_who_provides_an_amount_to_fund_something_funds_it(extractor, make_document) -> None:
    text = ("The Harbin Lab was set up in May. The Orchid Foundation will provide S$5 million "
            "over five years to fund the lab.")  # fmt: skip
    facts = extractor.extract(make_document(text)).facts
    node = {f.predicate: f.object for f in facts if f.subject.startswith("#funding/")}
    assert (node.get(CG.recipient), node.get(CG.funder)) == ("harbin-lab", "orchid-foundation")


def test_who_provides_an_amount_in_a_relative_clause_gives_it_to_what_is_funded(
    extractor, make_document
) -> None:
    text = ("The Lanzhou Technology Centre opened in 2024. The centre is funded by the Lanzhou "
            "government and Kestrel Foundation, which will provide S$4 million.")  # fmt: skip
    extraction = extractor.extract(make_document(text))
    facts = {(f.predicate, f.object) for f in extraction.facts if f.subject == "#funding/1"}
    assert (CG.funder, "kestrel-foundation") in facts, facts
    assert (CG.recipient, "lanzhou-technology-centre") in facts, facts
