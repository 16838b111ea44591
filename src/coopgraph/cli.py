"""The ``coopgraph`` command line: thin commands over plain, testable functions.

Each command imports what it needs when it runs, so ``coopgraph --help`` stays fast.
"""

from __future__ import annotations

import json
import logging
from pathlib import Path
from typing import Annotated, Any

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


def _settings(**overrides: object):  # type: ignore[no-untyped-def]
    """Settings with the given options over the environment; a clear error if they clash."""
    import os
    import sys

    from pydantic import ValidationError

    from coopgraph.settings import Settings

    values: dict[str, Any] = {k: v for k, v in overrides.items() if v is not None}
    if (
        values.get("store_user")
        and not os.environ.get("COOPGRAPH_STORE_PASSWORD")
        and sys.stdin.isatty()
    ):
        values["store_password"] = typer.prompt("store password", hide_input=True)
    try:
        return Settings(**values)
    except ValidationError as error:
        problems = "; ".join(str(e["msg"]).removeprefix("Value error, ") for e in error.errors())
        raise fail(f"bad settings: {problems}") from None


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
    workers: int = typer.Option(
        2, "--workers", min=1, help="Query workers, shared out among the processes."
    ),
    processes: Annotated[
        int | None,
        typer.Option(
            "--processes",
            min=1,
            help="Server processes sharing the port and the loaded graph (default: 2; "
            "1 with --allow-updates).",
        ),
    ] = None,
    store: Annotated[
        str | None,
        typer.Option(
            "--store",
            help="Serve from this SPARQL 1.1 store instead of the graph file "
            "(default: COOPGRAPH_STORE_URL).",
        ),
    ] = None,
    store_kind: Annotated[
        str | None,
        typer.Option(
            "--store-kind",
            "--kind",
            help="The store's URL layout: oxigraph, fuseki, graphdb, virtuoso or generic "
            "(default: COOPGRAPH_STORE_KIND, else found by asking the store).",
        ),
    ] = None,
) -> None:
    """Serve the SPARQL endpoint, its query page and linked-data pages."""

    from coopgraph.store import StoreError
    from coopgraph.store.connection import EndpointError, GraphStoreError

    overrides: dict[str, Any] = {
        "graph_path": graph,
        "host": host,
        "port": port,
        "query_timeout": timeout,
        "allow_updates": allow_updates or None,
        "store_url": store,
        "store_kind": store_kind,
        "processes": processes,
    }
    settings = _settings(**overrides)
    # an update changes the store of the process that takes it: one process then
    processes = 1 if settings.allow_updates else settings.processes
    if settings.store_url and (build or graph):
        raise fail(
            "--build and --graph serve a graph file, --store (or COOPGRAPH_STORE_URL) a "
            "store; to serve a new build from the store, run `coopgraph build` and "
            "`coopgraph publish` first",
            code=2,
        )
    if build:
        from coopgraph.build import BuildError
        from coopgraph.build import build as build_graph

        try:
            build_graph(settings)
        except BuildError as error:
            raise fail(f"the build failed: {error}") from None
    try:
        from coopgraph.api.app import create_app

        api = create_app(settings, workers=-(-workers // processes))
    except StoreError as error:
        raise fail(str(error)) from None
    except (EndpointError, GraphStoreError) as error:
        raise fail(str(error), code=2) from None
    from coopgraph.api import serving

    access = logging.getLogger("coopgraph.access")
    access.setLevel(logging.INFO)
    access.addHandler(logging.StreamHandler())
    access.propagate = False
    if settings.store_url:
        found = api.state.store.endpoints.found
        typer.echo(found if found else f"store layout: {settings.store_kind}")
        typer.echo(f"serving the triple store at {api.state.store.location}")
    typer.echo(f"coopgraph SPARQL endpoint at http://{settings.host}:{settings.port}/sparql")
    typer.echo(f"query page at http://{settings.host}:{settings.port}/")
    try:
        serving.run(api, settings.host, settings.port, processes)
    except OSError as error:
        raise fail(f"cannot listen on {settings.host}:{settings.port}: {error.strerror}") from None


# --- analytics -------------------------------------------------------------------------------

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
    from coopgraph.settings import get_settings
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
    full_validation: Annotated[
        bool,
        typer.Option("--full-validation", help="Validate the whole graph, not only what changed."),
    ] = False,
) -> None:
    """Extract every document, validate the graph and write it (atomically)."""
    from coopgraph.build import BuildError, build

    settings = _pipeline_settings(data, out)
    try:
        report = build(settings, progress=not quiet, full_validation=full_validation)
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
        pipeline = Pipeline(settings.data_dir, settings.registry_path, model=settings.spacy_model)
        documents = [read_document(path) for path in files]
    except (BuildError, IngestError) as exc:
        raise fail(str(exc)) from None
    try:
        extractions = [pipeline.extract(document)[0] for document in documents]
    except BuildError as exc:
        raise fail(str(exc)) from None
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
    full_validation: Annotated[
        bool,
        typer.Option("--full-validation", help="Validate the whole graph, not only what changed."),
    ] = False,
) -> None:
    """Copy a document into data/documents and rebuild; refuse and change nothing on failure."""
    from coopgraph.build import BuildError
    from coopgraph.build import add as add_document

    settings = _pipeline_settings(data, out)
    try:
        target, report = add_document(settings, file, full_validation=full_validation)
    except BuildError as exc:
        raise fail(str(exc)) from None
    typer.echo(f"added {target}", err=True)
    _print_report(report)


