"""``coopgraph ingest``: metadata of documents, clear errors."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from coopgraph.cli import app
from coopgraph.settings import PROJECT_ROOT

runner = CliRunner()


def test_ingest_shows_metadata_and_text() -> None:
    seed = PROJECT_ROOT / "data" / "documents" / "001_7947d57b75f32462.txt"
    result = runner.invoke(app, ["ingest", str(seed), "--text"])
    assert result.exit_code == 0, result.output
    assert "kind: press release" in result.output
    assert "published: 2020-12-08" in result.output
    assert "The first is a S$61 million (RMB300 million) funding" in result.output
    assert "Share Article" not in result.output


def test_ingest_reads_a_folder(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("A Title For It\n\nSome text.\n", encoding="utf-8")
    result = runner.invoke(app, ["ingest", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert "a.txt" in result.output and "title: A Title For It" in result.output
    assert "warning: very short after cleaning" in result.output


def test_ingest_reports_a_bad_file_without_traceback(tmp_path: Path) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"caf\xe9")
    result = runner.invoke(app, ["ingest", str(bad)])
    assert result.exit_code == 1
    assert "byte 0xe9 at offset 3" in result.output
    assert "Traceback" not in result.output
