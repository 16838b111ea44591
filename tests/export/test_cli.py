"""``coopgraph export``: files written on success, one clear line and exit 1 on user errors."""

from __future__ import annotations

from pathlib import Path

import networkx as nx
import pytest
from typer.testing import CliRunner

from coopgraph.cli import app

NETWORK = Path(__file__).parents[1] / "data" / "analytics" / "network.trig"
runner = CliRunner()


def _run(*args: str):
    return runner.invoke(app, ["export", "--graph", str(NETWORK), *args])


def test_export_writes_the_file(tmp_path: Path) -> None:
    out = tmp_path / "g.graphml"
    result = _run("--format", "graphml", "--output", str(out), "--side", "China")
    assert result.exit_code == 0, result.output
    assert f"wrote {out}" in result.output
    assert {s for _, s in nx.read_graphml(out).nodes(data="side")} == {"China"}


def test_csv_writes_two_tables(tmp_path: Path) -> None:
    result = _run("--format", "csv", "--output", str(tmp_path / "tables"), "--view", "full")
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in (tmp_path / "tables").iterdir()) == ["edges.csv", "nodes.csv"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--format", "pdf"], "unknown format 'pdf'; choose one of graphml"),
        (["--format", "dot", "--view", "everything"], "unknown view 'everything'"),
        (["--format", "dot", "--type", "Spaceship"], "no node has type 'Spaceship'"),
        (["--format", "dot", "--since", "2031"], "no node matches --since 2031"),
        (["--format", "trig", "--document", "missing.txt"], "no document 'missing.txt'"),
    ],
)
def test_user_errors_are_one_clear_line(tmp_path: Path, args: list[str], message: str) -> None:
    result = _run(*args, "--output", str(tmp_path / "out"))
    assert result.exit_code == 1
    assert message in result.output
    assert "Traceback" not in result.output
    assert not (tmp_path / "out").exists()


def test_unwritable_output_says_so(tmp_path: Path) -> None:
    out = tmp_path / "no-such-folder" / "g.dot"
    result = _run("--format", "dot", "--output", str(out))
    assert result.exit_code == 1
    assert "does not exist; create it first" in result.output


def test_output_that_is_a_folder_says_so(tmp_path: Path) -> None:
    result = _run("--format", "gexf", "--output", str(tmp_path))
    assert result.exit_code == 1
    assert "it is a directory; give a file name" in result.output


def test_csv_output_that_is_a_file_says_so(tmp_path: Path) -> None:
    target = tmp_path / "taken"
    target.write_text("")
    result = _run("--format", "csv", "--output", str(target))
    assert result.exit_code == 1
    assert "it is a file; give a folder" in result.output


def test_read_only_folder_is_reported(tmp_path: Path) -> None:
    folder = tmp_path / "locked"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        probe = folder / "probe"
        try:
            probe.write_text("")
        except PermissionError:
            pass
        else:
            pytest.skip("running with privileges that ignore folder permissions")
        result = _run("--format", "dot", "--output", str(folder / "g.dot"))
        assert result.exit_code == 1
        assert "cannot write" in result.output and "choose a writable location" in result.output
    finally:
        folder.chmod(0o700)


def test_missing_graph_file_says_to_build(tmp_path: Path) -> None:
    result = runner.invoke(
        app,
        ["export", "--graph", str(tmp_path / "none.trig"), "-f", "dot", "-o", str(tmp_path / "x")],
    )
    assert result.exit_code == 1
    assert "run `coopgraph build` first" in result.output


def test_failed_write_leaves_no_temporary_file(tmp_path: Path, monkeypatch) -> None:
    import os

    from coopgraph.export.base import ExportError, write_output

    def refuse(*_: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", refuse)
    with pytest.raises(ExportError, match="No space left on device; choose a writable location"):
        write_output(tmp_path / "g.dot", "digraph {}")
    assert list(tmp_path.iterdir()) == []
