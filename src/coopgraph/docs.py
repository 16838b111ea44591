"""Generated documentation: the ontology's HTML page (pyLODE) and the canned-query table.

The pages under ``ontology/docs/`` are generated from ``ontology/coopgraph.ttl``; edit the
ontology, never the HTML. ``docs/queries.md`` is generated from the headers of
``queries/*.rq`` (``python -m coopgraph.docs``); edit the queries, never the table.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from rdflib import Graph

from coopgraph.files import write_atomically
from coopgraph.settings import PROJECT_ROOT, Settings
from coopgraph.sparql.catalogue import QueryFileError, load_catalogue

__all__ = ["QUERY_TABLE", "DocsError", "build_docs", "query_table", "write_query_table"]

QUERY_TABLE = PROJECT_ROOT / "docs" / "queries.md"
"""Where the canned-query table is kept in the checkout."""

log = logging.getLogger(__name__)


class DocsError(Exception):
    """The documentation cannot be built; the message says why."""


def build_docs(settings: Settings, out: Path | None = None) -> Path:
    """Write the pyLODE HTML page of the ontology and return its path.

    Args:
        settings: where the ontology is (``settings.ontology_path``).
        out: the HTML file to write; defaults to ``settings.docs_dir / "index.html"``.

    Raises:
        DocsError: the ontology is missing or cannot be parsed, or the file cannot be written.
    """
    source = settings.ontology_path
    target = out or settings.docs_dir / "index.html"
    if not source.is_file():
        raise DocsError(f"no ontology at {source}: set COOPGRAPH_ONTOLOGY_DIR to its folder")
    try:
        ontology = Graph().parse(source, format="turtle")
    except Exception as exc:  # rdflib raises several unrelated types for bad Turtle
        raise DocsError(f"cannot parse {source}: {exc}") from exc
    html = _render(ontology)
    _write(target, html)
    log.info("wrote %s (%d bytes)", target, len(html))
    return target


def _render(ontology: Graph) -> str:
    """The HTML page for ``ontology`` (pyLODE changes the graph it is given, so it gets a copy)."""
    ontpub = _ontpub_class()
    copy = Graph()
    for prefix, namespace in ontology.namespaces():
        copy.bind(prefix, namespace)
    copy += ontology
    html = ontpub(ontology=copy).make_html()
    assert isinstance(html, str)
    return html


def _ontpub_class() -> Any:
    """pyLODE's OntPub, imported without letting pyLODE configure the root logger."""
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    try:
        from pylode import OntPub
    finally:
        root.handlers[:] = handlers
        root.setLevel(level)
    return OntPub


def query_table(queries_dir: Path) -> str:
    """The Markdown page listing every canned query of ``queries_dir``, from its header.

    Raises:
        DocsError: the folder is missing or a query file has a bad header.
    """
    try:
        catalogue = load_catalogue(queries_dir)
    except QueryFileError as exc:
        raise DocsError(str(exc)) from exc
    lines = [
        "# Canned queries",
        "",
        "Every question the endpoint answers by name: one `queries/<name>.rq` file each, served at",
        "`/queries/<name>` and offered as an example on the query page. Parameters have defaults;",
        "an entity parameter takes a name, an alias or an IRI. See",
        "[sparql-endpoint.md](sparql-endpoint.md) for how to run them.",
        "",
        "<!-- Generated from the headers of queries/*.rq by `python -m coopgraph.docs`",
        "     (or `make docs`); edit the queries, not this file. -->",
        "",
        "| query | question | parameters |",
        "|---|---|---|",
    ]
    for name, query in catalogue.items():
        params = ", ".join(
            f"`{p.name}` ({p.type}" + (f", default {p.default})" if p.default is not None else ")")
            for p in query.params
        )
        question = _cell(f"{query.title}: {query.description}")
        lines.append(f"| [`{name}`](../queries/{name}.rq) | {question} | {_cell(params)} |")
    return "\n".join(lines) + "\n"


def _write(target: Path, text: str) -> None:
    """Write ``text`` to ``target`` atomically; :class:`DocsError` says why it could not."""
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        write_atomically(target, text)
    except OSError as exc:
        raise DocsError(f"cannot write {target}: {exc.strerror or exc}") from exc


def write_query_table(queries_dir: Path, out: Path = QUERY_TABLE) -> Path:
    """Write :func:`query_table` of ``queries_dir`` to ``out`` (atomically) and return ``out``."""
    _write(out, query_table(queries_dir))
    log.info("wrote %s", out)
    return out


def _cell(text: str) -> str:
    """``text`` safe inside a Markdown table cell."""
    return text.replace("|", "\\|").replace("\n", " ")


if __name__ == "__main__":
    print(f"wrote {write_query_table(Settings().queries_dir)}")
