"""The export formats, in one place, and :func:`export`, which every entry point calls."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from coopgraph.export.base import ExportError, NetworkFormat
from coopgraph.export.cytoscape import CytoscapeFormat
from coopgraph.export.dot import DotFormat
from coopgraph.export.filters import Filters, apply
from coopgraph.export.gexf import GEXFFormat
from coopgraph.export.graphml import GraphMLFormat
from coopgraph.export.layout import side_layout
from coopgraph.export.network import VIEWS, build_network
from coopgraph.export.nodelink import NodeLinkFormat
from coopgraph.export.rdf import RDF_FORMATS, RdfFormat
from coopgraph.export.tables import TablesFormat

__all__ = ["FORMATS", "Format", "export", "make_exporter"]

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Format:
    """One export format: its name, file suffix, what it holds and how to make it."""

    name: str
    suffix: str
    description: str
    kind: str  # "network" (uses --view), "rdf" (the graph itself) or "viewer"
    network: Callable[..., NetworkFormat] | None = None


FORMATS: dict[str, Format] = {
    f.name: f
    for f in (
        Format(
            "graphml",
            ".graphml",
            "GraphML (yEd, Gephi, networkx, igraph)",
            "network",
            GraphMLFormat,
        ),
        Format(
            "gexf",
            ".gexf",
            "GEXF 1.2 (Gephi), with side colours and positions",
            "network",
            GEXFFormat,
        ),
        Format(
            "cytoscape",
            ".cyjs",
            "Cytoscape.js elements JSON (also Cytoscape desktop)",
            "network",
            CytoscapeFormat,
        ),
        Format("dot", ".dot", "Graphviz DOT, one cluster per side", "network", DotFormat),
        Format("nodelink", ".json", "node-link JSON (D3, networkx)", "network", NodeLinkFormat),
        Format(
            "csv", "", "nodes.csv and edges.csv in the --output folder", "network", TablesFormat
        ),
        Format("turtle", ".ttl", "Turtle: the union of all graphs", "rdf"),
        Format("trig", ".trig", "TriG: every named graph", "rdf"),
        Format("nquads", ".nq", "N-Quads: every named graph", "rdf"),
        Format("jsonld", ".jsonld", "JSON-LD: every named graph", "rdf"),
        Format("html", ".html", "the standalone interactive viewer, one HTML file", "viewer"),
    )
}
"""Every format ``coopgraph export --format`` accepts."""

assert set(RDF_FORMATS) == {f.name for f in FORMATS.values() if f.kind == "rdf"}


def _format(name: str) -> Format:
    try:
        return FORMATS[name.lower()]
    except KeyError:
        raise ExportError(f"unknown format '{name}'; choose one of {', '.join(FORMATS)}") from None


def make_exporter(
    store: ox.Store,
    format: str,
    *,
    view: str = "parties",
    filters: Filters | None = None,
    title: str = "coopgraph",
) -> Any:
    """The exporter object for ``format``: call ``serialize()`` or ``write(path)`` on it."""
    spec = _format(format)
    filters = filters or Filters()
    if view not in VIEWS:
        raise ExportError(f"unknown view '{view}'; choose one of {', '.join(VIEWS)}")
    if spec.kind == "rdf":
        full = build_network(store, "full")
        if filters:
            apply(full, filters)  # fails early, naming the filter that matches nothing
        return RdfFormat(store=store, name=spec.name, full=full, filters=filters)
    network = apply(build_network(store, view), filters)
    if spec.kind == "viewer":
        from coopgraph.export.html import ViewerFormat

        return ViewerFormat(store=store, graph=network, title=title)
    assert spec.network is not None
    return spec.network(graph=network, positions=side_layout(network))


def export(
    store: ox.Store,
    format: str,
    output: Path,
    *,
    view: str = "parties",
    filters: Filters | None = None,
) -> list[Path]:
    """Export the graph in ``store`` to ``output``; returns the files written."""
    exporter = make_exporter(store, format, view=view, filters=filters)
    written = exporter.write(Path(output))
    log.info("exported %s to %s", format, ", ".join(map(str, written)))
    return written
