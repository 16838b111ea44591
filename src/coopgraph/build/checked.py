"""The last validated graph, kept in an on-disk store so a rebuild validates only what changed.

``out/cache/checked/`` holds a pyoxigraph store with every document graph, ``graph:entities``
and the ontology (``graph:ontology``); ``out/cache/checked.json`` says which fragment each
graph holds, the warnings of the last validation, the digest of the entity descriptions (kept
in ``out/cache/checked.entities.nt``), and a stamp of the shapes, the ontology and the code
that validates. :meth:`CheckedStore.update` swaps in the changed graphs, validates the
focus nodes they can affect against the whole store, and undoes the swap when the result does
not conform. A changed stamp, a missing or interrupted store, or ``full=True`` means a full
validation of a store loaded afresh.
"""

from __future__ import annotations

import hashlib
import json
import logging
import shutil
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph, Literal, URIRef
from rdflib.term import Node

from coopgraph import validate as validation
from coopgraph.files import keep_text, kept_text, write_atomically
from coopgraph.namespaces import ENTITIES_GRAPH, GRAPH
from coopgraph.validate import oxigraph
from coopgraph.validate.oxigraph.engine import add_ontology, to_rdflib
from coopgraph.validate.report import ValidationReport

__all__ = ["CheckedStore", "Outcome", "nodes_of"]

log = logging.getLogger(__name__)


def nodes_of(lines: str) -> set[Node]:
    """Every subject and object of N-Triples ``lines``: the focus nodes they can affect."""
    found: set[Node] = set()
    for triple in ox.parse(lines.encode("utf-8"), format=ox.RdfFormat.N_TRIPLES):
        found.add(to_rdflib(triple.subject))
        found.add(to_rdflib(triple.object))
    return {n for n in found if isinstance(n, URIRef | Literal)}


def stamp(shapes_path: Path, ontology_path: Path) -> str:
    """A digest of what decides validation results besides the data: shapes, ontology, code."""
    digest = hashlib.sha256()
    engine = sorted(Path(str(oxigraph.__file__)).parent.glob("*.py"))
    for path in (shapes_path, ontology_path, *engine, Path(__file__)):
        digest.update(path.read_bytes() if path.is_file() else b"")
    return digest.hexdigest()


@dataclass
class Outcome:
    """What one validation did: the report, whether it was full, how many focus nodes."""

    report: ValidationReport
    full: bool
    focus: int
    warnings: list[str]


