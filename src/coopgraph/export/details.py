"""What the viewer's side panel shows for a node: its facts, figures and fundings, with sources.

Every item names the document that states it and, when the build kept one, the sentence it
was read from (``cg:quote`` of the matching ``cg:Evidence`` node).
"""

from __future__ import annotations

import re
from collections import defaultdict
from decimal import Decimal, InvalidOperation
from typing import Any

import pyoxigraph as ox

from coopgraph.namespaces import ENTITIES_GRAPH, local_name
from coopgraph.store import select

__all__ = ["node_details", "relation_labels"]

_FACTS = f"""
SELECT DISTINCT ?s ?p ?o ?file ?quote ?decision ?reviewer WHERE {{
  GRAPH ?g {{
    ?doc a cg:Document ; cg:fileName ?file .
    ?s ?p ?o .
    OPTIONAL {{
      ?evidence rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o ; cg:quote ?quote
      OPTIONAL {{ ?evidence cg:review ?decision ; prov:wasAttributedTo ?who .
                 ?who rdfs:label ?reviewer }}
    }}
  }}
  FILTER EXISTS {{ GRAPH <{ENTITIES_GRAPH}> {{ ?s skos:prefLabel ?label }} }}
  FILTER(?p != rdf:type)
}}
"""

_CLAIMS = f"""
SELECT DISTINCT ?s ?p ?o ?file ?quote ?status ?decision ?reviewer WHERE {{
  GRAPH ?g {{
    ?doc a cg:Document ; cg:fileName ?file .
    ?evidence cg:status ?state ; rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o ;
              cg:quote ?quote .
    OPTIONAL {{ ?evidence cg:review ?decision ; prov:wasAttributedTo ?who .
               ?who rdfs:label ?reviewer }}
  }}
  ?state skos:prefLabel ?status .
  FILTER EXISTS {{ GRAPH <{ENTITIES_GRAPH}> {{ ?s skos:prefLabel ?label }} }}
}}
"""
"""Statements kept with a status (planned, proposed, negated): shown with it, never as facts."""

_FIGURES = """
SELECT DISTINCT ?figure ?kind ?about ?measure ?value ?unit ?qualifier ?date ?file ?quote WHERE {
  GRAPH ?g {
    ?doc a cg:Document ; cg:fileName ?file .
    ?figure cg:about ?about ; cg:measure ?measure ; cg:value ?value ; a ?kind .
    OPTIONAL { ?figure cg:unit ?unit }
    OPTIONAL { ?figure cg:qualifier ?qualifier }
    OPTIONAL { ?figure cg:refDate|cg:sinceDate|cg:dueDate ?date }
    OPTIONAL { ?evidence rdf:subject ?figure ; cg:quote ?quote }
  }
}
"""

_FUNDINGS = """
SELECT DISTINCT ?funding ?recipient ?value ?currency ?file ?quote WHERE {
  GRAPH ?g {
    ?doc a cg:Document ; cg:fileName ?file .
    ?funding a cg:Funding ; cg:recipient ?recipient ; cg:amount ?amount .
    ?amount schema:value ?value ; schema:currency ?currency .
    OPTIONAL { ?evidence rdf:subject ?funding ; cg:quote ?quote }
  }
}
"""

_LABELS = f"""
SELECT ?term ?label WHERE {{
  {{ GRAPH <{ENTITIES_GRAPH}> {{ ?term skos:prefLabel ?label }} }}
  UNION {{ ?term a ?kind ; rdfs:label ?label . FILTER(isIRI(?term)) }}
}}
"""


def relation_labels(store: ox.Store) -> dict[str, str]:
    """Labels of entities and ontology terms (properties, measures), by IRI."""
    return {row["term"]: row["label"] for row in select(store, _LABELS)}


def _words(name: str) -> str:
    """``postIn`` → ``post in``."""
    return re.sub(r"(?<=[a-z])(?=[A-Z])", " ", name).lower()


def _number(value: Any) -> str:
    try:
        number = Decimal(str(value))
    except InvalidOperation:
        return str(value)
    return f"{number:,.0f}" if number == number.to_integral_value() else f"{number:,}"


def _term(row_value: Any, labels: dict[str, str]) -> str:
    return labels.get(
        str(row_value), local_name(str(row_value)) if "://" in str(row_value) else str(row_value)
    )


def node_details(store: ox.Store, nodes: set[str]) -> dict[str, list[dict[str, Any]]]:
    """For each node: ``{"relation", "other", "other_id", "direction", "document", "quote"}``.

    ``direction`` is ``out`` (the node is the subject), ``in`` (the object), ``figure`` or
    ``funding``; ``other_id`` is set when the other end is an entity.
    """
    labels = relation_labels(store)
    details: dict[str, list[dict[str, Any]]] = defaultdict(list)
    rows = [*select(store, _FACTS), *select(store, _CLAIMS)]
    for row in rows:
        subject, obj = row["s"], str(row["o"])
        relation = labels.get(row["p"], _words(local_name(row["p"])))
        entity_object = obj in labels and obj in nodes
        base = {"relation": relation, "document": row["file"], "quote": row["quote"]}
        if row.get("status"):
            base["status"] = str(row["status"])
        if row.get("decision"):
            base["review"] = f"{local_name(row['decision']).lower()} by {row['reviewer']}"
        elif row.get("quote"):
            base["review"] = "as extracted"
        if subject in nodes:
            details[subject].append(
                {
                    **base,
                    "direction": "out",
                    "other": _term(obj, labels) if "://" in obj else obj,
                    "other_id": obj if entity_object else None,
                }
            )
        if entity_object:
            details[obj].append(
                {
                    **base,
                    "direction": "in",
                    "other": labels.get(subject, subject),
                    "other_id": subject,
                }
            )
    for row in select(store, _FIGURES):
        if row["about"] in nodes:
            qualifier = labels.get(row["qualifier"] or "", "")
            unit = row["unit"] if row["unit"] not in (None, "count") else ""
            value = " ".join(part for part in (qualifier, _number(row["value"]), unit) if part)
            when = f" ({row['date']})" if row["date"] else ""
            details[row["about"]].append(
                {
                    "relation": labels.get(row["measure"], local_name(row["measure"])),
                    "other": value + when,
                    "other_id": None,
                    "direction": "target" if local_name(row["kind"]) == "Target" else "figure",
                    "document": row["file"],
                    "quote": row["quote"],
                }
            )
    fundings: dict[tuple[str, str], dict[str, Any]] = {}
    for row in select(store, _FUNDINGS):
        if row["recipient"] in nodes:
            key = (row["funding"], row["recipient"])
            entry = fundings.setdefault(
                key,
                {
                    "relation": "funding received",
                    "amounts": [],
                    "other_id": None,
                    "direction": "funding",
                    "document": row["file"],
                    "quote": row["quote"],
                },
            )
            entry["amounts"].append(f"{row['currency']} {_number(row['value'])}")
    for (_, recipient), entry in sorted(fundings.items()):
        amounts = sorted(entry.pop("amounts"))
        details[recipient].append({**entry, "other": " = ".join(amounts)})
    return {node: sorted(items, key=_order) for node, items in details.items()}


def _order(item: dict[str, Any]) -> tuple[int, str, str]:
    rank = {"out": 0, "in": 1, "funding": 2, "figure": 3, "target": 4}[item["direction"]]
    return rank, item["relation"], str(item["other"])
