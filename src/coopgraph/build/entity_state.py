"""The entities graph (``graph:entities``) as N-Triples text, and what it is made of, kept
between builds (:class:`EntityState`), so that adding a document makes again only the
descriptions of the entities it touches.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable, Container, Iterable
from pathlib import Path
from types import SimpleNamespace
from typing import Any, cast

from coopgraph.assemble import (
    described_entities,
    entity_triples,
    referenced_ids,
    select_entities,
)
from coopgraph.build.fragments import Entry, nt_line
from coopgraph.files import keep_text, kept_text, write_atomically
from coopgraph.model import Entity, Extraction
from coopgraph.resolve import Registry

__all__ = ["EntityState", "entities_lines"]


def _as_extraction(record: dict[str, Any]) -> Extraction:
    """What ``assemble.entity_graph`` reads of an extraction, rebuilt from a record."""
    mentions = [SimpleNamespace(entity=e, type=t) for e, t in record["mentions"]]
    facts = [SimpleNamespace(subject=s, object=o, datatype=d) for s, o, d in record["facts"]]
    entities = {i: Entity(**e) for i, e in record["entities"].items()}
    return cast(Extraction, SimpleNamespace(entities=entities, mentions=mentions, facts=facts))


def _entity_rows(entity: Entity) -> list[str]:
    """The N-Triples lines of one entity description (a line separator in a value may split
    one: see :func:`_lines`)."""
    return [nt_line(triple) for triple in entity_triples(entity)]


def entities_lines(registry: Registry, records: Iterable[dict[str, Any]]) -> tuple[str, Counter]:
    """The entities graph as sorted N-Triples lines, and the count of entities by type.

    The same text as ``nt_lines(assemble.entity_graph(...))``, written triple by triple
    without building the graph.
    """
    ordered = sorted(records, key=lambda r: str(r["name"]))
    return _lines(described_entities(registry, [_as_extraction(r) for r in ordered]))


def _lines(entities: list[Entity]) -> tuple[str, Counter]:
    types = Counter(e.type for e in entities)
    types["review"] = sum(1 for e in entities if e.review)
    rows = "\n".join(row for e in entities for row in _entity_rows(e)).splitlines()
    return "".join(f"{line}\n" for line in sorted(set(rows)) if line.strip()), types


class EntityState:
    """What ``graph:entities`` is made of, kept in ``out/cache/entities.json``: the entities
    the documents refer to and, for each entity found in them, the first document (by file
    name) describing it and every document's aliases; and the lines made of it last, kept in
    ``out/cache/entities.nt``.

    Documents only added since the state was saved are merged into it, and only the lines of
    the entities they touch are made again; any other change (a document removed or changed,
    another extraction fingerprint) merges every record afresh and makes every line. Either
    way the result is that of :func:`entities_lines` over all the records.
    """

    def __init__(self, path: Path, fingerprint: str) -> None:
        self.path, self.fingerprint = path, fingerprint
        self.text_path = path.with_suffix(".nt")
        try:
            data = json.loads(path.read_text(encoding="utf-8")) if path.is_file() else {}
        except ValueError:
            data = {}
        same = data.get("fingerprint") == fingerprint
        self.documents: dict[str, str] = data.get("documents", {}) if same else {}
        self.referenced: set[str] = set(data.get("referenced", [])) if same else set()
        self.found: dict[str, list[Any]] = data.get("found", {}) if same else {}
        self._last: list[Any] | None = data.get("lines") if same else None
        """[digest of the lines kept, their count of entities by type]"""
        self._before: dict[str, tuple[bool, list[Any] | None]] | None = {}
        """What the entities touched since were (referenced, found); None: every one."""
        self._made: tuple[str, Counter] | None = None

    def update(self, entries: list[Entry], record: Callable[[Entry], dict[str, Any]]) -> int:
        """Merge what changed into the state; how many records were read."""
        current = {e.name: e.fragment for e in entries}
        if any(current.get(name) != fragment for name, fragment in self.documents.items()):
            self.documents, self.referenced, self.found = {}, set(), {}
            self._before = None
        added = [e for e in entries if e.name not in self.documents]
        for entry in sorted(added, key=lambda e: e.name):
            self._merge(entry.name, record(entry))
        self.documents = current
        return len(added)

    def _merge(self, name: str, record: dict[str, Any]) -> None:
        referenced = referenced_ids(_as_extraction(record))
        if self._before is not None:
            for touched in referenced | set(record["entities"]):
                known = self.found.get(touched)
                was = (touched in self.referenced, list(known) if known is not None else None)
                self._before.setdefault(touched, was)
        self.referenced |= referenced
        for entity_id, entity in record["entities"].items():
            known = self.found.get(entity_id)
            aliases = entity["aliases"] if known is None else known[2] + entity["aliases"]
            aliases = list(dict.fromkeys(aliases))
            if known is None or name < known[0]:
                self.found[entity_id] = [name, {**entity, "aliases": []}, aliases]
            else:
                known[2] = aliases

    def lines(self, registry: Registry) -> tuple[str, Counter]:
        """The entities graph as sorted N-Triples lines, and the count of entities by type."""
        self._made = self._changed_lines(registry)
        if self._made is None:
            referenced = self.referenced
            self._made = _lines(_described(registry, referenced, referenced, self.found))
        return self._made

    def _changed_lines(self, registry: Registry) -> tuple[str, Counter] | None:
        """The lines kept last with those of the touched entities made again; None when they
        cannot be (no lines kept, a change merged afresh, a value split across lines)."""
        before = self._before
        kept = (
            kept_text(self.text_path, self._last[0]) if self._last and before is not None else None
        )
        if kept is None or before is None or self._last is None:
            return None
        found = {i: f for i, (_, f) in before.items() if f is not None}
        old = _described(registry, before, {i for i, (r, _) in before.items() if r}, found)
        new = _described(registry, before, self.referenced, self.found)
        old_rows = [row for e in old for row in _entity_rows(e)]
        new_rows = [row for e in new for row in _entity_rows(e)]
        if any(len(row.splitlines()) != 1 for row in old_rows + new_rows):
            return None
        lines = (set(kept.splitlines()) - set(old_rows)) | set(new_rows)
        types = Counter(self._last[1]) - Counter(e.type for e in old)
        types.update(e.type for e in new)
        review = self._last[1].get("review", 0) - sum(e.review for e in old)
        types = Counter({t: n for t, n in types.items() if n > 0 and t != "review"})
        types["review"] = review + sum(e.review for e in new)
        return "".join(f"{line}\n" for line in sorted(lines)), types

    def save(self) -> None:
        lines = None
        if self._made is not None:
            last = self._last[0] if self._last else None
            lines = [keep_text(self.text_path, self._made[0], last), dict(self._made[1])]
        data = {"fingerprint": self.fingerprint, "documents": self.documents, "lines": lines,
                "referenced": sorted(self.referenced), "found": self.found}  # fmt: skip
        write_atomically(self.path, json.dumps(data, ensure_ascii=False, separators=(",", ":")))


def _described(
    registry: Registry, ids: Iterable[str], referenced: Container[str], found: dict[str, list[Any]]
) -> list[Entity]:
    """The descriptions of those of ``ids`` that are referenced (see ``select_entities``)."""
    entities = {
        i: Entity(**{**found[i][1], "aliases": list(found[i][2])}) for i in ids if i in found
    }
    return select_entities(registry, [i for i in ids if i in referenced], entities)
