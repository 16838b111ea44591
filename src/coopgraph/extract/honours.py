"""Honours are not organisations of the document: "Fellow of the Chinese Academy of Science",
"Fellows of Engineering Academy" name a distinction a person holds (``honours`` in
``data/lexicon.yaml``), not a party the text speaks of."""

from __future__ import annotations

import re

from coopgraph.extract.mentions import Finder
from coopgraph.model import Mention

__all__ = ["without_honours"]


def without_honours(finder: Finder, mentions: list[Mention]) -> list[Mention]:
    """Drop names found by form that are, or follow, an honour ("Fellow(s) of (the) ...")."""
    words = finder.rules.lexicon.get("honours", [])
    if not words:
        return mentions
    honour = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    opening = re.compile(rf"(?:{honour})\s+of\s+")
    before = re.compile(rf"\b(?:{honour})\s+of\s+(?:the\s+)?$")
    return [
        m
        for m in mentions
        if m.source != "form"
        or not (opening.match(m.text) or before.search(finder.text[max(0, m.start - 40) : m.start]))
    ]
