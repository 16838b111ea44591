"""Serving: the SPARQL endpoint, and a load test of a running one."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Annotated, Any

import typer

from coopgraph.cli.app import app, fail
from coopgraph.cli.options import (
    get_settings,
    settings_from,
)


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
    settings = settings_from(**overrides)
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
