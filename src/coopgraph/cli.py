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


# --- pipeline: build, extract, facts, add, review ---------------------------------------------


_DataOption = Annotated[
    Path | None, typer.Option("--data", help="Data folder (documents/, entities.yaml).")
]


def _pipeline_settings(data: Path | None = None, out: Path | None = None):  # type: ignore[no-untyped-def]
    from coopgraph.settings import Settings, get_settings

    base = get_settings()
    changes: dict[str, Path] = {}
    if data is not None:
        changes["data_dir"] = data
    if out is not None:
        changes["graph_path"] = out
    return Settings(**{**base.model_dump(), **changes}) if changes else base


def _print_report(report) -> None:  # type: ignore[no-untyped-def]
    from rich.console import Console
    from rich.table import Table

    table = Table(title=f"built {report.path}", show_header=False)
    for what, count in report.rows():
        table.add_row(what, count)
    console = Console(stderr=True)
    console.print(table)
    for warning in report.warnings:
        console.print(f"[yellow]warning:[/yellow] {warning}", highlight=False)


@app.command("build")
def build_command(
    data: _DataOption = None,
    out: Annotated[
        Path | None, typer.Option("--out", help="Where to write the TriG graph.")
    ] = None,
    quiet: Annotated[
        bool, typer.Option("--quiet", "-q", help="No progress bar or summary.")
    ] = False,
) -> None:
    """Extract every document, validate the graph and write it (atomically)."""
    from coopgraph.build import BuildError, build

    settings = _pipeline_settings(data, out)
    try:
        report = build(settings, progress=not quiet)
    except BuildError as exc:
        raise fail(str(exc)) from None
    if not quiet:
        _print_report(report)


def _emit(dataset, fmt: str, out: Path | None) -> None:  # type: ignore[no-untyped-def]
    import sys

    from coopgraph.facts import records, write_csv, write_jsonl

    if fmt == "trig":
        text = dataset.serialize(format="trig")
        if out is None:
            sys.stdout.write(text)
        else:
            out.write_text(text, encoding="utf-8")
    elif fmt == "jsonl":
        if out is None:
            write_jsonl(records(dataset), sys.stdout)
        else:
            with out.open("w", encoding="utf-8") as stream:
                write_jsonl(records(dataset), stream)
    elif fmt == "csv":
        if out is None:
            raise fail("CSV is written as one file per kind: give a folder with --out DIR")
        for path in write_csv(records(dataset), out).values():
            typer.echo(f"wrote {path}", err=True)
    else:
        raise fail(f"unknown format '{fmt}': use jsonl, csv or trig")


@app.command("extract")
def extract_command(
    files: Annotated[list[Path], typer.Argument(help="Documents to read (.txt, .md, .html).")],
    fmt: Annotated[str, typer.Option("--format", "-f", help="jsonl, csv or trig.")] = "jsonl",
    out: Annotated[
        Path | None, typer.Option("--out", "-o", help="File (or folder for csv).")
    ] = None,
    data: Annotated[
        Path | None, typer.Option("--data", help="Data folder with the registry.")
    ] = None,
) -> None:
    """Extract facts from documents without adding them: prints to stdout or --out."""
    from coopgraph.assemble import assemble
    from coopgraph.build import BuildError, Pipeline
    from coopgraph.ingest import IngestError, read_document

    if fmt not in ("jsonl", "csv", "trig"):
        raise fail(f"unknown format '{fmt}': use jsonl, csv or trig")
    settings = _pipeline_settings(data)
    try:
        pipeline = Pipeline(settings.data_dir, settings.registry_path)
        documents = [read_document(path) for path in files]
    except (BuildError, IngestError) as exc:
        raise fail(str(exc)) from None
    extractions = [pipeline.extract(document)[0] for document in documents]
    _emit(assemble(pipeline.registry, extractions), fmt, out)


