"""What both update paths (embedded and remote store) share: the SHACL check of a changed
dataset, the data it checks, and the answer when the change is refused."""

from __future__ import annotations

import pyoxigraph as ox
from fastapi import HTTPException
from fastapi.responses import JSONResponse

from coopgraph.namespaces import ONTOLOGY_GRAPH
from coopgraph.store import stated

__all__ = ["nquads", "rejected", "shacl_check", "stated_quads", "without_ontology"]


def shacl_check(nquads: bytes) -> list[str]:
    """Violations of the SHACL shapes by the data (N-Quads); empty when it conforms."""
    from rdflib import Dataset

    try:
        from coopgraph.validate import validate
    except ImportError:
        raise HTTPException(
            503, "updates need SHACL validation (coopgraph.validate), which is not installed"
        ) from None
    dataset = Dataset()
    dataset.parse(data=nquads, format="nquads")
    report = validate(dataset)
    return [
        f"{v.focus} {v.path}: {v.message}" for v in report.violations if v.severity == "Violation"
    ]


def rejected(problems: list[str]) -> JSONResponse:
    """422: the change breaks the shapes; the first 50 violations say how."""
    return JSONResponse(
        {
            "error": "the change was rejected: the result breaks the SHACL shapes",
            "violations": problems[:50],
        },
        422,
    )


def without_ontology(store: ox.Store) -> bytes:
    """The quads of ``store``'s graphs but the ontology's, as N-Quads (what the shapes check)."""
    return nquads(stated_quads(store))


def stated_quads(store: ox.Store) -> list[ox.Quad]:
    return stated(store.quads_for_pattern(None, None, None), {str(ONTOLOGY_GRAPH)})


def nquads(quads: list[ox.Quad]) -> bytes:
    return ox.serialize(quads, format=ox.RdfFormat.N_QUADS) or b""
