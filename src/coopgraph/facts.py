"""The graph as flat records: entities, facts with their quotes, and quantities.

:func:`records` yields JSON-ready dictionaries (``kind`` = entity | fact | quantity) from a
built dataset; :func:`write_jsonl` and :func:`write_csv` write them out.
"""

from __future__ import annotations

import csv
import io
import json
from collections import defaultdict
from collections.abc import Iterable, Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any, TextIO

from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.term import Node

from coopgraph.namespaces import CG, ENTITIES_GRAPH, ID, RDF, SDO, SKOS, local_name

__all__ = ["FIELDS", "FILES", "records", "write_csv", "write_jsonl"]

FIELDS = {
    "entity": ["kind", "iri", "label", "type", "aliases", "documents"],
    "fact": [
        "kind",
        "subject",
        "subject_iri",
        "predicate",
        "object",
        "object_iri",
        "document",
        "quote",
        "start",
        "end",
        "status",
    ],
    "quantity": [
        "kind",
        "subject",
        "subject_iri",
        "measure",
        "value",
        "unit",
        "qualifier",
        "date",
        "document",
        "quote",
    ],
}
"""The keys of each kind of record, in order."""

FILES = {"entity": "entities.csv", "fact": "facts.csv", "quantity": "quantities.csv"}
"""The CSV file of each kind of record."""

_DATES = (CG.refDate, CG.dueDate, CG.sinceDate)


def _local(iri: Node | None) -> str | None:
    return None if iri is None else local_name(iri)


def _number(value: Node | None) -> int | float | None:
    if not isinstance(value, Literal):
        return None
    number = Decimal(str(value))
    return int(number) if number == number.to_integral_value() else float(number)


def _documents(dataset: Dataset) -> dict[URIRef, tuple[Graph, str]]:
    """Each document graph's identifier → (graph, file name)."""
    found = {}
    for graph in dataset.graphs():
        name = next(graph.objects(None, CG.fileName), None)
        if name is not None:
            found[graph.identifier] = (graph, str(name))
    return found  # type: ignore[return-value]


def records(dataset: Dataset) -> Iterator[dict[str, Any]]:
    """Entity, fact and quantity records of a built dataset, in a stable order."""
    entities = dataset.graph(ENTITIES_GRAPH)
    labels: dict[Any, str] = {s: str(o) for s, o in entities.subject_objects(SKOS.prefLabel)}
    documents = sorted(_documents(dataset).values(), key=lambda pair: pair[1])
    seen_in: dict[Node, set[str]] = defaultdict(set)
    for graph, name in documents:
        for node in graph.objects(None, SDO.mentions):
            seen_in[node].add(name)
        for s, _, o in graph:
            for node in (s, o):
                if node in labels:
                    seen_in[node].add(name)
    posts = set(entities.subjects(RDF.type, CG.Post))
    for iri in sorted(labels, key=str):
        if iri in posts:
            continue  # a post is a relation reified: its holder and place are fact records
        yield {
            "kind": "entity",
            "iri": str(iri),
            "label": labels[iri],
            "type": _local(next(entities.objects(iri, RDF.type), None)),
            "aliases": sorted(str(a) for a in entities.objects(iri, SKOS.altLabel)),
            "documents": sorted(seen_in[iri]),
        }
    for graph, name in documents:
        yield from _facts(graph, name, labels)
        yield from _quantities(graph, name, labels)


