"""Extraction throughput: ``coopgraph build`` over the corpus's sample document texts.

The sample texts are copied beside a copy of the project's registry and rule tables into a
fresh folder, so nothing comes from the build cache: the figure covers reading, extraction,
assembly and SHACL validation of every sample document.
"""

from __future__ import annotations

import shutil
import tempfile
import time
from pathlib import Path
from typing import Any

__all__ = ["measure_build"]


def measure_build(texts: Path, data_dir: Path) -> dict[str, Any]:
    """Build the ``*.txt`` files of ``texts`` with the tables of ``data_dir``; the figures."""
    try:
        from coopgraph.build import BuildError, build
    except ImportError:
        return {"status": "skipped", "reason": "the build is not part of this checkout"}
    from coopgraph.settings import Settings

    samples = sorted(texts.glob("*.txt"))
    if not samples:
        return {"status": "skipped", "reason": f"no sample texts in {texts}"}
    words = sum(len(path.read_text(encoding="utf-8").split()) for path in samples)
    with tempfile.TemporaryDirectory(prefix="bench-build-") as work:
        data = Path(work) / "data"
        (data / "documents").mkdir(parents=True)
        for table in data_dir.glob("*.yaml"):
            shutil.copy(table, data / table.name)
        for extra in data_dir.glob("*.txt"):
            shutil.copy(extra, data / extra.name)
        for path in samples:
            shutil.copy(path, data / "documents" / path.name)
        settings = Settings(data_dir=data, graph_path=Path(work) / "out" / "coopgraph.trig")
        started = time.perf_counter()
        try:
            report = build(settings, progress=False)
        except BuildError as error:
            return {"status": "failed", "reason": str(error)[:500], "documents": len(samples)}
        seconds = time.perf_counter() - started
    return {
        "status": "ok",
        "documents": len(samples),
        "words": words,
        "seconds": round(seconds, 3),
        "documents_per_s": round(len(samples) / seconds, 2),
        "words_per_s": round(words / seconds, 1),
        "facts": report.facts,
        "figures": report.figures,
        "triples": report.triples,
    }
