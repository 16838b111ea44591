"""The synthetic universe: entities of every kind on both sides, and the links between them.

The world is fixed before any document is written, so documents that mention the same
agreement or institute agree on who signed or founded it; figures are reported by several
documents with values that differ a little, as two real sources would.
"""

from __future__ import annotations

import datetime
import random
from dataclasses import dataclass, field
from typing import Any

from coopgraph.bench.names import POST_TITLES, THIRD_COUNTRIES, NameBook, acronym, ordinal, slugify

__all__ = ["Entity", "World", "build_world"]

SIDES = ("china", "singapore")


@dataclass
class Entity:
    """One entity: its slug (IRI local part), label, cg class local name and side."""

    slug: str
    label: str
    kind: str
    side: str | None = None
    aliases: tuple[str, ...] = ()
    review: bool = False
    title: str | None = None  # posts only
    links: dict[str, Any] = field(default_factory=dict)


@dataclass
class World:
    """All entities, grouped by role; ``figures`` are the quantities documents report."""

    entities: list[Entity] = field(default_factory=list)
    by_role: dict[str, list[Entity]] = field(default_factory=dict)
    figures: list[tuple[Entity, str, str, int, str]] = field(default_factory=list)

    def add(self, role: str, entity: Entity) -> Entity:
        self.entities.append(entity)
        self.by_role.setdefault(role, []).append(entity)
        return entity

    def role(self, role: str) -> list[Entity]:
        return self.by_role.get(role, [])


class _Maker:
    def __init__(self, rng: random.Random, world: World) -> None:
        self.rng, self.world, self.names = rng, world, NameBook(rng)
        self._slugs: set[str] = set()

    def entity(self, role: str, label: str, kind: str, side: str | None = None, **kw) -> Entity:
        slug = base = slugify(label)
        number = 1
        while slug in self._slugs:
            number += 1
            slug = f"{base}-{number}"
        self._slugs.add(slug)
        review = side is not None and kind != "Country" and self.rng.random() < 0.1
        return self.world.add(role, Entity(slug, label, kind, side, review=review, **kw))

    def org(self, role: str, label: str, kind: str, side: str) -> Entity:
        short = acronym(label)
        aliases = (short,) if len(short) >= 3 else ()
        return self.entity(role, label, kind, side, aliases=aliases)


def _date(rng: random.Random, first: int = 2005, last: int = 2025) -> datetime.date:
    return datetime.date(rng.randint(first, last), rng.randint(1, 12), rng.randint(1, 28))


