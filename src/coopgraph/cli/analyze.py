"""``coopgraph analyze``: network analyses of the parties."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from coopgraph.cli.app import app, fail
from coopgraph.cli.options import get_settings

_ANALYZE_HELP = """Analyse the network of parties. NAME and its ARGS:

\b
  cofounders [ENTITY]     who co-founded each institute or programme
  centrality              degree, betweenness and PageRank of every party
  communities             Louvain communities, named by their most central member
  path PARTY PARTY        shortest and alternative paths, each hop with its sources
  bridges                 China–Singapore ties and the brokers that carry them
  ego PARTY               the parties within --radius hops
  timeline [ENTITY]       agreements, meetings and foundings per year; figures over time
  within PLACE            entities located in a place or the places within it
"""


@app.command(help=_ANALYZE_HELP)
def analyze(
    name: str = typer.Argument(..., metavar="NAME", help="The analysis to run (see above)."),
    args: Annotated[
        list[str] | None,
        typer.Argument(metavar="[ARGS]...", help="Names the analysis needs."),
    ] = None,
    graph: Annotated[
        Path | None, typer.Option("--graph", help="Built graph (default: settings).")
    ] = None,
    fmt: str = typer.Option("table", "--format", "-f", help="table, json or csv."),
    plot: Annotated[
        Path | None, typer.Option("--plot", help="Also draw a picture (.png or .svg).")
    ] = None,
    radius: int = typer.Option(1, "--radius", min=1, help="ego: how many hops."),
    k: int = typer.Option(3, "--k", min=1, help="path: how many paths."),
    top: int | None = typer.Option(None, "--top", min=1, help="centrality, bridges: how many."),
    seed: int = typer.Option(42, "--seed", help="centrality, communities: random seed."),
) -> None:
    from coopgraph.analytics.base import AnalysisError
    from coopgraph.analytics.cli import AnalyzeError, analyze_command
    from coopgraph.store import StoreError
    from coopgraph.store.lookup import AmbiguousName, UnknownName

    options = {"radius": radius, "k": k, "top": top, "seed": seed}
    try:
        text = analyze_command(
            name, args or [], graph or get_settings().graph_path, fmt, plot, options
        )
    except (AnalyzeError, AnalysisError, UnknownName, AmbiguousName, StoreError) as error:
        raise fail(str(error)) from None
    typer.echo(text)
