"""Find entities by name: an IRI, a preferred label or an alias, as a person would type it."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

import pyoxigraph as ox

from coopgraph.store import select

__all__ = ["AmbiguousName", "Match", "UnknownName", "find_entities", "normalise", "resolve_entity"]

_ENTITIES = """
SELECT DISTINCT ?entity ?label ?type ?name WHERE {
  ?entity skos:prefLabel ?label .
  OPTIONAL { ?entity a ?type . FILTER(STRSTARTS(STR(?type), STR(cg:))) }
  { ?entity skos:prefLabel ?name } UNION { ?entity skos:altLabel ?name }
  FILTER(!STRSTARTS(STR(?entity), STR(cg:)))
}
"""


@dataclass(frozen=True)
class Match:
    """An entity a name refers to."""

    iri: str
    label: str
    type: str | None


class UnknownName(LookupError):
    """No entity has this name."""


class AmbiguousName(LookupError):
    """Several entities have this name."""

    def __init__(self, name: str, matches: list[Match]) -> None:
        self.matches = matches
        choices = "; ".join(f"{m.label} <{m.iri}>" for m in matches)
        super().__init__(
            f"'{name}' is ambiguous: it names {choices}. Use the full name or the IRI."
        )


def normalise(name: str) -> str:
    """Case-, accent-, punctuation- and space-insensitive key for a name."""
    text = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]+", " ", text).strip()


def find_entities(store: ox.Store, name: str) -> list[Match]:
    """Every entity whose IRI, preferred label or alias matches ``name`` (ontology terms aside)."""
    name = name.strip()
    key = normalise(name)
    found: dict[str, Match] = {}
    for row in select(store, _ENTITIES):
        if row["entity"] == name or normalise(row["name"]) == key:
            found.setdefault(row["entity"], Match(row["entity"], row["label"], row["type"]))
    return sorted(found.values(), key=lambda m: m.iri)


def resolve_entity(store: ox.Store, name: str) -> Match:
    """The one entity ``name`` names; :class:`UnknownName` or :class:`AmbiguousName` otherwise."""
    matches = find_entities(store, name)
    if not matches:
        raise UnknownName(f"no entity is called '{name}': try its full name, an alias or its IRI")
    if len(matches) > 1:
        raise AmbiguousName(name, matches)
    return matches[0]
