"""Relation rules: each reads one sentence's mentions and trigger words and states facts.

The trigger phrases live in ``data/relations.yaml``. Every rule is general (it names no
entity); a rule's name is recorded on the evidence of each fact it states.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from coopgraph.extract.anniversaries import anniversaries
from coopgraph.extract.context import (
    Context,
    View,
    clause_subject,
    is_actor,
    is_agreement,
    is_org,
    is_party,
    is_place,
    is_programme,
    nearest_before,
    speaks_before,
)
from coopgraph.extract.events import meetings, signing
from coopgraph.extract.patterns import doer
from coopgraph.model import Fact, Mention, is_a
from coopgraph.namespaces import CG

__all__ = ["RULES", "apply_rules"]


def _closing_subject(view: View, run: list[Mention]) -> Mention | None:
    """The last of a run that a comma, not "and", sets apart: "by A (A2), the Institute"."""
    if len({m.entity for m in run}) < 2:
        return None
    last = run[-1]
    previous = [m for m in run if m.entity != last.entity][-1]
    gap = view.text[previous.end : last.start]
    return last if re.fullmatch(r"(?:\s*\([^)]*\))?\s*,\s*(?:the\s+)?", gap) else None


def founding(view: View, ctx: Context) -> list[Fact]:
    """'Co-founded by A, B and C, the institute ...'; 'the founding parties of X, namely A, B'."""
    facts = []
    for match in view.find(ctx.words("founded_by")):
        before = nearest_before(view, match.start(), lambda m: is_org(m) or is_programme(m))
        founders = view.run_after(match.end(), is_party, max_gap=40)
        subject = before
        if subject is None:
            named = {f.entity for f in founders}
            after = view.after(match.end())
            later = [m for m in after if m.source == "anaphor"] or [
                m for m in after if m.entity not in named
            ]
            subject = later[0] if later else _closing_subject(view, founders)
            founders = [f for f in founders if subject is None or f.start < subject.start]
        for founder in founders:
            if subject and founder.entity != subject.entity:
                facts.append(view.fact(subject.entity, CG.founder, founder.entity, "founding"))
    for match in view.find(ctx.words("founded_with")):
        founded = nearest_before(view, match.start(), lambda m: is_org(m) or is_programme(m))
        main = view.subject(is_actor)
        others = view.run_after(match.end(), is_party, max_gap=40)
        for founder in ([main] if main else []) + others:
            if founded and founder.entity != founded.entity:
                facts.append(view.fact(founded.entity, CG.founder, founder.entity, "founding"))
    for match in view.find(ctx.words("participants")):
        programmes = view.before(match.start(), is_programme)
        for party in view.run_after(match.end(), is_party)[:2] if programmes else []:
            facts.append(
                view.fact(programmes[-1].entity, CG.participant, party.entity, "participation")
            )
    for match in view.find(ctx.words("founders_of")):
        after = view.after(match.end(), lambda m: is_org(m) or is_programme(m))
        if not after:
            continue
        subject = after[0]
        founders = view.run_after(subject.end, is_party, max_gap=45)
        for founder in founders:
            if founder.entity != subject.entity:
                facts.append(view.fact(subject.entity, CG.founder, founder.entity, "founding"))
    return facts


_ITS_OWN_START = frozenset({"door", "operation", "business", "service", "trading", "activity"})
"""Objects with which a verb of founding dates its subject: "began operations in 2010"."""


def _founded(view: View, ctx: Context, start: int) -> Mention | None:
    """What a founding word dates: the subject of its clause when the parse gives one (a person,
    a place, an event or an agreement is not founded by such a word), else the nearest name."""
    doc = ctx.doc
    span = doc.char_span(start, start + 1, alignment_mode="expand") if doc is not None else None
    objects = [c for c in span[0].children if c.dep_ == "dobj"] if span else []
    if any(c.lemma_.lower() not in _ITS_OWN_START for c in objects):
        return None  # "A opened X (an office) on Monday": X opened, not A ("A opened its doors")
    word = clause_subject(span[0]) if span else None
    if word is None:
        found = nearest_before(view, start, lambda m: not (is_place(m) or is_agreement(m)))
    else:
        found = view.holding(word)
    if found is None or is_place(found) or is_agreement(found) or found.type == "Person":
        return None
    return None if is_a(found.type, "Event") else found


def founding_dates(view: View, ctx: Context) -> list[Fact]:
    """Inception and establishment dates: 'incepted in 2015 ... established two years later'."""
    facts = []
    for relation, predicate in (
        ("inception", CG.inceptionDate),
        ("establishment", CG.establishmentDate),
    ):
        for match in view.find(ctx.words(relation)):
            subject = _founded(view, ctx, match.start())
            if subject is None:
                continue
            date = next((d for d in view.dates if 0 <= d.start - match.end() <= 12), None)
            later = re.match(r"\s+(\w+) years? later", view.text[match.end() : match.end() + 25])
            if date is None and later is None and relation == "establishment":
                date = next((d for d in view.dates if d.relation in ("in", "on")), None)
            if date is not None:
                facts.append(
                    view.fact(
                        subject.entity, predicate, date.value, "founding-date", _xsd(date.datatype)
                    )
                )
                if date.datatype == "gYear":
                    ctx.last_years[subject.entity] = int(date.value)
                continue
            base = ctx.last_years.get(subject.entity) or _year_in(view)
            number = ctx.number(later.group(1)) if later else None
            if later and base and number:
                facts.append(
                    view.fact(
                        subject.entity, predicate, str(base + number), "founding-date", "gYear"
                    )
                )
    return facts


def _year_in(view: View) -> int | None:
    years = [int(d.value[:4]) for d in view.dates]
    return years[0] if years else None


def _xsd(datatype: str) -> str:
    return datatype


def organisations(view: View, ctx: Context) -> list[Fact]:
    """Subsidiaries, partnerships, launches, incubation, hosting and programme membership."""
    facts = []
    for match in view.find(ctx.words("subsidiary")):
        child = nearest_before(view, match.start(), is_org)
        parent = view.after(match.end(), is_org)[:1]
        if child and parent and parent[0].start - match.end() < 5:
            facts.append(view.fact(child.entity, CG.subsidiaryOf, parent[0].entity, "subsidiary"))
    for match in view.find(ctx.words("partner")):
        phrase = match.group(0).lower()
        others = view.run_after(match.end(), is_party, max_gap=80)
        if phrase.endswith("between"):
            pairs = [(others[0], o) for o in others[1:2]] if len(others) > 1 else []
        else:
            subject = nearest_before(view, match.start(), is_party) or view.subject(is_party)
            if subject is not None and speaks_before(view, subject, match.start()):
                subject = None  # "X said the city would deepen cooperation with Y": not X
            pairs = [(subject, o) for o in others] if subject else []
        for a, b in pairs:
            if a.entity != b.entity and not (a.type == b.type == "Country"):
                facts.append(view.fact(a.entity, CG.partnerOf, b.entity, "partnership"))
    for match in view.find(ctx.words("launch")):
        follows = view.text[match.end() : match.end() + 4]
        passive = _PASSIVE.search(view.text, max(0, match.start() - 8), match.start())
        if re.match(r"\s+by\b", follows) or passive:
            continue  # "X, set up by A", "X was launched at a ceremony": the parse reads these
        if re.match(r"\s+(?:in|on)\b", follows):
            launched = nearest_before(
                view, match.start(), lambda m: is_actor(m) and not is_place(m)
            )
            by = None
        else:
            by = view.subject(is_actor)
            if by is None or by.start > match.start():
                by = nearest_before(view, match.start(), is_actor)
            nxt = view.after(match.end(), lambda m: not is_place(m) or m.type == "Park")[:1]
            launched = nxt[0] if nxt and nxt[0].start - match.end() < 8 else None
        if launched is None:
            continue
        if by is not None and by.entity != launched.entity:
            facts.append(view.fact(by.entity, CG.launched, launched.entity, "launch"))
    for relation, predicate, rule in (
        ("incubate", CG.incubated, "incubation"),
        ("host", CG.hosts, "hosting"),
    ):
        for match in view.find(ctx.words(relation)):
            if _PASSIVE.search(view.text, max(0, match.start() - 8), match.start()):
                continue  # "X is housed at Y": Y houses X (the parse reads it)
            subject = nearest_before(
                view, match.start(), lambda m: (is_actor(m) or is_place(m)) and m.type != "Person"
            )
            if subject is None:
                continue
            hosted = view.run_after(match.end(), lambda m: is_org(m) or is_programme(m), 80)
            for obj in hosted + _more_such_as(view, hosted):
                if obj.entity != subject.entity:
                    facts.append(view.fact(subject.entity, predicate, obj.entity, rule))
    for match in view.find(ctx.words("programme_part")):
        subject = view.subject(lambda m: not is_a(m.type, "Country"))
        if subject is None or subject.start > match.start():
            subject = nearest_before(view, match.start(), lambda m: not is_a(m.type, "Country"))
        programme = view.after(match.end(), is_programme)[:1]
        if subject and programme and programme[0].start - match.end() < 6:
            facts.append(
                view.fact(subject.entity, CG.partOfProgramme, programme[0].entity, "programme")
            )
    return facts


_PASSIVE = re.compile(r"\b(?:is|are|was|were|be|been|being)\s+$")
"""An auxiliary right before a participle: the clause is passive."""

_SUCH_AS = re.compile(
    r"[\s,;–—-]*(?:and\s+)?(?:[a-z][a-z-]*\s+){0,4}(?:such as|including|like)\s+(?:the\s+)?"
)
"""A list continued by examples: "A, B – and various leading research centres such as C"."""


def _more_such_as(view: View, run: list[Mention]) -> list[Mention]:
    """The mentions of a list that goes on, after the run, with "and <nouns> such as ..."."""
    if not run:
        return []
    end = max(m.end for m in run)
    after = [m for m in view.after(end) if m.start > end]
    if not after:
        return []
    gap = view.text[end : after[0].start]
    tail = re.sub(r"^\s*\([^)]*\)", "", gap)
    if not _SUCH_AS.fullmatch(tail):
        return []
    return view.run_after(end + len(gap), lambda m: is_org(m) or is_programme(m), 0)


_RANK = {
    "Building": 0,
    "Park": 1,
    "District": 1,
    "Region": 2,
    "Municipality": 3,
    "Province": 4,
    "Country": 5,
}


_PLACE_GAP = re.compile(
    r",\s*|\s+(?:of|in|at)\s+(?:the\s+)?(?:(?:core|heart|centre|center)\s+of\s+(?:the\s+)?)?"
)
"""What may stand between a place and the larger place it lies in."""


def _of_a_noun(view: View, m: Mention) -> bool:
    """The mention completes a common noun ("the flagship project of X in Y"): a place after
    it may be the noun's, not the mention's."""
    lead = view.text[max(view.sentence.start, m.start - 40) : m.start]
    return re.search(r"\b[a-z][a-z-]+\s+of\s+(?:the\s+)?$", lead) is not None


def _listed_places(view: View) -> set[int]:
    """Where the places of a list of three or more stand ("A, B, C and D"): none is in another."""
    runs: list[list[Mention]] = []
    for m in view.mentions:
        joined = runs and re.fullmatch(r",\s*|,?\s+and\s+", view.text[runs[-1][-1].end : m.start])
        if is_place(m) and joined and is_place(runs[-1][-1]):
            runs[-1].append(m)
        else:
            runs.append([m])
    return {m.start for run in runs if len(run) >= 3 for m in run}


def places(view: View, ctx: Context) -> list[Fact]:
    """'X in Y', 'X located in Y', 'Yubei District of Chongqing', 'Guangzhou, China'."""
    facts = []
    for match in view.find(ctx.words("located")):
        subject = nearest_before(view, match.start(), is_actor)
        subject = subject or view.subject(is_actor)
        place = view.after(match.end(), is_place)[:1]
        gap = view.text[match.end() : place[0].start] if place else ""
        if subject and place and len(gap) < 25 and not re.search(r"\b[A-Z]", gap):
            # a capitalised word between trigger and place is a name not recognised: not that place
            facts.append(view.fact(subject.entity, CG.locatedIn, place[0].entity, "located-in"))
    facts += _chosen_sites(view, ctx)
    pairs = list(zip(view.mentions, view.mentions[1:], strict=False))
    listed = _listed_places(view)
    for first, second in pairs:
        between = view.text[first.end : second.start]
        if first.start in listed or second.start in listed:
            continue  # "Shanghai, Tianjin, Chongqing, Guangdong and Zhejiang": a list, no nesting
        if is_place(first) and is_place(second) and re.fullmatch(_PLACE_GAP, between):
            if _RANK.get(first.type, 9) < _RANK.get(second.type, -1):
                sited = first.type in ("Building", "Park") and second.type not in ("Park", "Region")
                predicate = CG.locatedIn if sited else CG.partOf  # a site lies in a city; a
                # district, or a park inside a larger zone or area, is part of it
                facts.append(view.fact(first.entity, predicate, second.entity, "place-of"))
        elif (
            (is_org(first) or is_programme(first))
            and not is_place(first)
            and is_place(second)
            and re.fullmatch(r"\s*(?:\([^)]*\)\s*)?(?:in|at)\s+(?:the\s+)?", between)
            and not _of_a_noun(view, first)
            and not _where_it_acted(ctx, first, second)
        ):
            facts.append(view.fact(first.entity, CG.locatedIn, second.entity, "located-in"))
    return facts


def _where_it_acted(ctx: Context, actor: Mention, place: Mention) -> bool:
    """Whether the place is where a verb's doer acted, not where it is: "signed by A and B in
    Beijing" (wherever the parser hangs the place), "A met B in Wuxi" (but "A opened an office
    in Wuxi" places the office, and "A in Wuxi signed" places A)."""
    doc = ctx.doc
    span = doc.char_span(actor.start, actor.end, alignment_mode="expand") if doc else None
    at = doc.char_span(place.start, place.end, alignment_mode="expand") if doc else None
    if span is None or at is None:
        return False
    verb = at.root.head.head if at.root.head.dep_ == "prep" else None
    acting = verb is not None and span.root.head.i == verb.i
    subject = acting and span.root.dep_ in ("nsubj", "nsubjpass")
    return doer(span.root, ctx.rules.acts_in_place) or subject


