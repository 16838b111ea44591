"""Build the graph: read every document, extract (cached by content), assemble, validate, write.

The output file is replaced atomically and only after SHACL validation passes; on any error
the previous file is left untouched and :class:`BuildError` says what went wrong.
"""

from __future__ import annotations

import hashlib
import logging
import os
import pickle
import shutil
import time
from collections import Counter
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path

from coopgraph.build.documents import collect, problem
from coopgraph.build.entity_state import EntityState
from coopgraph.build.fragments import (
    Entry,
    FragmentIndex,
)
from coopgraph.build.output import Composition, Output
from coopgraph.build.pipeline import Pipeline
from coopgraph.build.report import BuildError, BuildReport
from coopgraph.collector import collector
from coopgraph.files import write_atomically
from coopgraph.ingest import (
    SUFFIXES,
    IngestError,
    discover_documents,
    read_document,
)
from coopgraph.settings import Settings

__all__ = [
    "BuildError",
    "BuildReport",
    "Pipeline",
    "add",
    "build",
]

log = logging.getLogger(__name__)


def build(
    settings: Settings,
    *,
    progress: bool = True,
    full_validation: bool = False,
    paths: list[Path] | None = None,
    index: FragmentIndex | None = None,
) -> BuildReport:
    """Build ``settings.graph_path`` from ``settings.documents_dir`` and the registry.

    Unchanged documents come from the fragment cache (neither read nor extracted again), the
    file is written by concatenating fragments, and only the focus nodes the changed graphs
    can affect are validated, unless ``full_validation`` (see :mod:`coopgraph.build.checked`).
    ``paths``: the documents, when the caller has just listed the folder; ``index``: the
    fragment index, when the caller has just read it.
    """
    with collector(False):
        return _build(settings, progress, full_validation, paths, index)


def _build(
    settings: Settings,
    progress: bool,
    full_validation: bool,
    paths: list[Path] | None,
    index: FragmentIndex | None,
) -> BuildReport:
    started = time.perf_counter()
    report = BuildReport(settings.graph_path)
    cache_dir = settings.cache_dir
    pipeline = Pipeline(settings.data_dir, settings.registry_path, cache_dir, settings.spacy_model)
    if not settings.documents_dir.is_dir():
        raise BuildError(
            f"no documents folder at {settings.documents_dir}: create it or pass --data"
        )
    if paths is None:
        paths = discover_documents(settings.documents_dir)
    index = index if index is not None else FragmentIndex(cache_dir)
    entries = collect(pipeline, index, paths, cache_dir, progress, report, settings)
    if not entries:
        raise BuildError(f"no readable documents in {settings.documents_dir}")
    made = Composition(cache_dir, pipeline, entries)
    state = None
    if made.entities is None:
        state = EntityState(cache_dir / "entities.json", pipeline.fragment_fingerprint)
        state.update(entries, index.record)
        made.entities, made.types = state.lines(pipeline.registry)
    entities, types = made.entities, Counter(made.types)
    output = None if made.written(settings.graph_path) else Output(settings.graph_path)
    try:
        if output is not None:
            made.blocks = output.write(entities, entries, index, made.previous_blocks(output.path))
        trig = (output.temporary if output else settings.graph_path).read_bytes
        report.warnings += _validate(settings, cache_dir, entries, entities, index,
                                     full_validation, trig)  # fmt: skip
        if output is not None:
            output.commit()
            made.save(settings.graph_path)
    finally:
        if output is not None:
            output.discard()
    if state is not None:
        state.save()
    if index.entries != {e.name: e for e in entries}:
        index.save(entries, keep=set())
    report.review = types.pop("review", 0)
    report.entities = dict(types)
    report.documents = len(entries)
    for name in ("facts", "figures", "fundings", "triples"):
        setattr(report, name, sum(e.counts[name] for e in entries))
    report.triples += entities.count("\n")
    report.seconds = time.perf_counter() - started
    log.info("built %s: %d triples", settings.graph_path, report.triples)
    return report


class _Fragments(Mapping[str, str]):
    """Fragment texts by name, read when asked for."""

    def __init__(self, index: FragmentIndex) -> None:
        self.index = index

    def __getitem__(self, name: str) -> str:
        try:
            return self.index.text(name)
        except FileNotFoundError:
            raise KeyError(name) from None

    def __iter__(self) -> Iterator[str]:
        return (path.name for path in self.index.folder.iterdir())

    def __len__(self) -> int:
        return sum(1 for _ in self)


