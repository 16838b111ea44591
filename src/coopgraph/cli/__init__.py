"""The ``coopgraph`` command line: one module per group of commands, all on one Typer app.

Each command imports what it needs when it runs, so ``coopgraph --help`` stays fast.
"""

from coopgraph.cli import analyze, bench, export, pipeline, quality, serve
from coopgraph.cli.app import app

__all__ = ["analyze", "app", "bench", "export", "pipeline", "quality", "serve"]
