"""The built graph in fragments: one N-Triples text per document graph, cached between builds.

A fragment is a document's named graph (``assemble.document_graph``) as sorted N-Triples lines,
stored under ``out/cache/fragments/`` by the digest of its text. The index
(``out/cache/fragments.json``) maps each document file to its fragment, keyed by the file's
size and modification time (and its sidecar's), the extraction fingerprint, and holds what the
entities graph and the build summary need, so an unchanged document is neither read nor
extracted again.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
from collections.abc import Container, Mapping
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from rdflib import Graph, URIRef
from rdflib.plugins.serializers.nt import _nt_row
from rdflib.term import Node

from coopgraph.assemble import (
    document_graph,
)
from coopgraph.files import write_atomically
from coopgraph.model import Extraction, Mark
from coopgraph.namespaces import CG, RDF

__all__ = ["Entry", "FragmentIndex", "fragment_of", "graph_block", "nt_line", "nt_lines"]

log = logging.getLogger(__name__)


def nt_lines(graph: Graph) -> str:
    """A graph as sorted N-Triples lines: the same triples always give the same text."""
    lines = graph.serialize(format="nt").splitlines()
    return "".join(f"{line}\n" for line in sorted(set(lines)) if line.strip())


def nt_line(triple: tuple[Node, Node, Node]) -> str:
    """One triple as ``graph.serialize(format="nt")`` writes it, without its newline: rdflib's
    writer row by row, for text made without building a graph first."""
    return _nt_row(triple)[:-1]


@dataclass
class Entry:
    """One document of the last build: where its fragment is and what the summary needs."""

    name: str
    key: str
    sha256: str
    stat: list[int]
    fingerprint: str
    fragment: str
    record: dict[str, Any] | None
    """What ``graph:entities`` needs of the document; None until read from the cache."""
    counts: dict[str, int]
    warnings: list[str] = field(default_factory=list)


def file_stat(path: Path, siblings: Container[str] | None = None) -> list[int]:
    """Size and modification time of a document and of its ``.meta.yaml`` sidecar.

    ``siblings``, the names in the document's folder if known, saves looking for the sidecar.
    """
    name = os.fspath(path)
    sidecar = name + ".meta.yaml"
    has_sidecar = path.name + ".meta.yaml" in siblings if siblings is not None else None
    found = [os.stat(name)]
    if has_sidecar or (has_sidecar is None and os.path.isfile(sidecar)):
        found.append(os.stat(sidecar))
    return [n for s in found for n in (s.st_size, s.st_mtime_ns)]


def fragment_of(
    extraction: Extraction, marks: Mapping[int, Mark] | None = None
) -> tuple[str, dict[str, Any], dict[str, int]]:
    """A document's fragment text, its entity record and its counts (``marks``: a person's
    decisions, see :func:`coopgraph.assemble.document_graph`)."""
    graph = document_graph(extraction, marks)
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


def graph_block(name: str, lines: str) -> str:
    """One named graph of a TriG file."""
    return f"<{name}> {{\n{lines}}}\n\n"


def digest(text: str) -> str:
    """The name of a fragment: the SHA-256 of its text."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


class FragmentIndex:
    """``out/cache/fragments.json`` and the fragment files under ``out/cache/fragments/``.

    Each fragment's entity record is kept beside it (``out/cache/records/<fragment>.json``)
    and read only when ``graph:entities`` is made afresh, so the index stays small.
    """

    def __init__(self, cache_dir: Path) -> None:
        self.folder = cache_dir / "fragments"
        self.records = cache_dir / "records"
        self.path = cache_dir / "fragments.json"
        self.entries: dict[str, Entry] = {}
        self._kept: set[str] | None = None
        self._stats: dict[Path, list[int]] = {}
        try:
            data = json.loads(self.path.read_text(encoding="utf-8")) if self.path.is_file() else {}
            self.entries = {name: Entry(**entry) for name, entry in data.items()}
        except (ValueError, TypeError):
            log.warning("ignoring unreadable fragment index %s", self.path)

    def fresh(
        self, path: Path, fingerprint: str, siblings: Container[str] | None = None
    ) -> Entry | None:
        """The entry of ``path`` if the file, its sidecar and the extraction are unchanged
        (``siblings``: the names in the document's folder, if known)."""
        entry = self.entries.get(path.name)
        if entry is None or entry.fingerprint != fingerprint:
            return None
        if entry.stat != self.stat(path, siblings):
            return None
        if self._kept is None:
            self._kept = self._names(self.folder) & self._names(self.records)
        return entry if entry.fragment in self._kept else None

    def stat(self, path: Path, siblings: Container[str] | None = None) -> list[int]:
        """``file_stat(path, siblings)``, taken once per index (one build or add)."""
        found = self._stats.get(path)
        if found is None:
            found = self._stats[path] = file_stat(path, siblings)
        return found

    @staticmethod
    def _names(folder: Path) -> set[str]:
        return set(os.listdir(folder)) if folder.is_dir() else set()

    def store(self, text: str, record: dict[str, Any] | None = None) -> str:
        """Save a fragment text and its entity record (once); its name."""
        name = digest(text)
        if not (self.folder / name).is_file():
            write_atomically(self.folder / name, text)
        if record is not None and not (self.records / name).is_file():
            write_atomically(self.records / name, json.dumps(record, ensure_ascii=False))
        return name

    def text(self, name: str) -> str:
        """A fragment's text."""
        return (self.folder / name).read_text(encoding="utf-8")

    def record(self, entry: Entry) -> dict[str, Any]:
        """The entry's entity record (read from the cache unless already in hand)."""
        if entry.record is None:
            path = self.records / entry.fragment
            entry.record = json.loads(path.read_text(encoding="utf-8"))
        return entry.record

    def save(self, entries: list[Entry], keep: set[str]) -> None:
        """Record ``entries`` as the last build; drop fragments neither they nor ``keep`` use."""
        self.entries = {e.name: e for e in entries}
        data = {e.name: {**vars(e), "record": None} for e in entries}
        write_atomically(self.path, json.dumps(data, ensure_ascii=False, separators=(",", ":")))
        used = {e.fragment for e in entries} | keep
        for folder in (self.folder, self.records):
            for name in self._names(folder) - used:
                if not name.startswith("."):
                    (folder / name).unlink(missing_ok=True)
