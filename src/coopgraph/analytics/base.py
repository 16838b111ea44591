"""What every analysis shares: its errors, and plain views of nodes, ties and facts."""

from __future__ import annotations

from dataclasses import asdict, fields, is_dataclass
from typing import Any

import networkx as nx

from coopgraph.analytics.projection import Fact
from coopgraph.namespaces import CG, ORG, local_name

__all__ = ["AnalysisError", "NoPath", "NotAParty", "fact_view", "labels_of", "node_view", "rows_of"]


class AnalysisError(ValueError):
    """An analysis cannot answer: the message says why and what to do."""


class NotAParty(AnalysisError):
    """The entity exists but is not a node of the network analysed."""


class NoPath(AnalysisError):
    """Two parties are not connected."""


def require(graph: nx.Graph, node: str) -> None:
    """Raise :class:`NotAParty` unless ``node`` is in ``graph``."""
    if node not in graph:
        label = graph.graph.get("labels", {}).get(node, node)
        raise NotAParty(
            f"'{label}' is not a party of the network (it is not a person, organisation, "
            "country or park); give a party's name"
        )


def label_of(graph: nx.Graph, node: str) -> str:
    """The node's label, else the entity's label, else its IRI's local name."""
    if node in graph and graph.nodes[node].get("label"):
        return str(graph.nodes[node]["label"])
    return str(graph.graph.get("labels", {}).get(node) or local_name(node))


def labels_of(graph: nx.Graph) -> dict[str, str]:
    """:func:`label_of` every node, in one walk over the nodes."""
    names = graph.graph.get("labels", {})
    return {
        node: str(data["label"]) if data.get("label") else str(names.get(node) or local_name(node))
        for node, data in graph.nodes(data=True)
    }


def node_view(graph: nx.Graph, node: str) -> dict[str, Any]:
    """``iri``, ``label``, ``type`` and ``side`` of a node."""
    data = graph.nodes[node]
    return {
        "iri": node,
        "label": str(data["label"]) if data.get("label") else label_of(graph, node),
        "type": data.get("type"),
        "side": data.get("side"),
    }


_PREFIXES = {str(CG._NS): "cg:", str(ORG): "org:"}


def curie(iri: str) -> str:
    """``cg:founder`` for the cg or org IRI of a predicate; other IRIs unchanged."""
    for namespace, prefix in _PREFIXES.items():
        if iri.startswith(namespace):
            return prefix + iri[len(namespace) :]
    return iri


def fact_view(graph: nx.Graph, fact: Fact) -> dict[str, Any]:
    """A fact as plain data with the labels of its subject and object."""
    return {
        "subject": label_of(graph, fact.subject),
        "predicate": curie(fact.predicate),
        "object": label_of(graph, fact.object),
        "document": fact.document,
        "quote": fact.quote,
    }


def rows_of(result: Any) -> list[dict[str, Any]]:
    """The table rows of a result: its ``rows()`` if it has one, else its fields as one row."""
    if hasattr(result, "rows"):
        return list(result.rows())
    if is_dataclass(result) and not isinstance(result, type):
        return [{f.name: getattr(result, f.name) for f in fields(result)}]
    raise TypeError(f"not an analysis result: {type(result).__name__}")


def as_dict(result: Any) -> dict[str, Any]:
    """A result as JSON-ready plain data."""
    if is_dataclass(result) and not isinstance(result, type):
        return asdict(result)
    raise TypeError(f"not an analysis result: {type(result).__name__}")
