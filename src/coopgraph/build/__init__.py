"""Build the graph: read every document, extract (cached by content), assemble, validate, write.

The output file is replaced atomically and only after SHACL validation passes; on any error
the previous file is left untouched and :class:`BuildError` says what went wrong.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import pickle
import shutil
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any, BinaryIO

from coopgraph import decisions as _decisions
from coopgraph import resolve as _resolve
from coopgraph.build.entity_state import EntityState
from coopgraph.build.fragments import (
    Entry,
    FragmentIndex,
    file_stat,
    fragment_of,
    graph_block,
)
from coopgraph.collector import collector
from coopgraph.extract.nlp import DEFAULT_MODEL
from coopgraph.extract.rules import RuleError, Rules, load_rules
from coopgraph.files import keep_text, kept_text, sync_directory, write_atomically
from coopgraph.ingest import (
    MAX_BYTES,
    SUFFIXES,
    Document,
    IngestError,
    discover_documents,
    read_document,
)
from coopgraph.model import Extraction
from coopgraph.namespaces import ENTITIES_GRAPH, GRAPH
from coopgraph.resolve import Registry, RegistryError, load_registry
from coopgraph.settings import Settings

__all__ = [
    "BuildError",
    "BuildReport",
    "Pipeline",
    "add",
    "build",
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


_HERE = Path(__file__).parent
_CODE = _HERE.parent
"""The package's folder: the caches' fingerprints cover the sources of the stages they keep."""


def _extraction_sources() -> list[Path]:
    """The code extraction runs: a cached extraction is stale when any of it changes."""
    sources = [
        path for name in ("extract", "ingest", "values") for path in (_CODE / name).rglob("*.py")
    ]
    return [*sorted(sources), _CODE / "model.py", _CODE / "resolve.py"]


class Pipeline:
    """The registry, the rules and (loaded on first use) the extractor."""

    def __init__(
        self,
        data_dir: Path,
        registry_path: Path,
        cache_dir: Path | None = None,
        model: str = DEFAULT_MODEL,
    ) -> None:
        self.registry, self.rules = _tables(data_dir, registry_path, cache_dir)
        self.cache_dir = cache_dir
        self.model = model
        digest = hashlib.sha256(registry_path.read_bytes() + self.rules.fingerprint.encode())
        digest.update(model.encode())
        for source in _extraction_sources():
            digest.update(source.read_bytes())
        self.fingerprint = digest.hexdigest()
        self._extractor = None

    @cached_property
    def fragment_fingerprint(self) -> str:
        """The extraction fingerprint and the code that turns an extraction into a fragment."""
        digest = hashlib.sha256(self.fingerprint.encode())
        for source in (_CODE / "assemble.py", _HERE / "entity_state.py", _HERE / "fragments.py"):
            digest.update(source.read_bytes())
        return digest.hexdigest()

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
            from coopgraph.extract.nlp import ModelError

            try:
                self._extractor = Extractor(self.registry, self.rules, self.model)  # type: ignore[assignment]
            except ModelError as error:
                raise BuildError(str(error)) from None
        extraction = self._extractor.extract(document)  # type: ignore[attr-defined]
        if cache is not None:
            cache.parent.mkdir(parents=True, exist_ok=True)
            payload = {"fingerprint": self.fingerprint, "extraction": extraction.to_json()}
            write_atomically(cache, json.dumps(payload, ensure_ascii=False))
        return extraction, False


def _tables(data_dir: Path, registry_path: Path, cache_dir: Path | None) -> tuple[Registry, Rules]:
    """The registry and the rule tables, parsed once: ``out/cache/tables.pickle`` keeps them
    for the same files and the same code reading them."""
    from coopgraph.extract import rules

    digest = hashlib.sha256()
    for path in (registry_path, *(data_dir / n for n in rules.RULE_FILES)):
        digest.update(path.read_bytes() if path.is_file() else b"-")
    for module in (rules, _resolve):
        digest.update(Path(str(module.__file__)).read_bytes())
    cache = cache_dir / "tables.pickle" if cache_dir else None
    if cache is not None and cache.is_file():
        try:
            key, tables = pickle.loads(cache.read_bytes())
            if key == digest.hexdigest():
                return tables  # type: ignore[no-any-return]
        except Exception:  # an unreadable cache is rebuilt
            log.warning("ignoring unreadable cache file %s", cache)
    try:
        tables = load_registry(registry_path), load_rules(data_dir)
    except (RegistryError, RuleError) as exc:
        raise BuildError(str(exc)) from None
    if cache is not None:
        write_atomically(cache, pickle.dumps((digest.hexdigest(), tables)))
    return tables


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
    cache_dir = settings.graph_path.parent / "cache"
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
    made = _Composition(cache_dir, pipeline, entries)
    state = None
    if made.entities is None:
        state = EntityState(cache_dir / "entities.json", pipeline.fragment_fingerprint)
        state.update(entries, index.record)
        made.entities, made.types = state.lines(pipeline.registry)
    entities, types = made.entities, Counter(made.types)
    output = None if made.written(settings.graph_path) else _Output(settings.graph_path)
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


class _Composition:
    """What the last written graph was made of: its entity descriptions and output file.

    The same documents, fragments and registry make the same graph: its ``graph:entities``
    lines come from ``out/cache/composition.entities.nt`` (named by its digest in
    ``out/cache/composition.json``), and the file is not written again when it is still the
    one written last (same size and modification time).
    """

    def __init__(self, cache_dir: Path, pipeline: Pipeline, entries: list[Entry]) -> None:
        self.path = cache_dir / "composition.json"
        self.text_path = cache_dir / "composition.entities.nt"
        parts = [pipeline.fingerprint] + [f"{e.name} {e.sha256} {e.fragment}" for e in entries]
        self.key = hashlib.sha256("\n".join(parts).encode()).hexdigest()
        try:
            self.last = json.loads(self.path.read_text()) if self.path.is_file() else {}
        except ValueError:
            self.last = {}
        same = self.last.get("key") == self.key
        self.entities = kept_text(self.text_path, self.last.get("entities")) if same else None
        self.same = self.entities is not None
        """Whether the last graph was made of the same documents (and its entities kept)."""
        self.types: dict[str, int] = self.last.get("types", {}) if self.same else {}

        self.blocks: dict[str, list[Any]] = {}

    def _untouched(self, output: Path) -> bool:
        if not output.is_file():
            return False
        stat = output.stat()
        return bool(self.last.get("output") == [stat.st_size, stat.st_mtime_ns])

    def written(self, output: Path) -> bool:
        """True if ``output`` is the file this composition wrote, untouched since."""
        return self.same and self._untouched(output)

    def previous_blocks(self, output: Path) -> dict[str, list[Any]]:
        """Where each graph is in ``output`` (key → [fragment, offset, length]), if ``output``
        is still the file written last."""
        return self.last.get("blocks", {}) if self._untouched(output) else {}

    def save(self, output: Path) -> None:
        stat = output.stat()
        entities = keep_text(self.text_path, self.entities or "", self.last.get("entities"))
        data = {"key": self.key, "entities": entities, "types": dict(self.types),
                "output": [stat.st_size, stat.st_mtime_ns], "blocks": self.blocks}  # fmt: skip
        write_atomically(self.path, json.dumps(data, ensure_ascii=False))


class _Output:
    """The output file, written beside its target and renamed over it once validated.

    A graph whose fragment is unchanged is copied from the previous output file by the
    kernel (``os.copy_file_range``) rather than read and written again.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, name = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
        os.close(handle)
        self.temporary = Path(name)

    def write(
        self,
        entities: str,
        entries: list[Entry],
        index: FragmentIndex,
        previous: dict[str, list[Any]],
    ) -> dict[str, list[Any]]:
        """Write the TriG text; where each graph block is in it.

        Consecutive unchanged blocks, consecutive in the previous file too, are one copy.
        """
        blocks: dict[str, list[Any]] = {}
        with open(self.temporary, "wb") as stream, _Source(self.path, previous) as source:
            position = stream.write(graph_block(str(ENTITIES_GRAPH), entities).encode("utf-8"))
            run: list[int] = [0, 0]  # offset and length in the previous file, to copy
            for entry in entries:
                old = source.block(entry)
                if old is not None and run[1] and run[0] + run[1] == old[0]:
                    run[1] += old[1]
                else:
                    source.copy(run, stream)
                    run = list(old) if old is not None else [0, 0]
                if old is None:
                    text = graph_block(str(GRAPH[entry.key]), index.text(entry.fragment))
                    old = (0, stream.write(text.encode("utf-8")))
                blocks[entry.key] = [entry.fragment, position, old[1]]
                position += old[1]
            source.copy(run, stream)
            stream.flush()
            os.fsync(stream.fileno())
        return blocks

    def commit(self) -> None:
        os.replace(self.temporary, self.path)
        sync_directory(self.path.parent)

    def discard(self) -> None:
        self.temporary.unlink(missing_ok=True)


