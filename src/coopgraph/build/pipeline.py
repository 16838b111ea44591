"""The registry, the rule tables and the extractor a build runs, with the fingerprints that
say when a cached extraction or fragment is stale."""

from __future__ import annotations

import hashlib
import json
import logging
import pickle
from functools import cached_property
from pathlib import Path

from coopgraph import resolve as _resolve
from coopgraph.build.report import BuildError
from coopgraph.extract.nlp import DEFAULT_MODEL
from coopgraph.extract.rules import RuleError, Rules, load_rules
from coopgraph.files import write_atomically
from coopgraph.ingest import Document
from coopgraph.model import Extraction
from coopgraph.resolve import Registry, RegistryError, load_registry

__all__ = ["Pipeline", "extraction_cache"]

log = logging.getLogger(__name__)

_HERE = Path(__file__).parent
_CODE = _HERE.parent
"""The package's folder: the caches' fingerprints cover the sources of the stages they keep."""


def _extraction_sources() -> list[Path]:
    """The code extraction runs: a cached extraction is stale when any of it changes."""
    sources = [
        path for name in ("extract", "ingest", "values") for path in (_CODE / name).rglob("*.py")
    ]
    return [*sorted(sources), _CODE / "model.py", _CODE / "resolve.py"]


def extraction_cache(cache_dir: Path, sha256: str) -> Path:
    """Where a document's extraction is kept, by the digest of its file."""
    return cache_dir / f"{sha256}.json"


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

        cache = extraction_cache(cache_dir, document.sha256) if cache_dir else None
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
