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


# --- validation and ontology documentation -----------------------------------------------------


@app.command("validate")
def validate_command(
    graph: Annotated[
        Path | None,
        typer.Argument(
            help="The graph file to check (TriG, Turtle, N-Quads, N-Triples, JSON-LD). "
            "Default: the built graph, out/coopgraph.trig.",
            show_default=False,
        ),
    ] = None,
    warnings: bool = typer.Option(
        False, "--warnings", "-w", help="List the warnings even when the graph conforms."
    ),
) -> None:
    """Check a graph against the SHACL shapes: exit 0 if it conforms, 1 if not, 2 if unreadable."""
    from rich.console import Console
    from rich.table import Table

    from coopgraph.settings import get_settings
    from coopgraph.validate import (
        GraphFileError,
        curie,
        load_graph,
        load_ontology,
        load_shapes,
        validate,
    )

    settings = get_settings()
    path = graph or settings.graph_path
    try:
        data = load_graph(path)
        report = validate(data, shapes=load_shapes(settings), ontology=load_ontology(settings))
    except GraphFileError as exc:
        raise fail(str(exc), code=2) from None
    errors, notes = len(report.errors), len(report.warnings)
    graphs = sum(1 for g in data.graphs() if len(g))
    if report.violations and (warnings or not report.conforms):
        console = Console()
        if not console.is_terminal:  # a pipe or a file: keep each result on one line
            console = Console(width=240)
        table = Table(show_lines=console.is_terminal)
        table.add_column("severity", no_wrap=True)
        for name in ("shape", "focus node", "path"):
            table.add_column(name, overflow="fold")
        table.add_column("message", ratio=1)
        for v in report.violations:
            colour = "red" if v.severity == "Violation" else "yellow"
            table.add_row(
                f"[{colour}]{v.severity}[/]",
                curie(v.constraint or v.shape),
                curie(v.focus),
                v.path_text,
                v.message,
            )
        console.print(table)
    counts = f"{errors} violation{'s' * (errors != 1)}, {notes} warning{'s' * (notes != 1)}"
    size = f"{len(data)} triples in {graphs} graph{'s' * (graphs != 1)}"
    if report.conforms:
        hint = " (--warnings lists them)" if notes and not warnings else ""
        typer.echo(f"{path} conforms to the shapes: {size}; {counts}{hint}.")
        return
    typer.echo(f"{path} does not conform to the shapes: {size}; {counts}.")
    raise typer.Exit(1)


@app.command("docs")
def docs_command(
    out: Annotated[
        Path | None,
        typer.Option(
            "--out",
            "-o",
            help="Folder to write index.html to. Default: ontology/docs/.",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Write the HTML documentation of the ontology (pyLODE)."""
    from coopgraph.docs import DocsError, build_docs
    from coopgraph.settings import get_settings

    try:
        written = build_docs(get_settings(), out / "index.html" if out else None)
    except DocsError as exc:
        raise fail(str(exc), code=2) from None
    typer.echo(f"wrote {written}")
