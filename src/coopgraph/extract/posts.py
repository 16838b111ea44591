"""People's posts: 'Prof Zhu Min, Vice President of SCUT', 'NTU Deputy President and Provost,
Prof Ling San', 'China's Vice Premier Han Zheng', 'Director Wang Qin of Jiangsu ...'.

A post is an entity of its own (cg:Post with cg:title) held by the person (org:holds,
org:heldBy) in the organisation (org:postIn), as W3C ORG models it.
"""

from __future__ import annotations

import re

from coopgraph.extract.context import View, is_org, phrase_regex
from coopgraph.extract.model import Entity, Fact, Mention
from coopgraph.extract.relations import Context
from coopgraph.resolve import slugify

__all__ = ["posts"]

_CO_CHAIRS = re.compile(r"\bco-chairs\s+(?:of\s+)?(?:the\s+)?", re.IGNORECASE)


def _title_case(title: str) -> str:
    title = title.replace("Vice-", "Vice ").replace("vice-", "vice ")
    if title.islower() and title != "spokesperson":
        return " ".join(w if w in {"of", "the", "and"} else w.capitalize() for w in title.split())
    return title


def _org_or_country(m: Mention) -> bool:
    return is_org(m) or m.type == "Country"


def _starting_at(view: View, offset: int, test, lead: str = r"\s*") -> Mention | None:  # type: ignore[no-untyped-def]
    for m in view.after(offset):
        if re.fullmatch(lead, view.text[offset : m.start]) and test(m):
            return m
        if m.start > offset + 40:
            break
    return None


def _ending_at(view: View, offset: int, test, lead: str = r"\s*") -> Mention | None:  # type: ignore[no-untyped-def]
    for m in reversed(view.before(offset)):
        if re.fullmatch(lead, view.text[m.end : offset]) and test(m):
            return m
        if m.end < offset - 40:
            break
    return None


def _person(m: Mention) -> bool:
    return m.type == "Person"


def _demonym(view: View, start: int, ctx: Context) -> str | None:
    word = re.search(r"(\w+)(?:'s|’s)?\s+$", view.text[max(0, start - 20) : start])
    if word is None:
        return None
    return ctx.rules.lexicon["demonyms"].get(word.group(1))


def posts(view: View, ctx: Context) -> list[Fact]:
    """Posts held by people named in the sentence."""
    honorific = "|".join(re.escape(h) for h in ctx.rules.lexicon["honorifics"])
    after_lead = rf"[\s,]*(?:\([^)]*\)\s*)?(?:(?:{honorific})\s+)?"
    facts: list[Fact] = []
    previous: tuple[int, Mention] | None = None
    for match in phrase_regex(tuple(ctx.rules.lexicon["titles"])).finditer(
        view.text, view.sentence.start, view.sentence.end
    ):
        title = _title_case(match.group(0))
        if re.match(r"\(Research\)", view.text[match.end() : match.end() + 12]):
            continue
        end = match.end()
        org = _starting_at(view, end, _org_or_country, r"\s+of\s+(?:the\s+)?")
        org_before = (
            None if org else _ending_at(view, match.start(), _org_or_country, r"(?:'s)?\s*")
        )
        org = org or org_before
        person = _starting_at(view, end, _person, after_lead)
        if person is None and org_before is not None:
            person = _ending_at(view, org_before.start, _person, r",\s*")
        if person is None:
            person = _ending_at(view, match.start(), _person, r",\s*")
        if (
            person is None
            and previous
            and re.fullmatch(r"\s+and\s+", view.text[previous[0] : match.start()])
        ):
            person = previous[1]
        if person is not None and org is None:
            org = _starting_at(view, person.end, _org_or_country, r"\s+of\s+(?:the\s+)?")
        if org is None:
            country = _demonym(view, match.start(), ctx)
            org = Mention(country, 0, 0, country, "Country", view.index) if country else None
        if person is None:
            continue
        facts += _hold(view, ctx, person, title, org)
        previous = ((org.end if org and org.start > end else end), person)
    for match in _CO_CHAIRS.finditer(view.text, view.sentence.start, view.sentence.end):
        org = _starting_at(view, match.end(), is_org)
        person = view.before(match.start(), _person)
        if org and person:
            facts += _hold(view, ctx, person[-1], "Co-chair", org)
    return facts


def _hold(view: View, ctx: Context, person: Mention, title: str, org: Mention | None) -> list[Fact]:
    if org is not None and org.type == "Country":
        government = ctx.rules.lexicon.get("governments", {}).get(org.entity)
        org = Mention(government, 0, 0, "", "GovernmentBody", view.index) if government else None
    org_name = None
    if org is not None:
        entry = ctx.registry.get(org.entity)
        known = ctx.entities.get(org.entity)
        org_name = entry.name if entry else known.name if known else org.text
    post_id = slugify(f"{person.entity} {title} {org.entity if org else ''}")
    label = f"{title}, {org_name}" if org_name else title
    ctx.entities.setdefault(post_id, Entity(post_id, label, "Post", review=False, title=title))
    facts = [
        view.fact(person.entity, "org:holds", post_id, "post"),
        view.fact(post_id, "org:heldBy", person.entity, "post"),
    ]
    if org is not None:
        facts.append(view.fact(post_id, "org:postIn", org.entity, "post"))
    return facts
