"""Bodies of an organisation: 'SSIJRI Governing Council', 'the Institute's Governing Council',
'Board of Trustees of the University'.

A governing body is an organisation of its own (posts such as "Co-chair" are in it), part of
the organisation it is named after: ``body org:subOrganizationOf organisation``, as W3C ORG
models an organisational unit.
"""

from __future__ import annotations

import re

from coopgraph.extract.context import Context, is_org
from coopgraph.extract.mentions import name_heads, nested_owner
from coopgraph.model import Fact, Mention, Sentence, is_a
from coopgraph.namespaces import CG, ORG

__all__ = ["administrations", "bodies", "nested"]


def _pattern(heads: list[str]) -> re.Pattern[str]:
    head = "|".join(re.escape(h) for h in sorted(heads, key=len, reverse=True))
    return re.compile(
        rf"^(?:the\s+)?(?:(?P<owner>.+?)(?:'s|’s)?\s+(?P<head>{head})"
        rf"|(?P<head2>{head})\s+of\s+(?:the\s+)?(?P<owner2>.+))$",
        re.IGNORECASE,
    )


def _owner(match: re.Match[str]) -> str:
    """What a body's name names it after: "X" of "X Governing Council", "Board of Trustees of
    the X"."""
    return (match.group("owner") or match.group("owner2")).strip()


def _names(
    mentions: list[Mention], ctx: Context, classes: tuple[str, ...] = ("Organisation",)
) -> dict[str, set[str]]:
    """Every way the document or the registry names an entity of these classes → the entities
    so named."""
    names: dict[str, set[str]] = {}
    known = [(e.id, e.type, e.names) for e in ctx.registry]
    known += [(e.id, e.type, (e.name, *e.aliases)) for e in ctx.entities.values()]
    known += [(m.entity, m.type, (m.text,)) for m in mentions]
    for entity, type_, labels in known:
        if any(is_a(type_, c) for c in classes):
            for name in labels:
                names.setdefault(name.casefold(), set()).add(entity)
    return names


def nested(mentions: list[Mention], sentences: list[Sentence], ctx: Context) -> list[Fact]:
    """What a name says of the organisation or park it names after its last "of": a unit is
    part of that organisation ("First Affiliated Hospital of Sun Yat-sen University"), a
    committee administers that park ("Administrative Committee of the Kestrel Park"), a park
    lies in that park."""
    heads = name_heads(ctx.rules)
    names: dict[str, set[str]] = {}
    for e in ctx.entities.values():
        for name in (e.name, *e.aliases):
            names.setdefault(name.casefold(), set()).add(e.id)
    facts: list[Fact] = []
    for m in mentions:
        found = nested_owner(m.text, heads) if m.sentence >= 0 else None
        owners = names.get(found[0].casefold(), set()) - {m.entity} if found else set()
        if found is None or len(owners) != 1:
            continue
        owner, park = owners.pop(), is_a(found[1], "Park")
        if park and is_a(m.type, "GovernmentBody"):
            fact = (m.entity, CG.administers, owner)
        elif park and is_a(m.type, "Park"):
            fact = (m.entity, CG.partOf, owner)
        elif not park and is_org(m):
            fact = (m.entity, ORG.subOrganizationOf, owner)
        else:
            continue
        facts.append(Fact.said_in(sentences[m.sentence], *fact, "nested-name"))
    return facts


def administrations(mentions: list[Mention], sentences: list[Sentence], ctx: Context) -> list[Fact]:
    """``body cg:administers X`` for a body named after the park or programme it runs: "the
    Kestrel Park Administrative Committee", "the SCI Joint Implementation Committee" (a short
    form of the name, "Suzhou Industrial Park" of "China-Singapore Suzhou Industrial Park",
    will do when it names one only)."""
    pattern = _pattern(ctx.rules.lexicon.get("administering_heads", []))
    names: dict[str, set[str]] | None = None
    facts: list[Fact] = []
    seen: set[str] = set()
    for m in mentions:
        entity = ctx.entities.get(m.entity)
        if (
            entity is None
            or m.entity in seen
            or not is_a(m.type, "GovernmentBody")
            or m.sentence < 0
        ):
            continue
        seen.add(m.entity)
        match = pattern.match(entity.name)
        if match is None:
            continue
        names = _names(mentions, ctx, ("Park", "Programme")) if names is None else names
        owner = _owner(match).casefold()
        runs = names.get(owner) or {  # else a short form: "Suzhou Industrial Park"
            e for n, es in names.items() if n.endswith(" " + owner) for e in es
        }
        runs = runs - {m.entity}  # a new set: the names' own stay as they are
        if len(runs) == 1:
            facts.append(Fact.said_in(sentences[m.sentence], m.entity, CG.administers,
                                      runs.pop(), "administration"))  # fmt: skip
    return facts


def bodies(mentions: list[Mention], sentences: list[Sentence], ctx: Context) -> list[Fact]:
    """``body org:subOrganizationOf owner`` for each body named after a known organisation."""
    pattern = _pattern(ctx.rules.lexicon.get("body_heads", []))
    names: dict[str, set[str]] | None = None  # made when a body is first met
    facts: list[Fact] = []
    seen: set[str] = set()
    for m in mentions:
        match = pattern.match(m.text) if is_org(m) and m.sentence >= 0 else None
        if match is None or m.entity in seen:
            continue
        names = _names(mentions, ctx) if names is None else names
        owners = names.get(_owner(match).casefold(), set()) - {m.entity}
        if len(owners) != 1:
            continue
        seen.add(m.entity)
        facts.append(Fact.said_in(sentences[m.sentence], m.entity, ORG.subOrganizationOf,
                                  owners.pop(), "body"))  # fmt: skip
    return facts
