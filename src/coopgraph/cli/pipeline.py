"""The pipeline's commands: build, add, extract, facts, review, ingest."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from coopgraph.cli.app import app, fail
from coopgraph.cli.options import (
    DataOption,
    FullValidationOption,
    OutOption,
    pipeline_settings,
)
from coopgraph.cli.render import print_build_report


@app.command("build")
def build_command(
    data: DataOption = None,
    out: OutOption = None,
    quiet: Annotated[
        bool, typer.Option("--quiet", "-q", help="No progress bar or summary.")
    ] = False,
    full_validation: FullValidationOption = False,
) -> None:
    """Extract every document, validate the graph and write it (atomically)."""
    from coopgraph.build import BuildError, build

    settings = pipeline_settings(data, out)
    try:
        report = build(settings, progress=not quiet, full_validation=full_validation)
    except BuildError as exc:
        raise fail(str(exc)) from None
    if not quiet:
        print_build_report(report)


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
    settings = pipeline_settings(data)
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
    path = graph or pipeline_settings().graph_path
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
    data: DataOption = None,
    out: OutOption = None,
    full_validation: FullValidationOption = False,
) -> None:
    """Copy a document into data/documents and rebuild; refuse and change nothing on failure."""
    from coopgraph.build import BuildError
    from coopgraph.build import add as add_document

    settings = pipeline_settings(data, out)
    try:
        target, report = add_document(settings, file, full_validation=full_validation)
    except BuildError as exc:
        raise fail(str(exc)) from None
    typer.echo(f"added {target}", err=True)
    print_build_report(report)


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
    data: DataOption = None,
    out: Annotated[
        Path | None,
        typer.Option("--out", help="The graph rebuilt after recording decisions."),
    ] = None,
) -> None:
    """List entities found outside the registry; or a document's proposals and decisions."""
    from coopgraph.build import BuildError
    from coopgraph.build.review import review

    settings = pipeline_settings(data, out)
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
    from coopgraph.curate.proposals import load_review

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
    from coopgraph.curate.proposals import proposals, record

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
