"""The ``coopgraph`` command line: thin commands over plain, testable functions.

Each command imports what it needs when it runs, so ``coopgraph --help`` stays fast.
"""

from __future__ import annotations

import json
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
        float, typer.Option(help="Seconds a server may take per query.")
    ] = 120.0,
) -> None:
    """Measure coopgraph beside pyoxigraph, rdflib, Oxigraph server and rdflib-endpoint."""
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
        query_timeout=query_timeout,
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
