"""Registry changes written as text: comments kept, the result a registry that loads."""

from __future__ import annotations

from pathlib import Path

import pytest

from coopgraph.curate.registry_edit import EntityChange, RegistryEditError, edit_registry
from coopgraph.resolve import load_registry

REGISTRY = """# The registry (a comment that stays)
- id: nanyang-technological-university
  name: Nanyang Technological University, Singapore
  type: University
  side: Singapore
  aliases: [NTU, "NTU: Singapore"]
- id: guangzhou
  name: Guangzhou
  type: Municipality
"""
KNOWN = {"nanyang-technological-university", "guangzhou"}


def _load(text: str, tmp_path: Path):  # type: ignore[no-untyped-def]
    path = tmp_path / "entities.yaml"
    path.write_text(text)
    return load_registry(path)


def test_an_alias_joins_the_entry_s_aliases(tmp_path: Path) -> None:
    change = EntityChange(
        "nanyang-tech", "alias", "Nanyang Tech", of="nanyang-technological-university"
    )
    text = edit_registry(REGISTRY, [change], KNOWN)
    assert text.startswith("# The registry (a comment that stays)")
    entry = _load(text, tmp_path).get("nanyang-technological-university")
    assert entry is not None and entry.aliases == ("NTU", "NTU: Singapore", "Nanyang Tech")


def test_an_alias_of_an_entry_without_aliases_gets_the_line(tmp_path: Path) -> None:
    change = EntityChange("canton", "alias", "Canton", of="guangzhou")
    entry = _load(edit_registry(REGISTRY, [change], KNOWN), tmp_path).get("guangzhou")
    assert entry is not None and entry.aliases == ("Canton",)


def test_a_new_entry_is_appended_in_a_section_of_its_own(tmp_path: Path) -> None:
    changes = [
        EntityChange("harbour-robotics-alliance", "new", "Harbour Robotics Alliance",
                     type="Organisation", side="Joint"),
        EntityChange("harbour-port", "new", "Harbour Port", type="Place"),
    ]  # fmt: skip
    text = edit_registry(REGISTRY, changes, KNOWN)
    assert text.count("# --- Added by review") == 1
    registry = _load(text, tmp_path)
    entry = registry.get("harbour-robotics-alliance")
    assert entry is not None and entry.side == "Joint" and entry.type == "Organisation"
    assert registry.get("harbour-port") is not None


@pytest.mark.parametrize(
    ("change", "problem"),
    [
        (EntityChange("x", "alias", "X", of="nobody"), "no such registry entry"),
        (EntityChange("guangzhou", "new", "Guangzhou", type="Municipality"), "has an entry"),
        (EntityChange("x", "new", "X", type="Spaceship"), "unknown type 'Spaceship'"),
        (EntityChange("x", "new", "X", type="Place", side="Mars"), "unknown side 'Mars'"),
        (EntityChange("x", "merge", "X"), "unknown action 'merge'"),
    ],
)
def test_a_change_that_cannot_be_made_says_why(change: EntityChange, problem: str) -> None:
    with pytest.raises(RegistryEditError, match=problem):
        edit_registry(REGISTRY, [change], KNOWN)


def test_an_entry_added_takes_aliases_in_the_same_edit(tmp_path: Path) -> None:
    changes = [
        EntityChange("harbour-port", "new", "Harbour Port", type="Place"),
        EntityChange("the-port", "alias", "The Harbour Port", of="harbour-port"),
    ]
    entry = _load(edit_registry(REGISTRY, changes, KNOWN), tmp_path).get("harbour-port")
    assert entry is not None and entry.aliases == ("The Harbour Port",)
    assert "harbour-port" not in KNOWN  # the caller's ids are left as they were
