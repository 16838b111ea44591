"""Helpers for serving a real Oxigraph server through the coopgraph endpoint."""

from __future__ import annotations

from pathlib import Path

from coopgraph.settings import Settings
from coopgraph.store.connection import connect
from coopgraph.store.publish import load_graphs, publish

from .conftest import EXAMPLE, ONTOLOGY

__all__ = ["published", "remote_settings"]


def remote_settings(url: str, tmp: Path, **options: object) -> Settings:
    """Settings serving the Oxigraph server at ``url`` (no retries, no graph file)."""
    defaults: dict[str, object] = {
        "store_url": url,
        "store_kind": "oxigraph",
        "store_retries": 0,
        "docs_dir": tmp / "docs",
        "graph_path": tmp / "absent.trig",
    }
    return Settings(**{**defaults, **options})


def published(settings: Settings) -> None:
    """Empty the settings' store, then publish the example graph and the ontology into it."""
    store = connect(settings, require_union=False)
    try:
        store.update("CLEAR ALL")
        publish(load_graphs(EXAMPLE, ONTOLOGY), store)
    finally:
        store.close()
