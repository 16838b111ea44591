"""Checking the graph: SHACL validation, scores against the gold, the ontology's pages."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from coopgraph.cli.app import app, fail
from coopgraph.cli.options import get_settings, pipeline_settings


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

    from coopgraph.evaluate import EvaluationError, evaluate_graph, format_table
    from coopgraph.neutral import gold_file

    if fmt not in ("table", "json"):
        raise fail(f"unknown format '{fmt}': use table or json")
    neutral = gold_file(gold) if gold is not None and gold.is_dir() else None
    if neutral is not None:
        _evaluate_neutral(neutral, [p for p in docs.split(",") if p], fmt)
        return
    try:
        settings = get_settings()
        report = evaluate_graph(graph or settings.graph_path, gold or settings.gold_dir)
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

    import yaml

    from coopgraph.assemble import assemble
    from coopgraph.build import BuildError, Pipeline
    from coopgraph.facts import records
    from coopgraph.ingest import IngestError, read_document
    from coopgraph.neutral import NeutralError, load_mapping, score, system_documents

    settings = pipeline_settings(None)
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

    try:
        written = build_docs(get_settings(), out / "index.html" if out else None)
    except DocsError as exc:
        raise fail(str(exc), code=2) from None
    typer.echo(f"wrote {written}")
