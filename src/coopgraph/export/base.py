"""What every export format shares: the error type, attribute flattening and safe writing."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import networkx as nx

from coopgraph.files import write_atomically

__all__ = [
    "LIST_SEPARATOR",
    "ExportError",
    "NetworkFormat",
    "NothingMatches",
    "flat_attributes",
    "public_attributes",
    "write_output",
]

log = logging.getLogger(__name__)

LIST_SEPARATOR = "; "
"""Joins list attributes (aliases, relations, documents) in formats that only hold scalars."""

_INTERNAL = frozenset({"support", "facts"})
"""Edge attributes kept for filtering, not exported (``facts`` holds the analytics' records)."""


class ExportError(Exception):
    """The export cannot be made: the message says what was wrong and what to do."""


class NothingMatches(ExportError):
    """The filters are well formed but select nothing: a document the graph does not have, a
    type no node of the view has, an empty range of years, or a combination no node passes."""


def public_attributes(data: dict[str, Any]) -> dict[str, Any]:
    """Attributes meant for consumers: internal ones and missing values dropped."""
    return {key: value for key, value in data.items() if key not in _INTERNAL and value is not None}


def flat_attributes(data: dict[str, Any]) -> dict[str, str | int | float | bool]:
    """:func:`public_attributes` with lists joined by :data:`LIST_SEPARATOR`."""
    flat: dict[str, str | int | float | bool] = {}
    for key, value in public_attributes(data).items():
        if isinstance(value, (list, tuple, set, frozenset)):
            flat[key] = LIST_SEPARATOR.join(str(item) for item in value)
        elif isinstance(value, (str, int, float, bool)):
            flat[key] = value
        else:
            flat[key] = str(value)
    return flat


def write_output(path: Path, content: str | bytes) -> Path:
    """Write ``content`` to ``path`` atomically; raise :class:`ExportError` when it cannot."""
    path = Path(path)
    if path.is_dir():
        raise ExportError(f"cannot write {path}: it is a directory; give a file name")
    if not path.parent.is_dir():
        raise ExportError(
            f"cannot write {path}: folder {path.parent} does not exist; create it first"
        )
    data = content.encode("utf-8") if isinstance(content, str) else content
    try:
        write_atomically(path, data, mode=0o644)
    except OSError as error:
        raise ExportError(
            f"cannot write {path}: {error.strerror or error}; choose a writable location"
        ) from error
    log.info("wrote %s (%d bytes)", path, len(data))
    return path


@dataclass
class NetworkFormat:
    """A network export: ``serialize()`` gives the text, ``write(path)`` saves it.

    Attributes:
        graph: the (filtered) network, as :mod:`coopgraph.export.network` builds it.
        positions: node positions in pixels (from :func:`coopgraph.export.layout.side_layout`);
            formats that can hold them do.
    """

    graph: nx.Graph
    positions: dict[str, tuple[float, float]] = field(default_factory=dict)

    def serialize(self) -> str:
        raise NotImplementedError

    def write(self, path: Path) -> list[Path]:
        """Write the export to ``path``; returns the files written."""
        return [write_output(path, self.serialize())]