@app.command("review")
def review_command(
    document: Annotated[
        str | None,
        typer.Argument(
            help="A document's file name: print its numbered proposals (and record decisions). "
            "Without it: list entities found outside the registry."
        ),
    ] = None,
    accept: Annotated[
        list[int] | None, typer.Option("--accept", help="Accept proposal N (repeatable).")
    ] = None,
    reject: Annotated[
        list[int] | None, typer.Option("--reject", help="Reject proposal N (repeatable).")
    ] = None,
    reviewer: Annotated[
        str | None,
        typer.Option(
            "--reviewer", help="Your name on the decisions (default: COOPGRAPH_REVIEWER)."
        ),
    ] = None,
    edit: Annotated[
        bool,
        typer.Option(
            "--edit",
            help="Open the document's decisions in $EDITOR, the undecided proposals below "
            "them ready to use (accept, reject, correct, add).",
        ),
    ] = False,
    data: _DataOption = None,
    out: Annotated[
        Path | None,
        typer.Option("--out", help="The graph rebuilt after recording decisions."),
    ] = None,
) -> None:
    """List entities found outside the registry; or a document's proposals and decisions."""
    from coopgraph.build import BuildError
    from coopgraph.build.review import review

    settings = _pipeline_settings(data, out)
    if document is not None:
        choices = [(n, "accept") for n in accept or []] + [(n, "reject") for n in reject or []]
        try:
            _review_document(settings, Path(document).name, choices, reviewer, edit)
        except BuildError as exc:
            raise fail(str(exc)) from None
        return
    if accept or reject or edit:
        raise fail("--accept, --reject and --edit need a DOCUMENT")
    try:
        items = review(settings)
    except BuildError as exc:
        raise fail(str(exc)) from None
    if not items:
        typer.echo("nothing to review: every entity found is in the registry")
        return
    for item in items:
        typer.echo(f"{item.name}  [{item.type}]  id: {item.id}")
        for document_name, sentence in item.mentions:
            typer.echo(f"    {document_name}: {sentence}")


def _reviewer_name(settings, name: str, reviewer: str | None) -> str:  # type: ignore[no-untyped-def]
    """Who decides: --reviewer, else COOPGRAPH_REVIEWER, else the review file's reviewer."""
    from coopgraph.build import BuildError
    from coopgraph.proposals import load_review

    existing = load_review(settings, name)
    who = reviewer or settings.reviewer or (existing.reviewer if existing else None)
    if not who:
        raise BuildError("give your name: --reviewer NAME or COOPGRAPH_REVIEWER")
    return str(who)