class CheckedStore:
    """The validated store under ``cache_dir`` (see the module docstring)."""

    def __init__(self, cache_dir: Path, shapes: Graph, ontology: Graph, stamp: str) -> None:
        self.folder = cache_dir / "checked"
        self.state_path = cache_dir / "checked.json"
        self.entities_path = cache_dir / "checked.entities.nt"
        self.shapes, self.ontology, self.stamp = shapes, ontology, stamp
        try:
            self.state = (
                json.loads(self.state_path.read_text()) if self.state_path.is_file() else {}
            )
        except ValueError:
            self.state = {}

    def _usable(self) -> bool:
        return (
            self.state.get("stamp") == self.stamp
            and not self.state.get("dirty")
            and self.folder.is_dir()
        )

    def _save(self, **state: object) -> None:
        self.state = {"stamp": self.stamp, **state}
        write_atomically(self.state_path, json.dumps(self.state, ensure_ascii=False))

    def update(
        self,
        graphs: dict[str, str],
        entities: str,
        texts: Mapping[str, str],
        full: bool = False,
        trig: Callable[[], bytes] = bytes,
    ) -> Outcome:
        """Validate the graph made of ``entities`` and ``graphs`` (key → fragment name).

        ``texts`` gives the text of a fragment, old or new, by its name (read only for the
        graphs that changed); ``trig`` gives the whole graph as TriG, loaded when the
        validation is full. On a result that does not conform, the store is left as it was.
        """
        last = self.state.get("entities")
        previous_entities = kept_text(self.entities_path, last) if not full else None
        if previous_entities is None or not self._usable():
            return self._full(graphs, entities, trig)
        before: dict[str, str] = self.state["graphs"]
        previous_warnings: list[list[str]] = self.state.get("warnings", [])
        changed = sorted(k for k in set(before) | set(graphs) if before.get(k) != graphs.get(k, ""))
        old_entities = set(previous_entities.splitlines())
        new_entities = set(entities.splitlines())
        if not changed and old_entities == new_entities:  # nothing changed since last time
            empty = validation.ValidationReport(True, Graph(), "", [])
            return Outcome(empty, False, 0, [f"{f}: {m}" for f, m in previous_warnings])
        self._save(graphs=before, warnings=previous_warnings, entities=last, dirty=True)
        store = ox.Store(str(self.folder))
        focus: set[Node] = set()
        undo: list[tuple[str, str | None]] = []
        for key in changed:
            old = before.get(key)
            name = ox.NamedNode(str(GRAPH[key]))
            previous = texts[old] if old else None
            if previous is not None:
                focus |= nodes_of(previous)
                store.remove_graph(name)
            if key in graphs:
                text = texts[graphs[key]]
                focus |= nodes_of(text)
                store.load(text.encode("utf-8"), format=ox.RdfFormat.N_TRIPLES, to_graph=name)
            undo.append((key, previous))
        removed = "\n".join(sorted(old_entities - new_entities)) + "\n"
        added = "\n".join(sorted(new_entities - old_entities)) + "\n"
        self._entities(store, removed, added)
        focus |= nodes_of(removed) | nodes_of(added)
        report = validation.validate(store, shapes=self.shapes, ontology=self.ontology, focus=focus)
        kept = [w for w in previous_warnings if w[0] not in {str(n) for n in focus}]
        warnings = kept + [[str(v.focus), v.message] for v in report.warnings]
        if not report.conforms:
            for key, previous in undo:
                name = ox.NamedNode(str(GRAPH[key]))
                store.remove_graph(name)
                if previous is not None:
                    store.load(previous.encode(), format=ox.RdfFormat.N_TRIPLES, to_graph=name)
            self._entities(store, added, removed)
            store.flush()
            self._save(graphs=before, warnings=self.state["warnings"], entities=last)
        else:
            store.flush()
            self._save(graphs=graphs, warnings=warnings, entities=self._keep(entities, last))
        return Outcome(report, False, len(focus), [f"{f}: {m}" for f, m in warnings])

    def _keep(self, entities: str, last: object) -> str:
        """Keep the entity descriptions validated beside the state; their digest."""
        return keep_text(self.entities_path, entities, last if isinstance(last, str) else None)

    @staticmethod
    def _entities(store: ox.Store, removed: str, added: str) -> None:
        name = ox.NamedNode(str(ENTITIES_GRAPH))
        for triple in ox.parse(removed.encode(), format=ox.RdfFormat.N_TRIPLES):
            store.remove(ox.Quad(triple.subject, triple.predicate, triple.object, name))
        store.load(added.encode(), format=ox.RdfFormat.N_TRIPLES, to_graph=name)

    def _full(self, graphs: dict[str, str], entities: str, trig: Callable[[], bytes]) -> Outcome:
        """Load the whole graph into a fresh store and validate all of it."""
        self._save(graphs={}, warnings=[], dirty=True)
        shutil.rmtree(self.folder, ignore_errors=True)
        store = ox.Store(str(self.folder))
        store.bulk_load(trig(), format=ox.RdfFormat.TRIG)
        add_ontology(store, self.ontology)
        report = validation.validate(store, shapes=self.shapes, ontology=self.ontology)
        warnings = [[str(v.focus), v.message] for v in report.warnings]
        store.flush()
        if report.conforms:
            self._save(graphs=graphs, warnings=warnings, entities=self._keep(entities, None))
        return Outcome(report, True, 0, [f"{f}: {m}" for f, m in warnings])
