"""The built graph in fragments: one N-Triples text per document graph, cached between builds.

A fragment is a document's named graph (``assemble.document_graph``) as sorted N-Triples lines,
stored under ``out/cache/fragments/`` by the digest of its text. The index
(``out/cache/fragments.json``) maps each document file to its fragment, keyed by the file's
size and modification time (and its sidecar's), the extraction fingerprint, and holds what the
entities graph and the build summary need, so an unchanged document is neither read nor
extracted again. ``compose`` writes the TriG file from the entities graph and the fragments.
"""

from __future__ import annotations

import hashlib
import json
import logging
from collections import Counter
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from types import SimpleNamespace
from typing import Any, cast

from rdflib import Graph, URIRef

from coopgraph.assemble import described_entities, document_graph
from coopgraph.extract.model import Entity, Extraction
from coopgraph.namespaces import CG, ENTITIES_GRAPH, GRAPH, ID, RDF, SKOS, XSD
from coopgraph.resolve import SIDES, Registry

__all__ = [
    "Entry",
    "FragmentIndex",
    "compose",
    "entities_lines",
    "fragment_of",
    "graph_block",
    "nt_lines",
]

log = logging.getLogger(__name__)


def nt_lines(graph: Graph) -> str:
    """A graph as sorted N-Triples lines: the same triples always give the same text."""
    lines = graph.serialize(format="nt").splitlines()
    return "".join(f"{line}\n" for line in sorted(set(lines)) if line.strip())


@dataclass
class Entry:
    """One document of the last build: where its fragment is and what the summary needs."""

    name: str
    key: str
    sha256: str
    stat: list[int]
    fingerprint: str
    fragment: str
    record: dict[str, Any]
    counts: dict[str, int]
    warnings: list[str] = field(default_factory=list)


def file_stat(path: Path) -> list[int]:
    """Size and modification time of a document and of its ``.meta.yaml`` sidecar."""
    sidecar = path.with_name(path.name + ".meta.yaml")
    found = [path.stat()] + ([sidecar.stat()] if sidecar.is_file() else [])
    return [n for s in found for n in (s.st_size, s.st_mtime_ns)]


def fragment_of(extraction: Extraction) -> tuple[str, dict[str, Any], dict[str, int]]:
    """A document's fragment text, its entity record and its counts."""
    graph = document_graph(extraction)
    text = nt_lines(graph)
    record = {
        "name": str(extraction.document["name"]),
        "entities": {i: asdict(e) for i, e in extraction.entities.items()},
        "mentions": [[m.entity, m.type] for m in extraction.mentions],
        "facts": [[f.subject, f.object, f.datatype] for f in extraction.facts],
    }

    def count(*classes: URIRef) -> int:
        return len({s for c in classes for s in graph.subjects(RDF.type, c)})

    counts = {
        "facts": count(CG.Evidence),
        "figures": count(CG.Observation, CG.Target),
        "fundings": count(CG.Funding),
        "triples": len(graph),
    }
    return text, record, counts


def _as_extraction(record: dict[str, Any]) -> Extraction:
    """What ``assemble.entity_graph`` reads of an extraction, rebuilt from a record."""
    mentions = [SimpleNamespace(entity=e, type=t) for e, t in record["mentions"]]
    facts = [SimpleNamespace(subject=s, object=o, datatype=d) for s, o, d in record["facts"]]
    entities = {i: Entity(**e) for i, e in record["entities"].items()}
    return cast(Extraction, SimpleNamespace(entities=entities, mentions=mentions, facts=facts))


def _quote(text: str) -> str:
    """A literal's lexical form as N-Triples writes it (the escapes of rdflib's writer)."""
    escaped = text.replace("\\", "\\\\").replace("\n", "\\n").replace('"', '\\"')
    return '"' + escaped.replace("\r", "\\r") + '"'


_PREF, _ALT = f"<{SKOS.prefLabel}>", f"<{SKOS.altLabel}>"
_TYPE, _SIDE, _REVIEW, _TITLE = (f"<{p}>" for p in (RDF.type, CG.side, CG.needsReview, CG.title))
_TRUE = f'"true"^^<{XSD.boolean}>'


