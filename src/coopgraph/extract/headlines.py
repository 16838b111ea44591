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
from coopgraph.model import Mention

__all__ = [
    "DATELINE_PLACE",
    "dateline_spans",
    "headline_names",
    "in_headline",
    "is_headline",
    "outside_datelines",
]

_WORD = re.compile(r"[^\W\d_][\w'’-]*")


_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?"
_PLACE = r"[A-Z][A-Z.'’-]{2,}(?:[ \t]+[A-Z][A-Z.'’-]+)*,"
DATELINE_PLACE = re.compile(rf"\s*{_PLACE}\s*")
"""The upper-case place and comma a dateline opens with ("KUNMING, June 2 -")."""
_DATELINE = re.compile(
    rf"(?m)^[ \t]*{_PLACE}"  # GUANGZHOU,
    rf"[^\n]{{0,60}}?(?:{_MONTH}\s+\d{{1,2}}\b|\b\d{{1,2}}\s+{_MONTH}|\b(?:19|20)\d\d\b)"
    r"[^\n]{0,60}?(?:[ \t]--?|[ \t]?[—–])"  # ... /Xinhua=KYODO JBN/ --
)


_PLACE_DASH = re.compile(
    r"(?m)^[ \t]*[A-Z][A-Z.'’-]{2,}(?:[ \t]+[A-Z][A-Z.'’-]+)*"  # HARBIN
    r"(?:[ \t]*\([^()\n]{1,30}\))?[ \t]+(?:--?|[—–])[ \t]"  # (Xinhua) -
)


def dateline_spans(text: str) -> list[tuple[int, int]]:
    """Where the text's datelines are: an upper-case place, a comma, a date, then a dash, with
    no word in lower case between them (that would be a sentence); or an upper-case place and a
    dash alone ("HARBIN - ")."""
    dated = [
        match.span()
        for match in _DATELINE.finditer(text)
        if not re.search(r"(?<![\w/=])[a-z]", match.group(0))
    ]
    return sorted(dated + [m.span() for m in _PLACE_DASH.finditer(text)])


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
