"""The query page at ``/`` (YASGUI, bundled), the static files and the ontology docs."""

from __future__ import annotations

from pathlib import Path

from fastapi import APIRouter, HTTPException
from fastapi.responses import FileResponse, Response
from fastapi.staticfiles import StaticFiles

from coopgraph.api.deps import SettingsDep

__all__ = ["STATIC", "router"]

STATIC = Path(__file__).resolve().parents[1] / "static"

router = APIRouter(tags=["ui"])


@router.get("/", include_in_schema=False)
def index() -> Response:
    return FileResponse(STATIC / "index.html", media_type="text/html")


@router.get("/ontology", summary="The ontology documentation (HTML)")
def ontology(settings: SettingsDep) -> Response:
    page = settings.docs_dir / "index.html"
    if not page.is_file():
        pages = sorted(settings.docs_dir.glob("*.html")) if settings.docs_dir.is_dir() else []
        if not pages:
            raise HTTPException(
                404, "the ontology documentation is not built; run `coopgraph docs` first"
            )
        page = pages[0]
    return FileResponse(page, media_type="text/html")


@router.get("/ontology.ttl", summary="The ontology (Turtle)")
def ontology_turtle(settings: SettingsDep) -> Response:
    return FileResponse(settings.ontology_path, media_type="text/turtle; charset=utf-8")


router.mount("/static", StaticFiles(directory=STATIC), name="static")
