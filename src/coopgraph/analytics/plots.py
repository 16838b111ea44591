"""Pictures of the analyses (matplotlib, Agg): the network, the timeline, the centrality bars."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import networkx as nx
from matplotlib.lines import Line2D
from matplotlib.ticker import MaxNLocator

from coopgraph.analytics.base import label_of

__all__ = [
    "SIDE_COLOURS",
    "centrality_title",
    "draw",
    "layout",
    "plot_centrality",
    "plot_network",
    "plot_timeline",
]

log = logging.getLogger(__name__)

SIDE_COLOURS = {
    "China": "#d62728",
    "Singapore": "#1f77b4",
    "Joint": "#9467bd",
    "Third": "#2ca02c",
    None: "#9e9e9e",
}
PALETTE = [plt.get_cmap("tab20")(i) for i in range(20)]


def _short(text: str, width: int = 32) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def plot_network(
    graph: nx.Graph,
    path: Path,
    *,
    colour_by: str = "side",
    membership: dict[str, int] | None = None,
    names: dict[int, str] | None = None,
    labels: int = 12,
    title: str = "Party network",
    seed: int = 42,
) -> Path:
    """Draw the parties coloured by side (or community) and sized by PageRank.

    Parties without ties are left out; only the ``labels`` most central parties are labelled,
    with their labels offset above the node so they do not hide it.
    """
    graph = graph.subgraph([n for n in graph if graph.degree(n) > 0]).copy()
    fig, ax = plt.subplots(figsize=(12, 9), dpi=110)
    ax.set_axis_off()
    if graph.number_of_nodes() == 0:
        ax.text(0.5, 0.5, "no ties to draw", ha="center", va="center")
        return _save(fig, path)
    rank = nx.pagerank(graph, weight="weight")
    top = max(rank.values())
    sizes = [60 + 900 * rank[n] / top for n in graph]
    position = layout(graph, seed=seed)
    if colour_by == "community" and membership is not None:
        colours: list[Any] = [PALETTE[(membership.get(n, 0) - 1) % len(PALETTE)] for n in graph]
        used = sorted({membership.get(n, 0) for n in graph})
        handles = [
            _handle(PALETTE[(i - 1) % len(PALETTE)], (names or {}).get(i, str(i)))
            for i in used[:12]
        ]
        legend_title = "community (most central member)"
    else:
        colours = [SIDE_COLOURS.get(graph.nodes[n].get("side"), "#9e9e9e") for n in graph]
        sides = {graph.nodes[n].get("side") for n in graph}
        handles = [_handle(c, s or "unknown") for s, c in SIDE_COLOURS.items() if s in sides]
        legend_title = "side"
    widths = [0.6 + 0.5 * min(d.get("weight", 1), 8) for _, _, d in graph.edges(data=True)]
    nx.draw_networkx_edges(graph, position, ax=ax, width=widths, alpha=0.35, edge_color="#555")
    nx.draw_networkx_nodes(
        graph,
        position,
        ax=ax,
        node_size=sizes,
        node_color=colours,
        linewidths=0.8,
        edgecolors="white",
    )
    _label(ax, fig, graph, position, sorted(graph, key=lambda n: -rank[n])[:labels])
    ax.legend(
        handles=handles,
        title=legend_title,
        loc="upper left",
        bbox_to_anchor=(1.0, 1.0),
        fontsize=8,
        frameon=False,
    )
    shown = min(labels, graph.number_of_nodes())
    ax.set_title(
        f"{title}: {graph.number_of_nodes()} parties, {graph.number_of_edges()} ties "
        f"(size: PageRank; {shown} most central labelled)",
        fontsize=11,
    )
    return _save(fig, path)


def layout(graph: nx.Graph, *, seed: int = 42) -> dict[Any, tuple[float, float]]:
    """Spring layout per connected component, components packed in rows, largest first.

    Laying out the whole graph at once pushes small components to the edges and crushes the
    large one into a corner; packing keeps every component readable.
    """
    parts = sorted(nx.connected_components(graph), key=lambda c: (-len(c), min(map(str, c))))
    boxes = [max(len(part), 2) ** 0.75 for part in parts]
    row_width = max(max(boxes, default=1.0), sum(b * b for b in boxes) ** 0.5 * 1.3)
    position: dict[Any, tuple[float, float]] = {}
    x = y = row_height = 0.0
    for part, size in zip(parts, boxes, strict=True):
        if x > 0 and x + size > row_width:
            x, y, row_height = 0.0, y - row_height - 1.0, 0.0
        sub = graph.subgraph(part)
        if len(part) == 1:
            local = {next(iter(part)): (0.0, 0.0)}
        elif len(part) <= 300:  # spreads dense clusters better than a spring layout
            start = nx.spring_layout(sub, seed=seed)
            local = nx.kamada_kawai_layout(sub, pos=start, weight=None)
        else:
            local = nx.spring_layout(sub, seed=seed, k=3 / len(part) ** 0.5, iterations=300)
        xs = [p[0] for p in local.values()]
        ys = [p[1] for p in local.values()]
        span = max(max(xs) - min(xs), max(ys) - min(ys), 1e-9)
        for node, (px, py) in local.items():
            position[node] = (
                x + size * (px - min(xs)) / span if len(part) > 1 else x + size / 2,
                y - size * (max(ys) - py) / span if len(part) > 1 else y - size / 2,
            )
        x += size + 1.5
        row_height = max(row_height, size)
    return position


_OFFSETS = (
    (0, 11, "center", "bottom"),
    (0, -11, "center", "top"),
    (12, 0, "left", "center"),
    (-12, 0, "right", "center"),
    (0, 24, "center", "bottom"),
    (0, -24, "center", "top"),
)


def _label(ax: Any, fig: Any, graph: nx.Graph, position: dict[Any, Any], nodes: list[Any]) -> None:
    """Label ``nodes`` in order, each at the first offset where it overlaps no earlier label."""
    ax.set_xlim(*ax.get_xlim())  # freeze the view so extents are final
    renderer = fig.canvas.get_renderer()
    placed: list[Any] = []
    for node in nodes:
        text = None
        for dx, dy, ha, va in _OFFSETS:
            if text is not None:
                text.remove()
            text = ax.annotate(
                _short(label_of(graph, node)),
                position[node],
                xytext=(dx, dy),
                textcoords="offset points",
                ha=ha,
                va=va,
                fontsize=8,
                bbox={"boxstyle": "round,pad=0.2", "fc": "white", "ec": "none", "alpha": 0.85},
            )
            extent = text.get_window_extent(renderer)
            if not any(extent.overlaps(other) for other in placed):
                break
        if text is not None:
            placed.append(text.get_window_extent(renderer))


def _handle(colour: Any, label: str) -> Line2D:
    return Line2D(
        [], [], marker="o", linestyle="", markersize=9, color=colour, label=_short(label, 40)
    )


def plot_centrality(result: Any, path: Path, *, top: int = 15) -> Path:
    """Horizontal bars of PageRank for the ``top`` parties, coloured by side."""
    parties = result.parties[:top][::-1]
    fig, ax = plt.subplots(figsize=(10, 0.4 * len(parties) + 1.5), dpi=110)
    ax.barh(
        [_short(p["label"], 45) for p in parties],
        [p["pagerank"] for p in parties],
        color=[SIDE_COLOURS.get(p["side"], "#9e9e9e") for p in parties],
    )
    ax.set_xlabel("PageRank (ties weighted by supporting facts)")
    ax.set_title(centrality_title(result, len(parties)), fontsize=11)
    sides = {p["side"] for p in parties}
    ax.legend(
        handles=[_handle(c, s or "unknown") for s, c in SIDE_COLOURS.items() if s in sides],
        loc="lower right",
        fontsize=8,
    )
    ax.spines[["top", "right"]].set_visible(False)
    return _save(fig, path)


def centrality_title(result: Any, shown: int) -> str:
    """The centrality chart's title: what its bars measure, and how many parties it shows."""
    return f"Most central parties by PageRank (top {shown} of {result.nodes})"


