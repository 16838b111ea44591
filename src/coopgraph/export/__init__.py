"""Exports: the network in GraphML, GEXF, Cytoscape.js, DOT, node-link JSON and CSV; the graph
itself in Turtle, TriG, N-Quads and JSON-LD; and a standalone interactive HTML viewer.

>>> from coopgraph.export import FORMATS
>>> "graphml" in FORMATS and "html" in FORMATS
True
"""

from __future__ import annotations

from coopgraph.export.base import ExportError, NothingMatches
from coopgraph.export.filters import Filters
from coopgraph.export.network import VIEWS, build_network
from coopgraph.export.registry import FORMATS, Format, export, make_exporter

__all__ = [
    "FORMATS",
    "VIEWS",
    "ExportError",
    "Filters",
    "Format",
    "NothingMatches",
    "build_network",
    "export",
    "make_exporter",
]
