"""What happened when: agreements, meetings and foundings per year, and figures over time."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

__all__ = ["KINDS", "Timeline", "timeline"]

KINDS = {
    "signingDate": "agreements",
    "startDate": "meetings",
    "establishmentDate": "foundings",
    "inceptionDate": "inceptions",
}
"""The dated property of an entity -> the column of the timeline it counts in."""


@dataclass
class Timeline:
    """Counts per year with the dated items behind them, and figures over time."""

    years: list[dict[str, Any]] = field(default_factory=list)
    items: list[dict[str, Any]] = field(default_factory=list)
    figures: list[dict[str, Any]] = field(default_factory=list)

    def summary(self) -> list[str]:
        """The dated items, then the figures, one line each."""
        lines = [
            f"{i['date']}  {i['kind']}: {i['label']} [{'; '.join(i['documents'])}]"
            for i in self.items
        ]
        for f in self.figures:
            value = f"{f['qualifier'] or ''} {f['value']:g} {f['unit'] or ''}".strip()
            lines.append(
                f"{f['date'] or '?'} ({f['relation']})  {f['label']}: {f['measure']} {value} "
                f"({f['kind'].lower()}) [{f['document']}]"
            )
        return lines

    def rows(self) -> list[dict[str, Any]]:
        return self.years


def timeline(
    dated: list[dict[str, Any]], figures: list[dict[str, Any]], *, entity: str | None = None
) -> Timeline:
    """Per year, the number of agreements, meetings, foundings and inceptions; and the figures.

    ``dated`` and ``figures`` are the records of
    :func:`~coopgraph.analytics.projection.dated_entities` and
    :func:`~coopgraph.analytics.projection.figures`. An entity dated by several documents counts
    once per year. ``entity`` (an IRI) keeps only its own dates and the figures about it.

    Examples
    --------
    >>> dated = [{"entity": "a", "label": "MoU", "property": "signingDate", "date": "2019-04",
    ...           "document": "d.txt", "type": "MemorandumOfUnderstanding"}]
    >>> timeline(dated, []).years
    [{'year': 2019, 'agreements': 1, 'meetings': 0, 'foundings': 0, 'inceptions': 0}]
    """
    result = Timeline()
    seen: dict[tuple[str, str, int], dict[str, Any]] = {}
    for record in dated:
        if entity is not None and record["entity"] != entity:
            continue
        kind = KINDS.get(record["property"])
        if kind is None:
            continue
        year = int(record["date"][:4])
        item = seen.setdefault(
            (record["entity"], kind, year),
            {
                "year": year,
                "kind": kind,
                "entity": record["entity"],
                "label": record["label"],
                "date": record["date"],
                "documents": [],
            },
        )
        if record["document"] not in item["documents"]:
            item["documents"] = sorted([*item["documents"], record["document"]])
    counts: dict[int, dict[str, int]] = defaultdict(lambda: dict.fromkeys(KINDS.values(), 0))
    for (_, kind, year), _item in seen.items():
        counts[year][kind] += 1
    result.years = [{"year": year, **counts[year]} for year in sorted(counts)]
    result.items = sorted(seen.values(), key=lambda i: (i["date"], i["kind"], i["label"]))
    result.figures = [dict(f) for f in figures if entity is None or f["about"] == entity]
    result.figures.sort(key=lambda f: (f["label"], f["measure"] or "", f["date"] or ""))
    return result
