"""``GET /viewer``: the interactive viewer over the live graph, as ``--format html`` writes it."""

from __future__ import annotations

import logging
from typing import Annotated

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.responses import HTMLResponse

from coopgraph.api.reads import reader

__all__ = ["router"]

log = logging.getLogger(__name__)

router = APIRouter()


@router.get("/viewer", response_class=HTMLResponse, summary="Interactive network viewer")
def viewer(
    request: Request,
    view: Annotated[str, Query(description="parties or full")] = "parties",
    type: Annotated[list[str] | None, Query(description="keep nodes of this class")] = None,
    side: Annotated[list[str] | None, Query(description="China, Singapore, Joint, Third")] = None,
    document: Annotated[list[str] | None, Query(description="file name, key or IRI")] = None,
    since: Annotated[int | None, Query(description="first publication year")] = None,
    until: Annotated[int | None, Query(description="last publication year")] = None,
) -> HTMLResponse:
    """One self-contained HTML page: search, filters, side layout and facts with sources."""
    from coopgraph.export import ExportError, Filters, make_exporter

    filters = Filters(tuple(type or ()), tuple(side or ()), tuple(document or ()), since, until)
    try:
        page = make_exporter(reader(request.app.state), "html", view=view, filters=filters)
        return HTMLResponse(page.serialize())
    except ExportError as error:
        raise HTTPException(status_code=400, detail=str(error)) from None
