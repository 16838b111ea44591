"""Shared fixtures: one extractor over the project's registry and rule tables."""

from __future__ import annotations

import datetime
import hashlib
from pathlib import Path

import pytest

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
