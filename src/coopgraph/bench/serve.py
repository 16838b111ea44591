"""Serve a graph file with coopgraph's endpoint, for the benchmark.

``python -m coopgraph.bench.serve --graph FILE --port N`` does what ``coopgraph serve`` does
with default settings: the app of :func:`coopgraph.api.app.create_app` over the graph and the
ontology, on 127.0.0.1, run by uvicorn. The benchmark prefers ``coopgraph serve`` itself when
the command line has it.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

__all__ = ["main"]


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m coopgraph.bench.serve")
    parser.add_argument("--graph", type=Path, required=True)
    parser.add_argument("--port", type=int, required=True)
    args = parser.parse_args(argv)

    import uvicorn

    from coopgraph.api.app import create_app
    from coopgraph.settings import Settings

    settings = Settings(graph_path=args.graph, port=args.port)
    uvicorn.run(create_app(settings), host="127.0.0.1", port=args.port, log_level="warning")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
