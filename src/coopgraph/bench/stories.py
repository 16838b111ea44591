"""Synthetic documents: each one tells a story about part of the world, sentence by sentence.

A :class:`Draft` holds the sentences that state facts (each with the triples it supports, as
Turtle terms) and the document-scoped nodes (funding, figures). Node terms starting with ``@``
are minted under the document IRI once the text, and so its hash, is known.
"""

from __future__ import annotations

import datetime
import random
from collections.abc import Callable
from dataclasses import dataclass, field

from coopgraph.bench.names import SUBJECTS
from coopgraph.bench.world import Entity, World

__all__ = ["Draft", "Triple", "draft_document"]

Triple = tuple[str, str, str]

_CURRENCY = {"SGD": "S$", "CNY": "RMB", "USD": "US$"}
_RATES = {"SGD": 1.0, "CNY": 4.9, "USD": 0.74}
_MEASURE_WORDS = {
    "ResearchProjects": "research projects",
    "PatentApplications": "patent applications",
    "Companies": "companies",
    "Investment": "investment",
    "Employees": "employees",
    "FloorArea": "square metres of floor space",
    "Students": "students",
}
_QUALIFIERS = (
    ("Exactly", ""),
    ("MoreThan", "more than "),
    ("About", "about "),
    ("Nearly", "nearly "),
    ("AtLeast", "at least "),
)


@dataclass
class Draft:
    """The content of one synthetic document before it is written."""

    title: str
    published: datetime.date
    kind: str
    publisher: str
    sentences: list[tuple[str, str, list[Triple]]] = field(default_factory=list)
    nodes: list[Triple] = field(default_factory=list)
    _counts: dict[str, int] = field(default_factory=dict)

    def say(self, rule: str, sentence: str, *triples: Triple) -> None:
        """Add a sentence stating ``triples`` (found by ``rule``)."""
        self.sentences.append((rule, sentence, list(triples)))

    def mint(self, kind: str) -> str:
        """A new document-scoped node, ``@funding/1``, ``@figure/2``, ..."""
        self._counts[kind] = self._counts.get(kind, 0) + 1
        return f"@{kind}/{self._counts[kind]}"


def e(entity: Entity) -> str:
    return f"id:{entity.slug}"


def _date(value: datetime.date) -> str:
    return f'"{value.isoformat()}"^^xsd:date'


def _year(value: object) -> str:
    return f'"{value}"^^xsd:gYear'


def _long(value: datetime.date) -> str:
    return f"{value.day} {value:%B %Y}"


def _names(parties: list[Entity] | tuple[Entity, ...]) -> str:
    labels = [p.label for p in parties]
    return labels[0] if len(labels) == 1 else ", ".join(labels[:-1]) + " and " + labels[-1]


def _money(value: int, currency: str) -> str:
    return f"{_CURRENCY[currency]}{value / 1_000_000:g} million"


def _place_chain(d: Draft, place: object) -> None:
    while isinstance(place, Entity) and isinstance(place.links.get("partOf"), Entity):
        parent = place.links["partOf"]
        assert isinstance(parent, Entity)
        d.say(
            "location", f"{place.label} lies in {parent.label}.", (e(place), "cg:partOf", e(parent))
        )
        place = parent


def _funding(d: Draft, rng: random.Random, recipient: Entity, agreement: Entity | None) -> None:
    node, currency = d.mint("funding"), rng.choice(("SGD", "CNY", "USD"))
    value = rng.randint(5, 400) * 1_000_000
    amounts = [(currency, value)]
    if currency == "SGD" and rng.random() < 0.5:
        amounts.append(("CNY", int(round(value * _RATES["CNY"], -6))))
    text = _money(value, currency)
    if len(amounts) > 1:
        text += f" ({_money(int(amounts[1][1]), 'CNY')})"
    d.say("funding", f"{recipient.label} will receive {text} in funding over five years.")
    d.nodes += [
        (node, "a", "cg:Funding"),
        (node, "cg:recipient", e(recipient)),
        (node, "cg:duration", '"P5Y"^^xsd:duration'),
        (node, "prov:wasDerivedFrom", "@"),
    ]
    if agreement is not None:
        d.nodes.append((node, "cg:grantedUnder", e(agreement)))
    for code, amount in amounts:
        money = f"{node}/{code}"
        d.nodes += [
            (node, "cg:amount", money),
            (money, "a", "cg:MonetaryAmount"),
            (money, "schema:value", f"{amount:.1f}"),
            (money, "schema:currency", f'"{code}"'),
        ]


