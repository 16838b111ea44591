"""One document as the review page shows it: text, mentions, entities, facts and figures.

The text is cut into pieces at every mention, sentence and fact boundary, so the page can mark
a mention by its type and a fact's sentence exactly, and a reviewer can pick a sentence for a
fact of their own. Entities the registry does not know come with the registry entries and the
graph's entities they may be ("same as …?", :mod:`coopgraph.curate.candidates`). Facts come with
the decision already recorded on them, if any.
"""

from __future__ import annotations

import hashlib
import itertools
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from coopgraph.build.decisions import DATATYPES, STATUSES, Decision, Review, fact_key
from coopgraph.build.pipeline import extraction_cache
from coopgraph.curate.candidates import Candidate, from_registry, suggest
from coopgraph.model import Extraction, Fact
from coopgraph.namespaces import curie
from coopgraph.resolve import SIDES, TYPES, Registry

__all__ = ["EntityRow", "FactRow", "Piece", "ReviewView", "cached_extraction", "relations",
           "review_view", "version"]  # fmt: skip

_SENTENCE_END = re.compile(r"(?<=[.!?])[\"'”’)]*\s+(?=[\"'“‘(]?[A-Z0-9])")


@dataclass(frozen=True)
class Piece:
    """A run of text with one mention (or none) inside one sentence."""

    start: int
    end: int
    text: str
    type: str | None = None
    entity: str | None = None


@dataclass
class Sentence:
    start: int
    end: int
    pieces: list[Piece] = field(default_factory=list)


@dataclass(frozen=True)
class EntityRow:
    """An entity the document mentions: a registry entry, or a new one with candidates."""

    id: str
    name: str
    type: str
    known: bool
    mentions: int
    candidates: tuple[Candidate, ...] = ()
    """What this one may be, best first."""

    def data(self) -> dict[str, Any]:
        """The entity for the page's script: what it is, and what it may be."""
        kept = ("id", "name", "type", "known", "mentions")
        return {k: getattr(self, k) for k in kept} | {
            "candidates": [_target(c) for c in self.candidates]
        }


@dataclass(frozen=True)
class FactRow:
    """An extracted fact with its labels, its sentence and the decision recorded on it."""

    index: int
    fact: Fact
    subject: str
    object: str
    figure: bool
    decision: Decision | None

    @property
    def status(self) -> str:
        return self.fact.status or "stated"

    @property
    def relation(self) -> str:
        """The fact's property as the page and the review file write it (``cg:locatedIn``)."""
        return curie(self.fact.predicate)

    def data(self) -> dict[str, Any]:
        """The fact for the page's script: its key, and what it shows and decides."""
        decided = self.decision.decision if self.decision else None
        return {"index": self.index, **self.key(), "datatype": self.fact.datatype,
                "status": self.status, "figure": self.figure, "decision": decided}  # fmt: skip

    def key(self) -> dict[str, Any]:
        return {"sentence": [self.fact.start, self.fact.end], "subject": self.fact.subject,
                "relation": self.relation, "object": self.fact.object}  # fmt: skip


@dataclass
class ReviewView:
    """Everything the review page shows of one document."""

    name: str
    title: str
    draft: bool
    version: str
    """The review file's digest when the page was made ("" when it had none)."""
    paragraphs: list[list[Sentence]]
    entities: list[EntityRow]
    facts: list[FactRow]
    added: list[Decision]
    labels: dict[str, str]
    relations: list[tuple[str, str]]
    targets: list[Candidate]
    """Every registry entry and entity only the graph has, by name: what a new entity may be
    an alias of."""
    warnings: list[str] = field(default_factory=list)

    def data(self) -> dict[str, Any]:
        """The page's data block for its script (written out with Jinja's ``tojson``)."""
        return {
            "document": self.name,
            "facts": [f.data() for f in self.facts],
            "entities": [e.data() for e in self.entities],
            "labels": self.labels,
            "relations": self.relations,
            "targets": [_target(c) for c in self.targets],
            "types": sorted(TYPES),
            "sides": list(SIDES),
            "datatypes": list(DATATYPES),
            "statuses": list(STATUSES),
        }


def _target(candidate: Candidate) -> dict[str, Any]:
    """What the page's script needs of an entity a new one may be an alias of: whether it is
    only in the graph (then it joins the registry, and a side may be asked)."""
    return {"id": candidate.id, "name": candidate.name, "type": candidate.type,
            "side": candidate.side, "graph": candidate.documents is not None,
            "origin": candidate.origin}  # fmt: skip


def version(path: Path) -> str:
    """The digest a review form carries of the review file it was made from ("" if none)."""
    return hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() else ""


def cached_extraction(cache_dir: Path, fingerprint: str, document: Any) -> Extraction | None:
    """The document's extraction from the cache, when it is there and current (no extracting:
    that is a job's work, see :func:`coopgraph.curate.drafts.extract_task`)."""
    from coopgraph.extract.document import document_metadata

    cache = extraction_cache(cache_dir, document.sha256)
    try:
        data = json.loads(cache.read_text(encoding="utf-8"))
        current = data.get("fingerprint") == fingerprint
        if current and data["extraction"]["document"] == document_metadata(document):
            return Extraction.from_json(data["extraction"])
    except (OSError, ValueError, KeyError, TypeError):
        return None
    return None


