"""Writing the graph file: from the fragments, beside the target, renamed over it once
validated; unchanged graphs copied from the previous file by the kernel."""

from __future__ import annotations

import hashlib
import json
import logging
import os
import tempfile
from pathlib import Path
from typing import Any, BinaryIO

from coopgraph.build.fragments import Entry, FragmentIndex, graph_block
from coopgraph.build.pipeline import Pipeline
from coopgraph.files import keep_text, kept_text, sync_directory, write_atomically
from coopgraph.namespaces import ENTITIES_GRAPH, GRAPH

__all__ = ["Composition", "Output", "Source"]

log = logging.getLogger(__name__)


class Composition:
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


class Output:
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
        with open(self.temporary, "wb") as stream, Source(self.path, previous) as source:
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


class Source:
    """The previous output file, to copy unchanged graph blocks from."""

    def __init__(self, path: Path, blocks: dict[str, list[Any]]) -> None:
        self.blocks = blocks
        self.handle = open(path, "rb") if blocks else None  # noqa: SIM115

    def __enter__(self) -> Source:
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
