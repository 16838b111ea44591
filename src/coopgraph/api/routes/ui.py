"""The query page at ``/`` (YASGUI, bundled), the static files and the ontology docs."""

from __future__ import annotations

from pathlib import Path

from fastapi import APIRouter, HTTPException
from fastapi.responses import FileResponse, Response
from fastapi.staticfiles import StaticFiles

from coopgraph.api import contract
from coopgraph.api.deps import SettingsDep

__all__ = ["STATIC", "router"]

STATIC = Path(__file__).resolve().parents[2] / "static"

router = APIRouter(tags=["ui"])


@router.get("/", include_in_schema=False)
def index() -> Response:
    return FileResponse(STATIC / "index.html", media_type="text/html")


@router.get(
    "/ontology",
    summary="The ontology documentation (HTML)",
    response_class=Response,
    responses={
        200: {"description": "The pyLODE page.", "content": contract.HTML_CONTENT},
        **contract.errors(503, e503="The documentation cannot be built; the message says why."),
    },
)
def ontology(settings: SettingsDep) -> Response:
    """The pyLODE page, built on first request and again whenever the ontology changes."""
    from coopgraph.docs import DocsError, build_docs

    page = settings.docs_dir / "index.html"
    source = settings.ontology_path
    stale = source.is_file() and page.is_file() and page.stat().st_mtime < source.stat().st_mtime
    if not page.is_file() or stale:
        try:
            build_docs(settings, page)
        except DocsError as error:
            raise HTTPException(
                503, f"the ontology documentation cannot be built: {error}"
            ) from None
    return FileResponse(page, media_type="text/html")


@router.get(
    "/ontology.ttl",
    summary="The ontology (Turtle)",
    response_class=Response,
    responses={200: {"description": "The ontology.", "content": {"text/turtle": {}}}},
)
def ontology_turtle(settings: SettingsDep) -> Response:
    return FileResponse(settings.ontology_path, media_type="text/turtle; charset=utf-8")


router.mount("/static", StaticFiles(directory=STATIC), name="static")