def plot_timeline(result: Any, path: Path) -> Path:
    """Stacked bars per year: agreements, meetings, foundings, inceptions."""
    fig, ax = plt.subplots(figsize=(10, 5), dpi=110)
    years = [row["year"] for row in result.years]
    bottom = [0] * len(years)
    kinds = [k for k in ("agreements", "meetings", "foundings", "inceptions")]
    for kind, colour in zip(kinds, ("#1f77b4", "#ff7f0e", "#2ca02c", "#bcbd22"), strict=True):
        values = [row[kind] for row in result.years]
        ax.bar(years, values, bottom=bottom, label=kind, color=colour, width=0.7)
        bottom = [b + v for b, v in zip(bottom, values, strict=True)]
    ax.set_xlabel("year")
    ax.set_ylabel("number")
    ax.set_title("Agreements, meetings and foundings per year", fontsize=11)
    ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    if years:
        ax.set_xticks(range(min(years), max(years) + 1))
        ax.tick_params(axis="x", rotation=45)
    ax.legend(fontsize=8)
    ax.spines[["top", "right"]].set_visible(False)
    return _save(fig, path)


def _save(fig: Any, path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    fig.tight_layout()
    fig.savefig(path, format=path.suffix.lstrip(".").lower())
    plt.close(fig)
    log.info("drew %s", path)
    return path


def draw(name: str, result: Any, store: Any, path: Path) -> Path:
    """The picture that goes with analysis ``name`` and its ``result``."""
    from coopgraph.analytics.projection import party_network

    if name == "centrality":
        return plot_centrality(result, path)
    if name == "timeline":
        return plot_timeline(result, path)
    graph = party_network(store)
    if name == "communities":
        names = {c.index: c.name for c in result.communities}
        return plot_network(
            graph,
            path,
            colour_by="community",
            membership=result.membership(),
            names=names,
            title="Communities",
        )
    if name == "ego":
        nodes = [p["iri"] for p in result.parties]
        return plot_network(
            graph.subgraph(nodes),
            path,
            labels=len(nodes),
            title=f"Within {result.radius} hops of {label_of(graph, result.center)}",
        )
    if name == "path":
        on_path = {n for p in result.paths for h in p.hops for n in (h.source, h.target)}
        return plot_network(graph.subgraph(on_path), path, labels=len(on_path), title="Paths")
    return plot_network(graph, path)
