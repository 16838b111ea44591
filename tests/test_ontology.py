"""The ontology: documented, complete, built on standard vocabularies, and consistent."""

from __future__ import annotations

import owlrl
import pytest
from owlrl.Namespaces import ERRNS
from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, ORG, OWL, PROV, RDF, RDFS, SKOS

from coopgraph.namespaces import CG, ID
from coopgraph.validate import union_graph

ONTOLOGY_IRI = URIRef("https://w3id.org/coopgraph/ontology")
NS = str(CG._NS)

# What the model must be able to say: (term, what it is).
REQUIRED_CLASSES = [
    "Party", "Organisation", "Country", "GovernmentBody", "Council", "University", "Company",
    "ResearchInstitute", "Park", "Person", "Post", "Side",
    "Agreement", "MemorandumOfUnderstanding", "CooperationAgreement", "FundingAgreement",
    "Event", "Meeting", "EventSeries", "Programme", "Initiative",
    "Funding", "MonetaryAmount",
    "Place", "Province", "Municipality", "District", "Region", "Building",
    "Figure", "Observation", "Target", "Measure", "Qualifier",
    "Document", "DocumentKind", "Evidence",
]  # fmt: skip
REQUIRED_OBJECT_PROPERTIES = [
    "side", "founder", "subsidiaryOf", "partnerOf", "hosts", "administers", "launched",
    "hasParty", "signatory", "witness", "signedAt", "concerns", "continues",
    "inSeries", "heldIn", "coChair", "organiser", "attendee", "outcome",
    "participant", "amount", "recipient", "funder", "grantedUnder",
    "partOf", "locatedIn", "about", "measure", "qualifier", "documentKind", "graph",
]  # fmt: skip
REQUIRED_DATATYPE_PROPERTIES = [
    "inceptionDate", "establishmentDate", "signingDate", "startDate", "ordinal", "online",
    "phase", "title", "duration", "value", "unit", "refDate", "sinceDate", "dueDate",
    "contentHash", "fileName", "quote", "start", "end", "rule", "needsReview",
]  # fmt: skip


def reuse() -> list[tuple[URIRef, URIRef]]:
    """Each coopgraph term and a standard term it specialises.

    SDO is imported here: as a module attribute, pytest's collection would probe it and warn.
    """
    from rdflib.namespace import SDO

    return [
        (CG.Party, PROV.Agent),
        (CG.Organisation, ORG.Organization),
        (CG.Organisation, SDO.Organization),
        (CG.GovernmentBody, SDO.GovernmentOrganization),
        (CG.University, SDO.CollegeOrUniversity),
        (CG.Company, SDO.Corporation),
        (CG.ResearchInstitute, SDO.ResearchOrganization),
        (CG.Person, SDO.Person),
        (CG.Person, PROV.Person),
        (CG.Post, ORG.Post),
        (CG.Agreement, PROV.Entity),
        (CG.Event, SDO.Event),
        (CG.Event, PROV.Activity),
        (CG.Programme, SDO.Project),
        (CG.Funding, SDO.MonetaryGrant),
        (CG.MonetaryAmount, SDO.MonetaryAmount),
        (CG.Place, SDO.Place),
        (CG.Country, SDO.Country),
        (CG.Target, PROV.Plan),
        (CG.Document, SDO.CreativeWork),
        (CG.Evidence, RDF.Statement),
        (CG.Side, SKOS.Concept),
        (CG.founder, SDO.founder),
        (CG.establishmentDate, SDO.foundingDate),
        (CG.subsidiaryOf, ORG.subOrganizationOf),
        (CG.signingDate, DCTERMS.date),
        (CG.concerns, DCTERMS.subject),
        (CG.continues, PROV.wasRevisionOf),
        (CG.startDate, SDO.startDate),
        (CG.heldIn, SDO.location),
        (CG.organiser, SDO.organizer),
        (CG.attendee, SDO.attendee),
        (CG.outcome, PROV.generated),
        (CG.amount, SDO.amount),
        (CG.recipient, SDO.fundedItem),
        (CG.funder, SDO.funder),
        (CG.partOf, SDO.containedInPlace),
        (CG.locatedIn, SDO.location),
    ]


REUSE = reuse()


def cg_terms(ontology: Graph, kind: URIRef) -> set[URIRef]:
    return {t for t in ontology.subjects(RDF.type, kind) if str(t).startswith(NS)}


def english(ontology: Graph, term: URIRef, prop: URIRef) -> list[Literal]:
    return [
        o for o in ontology.objects(term, prop) if isinstance(o, Literal) and o.language == "en"
    ]


