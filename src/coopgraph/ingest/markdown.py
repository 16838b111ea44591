"""Markdown to plain text: headings, links, emphasis and code marks removed, the words kept."""

from __future__ import annotations

import re
from collections.abc import Iterable

from markdown_it import MarkdownIt

from coopgraph.ingest.html import HtmlText, html_to_text

__all__ = ["markdown_to_text"]

_FRONT_MATTER = re.compile(r"\A---\n(?P<body>.*?)\n(?:---|\.\.\.)\n", re.DOTALL)
_FIELD = re.compile(r"^(?P<key>title|date|published)\s*:\s*(?P<value>.+?)\s*$", re.MULTILINE)


def markdown_to_text(source: str, drop_classes: Iterable[str] = ()) -> HtmlText:
    """The prose of a Markdown document, one paragraph per block.

    A YAML front matter block is removed; its ``title`` and ``date`` become metadata hints.
    Embedded HTML is treated like any HTML (scripts and navigation dropped).
    """
    hints: dict[str, str] = {}
    match = _FRONT_MATTER.match(source)
    if match:
        hints = {
            field["key"]: field["value"].strip("'\"") for field in _FIELD.finditer(match["body"])
        }
        source = source[match.end() :]
    renderer = MarkdownIt("commonmark", {"html": True}).enable("table")
    page = html_to_text(renderer.render(source), drop_classes)
    page.title = hints.get("title") or page.title
    page.published = hints.get("published") or hints.get("date") or page.published
    return page