def _edit_decisions(settings, name: str, who: str) -> None:  # type: ignore[no-untyped-def]
    """The document's decisions edited in $EDITOR, saved and the graph rebuilt."""
    import click

    from coopgraph.curate.editor import save, template

    text = click.edit(template(settings, name, who), extension=".yaml", require_save=True)
    if text is None:
        typer.echo("nothing saved: the decisions are unchanged")
        return
    path, report = save(settings, name, text)
    typer.echo(f"saved {path}; the graph is rebuilt" if report else "the decisions are unchanged")


def _review_document(  # type: ignore[no-untyped-def]
    settings, name: str, choices: list[tuple[int, str]], reviewer: str | None, edit: bool = False
) -> None:
    """Record ``choices`` (if any) in the document's review file, or the decisions edited in
    the person's editor, then print its proposals."""
    from coopgraph.proposals import proposals, record

    if choices:
        who = _reviewer_name(settings, name, reviewer)
        path, _ = record(settings, name, choices, who)
        typer.echo(f"recorded {len(choices)} decision(s) in {path}; the graph is rebuilt")
    if edit:
        _edit_decisions(settings, name, _reviewer_name(settings, name, reviewer))
    found, review_file = proposals(settings, name)
    if not found:
        typer.echo(f"{name}: no fact extracted")
    sentence = None
    for proposal in found:
        if proposal.sentence != sentence:
            sentence = proposal.sentence
            typer.echo(f"\n  {sentence}")
        typer.echo(f"{proposal.number:4}. {proposal.line()}")
    added = [d for d in review_file.decisions if d.decision == "add"] if review_file else []
    for decision in added:
        typer.echo(
            f"   +. {decision.subject} {decision.relation} {decision.object}  "
            f"[added by {decision.by}]"
        )


# --- evaluation ------------------------------------------------------------------------------


@app.command()
def evaluate(
    graph: Annotated[
        Path | None, typer.Option("--graph", help="Built graph file (default: the settings').")
    ] = None,
    gold: Annotated[
        Path | None,
        typer.Option(
            "--gold",
            help="Gold JSONL directory, or a folder of texts with a neutral "
            "*-gold.yaml (a development set).",
        ),
    ] = None,
    docs: Annotated[
        str,
        typer.Option("--docs", help="Neutral gold: score only documents starting so (d13,d14)."),
    ] = "",
    fmt: Annotated[str, typer.Option("--format", help="table or json.")] = "table",
    verbose: Annotated[
        bool, typer.Option("--verbose", help="List misses and false positives.")
    ] = False,
) -> None:
    """Score the built graph against the gold annotation: precision, recall, F1."""
    import json

    from coopgraph.evaluate import GOLD_DIR, EvaluationError, evaluate_graph, format_table
    from coopgraph.neutral import gold_file
    from coopgraph.settings import get_settings

    if fmt not in ("table", "json"):
        raise fail(f"unknown format '{fmt}': use table or json")
    neutral = gold_file(gold) if gold is not None and gold.is_dir() else None
    if neutral is not None:
        _evaluate_neutral(neutral, [p for p in docs.split(",") if p], fmt)
        return
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


