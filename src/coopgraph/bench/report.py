"""Reporting a run: the machine, coopgraph/peer ratios, and Markdown tables.

A ratio is coopgraph's figure divided by the peer's: below 1 coopgraph is faster or smaller for
times and memory; above 1 it serves more requests per second for throughput.
"""

from __future__ import annotations

import os
import platform
import subprocess
from importlib import metadata
from pathlib import Path
from typing import Any

__all__ = ["CACHED", "RATIO_PAIRS", "extraction_lines", "label", "machine", "markdown", "ratios"]

CACHED = "coopgraph-cached"
"""The endpoint with its answer cache on: shown beside the others, in no ratio."""

RATIO_PAIRS = (
    ("coopgraph", "oxigraph-server"),
    ("coopgraph", "rdflib-endpoint"),
    ("coopgraph-embedded", "pyoxigraph"),
    ("coopgraph-embedded", "rdflib"),
)


def _version(package: str) -> str | None:
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return None


def _memory_gb() -> float | None:
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                return round(int(line.split()[1]) / 1024 / 1024, 1)
    except OSError:
        pass
    return None


def _cpu() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def _wrk_version() -> str | None:
    try:
        result = subprocess.run(["wrk", "-v"], capture_output=True, text=True, timeout=10)
    except (OSError, subprocess.SubprocessError):
        return None
    return (result.stdout or result.stderr).split("[")[0].strip() or None


def machine() -> dict[str, Any]:
    """The machine and the versions of everything measured."""
    packages = ("coopgraph", "pyoxigraph", "oxigraph", "rdflib", "rdflib-endpoint", "fastapi",
                "uvicorn")  # fmt: skip
    return {
        "cpus": os.cpu_count(),
        "cpu": _cpu(),
        "memory_gb": _memory_gb(),
        "system": f"{platform.system()} {platform.release()}",
        "python": platform.python_version(),
        "versions": {name: _version(name) for name in packages},
        "wrk": _wrk_version(),
    }


def _metrics(row: dict[str, Any]) -> dict[str, float]:
    keys = ("load_s", "cold_start_s", "rss_load_mb", "rss_after_mb", "pss_load_mb",
            "pss_after_mb")  # fmt: skip
    found = {k: row[k] for k in keys if isinstance(row.get(k), int | float)}
    for name, timing in (row.get("queries") or {}).items():
        if timing["median_ms"] is not None:
            found[f"{name}_median_ms"] = timing["median_ms"]
    throughput = row.get("throughput") or {}
    if throughput.get("status") == "ok":
        found["throughput_rps"] = throughput["requests_per_s"]
    return found


def ratios(engines: dict[str, dict[str, Any]]) -> dict[str, dict[str, float | None]]:
    """``{"coopgraph / oxigraph-server": {metric: ratio}}`` for every pair measured on both."""
    found = {}
    for ours, peer in RATIO_PAIRS:
        a, b = engines.get(ours, {}), engines.get(peer, {})
        if a.get("status") != "ok" or b.get("status") != "ok":
            continue
        mine, theirs = _metrics(a), _metrics(b)
        found[f"{ours} / {peer}"] = {
            key: round(mine[key] / theirs[key], 3) if theirs[key] else None
            for key in mine
            if key in theirs
        }
    return found


def _fmt(value: Any, digits: int = 1) -> str:
    if value is None:
        return "–"
    if isinstance(value, float) and value >= 100:
        return f"{value:,.0f}"
    return f"{value:,.{digits}f}" if isinstance(value, float) else str(value)


def _ms(value: float) -> str:
    return f"{value / 1000:.2f} s" if value >= 1000 else f"{value:.3g} ms"


def label(engine: str) -> str:
    """An engine's name in the tables: figures from the answer cache say so."""
    return "coopgraph, **cached**" if engine == CACHED else engine