def _after_site(ctx: Context) -> re.Pattern[str]:
    """' to set up the ': what follows the chosen place, before the organisation."""
    verbs = "|".join(re.escape(w) for w in ctx.words("chosen_site_purpose"))
    return re.compile(rf"\s+to\s+(?:{verbs})\s+(?:(?:the|a|an|its|their)\s+)?", re.I)


def _chosen_sites(view: View, ctx: Context) -> list[Fact]:
    """'X selected <place> to set up <organisation>': the organisation is located there."""
    facts = []
    after_site = ctx.rules.derived("chosen-site-purpose", lambda: _after_site(ctx))
    for match in view.find(ctx.words("chosen_site")):
        site = view.after(match.end(), is_place)[:1]
        if not site or not re.fullmatch(r"\s+(?:the\s+)?", view.text[match.end() : site[0].start]):
            continue
        rest = after_site.match(view.text, site[0].end)
        placed = view.after(rest.end(), lambda m: is_org(m) or is_programme(m))[:1] if rest else []
        if rest and placed and placed[0].start == rest.end():
            facts.append(view.fact(placed[0].entity, CG.locatedIn, site[0].entity, "chosen-site"))
    return facts


def administration(view: View, ctx: Context) -> list[Fact]:
    """A government body named '<Park> Administrative Committee' administers the park."""
    facts = []
    words = [w.lower() for w in ctx.words("administration")]
    for m in view.mentions:
        if not is_a(m.type, "GovernmentBody"):
            continue
        entry = ctx.registry.get(m.entity)
        names = [m.text, *(entry.names if entry else ())]
        if not any(w in n.lower() for n in names for w in words):
            continue
        for park_id, pattern in ctx.park_names().items():
            if any(pattern.search(n) for n in names):
                facts.append(view.fact(m.entity, CG.administers, park_id, "administration"))
                break
    return facts