def _evaluate_neutral(path: Path, prefixes: list[str], fmt: str) -> None:
    """Extract the texts beside a neutral gold file and print their scores."""
    import json

    import yaml

    from coopgraph.assemble import assemble
    from coopgraph.build import BuildError, Pipeline
    from coopgraph.facts import records
    from coopgraph.ingest import IngestError, read_document
    from coopgraph.neutral import NeutralError, load_mapping, score, system_documents

    settings = _pipeline_settings(None)
    try:
        gold = yaml.safe_load(path.read_text(encoding="utf-8"))
        mapping = load_mapping(settings.data_dir / "neutral.yaml")
        pipeline = Pipeline(settings.data_dir, settings.registry_path, model=settings.spacy_model)
        names = [d["file"] for d in gold["documents"] if d["file"].startswith(tuple(prefixes))]
        documents = [read_document(path.parent / name) for name in names]
    except (BuildError, IngestError, NeutralError, OSError, KeyError) as exc:
        raise fail(f"{path}: {exc}") from None
    try:
        extractions = [pipeline.extract(document)[0] for document in documents]
    except BuildError as exc:
        raise fail(str(exc)) from None
    system = system_documents(records(assemble(pipeline.registry, extractions)), load_mapping(
        settings.data_dir / "neutral.yaml"))  # fmt: skip
    scores = score(gold, system, mapping, prefixes)
    rows = {name: s.row() for name, s in scores.items()}
    if fmt == "json":
        typer.echo(json.dumps(rows, indent=2))
        return
    typer.echo(f"{'document':58} {'entities P/R/F':22} {'relations P/R/F':22} quantities  planned")
    for name, row in sorted(rows.items(), key=lambda kv: (kv[0] == "all", kv[0])):
        e, r = "/".join(f"{x:.2f}" for x in row["entities"]), "/".join(
            f"{x:.2f}" for x in row["relations"])  # fmt: skip
        typer.echo(f"{name[:58]:58} {e:22} {r:22} {row['quantity recall']:<11.2f} "
                   f"{row['planned asserted as done']}")  # fmt: skip


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
    engine: str = typer.Option(
        "oxigraph",
        "--engine",
        help="oxigraph (the shapes compiled to SPARQL, fast) or pyshacl (the reference).",
    ),
) -> None:
    """Check a graph against the SHACL shapes: exit 0 if it conforms, 1 if not, 2 if unreadable."""
    from rich.console import Console
    from rich.table import Table

    from coopgraph.settings import get_settings
    from coopgraph.validate import (
        ENGINES,
        GraphFileError,
        curie,
        load_graph,
        load_ontology,
        load_shapes,
        validate,
    )
    from coopgraph.validate.oxigraph import UnsupportedShapeError

    if engine not in ENGINES:
        raise fail(f"unknown --engine {engine!r}: use {' or '.join(ENGINES)}", code=2)
    settings = get_settings()
    path = graph or settings.graph_path
    try:
        data = load_graph(path)
        shapes, ontology = load_shapes(settings), load_ontology(settings)
        report = validate(data, shapes=shapes, ontology=ontology, engine=engine)
    except GraphFileError as exc:
        raise fail(str(exc), code=2) from None
    except UnsupportedShapeError as exc:
        raise fail(f"{exc}; check this graph with --engine pyshacl", code=2) from None
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


# --- publishing to an external triple store --------------------------------------------------


