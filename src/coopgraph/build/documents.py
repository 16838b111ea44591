"""The documents of a build: each read, extracted (or taken from its cache), its review
decisions applied, and made into a fragment entry; a bad or duplicate document is a warning."""

from __future__ import annotations

import hashlib
import logging
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from coopgraph.build import decisions as _decisions
from coopgraph.build import reviewed
from coopgraph.build.fragments import (
    Entry,
    FragmentIndex,
    file_stat,
    fragment_of,
)
from coopgraph.build.pipeline import Pipeline
from coopgraph.build.report import BuildError, BuildReport
from coopgraph.collector import collector
from coopgraph.ingest import (
    MAX_BYTES,
    IngestError,
    read_document,
)
from coopgraph.model import Extraction
from coopgraph.settings import Settings

__all__ = ["collect", "problem", "read_all"]

log = logging.getLogger(__name__)


@contextmanager
def _progress(enabled: bool, total: int) -> Iterator:  # type: ignore[type-arg]
    if not enabled:
        yield lambda name: None
        return
    from rich.progress import Progress

    with Progress(transient=True) as bar:
        task = bar.add_task("extracting", total=total)

        def advance(name: str) -> None:
            bar.update(task, advance=1, description=name)

        yield advance


def read_all(
    pipeline: Pipeline,
    paths: list[Path],
    cache_dir: Path | None,
    progress: bool,
    report: BuildReport,
    max_bytes: int = MAX_BYTES,
) -> list[Extraction]:
    """Extract every readable document; a bad or duplicate one is a warning, not a failure.

    A document with no entity found stays in the graph (with its metadata) and is warned of.
    """
    extractions: list[Extraction] = []
    seen: dict[str, str] = {}
    with _progress(progress, len(paths)) as advance:
        for path in paths:
            advance(path.name)
            try:
                document = read_document(path, max_bytes=max_bytes)
            except IngestError as exc:
                report.warnings.append(f"skipped {path.name}: {problem(exc, path)}")
                continue
            if document.sha256 in seen:
                report.warnings.append(
                    f"skipped {path.name}: same content as {seen[document.sha256]}"
                )
                continue
            seen[document.sha256] = path.name
            report.warnings += [f"{path.name}: {w}" for w in document.warnings]
            extraction, cached = pipeline.extract(document, cache_dir)
            report.cached += cached
            if not extraction.entities:
                report.warnings.append(
                    f"{path.name}: no entity found; the document is kept with its metadata "
                    "only (add the names it uses to data/entities.yaml)"
                )
            extractions.append(extraction)
    return extractions


def problem(error: IngestError, path: Path) -> str:
    """The problem, naming the sidecar when it is the sidecar that is bad."""
    return error.problem if error.path == path else f"{error.path.name}: {error.problem}"


def collect(
    pipeline: Pipeline,
    index: FragmentIndex,
    paths: list[Path],
    cache_dir: Path,
    progress: bool,
    report: BuildReport,
    settings: Settings,
) -> list[Entry]:
    """Each readable, distinct document's fragment entry, by file name; unchanged files from
    the index. A bad or duplicate document is a warning, not a failure."""
    entries: list[Entry] = []
    seen: dict[str, str] = {}
    siblings = set(os.listdir(settings.documents_dir))
    reviews = _review_files(settings.reviews_dir)
    for name in sorted(set(reviews) - {path.name for path in paths}):
        report.warnings.append(
            f"{reviews[name].name}: decisions on {name}, which is not in "
            f"{settings.documents_dir}; they are not applied"
        )
    with _progress(progress, len(paths)) as advance:
        for path in paths:
            advance(path.name)
            review = reviews.get(path.name)
            fingerprint = _fingerprint(pipeline.fragment_fingerprint, review)
            entry = index.fresh(path, fingerprint, siblings)
            if entry is None:
                try:
                    with collector(True):
                        entry = _entry(pipeline, index, path, cache_dir, settings, report, review)
                    entry.fingerprint = fingerprint
                except IngestError as exc:
                    report.warnings.append(f"skipped {path.name}: {problem(exc, path)}")
                    continue
            else:
                report.cached += 1
            if entry.sha256 in seen or "key:" + entry.key in seen:
                # same bytes, or (all but impossibly) the same first 16 hex digits: one graph
                why = "same content as" if entry.sha256 in seen else "same graph name as"
                other = seen.get(entry.sha256) or seen["key:" + entry.key]
                report.warnings.append(f"skipped {path.name}: {why} {other}")
                continue
            seen[entry.sha256] = seen["key:" + entry.key] = path.name
            report.warnings += entry.warnings
            entries.append(entry)
    return sorted(entries, key=lambda e: e.name)


def _review_files(folder: Path) -> dict[str, Path]:
    """Each review file of ``folder`` by the name of the document it decides on."""
    suffix = ".review.yaml"
    if not folder.is_dir():
        return {}
    return {
        path.name.removesuffix(suffix): path
        for path in sorted(folder.iterdir())
        if path.name.endswith(suffix) and not path.name.startswith(".")
    }


def _fingerprint(fragment_fingerprint: str, review: Path | None) -> str:
    """What a document's fragment depends on besides the document: the extraction and assembly
    code and, when the document has one, its review file and the code applying it."""
    if review is None:
        return fragment_fingerprint
    digest = hashlib.sha256(fragment_fingerprint.encode())
    for module in (_decisions, reviewed):
        digest.update(Path(str(module.__file__)).read_bytes())
    digest.update(review.read_bytes())
    return digest.hexdigest()


def _entry(
    pipeline: Pipeline,
    index: FragmentIndex,
    path: Path,
    cache_dir: Path,
    settings: Settings,
    report: BuildReport,
    review: Path | None = None,
) -> Entry:
    """Read and extract one document (the extraction itself may come from its cache), then
    apply its review file's decisions, if it has one."""
    stat = file_stat(path)
    document = read_document(path, max_bytes=settings.max_document_bytes)
    extraction, cached = pipeline.extract(document, cache_dir)
    report.cached += cached
    warnings = [f"{path.name}: {w}" for w in document.warnings]
    if not extraction.entities:
        warnings.append(
            f"{path.name}: no entity found; the document is kept with its metadata "
            "only (add the names it uses to data/entities.yaml)"
        )
    marks = None
    if review is not None:
        try:
            decided = _decisions.load(review)
        except _decisions.DecisionError as exc:
            raise BuildError(str(exc)) from None
        if decided.document != path.name:
            raise BuildError(
                f"{review}: its document is '{decided.document}', not {path.name}: "
                "a review file is named after its document"
            )
        applied = reviewed.apply(
            extraction, decided, lambda i: pipeline.registry.get(i) is not None
        )
        extraction, marks = applied.extraction, applied.marks
        warnings += [f"{review.name}: {problem}" for problem in applied.unmatched]
    text, record, counts = fragment_of(extraction, marks)
    return Entry(path.name, document.key, document.sha256, stat, pipeline.fingerprint,
                 index.store(text, record), record, counts, warnings)  # fmt: skip
