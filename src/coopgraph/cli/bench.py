"""``coopgraph bench``: a generated corpus of any size, and coopgraph timed beside its peers."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from coopgraph.cli.app import app, fail
from coopgraph.cli.options import get_settings, pipeline_settings

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
    figures = measure_extraction(texts, pipeline_settings(data).data_dir, rounds, long_sentences)
    if figures["status"] != "ok":
        raise fail(f"extraction not measured: {figures['reason']}")
    typer.echo("\n".join(extraction_lines(figures)).strip())
