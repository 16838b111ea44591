"""Reports as rich tables on the terminal: a build's summary, a validation's results."""

from __future__ import annotations

from typing import Any

__all__ = ["print_build_report"]


def print_build_report(report: Any) -> None:
    """The counts of a build, then its warnings, on stderr."""
    from rich.console import Console
    from rich.table import Table

    table = Table(title=f"built {report.path}", show_header=False)
    for what, count in report.rows():
        table.add_row(what, count)
    console = Console(stderr=True)
    console.print(table)
    for warning in report.warnings:
        console.print(f"[yellow]warning:[/yellow] {warning}", highlight=False)
