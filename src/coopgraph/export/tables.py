"""CSV tables: ``nodes.csv`` and ``edges.csv`` written into a folder.

``--output`` names the folder (created when missing; its parent must exist). List attributes are
joined with ``"; "``. The tables load in spreadsheets, pandas, Gephi's data laboratory and
Kumu.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path

from coopgraph.export.base import ExportError, NetworkFormat, flat_attributes, write_output

__all__ = ["NODE_COLUMNS", "TablesFormat"]

NODE_COLUMNS = (
    "id",
    "label",
    "type",
    "side",
    "aliases",
    "types",
    "documents",
    "needs_review",
    "community",
    "centrality",
    "x",
    "y",
)
EDGE_COLUMNS = ("source", "target", "relations", "weight", "documents")


def _table(columns: tuple[str, ...], rows: list[dict]) -> str:
    extra = sorted({key for row in rows for key in row} - set(columns))
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=[*columns, *extra], lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue()


@dataclass
class TablesFormat(NetworkFormat):
    """Two CSV tables, UTF-8 with a header row."""

    def nodes_csv(self) -> str:
        rows = []
        for node, data in self.graph.nodes(data=True):
            row = {"id": node, **flat_attributes(data)}
            if node in self.positions:
                row["x"], row["y"] = self.positions[node]
            rows.append(row)
        return _table(NODE_COLUMNS, rows)

    def edges_csv(self) -> str:
        rows = [
            {"source": source, "target": target, **flat_attributes(data)}
            for source, target, data in self.graph.edges(data=True)
        ]
        return _table(EDGE_COLUMNS, rows)

    def serialize(self) -> str:
        """Both tables, nodes first, separated by a blank line (for display only)."""
        return self.nodes_csv() + "\n" + self.edges_csv()

    def write(self, path: Path) -> list[Path]:
        folder = Path(path)
        if folder.exists() and not folder.is_dir():
            raise ExportError(f"cannot write CSV tables into {folder}: it is a file; give a folder")
        try:
            folder.mkdir(exist_ok=True)
        except OSError as error:
            raise ExportError(
                f"cannot create folder {folder}: {error.strerror or error}; "
                "check that its parent exists and is writable"
            ) from error
        return [
            write_output(folder / "nodes.csv", self.nodes_csv()),
            write_output(folder / "edges.csv", self.edges_csv()),
        ]
