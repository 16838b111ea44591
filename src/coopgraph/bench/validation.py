"""SHACL validation and incremental build figures on the benchmark corpus.

``measure_validation`` times a full validation of ``corpus.trig`` with the oxigraph engine
(loading the file, then validating) and, as the baseline, with pySHACL (rdflib parse, then
validation) where asked. ``measure_incremental`` times ``coopgraph add`` of one sample text
onto a data folder already built to the rest of the corpus: each other corpus document graph
stands in for a built document (a file under ``documents/`` and its fragment in the build
cache, as a build of it would leave them), a first build validates all of it, then the sample
text is added (read, extracted, assembled, validated where it changes the graph, written).
"""

from __future__ import annotations

import gc
import resource
import shutil
import tempfile
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from coopgraph.namespaces import CG, ID, RDF, SKOS

__all__ = ["measure_incremental", "measure_validation"]

_ID = str(ID)
_CG = str(CG._NS)
_SKOS = str(SKOS)
_RDF_TYPE = str(RDF.type)


def _figures(started: float, loaded: float, done: float, report: Any) -> dict[str, Any]:
    """One engine's times (load, validation, both), its results and the peak memory so far."""
    return {
        "load_s": round(loaded - started, 2),
        "validate_s": round(done - loaded, 2),
        "total_s": round(done - started, 2),
        "results": len(report.violations),
        "conforms": report.conforms,
        "peak_rss_mb": _peak_mb(),
    }


def _peak_mb() -> float:
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def measure_validation(corpus: Path, pyshacl: bool) -> dict[str, Any]:
    """Full validation of ``corpus`` (TriG) by the oxigraph engine, and by pySHACL if asked."""
    from coopgraph.validate import load_ontology, load_shapes
    from coopgraph.validate.oxigraph.engine import load_file, validate_store

    shapes, ontology = load_shapes(), load_ontology()
    started = time.perf_counter()
    store = load_file(corpus, ontology, ox.RdfFormat.TRIG)
    loaded = time.perf_counter()
    report = validate_store(store, shapes)
    done = time.perf_counter()
    fast = {"triples": len(store), **_figures(started, loaded, done, report)}
    del store
    gc.collect()
    row: dict[str, Any] = {"oxigraph": fast}
    if not pyshacl:
        row["pyshacl"] = {"status": "skipped", "reason": "larger than 100k (--pyshacl runs it)"}
        return row
    from rdflib import Dataset

    from coopgraph.validate import validate

    started = time.perf_counter()
    dataset = Dataset()
    dataset.parse(corpus, format="trig")
    loaded = time.perf_counter()
    reference = validate(dataset, shapes=shapes, ontology=ontology, engine="pyshacl")
    done = time.perf_counter()
    row["pyshacl"] = _figures(started, loaded, done, reference)
    row["speedup_validate"] = round(row["pyshacl"]["validate_s"] / max(fast["validate_s"], 1e-3), 1)
    row["speedup_total"] = round(row["pyshacl"]["total_s"] / max(fast["total_s"], 1e-3), 1)
    return row


def _graphs(corpus: Path) -> tuple[dict[str, list[str]], dict[str, dict[str, Any]]]:
    """The corpus's document graphs as N-Triples lines by key, and its entity descriptions."""
    graphs: dict[str, list[str]] = defaultdict(list)
    entities: dict[str, dict[str, Any]] = defaultdict(lambda: {"aliases": [], "review": False})
    for quad in ox.parse(path=corpus, format=ox.RdfFormat.TRIG):
        graph = str(getattr(quad.graph_name, "value", ""))
        key = graph.rsplit("/", 1)[-1]
        if key != "entities":
            graphs[key].append(f"{quad.subject} {quad.predicate} {quad.object} .")
            continue
        entity_id = quad.subject.value.removeprefix(_ID)
        entity, p, o = entities[entity_id], quad.predicate.value, quad.object
        entity["id"] = entity_id
        if p == _RDF_TYPE:
            entity["type"] = o.value.removeprefix(_CG)
        elif p == _SKOS + "prefLabel":
            entity["name"] = o.value
        elif p == _SKOS + "altLabel":
            entity["aliases"].append(o.value)
        elif p == _CG + "side":
            entity["side"] = o.value.removeprefix(_CG).removesuffix("Side")
        elif p == _CG + "needsReview":
            entity["review"] = o.value == "true"
        elif p == _CG + "title":
            entity["title"] = o.value
    return graphs, entities


