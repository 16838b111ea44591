"""Registry changes made by a reviewer, written into ``data/entities.yaml`` as text.

The registry is curated by hand, with comments and sections: it is edited line by line (a new
entry appended, an alias added to its entry's ``aliases`` line), never re-serialised, so
everything a person wrote stays as written. The result is checked by loading it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import yaml

from coopgraph.resolve import SIDES, TYPES

__all__ = ["EntityChange", "RegistryEditError", "edit_registry"]

_ENTRY = re.compile(r"^- id:\s*(?P<id>\S+)\s*$")
_ALIASES = re.compile(r"^(?P<indent>\s+)aliases:\s*(?P<value>\[.*\])\s*$")
_SECTION = "# --- Added by review " + "-" * 73


class RegistryEditError(ValueError):
    """A registry change cannot be made; the message says which and why."""


@dataclass(frozen=True)
class EntityChange:
    """A reviewer's decision on an entity found in a document but not in the registry.

    ``action`` ``new``: a registry entry ``id`` with ``name``, ``type`` and ``side``;
    ``alias``: ``name`` becomes an alias of the entry ``of``.
    """

    id: str
    action: str
    name: str
    type: str | None = None
    side: str | None = None
    of: str | None = None


def edit_registry(text: str, changes: list[EntityChange], known: set[str]) -> str:
    """``text`` (the registry file) with ``changes`` made, in order (an entry added may take
    aliases after it); ``known``: the registry's ids."""
    known = set(known)
    for change in changes:
        if change.action == "alias":
            text = _add_alias(text, change, known)
        elif change.action == "new":
            text = _add_entry(text, change, known)
            known.add(change.id)
        else:
            raise RegistryEditError(
                f"entity '{change.id}': unknown action '{change.action}' (new or alias)"
            )
    return text


def _add_alias(text: str, change: EntityChange, known: set[str]) -> str:
    if not change.of or change.of not in known:
        raise RegistryEditError(
            f"'{change.name}' cannot be an alias of '{change.of}': no such registry entry"
        )
    lines = text.splitlines(keepends=True)
    start = next((n for n, line in enumerate(lines) if _is_entry(line, change.of)), None)
    if start is None:  # known ids come from this very file
        raise RegistryEditError(f"the entry '{change.of}' is not in the registry file")
    end = next((n for n in range(start + 1, len(lines)) if _ENTRY.match(lines[n])), len(lines))
    for number in range(start + 1, end):
        match = _ALIASES.match(lines[number])
        if match:
            aliases = yaml.safe_load(match["value"]) or []
            if change.name not in aliases:
                aliases.append(change.name)
            lines[number] = f"{match['indent']}aliases: {_flow(aliases)}\n"
            return "".join(lines)
    lines.insert(start + 2, f"  aliases: {_flow([change.name])}\n")  # after the name line
    return "".join(lines)


def _add_entry(text: str, change: EntityChange, known: set[str]) -> str:
    if change.id in known:
        raise RegistryEditError(f"the registry has an entry '{change.id}' already")
    if change.type not in TYPES:
        allowed = ", ".join(sorted(TYPES))
        raise RegistryEditError(
            f"entity '{change.name}': unknown type '{change.type}' (one of {allowed})"
        )
    if change.side is not None and change.side not in SIDES:
        raise RegistryEditError(
            f"entity '{change.name}': unknown side '{change.side}' (one of {', '.join(SIDES)})"
        )
    entry: dict[str, str] = {"id": change.id, "name": change.name, "type": change.type}
    if change.side:
        entry["side"] = change.side
    block = yaml.safe_dump([entry], sort_keys=False, allow_unicode=True, width=100)
    if _SECTION not in text:
        text = text.rstrip("\n") + f"\n\n{_SECTION}\n"
    return text + block


def _is_entry(line: str, entity_id: str) -> bool:
    match = _ENTRY.match(line)
    return match is not None and match["id"].strip("'\"") == entity_id


def _flow(names: list[str]) -> str:
    """A one-line YAML list, quoting only the names that need it."""
    return yaml.safe_dump(names, default_flow_style=True, allow_unicode=True, width=10_000).strip()
