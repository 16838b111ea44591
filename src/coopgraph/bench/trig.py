"""TriG written as text, statement by statement, so corpora of any size stream to disk.

Entity terms are prefixed names (``id:slug``); document-scoped nodes are full IRIs under the
document IRI. Every statement is one quad, so counting lines counts quads.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TextIO

from coopgraph.bench.stories import Draft, Triple
from coopgraph.bench.world import Entity
from coopgraph.namespaces import DOC, GRAPH, PREFIXES

__all__ = ["TrigWriter", "description", "literal"]

_SIDES = {
    "china": "cg:ChinaSide",
    "singapore": "cg:SingaporeSide",
    "joint": "cg:JointSide",
    "third": "cg:ThirdSide",
}
_ESCAPES = str.maketrans({"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r"})


def literal(text: str, language: str | None = None) -> str:
    """A Turtle string literal, escaped, with an optional language tag."""
    quoted = '"' + text.translate(_ESCAPES) + '"'
    return f"{quoted}@{language}" if language else quoted


def description(entity: Entity) -> list[Triple]:
    """The triples describing ``entity`` in ``graph:entities``."""
    node = f"id:{entity.slug}"
    triples = [
        (node, "a", f"cg:{entity.kind}"),
        (node, "skos:prefLabel", literal(entity.label, "en")),
    ]
    triples += [(node, "skos:altLabel", literal(alias, "en")) for alias in entity.aliases]
    if entity.side:
        triples.append((node, "cg:side", _SIDES[entity.side]))
    if entity.review:
        triples.append((node, "cg:needsReview", "true"))
    if entity.title:
        triples.append((node, "cg:title", literal(entity.title)))
    return triples


class TrigWriter:
    """Writes graph blocks to ``out`` and counts the quads written."""

    def __init__(self, out: TextIO) -> None:
        self.out = out
        self.quads = 0
        prefixes = dict(PREFIXES, graph=str(GRAPH))
        out.writelines(f"@prefix {name}: <{iri}> .\n" for name, iri in prefixes.items())

    def _block(self, graph: str, triples: Iterable[Triple]) -> None:
        lines = [f"{s} {p} {o} ." for s, p, o in triples]
        self.out.write(f"\n{graph} {{\n" + "\n".join(lines) + "\n}\n")
        self.quads += len(lines)

    def entities(self, entities: Iterable[Entity]) -> None:
        """The ``graph:entities`` block: type, one English label, aliases, side, review flag."""
        self._block("graph:entities", [t for e in entities for t in description(e)])

    def document(
        self, draft: Draft, sha256: str, name: str, offsets: list[tuple[int, int]]
    ) -> None:
        """One document's graph: its metadata, facts, evidence and document-scoped nodes."""
        key = sha256[:16]
        doc = f"<{DOC[key]}>"

        def term(value: str) -> str:
            if value == "@":
                return doc
            return f"<{DOC[key]}/{value[1:]}>" if value.startswith("@") else value

        triples: list[Triple] = [
            (doc, "a", "cg:Document"),
            (doc, "dcterms:title", literal(draft.title, "en")),
            (doc, "dcterms:publisher", literal(draft.publisher)),
            (doc, "dcterms:issued", f'"{draft.published.isoformat()}"^^xsd:date'),
            (doc, "dcterms:language", '"en"'),
            (doc, "cg:documentKind", f"cg:{draft.kind}"),
            (doc, "cg:fileName", literal(name)),
            (doc, "cg:contentHash", f'"{sha256}"'),
            (doc, "cg:graph", f"graph:{key}"),
        ]
        number, seen = 0, set()
        for (rule, sentence, facts), (start, end) in zip(draft.sentences, offsets, strict=True):
            for s, p, o in facts:
                if (s, p, o) in seen:
                    continue
                seen.add((s, p, o))
                number += 1
                evidence = f"<{DOC[key]}/evidence/{number}>"
                triples += [
                    (s, p, o),
                    (evidence, "a", "cg:Evidence"),
                    (evidence, "rdf:subject", s),
                    (evidence, "rdf:predicate", p),
                    (evidence, "rdf:object", o),
                    (evidence, "prov:wasDerivedFrom", doc),
                    (evidence, "cg:quote", literal(sentence)),
                    (evidence, "cg:start", str(start)),
                    (evidence, "cg:end", str(end)),
                    (evidence, "cg:rule", literal(rule)),
                ]
        triples += [(term(s), p, term(o)) for s, p, o in draft.nodes]
        self._block(f"graph:{key}", triples)
