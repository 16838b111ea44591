"""Every seed document reads cleanly: furniture gone, key sentences whole (see seeds.yaml)."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest
import yaml

from coopgraph.ingest import discover_documents, read_document
from coopgraph.settings import PROJECT_ROOT

SEEDS = PROJECT_ROOT / "data" / "documents"
EXPECTED = yaml.safe_load(
    (Path(__file__).parents[1] / "data" / "ingest" / "seeds.yaml").read_text(encoding="utf-8")
)


def test_every_seed_has_expectations() -> None:
    assert [path.name for path in discover_documents(SEEDS)] == sorted(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_seed(name: str) -> None:
    expected = EXPECTED[name]
    document = read_document(SEEDS / name)
    paragraphs = document.text.split("\n\n")
    for line in expected["absent"]:
        assert line not in paragraphs
        assert all(not p.startswith(line.rstrip(":")) or len(p) > 2 * len(line) for p in paragraphs)
    for sentence in expected["present"]:
        assert sentence in document.text
    published = expected["published"]
    assert document.published == (published and datetime.date.fromisoformat(str(published)))
    assert document.kind == expected["kind"]
    assert document.language == "en"
    assert "\n\n\n" not in document.text and document.text == document.text.strip()


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_seed_inference_agrees_with_its_sidecar_on_kind(name: str, tmp_path: Path) -> None:
    copy = tmp_path / name
    copy.write_bytes((SEEDS / name).read_bytes())
    assert read_document(copy).kind == EXPECTED[name]["kind"]