def named_participants(view: View, ctx: Context) -> list[Fact]:
    """A programme named after its parties, "the NTU-YDPG internship programme"."""
    facts = []
    for m in view.mentions:
        named = re.match(r"([A-Z][\w&]*)-([A-Z][\w&]*)\s", m.text)
        if not is_programme(m) or named is None:
            continue
        parties = [_organisation_named(ctx, part) for part in named.groups()]
        if all(parties):
            for party in parties:
                facts.append(view.fact(m.entity, CG.participant, str(party), "participation"))
    return facts


def _organisation_named(ctx: Context, name: str) -> str | None:
    """The organisation (registered or found in the document) with this name or alias."""
    entry = ctx.registry.lookup(name)
    if entry is not None:
        return entry.id if is_a(entry.type, "Organisation") else None
    for entity in ctx.entities.values():
        if name in (entity.name, *entity.aliases) and is_a(entity.type, "Organisation"):
            return entity.id
    return None


RULES: tuple[Callable[[View, Context], list[Fact]], ...] = (
    founding,
    named_participants,
    founding_dates,
    anniversaries,
    signing,
    meetings,
    organisations,
    places,
    administration,
)
"""Every sentence rule, in the order they run."""


def apply_rules(view: View, ctx: Context) -> list[Fact]:
    """All facts the sentence rules state about one sentence (self-relations dropped).

    Every rule states facts about the sentence's mentions only (and remembers nothing from
    a sentence it states nothing of), so a sentence without mentions is not read.
    """
    facts: list[Fact] = []
    if not view.mentions:
        return facts
    for rule in RULES:
        facts.extend(f for f in rule(view, ctx) if f.subject != f.object)
    return facts
