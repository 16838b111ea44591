"""The ``coopgraph analyze`` command as a plain function: arguments in, text out."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from coopgraph.analytics.render import FORMATS, render
from coopgraph.analytics.service import run

__all__ = ["AnalyzeError", "analyze_command"]

PLOT_SUFFIXES = (".png", ".svg")


class AnalyzeError(ValueError):
    """The command line asks for something that cannot be done."""


def analyze_command(
    name: str,
    options: dict[str, Any],
    graph: Path,
    fmt: str = "table",
    plot: Path | None = None,
) -> str:
    """Run an analysis on the graph file and return its text; draw it to ``plot`` if given."""
    from coopgraph.settings import get_settings
    from coopgraph.store import open_store

    if fmt not in FORMATS:
        raise AnalyzeError(f"unknown format '{fmt}': use one of {', '.join(FORMATS)}")
    if plot is not None and plot.suffix.lower() not in PLOT_SUFFIXES:
        raise AnalyzeError(f"cannot draw '{plot}': give a file name ending in .png or .svg")
    ontology = get_settings().ontology_path
    store = open_store(graph, ontology if ontology.is_file() else None)
    result = run(store, name, **options)
    if plot is not None:
        from coopgraph.analytics.plots import draw

        draw(name, result, store, plot)
    return render(result, fmt)