class _Source:
    """The previous output file, to copy unchanged graph blocks from."""

    def __init__(self, path: Path, blocks: dict[str, list[Any]]) -> None:
        self.blocks = blocks
        self.handle = open(path, "rb") if blocks else None  # noqa: SIM115

    def __enter__(self) -> _Source:
        return self

    def __exit__(self, *exc: object) -> None:
        if self.handle is not None:
            self.handle.close()

    def block(self, entry: Entry) -> tuple[int, int] | None:
        """Where the entry's graph is in the previous file, if it is there unchanged."""
        block = self.blocks.get(entry.key)
        if self.handle is None or block is None or block[0] != entry.fragment:
            return None
        return int(block[1]), int(block[2])

    def copy(self, run: list[int], stream: BinaryIO) -> None:
        """Append ``run`` (offset, length) of the previous file to ``stream``."""
        offset, length = run
        if not length or self.handle is None:
            return
        stream.flush()
        source, target, done = self.handle.fileno(), stream.fileno(), 0
        try:
            while done < length:
                copied = os.copy_file_range(source, target, length - done, offset + done)
                if copied == 0:
                    raise OSError("short copy")
                done += copied
        except (AttributeError, OSError):  # no copy_file_range here: read and write
            self.handle.seek(offset + done)
            while done < length:
                chunk = self.handle.read(min(length - done, 1 << 24))
                view = memoryview(chunk)
                while view:
                    view = view[os.write(target, view) :]
                done += len(chunk)
        stream.seek(0, os.SEEK_END)


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
                    report.warnings.append(f"skipped {path.name}: {_problem(exc, path)}")
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
    digest.update(Path(str(_decisions.__file__)).read_bytes())
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
        applied = _decisions.apply(
            extraction, decided, lambda i: pipeline.registry.get(i) is not None
        )
        extraction, marks = applied.extraction, applied.marks
        warnings += [f"{review.name}: {problem}" for problem in applied.unmatched]
    text, record, counts = fragment_of(extraction, marks)
    return Entry(path.name, document.key, document.sha256, stat, pipeline.fingerprint,
                 index.store(text, record), record, counts, warnings)  # fmt: skip


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
        raise BuildError(f"{file.name} was not added: {_problem(exc, file)}") from None
    folder = settings.documents_dir
    if not folder.is_dir():
        raise BuildError(f"no documents folder at {folder}: create it or pass --data")
    index = FragmentIndex(settings.graph_path.parent / "cache")
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
