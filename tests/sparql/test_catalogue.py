"""Canned queries: the loader, parameter binding and its errors, and the catalogue itself."""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from pathlib import Path

import pyoxigraph as ox
import pytest
import yaml
from rdflib.plugins.sparql import prepareQuery

from coopgraph.namespaces import PREFIXES
from coopgraph.settings import Settings
from coopgraph.sparql.catalogue import (
    CannedQuery,
    Param,
    ParamError,
    QueryFileError,
    bind,
    load_catalogue,
    load_query,
    run,
)
from coopgraph.store import open_store, select, to_python
from coopgraph.store.lookup import normalise

DATA = Path(__file__).parents[1] / "data"
EXAMPLE = DATA / "example.trig"
ID = "https://w3id.org/coopgraph/id/"
XSD = "http://www.w3.org/2001/XMLSchema#"
CG_NS = "https://w3id.org/coopgraph/ontology#"

TYPED = """\
# title: Everything typed
# description: One parameter of every type.
# param: who entity SSIJRI -- an entity
# param: thing iri -- an IRI
# param: word string hello -- a word
# param: n integer 16 -- a number
# param: x decimal 2.5 -- a decimal
# param: day date 2020-12-08 -- a day
# param: year year 2020 -- a year
SELECT ?who ?thing ?word ?n ?x ?day ?year WHERE {}
"""


@pytest.fixture(scope="module")
def store() -> ox.Store:
    return open_store(EXAMPLE)


def write(directory: Path, name: str, text: str) -> Path:
    path = directory / f"{name}.rq"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def typed(tmp_path: Path) -> CannedQuery:
    return load_query(write(tmp_path, "typed", TYPED))


# --- loading ------------------------------------------------------------------------------


def test_header_is_read(typed: CannedQuery) -> None:
    assert typed.name == "typed"
    assert typed.title == "Everything typed"
    assert typed.description == "One parameter of every type."
    assert typed.params[0] == Param("who", "entity", "SSIJRI", "an entity")
    assert typed.params[1] == Param("thing", "iri", None, "an IRI")
    assert [p.required for p in typed.params] == [False, True, False, False, False, False, False]


def test_default_may_hold_spaces(tmp_path: Path) -> None:
    text = TYPED.replace("SSIJRI", "Joint Council for Bilateral Cooperation")
    query = load_query(write(tmp_path, "spaces", text))
    assert query.params[0].default == "Joint Council for Bilateral Cooperation"


def test_catalogue_is_keyed_by_stem_and_ignores_other_files(tmp_path: Path) -> None:
    write(tmp_path, "b-query", TYPED)
    write(tmp_path, "a-query", TYPED)
    (tmp_path / "notes.txt").write_text("not a query")
    assert list(load_catalogue(tmp_path)) == ["a-query", "b-query"]


@pytest.mark.parametrize(
    ("name", "text", "message"),
    [
        ("no-title", "# description: d\nSELECT * WHERE {}", "'# title: ...'"),
        ("no-description", "# title: t\nSELECT * WHERE {}", "'# description: ...'"),
        ("bad-sparql", "# title: t\n# description: d\nSELECT ?x WHERE { ?x }", "not valid SPARQL"),
        ("ask", "# title: t\n# description: d\nASK { ?s ?p ?o }", "must be SELECT"),
        (
            "bad-param",
            "# title: t\n# description: d\n# param: x\nSELECT ?x WHERE {}",
            "NAME TYPE",
        ),
        (
            "bad-type",
            "# title: t\n# description: d\n# param: x colour -- c\nSELECT ?x WHERE {}",
            "type 'colour' is not one of",
        ),
        (
            "unprojected",
            "# title: t\n# description: d\n# param: x integer -- n\nSELECT ?y WHERE {}",
            "'x' must be projected",
        ),
        (
            "twice",
            "# title: t\n# description: d\n# param: x integer -- n\n# param: x integer -- n\n"
            "SELECT ?x WHERE {}",
            "declared twice",
        ),
        (
            "bad-default",
            "# title: t\n# description: d\n# param: x year 20 -- y\nSELECT ?x WHERE {}",
            "bad default",
        ),
        ("Not_Kebab", "# title: t\n# description: d\nSELECT * WHERE {}", "kebab-case"),
    ],
)
def test_bad_query_files_are_refused(tmp_path: Path, name: str, text: str, message: str) -> None:
    with pytest.raises(QueryFileError, match=message) as caught:
        load_query(write(tmp_path, name, text))
    assert f"{name}.rq" in str(caught.value)


def test_missing_directory_is_refused(tmp_path: Path) -> None:
    with pytest.raises(QueryFileError, match="no such query directory"):
        load_catalogue(tmp_path / "absent")


# --- binding ------------------------------------------------------------------------------


