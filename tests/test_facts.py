"""Fact records: the contract's keys, values read back from the graph, JSONL and CSV output."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from rdflib import Dataset
from typer.testing import CliRunner

from coopgraph.cli import app
from coopgraph.facts import FIELDS, records, write_csv, write_jsonl

ASSEMBLED = Path(__file__).parent / "data" / "pipeline" / "assembled.trig"


@pytest.fixture(scope="module")
def rows():
    dataset = Dataset()
    dataset.parse(ASSEMBLED, format="trig")
    return list(records(dataset))


def test_every_record_has_exactly_the_contract_keys(rows):
    assert {row["kind"] for row in rows} == {"entity", "fact", "quantity"}
    for row in rows:
        assert list(row) == FIELDS[row["kind"]]


def test_entity_record(rows):
    [ssijri] = [r for r in rows if r["kind"] == "entity" and r["label"].startswith("Sino")]
    assert ssijri == {
        "kind": "entity",
        "iri": "https://w3id.org/coopgraph/id/ssijri",
        "label": "Sino-Singapore International Joint Research Institute",
        "type": "ResearchInstitute",
        "aliases": ["SSIJRI"],
        "documents": ["doc.txt"],
    }


def test_fact_record(rows):
    [fact] = [r for r in rows if r["kind"] == "fact"]
    assert fact == {
        "kind": "fact",
        "subject": "Sino-Singapore International Joint Research Institute",
        "subject_iri": "https://w3id.org/coopgraph/id/ssijri",
        "predicate": "https://w3id.org/coopgraph/ontology#founder",
        "object": "Nanyang Technological University, Singapore",
        "object_iri": "https://w3id.org/coopgraph/id/ntu",
        "document": "doc.txt",
        "quote": "SSIJRI was co-founded by NTU.",
        "start": 0,
        "end": 29,
        "status": "stated",
    }


def test_quantity_records_for_figures_and_funding(rows):
    quantities = {(r["measure"], r["value"], r["unit"]) for r in rows if r["kind"] == "quantity"}
    assert quantities == {("ResearchProjects", 45, "count"), ("FundingReceived", 61000000, "SGD")}
    figure = next(r for r in rows if r["kind"] == "quantity" and r["unit"] == "count")
    assert figure["quote"] == "It has 45 projects." and figure["qualifier"] == "Exactly"


def test_jsonl_round_trips(rows):
    stream = io.StringIO()
    assert write_jsonl(rows, stream) == len(rows)
    assert [json.loads(line) for line in stream.getvalue().splitlines()] == rows


def test_csv_is_one_file_per_kind(rows, tmp_path):
    paths = write_csv(rows, tmp_path)
    assert sorted(p.name for p in paths.values()) == ["entities.csv", "facts.csv", "quantities.csv"]
    with paths["entity"].open() as stream:
        table = list(csv.DictReader(stream))
    assert len(table) == sum(r["kind"] == "entity" for r in rows)
    assert {"label", "aliases"} <= set(table[0])


runner = CliRunner()


def test_cli_facts(tmp_path):
    result = runner.invoke(app, ["facts", "--graph", str(ASSEMBLED)])
    assert result.exit_code == 0 and '"kind": "fact"' in result.output
    result = runner.invoke(
        app, ["facts", "--graph", str(ASSEMBLED), "-f", "csv", "-o", str(tmp_path)]
    )
    assert result.exit_code == 0 and (tmp_path / "quantities.csv").exists()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["facts", "--graph", "{missing}"], "run 'coopgraph build' first"),
        (["facts", "--graph", "{broken}"], "is not a readable TriG file"),
        (["facts", "--graph", "{good}", "--format", "trig"], "unknown format 'trig'"),
        (["facts", "--graph", "{good}", "--format", "csv"], "give a folder with --out DIR"),
    ],
)
def test_cli_facts_errors(tmp_path, args, message):
    broken = tmp_path / "broken.trig"
    broken.write_text("this is { not trig")
    values = {"missing": str(tmp_path / "none.trig"), "broken": str(broken), "good": str(ASSEMBLED)}
    result = runner.invoke(app, [a.format(**values) for a in args])
    assert result.exit_code == 1
    assert message in result.output and "Traceback" not in result.output
