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


# --- bench: corpus generator and side-by-side benchmark -------------------------------------

bench_app = typer.Typer(help="Generate a scaled corpus and benchmark coopgraph beside its peers.")
app.add_typer(bench_app, name="bench")


@bench_app.command("generate")
def bench_generate(
    triples: Annotated[int, typer.Option("--triples", "-n", help="How many quads.")] = 100_000,
    out: Annotated[Path | None, typer.Option(help="Folder to write [out/bench/N].")] = None,
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