def test_defaults_fill_missing_values(typed: CannedQuery, store: ox.Store) -> None:
    terms = bind(typed, {"thing": "https://example.org/x", "word": "  "}, store)
    assert terms["who"] == ox.NamedNode(
        ID + "sino-singapore-international-joint-research-institute"
    )
    assert terms["thing"] == ox.NamedNode("https://example.org/x")
    assert terms["word"] == ox.Literal("hello")
    assert terms["n"] == ox.Literal("16", datatype=ox.NamedNode(XSD + "integer"))
    assert terms["x"] == ox.Literal("2.5", datatype=ox.NamedNode(XSD + "decimal"))
    assert terms["day"] == ox.Literal("2020-12-08", datatype=ox.NamedNode(XSD + "date"))
    assert terms["year"] == ox.Literal("2020", datatype=ox.NamedNode(XSD + "integer"))


@pytest.mark.parametrize("name", ["NTU", "ntu singapore", ID + "nanyang-technological-university"])
def test_entity_by_alias_label_or_iri(typed: CannedQuery, store: ox.Store, name: str) -> None:
    terms = bind(typed, {"who": name, "thing": "urn:x:1"}, store)
    assert terms["who"] == ox.NamedNode(ID + "nanyang-technological-university")


def test_unknown_parameter(typed: CannedQuery, store: ox.Store) -> None:
    with pytest.raises(ParamError, match=r"no parameter 'colour'.*accepts: who, thing"):
        bind(typed, {"thing": "urn:x:1", "colour": "red"}, store)


def test_missing_required_parameter(typed: CannedQuery, store: ox.Store) -> None:
    with pytest.raises(ParamError, match="parameter 'thing' of query 'typed' is required"):
        bind(typed, {}, store)


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("n", "sixteen"),
        ("n", "1.5"),
        ("year", "20"),
        ("year", "MMXX"),
        ("day", "08/12/2020"),
        ("day", "2020-13-01"),
        ("x", "lots"),
        ("x", "NaN"),
        ("thing", "not an iri"),
    ],
)
def test_malformed_values(typed: CannedQuery, store: ox.Store, name: str, value: str) -> None:
    values = {"thing": "urn:x:1", name: value}
    with pytest.raises(ParamError, match=f"parameter '{name}' expects .*got '{value}'"):
        bind(typed, values, store)


def test_unknown_entity(typed: CannedQuery, store: ox.Store) -> None:
    with pytest.raises(ParamError, match="parameter 'who': no entity is called 'Atlantis'"):
        bind(typed, {"who": "Atlantis", "thing": "urn:x:1"}, store)


def test_ambiguous_entity_lists_candidates(typed: CannedQuery) -> None:
    store = open_store(EXAMPLE)
    twin = ox.NamedNode(ID + "national-technical-union")
    store.add(
        ox.Quad(
            twin,
            ox.NamedNode("http://www.w3.org/2004/02/skos/core#prefLabel"),
            ox.Literal("National Technical Union", language="en"),
        )
    )
    store.add(
        ox.Quad(
            twin,
            ox.NamedNode("http://www.w3.org/2004/02/skos/core#altLabel"),
            ox.Literal("NTU", language="en"),
        )
    )
    with pytest.raises(ParamError, match="'NTU' is ambiguous") as caught:
        bind(typed, {"who": "NTU", "thing": "urn:x:1"}, store)
    assert "Nanyang Technological University, Singapore" in str(caught.value)
    assert "National Technical Union" in str(caught.value)


def test_run_binds_by_substitution(tmp_path: Path, store: ox.Store) -> None:
    text = (
        "# title: Founders\n# description: d\n# param: org entity SSIJRI -- o\n"
        "PREFIX cg: <https://w3id.org/coopgraph/ontology#>\n"
        "SELECT ?org ?founder WHERE { ?org cg:founder ?founder } ORDER BY ?founder"
    )
    query = load_query(write(tmp_path, "founders", text))
    rows = run(query, store)
    assert [row["founder"] for row in rows] == [
        ID + "nanyang-technological-university",
        ID + "south-china-university-of-technology",
    ]
    assert run(query, store, {"org": "NTU"}) == []


# --- the catalogue ------------------------------------------------------------------------

SETTINGS = Settings()
CATALOGUE = load_catalogue(SETTINGS.queries_dir)
EXPECTED = yaml.safe_load((DATA / "queries" / "expected.yaml").read_text(encoding="utf-8"))


def test_catalogue_has_forty_questions() -> None:
    assert len(CATALOGUE) >= 40


@pytest.mark.parametrize("name", sorted(CATALOGUE))
def test_query_parses_with_rdflib(name: str) -> None:
    query = CATALOGUE[name]
    parsed = prepareQuery(query.text)
    projected = {str(v) for v in parsed.algebra["PV"]}
    assert {p.name for p in query.params} <= projected
    assert query.text.lstrip().startswith("# title:")


@pytest.mark.parametrize("name", sorted(CATALOGUE))
def test_query_runs_on_the_example(name: str, example_store: ox.Store) -> None:
    """Each row binds only variables the query projects."""
    query = CATALOGUE[name]
    projected = {str(v) for v in prepareQuery(query.text).algebra["PV"]}
    rows = run(query, example_store)
    assert all(isinstance(row, dict) and set(row) <= projected for row in rows)


@pytest.fixture(scope="module")
def example_store() -> ox.Store:
    return open_store(EXAMPLE, SETTINGS.ontology_path)


