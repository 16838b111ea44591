"""SPARQL Update applied to a copy of the data in a process of its own, under the query time
limit and the worker memory limit."""

from __future__ import annotations

import asyncio
import contextlib
from pathlib import Path

from coopgraph.sparql import worker as _worker
from coopgraph.sparql.errors import ExecutorError, QueryTimeout, payload
from coopgraph.sparql.processes import CONTEXT, watch

__all__ = ["run_update"]


async def run_update(
    source: Path,
    update: str,
    target: Path,
    *,
    prefixes: dict[str, str] | None = None,
    timeout: float = 5.0,
    memory_limit: int | None = None,
    base_iri: str | None = None,
) -> int:
    """Apply ``update`` to the N-Quads file ``source`` in a process of its own; write ``target``
    (relative IRIs in ``update`` are resolved against ``base_iri``).

    Returns the number of quads written. Raises :class:`QueryTimeout` when the update runs
    past ``timeout`` (its process is killed), :class:`ExecutorError` when the process dies
    (memory), :class:`QuerySyntaxError` or :class:`QueryFailed` when the update is refused.
    """
    parent, child = CONTEXT.Pipe()
    process = CONTEXT.Process(
        target=_worker.apply_update,
        args=(child, str(source), update, prefixes or {}, str(target), memory_limit, base_iri),
        name="coopgraph-update",
        daemon=True,
    )
    process.start()
    child.close()
    loop = asyncio.get_running_loop()
    ready: asyncio.Future[None] = loop.create_future()

    def readable() -> None:
        if not ready.done():
            ready.set_result(None)

    watch(parent.fileno(), readable)
    try:
        await asyncio.wait_for(ready, timeout=timeout)
        message = parent.recv()
    except TimeoutError:
        raise QueryTimeout(
            f"the update ran longer than the {timeout:g} s time limit and was stopped; "
            "nothing was changed"
        ) from None
    except (EOFError, OSError):
        limit = f"the {memory_limit // 2**20} MB memory limit" if memory_limit else "its memory"
        raise ExecutorError(
            f"the update stopped: it needed more than {limit}, or crashed; nothing was changed"
        ) from None
    finally:
        with contextlib.suppress(ValueError, OSError):
            loop.remove_reader(parent.fileno())
        if process.is_alive():
            process.kill()
        await asyncio.to_thread(process.join, 5)
        parent.close()
        process.close()
    return int(payload(message))
