"""Evaluation: scores computed by hand on small synthetic record sets, and the gold data itself."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from rdflib import Graph, URIRef
from rdflib.namespace import OWL, RDF
from typer.testing import CliRunner

from coopgraph.cli import app
from coopgraph.evaluate import (
    EvaluationError,
    evaluate,
    evaluate_graph,
    format_table,
    load_gold,
)
from coopgraph.namespaces import CG, ORG
from coopgraph.settings import Settings

A, B = "a.txt", "b.txt"


def entity(label: str, *aliases: str, doc: str = A, iri: str | None = None, type: str = "Party"):
    return {
        "kind": "entity",
        "iri": iri,
        "label": label,
        "type": type,
        "aliases": list(aliases),
        "documents": [doc],
    }


def fact(s: str, p: Any, o: Any, doc: str = A, s_iri: str | None = None, o_iri: str | None = None):
    record = {
        "kind": "fact",
        "subject": s,
        "subject_iri": s_iri,
        "predicate": str(p),
        "object": o,
        "document": doc,
        "quote": "q",
        "start": 0,
        "end": 1,
    }
    if o_iri:
        record["object_iri"] = o_iri
    return record


def quantity(s: str, measure: str, value: Any, unit: str, qualifier: str = "Exactly", doc=A):
    return {
        "kind": "quantity",
        "subject": s,
        "subject_iri": None,
        "measure": measure,
        "value": value,
        "unit": unit,
        "qualifier": qualifier,
        "date": None,
        "document": doc,
        "quote": "q",
    }


SSIJRI = "Sino-Singapore International Joint Research Institute"
NTU_GOLD = entity("Nanyang Technological University, Singapore", "NTU")
NTU_PRED = entity("Nanyang Technological University", "NTU Singapore", "NTU", iri="id:ntu")


# --- scores -------------------------------------------------------------------------------


def test_identical_sets_score_one() -> None:
    gold = [
        NTU_GOLD,
        entity("SSIJRI"),
        fact("SSIJRI", CG.founder, "NTU"),
        quantity("SSIJRI", "ResearchProjects", 45, "count"),
    ]
    report = evaluate(gold, gold)
    for kind in ("entities", "relations", "quantities", "all"):
        total = report.total(kind)
        assert (total.precision, total.recall, total.f1) == (1.0, 1.0, 1.0)
    assert report.misses == [] and report.false_positives == []


def test_no_predictions_score_zero() -> None:
    gold = [NTU_GOLD, entity("SSIJRI"), fact("SSIJRI", CG.founder, "NTU")]
    report = evaluate([], gold)
    total = report.total("all")
    assert (total.tp, total.fp, total.fn) == (0, 0, 3)
    assert (total.precision, total.recall, total.f1) == (0.0, 0.0, 0.0)
    assert len(report.misses) == 3


def test_only_wrong_predictions_score_zero() -> None:
    report = evaluate([entity("Atlantis"), entity("El Dorado")], [NTU_GOLD])
    score = report.total("entities")
    assert (score.tp, score.fp, score.fn, score.f1) == (0, 2, 1, 0.0)
    assert report.false_positives == [
        f"{A}: entity Atlantis (Party)",
        f"{A}: entity El Dorado (Party)",
    ]


def test_partial_entity_match_through_aliases() -> None:
    gold = [NTU_GOLD, entity("SSIJRI"), entity("Han Zheng"), entity("Chongqing")]
    predicted = [
        NTU_PRED,
        entity("Sino-Singapore International Joint Research Institute", "SSIJRI"),
        entity("Guangzhou"),
    ]
    score = evaluate(predicted, gold).total("entities")
    # 2 of 3 predictions are right; 2 of 4 gold entities are found.
    assert (score.tp, score.fp, score.fn) == (2, 1, 2)
    assert score.precision == pytest.approx(2 / 3)
    assert score.recall == pytest.approx(1 / 2)
    assert score.f1 == pytest.approx(2 * (2 / 3) * (1 / 2) / (2 / 3 + 1 / 2))


def test_matching_is_one_to_one() -> None:
    score = evaluate([NTU_PRED, dict(NTU_PRED, iri="id:ntu-2")], [NTU_GOLD]).total("entities")
    assert (score.tp, score.fp, score.fn) == (1, 1, 0)


def test_facts_match_through_entity_names() -> None:
    gold = [NTU_GOLD, entity("SSIJRI"), fact("SSIJRI", CG.founder, "NTU")]
    predicted = [
        NTU_PRED,
        entity(SSIJRI, "SSIJRI", iri="id:ssijri"),
        fact(
            SSIJRI, CG.founder, "Nanyang Technological University", "a.txt", "id:ssijri", "id:ntu"
        ),
    ]
    assert evaluate(predicted, gold).total("relations").f1 == 1.0


def test_fact_with_wrong_predicate_or_object_does_not_match() -> None:
    gold = [fact("SSIJRI", CG.founder, "NTU"), fact("SSIJRI", CG.locatedIn, "Guangzhou")]
    predicted = [fact("SSIJRI", CG.funder, "NTU"), fact("SSIJRI", CG.locatedIn, "Chongqing")]
    score = evaluate(predicted, gold).total("relations")
    assert (score.tp, score.fp, score.fn) == (0, 2, 2)


def test_predicate_folding() -> None:
    gold = [
        fact("Deal", CG.signatory, "NTU"),
        fact("Lam", ORG.holds, "SVP"),
        fact("NTU", CG.partnerOf, "YDPG"),
        fact("Park", CG.partOf, "Chongqing"),
    ]
    predicted = [
        fact("Deal", CG.hasParty, "NTU"),
        fact("SVP", ORG.heldBy, "Lam"),
        fact("YDPG", CG.partnerOf, "NTU"),
        fact("Park", CG.locatedIn, "Chongqing"),
    ]
    assert evaluate(predicted, gold).total("relations").f1 == 1.0


def test_inverse_and_duplicate_facts_count_once() -> None:
    gold = [fact("Lam", ORG.holds, "SVP")]
    predicted = [
        fact("Lam", ORG.holds, "SVP"),
        fact("SVP", ORG.heldBy, "Lam"),
        fact("Lam", ORG.holds, "SVP"),
    ]
    score = evaluate(predicted, gold).total("relations")
    assert (score.tp, score.fp, score.fn) == (1, 0, 0)


def test_literal_objects_compare_by_value() -> None:
    gold = [
        fact("M16", CG.ordinal, "16"),
        fact("M16", CG.online, "true"),
        fact("M16", CG.startDate, "2020-12-08"),
    ]
    predicted = [
        fact("M16", CG.ordinal, 16),
        fact("M16", CG.online, True),
        fact("M16", CG.startDate, "2020-12-08"),
    ]
    assert evaluate(predicted, gold).total("relations").f1 == 1.0
    assert evaluate([fact("M16", CG.ordinal, 18)], gold[:1]).total("relations").f1 == 0.0


def test_quantities_match_on_value_and_unit_and_report_qualifiers() -> None:
    gold = [
        quantity("SSIJRI", "FundingReceived", 61000000, "SGD"),
        quantity("SSIJRI", "FundingReceived", 300000000, "CNY"),
        quantity("SSIJRI", "PatentApplications", 70, "count", "MoreThan"),
    ]
    predicted = [
        quantity("SSIJRI", str(CG.FundingReceived), "61000000.0", "sgd"),
        quantity("SSIJRI", "FundingReceived", 300000000, "SGD"),
        quantity("SSIJRI", "PatentApplications", 70.0, "count", "Exactly"),
    ]
    report = evaluate(predicted, gold)
    score = report.total("quantities")
    assert (score.tp, score.fp, score.fn) == (2, 1, 1)
    assert (report.qualifiers.tp, report.qualifiers.fp) == (1, 1)


def test_micro_average_over_documents() -> None:
    gold = [entity("X"), entity("Y"), entity("X", doc=B), entity("Y", doc=B)]
    predicted = [
        entity("X"),
        entity("X", doc=B),
        entity("Y", doc=B),
        entity("P", doc=B),
        entity("Q", doc=B),
    ]
    report = evaluate(predicted, gold)
    assert (report.documents[A]["entities"].tp, report.documents[A]["entities"].fn) == (1, 1)
    assert (report.documents[B]["entities"].tp, report.documents[B]["entities"].fp) == (2, 2)
    total = report.total("entities")
    assert (total.precision, total.recall) == (pytest.approx(3 / 5), pytest.approx(3 / 4))


def test_documents_without_gold_are_ignored() -> None:
    report = evaluate([entity("X"), entity("Z", doc=B)], [entity("X")])
    assert list(report.documents) == [A]
    assert report.total("all").fp == 0


def test_type_agreement_is_reported() -> None:
    report = evaluate([entity("X", type="Company")], [entity("X", type="University")])
    assert report.total("entities").tp == 1
    assert (report.types.tp, report.types.fp) == (0, 1)


def test_table_lists_misses_when_verbose() -> None:
    report = evaluate([entity("X")], [entity("X"), entity("Y")])
    assert "misses" not in format_table(report)
    table = format_table(report, verbose=True)
    assert re.search(r"micro-average\s+entities\s+1\s+0\s+1\s+1\.000\s+0\.500\s+0\.667", table)
    assert f"{A}: entity Y (Party)" in table


# --- errors -------------------------------------------------------------------------------


def write_gold(directory: Path, lines: list[str]) -> Path:
    directory.mkdir(exist_ok=True)
    (directory / "a.txt.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return directory


@pytest.mark.parametrize(
    ("lines", "message"),
    [
        (["{not json"], r"a.txt.jsonl, line 1: not JSON"),
        ([json.dumps(entity("X")), '{"kind": "triple"}'], r"line 2: a record needs 'kind'"),
        (
            [json.dumps(dict(fact("S", CG.founder, "O"), predicate=""))],
            r"fact record lacks predicate",
        ),
        ([json.dumps(dict(entity("X"), documents=[]))], r"entity record lacks documents"),
    ],
)
def test_bad_gold_lines(tmp_path: Path, lines: list[str], message: str) -> None:
    with pytest.raises(EvaluationError, match=message):
        load_gold(write_gold(tmp_path / "gold", lines))


def test_missing_or_empty_gold_directory(tmp_path: Path) -> None:
    with pytest.raises(EvaluationError, match="no such gold directory"):
        load_gold(tmp_path / "absent")
    with pytest.raises(EvaluationError, match=r"no \*\.jsonl gold files"):
        load_gold(tmp_path)


def test_missing_or_broken_graph(tmp_path: Path) -> None:
    gold = write_gold(tmp_path / "gold", [json.dumps(entity("X"))])
    with pytest.raises(EvaluationError, match=r"no such file; run `coopgraph build` first"):
        evaluate_graph(tmp_path / "absent.trig", gold)
    broken = tmp_path / "broken.trig"
    broken.write_text("<a> <b> {{ nonsense", encoding="utf-8")
    with pytest.raises(EvaluationError, match=r"broken\.trig: cannot be parsed"):
        evaluate_graph(broken, gold)


def test_cli_reports_errors_without_traceback(tmp_path: Path) -> None:
    runner = CliRunner()
    result = runner.invoke(app, ["evaluate", "--graph", str(tmp_path / "absent.trig")])
    assert result.exit_code == 1
    assert "run `coopgraph build` first" in result.output
    assert "Traceback" not in result.output
    result = runner.invoke(app, ["evaluate", "--format", "xml"])
    assert result.exit_code == 1
    assert "unknown format 'xml': use table or json" in result.output


# --- the gold data ------------------------------------------------------------------------

ONTOLOGY = Graph().parse(Settings().ontology_path)
GOLD_DIR = Settings().gold_dir
GOLD = load_gold(GOLD_DIR)
LITERAL_PREDICATES = {
    CG.ordinal,
    CG.online,
    CG.startDate,
    CG.signingDate,
    CG.inceptionDate,
    CG.establishmentDate,
    CG.phase,
}


def test_one_gold_file_per_seed_document() -> None:
    seeds = {p.name for p in Settings().documents_dir.glob("*.txt")}
    assert {p.name.removesuffix(".jsonl") for p in GOLD_DIR.glob("*.jsonl")} == seeds


@pytest.mark.parametrize(
    "record", GOLD, ids=lambda r: f"{r['kind']}:{r.get('label') or r.get('subject')}"
)
def test_gold_uses_the_ontology(record: dict[str, Any]) -> None:
    if record["kind"] == "entity":
        assert (CG[record["type"]], RDF.type, OWL.Class) in ONTOLOGY
    elif record["kind"] == "fact":
        predicate = record["predicate"]
        assert predicate.startswith(str(ORG)) or (URIRef(predicate), RDF.type, None) in ONTOLOGY
        labels = {
            r["label"]
            for r in GOLD
            if r["kind"] == "entity" and record["document"] in r["documents"]
        }
        assert record["subject"] in labels
        if "object_iri" in record:
            assert record["object"] in labels
        else:
            assert predicate in {str(p) for p in LITERAL_PREDICATES}
    else:
        assert (CG[record["measure"]], RDF.type, CG.Measure) in ONTOLOGY
        assert (CG[record["qualifier"]], RDF.type, CG.Qualifier) in ONTOLOGY
        assert re.fullmatch(
            r"[A-Z]{3}|count|m2|km2|ha|ft2|year|month|week|day|person|percent", record["unit"]
        )


@pytest.mark.parametrize("path", sorted(GOLD_DIR.glob("*.jsonl")), ids=lambda p: p.name[:3])
def test_gold_quotes_are_in_the_document(path: Path) -> None:
    text = (Settings().documents_dir / path.name.removesuffix(".jsonl")).read_text(encoding="utf-8")
    flat = " ".join(text.split())
    for line in path.read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        if "quote" in record:
            assert record["quote"] in flat, record["quote"][:80]
