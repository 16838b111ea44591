"""Extraction and builds in a process of their own, under a time and a memory limit.

A job runs one task function in a spawned process. The task reports the stage it is at
(``report("extracting 12,000 characters")``) and returns a JSON-ready value; the page polls
the job for its stage and elapsed time. A task that runs past the time limit is killed; one
that needs more memory than the limit stops; either way the job says so and the server goes on.
"""

from __future__ import annotations

import contextlib
import multiprocessing as mp
import threading
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from typing import Any

__all__ = ["Job", "JobError", "Jobs", "run_task"]

_CONTEXT = mp.get_context("spawn")
Task = Callable[..., Any]
"""A module-level function ``task(report, *args)``; ``report(stage)`` says where it is."""


class JobError(RuntimeError):
    """A task did not finish: it failed, ran out of time or out of memory (the message says)."""


@dataclass
class Job:
    """A task's progress as the page shows it."""

    id: str
    what: str
    started: float = field(default_factory=time.monotonic)
    stage: str = "starting"
    state: str = "running"
    """``running``, ``done`` or ``failed``."""
    error: str | None = None
    result: Any = None

    def status(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "what": self.what,
            "state": self.state,
            "stage": self.stage,
            "elapsed": round(time.monotonic() - self.started, 1),
            "error": self.error,
            "result": self.result,
        }


def _child(conn: Connection, task: Task, args: tuple[Any, ...], memory_limit: int | None) -> None:
    if memory_limit:
        import resource

        from coopgraph.sparql.worker import address_space

        limit = address_space() + memory_limit
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    try:
        result = task(lambda stage: conn.send(("stage", stage)), *args)
    except MemoryError:
        conn.send(("error", "it needed more memory than the limit (COOPGRAPH_WORKER_MEMORY_MB)"))
    except Exception as error:  # the task's own errors are the message shown to the reviewer
        conn.send(("error", str(error) or type(error).__name__))
    else:
        conn.send(("ok", result))


def run_task(
    task: Task,
    args: tuple[Any, ...],
    *,
    timeout: float,
    memory_limit: int | None = None,
    job: Job | None = None,
) -> Any:
    """Run ``task(report, *args)`` in a process of its own and return what it returns.

    Raises :class:`JobError` when the task raises (with its message), runs past ``timeout``
    seconds (it is killed) or dies (memory). ``job``, if given, follows the stages.
    """
    parent, child = _CONTEXT.Pipe()
    process = _CONTEXT.Process(
        target=_child, args=(child, task, args, memory_limit), daemon=True, name="coopgraph-job"
    )
    process.start()
    child.close()
    deadline = time.monotonic() + timeout
    try:
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                raise JobError(f"it ran longer than the {timeout:g} s time limit and was stopped")
            if not parent.poll(min(left, 0.2)):
                continue
            try:
                kind, payload = parent.recv()
            except (EOFError, OSError):
                raise JobError(
                    "its process stopped: it needed more memory than the limit, or crashed"
                ) from None
            if kind == "stage":
                if job is not None:
                    job.stage = str(payload)
            elif kind == "ok":
                return payload
            else:
                raise JobError(str(payload))
    finally:
        if process.is_alive():
            process.kill()
        process.join(5)
        parent.close()
        with contextlib.suppress(ValueError):
            process.close()


class Jobs:
    """The jobs of one server, each run on a thread of its own; finished ones are kept for
    ``keep`` seconds for the page to read."""

    def __init__(self, keep: float = 3600.0) -> None:
        self.keep = keep
        self._jobs: dict[str, Job] = {}
        self._lock = threading.Lock()

    def start(
        self,
        what: str,
        task: Task,
        args: tuple[Any, ...],
        *,
        timeout: float,
        memory_limit: int | None = None,
        then: Callable[[Any], Any] | None = None,
    ) -> Job:
        """Start ``task`` in the background; ``then(result)``, if given, makes the job's result."""
        job = Job(uuid.uuid4().hex, what)
        with self._lock:
            self._forget()
            self._jobs[job.id] = job

        def work() -> None:
            try:
                result = run_task(task, args, timeout=timeout, memory_limit=memory_limit, job=job)
                job.result = then(result) if then is not None else result
                job.stage, job.state = "done", "done"
            except JobError as error:
                job.error, job.state = str(error), "failed"

        threading.Thread(target=work, name=f"coopgraph-job-{what}", daemon=True).start()
        return job

    def running(self, what: str) -> Job | None:
        """The job doing ``what`` now, if one is (a page reloaded does not start it again)."""
        with self._lock:
            return next((j for j in self._jobs.values() if j.what == what
                         and j.state == "running"), None)  # fmt: skip

    def get(self, job_id: str) -> Job | None:
        with self._lock:
            return self._jobs.get(job_id)

    def _forget(self) -> None:
        now = time.monotonic()
        for key in [k for k, j in self._jobs.items() if j.state != "running"]:
            if now - self._jobs[key].started > self.keep:
                del self._jobs[key]