def test_parses_with_its_own_header(ontology: Graph) -> None:
    assert (ONTOLOGY_IRI, RDF.type, OWL.Ontology) in ontology
    version = ontology.value(ONTOLOGY_IRI, OWL.versionIRI)
    assert version is not None and str(version).startswith(str(ONTOLOGY_IRI) + "/")
    assert ontology.value(ONTOLOGY_IRI, OWL.versionInfo) is not None
    assert english(ontology, ONTOLOGY_IRI, DCTERMS.title)


@pytest.mark.parametrize("kind", [OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty])
def test_every_term_has_an_english_label_and_comment(ontology: Graph, kind: URIRef) -> None:
    terms = cg_terms(ontology, kind)
    assert terms
    for term in terms:
        assert len(english(ontology, term, RDFS.label)) == 1, f"{term}: one English rdfs:label"
        assert english(ontology, term, RDFS.comment), f"{term}: an English rdfs:comment"


def test_every_individual_has_a_label_and_comment(ontology: Graph) -> None:
    for term in cg_terms(ontology, OWL.NamedIndividual):
        assert english(ontology, term, RDFS.label), term
        assert english(ontology, term, RDFS.comment), term
        assert english(ontology, term, SKOS.prefLabel), term


@pytest.mark.parametrize("name", REQUIRED_CLASSES)
def test_required_class(ontology: Graph, name: str) -> None:
    assert (CG[name], RDF.type, OWL.Class) in ontology


@pytest.mark.parametrize("name", REQUIRED_OBJECT_PROPERTIES)
def test_required_object_property(ontology: Graph, name: str) -> None:
    assert (CG[name], RDF.type, OWL.ObjectProperty) in ontology


@pytest.mark.parametrize("name", REQUIRED_DATATYPE_PROPERTIES)
def test_required_datatype_property(ontology: Graph, name: str) -> None:
    assert (CG[name], RDF.type, OWL.DatatypeProperty) in ontology


@pytest.mark.parametrize("term, standard", REUSE, ids=[f"{t.fragment}" for t, _ in REUSE])
def test_reuses_standard_vocabulary(ontology: Graph, term: URIRef, standard: URIRef) -> None:
    link = RDFS.subPropertyOf if str(term.fragment)[0].islower() else RDFS.subClassOf
    assert standard in set(ontology.transitive_objects(term, link))


def test_every_class_reaches_a_standard_class(ontology: Graph) -> None:
    for cls in cg_terms(ontology, OWL.Class):
        ancestors = set(ontology.transitive_objects(cls, RDFS.subClassOf))
        assert any(not str(a).startswith(NS) for a in ancestors), f"{cls} stands alone"


def test_the_four_sides(ontology: Graph) -> None:
    sides = set(ontology.subjects(RDF.type, CG.Side))
    assert sides == {CG.ChinaSide, CG.SingaporeSide, CG.JointSide, CG.ThirdSide}


# --- OWL 2 RL consistency ---------------------------------------------------------------------


def closure_errors(graph: Graph) -> list[str]:
    """Run the OWL 2 RL closure; owlrl records inconsistencies as err:ErrorMessage nodes."""
    owlrl.DeductiveClosure(owlrl.OWLRL_Semantics).expand(graph)
    return sorted(
        str(graph.value(m, ERRNS.error)) for m in graph.subjects(RDF.type, ERRNS.ErrorMessage)
    )


@pytest.mark.slow
def test_example_is_consistent_under_owl_rl(ontology: Graph, example_dataset: Dataset) -> None:
    graph = union_graph(example_dataset)
    graph += ontology
    assert closure_errors(graph) == []
    # the closure did run: subclass and subproperty entailments are there
    assert (ID["nanyang-technological-university"], RDF.type, ORG.Organization) in graph
    agreement, ntu = ID["ssijri-funding-agreement"], ID["nanyang-technological-university"]
    assert (agreement, CG.hasParty, ntu) in graph


@pytest.mark.slow
def test_person_and_organisation_is_inconsistent(ontology: Graph) -> None:
    graph = Graph()
    graph += ontology
    both = ID["heng-swee-keat"]
    graph.add((both, RDF.type, CG.Person))
    graph.add((both, RDF.type, CG.University))  # a University is an Organisation
    errors = closure_errors(graph)
    assert len(errors) == 1
    assert errors[0].startswith("Disjoint classes")
    assert str(both) in errors[0]
    assert str(CG.Organisation) in errors[0] and str(CG.Person) in errors[0]
