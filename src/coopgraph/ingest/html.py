"""HTML to plain text: keep the prose, drop scripts, navigation and other page furniture."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from html.parser import HTMLParser

__all__ = ["HtmlText", "html_to_text"]

DROPPED_TAGS = frozenset(
    {
        "script", "style", "iframe", "nav", "header", "footer", "aside", "form", "noscript",
        "svg", "template", "button", "select", "textarea", "object", "embed", "canvas", "head",
    }
)  # fmt: skip
"""Elements whose whole content is furniture or code, never prose."""

BLOCK_TAGS = frozenset(
    {
        "p", "div", "section", "article", "main", "h1", "h2", "h3", "h4", "h5", "h6", "li",
        "ul", "ol", "dl", "dt", "dd", "table", "tr", "td", "th", "blockquote", "pre", "figure",
        "figcaption", "hr", "address", "body", "html",
    }
)  # fmt: skip
_VOID_TAGS = frozenset({"br", "img", "meta", "input", "hr", "link", "wbr", "source", "area"})
_HEADINGS = frozenset({"h1", "h2", "h3"})
_WHITESPACE = re.compile(r"\s+")
_BREAK = "\x00"  # a paragraph break, resolved after whitespace is collapsed


@dataclass
class HtmlText:
    """The text of an HTML page and the metadata its markup gives."""

    text: str
    title: str | None = None
    published: str | None = None
    meta: dict[str, str] = field(default_factory=dict)


class _Extractor(HTMLParser):
    def __init__(self, drop_classes: Iterable[str]) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.meta: dict[str, str] = {}
        self.title_parts: list[str] = []
        self.heading: list[str] | None = None
        self.first_heading: str | None = None
        self._drop_classes = frozenset(name.lower() for name in drop_classes)
        self._skip_tag: str | None = None
        self._skip_depth = 0
        self._in_title = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = {name: value or "" for name, value in attrs}
        if tag == "meta":
            self._read_meta(attributes)
        elif tag == "title":
            self._in_title = True
        elif tag == "time" and "datetime" in attributes:
            self.meta.setdefault("time", attributes["datetime"])
        if self._skip_tag is not None:
            if tag == self._skip_tag:
                self._skip_depth += 1
            return
        if tag not in _VOID_TAGS and self._is_furniture(tag, attributes):
            self._skip_tag, self._skip_depth = tag, 1
            return
        if tag == "br":
            self.parts.append("\n")
        elif tag in BLOCK_TAGS:
            self.parts.append(_BREAK)
        if tag in _HEADINGS and self.first_heading is None:
            self.heading = []

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self._in_title = False
        if self._skip_tag is not None:
            if tag == self._skip_tag:
                self._skip_depth -= 1
                if self._skip_depth == 0:
                    self._skip_tag = None
            return
        if tag in BLOCK_TAGS:
            self.parts.append(_BREAK)
        if tag in _HEADINGS and self.heading is not None:
            self.first_heading = " ".join("".join(self.heading).split()) or None
            self.heading = None

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title_parts.append(data)
        if self._skip_tag is not None:
            return
        self.parts.append(_WHITESPACE.sub(" ", data))
        if self.heading is not None:
            self.heading.append(data)

    def _is_furniture(self, tag: str, attributes: dict[str, str]) -> bool:
        if tag in DROPPED_TAGS:
            return True
        if attributes.get("role") in {"navigation", "banner", "contentinfo", "search"}:
            return True
        if "hidden" in attributes or attributes.get("aria-hidden") == "true":
            return True
        names = re.split(r"[\s_-]+", f"{attributes.get('class', '')} {attributes.get('id', '')}")
        return any(name.lower() in self._drop_classes for name in names if name)

    def _read_meta(self, attributes: dict[str, str]) -> None:
        key = attributes.get("property") or attributes.get("name") or ""
        if key and "content" in attributes:
            self.meta.setdefault(key.lower(), attributes["content"].strip())


def html_to_text(markup: str, drop_classes: Iterable[str] = ()) -> HtmlText:
    """The visible prose of ``markup``, one paragraph per block element.

    Args:
        markup: an HTML page or fragment.
        drop_classes: class or id words (``share``, ``breadcrumb``) marking furniture.
    """
    parser = _Extractor(drop_classes)
    parser.feed(markup)
    parser.close()
    text = _layout("".join(parser.parts))
    meta = parser.meta
    title = (
        meta.get("og:title")
        or parser.first_heading
        or " ".join("".join(parser.title_parts).split())
        or None
    )
    published = (
        meta.get("article:published_time")
        or meta.get("date")
        or meta.get("dc.date")
        or meta.get("dcterms.date")
        or meta.get("time")
    )
    return HtmlText(text=text, title=title, published=published, meta=meta)


def _layout(raw: str) -> str:
    """Collapse whitespace inside paragraphs and separate paragraphs by blank lines."""
    paragraphs = []
    for chunk in raw.split(_BREAK):
        lines = [" ".join(line.split()) for line in chunk.split("\n")]
        paragraph = "\n".join(line for line in lines if line)
        if paragraph:
            paragraphs.append(paragraph)
    return "\n\n".join(paragraphs)
