"""Getting the graph out: network and RDF exports, publishing to a SPARQL store."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from coopgraph.cli.app import app, fail
from coopgraph.cli.options import (
    get_settings,
    settings_from,
)


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

    settings = settings_from(
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
