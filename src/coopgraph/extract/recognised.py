"""Names the statistical recogniser finds that the registry and the name forms did not.

Each kept span becomes a mention of a registered entity (when its name is one) or of a new
entity to review, typed by its head noun, else by the recogniser's label
(``data/entity_types.yaml``). A span with markup residue or unbalanced brackets is no name; a
short person name ("Mr Wong", "Wong") is the person the document named in full before, when
exactly one such person shares the word.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any

from coopgraph.extract.mentions import Finder
from coopgraph.extract.model import Mention

__all__ = ["class_of", "is_clean_name", "recognised"]

_RESIDUE = re.compile(r"[<>{}\[\]|=_#@\\/]|https?:|www\.|\.com\b|\bnet\)|\w\)-\w")
_LEADING = re.compile(r"^(?:the|The|a|A|an|An)\s+")
_TRAILING = re.compile(r"(?:'s|')$")


def is_clean_name(text: str) -> bool:
    """True for a plausible name: balanced brackets, no markup, URL or glued fragment."""
    if _RESIDUE.search(text) or text.count("(") != text.count(")"):
        return False
    return any(ch.isupper() for ch in text[:1]) and len(text) > 1


def class_of(text: str, label: str, types: Mapping[str, Any]) -> str | None:
    """The ontology class of a recognised name: its head noun's, else its label's."""
    heads: Mapping[str, str] = types.get("heads", {})
    words = text.split()
    if not words:
        return None
    if "of" in words[1:] or "for" in words[1:]:
        cut = min(words.index(w) for w in ("of", "for") if w in words[1:])
        candidates = [words[cut - 1], words[-1]]
    else:
        candidates = [words[-1]]
    if label != "PERSON":
        for word in candidates:
            if word in heads:
                return heads[word]
    found = types.get("labels", {}).get(label)
    return str(found) if found else None


def _span(ent: Any, text: str) -> tuple[int, int]:
    """Character bounds of a recognised span without a leading article or a trailing 's."""
    start, end = ent.start_char, ent.end_char
    lead = _LEADING.match(text[start:end])
    if lead:
        start += lead.end()
    trail = _TRAILING.search(text[start:end])
    if trail:
        end -= len(trail.group(0))
    return start, end


def _short_person(name: str, people: Sequence[Mention]) -> Mention | None:
    """The one person named in full earlier whose first or last word is ``name``."""
    words = name.split()
    if len(words) != 1:
        return None
    found = {p.entity: p for p in people if len(p.text.split()) > 1 and
             words[0] in (p.text.split()[0], p.text.split()[-1])}  # fmt: skip
    return next(iter(found.values())) if len(found) == 1 else None


def recognised(finder: Finder, known: Sequence[Mention]) -> list[Mention]:
    """Mentions of the recogniser's names that overlap none of ``known``."""
    types = finder.rules.types
    labels = types.get("labels", {})
    not_names = set(types.get("not_names", []))
    taken = [(m.start, m.end) for m in known]
    people = [m for m in known if m.type == "Person"]
    found: list[Mention] = []
    for ent in finder.doc.doc.ents:
        if ent.ent_id_ or ent.label_ not in labels:
            continue
        start, end = _span(ent, finder.text)
        name = finder.text[start:end].strip()
        if not is_clean_name(name) or name in not_names or "\n" in name:
            continue
        if any(s < end and start < e for s, e in taken):
            continue
        type_ = class_of(name, ent.label_, types)
        if type_ is None:
            continue
        if type_ == "Person":
            full = _short_person(name, people)
            if full is not None:
                found.append(finder.mention(full.entity, start, end, "Person", "anaphor"))
                continue
        mention = finder.resolve_name(name, type_, start, end, "recognised")
        if mention.type == "Person":
            people.append(mention)
        found.append(mention)
        taken.append((start, end))
    return found
