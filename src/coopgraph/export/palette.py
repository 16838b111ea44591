"""Colours by side, shared by every format that draws: the viewer, DOT and GEXF."""

from __future__ import annotations

__all__ = ["SIDE_COLOURS", "SIDE_LABELS", "UNKNOWN_COLOUR", "colour_of", "rgb"]

SIDE_COLOURS = {
    "China": "#d1495b",
    "Singapore": "#2e86ab",
    "Joint": "#8e6bbf",
    "Third": "#e0a458",
}
"""Fill colour of a node by its side."""

SIDE_LABELS = {
    "China": "China side",
    "Singapore": "Singapore side",
    "Joint": "Joint (China–Singapore)",
    "Third": "Third country",
}

UNKNOWN_COLOUR = "#9aa5b1"
"""Nodes without a side: places, agreements, meetings, posts."""


def colour_of(side: str | None) -> str:
    """The hex colour for ``side`` (grey when unknown)."""
    return SIDE_COLOURS.get(side or "", UNKNOWN_COLOUR)


def rgb(colour: str) -> tuple[int, int, int]:
    """``#d1495b`` → ``(209, 73, 91)``."""
    value = colour.lstrip("#")
    return int(value[0:2], 16), int(value[2:4], 16), int(value[4:6], 16)
