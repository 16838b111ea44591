"""The cleaning rules, read from ``data/furniture.yaml``."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from coopgraph.settings import get_settings

__all__ = ["CleaningRules", "default_rules", "load_rules"]


@dataclass(frozen=True)
class CleaningRules:
    """What counts as page furniture and when a document is too short."""

    lines: frozenset[str]
    patterns: tuple[re.Pattern[str], ...]
    block_headings: frozenset[str]
    menu_min_lines: int
    menu_max_words: int
    html_classes: tuple[str, ...]
    bullets: tuple[str, ...]
    short_words: int
    person_headings: frozenset[str] = frozenset()
    """Headings of a person to contact ("Media contact"): the block is kept, line by line."""


def load_rules(path: Path | None = None) -> CleaningRules:
    """Read the furniture table at ``path`` (default: ``furniture.yaml`` in the settings' data
    folder).

    Raises:
        ValueError: the file is missing, does not parse, or a pattern is not a valid regex.
    """
    path = path or get_settings().data_dir / "furniture.yaml"
    try:
        table: dict[str, Any] = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError) as error:
        raise ValueError(f"{path}: cannot read the furniture table ({error})") from None
    patterns = []
    for pattern in table.get("patterns", []):
        try:
            patterns.append(re.compile(pattern, re.IGNORECASE))
        except re.error as error:
            raise ValueError(f"{path}: bad pattern {pattern!r}: {error}") from None
    menu = table.get("menu", {})
    return CleaningRules(
        lines=frozenset(_key(line) for line in table.get("lines", [])),
        patterns=tuple(patterns),
        block_headings=frozenset(_key(line) for line in table.get("block_headings", [])),
        menu_min_lines=int(menu.get("min_lines", 3)),
        menu_max_words=int(menu.get("max_words", 5)),
        html_classes=tuple(table.get("html_classes", [])),
        bullets=tuple(sorted(table.get("bullets", []), key=len, reverse=True)),
        short_words=int(table.get("short_words", 80)),
        person_headings=frozenset(_key(line) for line in table.get("person_headings", [])),
    )


@lru_cache
def default_rules() -> CleaningRules:
    """The project's furniture table, read once."""
    return load_rules()


def _key(line: str) -> str:
    """A line as furniture phrases are compared: trimmed, casefolded, no trailing colon."""
    return " ".join(line.split()).rstrip(":：").strip().casefold()
