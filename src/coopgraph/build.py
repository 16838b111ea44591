"""Build the graph: read every document, extract (cached by content), assemble, validate, write.

The output file is replaced atomically and only after SHACL validation passes; on any error
the previous file is left untouched and :class:`BuildError` says what went wrong.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import shutil
import tempfile
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Dataset, URIRef

from coopgraph.assemble import assemble
from coopgraph.extract.model import Extraction
from coopgraph.extract.rules import RuleError, Rules, load_rules
from coopgraph.ingest import (
    MAX_BYTES,
    Document,
    IngestError,
    discover_documents,
    read_document,
)
from coopgraph.namespaces import CG, ENTITIES_GRAPH, RDF
from coopgraph.resolve import Registry, RegistryError, load_registry
from coopgraph.settings import Settings

__all__ = [
    "BuildError",
    "BuildReport",
    "Pipeline",
    "add",
    "build",
    "write_atomically",
]

log = logging.getLogger(__name__)


class BuildError(RuntimeError):
    """The build cannot go on; the message names the problem and what to do."""


@dataclass
class BuildReport:
    """What a build did."""

    path: Path
    documents: int = 0
    cached: int = 0
    entities: dict[str, int] = field(default_factory=dict)
    review: int = 0
    facts: int = 0
    figures: int = 0
    fundings: int = 0
    triples: int = 0
    seconds: float = 0.0
    warnings: list[str] = field(default_factory=list)

    def rows(self) -> list[tuple[str, str]]:
        """The summary as (what, how many) rows."""
        rows = [("documents", str(self.documents)), ("  from cache", str(self.cached))]
        rows += [(f"entities: {t}", str(n)) for t, n in sorted(self.entities.items())]
        rows += [
            ("entities to review", str(self.review)),
            ("facts", str(self.facts)),
            ("figures", str(self.figures)),
            ("fundings", str(self.fundings)),
            ("triples", str(self.triples)),
            ("warnings", str(len(self.warnings))),
            ("seconds", f"{self.seconds:.2f}"),
        ]
        return rows


def _extraction_sources() -> list[Path]:
    """The code extraction runs: a cached extraction is stale when any of it changes."""
    package = Path(__file__).parent
    sources = [*(package / "extract").rglob("*.py"), *(package / "ingest").rglob("*.py")]
    return [*sorted(sources), package / "resolve.py"]


class Pipeline:
    """The registry, the rules and (loaded on first use) the extractor."""

    def __init__(self, data_dir: Path, registry_path: Path) -> None:
        try:
            self.registry: Registry = load_registry(registry_path)
            self.rules: Rules = load_rules(data_dir)
        except (RegistryError, RuleError) as exc:
            raise BuildError(str(exc)) from None
        digest = hashlib.sha256(registry_path.read_bytes() + self.rules.fingerprint.encode())
        for source in _extraction_sources():
            digest.update(source.read_bytes())
        self.fingerprint = digest.hexdigest()
        self._extractor = None

    def extract(self, document: Document, cache_dir: Path | None = None) -> tuple[Extraction, bool]:
        """The document's extraction, from the cache when it is still valid; True if cached."""
        from coopgraph.extract.document import Extractor, document_metadata

        cache = cache_dir / f"{document.sha256}.json" if cache_dir else None
        if cache is not None and cache.exists():
            try:
                data = json.loads(cache.read_text(encoding="utf-8"))
                if data.get("fingerprint") == self.fingerprint and data["extraction"][
                    "document"
                ] == document_metadata(document):
                    return Extraction.from_json(data["extraction"]), True
            except (ValueError, KeyError, TypeError):
                log.warning("ignoring unreadable cache file %s", cache)
        if self._extractor is None:
            self._extractor = Extractor(self.registry, self.rules)  # type: ignore[assignment]
        extraction = self._extractor.extract(document)  # type: ignore[attr-defined]
        if cache is not None:
            cache.parent.mkdir(parents=True, exist_ok=True)
            payload = {"fingerprint": self.fingerprint, "extraction": extraction.to_json()}
            write_atomically(cache, json.dumps(payload, ensure_ascii=False))
        return extraction, False


def write_atomically(path: Path, text: str | bytes) -> None:
    """Write ``text`` to a temporary file beside ``path``, fsync it, rename it over ``path``.

    A process killed at any point leaves either the old file or the new one, never a part.
    """
    data = text.encode("utf-8") if isinstance(text, str) else text
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    _sync_directory(path.parent)


def _sync_directory(folder: Path) -> None:
    """Make the rename durable (POSIX); a no-op where folders cannot be opened."""
    try:
        descriptor = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(descriptor)
    except OSError:
        pass
    finally:
        os.close(descriptor)


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
                report.warnings.append(f"skipped {path.name}: {_problem(exc, path)}")
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


def _problem(error: IngestError, path: Path) -> str:
    """The problem, naming the sidecar when it is the sidecar that is bad."""
    return error.problem if error.path == path else f"{error.path.name}: {error.problem}"


