"""A person's decisions on extracted facts: kept in data/reviews/, read and written back the
same, applied by every build, with their provenance in the graph."""

from __future__ import annotations

import re
import shutil

import pytest
import yaml
from tests.reviews import AT, DECISIONS, ask, decision, graph, write_review

from coopgraph.build import BuildError, build
from coopgraph.build.decisions import DecisionError, Review, dump, load, parse
from coopgraph.settings import PROJECT_ROOT, Settings


def assert_decided(settings: Settings) -> None:
    store = graph(settings)
    assert not ask(store, "id:guangzhou cg:locatedIn id:china")  # rejected
    assert not ask(store, "id:singtel cg:locatedIn id:guangzhou")  # corrected away
    assert ask(store, "id:ncs cg:locatedIn id:guangzhou")  # corrected to
    assert ask(store, "id:ncs cg:partnerOf id:nanyang-technological-university")  # added
    assert ask(store, "id:ncs cg:subsidiaryOf id:singtel")  # accepted


# --- the build applies the decisions ---------------------------------------------------------


def test_decisions_hold_after_every_rebuild(harbour):
    build(harbour, progress=False)
    assert ask(graph(harbour), "id:guangzhou cg:locatedIn id:china")
    write_review(harbour, DECISIONS)
    report = build(harbour, progress=False)
    assert not [w for w in report.warnings if "review.yaml" in w]
    assert_decided(harbour)
    assert build(harbour, progress=False).cached == 1  # from the fragment cache
    assert_decided(harbour)
    shutil.rmtree(harbour.graph_path.parent)  # extracted again from scratch
    build(harbour, progress=False)
    assert_decided(harbour)


def test_provenance_of_decisions(harbour):
    write_review(harbour, DECISIONS)
    build(harbour, progress=False)
    store = graph(harbour)
    reviewer = "<https://w3id.org/coopgraph/id/reviewer/li-wei>"
    assert ask(store, "?doc a cg:Document ; cg:reviewed true")
    for subject, relation, obj, review, who in [
        ("id:ncs", "cg:locatedIn", "id:guangzhou", "cg:Corrected", reviewer),
        ("id:ncs", "cg:partnerOf", "id:nanyang-technological-university", "cg:Added", reviewer),
        ("id:ncs", "cg:subsidiaryOf", "id:singtel", "cg:Confirmed",
         "<https://w3id.org/coopgraph/id/reviewer/tan-mei>"),
    ]:  # fmt: skip
        assert ask(
            store,
            f"""?e a cg:Evidence ; rdf:subject {subject} ; rdf:predicate {relation} ;
                  rdf:object {obj} ; cg:review {review} ; prov:wasAttributedTo {who} ;
                  cg:reviewedAt "{AT}"^^<http://www.w3.org/2001/XMLSchema#dateTime> .
               {who} a prov:Person ; <http://www.w3.org/2000/01/rdf-schema#label> ?name""",
        ), (subject, relation, obj)
    assert ask(store, '?e cg:rule "reviewed" ; cg:review cg:Added')
    # what nobody decided on is as extracted: no review, no attribution
    assert ask(
        store,
        "?e rdf:subject id:nanyang-technological-university ; cg:rule ?r ."
        "FILTER NOT EXISTS { ?e cg:review ?any } FILTER NOT EXISTS { ?e prov:wasAttributedTo ?p }",
    )


def test_unreviewed_document_has_no_review_marks(harbour):
    build(harbour, progress=False)
    store = graph(harbour)
    assert not ask(store, "?doc cg:reviewed ?any")
    assert not ask(store, "?e cg:review ?any")


def test_decision_whose_sentence_is_gone_is_reported(harbour):
    write_review(harbour, DECISIONS)
    build(harbour, progress=False)
    document = harbour.documents_dir / "harbour.txt"
    document.write_text("Nanyang Technological University will open a campus in Tianjin in 2027.\n")
    report = build(harbour, progress=False)
    gone = [w for w in report.warnings if w.startswith("harbour.txt.review.yaml")]
    assert len(gone) == 4, report.warnings  # three on facts no longer found, one added
    assert any("reject [0, 92] guangzhou cg:locatedIn china" in w for w in gone)
    assert any("add [0, 92]" in w for w in gone)
    assert build(harbour, progress=False).warnings == report.warnings  # reported every build


def test_changed_quote_means_the_sentence_is_gone(harbour):
    write_review(harbour, [{**DECISIONS[0], "quote": "Another sentence entirely."}])
    report = build(harbour, progress=False)
    assert any("the sentence is no longer in the text" in w for w in report.warnings)
    assert ask(graph(harbour), "id:guangzhou cg:locatedIn id:china")  # not applied


def test_editing_the_review_file_rebuilds_the_document(harbour):
    build(harbour, progress=False)
    write_review(harbour, DECISIONS[:1])
    build(harbour, progress=False)
    assert not ask(graph(harbour), "id:guangzhou cg:locatedIn id:china")
    write_review(harbour, [])
    build(harbour, progress=False)
    assert ask(graph(harbour), "id:guangzhou cg:locatedIn id:china")


def test_bad_review_file_fails_the_build_and_keeps_the_graph(harbour):
    build(harbour, progress=False)
    before = harbour.graph_path.read_bytes()
    write_review(harbour, [{**DECISIONS[0], "decision": "maybe"}])
    with pytest.raises(BuildError, match=r"harbour.txt.review.yaml: decision 1: unknown decision"):
        build(harbour, progress=False)
    assert harbour.graph_path.read_bytes() == before