@lru_cache(maxsize=4)
def relations(ontology: Path, stamp: float) -> list[tuple[str, str]]:
    """(CURIE, label) of every property of the ontology a fact may use, by label."""
    from rdflib import Graph
    from rdflib.namespace import OWL, RDF, RDFS

    graph = Graph().parse(ontology, format="turtle")
    found = {}
    for kind in (OWL.ObjectProperty, OWL.DatatypeProperty):
        for prop in graph.subjects(RDF.type, kind):
            name = curie(str(prop))
            if name != str(prop):
                found[name] = str(graph.value(prop, RDFS.label) or name)
    return sorted(found.items(), key=lambda item: item[1].lower())


def review_view(
    name: str,
    extraction: Extraction,
    registry: Registry,
    review: Review | None,
    *,
    draft: bool,
    version: str,
    relation_choices: list[tuple[str, str]],
    graph: Mapping[str, Candidate] | None = None,
) -> ReviewView:
    """The page's view of ``extraction`` with ``review``'s decisions; ``graph``: the built
    graph's unregistered entities (:func:`coopgraph.curate.candidates.from_graph`)."""
    recorded = {d.key: d for d in review.decisions if d.decision != "add"} if review else {}
    labels = {entry.id: entry.name for entry in registry}
    labels.update({k: e.name for k, e in extraction.entities.items()})
    labels.update({k: _node_label(k, props) for k, props in extraction.nodes.items()})
    facts = []
    for index, fact in enumerate(extraction.facts):
        key = fact_key(fact)
        obj = fact.object if fact.datatype else labels.get(fact.object, fact.object)
        facts.append(FactRow(index, fact, labels.get(fact.subject, fact.subject), obj,
                             fact.subject.startswith("#"), recorded.get(key)))  # fmt: skip
    keys = _keys(extraction)
    stale = [d for k, d in recorded.items() if k not in keys]
    pool = from_registry(registry) + [c for i, c in (graph or {}).items() if i not in registry]
    return ReviewView(
        name=name,
        title=str(extraction.document.get("title") or name),
        draft=draft,
        version=version,
        paragraphs=_paragraphs(extraction),
        entities=_entities(extraction, registry, pool),
        facts=facts,
        added=[d for d in review.decisions if d.decision == "add"] if review else [],
        labels=labels,
        relations=relation_choices,
        targets=sorted(pool, key=lambda candidate: candidate.name.lower()),
        warnings=[f"a decision no longer finds its fact: {d.describe()}" for d in stale],
    )


def _node_label(key: str, props: dict[str, Any]) -> str:
    """A document-scoped node as the page names it: ``12000000 SGD``, ``Funding 1``."""
    if "value" in props and "currency" in props:
        return f"{props['value']} {props['currency']}"
    number = key.rstrip("/").rsplit("/", 1)[-1]
    return f"{props.get('type', 'node')} {number}"


def _keys(extraction: Extraction) -> set[tuple[int, int, str, str, str]]:
    return {fact_key(f) for f in extraction.facts}


def _entities(extraction: Extraction, registry: Registry, pool: list[Candidate]) -> list[EntityRow]:
    counts: dict[str, int] = {}
    types: dict[str, str] = {}
    for mention in extraction.mentions:
        counts[mention.entity] = counts.get(mention.entity, 0) + 1
        types.setdefault(mention.entity, mention.type)
    rows = []
    for entity_id, count in counts.items():
        entry = registry.get(entity_id)
        found = extraction.entities.get(entity_id)
        if entry is not None:
            rows.append(EntityRow(entity_id, entry.name, entry.type, True, count))
        elif found is not None:
            others = [c for c in pool if c.id != entity_id]
            rows.append(EntityRow(entity_id, found.name, found.type, False, count,
                                  suggest(found.name, found.type, others)))  # fmt: skip
    return sorted(rows, key=lambda row: (row.known, row.name.lower()))


def _paragraphs(extraction: Extraction) -> list[list[Sentence]]:
    text = extraction.text
    paragraphs: list[list[Sentence]] = []
    mentions = sorted(extraction.mentions, key=lambda m: (m.start, -m.end))
    cuts = {f.start for f in extraction.facts} | {f.end for f in extraction.facts}
    for match in re.finditer(r"[^\n]+", text):
        sentences = []
        start = match.start()
        for end in [*(m.start() for m in _SENTENCE_END.finditer(match[0])), len(match[0])]:
            end += match.start()
            if end > start:
                sentences.append(Sentence(start, end))
            start = end
        for sentence in sentences:
            sentence.pieces = _pieces(text, sentence, mentions, cuts)
        paragraphs.append(sentences)
    return paragraphs


def _pieces(text: str, sentence: Sentence, mentions: list[Any], cuts: set[int]) -> list[Piece]:
    """The sentence cut at its mentions and at fact boundaries; a mention is one piece."""
    inside = [m for m in mentions if m.start >= sentence.start and m.end <= sentence.end]
    spans: list[Any] = []
    for mention in inside:  # the longest of overlapping mentions wins
        if not spans or mention.start >= spans[-1].end:
            spans.append(mention)
    points = {sentence.start, sentence.end}
    points |= {c for c in cuts if sentence.start < c < sentence.end}
    for span in spans:
        points |= {span.start, span.end}
    points -= {p for s in spans for p in range(s.start + 1, s.end)}
    ordered = sorted(points)
    by_start = {s.start: s for s in spans}
    pieces = []
    for start, end in itertools.pairwise(ordered):
        span = by_start.get(start)
        if span is not None and span.end == end:
            pieces.append(Piece(start, end, text[start:end], span.type, span.entity))
        else:
            pieces.append(Piece(start, end, text[start:end]))
    return pieces
