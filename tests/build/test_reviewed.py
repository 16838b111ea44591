"""A review's decisions applied to an extraction, without extracting (end to end, through
builds, in tests/build/test_decisions.py)."""

from __future__ import annotations

from tests.build.test_decisions import entry, review

from coopgraph.build.reviewed import apply
from coopgraph.model import Entity, Extraction, Fact
from coopgraph.namespaces import CG


def extraction() -> Extraction:
    facts = [
        Fact(subject="a", predicate=CG.locatedIn, object="b", datatype=None, rule="located-in",
             start=0, end=10),
        Fact(subject="a", predicate=CG.partnerOf, object="c", datatype=None, rule="partner",
             start=0, end=10),
        Fact(subject="a", predicate=CG.establishmentDate, object="2027", datatype="gYear",
             rule="founded", start=11, end=20, status="planned"),
    ]  # fmt: skip
    entities = {i: Entity(i, i.upper(), "Organisation") for i in "abc"}
    return Extraction({"name": "x.txt"}, entities, [], facts, {}, "0123456789 123456789")


def test_apply_rejects_corrects_adds_and_marks():
    applied = apply(
        extraction(),
        review(
            entry([0, 10], "a", "cg:locatedIn", "b", "reject"),
            entry([0, 10], "a", "cg:partnerOf", "c", "accept"),
            entry(
                [11, 20],
                "a",
                "cg:establishmentDate",
                2027,
                "correct",
                to={"object": "2028", "status": "stated"},
            ),
            entry([0, 10], "c", "cg:partnerOf", "b", "add"),
        ),
    )
    facts = applied.extraction.facts
    assert [(f.subject, f.predicate, f.object, f.status) for f in facts] == [
        ("a", CG.partnerOf, "c", None),
        ("a", CG.establishmentDate, "2028", None),
        ("c", CG.partnerOf, "b", None),
    ]
    assert facts[1].datatype == "gYear" and facts[2].rule == "reviewed"
    assert {i: m.decision for i, m in applied.marks.items()} == {
        0: "accept",
        1: "correct",
        2: "add",
    }
    assert applied.unmatched == []
    assert len(extraction().facts) == 3  # the extraction itself is unchanged


def test_apply_reports_what_it_cannot_find():
    applied = apply(
        extraction(),
        review(
            entry([0, 10], "a", "cg:locatedIn", "c", "reject"),
            entry([30, 40], "a", "cg:locatedIn", "b", "accept"),
            entry([30, 40], "a", "cg:locatedIn", "b", "add"),
        ),
    )
    assert len(applied.extraction.facts) == 3
    assert applied.unmatched == [
        "reject [0, 10] a cg:locatedIn c: the sentence no longer states this fact",
        "accept [30, 40] a cg:locatedIn b: no fact of this sentence is extracted any more "
        "(the sentence may be gone)",
        "add [30, 40] a cg:locatedIn b: the sentence is no longer in the text",
    ]


def test_a_later_decision_replaces_an_earlier_one():
    applied = apply(
        extraction(),
        review(
            entry([0, 10], "a", "cg:locatedIn", "b", "reject"),
            entry([0, 10], "a", "cg:locatedIn", "b", "accept", by="Tan Mei"),
        ),
    )
    assert len(applied.extraction.facts) == 3
    assert applied.marks[0].by == "Tan Mei"