def _validate(
    settings: Settings,
    cache_dir: Path,
    entries: list[Entry],
    entities: str,
    index: FragmentIndex,
    full: bool,
    trig: Callable[[], bytes],
) -> list[str]:
    """SHACL validation of what changed (or all): the warnings, or :class:`BuildError`."""
    from coopgraph.build.checked import CheckedStore, stamp
    from coopgraph.validate import GraphFileError, load_ontology, load_shapes
    from coopgraph.validate.oxigraph import UnsupportedShapeError
    from coopgraph.validate.oxigraph.engine import checks_for

    version = stamp(settings.shapes_path, settings.ontology_path)
    cache = cache_dir / "shapes.pickle"
    try:
        key, (shapes, ontology, checks) = pickle.loads(cache.read_bytes())
        if key != version:
            raise ValueError("other shapes")
        checks_for(shapes, checks)
    except Exception:  # absent, unreadable or stale: parsed and compiled again
        try:
            shapes, ontology = load_shapes(settings), load_ontology(settings)
        except GraphFileError as exc:
            raise BuildError(str(exc)) from None
        try:
            checks = checks_for(shapes)
        except UnsupportedShapeError as exc:
            raise BuildError(f"the shapes cannot be checked: {exc}") from None
        write_atomically(cache, pickle.dumps((version, (shapes, ontology, checks))))
    checked = CheckedStore(cache_dir, shapes, ontology, version)
    graphs = {e.key: e.fragment for e in entries}
    try:
        outcome = checked.update(graphs, entities, _Fragments(index), full=full, trig=trig)
    except UnsupportedShapeError as exc:
        raise BuildError(f"the shapes cannot be checked: {exc}") from None
    log.info("validated %s focus nodes", "all" if outcome.full else outcome.focus)
    if not outcome.report.conforms:
        problems = outcome.report.errors
        lines = "\n".join(f"  {v.focus} {v.path}: {v.message}" for v in problems[:10])
        raise BuildError(
            f"the graph does not conform to the shapes ({len(problems)} violations); "
            f"{settings.graph_path} is unchanged:\n{lines}"
        )
    return outcome.warnings


def add(
    settings: Settings, file: Path, *, full_validation: bool = False
) -> tuple[Path, BuildReport]:
    """Copy ``file`` (and its ``.meta.yaml`` sidecar) into the documents folder and rebuild.

    Refuses, changing nothing, when the file cannot be read, duplicates a document already
    there (same content), would overwrite one, or makes the graph fail validation.
    """
    with collector(False):
        return _add(settings, file, full_validation)


def _add(settings: Settings, file: Path, full_validation: bool) -> tuple[Path, BuildReport]:
    if not file.is_file():
        raise BuildError(f"{file}: no such file")
    try:
        with collector(True):
            document = read_document(file, max_bytes=settings.max_document_bytes)
    except IngestError as exc:
        raise BuildError(f"{file.name} was not added: {problem(exc, file)}") from None
    folder = settings.documents_dir
    if not folder.is_dir():
        raise BuildError(f"no documents folder at {folder}: create it or pass --data")
    index = FragmentIndex(settings.cache_dir)
    paths, siblings = discover_documents(folder), set(os.listdir(folder))
    for path in paths:
        entry = index.entries.get(path.name)
        if entry is not None and entry.stat == index.stat(path, siblings):
            sha256 = entry.sha256  # unchanged since the last build: not read again
        else:
            sha256 = hashlib.sha256(path.read_bytes()).hexdigest()
        if sha256 == document.sha256:
            raise BuildError(f"{file.name} was not added: it has the same content as {path.name}")
    target = folder / file.name
    if target.exists():
        raise BuildError(f"{file.name} was not added: {target} exists; rename the file")
    sidecar = file.with_name(file.name + ".meta.yaml")
    copies = [(file, target)] + ([(sidecar, folder / sidecar.name)] if sidecar.is_file() else [])
    for source, destination in copies:
        shutil.copyfile(source, destination)
    if target.suffix.lower() in SUFFIXES:  # as the folder would list it
        paths = sorted([*paths, target], key=lambda path: path.name)
    try:
        report = build(
            settings, progress=False, full_validation=full_validation, paths=paths, index=index
        )
    except BuildError as exc:
        for _, destination in copies:
            destination.unlink(missing_ok=True)
        raise BuildError(f"{file.name} was not added: {exc}") from None
    return target, report
