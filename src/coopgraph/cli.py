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


# --- publishing to an external triple store --------------------------------------------------


@app.command()
def publish(
    to: Annotated[
        str | None,
        typer.Option("--to", help="The store's URL (default: COOPGRAPH_STORE_URL)."),
    ] = None,
    kind: Annotated[
        str | None,
        typer.Option("--kind", help="generic, oxigraph, fuseki, graphdb or virtuoso (URL layout)."),
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

    from coopgraph.publish import PublishError, load_graphs, report_table
    from coopgraph.publish import publish as publish_graphs
    from coopgraph.stores import UNION_HELP, EndpointError, GraphStoreError, connect

    settings = _store_settings(
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


def _store_settings(**overrides: object):
    """Settings with the given options over the environment; a clear error if they clash."""
    import os
    import sys
    from typing import Any

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
