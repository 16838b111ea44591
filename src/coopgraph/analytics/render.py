"""Analysis results as text: an aligned table, JSON or CSV."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from coopgraph.analytics.base import as_dict, rows_of

__all__ = ["FORMATS", "render"]

FORMATS = ("table", "json", "csv")
WIDTH = 60


def render(result: Any, fmt: str = "table") -> str:
    """``result`` as ``table`` (for people), ``json`` (everything) or ``csv`` (the table rows)."""
    if fmt == "json":
        return json.dumps(as_dict(result), indent=2, ensure_ascii=False, default=str)
    if fmt == "csv":
        return _csv(rows_of(result))
    if fmt == "table":
        return _table(result)
    raise ValueError(f"unknown format '{fmt}': use one of {', '.join(FORMATS)}")


def _csv(rows: list[dict[str, Any]]) -> str:
    out = io.StringIO()
    if rows:
        writer = csv.DictWriter(out, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows({k: _cell(v, None) for k, v in row.items()} for row in rows)
    return out.getvalue()


def _cell(value: Any, width: int | None = WIDTH) -> str:
    if value is None:
        return ""
    if isinstance(value, list | tuple):
        value = "; ".join(str(v) for v in value)
    text = str(value)
    if width is not None and len(text) > width:
        return text[: width - 1] + "…"
    return text


def _summary(result: Any) -> list[str]:
    lines = list(result.summary()) if hasattr(result, "summary") else []
    for name in ("modularity", "note", "nodes"):
        value = getattr(result, name, None)
        if value not in (None, ""):
            lines.append(f"{name}: {value}")
    return lines


def _table(result: Any) -> str:
    rows = [{k: v for k, v in row.items() if k != "iri"} for row in rows_of(result)]
    lines = _summary(result)
    if lines:
        lines.append("")
    if not rows:
        return "\n".join([*lines, "(nothing found)"])
    columns = list(rows[0])
    cells = [[_cell(row.get(c)) for c in columns] for row in rows]
    widths = [max(len(c), *(len(r[i]) for r in cells)) for i, c in enumerate(columns)]
    lines.append("  ".join(c.ljust(w) for c, w in zip(columns, widths, strict=True)).rstrip())
    lines.append("  ".join("-" * w for w in widths))
    for row in cells:
        lines.append("  ".join(v.ljust(w) for v, w in zip(row, widths, strict=True)).rstrip())
    return "\n".join(lines)
