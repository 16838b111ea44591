"""Shared fixtures: one extractor over the project's registry and rule tables."""

from __future__ import annotations

import datetime
import hashlib
from pathlib import Path

import pytest
import yaml

from coopgraph.build import Pipeline
from coopgraph.extract.document import Extractor
from coopgraph.ingest import Document
from coopgraph.settings import PROJECT_ROOT


@pytest.fixture(scope="session")
def extractor() -> Extractor:
    pipeline = Pipeline(PROJECT_ROOT / "data", PROJECT_ROOT / "data" / "entities.yaml")
    return Extractor(pipeline.registry, pipeline.rules)


@pytest.fixture(scope="session")
def make_document():
    """A factory of in-memory documents, as read_document would give them."""
    return _document


def _document(text: str, published: str | None = "2022-11-07") -> Document:
    return Document(
        path=Path("case.txt"),
        text=text,
        sha256=hashlib.sha256(text.encode()).hexdigest(),
        title=None,
        publisher=None,
        published=datetime.date.fromisoformat(published) if published else None,
        language="en",
        kind="news article",
        url=None,
        warnings=(),
    )


BARE_IDS = ("china", "singapore", "government-of-china", "government-of-singapore")


def _extractor_with(registry_ids: tuple[str, ...], tmp: Path) -> Extractor:
    """An extractor over the project's rule tables and a registry cut down to these ids."""
    entries = yaml.safe_load((PROJECT_ROOT / "data" / "entities.yaml").read_text("utf-8"))
    path = tmp / "entities.yaml"
    kept = [entry for entry in entries if entry["id"] in registry_ids]
    path.write_text(yaml.safe_dump(kept, allow_unicode=True), "utf-8")
    pipeline = Pipeline(PROJECT_ROOT / "data", path)
    return Extractor(pipeline.registry, pipeline.rules)


@pytest.fixture(scope="session")
def bare_extractor(tmp_path_factory) -> Extractor:
    """An extractor that knows only the two countries and their governments."""
    return _extractor_with(BARE_IDS, tmp_path_factory.mktemp("bare"))


@pytest.fixture(scope="session")
def empty_extractor(tmp_path_factory) -> Extractor:
    """An extractor with an empty registry: every name is found by its form."""
    return _extractor_with((), tmp_path_factory.mktemp("empty"))
