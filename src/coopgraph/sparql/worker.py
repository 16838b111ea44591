"""The query worker process: one pyoxigraph store, one query at a time, bytes out.

This module imports nothing but pyoxigraph and the standard library so a worker starts fast.
The parent sends :class:`Job` objects over a pipe; the worker answers ``("ok", Result)`` or
``(error kind, message)``.
"""

from __future__ import annotations

import contextlib
import ctypes
import json
import logging
import os
import signal
import threading
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from itertools import islice
from multiprocessing.connection import Connection, Pipe
from multiprocessing.reduction import send_handle
from typing import Any

import pyoxigraph as ox

from coopgraph import formats

__all__ = [
    "Job",
    "Result",
    "address_space",
    "answer_jobs",
    "apply_update",
    "execute",
    "fork",
    "fork_server",
]

log = logging.getLogger(__name__)

SOLUTION_FORMATS = {key: f.oxigraph for key, f in formats.SOLUTIONS.items()}
GRAPH_FORMATS = {key: f.oxigraph for key, f in formats.GRAPHS.items()}
_PR_SET_PDEATHSIG = 1


@dataclass(frozen=True)
class Job:
    """One query to run.

    ``solutions`` / ``graph`` name the format to write SELECT-ASK / CONSTRUCT-DESCRIBE results
    in (keys of ``SOLUTION_FORMATS`` / ``GRAPH_FORMATS``); ``None`` means the client accepts
    none, and such a result is refused as not acceptable. ``default_graph`` and
    ``named_graphs`` are graph IRIs; without ``default_graph`` the default graph is the RDF merge
    of all graphs (see :func:`coopgraph.store.merge_into_default_graph`).
    """

    query: str
    solutions: str | None = "json"
    graph: str | None = "turtle"
    default_graph: tuple[str, ...] | None = None
    named_graphs: tuple[str, ...] | None = None
    substitutions: dict[str, Any] = field(default_factory=dict)
    prefixes: dict[str, str] = field(default_factory=dict)
    whole: bool = False
    """The whole result, however large (the server's own reads): not cut at ``max_results``,
    and written by pyoxigraph as it is read."""
    base_iri: str | None = None
    """What relative IRIs in the query are resolved against (``None``: they are an error)."""


@dataclass(frozen=True)
class Result:
    """A serialised result: its bytes, its format key, what kind it was, whether it was cut."""

    body: bytes
    format: str
    kind: str
    truncated: bool = False
    count: int = 0


def fork_server(
    control: Connection, store: ox.Store, max_results: int, memory_limit: int | None = None
) -> None:
    """Fork a query worker over ``store`` each time ``"fork"`` arrives on ``control``.

    Runs in a process forked from the one that loaded ``store``: the workers share its pages
    copy-on-write, and queries only read them, so the server holds one copy of the graph
    however many workers it has, and a worker that replaces a killed one is ready in
    milliseconds. For each worker this process answers ``("worker", pid)`` and then passes
    the worker's end of a new pipe as a file descriptor
    (:func:`multiprocessing.reduction.send_handle`). Workers are reaped by the kernel, and
    are killed when this process dies.
    """
    signal.signal(signal.SIGCHLD, signal.SIG_IGN)
    # Nothing here reads the whole store: even a read of pyoxigraph's in-memory store writes
    # to what it visits (``len(store)`` alone would make this process copy every page).
    control.send(("ready", os.getpid()))
    while True:
        try:
            command = control.recv()
        except (EOFError, OSError):
            return
        if command == "fork":
            _fork_worker(control, store, max_results, memory_limit)


def _fork_worker(
    control: Connection, store: ox.Store, max_results: int, memory_limit: int | None
) -> None:
    ours, theirs = Pipe()

    def work() -> int:
        control.close()
        ours.close()
        signal.signal(signal.SIGCHLD, signal.SIG_DFL)
        return _answer_on_a_thread(theirs, store, max_results, memory_limit)

    pid = fork(work)
    theirs.close()
    control.send(("worker", pid))
    send_handle(control, ours.fileno(), os.getppid())
    ours.close()


