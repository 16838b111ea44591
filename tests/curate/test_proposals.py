"""Recording decisions on a document's numbered proposals: ``coopgraph review DOCUMENT``
writes them into its review file, gated by the rebuilt graph."""

from __future__ import annotations

import pytest
from tests.reviews import FIRST, ask, decision, graph, write_review
from typer.testing import CliRunner

from coopgraph.build import BuildError
from coopgraph.build.decisions import load
from coopgraph.cli import app
from coopgraph.curate.proposals import proposals, record
from coopgraph.namespaces import curie
from coopgraph.settings import Settings

runner = CliRunner()


def numbers(settings: Settings) -> dict[tuple[str, str, str], int]:
    found, _ = proposals(settings, "harbour.txt")
    return {(p.fact.subject, curie(p.fact.predicate), p.fact.object): p.number for p in found}


def test_record_writes_the_review_file_and_rebuilds(harbour):
    number = numbers(harbour)
    path, _ = record(
        harbour,
        "harbour.txt",
        [
            (number["guangzhou", "cg:locatedIn", "china"], "reject"),
            (number["ncs", "cg:subsidiaryOf", "singtel"], "accept"),
        ],
        "Li Wei",
    )
    saved = load(path)
    assert saved.reviewer == "Li Wei"
    assert [d.decision for d in saved.decisions] == ["reject", "accept"]
    assert saved.decisions[0].quote == FIRST
    assert not ask(graph(harbour), "id:guangzhou cg:locatedIn id:china")
    # a second choice on the same fact replaces the first
    record(harbour, "harbour.txt", [(number["guangzhou", "cg:locatedIn", "china"], "accept")],
           "Li Wei")  # fmt: skip
    assert [d.decision for d in load(path).decisions] == ["accept", "accept"]
    assert ask(graph(harbour), "id:guangzhou cg:locatedIn id:china")


def test_refused_record_changes_no_file(harbour):
    path = write_review(
        harbour, [decision("ncs", "cg:locatedIn", "Guangzhou", "add", datatype="string")]
    )
    before = path.read_bytes()
    with pytest.raises(BuildError, match="the decisions were not recorded"):
        record(harbour, "harbour.txt", [(1, "accept")], "Li Wei")
    assert path.read_bytes() == before
    assert not harbour.graph_path.exists()
    with pytest.raises(BuildError, match="not 99"):
        record(harbour, "harbour.txt", [(99, "reject")], "Li Wei")
    assert path.read_bytes() == before


def test_cli_prints_proposals_and_records_decisions(harbour):
    common = ["--data", str(harbour.data_dir), "--out", str(harbour.graph_path)]
    result = runner.invoke(app, ["review", "harbour.txt", *common])
    assert result.exit_code == 0, result.output
    assert FIRST in result.output
    number = numbers(harbour)["guangzhou", "cg:locatedIn", "china"]
    assert f"{number}. guangzhou cg:locatedIn china  [to review]" in result.output
    result = runner.invoke(app, ["review", "harbour.txt", "--reject", str(number), *common])
    assert result.exit_code == 1 and "--reviewer NAME" in result.output
    result = runner.invoke(
        app, ["review", "harbour.txt", "--reject", str(number), "--reviewer", "Li Wei", *common]
    )
    assert result.exit_code == 0, result.output
    assert f"{number}. guangzhou cg:locatedIn china  [rejected by Li Wei]" in result.output
    assert (harbour.reviews_dir / "harbour.txt.review.yaml").is_file()
    assert harbour.graph_path.is_file()


def test_cli_without_document_still_lists_entities(harbour):
    result = runner.invoke(app, ["review", "--data", str(harbour.data_dir)])
    assert result.exit_code == 0, result.output
    assert "proposals" not in result.output
    result = runner.invoke(app, ["review", "--reject", "1", "--data", str(harbour.data_dir)])
    assert result.exit_code == 1 and "need a DOCUMENT" in result.output


def test_cli_unknown_document(harbour):
    result = runner.invoke(app, ["review", "nowhere.txt", "--data", str(harbour.data_dir)])
    assert result.exit_code == 1 and "no such document" in result.output
