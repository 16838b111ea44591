"""The ``coopgraph`` command line: thin commands over plain, testable functions.

Each command imports what it needs when it runs, so ``coopgraph --help`` stays fast.
"""

from __future__ import annotations

import logging
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


# -- ingest ------------------------------------------------------------------------------


@app.command("ingest")
def ingest_command(
    paths: Annotated[list[str], typer.Argument(help="Document files or folders to read.")],
    text: bool = typer.Option(False, "--text", help="Also print the cleaned text."),
) -> None:
    """Read documents as the build does: show their metadata, warnings and cleaned text."""
    from pathlib import Path

    from coopgraph.ingest import IngestError, discover_documents, read_document

    try:
        files = [
            found
            for path in map(Path, paths)
            for found in (discover_documents(path) if path.is_dir() else [path])
        ]
        documents = [read_document(path) for path in files]
    except IngestError as error:
        raise fail(str(error)) from None
    for document in documents:
        typer.echo(f"{document.name}  key={document.key}  {len(document.text.split())} words")
        for field in ("title", "publisher", "published", "language", "kind", "url"):
            typer.echo(f"  {field}: {getattr(document, field) or '-'}")
        for warning in document.warnings:
            typer.secho(f"  warning: {warning}", fg=typer.colors.YELLOW)
        if text:
            typer.echo("\n" + document.text + "\n")
