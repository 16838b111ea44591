"""A SHACL engine on pyoxigraph: the shapes compiled to SPARQL, run over a store.

``validate_store(store, shapes, focus=None)`` validates a store holding the data and the
ontology; with ``focus``, only those focus nodes (scoped validation). ``UnsupportedShapeError``
names any shape construct the compiler does not implement.
"""

from coopgraph.validate.oxigraph.compiler import Check, UnsupportedShapeError, compile_shapes
from coopgraph.validate.oxigraph.engine import check_store, load_store, validate_store

__all__ = [
    "Check",
    "UnsupportedShapeError",
    "check_store",
    "compile_shapes",
    "load_store",
    "validate_store",
]
