"""``coopgraph analyze``: one sub-command per network analysis of the parties."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer

from coopgraph.cli.app import app, fail
from coopgraph.cli.options import get_settings

analyze_app = typer.Typer(
    help="Analyse the network of parties: who co-founded what, who is central, how two are "
    "connected.",
    no_args_is_help=True,
)
app.add_typer(analyze_app, name="analyze")

GraphOption = Annotated[
    Path | None, typer.Option("--graph", help="Built graph (default: settings).")
]
FormatOption = Annotated[str, typer.Option("--format", "-f", help="table, json or csv.")]
PlotOption = Annotated[
    Path | None, typer.Option("--plot", help="Also draw a picture (.png or .svg).")
]
TopOption = Annotated[int | None, typer.Option("--top", min=1, help="How many.")]
SeedOption = Annotated[int, typer.Option("--seed", help="Random seed.")]


def _run(
    name: str, options: dict[str, Any], graph: Path | None, fmt: str, plot: Path | None
) -> None:
    """Run analysis ``name`` with the options given (None: its default) and print it."""
    from coopgraph.analytics.base import AnalysisError
    from coopgraph.analytics.cli import AnalyzeError, analyze_command
    from coopgraph.store import StoreError
    from coopgraph.store.lookup import AmbiguousName, UnknownName

    given = {key: value for key, value in options.items() if value is not None}
    try:
        text = analyze_command(name, given, graph or get_settings().graph_path, fmt, plot)
    except (AnalyzeError, AnalysisError, UnknownName, AmbiguousName, StoreError) as error:
        raise fail(str(error)) from None
    typer.echo(text)


@analyze_app.command()
def cofounders(
    entity: Annotated[
        str | None, typer.Argument(metavar="ENTITY", help="One institute or programme.")
    ] = None,
    graph: GraphOption = None,
    fmt: FormatOption = "table",
    plot: PlotOption = None,
) -> None:
    """Who co-founded each institute or programme."""
    _run("cofounders", {"entity": entity}, graph, fmt, plot)


@analyze_app.command()
def centrality(
    top: TopOption = None,
    seed: SeedOption = 42,
    graph: GraphOption = None,
    fmt: FormatOption = "table",
    plot: PlotOption = None,
) -> None:
    """Degree, betweenness and PageRank of every party."""
    _run("centrality", {"top": top, "seed": seed}, graph, fmt, plot)


@analyze_app.command()
def communities(
    seed: SeedOption = 42,
    graph: GraphOption = None,
    fmt: FormatOption = "table",
    plot: PlotOption = None,
) -> None:
    """Louvain communities, named by their most central member."""
    _run("communities", {"seed": seed}, graph, fmt, plot)


@analyze_app.command()
def path(
    source: Annotated[str, typer.Argument(metavar="SOURCE", help="A party.")],
    target: Annotated[str, typer.Argument(metavar="TARGET", help="Another party.")],
    k: Annotated[int, typer.Option("--k", min=1, help="How many paths.")] = 3,
    graph: GraphOption = None,
    fmt: FormatOption = "table",
    plot: PlotOption = None,
) -> None:
    """Shortest and alternative paths between two parties, each hop with its sources."""
    _run("path", {"source": source, "target": target, "k": k}, graph, fmt, plot)


@analyze_app.command()
def bridges(
    top: TopOption = None,
    graph: GraphOption = None,
    fmt: FormatOption = "table",
    plot: PlotOption = None,
) -> None:
    """China–Singapore ties and the brokers that carry them."""
    _run("bridges", {"top": top}, graph, fmt, plot)


@analyze_app.command()
def ego(
    entity: Annotated[str, typer.Argument(metavar="ENTITY", help="A party.")],
    radius: Annotated[int, typer.Option("--radius", min=1, help="How many hops.")] = 1,
    graph: GraphOption = None,
    fmt: FormatOption = "table",
    plot: PlotOption = None,
) -> None:
    """The parties within --radius hops of one."""
    _run("ego", {"entity": entity, "radius": radius}, graph, fmt, plot)


@analyze_app.command()
def timeline(
    entity: Annotated[
        str | None, typer.Argument(metavar="ENTITY", help="One entity's events only.")
    ] = None,
    graph: GraphOption = None,
    fmt: FormatOption = "table",
    plot: PlotOption = None,
) -> None:
    """Agreements, meetings and foundings per year; figures over time."""
    _run("timeline", {"entity": entity}, graph, fmt, plot)


@analyze_app.command()
def within(
    place: Annotated[str, typer.Argument(metavar="PLACE", help="A place.")],
    graph: GraphOption = None,
    fmt: FormatOption = "table",
    plot: PlotOption = None,
) -> None:
    """Entities located in a place, or the places within it."""
    _run("within", {"place": place}, graph, fmt, plot)