def markdown(results: dict[str, Any]) -> str:
    """The summary, latency and ratio tables of a run, as Markdown."""
    engines, corpus = results["engines"], results["corpus"]
    lines = [
        f"{corpus['triples']:,} quads in {corpus['documents']:,} document graphs, "
        f"{corpus['entities']:,} entities (seed {corpus['seed']}); {results['date']}; "
        f"{results['machine']['cpus']} CPUs, {results['machine']['memory_gb']} GB",
        "",
        "| engine | access | load s | cold start s | RSS after load MB | RSS after lookups MB "
        "| PSS after load MB | PSS after lookups MB "
        "| lookups done | sequential req/s | wrk req/s (8 clients) |",
        "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for name, row in engines.items():
        if row["status"] != "ok":
            lines.append(f"| {label(name)} | {row['status']}: {row['reason']} |||||||||")
            continue
        throughput = row.get("throughput") or {}
        rate = throughput.get("requests_per_s") if throughput.get("status") == "ok" else None
        cells = [
            row["kind"], _fmt(row.get("load_s"), 2), _fmt(row.get("cold_start_s"), 2),
            _fmt(row.get("rss_load_mb")), _fmt(row.get("rss_after_mb")),
            _fmt(row.get("pss_load_mb")), _fmt(row.get("pss_after_mb")),
            _fmt(row.get("requests_done")), _fmt(row.get("sequential_rps")), _fmt(rate),
        ]  # fmt: skip
        lines.append(f"| {label(name)} | " + " | ".join(cells) + " |")
    measured = [name for name, row in engines.items() if row["status"] == "ok"]
    lines += ["", "Median / p99 latency per query:", "",
              "| query | rows | " + " | ".join(map(label, measured)) + " |",
              "|---|---:|" + "---:|" * len(measured)]  # fmt: skip
    for query in results["queries"]:
        cells, counts = [], []
        for name in measured:
            timing = engines[name]["queries"][query]
            if timing["median_ms"] is None:
                cells.append(f"no answer in {timing['timeout_s']:g} s")
                continue
            counts.append(str(timing["rows"]))
            cells.append(f"{_ms(timing['median_ms'])} / {_ms(timing['p99_ms'])}")
        rows = "/".join(dict.fromkeys(counts)) or "–"  # differing counts show as 12/14
        lines.append(f"| {query} | {rows} | " + " | ".join(cells) + " |")
    build = results.get("extraction") or {}
    if build.get("status") == "ok":
        lines += [
            "",
            f"Extraction (`coopgraph build` of {build['documents']} sample texts, "
            f"{build['words']:,} words, incl. SHACL validation): {build['seconds']:.1f} s, "
            f"{build['documents_per_s']:.2f} documents/s, {build['words_per_s']:,.0f} words/s; "
            f"{build['facts']} facts, {build['figures']} figures found.",
        ]
    else:
        lines += _not_measured("Extraction", build)
    lines += extraction_lines(results.get("extraction_only") or {})
    for pair, values in results["ratios"].items():
        lines += ["", f"Ratios {pair} (below 1: coopgraph faster or smaller; throughput above 1: "
                  "coopgraph serves more):", "", "| metric | ratio |", "|---|---:|"]  # fmt: skip
        lines += [f"| {metric} | {_fmt(value, 2)} |" for metric, value in values.items()]
    lines += validation_lines(results)
    return "\n".join(lines) + "\n"


def _long_lines(long: dict[str, Any] | None) -> list[str]:
    if not long:
        return []
    return [
        f"One document of {long['sentences']:,} sentences ({long['words']:,} words): "
        f"{long['seconds']:.1f} s to extract, {long['model_seconds']:.1f} s for the English "
        f"pipeline alone; peak memory {long['peak_rss_mb']:,} MB."
    ]


def _matching_lines(matching: dict[str, Any] | None) -> list[str]:
    if not matching:
        return []
    same = "the same matches" if matching["same_matches"] else "DIFFERENT matches"
    return [
        f"Dependency patterns ({matching['patterns']}) over the parsed texts: "
        f"{matching['seconds']:.2f} s, spaCy's DependencyMatcher with the same patterns "
        f"{matching['spacy_seconds']:.2f} s ({matching['speedup']}x), {same}."
    ]


def extraction_lines(alone: dict[str, Any]) -> list[str]:
    """The extraction-only figure (:func:`coopgraph.bench.extraction.measure_extraction`)."""
    if alone.get("status") == "ok":
        return [
            "",
            f"Extraction alone (`Extractor.extract`, one process on one core, CPU time, fastest "
            f"of {alone['rounds']} passes over {alone['documents']} texts, {alone['words']:,} "
            f"words; spaCy pipeline load of {alone['load_s']:.2f} s excluded): "
            f"{alone['ms_per_document']:.1f} ms/document, {alone['documents_per_s']:.1f} "
            f"documents/s, {alone['words_per_s']:,} words/s; on the same texts, the English "
            f"pipeline alone (tagger, parser, recogniser): {alone['model_documents_per_s']:.1f} "
            f"documents/s, spaCy's tokenizer alone: {alone['tokenizer_words_per_s']:,} words/s.",
            *_matching_lines(alone.get("matching")),
            *_long_lines(alone.get("long")),
        ]
    return _not_measured("Extraction alone", alone)


def validation_lines(results: dict[str, Any]) -> list[str]:
    """The SHACL validation and incremental build figures, as Markdown lines."""
    lines: list[str] = []
    validation = results.get("validation") or {}
    if validation.get("status") == "ok":
        lines += ["", "SHACL validation of the whole corpus:", "",
                  "| engine | load s | validate s | total s | results | peak RSS MB |",
                  "|---|---:|---:|---:|---:|---:|"]  # fmt: skip
        for engine in ("oxigraph", "pyshacl"):
            row = validation.get(engine) or {}
            if "validate_s" not in row:
                lines.append(f"| {engine} | {row.get('reason', 'skipped')} | | | | |")
                continue
            lines.append(
                f"| {engine} | {row['load_s']:.1f} | {row['validate_s']:.1f} | "
                f"{row['total_s']:.1f} | {row['results']} | {_fmt(row['peak_rss_mb'], 0)} |"
            )
        if "speedup_validate" in validation:
            lines += ["", f"pySHACL / oxigraph: validation {validation['speedup_validate']}x, "
                      f"load + validation {validation['speedup_total']}x."]  # fmt: skip
    else:
        lines += _not_measured("Validation", validation)
    step = results.get("incremental") or {}
    if step.get("status") == "ok":
        lines += [
            "",
            f"Incremental build ({step['documents']:,} documents, {step['triples']:,} triples): "
            f"first build with full validation {step['first_build_full_validation_s']:.1f} s, "
            f"unchanged rebuild {step['unchanged_rebuild_s']:.1f} s, `coopgraph add` of one "
            f"document {step['add_one_document_s']:.1f} s "
            f"({step['ratio_full_to_add']}x less than the first build).",
        ]
    else:
        lines += _not_measured("Incremental build", step)
    return lines


def _not_measured(what: str, entry: dict[str, Any]) -> list[str]:
    """Why a figure is missing (skipped, failed), as Markdown lines; none if never asked."""
    return ["", f"{what}: {entry['status']}: {entry.get('reason', '')}"] if entry else []
