"""Names in headlines and datelines. A headline capitalises every word, so a name found by its
form there runs on over the words before it ("Creating a New Highland of Knowledge Creation
CSGKS Cooperation Affairs Office"). Such a name is kept when the body of the document writes it
too, cut down to the longest name the body writes that ends it, or else dropped. A dateline
("GUANGZHOU, China, Nov. 7, 2022 /Xinhua/ --") says where a story was filed, not what it is
about: the names in it are not mentions.
"""

from __future__ import annotations

import re

from coopgraph.extract.mentions import Finder
from coopgraph.extract.nlp import dateline_spans
from coopgraph.model import Mention

__all__ = [
    "headline_names",
    "in_headline",
    "is_headline",
    "outside_datelines",
]

_WORD = re.compile(r"[^\W\d_][\w'’-]*")


def outside_datelines(text: str, mentions: list[Mention]) -> list[Mention]:
    """The mentions that do not stand in a dateline."""
    spans = dateline_spans(text)
    return [m for m in mentions if not any(s <= m.start < e for s, e in spans)]


def is_headline(line: str) -> bool:
    """A line without a closing full stop whose longer words are nearly all capitalised."""
    line = line.strip()
    words = [w for w in _WORD.findall(line) if len(w) > 3]
    if len(words) < 4 or line.endswith((".", "!", "?", ";")):
        return False
    return sum(w[0].isupper() for w in words) >= 0.8 * len(words)


def in_headline(text: str, m: Mention) -> bool:
    """Whether a mention stands in a headline."""
    return is_headline(_line(text, m))


def _line(text: str, m: Mention) -> str:
    start = text.rfind("\n", 0, m.start) + 1
    end = text.find("\n", m.end)
    return text[start : end if end >= 0 else len(text)]


def headline_names(finder: Finder, mentions: list[Mention]) -> list[Mention]:
    """Headline names by form: kept if the body names the entity, else cut or dropped."""
    text = finder.text
    headed = {id(m): in_headline(text, m) for m in mentions}
    body = [m for m in mentions if not headed[id(m)]]
    named = {m.entity for m in body}
    names = sorted(
        {m.text: m for m in body if m.source != "anaphor"}.items(), key=lambda p: -len(p[0])
    )
    result = []
    for m in mentions:
        if m.source != "form" or not headed[id(m)] or m.entity in named:
            result.append(m)
            continue
        for name, known in names:
            if len(name) < len(m.text) and m.text.endswith(" " + name):
                start = m.end - len(name)
                result.append(finder.mention(known.entity, start, m.end, known.type, "form"))
                break
    return result
