"""What extraction produces: plain, JSON-ready records that assembly turns into RDF.

Entities are named by registry id (or a minted slug). Document-scoped nodes (funding, figures,
amounts) are named by a key starting with ``#`` ("#funding/1"), minted under the document IRI.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

__all__ = ["Entity", "Extraction", "Fact", "Mention", "Sentence"]


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
    """How it was found: registry, form, acronym, person, place, meeting, anaphor."""


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

    ``object`` is an entity id or a ``#`` node key when ``datatype`` is None, else a literal's
    lexical form with an XSD datatype local name (``date``, ``gYear``, ``boolean`` ...).
    """

    subject: str
    predicate: str
    object: str
    datatype: str | None
    rule: str
    start: int
    end: int


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
            "facts": [asdict(f) for f in self.facts],
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
            facts=[Fact(**f) for f in data["facts"]],
            nodes=data["nodes"],
            text=data.get("text", ""),
            warnings=data.get("warnings", []),
        )