def _answer_on_a_thread(
    conn: Connection, store: ox.Store, max_results: int, memory_limit: int | None
) -> int:
    """Answer jobs on a new thread; the exit status for the worker.

    A new thread allocates from a malloc arena of its own. On the main thread, the worker
    would reuse the free space scattered through the heap it shares with its parent, and
    each reuse makes the kernel copy a page of the shared store: a few thousand point
    lookups cost a worker over 100 MB of private memory that way.
    """
    failed: list[BaseException] = []

    def run() -> None:
        try:
            _new_arena()
            _limit_memory(memory_limit)
            answer_jobs(conn, store, max_results)
        except BaseException as error:
            failed.append(error)

    thread = threading.Thread(target=run, name="coopgraph-query")
    thread.start()
    thread.join()
    return 1 if failed else 0


def _new_arena() -> None:
    """Make glibc give this thread its arena now, before the memory limit is set."""
    with contextlib.suppress(OSError, AttributeError):
        libc = ctypes.CDLL(None)
        libc.malloc.restype = ctypes.c_void_p
        libc.free.argtypes = [ctypes.c_void_p]
        libc.free(libc.malloc(64))


def fork(child: Callable[[], int]) -> int:
    """Fork a process that runs ``child``, dies with this one, and exits with ``child``'s
    status (1 if it raised), never returning into the caller's code; the new pid."""
    parent = os.getpid()
    pid = os.fork()
    if pid == 0:
        status = 1
        try:
            _die_with(parent)
            status = child()
        finally:
            os._exit(status)
    return pid


def _die_with(parent: int) -> None:
    """Ask the kernel to kill this process when its parent dies (Linux), and check it lives."""
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    if os.getppid() != parent:
        os._exit(1)


def _limit_memory(memory_limit: int | None) -> None:
    """Let this process map at most ``memory_limit`` bytes more than it has mapped now.

    A worker starts with the address space of the process it was forked from (the store it
    shares, the libraries, its thread's stack and arena); the limit is on what its queries
    add to that, whatever the size of the graph.
    """
    if memory_limit:
        import resource

        limit = address_space() + memory_limit
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))