def _entity_rows(entity: Entity) -> list[str]:
    """The N-Triples lines of one entity description, as ``assemble.entity_graph`` states it."""
    node = f"<{ID[entity.id]}>"
    rows = [f"{node} {_TYPE} <{getattr(CG, entity.type)}> .",
            f"{node} {_PREF} {_quote(entity.name)}@en ."]  # fmt: skip
    rows += [f"{node} {_ALT} {_quote(a)}@en ." for a in set(entity.aliases) - {entity.name}]
    if entity.side:
        rows.append(f"{node} {_SIDE} <{SIDES[entity.side]}> .")
    if entity.review:
        rows.append(f"{node} {_REVIEW} {_TRUE} .")
    if entity.title:
        rows.append(f"{node} {_TITLE} {_quote(entity.title)} .")
    return rows


def entities_lines(registry: Registry, records: Iterable[dict[str, Any]]) -> tuple[str, Counter]:
    """The entities graph as sorted N-Triples lines, and the count of entities by type.

    The same text as ``nt_lines(assemble.entity_graph(...))``, written directly.
    """
    ordered = sorted(records, key=lambda r: str(r["name"]))
    entities = described_entities(registry, [_as_extraction(r) for r in ordered])
    types = Counter(e.type for e in entities)
    types["review"] = sum(1 for e in entities if e.review)
    rows = "\n".join(row for e in entities for row in _entity_rows(e)).splitlines()
    return "".join(f"{line}\n" for line in sorted(set(rows)) if line.strip()), types


def graph_block(name: str, lines: str) -> str:
    """One named graph of a TriG file."""
    return f"<{name}> {{\n{lines}}}\n\n"


def compose(entities: str, fragments: Iterable[tuple[str, str]]) -> str:
    """The TriG file: ``graph:entities``, then each (key, fragment text) as ``graph:<key>``."""
    parts = [graph_block(str(ENTITIES_GRAPH), entities)]
    parts += [graph_block(str(GRAPH[key]), text) for key, text in fragments]
    return "".join(parts)


def digest(text: str) -> str:
    """The name of a fragment: the SHA-256 of its text."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


class FragmentIndex:
    """``out/cache/fragments.json`` and the fragment files under ``out/cache/fragments/``."""

    def __init__(self, cache_dir: Path) -> None:
        self.folder = cache_dir / "fragments"
        self.path = cache_dir / "fragments.json"
        self.entries: dict[str, Entry] = {}
        try:
            data = json.loads(self.path.read_text(encoding="utf-8")) if self.path.is_file() else {}
            self.entries = {name: Entry(**entry) for name, entry in data.items()}
        except (ValueError, TypeError):
            log.warning("ignoring unreadable fragment index %s", self.path)

    def fresh(self, path: Path, fingerprint: str) -> Entry | None:
        """The entry of ``path`` if the file, its sidecar and the extraction are unchanged."""
        entry = self.entries.get(path.name)
        if entry is None or entry.fingerprint != fingerprint or entry.stat != file_stat(path):
            return None
        return entry if (self.folder / entry.fragment).is_file() else None

    def store(self, text: str) -> str:
        """Save a fragment text (once); its name."""
        name = digest(text)
        target = self.folder / name
        if not target.is_file():
            from coopgraph.build import write_atomically

            write_atomically(target, text)
        return name

    def text(self, name: str) -> str:
        """A fragment's text."""
        return (self.folder / name).read_text(encoding="utf-8")

    def save(self, entries: list[Entry], keep: set[str]) -> None:
        """Record ``entries`` as the last build; drop fragments neither they nor ``keep`` use."""
        from coopgraph.build import write_atomically

        self.entries = {e.name: e for e in entries}
        data = {e.name: e.__dict__ for e in entries}
        write_atomically(self.path, json.dumps(data, ensure_ascii=False, separators=(",", ":")))
        used = {e.fragment for e in entries} | keep
        for stale in self.folder.glob("*"):
            if stale.name not in used and not stale.name.startswith("."):
                stale.unlink(missing_ok=True)
