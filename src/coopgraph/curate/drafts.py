"""An added article, staged beside the build output until its review is committed.

A draft is a folder ``out/drafts/<file name>/`` holding the article as uploaded and its
metadata sidecar: nothing in ``data/`` changes until the reviewer commits, and then the
document and its sidecar are copied into ``data/documents/`` together with the decisions.
"""

from __future__ import annotations

import hashlib
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from coopgraph.build import BuildError, Pipeline
from coopgraph.files import write_atomically
from coopgraph.ingest import SUFFIXES, Document, IngestError, read_document
from coopgraph.ingest.metadata import sidecar_path
from coopgraph.resolve import slugify
from coopgraph.settings import Settings

__all__ = [
    "DraftError",
    "Found",
    "discard",
    "drafts_dir",
    "extract_task",
    "find_document",
    "inspect",
    "is_draft",
    "stage",
]

_EDITABLE = ("title", "publisher", "published", "url")


class DraftError(ValueError):
    """An article cannot be staged; the message says why and what to do."""


@dataclass(frozen=True)
class Found:
    """What ingestion finds in an article: the metadata to pre-fill, and its warnings."""

    title: str | None
    publisher: str | None
    published: str | None
    url: str | None
    kind: str
    words: int
    warnings: tuple[str, ...]

    @classmethod
    def of(cls, document: Document) -> Found:
        published = document.published.isoformat() if document.published else None
        return cls(document.title, document.publisher, published, document.url,
                   document.kind, len(document.text.split()), document.warnings)  # fmt: skip


def drafts_dir(settings: Settings) -> Path:
    return settings.graph_path.parent / "drafts"


def _suffix(suffix: str) -> str:
    suffix = suffix.lower()
    if suffix not in SUFFIXES:
        allowed = ", ".join(SUFFIXES)
        raise DraftError(f"a '{suffix or '(none)'}' file cannot be added; use {allowed}")
    return suffix


def _read(path: Path, settings: Settings) -> Document:
    try:
        return read_document(path, max_bytes=settings.max_document_bytes)
    except IngestError as error:
        raise DraftError(f"the article cannot be read: {error.problem}") from None


def inspect(settings: Settings, data: bytes, suffix: str) -> Found:
    """What ingestion finds in ``data`` read as a ``suffix`` file (nothing is kept)."""
    suffix = _suffix(suffix)
    with tempfile.TemporaryDirectory(prefix="article-") as folder:
        path = Path(folder) / f"article{suffix}"
        path.write_bytes(data)
        return Found.of(_read(path, settings))


def stage(settings: Settings, data: bytes, suffix: str, metadata: dict[str, str]) -> str:
    """Stage the article with the metadata given (empty values left to ingestion); its name.

    Refuses an article that cannot be read, bad metadata, and an article whose content is
    already a document (or a draft) under another name.
    """
    suffix = _suffix(suffix)
    unknown = set(metadata) - set(_EDITABLE)
    if unknown:
        raise DraftError(f"unknown metadata {', '.join(sorted(unknown))}")
    given = {k: v.strip() for k, v in metadata.items() if v and v.strip()}
    digest = hashlib.sha256(data).hexdigest()
    for path in _documents(settings):
        if hashlib.sha256(path.read_bytes()).hexdigest() == digest:
            raise DraftError(f"this article is already added, as {path.name}")
    with tempfile.TemporaryDirectory(prefix="article-", dir=_ready(settings)) as folder:
        path = Path(folder) / f"article{suffix}"
        path.write_bytes(data)
        _write_sidecar(path, given)
        document = _read(path, settings)
        name = f"{slugify(document.title or 'article')[:48].strip('-')}_{digest[:8]}{suffix}"
        target = drafts_dir(settings) / name
        if (settings.documents_dir / name).exists() or target.exists():
            raise DraftError(f"a document named {name} exists already")
        path.rename(path.with_name(name))
        if sidecar_path(path).exists():
            sidecar_path(path).rename(sidecar_path(path.with_name(name)))
        Path(folder).rename(target)
    return name


def _ready(settings: Settings) -> Path:
    folder = drafts_dir(settings)
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _documents(settings: Settings) -> list[Path]:
    folders = [settings.documents_dir, *sorted(p for p in _ready(settings).iterdir() if p.is_dir())]
    return [p for f in folders if f.is_dir() for p in f.iterdir() if p.suffix.lower() in SUFFIXES]


def _write_sidecar(path: Path, metadata: dict[str, Any]) -> None:
    if metadata:
        text = yaml.safe_dump(metadata, sort_keys=False, allow_unicode=True, width=100)
        write_atomically(sidecar_path(path), text)


def is_draft(settings: Settings, name: str) -> bool:
    """Whether ``name`` is a staged article (not yet in the documents folder)."""
    return _safe(name) and (drafts_dir(settings) / name / name).is_file()


def find_document(settings: Settings, name: str) -> Path:
    """The file of document ``name``: in the documents folder, else a staged one."""
    if _safe(name):
        for path in (settings.documents_dir / name, drafts_dir(settings) / name / name):
            if path.is_file() and path.suffix.lower() in SUFFIXES:
                return path
    raise DraftError(f"no document named {name!r}; add it first")


def discard(settings: Settings, name: str) -> None:
    """Remove a staged article (after its commit, or when abandoned)."""
    if _safe(name):
        shutil.rmtree(drafts_dir(settings) / name, ignore_errors=True)


def _safe(name: str) -> bool:
    """A bare file name: no folder, no way out of the folder it is looked up in."""
    return bool(name) and name == Path(name).name and name not in (".", "..")


def extract_task(report: Any, settings: Settings, name: str) -> dict[str, int]:
    """Extract document ``name`` into the extraction cache (run by a job); what was found."""
    path = find_document(settings, name)
    report("reading the article")
    document = _read(path, settings)
    cache_dir = settings.cache_dir
    report("loading the registry and the rules")
    try:
        pipeline = Pipeline(settings.data_dir, settings.registry_path, cache_dir,
                            settings.spacy_model)  # fmt: skip
        report(f"extracting {len(document.text):,} characters")
        extraction, _ = pipeline.extract(document, cache_dir)
    except BuildError as error:
        raise DraftError(str(error)) from None
    return {
        "entities": len({m.entity for m in extraction.mentions}),
        "facts": len(extraction.facts),
    }
