"""The extraction-only figure: its shape, its report line and its refusals (no timing is
asserted: speed is for the printed figures)."""

from __future__ import annotations

import shutil
from pathlib import Path

from typer.testing import CliRunner

from coopgraph.bench.extraction import measure_extraction
from coopgraph.bench.generate import Manifest
from coopgraph.bench.report import extraction_lines
from coopgraph.cli import app
from coopgraph.settings import PROJECT_ROOT

DATA = PROJECT_ROOT / "data"


def test_extraction_alone_is_measured(corpus: tuple[Path, Manifest]) -> None:
    texts = corpus[0] / "documents"
    figures = measure_extraction(texts, DATA, rounds=2)
    assert figures["status"] == "ok", figures
    assert figures["documents"] == corpus[1].texts == len(list(texts.glob("*.txt")))
    words = sum(len(p.read_text(encoding="utf-8").split()) for p in texts.glob("*.txt"))
    assert 0.9 * words <= figures["words"] <= words  # cleaning drops only page furniture
    assert figures["first_pass_seconds"] >= figures["seconds"] > 0
    line = "\n".join(extraction_lines(figures))
    assert "Extraction alone" in line and f"{figures['documents_per_s']:.1f} documents/s" in line
    matching = figures["matching"]
    assert matching["same_matches"] is True and matching["spacy_seconds"] > 0, matching
    assert "spaCy's DependencyMatcher with the same patterns" in line


def test_no_texts_is_skipped(tmp_path: Path) -> None:
    figures = measure_extraction(tmp_path, DATA)
    assert figures == {"status": "skipped", "reason": f"no sample texts in {tmp_path}"}
    assert extraction_lines(figures) == ["", f"Extraction alone: skipped: {figures['reason']}"]


def test_a_broken_registry_fails_with_its_reason(tmp_path: Path, corpus) -> None:
    data = tmp_path / "data"
    shutil.copytree(DATA, data, ignore=shutil.ignore_patterns("documents"))
    (data / "entities.yaml").write_text("- id: x\n  name: X\n  type: NoSuchType\n")
    figures = measure_extraction(corpus[0] / "documents", data)
    assert figures["status"] == "failed" and "NoSuchType" in figures["reason"]


def test_command_prints_the_figure(corpus) -> None:
    result = CliRunner().invoke(
        app, ["bench", "extraction", str(corpus[0] / "documents"), "--rounds", "1"]
    )
    assert result.exit_code == 0, result.output
    assert "documents/s" in result.output and "words/s" in result.output


def test_command_refusals(tmp_path: Path) -> None:
    runner = CliRunner()
    missing = runner.invoke(app, ["bench", "extraction", str(tmp_path / "nowhere")])
    assert missing.exit_code == 1 and "is not a folder" in missing.output
    empty = runner.invoke(app, ["bench", "extraction", str(tmp_path)])
    assert empty.exit_code == 1 and "no sample texts" in empty.output
    rounds = runner.invoke(app, ["bench", "extraction", str(tmp_path), "--rounds", "0"])
    assert rounds.exit_code == 1 and "--rounds must be at least 1" in rounds.output
    assert "Traceback" not in missing.output + empty.output + rounds.output


def test_a_long_document_is_measured_beside_the_pipeline_alone(
    corpus: tuple[Path, Manifest],
) -> None:
    figures = measure_extraction(corpus[0] / "documents", DATA, rounds=1, long_sentences=60)
    long = figures["long"]
    assert long["sentences"] >= 60 and long["seconds"] > 0 and long["model_seconds"] > 0
    assert long["peak_rss_mb"] > 0
    assert f"One document of {long['sentences']:,} sentences" in "\n".join(
        extraction_lines(figures)
    )


def test_a_negative_length_is_refused(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["bench", "extraction", str(tmp_path), "--long", "-1"])
    assert result.exit_code != 0 and "--long must be 0 or more" in result.output
