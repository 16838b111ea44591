"""The curated entity registry: loading, the alias index, normalised matching and stable IRIs.

The registry (``data/entities.yaml``) lists every known entity with its canonical name, type,
side and aliases. Names found in text resolve through :meth:`Registry.lookup`; a name that is
not registered still gets a stable IRI from :func:`slugify`.
"""

from __future__ import annotations

import logging
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from rdflib import URIRef

from coopgraph.namespaces import ID, SIDES

__all__ = [
    "PLACE_TYPES",
    "SIDES",
    "TYPES",
    "Entry",
    "Registry",
    "RegistryError",
    "load_registry",
    "normalise",
    "slugify",
]

log = logging.getLogger(__name__)

PLACE_TYPES = frozenset(
    {"Place", "Country", "Province", "Municipality", "District", "Region", "Building", "Park"}
)
PARTY_TYPES = frozenset(
    {"Party", "Organisation", "GovernmentBody", "Council", "University", "Company"}
    | {"ResearchInstitute", "Person", "Country", "Province", "Municipality", "Park"}
)
TYPES = (
    PLACE_TYPES
    | PARTY_TYPES
    | {"Programme", "Initiative", "Event", "Meeting", "EventSeries", "Post"}
    | {"Agreement", "CooperationAgreement", "MemorandumOfUnderstanding", "FundingAgreement"}
)
"""The cg: classes an entity may have."""


_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_KNOWN_KEYS = {"id", "name", "type", "side", "aliases", "wikidata", "part_of", "located_in"}


class RegistryError(ValueError):
    """The registry file is missing or malformed; the message says where and what to fix."""


def normalise(name: str) -> str:
    """A case-, accent-, quote- and punctuation-insensitive key; a leading 'the' is dropped."""
    text = re.sub(r"['’‘`]", "", name)
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    text = re.sub(r"[^a-z0-9@*&]+", " ", text).strip()
    return re.sub(r"^the ", "", text)


def slugify(name: str) -> str:
    """A stable IRI slug for a name: ``"NTU China (West) Base"`` → ``ntu-china-west-base``."""
    text = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    text = text.replace("&", " and ").replace("@", " at ")
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-") or "unnamed"


@dataclass(frozen=True)
class Entry:
    """One registered entity."""

    id: str
    name: str
    type: str
    side: str | None = None
    aliases: tuple[str, ...] = ()
    wikidata: str | None = None
    part_of: str | None = None
    located_in: str | None = None

    @property
    def iri(self) -> URIRef:
        return ID[self.id]

    @property
    def names(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)


@dataclass
class Registry:
    """The entries by id, with an index from normalised names to ids."""

    entries: dict[str, Entry] = field(default_factory=dict)
    index: dict[str, str] = field(default_factory=dict)

    def __contains__(self, entity_id: object) -> bool:
        return entity_id in self.entries

    def __iter__(self) -> Iterator[Entry]:
        return iter(self.entries.values())

    def __len__(self) -> int:
        return len(self.entries)

    def get(self, entity_id: str) -> Entry | None:
        return self.entries.get(entity_id)

    def lookup(self, name: str) -> Entry | None:
        """The entry a name or alias denotes, matched on its normalised form."""
        entity_id = self.index.get(normalise(name))
        return self.entries[entity_id] if entity_id else None

    def add(self, entry: Entry, where: str = "registry") -> None:
        """Add an entry, refusing a duplicate id or a name another entry already claims."""
        if entry.id in self.entries:
            raise RegistryError(f"{where}: duplicate id '{entry.id}'; ids must be unique")
        for name in entry.names:
            key = normalise(name)
            owner = self.index.get(key)
            if owner is not None and owner != entry.id:
                raise RegistryError(
                    f"{where}: the name '{name}' of '{entry.id}' is already claimed by "
                    f"'{owner}'; keep it on one entry only"
                )
            self.index[key] = entry.id
        self.entries[entry.id] = entry


def _entry(raw: Any, where: str) -> Entry:
    if not isinstance(raw, dict):
        raise RegistryError(f"{where}: expected a mapping with id, name and type")
    unknown = set(raw) - _KNOWN_KEYS
    if unknown:
        raise RegistryError(
            f"{where}: unknown key(s) {sorted(unknown)}; allowed: {sorted(_KNOWN_KEYS)}"
        )
    for key in ("id", "name", "type"):
        if not isinstance(raw.get(key), str) or not raw[key].strip():
            raise RegistryError(f"{where}: '{key}' is missing or not a string")
    if not _SLUG.match(raw["id"]):
        raise RegistryError(
            f"{where}: id '{raw['id']}' is not a slug (lower-case letters, digits and hyphens)"
        )
    if raw["type"] not in TYPES:
        raise RegistryError(
            f"{where}: unknown type '{raw['type']}' for '{raw['id']}'; use one of {sorted(TYPES)}"
        )
    side = raw.get("side")
    if side is not None and side not in SIDES:
        raise RegistryError(
            f"{where}: unknown side '{side}' for '{raw['id']}'; use one of {sorted(SIDES)}"
        )
    aliases = raw.get("aliases") or []
    if not isinstance(aliases, list) or not all(isinstance(a, str) for a in aliases):
        raise RegistryError(f"{where}: aliases of '{raw['id']}' must be a list of strings")
    return Entry(
        id=raw["id"],
        name=raw["name"].strip(),
        type=raw["type"],
        side=side,
        aliases=tuple(a.strip() for a in aliases),
        wikidata=raw.get("wikidata"),
        part_of=raw.get("part_of"),
        located_in=raw.get("located_in"),
    )


def load_registry(path: Path) -> Registry:
    """Read and check the registry; :class:`RegistryError` names the entry and the problem."""
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise RegistryError(f"{path}: registry not found; create it or pass --data DIR") from None
    except yaml.YAMLError as exc:
        raise RegistryError(f"{path}: not valid YAML ({exc})") from None
    if raw is None:
        raw = []
    if not isinstance(raw, list):
        raise RegistryError(f"{path}: expected a list of entries at the top level")
    registry = Registry()
    for number, item in enumerate(raw, start=1):
        registry.add(_entry(item, f"{path} entry {number}"), f"{path} entry {number}")
    for entry in registry:
        for key in ("part_of", "located_in"):
            target = getattr(entry, key)
            if target is not None and target not in registry:
                raise RegistryError(
                    f"{path}: {key} of '{entry.id}' names '{target}', which is not a registered id"
                )
    log.info("registry %s: %d entries", path, len(registry))
    return registry