def _figure(d: Draft, rng: random.Random, world: World, subject: Entity, target: bool) -> None:
    reported = subject.links.get("figures") or [rng.choice(world.figures)]
    about, measure, unit, base, year = rng.choice(reported)
    value = int(base * rng.choice((1.0, 1.0, 0.95, 1.05, 1.1)))
    if unit in _CURRENCY:
        value = max(1, round(value, -6))
    qualifier, words = rng.choice(_QUALIFIERS)
    node = d.mint("figure")
    amount = _money(value, unit) if unit in _CURRENCY else f"{value:,} {_MEASURE_WORDS[measure]}"
    if target:
        due = int(year) + rng.randint(1, 5)
        d.say("target", f"{about.label} aims to reach {words}{amount} by {due}.")
        dated = [(node, "cg:dueDate", _year(due))]
    else:
        verb = "attracted investment of" if unit in _CURRENCY else "counted"
        d.say("observation", f"As of {year}, {about.label} {verb} {words}{amount}.")
        dated = [(node, "cg:refDate", _year(year))]
    d.nodes += [
        (node, "a", "cg:Target" if target else "cg:Observation"),
        (node, "cg:about", e(about)),
        (node, "cg:measure", f"cg:{measure}"),
        (node, "cg:value", f"{value}.0"),
        (node, "cg:unit", f'"{unit}"'),
        (node, "cg:qualifier", f"cg:{qualifier}"),
        (node, "prov:wasDerivedFrom", "@"),
        *dated,
    ]


def _post(d: Draft, person: Entity) -> None:
    post = person.links["post"]
    assert isinstance(post, Entity)
    org = post.links["org"]
    assert isinstance(org, Entity)
    d.say(
        "post",
        f"{person.label}, {post.title} of {org.label}, spoke at the ceremony.",
        (e(person), "org:holds", e(post)),
        (e(post), "org:postIn", e(org)),
        (e(post), "org:heldBy", e(person)),
    )


def _signing(d: Draft, rng: random.Random, world: World) -> str:
    meeting = rng.choice(world.role("meeting"))
    agreements = list(meeting.links.get("agreements", []))[: rng.randint(1, 2)]  # type: ignore[call-overload]
    agreements = agreements or [rng.choice(world.role("agreement"))]
    council, place, date = (meeting.links[k] for k in ("council", "place", "date"))
    chairs = meeting.links["chairs"]
    assert isinstance(council, Entity) and isinstance(place, Entity) and isinstance(chairs, tuple)
    d.say(
        "meeting",
        f"The {meeting.label} was held in {place.label} on {_long(date)}.",  # type: ignore[arg-type]
        (e(meeting), "cg:inSeries", e(council)),
        (e(meeting), "cg:ordinal", str(meeting.links["ordinal"])),
        (e(meeting), "cg:startDate", _date(date)),
        (e(meeting), "cg:heldIn", e(place)),
    )  # type: ignore[arg-type]
    d.say(
        "meeting",
        f"It was co-chaired by {_names(chairs)}.",
        *[(e(meeting), "cg:coChair", e(c)) for c in chairs],
    )
    for agreement in agreements:
        signatories, concerns = agreement.links["signatories"], agreement.links["concerns"]
        assert isinstance(signatories, tuple) and isinstance(concerns, Entity)
        d.say(
            "signing",
            f"{_names(signatories)} signed the {agreement.label} concerning {concerns.label}.",
            *[(e(agreement), "cg:signatory", e(s)) for s in signatories],
            (e(agreement), "cg:concerns", e(concerns)),
            (e(meeting), "cg:outcome", e(agreement)),
        )
        d.say(
            "signing",
            f"The agreement, for phase {agreement.links['phase']}, was signed at the meeting"
            f" on {_long(date)}.",  # type: ignore[arg-type]
            (e(agreement), "cg:signedAt", e(meeting)),
            (e(agreement), "cg:signingDate", _date(date)),  # type: ignore[arg-type]
            (e(agreement), "cg:phase", str(agreement.links["phase"])),
        )
        if agreement.kind == "FundingAgreement":
            _funding(d, rng, concerns, agreement)
    _post(d, chairs[0])
    return f"{len(agreements)} agreements signed at the {meeting.label}"


