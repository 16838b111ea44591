"""The coopgraph vocabulary and the IRIs the project mints.

Terms are declared once, in ``ontology/coopgraph.ttl``; ``CG`` mirrors them and fails on a
misspelt term. Standard vocabularies come from rdflib (``ORG``, ``PROV``, ``DCTERMS``, ``SKOS``,
``SDO``, ``TIME``).
"""

from __future__ import annotations

from rdflib import Namespace, URIRef
from rdflib.namespace import (
    DCTERMS,
    ORG,
    OWL,
    PROV,
    RDF,
    RDFS,
    SDO,
    SKOS,
    TIME,
    XSD,
    DefinedNamespace,
)

__all__ = [
    "BASE",
    "CG",
    "DCTERMS",
    "DOC",
    "ENTITIES_GRAPH",
    "GRAPH",
    "ID",
    "ONTOLOGY_GRAPH",
    "ORG",
    "OWL",
    "PREFIXES",
    "PROV",
    "RDF",
    "RDFS",
    "SDO",
    "SIDES",
    "SKOS",
    "TIME",
    "VOCABULARIES",
    "XSD",
    "curie",
    "local_name",
    "side_name",
    "term",
]

BASE = "https://w3id.org/coopgraph/"


class CG(DefinedNamespace):
    """The coopgraph ontology (``cg:``)."""

    _fail = True
    _NS = Namespace(BASE + "ontology#")

    About: URIRef
    Added: URIRef
    Agreement: URIRef
    AgreementsSigned: URIRef
    AtLeast: URIRef
    AtMost: URIRef
    Building: URIRef
    Buildings: URIRef
    ChinaSide: URIRef
    Companies: URIRef
    Company: URIRef
    Confirmed: URIRef
    ContractValue: URIRef
    CooperationAgreement: URIRef
    CooperationProjects: URIRef
    Corrected: URIRef
    Council: URIRef
    Country: URIRef
    District: URIRef
    Document: URIRef
    DocumentKind: URIRef
    Duration: URIRef
    Employees: URIRef
    Event: URIRef
    EventSeries: URIRef
    Evidence: URIRef
    Exactly: URIRef
    FactStatus: URIRef
    Figure: URIRef
    FloorArea: URIRef
    Funding: URIRef
    FundingAgreement: URIRef
    FundingReceived: URIRef
    GovernmentBody: URIRef
    IncubatedCompanies: URIRef
    IndustryClusters: URIRef
    Initiative: URIRef
    Investment: URIRef
    JointSide: URIRef
    Laboratories: URIRef
    LessThan: URIRef
    Measure: URIRef
    Meeting: URIRef
    MemorandumOfUnderstanding: URIRef
    MonetaryAmount: URIRef
    MoreThan: URIRef
    Municipality: URIRef
    Nearly: URIRef
    Negated: URIRef
    NewsArticle: URIRef
    Observation: URIRef
    Organisation: URIRef
    OtherMeasure: URIRef
    Park: URIRef
    Participants: URIRef
    Party: URIRef
    PatentApplications: URIRef
    PatentLicences: URIRef
    Person: URIRef
    Place: URIRef
    Planned: URIRef
    Post: URIRef
    PressRelease: URIRef
    Programme: URIRef
    Proposed: URIRef
    Province: URIRef
    Qualifier: URIRef
    Region: URIRef
    ResearchInstitute: URIRef
    ResearchPapers: URIRef
    ResearchProjects: URIRef
    Revenue: URIRef
    ReviewDecision: URIRef
    Share: URIRef
    Side: URIRef
    SingaporeSide: URIRef
    Students: URIRef
    Target: URIRef
    ThirdSide: URIRef
    University: URIRef
    WebPage: URIRef
    about: URIRef
    administers: URIRef
    amount: URIRef
    attendee: URIRef
    coChair: URIRef
    concerns: URIRef
    contentHash: URIRef
    continues: URIRef
    develops: URIRef
    documentKind: URIRef
    dueDate: URIRef
    duration: URIRef
    end: URIRef
    establishmentDate: URIRef
    fileName: URIRef
    focusArea: URIRef
    founder: URIRef
    funder: URIRef
    grantedUnder: URIRef
    graph: URIRef
    hasParty: URIRef
    heldIn: URIRef
    hosts: URIRef
    inceptionDate: URIRef
    incubated: URIRef
    inSeries: URIRef
    investedIn: URIRef
    launched: URIRef
    locatedIn: URIRef
    measure: URIRef
    measures: URIRef
    needsReview: URIRef
    online: URIRef
    ordinal: URIRef
    organiser: URIRef
    outcome: URIRef
    participant: URIRef
    partnerOf: URIRef
    partOf: URIRef
    partOfProgramme: URIRef
    phase: URIRef
    qualifier: URIRef
    quote: URIRef
    recipient: URIRef
    refDate: URIRef
    renamedTo: URIRef
    review: URIRef
    reviewed: URIRef
    reviewedAt: URIRef
    rule: URIRef
    side: URIRef
    signatory: URIRef
    signedAt: URIRef
    signingDate: URIRef
    sinceDate: URIRef
    start: URIRef
    startDate: URIRef
    status: URIRef
    subsidiaryOf: URIRef
    title: URIRef
    unit: URIRef
    value: URIRef
    venue: URIRef
    witness: URIRef


