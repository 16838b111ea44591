"""``coopgraph analyze``: output formats, pictures, and every user error with its message."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from coopgraph.cli import app

NETWORK = Path(__file__).parents[1] / "data" / "analytics" / "network.trig"
runner = CliRunner()


def analyze(*args: str):
    return runner.invoke(app, ["analyze", *args, "--graph", str(NETWORK)])


def test_table_output_of_path() -> None:
    result = analyze("path", "NTU", "JITRI")
    assert result.exit_code == 0, result.output
    assert "path 1 (2 hops): Nanyang Technological University — " in result.output
    assert "SIP has partnered NTU since 2016." in result.output


def test_json_output_of_cofounders() -> None:
    result = analyze("cofounders", "SSIJRI", "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    [founding] = data["foundings"]
    assert len(founding["founders"]) == 4


def test_csv_output_of_centrality() -> None:
    result = analyze("centrality", "--top", "2", "-f", "csv")
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.output)))
    assert [r["label"] for r in rows][:1] == ["Nanyang Technological University"]
    assert len(rows) == 2


def test_within_includes_districts() -> None:
    result = analyze("within", "Chongqing", "-f", "json")
    labels = [e["label"] for e in json.loads(result.output)["entities"]]
    assert labels == [
        "Chongqing Chamber of Industry",
        "Chongqing Connectivity Initiative Administrative Bureau",
        "Liangjiang Investment Group",
    ]


@pytest.mark.parametrize(
    ("name", "suffix", "magic"),
    [
        ("centrality", ".png", b"\x89PNG\r\n\x1a\n"),
        ("timeline", ".png", b"\x89PNG\r\n\x1a\n"),
        ("communities", ".png", b"\x89PNG\r\n\x1a\n"),
        ("bridges", ".svg", b"<?xml"),
    ],
)
def test_plots_are_written(tmp_path: Path, name: str, suffix: str, magic: bytes) -> None:
    picture = tmp_path / f"{name}{suffix}"
    result = analyze(name, "--plot", str(picture))
    assert result.exit_code == 0, result.output
    assert picture.read_bytes().startswith(magic)
    if suffix == ".svg":
        assert b"<svg" in picture.read_bytes()[:2000]


def test_ego_and_path_plots(tmp_path: Path) -> None:
    assert analyze("ego", "NTU", "--radius", "2", "--plot", str(tmp_path / "e.png")).exit_code == 0
    assert analyze("path", "NTU", "JITRI", "--plot", str(tmp_path / "p.png")).exit_code == 0
    assert (tmp_path / "e.png").stat().st_size > 1000
    assert (tmp_path / "p.png").stat().st_size > 1000


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["path", "NTU", "Nowhere Institute"], "no entity is called 'Nowhere Institute'"),
        (["ego", "CCI"], "'CCI' is ambiguous"),
        (["path", "NTU", "Temasek Foundation"], "are not connected"),
        (["ego", "Yuzhong District"], "'Yuzhong District' is not a party"),
        (["centrality", "--format", "xml"], "unknown format 'xml'"),
        (["centrality", "--plot", "out.pdf"], "give a file name ending in .png or .svg"),
    ],
)
def test_user_errors_are_clear(args: list[str], message: str) -> None:
    result = analyze(*args)
    assert result.exit_code == 1
    assert message in result.output
    assert "Traceback" not in result.output


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["path", "NTU"], "Missing argument 'TARGET'"),
        (["ego"], "Missing argument 'ENTITY'"),
        (["centrality", "NTU"], "unexpected extra argument(s) (NTU)"),
        (["pagerank"], "No such command 'pagerank'"),
    ],
)
def test_a_wrong_command_line_is_a_usage_error(args: list[str], message: str) -> None:
    """Each analysis is a sub-command with its own arguments, so the parser names the fault."""
    result = runner.invoke(app, ["analyze", *args])
    assert result.exit_code == 2
    assert message in result.output


def test_missing_graph_says_to_build(tmp_path: Path) -> None:
    result = runner.invoke(app, ["analyze", "centrality", "--graph", str(tmp_path / "no.trig")])
    assert result.exit_code == 1
    assert "run `coopgraph build` first" in result.output