def _institute(d: Draft, rng: random.Random, world: World) -> str:
    institute = rng.choice(world.role("institute"))
    links = institute.links
    founders, place = links["founders"], links["place"]
    assert isinstance(founders, tuple) and isinstance(place, Entity)
    d.say(
        "founding",
        f"Co-founded by {_names(founders)}, the {institute.label} turns research into solutions.",
        *[(e(institute), "cg:founder", e(f)) for f in founders],
    )
    d.say(
        "founding",
        f"Conceived in {links['inception']}, it was established in {links['established']}"
        f" in {place.label}.",
        (e(institute), "cg:inceptionDate", _year(links["inception"])),
        (e(institute), "cg:establishmentDate", _year(links["established"])),
        (e(institute), "cg:locatedIn", e(place)),
    )
    _place_chain(d, place)
    for _ in range(rng.randint(1, 3)):
        _figure(d, rng, world, institute, target=False)
    _figure(d, rng, world, institute, target=True)
    if rng.random() < 0.5:
        _funding(d, rng, institute, None)
    _post(d, rng.choice(world.role("person")))
    return f"{institute.label} reports progress"


def _park(d: Draft, rng: random.Random, world: World) -> str:
    park = rng.choice(world.role("park"))
    place, admin, tenants = (park.links[k] for k in ("place", "admin", "tenants"))
    assert isinstance(place, Entity) and isinstance(admin, Entity) and isinstance(tenants, tuple)
    d.say(
        "location",
        f"The {park.label} is located in {place.label}.",
        (e(park), "cg:partOf", e(place)),
    )
    _place_chain(d, place)
    d.say(
        "administration",
        f"The park is administered by the {admin.label}.",
        (e(admin), "cg:administers", e(park)),
    )
    d.say(
        "hosting", f"It hosts {_names(tenants)}.", *[(e(park), "cg:hosts", e(t)) for t in tenants]
    )
    for tenant in tenants[:2]:
        parent = tenant.links.get("subsidiaryOf")
        if isinstance(parent, Entity) and parent is not tenant:
            d.say(
                "subsidiary",
                f"{tenant.label} is a subsidiary of {parent.label}.",
                (e(tenant), "cg:subsidiaryOf", e(parent)),
            )
    for _ in range(rng.randint(1, 2)):
        _figure(d, rng, world, park, target=False)
    _figure(d, rng, world, park, target=True)
    return f"{park.label} welcomes new tenants"


def _programme(d: Draft, rng: random.Random, world: World) -> str:
    programme = rng.choice(world.role("programme"))
    participants = programme.links["participants"]
    assert isinstance(participants, tuple)
    d.say(
        "participation",
        f"{_names(participants)} take part in the {programme.label}.",
        *[(e(programme), "cg:participant", e(p)) for p in participants],
    )
    d.say(
        "launch",
        f"The {programme.label} was launched by {participants[0].label}.",
        (e(participants[0]), "cg:launched", e(programme)),
    )
    a, b = participants[0], participants[1]
    d.say(
        "partnership",
        f"{a.label} and {b.label} are long-standing partners.",
        (e(a), "cg:partnerOf", e(b)),
    )
    located = a.links.get("locatedIn")
    if isinstance(located, Entity):
        d.say(
            "location",
            f"{a.label} is based in {located.label}.",
            (e(a), "cg:locatedIn", e(located)),
        )
        _place_chain(d, located)
    _post(d, rng.choice(world.role("person")))
    return f"{programme.label} opens to applicants"


_STORIES: tuple[Callable[[Draft, random.Random, World], str], ...] = (
    _signing,
    _institute,
    _park,
    _programme,
)
_PUBLISHERS = (
    "Xinhua",
    "The Straits Times",
    "Nanyang University News",
    "China Daily",
    "Business Times",
)


def draft_document(rng: random.Random, world: World) -> Draft:
    """One document: a story drawn at random, with a title, date and publisher."""
    publisher = rng.choice(_PUBLISHERS)
    kind = (
        "NewsArticle"
        if publisher in ("Xinhua", "The Straits Times", "China Daily")
        else "PressRelease"
    )
    d = Draft(
        title="",
        published=datetime.date(rng.randint(2010, 2025), rng.randint(1, 12), rng.randint(1, 28)),
        kind=kind,
        publisher=publisher,
    )
    headline = rng.choice(_STORIES)(d, rng, world)
    d.title = f"{headline} to advance {rng.choice(SUBJECTS).lower()}"
    return d
