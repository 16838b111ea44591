"""What extraction produces: plain, JSON-ready records that assembly turns into RDF.

Entities are named by registry id (or a minted slug). Document-scoped nodes (funding, figures,
amounts) are named by a key starting with ``#`` ("#funding/1"), minted under the document IRI.
Type checks (:func:`is_a`) walk the ontology's own class tree (:func:`class_tree`).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, dataclass, field
from functools import cache
from typing import Any

from rdflib import URIRef

from coopgraph.namespaces import CG, OWL, RDF, RDFS, curie, term
from coopgraph.settings import get_settings

__all__ = [
    "Entity",
    "Extraction",
    "Fact",
    "Mark",
    "Mention",
    "Sentence",
    "class_tree",
    "is_a",
    "ordinal_label",
]


@dataclass(frozen=True)
class Sentence:
    """A sentence of the cleaned text, by character offsets."""

    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Mention:
    """A span of text naming an entity."""

    entity: str
    start: int
    end: int
    text: str
    type: str
    sentence: int
    source: str = "registry"
    """How it was found: registry, form, acronym, person, place, meeting, anaphor, byline."""


@dataclass
class Entity:
    """An entity not taken from the registry: discovered, or derived (a meeting, a post)."""

    id: str
    name: str
    type: str
    side: str | None = None
    aliases: list[str] = field(default_factory=list)
    review: bool = True
    title: str | None = None


@dataclass(frozen=True)
class Fact:
    """One statement with the sentence that supports it.

    ``predicate`` is the property's IRI (``CG.locatedIn``); the extraction cache writes it as
    a CURIE (``cg:locatedIn``). ``object`` is an entity id or a ``#`` node key when ``datatype``
    is None, else a literal's lexical form with an XSD datatype local name (``date``,
    ``gYear``, ``boolean`` ...).
    """

    subject: str
    predicate: URIRef
    object: str
    datatype: str | None
    rule: str
    start: int
    end: int
    status: str | None = None
    """None for a statement of fact; ``planned``, ``proposed`` or ``negated`` otherwise: such a
    fact is kept on its evidence, never asserted as a plain triple."""

    @classmethod
    def said_in(
        cls, sentence: Sentence, subject: str, predicate: URIRef, obj: str, rule: str,
        datatype: str | None = None,
    ) -> Fact:  # fmt: skip
        """A fact ``sentence`` supports."""
        return cls(subject=subject, predicate=predicate, object=obj, datatype=datatype,
                   rule=rule, start=sentence.start, end=sentence.end)  # fmt: skip


@dataclass
class Extraction:
    """Everything extracted from one document."""

    document: dict[str, Any]
    entities: dict[str, Entity] = field(default_factory=dict)
    mentions: list[Mention] = field(default_factory=list)
    facts: list[Fact] = field(default_factory=list)
    nodes: dict[str, dict[str, Any]] = field(default_factory=dict)
    """Document-scoped nodes: key → {"type": cg local name, and literal properties}."""
    text: str = ""
    warnings: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {
            "document": self.document,
            "entities": {k: asdict(v) for k, v in self.entities.items()},
            "mentions": [asdict(m) for m in self.mentions],
            "facts": [{**asdict(f), "predicate": curie(f.predicate)} for f in self.facts],
            "nodes": self.nodes,
            "text": self.text,
            "warnings": self.warnings,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Extraction:
        return cls(
            document=data["document"],
            entities={k: Entity(**v) for k, v in data["entities"].items()},
            mentions=[Mention(**m) for m in data["mentions"]],
            facts=[Fact(**{**f, "predicate": _property(f["predicate"])}) for f in data["facts"]],
            nodes=data["nodes"],
            text=data.get("text", ""),
            warnings=data.get("warnings", []),
        )


def _property(written: str) -> URIRef:
    """A fact's property as :meth:`Extraction.to_json` writes it: a CURIE, or the whole IRI of
    a vocabulary without a prefix."""
    return URIRef(written) if "://" in written else term(written)


@dataclass(frozen=True)
class Mark:
    """What a person decided of a fact kept in the graph: who, when and which decision."""

    decision: str
    """``accept``, ``correct`` or ``add``."""
    by: str
    at: str


def class_tree() -> Mapping[str, frozenset[str]]:
    """Each ``cg:`` class of the ontology, by local name, with its direct ``cg:`` superclasses:
    the tree type checks walk ("a Council is a GovernmentBody"), as the ontology states it."""
    return _class_tree()


@cache
def _class_tree() -> dict[str, frozenset[str]]:
    """Read once per process, on the first type check: extraction imports this module in every
    worker, and the ontology file is found where the settings say it is."""
    import pyoxigraph as ox

    path = get_settings().ontology_path
    try:
        triples = list(ox.parse(path=path, format=ox.RdfFormat.TURTLE))
    except (OSError, SyntaxError) as error:
        raise OSError(f"cannot read the class tree from the ontology {path}: {error}") from None
    namespace, declared = str(CG._NS), ox.NamedNode(str(OWL.Class))

    def local(node: object) -> str | None:
        if isinstance(node, ox.NamedNode) and node.value.startswith(namespace):
            return node.value[len(namespace) :]
        return None

    parents: dict[str, set[str]] = {}
    for triple in triples:
        name, up = local(triple.subject), local(triple.object)
        if name is None:
            continue
        if triple.predicate.value == str(RDF.type) and triple.object == declared:
            parents.setdefault(name, set())
        elif triple.predicate.value == str(RDFS.subClassOf) and up is not None:
            parents.setdefault(name, set()).add(up)
    return {name: frozenset(up) for name, up in parents.items()}


@cache
def _ancestors(type_: str) -> frozenset[str]:
    """``type_`` and every class above it (a type the ontology lacks is only itself)."""
    found, todo = {type_}, [type_]
    tree = _class_tree()
    while todo:
        for parent in tree.get(todo.pop(), ()):
            if parent not in found:
                found.add(parent)
                todo.append(parent)
    return frozenset(found)


def is_a(type_: str, ancestor: str) -> bool:
    """True when ``type_`` is ``ancestor`` or one of its subclasses."""
    return ancestor in _ancestors(type_)


def ordinal_label(number: int) -> str:
    """16 → '16th', 22 → '22nd'."""
    suffix = (
        "th" if 10 <= number % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    )
    return f"{number}{suffix}"