def address_space(pid: int | str = "self") -> int:
    """Bytes of address space process ``pid`` has mapped (Linux; 0 elsewhere)."""
    try:
        with open(f"/proc/{pid}/statm") as statm:
            return int(statm.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        return 0


def answer_jobs(conn: Connection, store: ox.Store, max_results: int) -> None:
    """Answer jobs from ``conn`` until it closes."""
    while True:
        try:
            job = conn.recv()
        except (EOFError, OSError):
            return
        conn.send(answer(store, job, max_results))


def apply_update(
    conn: Connection,
    source: str,
    update: str,
    prefixes: dict[str, str],
    target: str,
    memory_limit: int | None = None,
    base_iri: str | None = None,
) -> None:
    """One-off process: load ``source`` (N-Quads), apply ``update`` (its relative IRIs
    resolved against ``base_iri``), write ``target``.

    Answers ``("ok", quads)`` or ``(error kind, message)``; a runaway update is killed by the
    parent at its time limit, or stops at ``memory_limit``, without touching the server.
    """
    if memory_limit:
        import resource

        resource.setrlimit(resource.RLIMIT_AS, (memory_limit, memory_limit))
    store = ox.Store()
    store.bulk_load(path=source, format=ox.RdfFormat.N_QUADS)
    try:
        store.update(update, prefixes=prefixes or None, base_iri=base_iri)
    except SyntaxError as error:
        conn.send(("syntax", str(error)))
        return
    except (OSError, ValueError, TypeError, RuntimeError) as error:
        conn.send(("failed", str(error)))
        return
    store.dump(target, format=ox.RdfFormat.N_QUADS)
    conn.send(("ok", len(store)))


def answer(store: ox.Store, job: Job, max_results: int) -> tuple[str, Any]:
    """``("ok", Result)`` or ``(error kind, message)`` for one job."""
    try:
        return "ok", execute(store, job, max_results)
    except SyntaxError as error:
        return "syntax", str(error)
    except LookupError as error:
        return "not-acceptable", str(error.args[0] if error.args else error)
    except (OSError, ValueError, TypeError, RuntimeError) as error:
        return "failed", str(error)


def execute(store: ox.Store, job: Job, max_results: int) -> Result:
    """Run the job's query on ``store`` and serialise the result, cut at ``max_results``
    rows or triples unless the job asks for the whole of it."""
    options: dict[str, Any] = {"prefixes": job.prefixes or None}
    if job.base_iri is not None:
        options["base_iri"] = job.base_iri
    if job.default_graph is not None:
        options["default_graph"] = [_graph(iri) for iri in job.default_graph]
    if job.named_graphs is not None:
        options["named_graphs"] = [ox.NamedNode(iri) for iri in job.named_graphs]
    if job.substitutions:
        options["substitutions"] = {ox.Variable(k): v for k, v in job.substitutions.items()}
    results = store.query(job.query, **options)
    if isinstance(results, ox.QueryBoolean):
        fmt = _need(job.solutions, "a boolean result")
        answer = results.serialize(format=SOLUTION_FORMATS[fmt]) or b""
        return Result(answer, fmt, "boolean", False, 1)
    if isinstance(results, ox.QuerySolutions):
        fmt = _need(job.solutions, "a table of solutions")
        if job.whole:
            body = results.serialize(format=SOLUTION_FORMATS[fmt]) or b""
            return Result(body, fmt, "solutions")
        variables = [v.value for v in results.variables]
        rows = list(islice(results, max_results + 1))
        cut = len(rows) > max_results
        rows = rows[:max_results]
        body = _solutions_json(variables, rows)
        if fmt != "json":  # the JSON is the interchange pyoxigraph's other serialisers read
            parsed = ox.parse_query_results(body, ox.QueryResultsFormat.JSON)
            body = parsed.serialize(format=SOLUTION_FORMATS[fmt]) or b""
        return Result(body, fmt, "solutions", cut, len(rows))
    fmt = _need(job.graph, "an RDF graph")
    rdf_format = GRAPH_FORMATS[fmt]
    limit = None if job.whole else max_results
    kept = _Kept(results, limit, as_quads=rdf_format in (ox.RdfFormat.TRIG, ox.RdfFormat.N_QUADS))
    prefixes = job.prefixes if rdf_format in (ox.RdfFormat.TURTLE, ox.RdfFormat.TRIG) else None
    body = ox.serialize(kept, format=rdf_format, prefixes=prefixes) or b""
    return Result(body, fmt, "graph", kept.cut, kept.count)


class _Kept:
    """The first ``limit`` triples of ``triples`` (all if ``None``), one at a time (as quads
    in the default graph if ``as_quads``), so a large graph is serialised without being held
    as a list; ``count`` and ``cut`` (whether there were more) once read."""

    def __init__(self, triples: Iterable[ox.Triple], limit: int | None, *, as_quads: bool) -> None:
        self.triples, self.limit, self.as_quads = triples, limit, as_quads
        self.count, self.cut = 0, False

    def __iter__(self) -> Iterator[Any]:
        for triple in self.triples:
            if self.count == self.limit:
                self.cut = True
                return
            self.count += 1
            yield (
                ox.Quad(triple.subject, triple.predicate, triple.object)
                if self.as_quads
                else triple
            )


def _graph(iri: str) -> ox.NamedNode | ox.DefaultGraph:
    return ox.DefaultGraph() if iri == "" else ox.NamedNode(iri)


def _need(fmt: str | None, what: str) -> str:
    if fmt is None:
        raise LookupError(f"the query returns {what}, which no accepted media type can hold")
    return fmt


def _solutions_json(variables: list[str], rows: list[ox.QuerySolution]) -> bytes:
    """SPARQL JSON results for ``rows``, compact, as pyoxigraph writes them."""
    bindings = []
    for row in rows:
        binding = {}
        for name in variables:
            term = row[name]
            if term is not None:
                binding[name] = _term(term)
        bindings.append(binding)
    document = {"head": {"vars": variables}, "results": {"bindings": bindings}}
    return json.dumps(document, ensure_ascii=False, separators=(",", ":")).encode()


def _term(term: Any) -> dict[str, Any]:
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    if isinstance(term, ox.Literal):
        out: dict[str, Any] = {"type": "literal", "value": term.value}
        if term.language:
            out["xml:lang"] = term.language
        elif term.datatype.value != "http://www.w3.org/2001/XMLSchema#string":
            out["datatype"] = term.datatype.value
        return out
    parts: Iterator[tuple[str, Any]] = zip(
        ("subject", "predicate", "object"), (term.subject, term.predicate, term.object), strict=True
    )
    return {"type": "triple", "value": {key: _term(value) for key, value in parts}}
