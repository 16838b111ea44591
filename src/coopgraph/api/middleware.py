"""The app's middlewares, pure ASGI: the request-body limit and security headers, and the
access log.

- A body longer than ``Settings.max_body_bytes`` is refused with 413, whether the client
  announces it (``Content-Length``) or streams it (chunked): reading stops at the limit.
- Every response carries ``X-Content-Type-Options: nosniff``, ``Referrer-Policy`` and
  ``X-Frame-Options: DENY``. HTML pages also get a ``Content-Security-Policy`` that allows only
  this origin; the inline scripts a page carries (the standalone viewer, the API docs) are
  allowed by their SHA-256 hashes, computed from the page itself, never by ``'unsafe-inline'``.
- Every request gets one line in the ``coopgraph.access`` log (:class:`AccessLogMiddleware`).
"""

from __future__ import annotations

import base64
import hashlib
import json
import logging
import re
import time
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

__all__ = [
    "BASE_HEADERS",
    "AccessLogMiddleware",
    "SecurityMiddleware",
    "content_security_policy",
    "log_access",
]

access = logging.getLogger("coopgraph.access")

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

BASE_HEADERS = {
    "x-content-type-options": "nosniff",
    "referrer-policy": "same-origin",
    "x-frame-options": "DENY",
}
"""Headers every response carries."""

_API_DOCS_CDN = "https://cdn.jsdelivr.net"
"""Where FastAPI's interactive API docs page (``/api-docs``) loads Swagger UI from."""
_INLINE_SCRIPT = re.compile(
    rb"<script(?![^>]*\bsrc\s*=)(?P<attrs>[^>]*)>(?P<body>.*?)</script", re.DOTALL | re.I
)
_DATA_TYPE = re.compile(rb"""\btype\s*=\s*["']?application/(?:ld\+)?json""", re.I)


def content_security_policy(html: bytes, path: str) -> str:
    """The policy for one HTML page: this origin only, plus the page's own inline scripts."""
    scripts = ["'self'"]
    for match in _INLINE_SCRIPT.finditer(html):
        if _DATA_TYPE.search(match["attrs"]):
            continue  # a data block, never executed
        digest = base64.b64encode(hashlib.sha256(match["body"]).digest()).decode()
        scripts.append(f"'sha256-{digest}'")
    styles = ["'self'", "'unsafe-inline'"]
    images = ["'self'", "data:"]
    if path.startswith("/api-docs"):
        scripts.append(_API_DOCS_CDN)
        styles.append(_API_DOCS_CDN)
        images.append("https://fastapi.tiangolo.com")
    return "; ".join(
        [
            "default-src 'self'",
            f"script-src {' '.join(dict.fromkeys(scripts))}",
            f"style-src {' '.join(styles)}",
            f"img-src {' '.join(images)}",
            "font-src 'self' data:",
            "connect-src 'self'",
            "object-src 'none'",
            "base-uri 'none'",
            "form-action 'self'",
            "frame-ancestors 'none'",
        ]
    )


class SecurityMiddleware:
    """Refuse oversized request bodies (413) and add security headers to every response."""

    def __init__(self, app: ASGIApp, max_body_bytes: int) -> None:
        self.app = app
        self.max_body_bytes = max_body_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = _content_length(scope)
        if declared is not None and declared > self.max_body_bytes:
            await _too_large(send, self.max_body_bytes)
            return
        received = 0

        async def limited_receive() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_body_bytes:
                    raise _TooLarge
            return message

        sender = _HeaderSender(send, scope["path"])
        try:
            await self.app(scope, limited_receive, sender)
        except* _TooLarge:
            if not sender.started:
                await _too_large(send, self.max_body_bytes)


class _TooLarge(Exception):
    """The body went over the limit while it was being read."""


class _HeaderSender:
    """Adds the headers on the way out; holds an HTML body back to hash its inline scripts."""

    def __init__(self, send: Send, path: str) -> None:
        self.send = send
        self.path = path
        self.start: Message | None = None
        self.chunks: list[bytes] = []
        self.started = False

    async def __call__(self, message: Message) -> None:
        if message["type"] == "http.response.start":
            self.started = True
            headers = [(k, v) for k, v in message.get("headers", []) if k.lower() not in _BASE]
            headers += [(k.encode(), v.encode()) for k, v in BASE_HEADERS.items()]
            message = {**message, "headers": headers}
            if _is_html(headers):
                self.start = message
                return
        elif message["type"] == "http.response.body" and self.start is not None:
            self.chunks.append(message.get("body", b""))
            if message.get("more_body", False):
                return
            body = b"".join(self.chunks)
            policy = content_security_policy(body, self.path)
            start, self.start = self.start, None
            start["headers"] = [*start["headers"], (b"content-security-policy", policy.encode())]
            await self.send(start)
            message = {"type": "http.response.body", "body": body, "more_body": False}
        await self.send(message)


_BASE = {name.encode() for name in BASE_HEADERS}


def _is_html(headers: list[tuple[bytes, bytes]]) -> bool:
    return any(k.lower() == b"content-type" and v.startswith(b"text/html") for k, v in headers)


def _content_length(scope: Scope) -> int | None:
    for name, value in scope.get("headers", []):
        if name == b"content-length":
            try:
                return int(value)
            except ValueError:
                return None
    return None


def _too_large_text(limit: int) -> str:
    return (
        f"the request body is larger than {limit} bytes; send a smaller request "
        "(the limit is COOPGRAPH_MAX_BODY_BYTES)"
    )


async def _too_large(send: Send, limit: int) -> None:
    body = json.dumps({"error": _too_large_text(limit)}).encode()
    headers = [
        (b"content-type", b"application/json"),
        (b"content-length", str(len(body)).encode()),
        (b"connection", b"close"),
        *[(k.encode(), v.encode()) for k, v in BASE_HEADERS.items()],
    ]
    await send({"type": "http.response.start", "status": 413, "headers": headers})
    await send({"type": "http.response.body", "body": body})


class AccessLogMiddleware:
    """One access-log line per request; ``Access-Control-Allow-Origin: *`` on cross-origin GETs.

    A plain ASGI middleware: Starlette's ``BaseHTTPMiddleware`` (``@app.middleware``) runs
    each request in a task group with streams between the two halves, which costs more than
    the rest of a point lookup's trip through the app.
    """

    def __init__(self, app: ASGIApp, share: bool = True) -> None:
        self.app = app
        self.share = share

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        status = 500
        share = (
            self.share
            and scope["method"] == "GET"
            and any(name == b"origin" for name, _ in scope.get("headers", ()))
        )

        async def sending(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
                if share:
                    headers = [
                        (k, v)
                        for k, v in message.get("headers", [])
                        if k.lower() != b"access-control-allow-origin"
                    ]
                    headers.append((b"access-control-allow-origin", b"*"))
                    message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, sending)
        log_access(scope["method"], scope["path"], status, started)


def log_access(method: str, path: str, status: int, started: float) -> None:
    """The access-log line of one request (``started``: its ``perf_counter`` at arrival)."""
    if access.isEnabledFor(logging.INFO):
        elapsed = (time.perf_counter() - started) * 1000
        access.info("%s %s %d %.1fms", method, path, status, elapsed)
