"""Entities found in the documents but not in the registry, with the sentences that name them.

Each one is in the graph with ``cg:needsReview true``; a person decides whether to add it to
``data/entities.yaml`` (as a new entry, or as an alias of an existing one).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from coopgraph.build import BuildReport, Pipeline
from coopgraph.build.documents import read_all
from coopgraph.ingest import discover_documents
from coopgraph.settings import Settings

__all__ = ["ReviewItem", "review"]


@dataclass
class ReviewItem:
    """An unregistered entity and where it is mentioned."""

    id: str
    name: str
    type: str
    mentions: list[tuple[str, str]] = field(default_factory=list)
    """(document file name, sentence) pairs."""


def review(settings: Settings) -> list[ReviewItem]:
    """Every entity to review, by name, with its mentions (extractions come from the cache)."""
    pipeline = Pipeline(settings.data_dir, settings.registry_path, model=settings.spacy_model)
    paths = discover_documents(settings.documents_dir) if settings.documents_dir.is_dir() else []
    cache_dir = settings.cache_dir
    extractions = read_all(pipeline, paths, cache_dir, False, BuildReport(settings.graph_path))
    items: dict[str, ReviewItem] = {}
    for extraction in extractions:
        sentences = {}
        for mention in extraction.mentions:
            entity = extraction.entities.get(mention.entity)
            if entity is None or not entity.review:
                continue
            item = items.setdefault(entity.id, ReviewItem(entity.id, entity.name, entity.type))
            if mention.sentence not in sentences:
                sentences[mention.sentence] = _sentence(extraction.text, mention.start)
            pair = (str(extraction.document["name"]), sentences[mention.sentence])
            if pair not in item.mentions:
                item.mentions.append(pair)
    return sorted(items.values(), key=lambda i: i.name.lower())


def _sentence(text: str, offset: int) -> str:
    start = max(text.rfind("\n", 0, offset), text.rfind(". ", 0, offset) + 1, 0)
    end = min(p for p in (text.find(". ", offset), text.find("\n", offset), len(text)) if p >= 0)
    return text[start : end + 1].strip()
