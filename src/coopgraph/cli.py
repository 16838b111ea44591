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


# --- endpoint -----------------------------------------------------------------------------


@app.command()
def serve(
    graph: Annotated[
        Path | None, typer.Option("--graph", help="TriG/N-Quads file to serve.")
    ] = None,
    host: str | None = typer.Option(None, "--host", help="Interface to listen on."),
    port: int | None = typer.Option(None, "--port", help="Port to listen on."),
    build: bool = typer.Option(False, "--build", help="Build the graph from data/ first."),
    allow_updates: bool = typer.Option(
        False, "--allow-updates", help="Accept SPARQL Update (needs COOPGRAPH_TOKEN)."
    ),
    timeout: float | None = typer.Option(None, "--timeout", help="Seconds a query may run."),
    workers: int = typer.Option(2, "--workers", min=1, help="Query worker processes."),
) -> None:
    """Serve the SPARQL endpoint, its query page and linked-data pages."""
    from pydantic import ValidationError

    from coopgraph.settings import Settings
    from coopgraph.store import StoreError

    overrides = {
        "graph_path": graph,
        "host": host,
        "port": port,
        "query_timeout": timeout,
        "allow_updates": allow_updates or None,
    }
    try:
        settings = Settings(**{k: v for k, v in overrides.items() if v is not None})
    except ValidationError as error:
        problems = "; ".join(str(e["msg"]).removeprefix("Value error, ") for e in error.errors())
        raise fail(f"bad settings: {problems}") from None
    if build:
        from coopgraph.build import BuildError
        from coopgraph.build import build as build_graph

        try:
            build_graph(settings)
        except BuildError as error:
            raise fail(f"the build failed: {error}") from None
    try:
        from coopgraph.api.app import create_app

        api = create_app(settings, workers=workers)
    except StoreError as error:
        raise fail(str(error)) from None
    import uvicorn

    access = logging.getLogger("coopgraph.access")
    access.setLevel(logging.INFO)
    access.addHandler(logging.StreamHandler())
    access.propagate = False
    typer.echo(f"coopgraph SPARQL endpoint at http://{settings.host}:{settings.port}/sparql")
    typer.echo(f"query page at http://{settings.host}:{settings.port}/")
    uvicorn.run(api, host=settings.host, port=settings.port, access_log=False, log_level="warning")


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
# --- export ---------------------------------------------------------------------------------


@app.command("export")
def export_command(
    format: Annotated[
        str,
        typer.Option(
            "--format",
            "-f",
            help="graphml gexf cytoscape dot nodelink csv turtle trig nquads jsonld html",
        ),
    ],
    output: Annotated[
        Path,
        typer.Option("--output", "-o", help="File to write; for csv, the folder for the tables."),
    ],
    view: Annotated[str, typer.Option(help="parties or full (network formats).")] = "parties",
    graph: Annotated[
        Path | None, typer.Option(help="Built graph (TriG or N-Quads); default: graph_path.")
    ] = None,
    types: Annotated[
        list[str] | None, typer.Option("--type", help="Keep nodes of this class (repeatable).")
    ] = None,
    sides: Annotated[
        list[str] | None,
        typer.Option("--side", help="Keep nodes of a side: China, Singapore, Joint, Third."),
    ] = None,
    documents: Annotated[
        list[str] | None,
        typer.Option("--document", help="Keep facts of a document: file name, key or IRI."),
    ] = None,
    since: Annotated[int | None, typer.Option(help="Keep documents published in or after.")] = None,
    until: Annotated[
        int | None, typer.Option(help="Keep documents published in or before.")
    ] = None,
) -> None:
    """Export the network or the graph: for Gephi, Cytoscape, Graphviz, D3, RDF tools, a browser."""
    from coopgraph.export import ExportError, Filters, export
    from coopgraph.settings import get_settings
    from coopgraph.store import StoreError, open_store

    settings = get_settings()
    filters = Filters(tuple(types or ()), tuple(sides or ()), tuple(documents or ()), since, until)
    try:
        store = open_store(graph or settings.graph_path, settings.ontology_path)
        written = export(store, format, output, view=view, filters=filters)
    except (ExportError, StoreError) as error:
        raise fail(str(error)) from None
    for path in written:
        typer.echo(f"wrote {path}")
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
