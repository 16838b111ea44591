"""People's posts: 'Prof Zhu Min, Vice President of SCUT', 'NTU Deputy President and Provost,
Prof Ling San', 'China's Vice Premier Han Zheng', 'Director Wang Qin of Jiangsu ...'.

A post is an entity of its own (cg:Post with cg:title) held by the person (org:holds,
org:heldBy) in the organisation (org:postIn), as W3C ORG models it.
"""

from __future__ import annotations

import re

from rdflib import URIRef

from coopgraph.extract.context import Context, View, is_org, is_place
from coopgraph.model import Entity, Fact, Mention, Sentence, is_a
from coopgraph.namespaces import CG, ORG
from coopgraph.resolve import slugify

__all__ = ["contact_posts", "country_of", "hold", "posts"]

_OPENING = re.compile(r"\s*(?:The\s+)?")
"""What may stand before a title that opens its sentence."""

_CO_CHAIRS = re.compile(r"\bco-chairs\s+(?:of\s+)?(?:the\s+)?", re.IGNORECASE)


def _title_case(title: str) -> str:
    title = title.replace("Vice-", "Vice ").replace("vice-", "vice ")
    if title.islower() and title != "spokesperson":
        return " ".join(w if w in {"of", "the", "and"} else w.capitalize() for w in title.split())
    return title


def _org_or_country(m: Mention) -> bool:
    """Where a post is held: an organisation, or a place's government ("Shanghai Mayor")."""
    return is_org(m) or is_a(m.type, "Place")


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


def _owns_named(view: View, org: Mention) -> bool:
    """Whether the organisation a title is "of" only owns the body named right after it
    ("the park's | administrative committee"), not a thing the text names no body ("the SBF's
    China business committee": the post is the SBF's)."""
    owned = re.match(r"['’]s\s+(?:[\w-]+\s+){0,3}", view.text[org.end : org.end + 40])
    return owned is not None and any(org.end < m.start <= org.end + owned.end() and is_org(m)
                                     for m in view.after(org.end))  # fmt: skip


def _person(m: Mention) -> bool:
    return m.type == "Person"


def _demonym(view: View, start: int, ctx: Context) -> str | None:
    word = re.search(r"(\w+)(?:'s|’s)?\s+$", view.text[max(0, start - 20) : start])
    if word is None:
        return None
    return ctx.rules.lexicon["demonyms"].get(word.group(1))


def _complement(view: View, ctx: Context, start: int, name: int) -> bool:
    """Whether a title written before a comma and a name is what a verb says of its subject
    ("was DBS chief executive, Zhou Ming ..."), so not the name's."""
    if ctx.doc is None or "," not in view.text[start:name]:
        return False
    span = ctx.doc.char_span(start, view.text.rindex(",", start, name), alignment_mode="expand")
    return span is not None and len(span) > 0 and span.root.dep_ in ("attr", "oprd")


def _after_lead(ctx: Context) -> str:
    """What may stand between a title and the name after it: "(Research) Prof"."""
    honorific = "|".join(re.escape(h) for h in ctx.rules.lexicon["honorifics"])
    return rf"[\s,]*(?:\([^)]*\)\s*)?(?:(?:{honorific})\s+)?"


def posts(view: View, ctx: Context) -> list[Fact]:
    """Posts held by people named in the sentence."""
    after_lead = ctx.rules.derived("post-after-lead", lambda: _after_lead(ctx))
    facts: list[Fact] = []
    previous: tuple[int, Mention] | None = None
    titles = ctx.rules.derived("title-tuple", lambda: tuple(ctx.rules.lexicon["titles"]))
    for match in view.find(titles):
        title = _title_case(match.group(0))
        if re.match(r"\(Research\)", view.text[match.end() : match.end() + 12]):
            continue
        end = match.end()
        org = _starting_at(view, end, _org_or_country, r"\s+of\s+(?:the\s+)?")
        if org is not None and _owns_named(view, org):
            continue  # "director of the park's committee": the parse reads whose it is
        org_before = (
            None if org else _ending_at(view, match.start(), _org_or_country, r"(?:'s)?\s*")
        )
        org = org or org_before
        person = _starting_at(view, end, _person, after_lead)
        posted = None if person else _starting_at(view, end, is_place, r"\s+(?:to|in)\s+")
        if posted is not None:  # "Ambassador to Singapore Cao Zhongming"
            person = _starting_at(view, posted.end, _person, after_lead)
        if (  # a title opening its sentence: "Chief executive of Orchid Group, Ng Boon Kiat,
            person is None  # spoke" (not one in a list of names and titles)
            and org is not None
            and org_before is None
            and _OPENING.fullmatch(view.text, view.sentence.start, match.start())
        ):
            person = _starting_at(view, org.end, _person, after_lead)
        if person is not None and _complement(view, ctx, match.start(), person.start):
            person = None  # "when X was DBS chief executive, Y headed ...": the title is X's
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
            org = _country(country, view.index) if country else None
        lead = view.text[max(0, view.sentence.start - 10) : match.start()]
        if person is None and org is not None and re.search(r"(?:^|[”\"])\s*,\s*$", lead):
            speakers = view.before(match.start(), _person)
            person = speakers[-1] if speakers else ctx.last_person
        if person is None:
            continue
        if org is None:
            org = country_of(ctx, person, title, view.index)
        if org is None:
            continue
        facts += _hold(view, ctx, person, title, org)
        previous = ((org.end if org and org.start > end else end), person)
    for match in _CO_CHAIRS.finditer(view.text, view.sentence.start, view.sentence.end):
        org = _starting_at(view, match.end(), is_org)
        holders = view.before(match.start(), _person)
        if org and holders:
            facts += _hold(view, ctx, holders[-1], "Co-chair", org)
    return facts