def summarise(dataset: Dataset, extractions: list[Extraction], report: BuildReport) -> None:
    """Fill the report's counts from the assembled dataset."""
    entities = dataset.graph(ENTITIES_GRAPH)
    types = Counter(str(o).rpartition("#")[2] for o in entities.objects(None, RDF.type))
    report.entities = dict(types)
    report.review = len(set(entities.subjects(CG.needsReview, None)))
    report.documents = len(extractions)

    def count(cls: URIRef) -> int:
        return len({s for s, _, _, _ in dataset.quads((None, RDF.type, cls, None))})

    report.facts = count(CG.Evidence)
    report.figures = count(CG.Observation) + count(CG.Target)
    report.fundings = count(CG.Funding)
    report.triples = len(dataset)


def build(settings: Settings, *, progress: bool = True) -> BuildReport:
    """Build ``settings.graph_path`` from ``settings.documents_dir`` and the registry."""
    started = time.perf_counter()
    report = BuildReport(settings.graph_path)
    pipeline = Pipeline(settings.data_dir, settings.registry_path)
    if not settings.documents_dir.is_dir():
        raise BuildError(
            f"no documents folder at {settings.documents_dir}: create it or pass --data"
        )
    paths = discover_documents(settings.documents_dir)
    cache_dir = settings.graph_path.parent / "cache"
    extractions = read_all(
        pipeline, paths, cache_dir, progress, report, settings.max_document_bytes
    )
    if not extractions:
        raise BuildError(f"no readable documents in {settings.documents_dir}")
    dataset = assemble(pipeline.registry, extractions)
    text = dataset.serialize(format="trig")
    stamp = _validation_stamp(settings, pipeline, extractions)
    stamp_path = cache_dir / "validated.json"
    try:
        previous = json.loads(stamp_path.read_text()) if stamp_path.is_file() else {}
    except ValueError:
        previous = {}
    if previous.get("stamp") == stamp:
        log.info("graph unchanged since its last validation")
        warnings = previous.get("warnings", [])
    else:
        warnings = _validate(dataset, settings)
        write_atomically(stamp_path, json.dumps({"stamp": stamp, "warnings": warnings}))
    report.warnings += warnings
    write_atomically(settings.graph_path, text)
    summarise(dataset, extractions, report)
    report.seconds = time.perf_counter() - started
    log.info("built %s: %d triples", settings.graph_path, report.triples)
    return report


def _validation_stamp(settings: Settings, pipeline: Pipeline, extractions: list[Extraction]) -> str:
    """A digest of everything the graph is made from, and of the shapes and the ontology.

    The assembled graph is a function of the registry, the extraction code and rules, each
    document's content and metadata, and the assembly code: equal stamps need no new validation.
    """
    digest = hashlib.sha256(pipeline.fingerprint.encode())
    for extraction in sorted(extractions, key=lambda e: str(e.document["name"])):
        digest.update(json.dumps(extraction.document, sort_keys=True).encode())
    for path in (
        settings.shapes_path,
        settings.ontology_path,
        Path(__file__).parent / "assemble.py",
    ):
        digest.update(path.read_bytes() if path.is_file() else b"")
    return digest.hexdigest()


def _validate(dataset: Dataset, settings: Settings) -> list[str]:
    """SHACL validation: the warnings, or :class:`BuildError` listing the first violations."""
    from coopgraph.validate import validate

    result = validate(dataset)
    if not result.conforms:
        problems = [v for v in result.violations if v.severity == "Violation"]
        lines = "\n".join(f"  {v.focus} {v.path}: {v.message}" for v in problems[:10])
        raise BuildError(
            f"the graph does not conform to the shapes ({len(problems)} violations); "
            f"{settings.graph_path} is unchanged:\n{lines}"
        )
    return [f"{v.focus}: {v.message}" for v in result.violations if v.severity == "Warning"]


def add(settings: Settings, file: Path) -> tuple[Path, BuildReport]:
    """Copy ``file`` (and its ``.meta.yaml`` sidecar) into the documents folder and rebuild.

    Refuses, changing nothing, when the file cannot be read, duplicates a document already
    there (same content), would overwrite one, or makes the graph fail validation.
    """
    if not file.is_file():
        raise BuildError(f"{file}: no such file")
    try:
        document = read_document(file, max_bytes=settings.max_document_bytes)
    except IngestError as exc:
        raise BuildError(f"{file.name} was not added: {_problem(exc, file)}") from None
    folder = settings.documents_dir
    if not folder.is_dir():
        raise BuildError(f"no documents folder at {folder}: create it or pass --data")
    for path in discover_documents(folder):
        if hashlib.sha256(path.read_bytes()).hexdigest() == document.sha256:
            raise BuildError(f"{file.name} was not added: it has the same content as {path.name}")
    target = folder / file.name
    if target.exists():
        raise BuildError(f"{file.name} was not added: {target} exists; rename the file")
    sidecar = file.with_name(file.name + ".meta.yaml")
    copies = [(file, target)] + ([(sidecar, folder / sidecar.name)] if sidecar.is_file() else [])
    for source, destination in copies:
        shutil.copyfile(source, destination)
    try:
        report = build(settings, progress=False)
    except BuildError as exc:
        for _, destination in copies:
            destination.unlink(missing_ok=True)
        raise BuildError(f"{file.name} was not added: {exc}") from None
    return target, report
