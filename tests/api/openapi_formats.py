"""Generators for the OpenAPI description's own string formats: ``sparql-query`` and
``sparql-update`` (see :mod:`coopgraph.api.contract`).

JSON Schema cannot say which strings are SPARQL, so a test generator must be told: schemathesis
loads this file as its hooks (``schemathesis.toml`` at the checkout's root), and the contract
test imports it. The queries are small and cheap (a LIMIT, one or two patterns) so a run over
the seed graph stays within the query time limit; they use the predeclared prefixes.
"""

from __future__ import annotations

import schemathesis
from hypothesis import strategies as st

__all__ = ["QUERIES", "UPDATES"]

_ID = "https://w3id.org/coopgraph/id/"
_LETTERS = st.characters(codec="utf-8", exclude_categories=("Cs", "Cc"), exclude_characters='"\\')

iris = st.from_regex(r"[a-z][a-z0-9-]{0,20}", fullmatch=True).map(lambda name: f"<{_ID}{name}>")
literals = st.text(_LETTERS, max_size=20).map(lambda text: f'"{text}"')
numbers = st.integers(-1000, 1000).map(str)
predicates = st.sampled_from(
    ["cg:founder", "skos:prefLabel", "skos:altLabel", "rdf:type", "dcterms:title", "?p"]
)
objects = st.one_of(iris, literals, numbers, st.just("?o"))
subjects = st.one_of(iris, st.just("?s"))
patterns = st.builds(lambda s, p, o: f"{s} {p} {o}", subjects, predicates, objects)
limits = st.integers(0, 20)

QUERIES = st.one_of(
    st.builds(lambda p, n: f"SELECT * WHERE {{ {p} }} LIMIT {n}", patterns, limits),
    st.builds(lambda p: f"SELECT (COUNT(*) AS ?n) WHERE {{ {p} }}", patterns),
    st.builds(lambda p: f"ASK {{ {p} }}", patterns),
    st.builds(lambda p, n: f"CONSTRUCT WHERE {{ {p} }} LIMIT {n}", patterns, limits),
    st.builds(lambda iri: f"DESCRIBE {iri}", iris),
    st.builds(lambda text: f"SELECT ({text} AS ?x) WHERE {{}}", st.one_of(literals, numbers)),
)
"""SPARQL 1.1 queries the endpoint runs (no SERVICE, no FROM)."""

UPDATES = st.builds(
    lambda s, o: (
        f"INSERT DATA {{ GRAPH <https://w3id.org/coopgraph/graph/entities> "
        f"{{ {s} skos:altLabel {o} }} }}"
    ),
    iris,
    literals,
)
"""SPARQL 1.1 updates (the endpoint refuses them unless updates are on)."""

schemathesis.openapi.format("sparql-query", QUERIES)
schemathesis.openapi.format("sparql-update", UPDATES)