def _seed(corpus: Path, data: Path, out: Path, leave_out: str) -> int:
    """Stand-in documents and their cached fragments for every corpus document graph but the
    one of key ``leave_out`` (the document to add)."""
    from coopgraph.build import Pipeline
    from coopgraph.build.fragments import Entry, FragmentIndex, file_stat

    graphs, entities = _graphs(corpus)
    fingerprint = Pipeline(data, data / "entities.yaml").fragment_fingerprint
    index = FragmentIndex(out / "cache")
    entries = []
    for key, lines in graphs.items():
        if key == leave_out:
            continue
        path = data / "documents" / f"corpus_{key}.txt"
        path.write_text(f"Stand-in for the corpus document {key}.\n")
        ids = {t[len(_ID) + 1 : -1] for line in lines for t in line.split(" ", 3)[:3:2]
               if t.startswith("<" + _ID)}  # fmt: skip
        record = {
            "name": path.name,
            "entities": {i: entities[i] for i in ids if i in entities and "type" in entities[i]},
            "mentions": [[i, "Entity"] for i in sorted(ids)],
            "facts": [],
        }
        text = "".join(f"{line}\n" for line in sorted(set(lines)))
        counts = {"facts": 0, "figures": 0, "fundings": 0, "triples": len(lines)}
        entries.append(Entry(path.name, key, key.ljust(64, "0"), file_stat(path), fingerprint,
                             index.store(text, record), record, counts))  # fmt: skip
    index.save(entries, keep=set())
    return len(entries)


def measure_incremental(corpus: Path, texts: Path, data_dir: Path) -> dict[str, Any]:
    """Seed a data folder with the corpus, build it, add one sample text; the timings."""
    from coopgraph.build import BuildError, add, build
    from coopgraph.settings import Settings

    samples = sorted(texts.glob("*.txt"))
    if not samples:
        return {"status": "skipped", "reason": f"no sample texts in {texts}"}
    with tempfile.TemporaryDirectory(prefix="bench-incremental-") as work:
        data, out = Path(work) / "data", Path(work) / "out"
        (data / "documents").mkdir(parents=True)
        for table in [*data_dir.glob("*.yaml"), *data_dir.glob("*.txt")]:
            shutil.copy(table, data / table.name)
        started = time.perf_counter()
        new = samples[0]  # a corpus document: the folder is built without it, then it is added
        documents = _seed(corpus, data, out, leave_out=new.stem.rsplit("_", 1)[-1])
        seeded = time.perf_counter() - started
        settings = Settings(data_dir=data, graph_path=out / "coopgraph.trig")
        try:
            started = time.perf_counter()
            first = build(settings, progress=False)
            first_s = time.perf_counter() - started
            started = time.perf_counter()
            build(settings, progress=False)
            unchanged_s = time.perf_counter() - started
            started = time.perf_counter()
            _, added = add(settings, new)
            add_s = time.perf_counter() - started
        except BuildError as error:
            return {"status": "failed", "reason": str(error)[:500], "documents": documents}
        size = settings.graph_path.stat().st_size
    return {
        "status": "ok",
        "documents": documents,
        "triples": first.triples,
        "seed_s": round(seeded, 2),
        "first_build_full_validation_s": round(first_s, 2),
        "unchanged_rebuild_s": round(unchanged_s, 2),
        "add_one_document_s": round(add_s, 2),
        "added_document": new.name,
        "triples_after_add": added.triples,
        "output_mb": round(size / 1e6, 1),
        "ratio_full_to_add": round(first_s / max(add_s, 1e-3), 1),
    }
