"""How a query fails in the runtime, as exceptions: each worker answer that is not a result
becomes one of them here."""

from __future__ import annotations

import re
from typing import Any

from coopgraph.sparql.worker import Result

__all__ = [
    "ExecutorError",
    "NotAcceptable",
    "QueryFailed",
    "QuerySyntaxError",
    "QueryTimeout",
    "outcome",
    "payload",
    "syntax_message",
]

_POSITION = re.compile(r"^error at (\d+):(\d+): ?(.*)$", re.DOTALL)


class ExecutorError(Exception):
    """The worker pool cannot answer (no worker could start, or the pool is closed)."""


class QueryTimeout(ExecutorError):
    """The query ran longer than its time limit; its worker was killed."""


class QuerySyntaxError(ValueError):
    """The query does not parse; the message gives the line and column."""


class NotAcceptable(ValueError):
    """The result cannot be written in any of the formats the client accepts."""


class QueryFailed(ValueError):
    """The query parsed but failed while running."""


def syntax_message(raw: str, limit: int = 200) -> str:
    """``error at 3:16: expected ...`` as a readable message naming line and column."""
    match = _POSITION.match(raw.strip())
    if not match:
        return f"syntax error: {raw[:limit]}"
    line, column, detail = match.groups()
    detail = " ".join(detail.split())
    if len(detail) > limit:
        detail = detail[:limit].rsplit(",", 1)[0] + ", ..."
    return f"syntax error at line {line}, column {column}: {detail}"


_ERRORS: dict[str, type[Exception]] = {
    "syntax": QuerySyntaxError,
    "not-acceptable": NotAcceptable,
    "failed": QueryFailed,
}


def outcome(message: tuple[str, Any]) -> Result:
    """A worker's answer (:func:`coopgraph.sparql.worker.answer`), or its error raised."""
    return payload(message)  # type: ignore[no-any-return]


def payload(message: tuple[str, Any]) -> Any:
    """The payload of a worker's ``("ok", payload)`` message; any other status raised."""
    status, payload = message
    if status == "ok":
        return payload
    raise _ERRORS.get(status, QueryFailed)(payload)