@app.command()
def publish(
    to: Annotated[
        str | None,
        typer.Option("--to", help="The store's URL (default: COOPGRAPH_STORE_URL)."),
    ] = None,
    kind: Annotated[
        str | None,
        typer.Option(
            "--kind",
            help="The store's URL layout: oxigraph, fuseki, graphdb, virtuoso or generic "
            "(default: found by asking the store).",
        ),
    ] = None,
    gsp_url: Annotated[
        str | None, typer.Option("--gsp-url", help="Graph Store Protocol URL, if not derived.")
    ] = None,
    graph: Annotated[
        Path | None, typer.Option("--graph", help="Built graph file (default: the settings').")
    ] = None,
    ontology: Annotated[
        bool, typer.Option("--ontology/--no-ontology", help="Publish the ontology graph too.")
    ] = True,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Only show what would change.")
    ] = False,
    force: Annotated[bool, typer.Option("--force", help="Rewrite unchanged graphs too.")] = False,
    prune: Annotated[
        bool,
        typer.Option("--prune", help="Delete coopgraph graphs the file no longer has."),
    ] = False,
    user: Annotated[
        str | None,
        typer.Option("--user", help="User name (password: COOPGRAPH_STORE_PASSWORD or prompt)."),
    ] = None,
    timeout: Annotated[float | None, typer.Option("--timeout", help="Seconds per request.")] = None,
    jobs: Annotated[int, typer.Option("--jobs", min=1, max=32, help="Graphs sent at once.")] = 4,
) -> None:
    """Publish the built graph to a SPARQL 1.1 store: one Graph Store PUT per changed graph."""
    from rich.console import Console

    from coopgraph.store.connection import UNION_HELP, EndpointError, GraphStoreError, connect
    from coopgraph.store.publish import PublishError, load_graphs, report_table
    from coopgraph.store.publish import publish as publish_graphs

    settings = _settings(
        store_url=to,
        store_kind=kind,
        store_gsp_url=gsp_url,
        store_user=user,
        store_timeout=timeout,
        graph_path=graph,
    )
    if not settings.store_url:
        raise fail("no store to publish to: pass --to URL or set COOPGRAPH_STORE_URL")
    try:
        graphs = load_graphs(settings.graph_path, settings.ontology_path if ontology else None)
        store = connect(settings, require_union=False)
    except (PublishError, EndpointError, GraphStoreError) as error:
        raise fail(str(error)) from None
    if store.endpoints.found:
        typer.echo(store.endpoints.found, err=True)
    try:
        with _publish_progress(len(graphs)) as step:
            report = publish_graphs(
                graphs,
                store,
                dry_run=dry_run,
                force=force,
                prune=prune,
                jobs=jobs,
                progress=step,
            )
        union = None if dry_run else store.union_default_graph()
    except GraphStoreError as error:
        raise fail(str(error)) from None
    finally:
        store.close()
    console = Console(width=120)
    console.print(report_table(report))
    if report.untouched:
        console.print(f"{len(report.untouched)} other graphs in the store were left alone.")
    if union is False:
        typer.secho(
            f"warning: queries at {store.location} do not see the named graphs' triples; "
            f"for `coopgraph serve` over this store, {UNION_HELP}",
            fg=typer.colors.YELLOW,
            err=True,
        )


def _publish_progress(total: int):
    """A progress bar on stderr, advanced once per graph."""
    from contextlib import contextmanager

    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    @contextmanager
    def bar():
        columns = (TextColumn("publishing"), BarColumn(), MofNCompleteColumn())
        with Progress(*columns, console=Console(stderr=True), transient=True) as progress:
            task = progress.add_task("graphs", total=total)
            yield lambda change: progress.advance(task)

    return bar()


# --- bench: corpus generator and side-by-side benchmark -------------------------------------

bench_app = typer.Typer(help="Generate a scaled corpus and benchmark coopgraph beside its peers.")
app.add_typer(bench_app, name="bench")


@bench_app.command("generate")
def bench_generate(
    triples: Annotated[int, typer.Option("--triples", "-n", help="How many quads.")] = 100_000,
    out: Annotated[
        Path | None, typer.Option(help="Folder to write (default: out/bench/N).")
    ] = None,
    seed: Annotated[int, typer.Option(help="The same seed gives the same bytes.")] = 0,
    texts: Annotated[int, typer.Option(help="How many document texts to write.")] = 20,
) -> None:
    """Write a synthetic corpus: corpus.trig, documents/*.txt and manifest.json."""
    from coopgraph.bench.generate import GenerateError, generate
    from coopgraph.settings import get_settings

    folder = out or get_settings().graph_path.parent / "bench" / str(triples)
    try:
        manifest = generate(triples, folder, seed=seed, texts=texts, progress=True)
    except GenerateError as error:
        raise fail(str(error)) from None
    except OSError as error:
        raise fail(f"cannot write the corpus to {folder}: {error}") from None
    typer.echo(
        f"{manifest.triples:,} quads in {manifest.documents:,} document graphs and "
        f"{manifest.entities:,} entities; {manifest.texts} texts -> {folder}"
    )


