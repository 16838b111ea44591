"""Read source documents (plain text, Markdown, HTML) into clean text with metadata.

>>> from coopgraph.ingest import read_document          # doctest: +SKIP
>>> document = read_document(Path("data/documents/001_7947d57b75f32462.txt"))
>>> document.kind, document.published
('press release', datetime.date(2020, 12, 8))
"""

from __future__ import annotations

import datetime
import hashlib
import logging
import os
from dataclasses import dataclass
from pathlib import Path

from coopgraph.ingest.clean import clean_text
from coopgraph.ingest.decode import decode
from coopgraph.ingest.errors import IngestError
from coopgraph.ingest.html import HtmlText, html_to_text
from coopgraph.ingest.markdown import markdown_to_text
from coopgraph.ingest.metadata import (
    SIDECAR_SUFFIX,
    infer_kind,
    infer_published,
    infer_title,
    read_sidecar,
)
from coopgraph.ingest.rules import CleaningRules, default_rules

__all__ = [
    "MAX_BYTES",
    "SUFFIXES",
    "Document",
    "IngestError",
    "discover_documents",
    "read_document",
]

log = logging.getLogger(__name__)

SUFFIXES = (".txt", ".md", ".html", ".htm")
"""The file types read as documents."""

MAX_BYTES = 20 * 1024 * 1024
"""The largest document read by default (``Settings.max_document_bytes`` for the build)."""


@dataclass(frozen=True)
class Document:
    """A source document: its cleaned text (all offsets refer to it) and its metadata."""

    path: Path
    text: str
    sha256: str
    title: str | None
    publisher: str | None
    published: datetime.date | None
    language: str
    kind: str
    url: str | None
    warnings: tuple[str, ...]

    @property
    def key(self) -> str:
        """The short content hash naming the document's IRI and graph."""
        return self.sha256[:16]

    @property
    def name(self) -> str:
        """The file name."""
        return self.path.name


def discover_documents(directory: Path) -> list[Path]:
    """The documents in ``directory`` (not its subfolders), sorted by name.

    Raises:
        IngestError: ``directory`` is not a folder.
    """
    if not directory.is_dir():
        raise IngestError(directory, "no such folder; give the folder holding the documents")
    with os.scandir(directory) as entries:  # the file type comes with the listing: no stat
        names = [
            entry.name
            for entry in entries
            if os.path.splitext(entry.name)[1].lower() in SUFFIXES
            and not entry.name.endswith(SIDECAR_SUFFIX)
            and entry.is_file()
        ]
    return [directory / name for name in sorted(names)]


def read_document(
    path: Path, *, rules: CleaningRules | None = None, max_bytes: int = MAX_BYTES
) -> Document:
    """Read, check and clean the document at ``path``, with its metadata.

    Metadata come from the sidecar ``<file>.meta.yaml`` when present; what it leaves out
    is inferred from the text.

    Raises:
        IngestError: naming the file, when it cannot be read, is not UTF-8 text, holds no
            text after cleaning, is larger than ``max_bytes`` (checked before reading), or
            its sidecar is bad.
    """
    path = Path(path)
    rules = rules or default_rules()
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        raise IngestError(
            path, f"unsupported file type {suffix or '(none)'!r}; use {', '.join(SUFFIXES)}"
        )
    data = _read_bytes(path, max_bytes)
    raw = decode(data, path)
    page = _extract(raw, suffix, rules)
    text = clean_text(page.text, rules)
    if not text:
        raise IngestError(path, "no text is left once page furniture is removed")
    meta = read_sidecar(path)
    warnings = []
    words = len(text.split())
    if words < rules.short_words:
        warnings.append(f"very short after cleaning: {words} words (check the source)")
    published = meta.get("published") or _page_date(page) or infer_published(text)
    title = meta.get("title") or page.title or infer_title(text)
    if title is None:
        warnings.append("no title found; give one in the metadata sidecar")
    for warning in warnings:
        log.warning("%s: %s", path.name, warning)
    return Document(
        path=path,
        text=text,
        sha256=hashlib.sha256(data).hexdigest(),
        title=title,
        publisher=meta.get("publisher"),
        published=published,
        language=meta.get("language", "en"),
        kind=meta.get("kind") or infer_kind(raw if suffix == ".txt" else page.text),
        url=meta.get("url") or page.meta.get("og:url"),
        warnings=tuple(warnings),
    )


def _read_bytes(path: Path, max_bytes: int) -> bytes:
    """The file's bytes, refusing a file over ``max_bytes`` without reading it all."""
    try:
        with path.open("rb") as stream:
            size = os.fstat(stream.fileno()).st_size
            data = stream.read(max_bytes + 1) if size <= max_bytes else b""
    except OSError as error:
        raise IngestError(path, f"cannot read the file ({error.strerror})") from None
    if size > max_bytes or len(data) > max_bytes:
        raise IngestError(
            path,
            f"too large: {max(size, len(data)):,} bytes, over the {max_bytes:,}-byte limit; "
            "split the document or raise COOPGRAPH_MAX_DOCUMENT_BYTES",
        )
    return data


def _extract(raw: str, suffix: str, rules: CleaningRules) -> HtmlText:
    if suffix in {".html", ".htm"}:
        return html_to_text(raw, rules.html_classes)
    if suffix == ".md":
        return markdown_to_text(raw, rules.html_classes)
    return HtmlText(text=raw)


def _page_date(page: HtmlText) -> datetime.date | None:
    """The date the page's markup gives (``article:published_time``, front matter)."""
    if not page.published:
        return None
    try:
        return datetime.date.fromisoformat(page.published.strip()[:10])
    except ValueError:
        log.warning("ignoring unreadable page date %r", page.published)
        return None
