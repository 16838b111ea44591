"""How long the query guard takes on large and adversarial requests (up to the body limit).

PYTHONPATH=src python bench/guard.py
"""

from __future__ import annotations

import time

from coopgraph.settings import Settings
from coopgraph.sparql.guard import Refused, check

LIMIT = Settings().max_body_bytes
GRAPHS = {"https://w3id.org/coopgraph/graph/entities"}


def inputs(size: int) -> dict[str, str]:
    """Requests of about ``size`` characters, each built to stress one part of the scan."""
    values = " ".join(f'"{i}"' for i in range(size // 9))
    return {
        "VALUES list": f"SELECT * WHERE {{ VALUES ?v {{ {values} }} }}"[:size],
        "FILTER IN list": "SELECT * { ?s ?p ?o FILTER(?o IN (" + ",1" * (size // 2) + ")) }",
        "dots": "." * size,
        "unclosed long string": "'''" + "a" * size,
        "escaped quotes": "'\\" * (size // 2),
        "less-than signs": "<a" * (size // 2),
        "colons": "a:" * (size // 2),
        "comments": "#x\n" * (size // 3),
        "nested brackets (refused)": "(" * size,
    }


def main() -> None:
    print(f"request size {LIMIT:,} characters (the body limit)")
    for name, text in inputs(LIMIT).items():
        started = time.perf_counter()
        try:
            check(text, update=False, graphs=GRAPHS, prefixes={})
            outcome = "accepted"
        except Refused:
            outcome = "refused"
        print(f"{name:28} {time.perf_counter() - started:6.3f} s  {outcome}")


if __name__ == "__main__":
    main()
