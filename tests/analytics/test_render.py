"""Results as table, JSON and CSV; the docstring examples; pandas frames."""

from __future__ import annotations

import csv
import doctest
import importlib
import io
import json

import pytest

from coopgraph.analytics import run_path, to_dataframe
from coopgraph.analytics.base import as_dict, rows_of
from coopgraph.analytics.render import render


@pytest.fixture(scope="module")
def result(network_store):
    return run_path(network_store, "NTU", "JITRI", k=1)


def test_json_holds_everything(result) -> None:
    data = json.loads(render(result, "json"))
    assert data == json.loads(json.dumps(as_dict(result)))
    assert data["paths"][0]["hops"][0]["facts"][0]["document"] == "a_guangzhou.txt"


def test_csv_holds_the_rows(result) -> None:
    rows = list(csv.DictReader(io.StringIO(render(result, "csv"))))
    assert len(rows) == len(rows_of(result)) == 5
    assert rows[0]["from"] == "Nanyang Technological University"


def test_table_has_summary_header_and_rows(result) -> None:
    lines = render(result, "table").splitlines()
    assert lines[0].startswith("path 1 (2 hops): ")
    header = next(line for line in lines if line.startswith("path  hop"))
    assert lines[lines.index(header) + 1].startswith("----")


def test_empty_table_says_so(network_store) -> None:
    from coopgraph.analytics import run_within

    assert render(run_within(network_store, "Singapore"), "table").endswith("(nothing found)")


def test_bad_format_and_bad_result() -> None:
    with pytest.raises(ValueError, match="unknown format 'yaml'"):
        render(object(), "yaml")
    with pytest.raises(TypeError, match="not an analysis result"):
        rows_of(object())
    with pytest.raises(TypeError, match="not an analysis result"):
        as_dict(object())


def test_unknown_analysis_name(network_store) -> None:
    from coopgraph.analytics import run

    with pytest.raises(ValueError, match="no analysis is called 'rank'"):
        run(network_store, "rank")


@pytest.mark.parametrize(
    "module",
    ["places", "cofounders", "centrality", "communities", "paths", "bridges", "timeline"],
)
def test_docstring_examples_run(module: str) -> None:
    outcome = doctest.testmod(importlib.import_module(f"coopgraph.analytics.{module}"))
    assert outcome.attempted > 0
    assert outcome.failed == 0


def test_to_dataframe(result) -> None:
    try:
        import pandas  # noqa: F401
    except ImportError:
        with pytest.raises(ImportError, match="pip install pandas"):
            to_dataframe(result)
    else:
        frame = to_dataframe(result)
        assert list(frame.columns)[:3] == ["path", "hop", "from"]
        assert len(frame) == 5


def test_centrality_title_names_what_the_bars_measure() -> None:
    import networkx as nx

    from coopgraph.analytics.centrality import centrality
    from coopgraph.analytics.plots import centrality_title

    star = nx.relabel_nodes(nx.star_graph(30), lambda n: f"https://example.org/p{n}")
    result = centrality(star, sample_above=10, k=5)
    title = centrality_title(result, 15)
    assert title == "Most central parties by PageRank (top 15 of 31)"
    assert "betweenness" not in title