def _facts(graph: Graph, name: str, labels: dict[Any, str]) -> Iterator[dict[str, Any]]:
    rows = []
    for evidence in graph.subjects(RDF.type, CG.Evidence):
        subject = graph.value(evidence, RDF.subject)
        if not str(subject).startswith(str(ID)):
            continue
        obj = graph.value(evidence, RDF.object)
        entity = obj if obj in labels else None
        rows.append(
            {
                "kind": "fact",
                "subject": labels.get(subject, str(subject)),
                "subject_iri": str(subject),
                "predicate": str(graph.value(evidence, RDF.predicate)),
                "object": labels[obj] if entity is not None else str(obj),
                "object_iri": str(entity) if entity is not None else None,
                "document": name,
                "quote": str(graph.value(evidence, CG.quote)),
                "start": int(str(graph.value(evidence, CG.start))),
                "end": int(str(graph.value(evidence, CG.end))),
                "status": _status(graph.value(evidence, CG.status)),
            }
        )
    yield from sorted(
        rows, key=lambda r: (r["start"], r["subject_iri"], r["predicate"], r["object"])
    )


def _status(node: Node | None) -> str:
    """``stated`` for a plain statement, else the evidence's status in lower case."""
    return (_local(node) or "Stated").lower()


def _quote(graph: Graph, node: Node) -> str | None:
    quotes = sorted(str(graph.value(e, CG.quote)) for e in graph.subjects(RDF.subject, node))
    return quotes[0] if quotes else None


def _quantities(graph: Graph, name: str, labels: dict[Any, str]) -> Iterator[dict[str, Any]]:
    rows = []
    for kind in (CG.Observation, CG.Target):
        for figure in graph.subjects(RDF.type, kind):
            about = graph.value(figure, CG.about)
            date = next((graph.value(figure, p) for p in _DATES if graph.value(figure, p)), None)
            rows.append(
                {
                    "kind": "quantity",
                    "subject": labels.get(about, str(about)),
                    "subject_iri": str(about),
                    "measure": _local(graph.value(figure, CG.measure)),
                    "value": _number(graph.value(figure, CG.value)),
                    "unit": str(graph.value(figure, CG.unit)),
                    "qualifier": _local(graph.value(figure, CG.qualifier)),
                    "date": str(date) if date is not None else None,
                    "document": name,
                    "quote": _quote(graph, figure),
                }
            )
    for funding in graph.subjects(RDF.type, CG.Funding):
        recipient = graph.value(funding, CG.recipient)
        for amount in sorted(graph.objects(funding, CG.amount), key=str):
            rows.append(
                {
                    "kind": "quantity",
                    "subject": labels.get(recipient, str(recipient)),
                    "subject_iri": str(recipient),
                    "measure": "FundingReceived",
                    "value": _number(graph.value(amount, SDO.value)),
                    "unit": str(graph.value(amount, SDO.currency)),
                    "qualifier": "Exactly",
                    "date": None,
                    "document": name,
                    "quote": _quote(graph, funding),
                }
            )
    yield from sorted(
        rows, key=lambda r: (r["subject_iri"], r["measure"], str(r["value"]), r["unit"])
    )


def write_jsonl(rows: Iterable[dict[str, Any]], stream: TextIO) -> int:
    """Write one JSON object per line; return how many."""
    count = 0
    for row in rows:
        stream.write(json.dumps(row, ensure_ascii=False) + "\n")
        count += 1
    return count


def _cell(value: Any) -> str:
    if isinstance(value, list):
        return "; ".join(value)
    return "" if value is None else str(value)


def write_csv(rows: Iterable[dict[str, Any]], directory: Path) -> dict[str, Path]:
    """Write ``entities.csv``, ``facts.csv`` and ``quantities.csv`` into ``directory``."""
    directory.mkdir(parents=True, exist_ok=True)
    buffers = {kind: io.StringIO() for kind in FIELDS}
    writers = {kind: csv.writer(buffers[kind]) for kind in FIELDS}
    for kind, writer in writers.items():
        writer.writerow(FIELDS[kind][1:])
    for row in rows:
        writers[row["kind"]].writerow([_cell(row[k]) for k in FIELDS[row["kind"]][1:]])
    paths = {}
    for kind, buffer in buffers.items():
        path = directory / FILES[kind]
        path.write_text(buffer.getvalue(), encoding="utf-8")
        paths[kind] = path
    return paths