def test_example_answers(example_store: ox.Store) -> None:
    rows = run(CATALOGUE["meeting-co-chairs"], example_store)
    assert sorted(row["chairLabel"] for row in rows) == ["Han Zheng", "Heng Swee Keat"]
    rows = run(CATALOGUE["funding-received"], example_store)
    assert sorted((row["currency"], row["value"]) for row in rows) == [
        ("CNY", 300000000.0),
        ("SGD", 61000000.0),
    ]


def test_expected_answers_name_real_queries() -> None:
    for name, entry in EXPECTED.items():
        assert name in CATALOGUE, name
        assert entry["mode"] in ("exact", "contains")
        assert set(entry["columns"]) <= set(
            CATALOGUE[name].text.split("WHERE")[0].replace("?", " ").split()
        )


# --- answers on the graph built from the seed documents -----------------------------------


@pytest.fixture(scope="session")
def seed_store(tmp_path_factory: pytest.TempPathFactory) -> ox.Store:
    build = pytest.importorskip(
        "coopgraph.build", reason="needs the build pipeline (coopgraph.build)"
    )
    graph = tmp_path_factory.mktemp("built") / "coopgraph.trig"
    build.build(SETTINGS.model_copy(update={"graph_path": graph}), progress=False)
    return open_store(graph, SETTINGS.ontology_path)


def _names(store: ox.Store, iri: str) -> set[str]:
    query = "SELECT ?e ?n WHERE { { ?e skos:prefLabel ?n } UNION { ?e skos:altLabel ?n } }"
    rows = select(store, query, {"e": ox.NamedNode(iri)})
    return {normalise(row["n"]) for row in rows}


def _cell(store: ox.Store, value: object, expected: object) -> bool:
    if isinstance(value, str) and value.startswith(ID):
        return normalise(str(expected)) in _names(store, value)
    if isinstance(value, str) and value.startswith(CG_NS):
        return value.removeprefix(CG_NS) == str(expected)
    try:
        return Decimal(str(value)) == Decimal(str(expected))
    except (InvalidOperation, ValueError):
        return normalise(str(value)) == normalise(str(expected))


@pytest.mark.slow
@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_expected_answer_on_seed_graph(name: str, seed_store: ox.Store) -> None:
    entry = EXPECTED[name]
    rows = run(CATALOGUE[name], seed_store, entry.get("params", {}))
    got = [[row[c] for c in entry["columns"]] for row in rows]

    def same(row: list[object], want: list[object]) -> bool:
        return all(_cell(seed_store, v, w) for v, w in zip(row, want, strict=True))

    missing = [want for want in entry["rows"] if not any(same(row, want) for row in got)]
    assert not missing, f"{name}: expected rows not found: {missing}; got {got}"
    if entry["mode"] == "exact":
        extra = [row for row in got if not any(same(row, want) for want in entry["rows"])]
        assert not extra, f"{name}: unexpected rows: {extra}"


def _merged(store: ox.Store) -> ox.Store:
    """A copy of ``store`` whose default graph is the RDF merge of its named graphs."""
    copy = ox.Store()
    copy.extend(store.quads_for_pattern(None, None, None, None))
    copy.update("INSERT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }")
    return copy


def _comparable(rows: list[dict]) -> list[str]:
    """Rows as sorted strings, the parts of a GROUP_CONCAT list sorted (their order is free)."""

    def cell(value: object) -> object:
        return sorted(re.split(r"[,;] ", value)) if isinstance(value, str) else value

    return sorted(repr({key: cell(value) for key, value in row.items()}) for row in rows)


@pytest.mark.slow
@pytest.mark.parametrize("name", sorted(CATALOGUE))
def test_answer_does_not_depend_on_how_the_store_merges_graphs(
    name: str, seed_store: ox.Store, merged_seed_store: ox.Store
) -> None:
    """A fact two documents state is one fact: the same rows whether the store's default graph
    repeats it once per graph (a union, as Oxigraph's) or holds it once (a merge)."""
    query = CATALOGUE[name]
    params = EXPECTED.get(name, {}).get("params", {})
    union = run(query, seed_store, params)  # a default naming no entity fails here
    bound = {ox.Variable(k): v for k, v in bind(query, params, seed_store).items()}
    solutions = merged_seed_store.query(query.text, prefixes=PREFIXES, substitutions=bound or None)
    assert isinstance(solutions, ox.QuerySolutions)
    names = [variable.value for variable in solutions.variables]
    merge = [{n: to_python(solution[n]) for n in names} for solution in solutions]
    assert _comparable(union) == _comparable(merge)


@pytest.fixture(scope="module")
def merged_seed_store(seed_store: ox.Store) -> ox.Store:
    return _merged(seed_store)


@pytest.mark.slow
@pytest.mark.parametrize("name", sorted(CATALOGUE))
def test_defaults_name_entities_of_the_seed_graph(name: str, seed_store: ox.Store) -> None:
    """The query page fills in the defaults: each must answer on the graph the seeds build."""
    run(CATALOGUE[name], seed_store)
