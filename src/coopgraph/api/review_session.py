"""Who is reviewing, and forms that only this site's pages can send.

The review pages are open only when updates are (``--allow-updates`` with ``COOPGRAPH_TOKEN``).
A reviewer signs in once with their name and the token; the server answers with a cookie
holding the name and an HMAC of it keyed by the token (``HttpOnly``, ``SameSite=Strict``), so
the token itself never sits in the browser. Every form carries a CSRF token derived from that
cookie, and a request whose ``Origin`` is another site is refused; changing the server's token
signs everyone out.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
from urllib.parse import urlsplit

from fastapi import HTTPException, Request, Response

from coopgraph.settings import Settings

__all__ = ["COOKIE", "check_form", "csrf_token", "reviewer", "sign_in", "usable"]

COOKIE = "coopgraph_reviewer"


class ReviewClosed(HTTPException):
    """The review pages are off on this server; the message says how to turn them on."""


def usable(request: Request) -> Settings:
    """The settings, when the review pages are on (403 or 503 otherwise)."""
    settings: Settings = request.app.state.settings
    if not settings.allow_updates or settings.token is None:
        raise ReviewClosed(
            403,
            "adding and reviewing articles is off: start the server with --allow-updates "
            "and COOPGRAPH_TOKEN set",
        )
    if request.app.state.remote:
        raise ReviewClosed(
            503, "adding and reviewing articles needs the graph built here, not a remote store"
        )
    return settings


def _mac(settings: Settings, purpose: str, value: str) -> str:
    assert settings.token is not None  # usable() checked
    key = settings.token.get_secret_value().encode()
    return hmac.new(key, f"{purpose}:{value}".encode(), hashlib.sha256).hexdigest()


def sign_in(request: Request, response: Response, name: str, token: str) -> None:
    """Check the token and set the reviewer's cookie on ``response`` (403 if it is wrong)."""
    settings = usable(request)
    _same_origin(request)
    name = " ".join(name.split())
    if not name or len(name) > 100:
        raise HTTPException(400, "give your name (at most 100 characters): decisions carry it")
    assert settings.token is not None
    if not hmac.compare_digest(token.strip().encode(), settings.token.get_secret_value().encode()):
        raise HTTPException(403, "the token is wrong")
    encoded = base64.urlsafe_b64encode(name.encode()).decode()
    value = f"{encoded}.{_mac(settings, 'reviewer', encoded)}"
    response.set_cookie(COOKIE, value, httponly=True, samesite="strict", path="/")


def reviewer(request: Request) -> str | None:
    """The signed-in reviewer's name, or None."""
    settings = usable(request)
    value = request.cookies.get(COOKIE, "")
    encoded, _, mac = value.partition(".")
    if not encoded or not hmac.compare_digest(mac, _mac(settings, "reviewer", encoded)):
        return None
    try:
        return base64.urlsafe_b64decode(encoded.encode()).decode()
    except (ValueError, UnicodeDecodeError):
        return None


def csrf_token(request: Request) -> str:
    """The token this reviewer's forms carry."""
    return _mac(usable(request), "csrf", request.cookies.get(COOKIE, ""))


def check_form(request: Request, csrf: str | None) -> str:
    """The reviewer sending a form, once it is shown to come from this site's page."""
    _same_origin(request)
    name = reviewer(request)
    if name is None:
        raise HTTPException(401, "sign in first: your name and the server's token")
    if not csrf or not hmac.compare_digest(csrf, csrf_token(request)):
        raise HTTPException(403, "the form's CSRF token is missing or wrong; reload the page")
    return name


def _same_origin(request: Request) -> None:
    origin = request.headers.get("origin")
    if origin is None:  # not sent by a browser's cross-site request
        return
    host = request.headers.get("host", "")
    if urlsplit(origin).netloc != host:
        raise HTTPException(403, f"a form from {origin} is not accepted here")