@bench_app.command("run")
def bench_run(
    triples: Annotated[
        int, typer.Option("--triples", "-n", help="Corpus size in quads.")
    ] = 100_000,
    out: Annotated[Path, typer.Option(help="Where to write the JSON results.")] = Path(
        "bench-results.json"
    ),
    corpus: Annotated[
        Path | None, typer.Option(help="Corpus folder (default: out/bench/N; made if missing).")
    ] = None,
    seed: Annotated[int, typer.Option(help="Seed of the corpus.")] = 0,
    skip: Annotated[
        list[str] | None, typer.Option(help="Engine to leave out; repeat for more.")
    ] = None,
    runs: Annotated[int, typer.Option(help="Timed runs per query (after one warm-up).")] = 20,
    budget: Annotated[float, typer.Option(help="Seconds per query before stopping early.")] = 5.0,
    requests: Annotated[int, typer.Option(help="Point lookups before the second RSS.")] = 10_000,
    loop_budget: Annotated[float, typer.Option(help="Seconds the lookups may take.")] = 60.0,
    wrk_seconds: Annotated[int, typer.Option(help="Seconds of wrk load per server.")] = 10,
    query_timeout: Annotated[
        float, typer.Option(help="Seconds an engine may take per query of the mix.")
    ] = 60.0,
    pyshacl: Annotated[
        bool | None,
        typer.Option(
            "--pyshacl/--no-pyshacl",
            help="Time pySHACL as the validation baseline (default: up to 100k quads).",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Measure coopgraph beside pyoxigraph, rdflib, Oxigraph server and rdflib-endpoint.

    Also SHACL validation (oxigraph engine, pySHACL baseline) and adding one document to a
    built corpus; `--skip validation` / `--skip incremental` leave those out, and skipping
    every engine and `extraction` runs only them.
    """
    from coopgraph.bench.generate import GenerateError
    from coopgraph.bench.report import markdown
    from coopgraph.bench.run import SKIPPABLE, RunOptions, run

    unknown = sorted(set(skip or ()) - set(SKIPPABLE))
    if unknown:
        choices = ", ".join(SKIPPABLE)
        raise fail(f"--skip {', '.join(unknown)}: unknown engine; choose from {choices}")
    if min(runs, requests, wrk_seconds) < 1 or min(budget, loop_budget, query_timeout) <= 0:
        raise fail("--runs, --requests, --wrk-seconds and the budgets must be positive")
    options = RunOptions(
        triples=triples, corpus=corpus, seed=seed, skip=tuple(skip or ()), runs=runs,
        budget=budget, requests=requests, loop_budget=loop_budget, wrk_seconds=wrk_seconds,
        query_timeout=query_timeout, pyshacl=pyshacl,
    )  # fmt: skip

    def save(results: dict) -> None:
        try:
            out.write_text(json.dumps(results, indent=2) + "\n")
        except OSError as error:
            raise fail(f"cannot write the results to {out}: {error}") from None

    try:
        save({})  # fail early if the results cannot be written
        results = run(options, checkpoint=save)
    except GenerateError as error:
        raise fail(str(error)) from None
    save(results)
    typer.echo(markdown(results))
    typer.echo(f"results written to {out}")


@bench_app.command("extraction")
def bench_extraction(
    texts: Annotated[Path, typer.Argument(help="Folder of *.txt documents to extract.")],
    data: Annotated[
        Path | None, typer.Option("--data", help="Data folder with the registry and rules.")
    ] = None,
    rounds: Annotated[int, typer.Option(help="Passes over the texts; the fastest counts.")] = 3,
    long_sentences: Annotated[
        int, typer.Option("--long", help="Also one document of about this many sentences.")
    ] = 0,
) -> None:
    """Time extraction alone (one process, one core), beside the English pipeline alone."""
    from coopgraph.bench.extraction import measure_extraction
    from coopgraph.bench.report import extraction_lines

    if rounds < 1:
        raise fail("--rounds must be at least 1")
    if not texts.is_dir():
        raise fail(f"{texts} is not a folder: give a folder of *.txt documents")
    if long_sentences < 0:
        raise fail("--long must be 0 or more sentences")
    figures = measure_extraction(texts, _pipeline_settings(data).data_dir, rounds, long_sentences)
    if figures["status"] != "ok":
        raise fail(f"extraction not measured: {figures['reason']}")
    typer.echo("\n".join(extraction_lines(figures)).strip())


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
    from coopgraph.bench.load import LoadError, run
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
