"""The ``coopgraph analyze`` command as a plain function: arguments in, text out."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from coopgraph.analytics.render import FORMATS, render
from coopgraph.analytics.service import ANALYSES, run

__all__ = ["ARGUMENTS", "AnalyzeError", "analyze_command", "options_for"]

ARGUMENTS: dict[str, tuple[tuple[str, ...], int]] = {
    "cofounders": (("entity",), 0),
    "centrality": ((), 0),
    "communities": ((), 0),
    "path": (("source", "target"), 2),
    "bridges": ((), 0),
    "ego": (("entity",), 1),
    "timeline": (("entity",), 0),
    "within": (("place",), 1),
}
"""Per analysis: the names of its positional arguments and how many are required."""

OPTIONS: dict[str, tuple[str, ...]] = {
    "centrality": ("top", "seed"),
    "communities": ("seed",),
    "path": ("k",),
    "bridges": ("top",),
    "ego": ("radius",),
}
"""Per analysis: the command-line options it takes."""

PLOT_SUFFIXES = (".png", ".svg")


class AnalyzeError(ValueError):
    """The command line asks for something that cannot be done."""


def options_for(name: str, args: list[str], options: dict[str, Any]) -> dict[str, Any]:
    """The keyword arguments of analysis ``name`` from positional ``args`` and ``options``."""
    if name not in ANALYSES:
        raise AnalyzeError(f"no analysis is called '{name}': choose one of {', '.join(ANALYSES)}")
    names, required = ARGUMENTS[name]
    if not required <= len(args) <= len(names):
        wanted = (
            " ".join(n.upper() if i < required else f"[{n.upper()}]" for i, n in enumerate(names))
            or "no arguments"
        )
        raise AnalyzeError(f"'{name}' takes {wanted}, but was given {len(args)}: {args}")
    kwargs: dict[str, Any] = dict(zip(names, args, strict=False))
    for option in OPTIONS.get(name, ()):
        if options.get(option) is not None:
            kwargs[option] = options[option]
    return kwargs


def analyze_command(
    name: str,
    args: list[str],
    graph: Path,
    fmt: str = "table",
    plot: Path | None = None,
    options: dict[str, Any] | None = None,
) -> str:
    """Run an analysis on the graph file and return its text; draw it to ``plot`` if given."""
    from coopgraph.settings import get_settings
    from coopgraph.store import open_store

    if fmt not in FORMATS:
        raise AnalyzeError(f"unknown format '{fmt}': use one of {', '.join(FORMATS)}")
    if plot is not None and plot.suffix.lower() not in PLOT_SUFFIXES:
        raise AnalyzeError(f"cannot draw '{plot}': give a file name ending in .png or .svg")
    kwargs = options_for(name, args, options or {})
    ontology = get_settings().ontology_path
    store = open_store(graph, ontology if ontology.is_file() else None)
    result = run(store, name, **kwargs)
    if plot is not None:
        from coopgraph.analytics.plots import draw

        draw(name, result, store, plot)
    return render(result, fmt)
