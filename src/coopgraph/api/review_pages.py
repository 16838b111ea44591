"""The review pages' templates, and the page shown instead when one cannot be used."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from fastapi import HTTPException, Request
from fastapi.responses import HTMLResponse
from jinja2 import Environment, FileSystemLoader, select_autoescape

from coopgraph.api import review_session

__all__ = ["message", "page", "signed_in_or_form"]

_TEMPLATES = Environment(
    loader=FileSystemLoader(Path(__file__).resolve().parents[1] / "templates"),
    autoescape=select_autoescape(default=True),
)


def page(request: Request, template: str, status: int = 200, **values: Any) -> HTMLResponse:
    """A review page: ``template`` with ``values``, the reviewer's CSRF token and name."""
    values.setdefault("csrf", review_session.csrf_token(request))
    body = _TEMPLATES.get_template(template).render(**values)
    return HTMLResponse(body, status, headers={"Cache-Control": "no-store"})


def message(title: str, text: str, status: int) -> HTMLResponse:
    """A page saying why the page asked for cannot be shown."""
    body = _TEMPLATES.get_template("review_message.html").render(title=title, text=text)
    return HTMLResponse(body, status)


def signed_in_or_form(request: Request, next_path: str) -> str | HTMLResponse:
    """The reviewer's name; or the sign-in page (or why the pages are off)."""
    try:
        name = review_session.reviewer(request)
    except HTTPException as error:
        return message("Review is off", str(error.detail), error.status_code)
    if name is not None:
        return name
    settings = request.app.state.settings
    body = _TEMPLATES.get_template("review_sign_in.html").render(
        next=next_path, name=settings.reviewer or ""
    )
    return HTMLResponse(body, 401, headers={"Cache-Control": "no-store"})
