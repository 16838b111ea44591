"""What a new entity may be ("same as …?"): registry entries, and entities only the graph has.

An entity the registry does not know may be one it knows under another name, or one that other
documents named and the graph holds still unregistered (``cg:needsReview true``). Both are
scored by the same likeness of names. Making a new entity an alias of a graph-only one
registers that one first, under the id the graph already gives it, so its IRI does not change.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass

import pyoxigraph as ox

from coopgraph.curate.registry_edit import EntityChange
from coopgraph.model import is_a
from coopgraph.namespaces import (
    CG,
    ENTITIES_GRAPH,
    GRAPH,
    ID,
    ONTOLOGY_GRAPH,
    RDF,
    SIDES,
    SKOS,
    XSD,
)
from coopgraph.resolve import Registry, normalise

__all__ = ["Candidate", "from_graph", "from_registry", "registration", "suggest"]

_REVIEW = ox.NamedNode(str(CG.needsReview))
_TRUE = ox.Literal("true", datatype=ox.NamedNode(str(XSD.boolean)))
_PREF, _ALT = ox.NamedNode(str(SKOS.prefLabel)), ox.NamedNode(str(SKOS.altLabel))
_TYPE, _SIDE = ox.NamedNode(str(RDF.type)), ox.NamedNode(str(CG.side))
_ENTITIES = ox.NamedNode(str(ENTITIES_GRAPH))
_NOT_DOCUMENTS = {str(ENTITIES_GRAPH), str(ONTOLOGY_GRAPH)}
_SIDE_NAMES = {str(iri): name for name, iri in SIDES.items()}
_ENOUGH, _PREFIX, _KIN = 0.6, 0.8, 0.1
"""Likeness a candidate needs; likeness of a name starting another; a compatible type's gain."""


@dataclass(frozen=True)
class Candidate:
    """An entity a new one may be: a registry entry, or an entity only the graph has."""

    id: str
    type: str
    names: tuple[str, ...]
    """Its name, then its aliases."""
    documents: int | None = None
    """None for a registry entry; for a graph entity, how many documents it comes from."""
    side: str | None = None

    @property
    def name(self) -> str:
        return self.names[0]

    @property
    def origin(self) -> str:
        """Where the candidate comes from, as the review page says it."""
        if self.documents is None:
            return "registry"
        return f"graph, from {self.documents} document{'' if self.documents == 1 else 's'}"


def from_registry(registry: Registry) -> list[Candidate]:
    return [Candidate(e.id, e.type, e.names, side=e.side) for e in registry]


def from_graph(store: ox.Store) -> dict[str, Candidate]:
    """The entities the built graph describes but the registry does not, by id."""
    found = {}
    for quad in store.quads_for_pattern(None, _REVIEW, _TRUE, _ENTITIES):
        node = quad.subject
        if not isinstance(node, ox.NamedNode) or not node.value.startswith(str(ID)):
            continue
        names, kinds = _values(store, node, _PREF), _values(store, node, _TYPE)
        if not names or not kinds:
            continue
        side = _SIDE_NAMES.get(next(iter(_values(store, node, _SIDE)), ""))
        entity_id = node.value[len(str(ID)) :]
        kind = kinds[0].rsplit("#", 1)[-1]
        every = (names[0], *sorted(_values(store, node, _ALT)))
        found[entity_id] = Candidate(entity_id, kind, every, _documents(store, node), side)
    return found


def _values(store: ox.Store, node: ox.NamedNode, predicate: ox.NamedNode) -> list[str]:
    """The IRIs or literals ``node`` has for ``predicate`` in the entities graph."""
    objects = (q.object for q in store.quads_for_pattern(node, predicate, None, _ENTITIES))
    return [o.value for o in objects if isinstance(o, ox.NamedNode | ox.Literal)]


def _documents(store: ox.Store, node: ox.NamedNode) -> int:
    """How many documents' graphs speak of ``node``."""
    quads = [*store.quads_for_pattern(node, None, None), *store.quads_for_pattern(None, None, node)]
    graphs = {q.graph_name.value for q in quads if isinstance(q.graph_name, ox.NamedNode)}
    return len({g for g in graphs if g.startswith(str(GRAPH)) and g not in _NOT_DOCUMENTS})


def suggest(
    name: str, type_: str, pool: Iterable[Candidate], limit: int = 5
) -> tuple[Candidate, ...]:
    """The candidates ``name`` (of type ``type_``) may denote, best first: a close name or
    alias, or one that starts the same way ("Nanyang Tech" → Nanyang Technological University).
    A compatible type ranks a candidate a little higher, no more: extraction's types are
    guesses."""
    key = normalise(name)
    scored = []
    for candidate in pool:
        score = max(_likeness(key, normalise(other)) for other in candidate.names)
        if score >= _ENOUGH:
            kin = is_a(type_, candidate.type) or is_a(candidate.type, type_)
            scored.append((score + _KIN * kin, candidate))
    scored.sort(key=lambda item: -item[0])
    return tuple(candidate for _, candidate in scored[:limit])


def _likeness(key: str, other: str) -> float:
    """How alike two normalised names are (0 to 1); one starting the other is alike in
    proportion to how much of the longer it is, and at least :data:`_PREFIX`."""
    score = difflib.SequenceMatcher(None, key, other).ratio()
    if key and other and (other.startswith(key) or key.startswith(other)):
        shorter, longer = sorted((len(key), len(other)))
        score = max(score, _PREFIX + (1 - _PREFIX) * shorter / longer)
    return score


def registration(candidate: Candidate, side: str | None) -> EntityChange:
    """The registry entry a graph-only entity becomes, with ``side`` if given, else its own."""
    return EntityChange(candidate.id, "new", candidate.name, candidate.type,
                        side or candidate.side)  # fmt: skip