@app.command("facts")
def facts_command(
    graph: Annotated[Path | None, typer.Option("--graph", help="The built TriG graph.")] = None,
    fmt: Annotated[str, typer.Option("--format", "-f", help="jsonl or csv.")] = "jsonl",
    out: Annotated[
        Path | None, typer.Option("--out", "-o", help="File (or folder for csv).")
    ] = None,
) -> None:
    """The built graph as entity, fact and quantity records."""
    from rdflib import Dataset

    if fmt not in ("jsonl", "csv"):
        raise fail(f"unknown format '{fmt}': use jsonl or csv")
    path = graph or _pipeline_settings().graph_path
    if not path.is_file():
        raise fail(f"no graph at {path}: run 'coopgraph build' first or pass --graph FILE")
    dataset = Dataset()
    try:
        dataset.parse(path, format="trig")
    except Exception as exc:  # rdflib raises many parser error types
        raise fail(
            f"{path} is not a readable TriG file ({exc.__class__.__name__}: {exc})"
        ) from None
    _emit(dataset, fmt, out)


@app.command("add")
def add_command(
    file: Annotated[Path, typer.Argument(help="The document to add.")],
    data: _DataOption = None,
    out: Annotated[
        Path | None, typer.Option("--out", help="Where the TriG graph is written.")
    ] = None,
) -> None:
    """Copy a document into data/documents and rebuild; refuse and change nothing on failure."""
    from coopgraph.build import BuildError
    from coopgraph.build import add as add_document

    settings = _pipeline_settings(data, out)
    try:
        target, report = add_document(settings, file)
    except BuildError as exc:
        raise fail(str(exc)) from None
    typer.echo(f"added {target}", err=True)
    _print_report(report)


@app.command("review")
def review_command(
    data: _DataOption = None,
) -> None:
    """List entities found in the documents but not in the registry, with their sentences."""
    from coopgraph.build import BuildError
    from coopgraph.review import review

    try:
        items = review(_pipeline_settings(data))
    except BuildError as exc:
        raise fail(str(exc)) from None
    if not items:
        typer.echo("nothing to review: every entity found is in the registry")
        return
    for item in items:
        typer.echo(f"{item.name}  [{item.type}]  id: {item.id}")
        for document, sentence in item.mentions:
            typer.echo(f"    {document}: {sentence}")


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


# --- hardening: load test -------------------------------------------------------------------


@app.command("load")
def load_command(
    graph: Annotated[
        Path | None, typer.Option("--graph", help="Graph to serve (default: the built graph).")
    ] = None,
    url: Annotated[
        str | None, typer.Option("--url", help="A running loopback server instead of --graph.")
    ] = None,
    pid: Annotated[
        int | None, typer.Option("--pid", help="With --url: the server's process id.")
    ] = None,
    clients: Annotated[int, typer.Option("--clients", min=1, help="Concurrent clients.")] = 8,
    seconds: Annotated[float, typer.Option("--seconds", min=0.1, help="Longest run.")] = 60.0,
    requests: Annotated[
        int, typer.Option("--requests", min=1, help="Most requests to send.")
    ] = 10_000,
    workers: Annotated[int, typer.Option("--workers", min=1, help="Query workers.")] = 2,
    every: Annotated[
        int, typer.Option("--sample-every", min=1, help="Requests between memory samples.")
    ] = 500,
) -> None:
    """Load-test a loopback server with the canned-query mix: latency, throughput, memory."""
    from coopgraph.load import LoadError, run
    from coopgraph.settings import get_settings

    if url is None and graph is None:
        graph = get_settings().graph_path
    try:
        report = run(
            graph,
            url=url,
            pid=pid,
            clients=clients,
            seconds=seconds,
            max_requests=requests,
            workers=workers,
            sample_every=every,
        )
    except LoadError as error:
        raise fail(str(error)) from None
    for line in report.lines():
        typer.echo(line)
    if report.errors:
        raise typer.Exit(1)
