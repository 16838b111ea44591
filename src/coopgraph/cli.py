"""The ``coopgraph`` command line: thin commands over plain, testable functions.

Each command imports what it needs when it runs, so ``coopgraph --help`` stays fast.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Annotated

import typer

from coopgraph import __version__

app = typer.Typer(
    name="coopgraph",
    help="A knowledge graph of China–Singapore cooperation: build it, check it, query it.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"coopgraph {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    verbose: bool = typer.Option(False, "--verbose", "-v", help="Log what happens."),
    version: bool = typer.Option(
        False, "--version", callback=_version, is_eager=True, help="Print the version."
    ),
) -> None:
    """A knowledge graph of China–Singapore cooperation."""
    logging.basicConfig(
        level=logging.INFO if verbose else logging.WARNING,
        format="%(levelname)s %(name)s: %(message)s",
    )


def fail(message: str, code: int = 1) -> typer.Exit:
    """Print ``message`` to stderr and return the exit to raise."""
    typer.secho(f"error: {message}", fg=typer.colors.RED, err=True)
    return typer.Exit(code)


# --- evaluation ------------------------------------------------------------------------------


@app.command()
def evaluate(
    graph: Annotated[
        Path | None, typer.Option("--graph", help="Built graph file (default: the settings').")
    ] = None,
    gold: Annotated[Path | None, typer.Option("--gold", help="Gold JSONL directory.")] = None,
    fmt: Annotated[str, typer.Option("--format", help="table or json.")] = "table",
    verbose: Annotated[
        bool, typer.Option("--verbose", help="List misses and false positives.")
    ] = False,
) -> None:
    """Score the built graph against the gold annotation: precision, recall, F1."""
    import json

    from coopgraph.evaluate import GOLD_DIR, EvaluationError, evaluate_graph, format_table
    from coopgraph.settings import get_settings

    if fmt not in ("table", "json"):
        raise fail(f"unknown format '{fmt}': use table or json")
    try:
        report = evaluate_graph(graph or get_settings().graph_path, gold or GOLD_DIR)
    except EvaluationError as error:
        raise fail(str(error)) from None
    if fmt == "json":
        data = report.as_dict()
        if not verbose:
            data.pop("misses")
            data.pop("false_positives")
        typer.echo(json.dumps(data, indent=2, ensure_ascii=False))
    else:
        typer.echo(format_table(report, verbose=verbose))