def _places(m: _Maker, k: int) -> None:
    china = m.entity("country", "China", "Country", "china")
    singapore = m.entity("country", "Singapore", "Country", "singapore")
    for name in THIRD_COUNTRIES:
        m.entity("country", name, "Country", "third")
    for _ in range(3 + k // 3):
        province = m.entity("province", m.names.unique(m.names.place("china")), "Province")
        province.links["partOf"] = china
    provinces = m.world.role("province")
    for _ in range(2 * k):
        city = m.entity("city", m.names.unique(m.names.place("china") + " City"), "Municipality")
        city.links["partOf"] = m.rng.choice(provinces)
    for _ in range(k):
        region = m.entity("city", m.names.unique(m.names.place("singapore")), "Region")
        region.links["partOf"] = singapore
    cities = m.world.role("city")
    for _ in range(4 * k):
        district = m.entity(
            "district", m.names.unique(m.names.place("china")) + " District", "District"
        )
        district.links["partOf"] = m.rng.choice(cities)


def _parties(m: _Maker, k: int) -> None:
    rng, names = m.rng, m.names
    places = m.world.role("city") + m.world.role("district")
    for side in SIDES:
        for _ in range(3 * k):
            m.org("university", names.university(side), "University", side).links["locatedIn"] = (
                rng.choice(places)
            )
        for _ in range(10 * k):
            m.org("company", names.company(side), "Company", side)
        for _ in range(2 * k):
            m.org("government", names.government(side), "GovernmentBody", side)
        for _ in range(10 * k):
            m.entity("person", names.person(side), "Person", side)
    for company in m.world.role("company")[: len(m.world.role("company")) // 4]:
        company.links["subsidiaryOf"] = rng.choice(m.world.role("company"))
    for _ in range(max(1, k // 5)):
        label = names.unique(
            f"Joint Council for {rng.choice(('Bilateral', 'Regional'))} Cooperation"
        )
        m.org("council", label, "Council", "joint")
    for council in m.world.role("council"):
        people = m.world.role("person")
        for number in range(1, 2 + 2 * k // max(1, len(m.world.role("council")))):
            meeting = m.entity("meeting", f"{ordinal(number)} {council.label} meeting", "Meeting")
            meeting.links.update(
                council=council,
                ordinal=number,
                date=_date(rng, 2004 + number % 20),
                place=rng.choice(places),
                chairs=(rng.choice(people), rng.choice(people)),
            )


def _ventures(m: _Maker, k: int) -> None:
    rng, world = m.rng, m.world
    founders = world.role("university") + world.role("company") + world.role("government")
    places = world.role("city") + world.role("district")
    for _ in range(4 * k):
        institute = m.org("institute", m.names.institute(), "ResearchInstitute", "joint")
        start = rng.randint(2005, 2022)
        institute.links.update(
            founders=tuple(rng.sample(founders, rng.randint(2, 4))),
            place=rng.choice(places),
            inception=start,
            established=start + rng.randint(0, 2),
        )
    for _ in range(2 * k):
        park = m.org("park", m.names.park(), "Park", rng.choice(("joint", "china")))
        park.links.update(
            place=rng.choice(world.role("city")),
            admin=rng.choice(world.role("government")),
            tenants=tuple(rng.sample(world.role("company"), rng.randint(3, 6))),
        )
    for _ in range(3 * k):
        programme = m.entity(
            "programme", m.names.programme(), rng.choice(("Programme", "Initiative"))
        )
        programme.links["participants"] = tuple(rng.sample(founders, rng.randint(2, 4)))
    meetings, parties = world.role("meeting"), founders + world.role("institute")
    kinds = ("CooperationAgreement", "MemorandumOfUnderstanding", "FundingAgreement")
    for _ in range(10 * k):
        kind = rng.choice(kinds)
        signatories = tuple(rng.sample(parties, rng.randint(2, 5)))
        words = {
            "CooperationAgreement": "cooperation agreement",
            "FundingAgreement": "funding agreement",
            "MemorandumOfUnderstanding": "memorandum of understanding",
        }[kind]
        short = "–".join(acronym(p.label) or p.label.split()[0] for p in signatories[:2])
        label = m.names.unique(f"{short} {words}")
        meeting = rng.choice(meetings)
        agreement = m.entity("agreement", label, kind)
        meeting.links.setdefault("agreements", []).append(agreement)  # type: ignore[union-attr]
        agreement.links.update(
            signatories=signatories,
            meeting=meeting,
            date=meeting.links["date"],
            concerns=rng.choice(world.role("institute") + world.role("park")),
            phase=rng.randint(1, 3),
        )


def _posts(m: _Maker) -> None:
    orgs = m.world.role("university") + m.world.role("company") + m.world.role("government")
    for person in m.world.role("person"):
        org, title = m.rng.choice(orgs), m.rng.choice(POST_TITLES)
        post = m.entity("post", f"{title}, {org.label}", "Post", title=title)
        post.links.update(person=person, org=org)
        person.links["post"] = post


_MEASURES = (
    ("ResearchProjects", "count", 40),
    ("PatentApplications", "count", 120),
    ("Companies", "count", 300),
    ("Investment", "CNY", 500_000_000),
    ("Employees", "count", 2_000),
    ("FloorArea", "m2", 80_000),
    ("Students", "count", 600),
)


def _figures(m: _Maker) -> None:
    for subject in m.world.role("institute") + m.world.role("park"):
        for measure, unit, base in m.rng.sample(_MEASURES, 2):
            value = int(base * m.rng.uniform(0.2, 3.0))
            year = f"{m.rng.randint(2015, 2025)}"
            figure = (subject, measure, unit, max(value, 1), year)
            m.world.figures.append(figure)
            subject.links.setdefault("figures", []).append(figure)  # type: ignore[union-attr]


def build_world(triples: int, seed: int) -> World:
    """The universe for a corpus of about ``triples`` quads, fixed by ``seed``."""
    rng = random.Random(seed)
    world = World()
    maker = _Maker(rng, world)
    scale = max(1, triples // 10_000)
    _places(maker, scale)
    _parties(maker, scale)
    _ventures(maker, scale)
    _posts(maker)
    _figures(maker)
    return world
