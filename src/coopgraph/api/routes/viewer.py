"""``GET /viewer``: the interactive viewer over the live graph, as ``--format html`` writes it."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Annotated, Literal

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.responses import HTMLResponse

from coopgraph.api import contract
from coopgraph.api.reads import reader
from coopgraph.settings import Settings

__all__ = ["router"]

log = logging.getLogger(__name__)

router = APIRouter()


@router.get(
    "/viewer",
    response_class=HTMLResponse,
    summary="Interactive network viewer",
    responses={
        200: {"description": "The viewer page.", "content": contract.HTML_CONTENT},
        **contract.errors(
            400,
            404,
            503,
            e404="Nothing matches the filters: a document the graph does not have, a type no "
            "node of the view has, an empty range of years, or no node passing them all.",
        ),
    },
)
def viewer(
    request: Request,
    view: Annotated[Literal["parties", "full"], Query(description="parties or full")] = "parties",
    type: Annotated[
        list[str] | None, Query(description="keep nodes of this class (ontology local name)")
    ] = None,
    side: Annotated[
        list[Literal["China", "Singapore", "Joint", "Third"]] | None,
        Query(description="keep nodes on this side"),
    ] = None,
    document: Annotated[list[str] | None, Query(description="file name, key or IRI")] = None,
    since: Annotated[int | None, Query(description="first publication year")] = None,
    until: Annotated[int | None, Query(description="last publication year")] = None,
) -> HTMLResponse:
    """One self-contained HTML page: search, filters, side layout and facts with sources."""
    from coopgraph.export import ExportError, Filters, NothingMatches, make_exporter

    classes = contract.class_names(_ontology(request))
    unknown = [name for name in type or () if name not in classes]
    if unknown:
        raise HTTPException(
            400, f"unknown type '{unknown[0]}'; the ontology's classes are: {', '.join(classes)}"
        )
    filters = Filters(tuple(type or ()), tuple(side or ()), tuple(document or ()), since, until)
    try:
        page = make_exporter(reader(request.app.state), "html", view=view, filters=filters)
        return HTMLResponse(page.serialize())
    except NothingMatches as error:
        raise HTTPException(status_code=404, detail=str(error)) from None
    except ExportError as error:
        raise HTTPException(status_code=400, detail=str(error)) from None


def _ontology(request: Request) -> Path:
    """The ontology file of the app's settings (the project's own on an app without them)."""
    settings = getattr(request.app.state, "settings", None)
    return (settings or Settings()).ontology_path
