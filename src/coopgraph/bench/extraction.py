"""Extraction throughput over the corpus's sample document texts, two ways.

:func:`measure_build` runs ``coopgraph build``: the sample texts are copied beside a copy of
the project's registry and rule tables into a fresh folder, so nothing comes from the build
cache; the figure covers reading, extraction, assembly and SHACL validation.

:func:`measure_extraction` times ``Extractor.extract`` alone, in this one process (so on one
core), on documents already read, with the spaCy pipeline loaded beforehand (its load time is
reported apart). Beside it, as a baseline measured in the same run on the same texts: spaCy's
blank English tokenizer alone, the floor any spaCy-based extraction stands on.
"""

from __future__ import annotations

import shutil
import tempfile
import time
from pathlib import Path
from typing import Any

__all__ = ["measure_build", "measure_extraction"]


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


def _best_pass(items: list[Any], work: Any, rounds: int) -> tuple[float, float]:
    """CPU seconds of the first pass of ``work`` over ``items`` and of the fastest pass."""
    passes = []
    for _ in range(rounds):
        started = time.process_time()
        for item in items:
            work(item)
        passes.append(time.process_time() - started)
    return passes[0], min(passes)


def measure_extraction(
    texts: Path, data_dir: Path, rounds: int = 3, long_sentences: int = 0
) -> dict[str, Any]:
    """Time extraction alone over the ``*.txt`` files of ``texts`` (CPU time of one process,
    fastest of ``rounds`` passes) with the tables of ``data_dir``, beside the English pipeline
    alone on the same texts; with ``long_sentences``, also one document that long."""
    try:
        from coopgraph.build import BuildError, Pipeline
        from coopgraph.extract.document import Extractor
        from coopgraph.extract.nlp import fold
    except ImportError:
        return {"status": "skipped", "reason": "extraction is not part of this checkout"}
    from coopgraph.ingest import IngestError, read_document

    paths = sorted(texts.glob("*.txt"))
    if not paths:
        return {"status": "skipped", "reason": f"no sample texts in {texts}"}
    try:
        pipeline = Pipeline(data_dir, data_dir / "entities.yaml")
        documents = [read_document(path) for path in paths]
    except (BuildError, IngestError) as error:
        return {"status": "failed", "reason": str(error)[:500], "documents": len(paths)}
    words = sum(len(document.text.split()) for document in documents)
    started = time.process_time()
    extractor = Extractor(pipeline.registry, pipeline.rules)
    load = time.process_time() - started
    first, best = _best_pass(documents, extractor.extract, rounds)
    tokenizer = extractor.nlp.tokenizer
    _, tokenizer_best = _best_pass([fold(d.text) for d in documents], tokenizer, rounds)
    _, model_best = _best_pass([fold(d.text) for d in documents], extractor.nlp, rounds)
    figures = {
        "status": "ok",
        "documents": len(documents),
        "words": words,
        "rounds": rounds,
        "load_s": round(load, 3),
        "seconds": round(best, 3),
        "first_pass_seconds": round(first, 3),
        "ms_per_document": round(1000 * best / len(documents), 2),
        "documents_per_s": round(len(documents) / best, 1),
        "words_per_s": round(words / best),
        "tokenizer_words_per_s": round(words / tokenizer_best),
        "model_documents_per_s": round(len(documents) / model_best, 1),
    }
    figures["matching"] = _matching(extractor, [fold(d.text) for d in documents], rounds)
    if long_sentences:
        figures["long"] = _long_document(documents, extractor, long_sentences)
    return figures


def _matching(extractor: Any, texts: list[str], rounds: int) -> dict[str, Any]:
    """The dependency patterns matched over the parsed texts by the matchers extraction uses,
    beside spaCy's ``DependencyMatcher`` with the same patterns in the same groups (the
    baseline, in the same run); both must find the same matches."""
    from spacy.matcher import DependencyMatcher

    from coopgraph.extract.patterns import compile_patterns, forget_reads, matchers, matches

    parsed = [extractor.nlp(text) for text in texts]
    patterns = compile_patterns(extractor.rules.patterns)
    vocab = parsed[0].doc.vocab
    ours, spacys = matchers(vocab, patterns), matchers(vocab, patterns, DependencyMatcher)

    def found(groups: Any) -> list[Any]:  # each pass from cold, as on new texts
        for piece in (piece for one in parsed for piece in one.pieces):
            forget_reads(piece)
        return [(p.name, ids) for one in parsed for p, ids in matches(groups, one.pieces)]

    same = sorted(found(ours)) == sorted(found(spacys))
    _, best = _best_pass([ours], found, rounds)
    _, baseline = _best_pass([spacys], found, rounds)
    return {
        "patterns": len(patterns),
        "seconds": round(best, 3),
        "spacy_seconds": round(baseline, 3),
        "speedup": round(baseline / best, 2) if best else None,
        "same_matches": same,
    }


def _long_document(documents: list[Any], extractor: Any, sentences: int) -> dict[str, Any]:
    """One document of about ``sentences`` sentences made of the texts end to end: the time to
    extract it, the time of the English pipeline alone on it, and the peak memory."""
    import dataclasses
    import hashlib
    import resource

    parsed = [len(extractor.nlp(d.text).sentences) for d in documents]
    copies = max(1, -(-sentences // max(sum(parsed), 1)))
    text = "\n\n".join(d.text for d in documents) * 1
    text = "\n\n".join([text] * copies)
    document = dataclasses.replace(
        documents[0], text=text, sha256=hashlib.sha256(text.encode()).hexdigest()
    )
    started = time.process_time()
    extractor.extract(document)
    seconds = time.process_time() - started
    started = time.process_time()
    extractor.nlp(text)
    model_seconds = time.process_time() - started
    return {
        "sentences": sum(parsed) * copies,
        "words": len(text.split()),
        "seconds": round(seconds, 2),
        "model_seconds": round(model_seconds, 2),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
    }