def _country(country: str, sentence: int) -> Mention:
    return Mention(country, 0, 0, country, "Country", sentence)


def _national(ctx: Context, title: str) -> str | None:
    """The one country whose government has ``title`` (``national_titles``), if only one has."""
    table: dict[str, list[str]] = ctx.rules.lexicon.get("national_titles", {})
    folded = " ".join(title.replace("-", " ").lower().split())
    fits = [(len(entry), country) for country, entries in table.items() for entry in entries
            if folded == (e := " ".join(entry.replace("-", " ").lower().split()))
            or (e.rsplit(" ", 1)[-1] in ("for", "of") and folded.startswith(e + " "))
            or folded.startswith((e + " for ", e + " of "))]  # fmt: skip
    return max(fits)[1] if fits else None


def country_of(ctx: Context, person: Mention, title: str, sentence: int) -> Mention | None:
    """Where a government post named without a place is: the country only it has the title, or
    the registered side of its holder."""
    country = _national(ctx, title)
    if country is None and title in ctx.rules.lexicon.get("government_titles", []):
        entry = ctx.registry.get(person.entity)
        side = entry.side if entry and entry.side in ("China", "Singapore") else None
        country = side.lower() if side else None
    return _country(country, sentence) if country else None


def _names(ctx: Context, org: Mention) -> list[str]:
    entry = ctx.registry.get(org.entity)
    known = ctx.entities.get(org.entity)
    names = list(entry.names) if entry else [known.name, *known.aliases] if known else []
    return [*names, org.text] if org.text and org.text not in names else names or [org.text]


def _hold(view: View, ctx: Context, person: Mention, title: str, org: Mention | None) -> list[Fact]:
    return hold(ctx, person, title, org, view.sentence, "post")


def hold(
    ctx: Context, person: Mention, title: str, org: Mention | None, sentence: Sentence, rule: str
) -> list[Fact]:
    """The post ``title`` of ``person`` in ``org`` (a post entity held by the person), stated
    by ``sentence``."""
    names = _names(ctx, org) if org is not None else []
    post_id = slugify(f"{person.entity} {title} {org.entity if org else ''}")
    labels = [f"{title}, {name}" for name in names] or [title]
    post = ctx.entities.setdefault(
        post_id, Entity(post_id, labels[0], "Post", review=False, title=title)
    )
    post.aliases += [label for label in labels[1:] if label not in post.aliases]

    def fact(s: str, p: URIRef, o: str) -> Fact:
        return Fact(subject=s, predicate=p, object=o, datatype=None, rule=rule,
                    start=sentence.start, end=sentence.end)  # fmt: skip

    facts = [fact(person.entity, ORG.holds, post_id), fact(post_id, ORG.heldBy, person.entity)]
    if org is not None:
        facts.append(fact(post_id, ORG.postIn, org.entity))
        if _co_chair(title) and (is_a(org.type, "Council") or is_a(org.type, "Event")):
            facts.append(fact(org.entity, CG.coChair, person.entity))  # "the council's co-chair"
    return facts


def _co_chair(title: str) -> bool:
    """Whether a title is a co-chair's ("Singapore Co-chair", "co-chairman")."""
    return re.search(r"\bco-?chair(?:man|woman|person)?$", title, re.IGNORECASE) is not None


def contact_posts(views: list[View], ctx: Context) -> list[Fact]:
    """A contact block's post: the line after the name is the title, the next the organisation."""
    facts: list[Fact] = []
    headings = ctx.rules.lexicon.get("contact_headings", [])
    heading = re.compile("(?:" + "|".join(re.escape(h) for h in headings) + r"):?", re.IGNORECASE)
    for index, view in enumerate(views[:-2]):
        contact = [m for m in view.mentions if m.type == "Person"]
        if not contact or index == 0 or not heading.fullmatch(views[index - 1].sentence.text):
            continue
        title_line, org_line = views[index + 1], views[index + 2]
        org = next((m for m in org_line.mentions if is_org(m)), None)
        org = org or next((m for m in title_line.mentions if is_org(m)), None)
        title = title_line.sentence.text.strip().rstrip(",")
        if org is not None and title and title_line.mentions[:1] != [org]:
            facts += _hold(title_line, ctx, contact[0], title, org)
    return facts