def test_review_file_of_another_document_is_refused(harbour):
    path = write_review(harbour, DECISIONS)
    path.write_text(path.read_text().replace("document: harbour.txt", "document: other.txt"))
    with pytest.raises(BuildError, match=r"its document is 'other\.txt'"):
        build(harbour, progress=False)


def test_review_file_without_document_is_a_warning(harbour):
    write_review(harbour, DECISIONS, name="gone.txt")
    report = build(harbour, progress=False)
    assert any("decisions on gone.txt" in w for w in report.warnings)


def test_added_fact_about_an_unknown_entity_is_reported_not_applied(harbour):
    write_review(harbour, [decision("ncs", "cg:partnerOf", "no-such-entity", "add")])
    report = build(harbour, progress=False)
    assert any("'no-such-entity' is neither in the registry" in w for w in report.warnings)


# --- loading and writing, without extraction ----------------------------------------------


def review(*entries: dict) -> Review:
    return parse({"document": "x.txt", "reviewer": "Li Wei", "decisions": list(entries)}, "x")


def entry(sentence: list[int], s: str, r: str, o: str, kind: str, **more: object) -> dict:
    return {"sentence": sentence, "subject": s, "relation": r, "object": o, "decision": kind,
            "at": AT, **more}  # fmt: skip


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("document: [unclosed", "not valid YAML"),
        ("- just a list", "expected a mapping with document, reviewer and decisions"),
        ("document: x.txt\ndecisions: []", "reviewer: missing or not a text"),
        ("document: x.txt\nreviewer: Li\ncomment: hi", "unknown key(s) comment"),
        ("document: x.txt\nreviewer: Li\ndecisions: {a: 1}", "decisions must be a list"),
    ],
)
def test_bad_review_files_name_the_file(tmp_path, text, message):
    path = tmp_path / "x.txt.review.yaml"
    path.write_text(text)
    with pytest.raises(DecisionError, match=re.escape(message)) as caught:
        load(path)
    assert str(caught.value).startswith(str(path))


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"decision": "maybe"}, "decision 1: unknown decision 'maybe'"),
        ({"decision": None}, "decision 1: missing 'decision'"),
        ({"subject": None}, "decision 1: missing 'subject'"),
        ({"at": None}, "decision 1: missing 'at'"),
        ({"at": "yesterday"}, "decision 1: 'at' must be an ISO date and time"),
        ({"sentence": [10, 0]}, "decision 1: sentence must be [start, end]"),
        ({"sentence": "0-10"}, "decision 1: sentence must be [start, end]"),
        ({"relation": "cg:liesIn"}, "decision 1: unknown relation 'cg:liesIn'"),
        ({"relation": "locatedIn"}, "decision 1: unknown relation 'locatedIn'"),
        ({"decision": "correct"}, "decision 1: a correct decision needs 'to'"),
        ({"to": {"subject": "c"}}, "decision 1: only a correct decision takes 'to'"),
        ({"decision": "correct", "to": {"status": "likely"}}, "to: unknown status 'likely'"),
        ({"decision": "add", "datatype": "float"}, "unknown datatype 'float'"),
        ({"colour": "red"}, "decision 1: unknown key"),
    ],
)
def test_bad_decisions_name_the_entry(changes, message):
    data = {**entry([0, 10], "a", "cg:locatedIn", "b", "accept"), **changes}
    with pytest.raises(DecisionError, match=re.escape(message)) as caught:
        review(data)
    assert str(caught.value).startswith("x: decision 1")


def test_dump_is_read_back_the_same(tmp_path):
    original = review(
        entry([0, 10], "a", "cg:locatedIn", "b", "correct", to={"object": "c"}),
        entry(
            [0, 10],
            "c",
            "cg:establishmentDate",
            "2027",
            "add",
            datatype="gYear",
            status="planned",
            by="Tan Mei",
        ),
    )
    path = tmp_path / "x.txt.review.yaml"
    path.write_text(dump(original))
    assert "sentence: [0, 10]" in path.read_text()
    assert load(path) == parse(yaml.safe_load(dump(original)), "x") == original


def test_canned_queries_list_what_awaits_review(harbour):
    from coopgraph.sparql.catalogue import load_catalogue, run
    from coopgraph.store import open_store

    catalogue = load_catalogue(PROJECT_ROOT / "queries")
    build(harbour, progress=False)
    (row,) = run(catalogue["documents-awaiting-review"], open_store(harbour.graph_path))
    assert (row["document"], row["reviewed"], row["decidedFacts"]) == ("harbour.txt", False, 0)
    everything = row["awaiting"]
    write_review(harbour, DECISIONS)
    build(harbour, progress=False)
    store = open_store(harbour.graph_path)
    (row,) = run(catalogue["documents-awaiting-review"], store)
    assert (row["reviewed"], row["decidedFacts"], row["awaiting"]) == (True, 3, everything - 3)
    facts = run(catalogue["facts-awaiting-review"], store)
    assert len(facts) == everything - 3  # one rejected, two decided
    assert "Guangzhou" not in {r["subjectLabel"] for r in facts if r["predicate"].endswith("In")}