ID = Namespace(BASE + "id/")
"""Entities: ``ID["organisation/nanyang-technological-university"]``."""
DOC = Namespace(BASE + "doc/")
"""Source documents, by content hash."""
GRAPH = Namespace(BASE + "graph/")
"""Named graphs: one per document, plus the entities and the ontology."""

ENTITIES_GRAPH = GRAPH["entities"]
"""Entity descriptions (type, labels, side), curated and discovered."""
ONTOLOGY_GRAPH = GRAPH["ontology"]

PREFIXES: dict[str, str] = {
    "cg": str(CG._NS),
    "id": str(ID),
    "doc": str(DOC),
    "org": str(ORG),
    "prov": str(PROV),
    "dcterms": str(DCTERMS),
    "skos": str(SKOS),
    "schema": str(SDO),
    "time": str(TIME),
    "rdf": str(RDF),
    "rdfs": str(RDFS),
    "owl": str(OWL),
    "xsd": str(XSD),
}
"""Prefixes bound in every graph and offered to every query."""

VOCABULARIES: dict[str, type[DefinedNamespace]] = {
    "cg": CG,
    "org": ORG,
    "schema": SDO,
    "dcterms": DCTERMS,
}
"""The prefixes a fact's property may be written with (rule tables, review files)."""

SIDES: dict[str, URIRef] = {
    "China": CG.ChinaSide,
    "Singapore": CG.SingaporeSide,
    "Joint": CG.JointSide,
    "Third": CG.ThirdSide,
}
"""The sides of the cooperation, by the name the registry and the exports use."""


def local_name(iri: object) -> str:
    """The part of an IRI after its last ``#`` or ``/`` (``cg:signedBy`` → ``signedBy``);
    empty for None."""
    return str(iri or "").rsplit("#", 1)[-1].rsplit("/", 1)[-1]


def side_name(iri: object) -> str | None:
    """``cg:ChinaSide`` → ``China``; None (no side) stays None."""
    if not iri:
        return None
    name = local_name(iri)
    return name.removesuffix("Side")


def term(curie: str) -> URIRef:
    """The IRI of a CURIE of :data:`VOCABULARIES` (``cg:locatedIn``); :class:`ValueError` names
    an unknown prefix or a term its vocabulary does not define, so a misspelt property fails
    where it is written, not as a missing triple."""
    prefix, _, local = curie.partition(":")
    vocabulary = VOCABULARIES.get(prefix)
    if vocabulary is None:
        known = ", ".join(f"{p}:" for p in VOCABULARIES)
        raise ValueError(f"'{curie}' has an unknown prefix (known: {known})")
    iri = URIRef(str(vocabulary._NS) + local)
    if not local or iri not in vocabulary:
        raise ValueError(f"'{curie}' is not a term of the {prefix}: vocabulary")
    return iri


def curie(iri: str) -> str:
    """``cg:locatedIn`` for the IRI of a term of :data:`VOCABULARIES`; any other IRI as it is."""
    for prefix, vocabulary in VOCABULARIES.items():
        namespace = str(vocabulary._NS)
        if iri.startswith(namespace):
            return f"{prefix}:{iri[len(namespace) :]}"
    return iri
