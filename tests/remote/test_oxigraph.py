"""Against a real Oxigraph server: publish, query like the embedded store, republish, errors."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest
from typer.testing import CliRunner

from coopgraph.cli import app
from coopgraph.settings import Settings
from coopgraph.sparql.catalogue import load_catalogue, run
from coopgraph.store.connection import (
    EmbeddedStore,
    Endpoints,
    GraphStore,
    RemoteStore,
    StoreRefused,
    StoreUnavailable,
    UnionGraphOff,
    connect,
)
from coopgraph.store.publish import load_graphs, publish

from .conftest import EXAMPLE, ONTOLOGY, PASSWORD, TOKEN, USER, free_port

QUERIES = Path(__file__).parents[2] / "queries"
FOREIGN = "http://example.org/graph/foreign"
SELECTS = [
    "SELECT ?s ?p ?o WHERE { ?s ?p ?o }",
    "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g",
    "SELECT ?founder ?label WHERE { ?i cg:founder ?founder . ?founder skos:prefLabel ?label }",
    "SELECT ?f ?v ?u WHERE { ?f cg:value ?v ; cg:unit ?u }",
    "SELECT ?e (LANG(?l) AS ?lang) ?sd WHERE { ?e skos:prefLabel ?l OPTIONAL { ?e cg:side ?sd } }",
    "SELECT ?d ?date WHERE { ?d a cg:Document ; dcterms:issued ?date }",
]


def _published(store: GraphStore) -> None:
    publish(load_graphs(EXAMPLE, ONTOLOGY), store)


def _sorted(rows: list[dict]) -> list[str]:
    return sorted(map(repr, rows))


def _foreign(store: RemoteStore) -> None:
    store.put_graph(
        FOREIGN, b"<http://example.org/a> <http://example.org/b> <http://example.org/c> .\n"
    )


@pytest.mark.parametrize("query", SELECTS)
def test_selects_give_the_embedded_rows(
    remote: RemoteStore, embedded: EmbeddedStore, query: str
) -> None:
    _published(remote)
    expected = embedded.select(query)
    assert expected, "the query should match something in the example"
    assert _sorted(remote.select(query)) == _sorted(expected)


def test_every_canned_query_gives_the_embedded_rows(
    remote: RemoteStore, embedded: EmbeddedStore
) -> None:
    _published(remote)
    catalogue = load_catalogue(QUERIES)
    answered = 0
    for name, query in catalogue.items():
        local = run(query, embedded)
        assert _sorted(run(query, remote)) == _sorted(local), name
        answered += bool(local)
    assert answered >= 20, "most canned queries should answer over the example"


def test_substitutions_bind_like_pyoxigraph(remote: RemoteStore, embedded: EmbeddedStore) -> None:
    _published(remote)
    query = "SELECT ?e ?label WHERE { ?e skos:prefLabel ?label }"
    han = {"e": ox.NamedNode("https://w3id.org/coopgraph/id/han-zheng")}
    assert remote.select(query, han) == embedded.select(query, han)
    assert remote.select(query, han) == [
        {"e": "https://w3id.org/coopgraph/id/han-zheng", "label": "Han Zheng"}
    ]


def test_ask_construct_raw_and_graphs(remote: RemoteStore, embedded: EmbeddedStore) -> None:
    _published(remote)
    assert remote.ask("ASK { ?p a cg:Person }") is True
    assert remote.ask("ASK { ?p a cg:Park }") is embedded.ask("ASK { ?p a cg:Park }")
    query = "CONSTRUCT WHERE { ?p a cg:Person ; skos:prefLabel ?l }"
    assert remote.construct(query).isomorphic(embedded.construct(query))
    body, media = remote.query_raw("SELECT ?p WHERE { ?p a cg:Person }", "text/csv")
    assert media.startswith("text/csv")
    assert body.splitlines()[0] == b"p" and len(body.splitlines()) == 4
    assert remote.graphs() == embedded.graphs()


def test_republishing_changes_nothing_and_leaves_other_graphs(remote: RemoteStore) -> None:
    _foreign(remote)
    graphs = load_graphs(EXAMPLE, ONTOLOGY)
    first = publish(graphs, remote)
    before = (
        remote.graphs(),
        remote.select("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"),
    )
    second = publish(graphs, remote)
    after = (
        remote.graphs(),
        remote.select("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"),
    )
    assert {c.action for c in first.changes} == {"create"}
    assert {c.action for c in second.changes} == {"keep"}
    assert before == after
    assert len(after[0]) == len(graphs) + 1
    assert second.untouched == [FOREIGN]
    assert remote.get_graph(FOREIGN)


def test_a_changed_graph_is_replaced(remote: RemoteStore) -> None:
    graphs = load_graphs(EXAMPLE)
    publish(graphs, remote)
    entities = "https://w3id.org/coopgraph/graph/entities"
    extra = (
        b'<https://w3id.org/coopgraph/id/x> <http://www.w3.org/2004/02/skos/core#prefLabel> "X" .\n'
    )
    remote.put_graph(entities, graphs[entities] + extra)
    report = publish(graphs, remote)
    change = next(c for c in report.changes if c.graph == entities)
    assert (change.action, change.added, change.removed) == ("replace", 0, 1)
    assert not remote.ask("ASK { <https://w3id.org/coopgraph/id/x> ?p ?o }")


def test_dry_run_writes_nothing(remote: RemoteStore) -> None:
    _foreign(remote)
    report = publish(load_graphs(EXAMPLE, ONTOLOGY), remote, dry_run=True)
    assert [c.action for c in report.changes] == ["create"] * 3
    assert report.totals()["added"] > 700
    assert remote.graphs() == [FOREIGN]


def test_union_probe(remote: RemoteStore, plain_oxigraph_url: str) -> None:
    assert remote.union_default_graph() is None
    _published(remote)
    assert remote.union_default_graph() is True
    plain = RemoteStore(Endpoints.resolve(plain_oxigraph_url, "oxigraph"), retries=0)
    _published(plain)
    assert plain.union_default_graph() is False
    with pytest.raises(UnionGraphOff, match="--union-default-graph"):
        connect(Settings(store_url=plain_oxigraph_url, store_kind="oxigraph", store_retries=0))
    plain.close()


def test_connect_checks_the_store(oxigraph_url: str) -> None:
    store = connect(Settings(store_url=oxigraph_url, store_kind="oxigraph"))
    assert isinstance(store, RemoteStore) and store.location.startswith(oxigraph_url)
    assert store.ask("ASK {}") is True  # it answers over HTTP
    store.close()


def test_unreachable_store() -> None:
    settings = Settings(
        store_url=f"http://127.0.0.1:{free_port()}", store_kind="oxigraph", store_retries=1
    )
    with pytest.raises(StoreUnavailable, match=r"tried 2 times.*COOPGRAPH_STORE_URL"):
        connect(settings)


def test_bad_query_is_refused_with_the_servers_message(remote: RemoteStore) -> None:
    with pytest.raises(StoreRefused) as caught:
        remote.select("SELECT ?x WHERE { ?x")
    assert caught.value.status == 400
    assert caught.value.server_message


def test_credentials_through_a_guarding_proxy(guarded_url: str) -> None:
    good = [
        Settings(
            store_url=guarded_url, store_kind="oxigraph", store_user=USER, store_password=PASSWORD
        ),
        Settings(store_url=guarded_url, store_kind="oxigraph", store_token=TOKEN),
    ]
    for settings in good:
        store = connect(settings, require_union=False)
        assert store.ask("ASK {}") is True
        store.close()
    for bad in (
        Settings(
            store_url=guarded_url, store_kind="oxigraph", store_user=USER, store_password="no"
        ),
        Settings(store_url=guarded_url, store_kind="oxigraph", store_token="wrong"),
        Settings(store_url=guarded_url, store_kind="oxigraph"),
    ):
        with pytest.raises(StoreRefused, match=r"HTTP 401.*COOPGRAPH_STORE_PASSWORD"):
            connect(bad)


def test_publish_command(remote: RemoteStore, oxigraph_url: str) -> None:
    runner = CliRunner()
    args = ["publish", "--to", oxigraph_url, "--kind", "oxigraph", "--graph", str(EXAMPLE)]
    dry = runner.invoke(app, [*args, "--dry-run"])
    assert dry.exit_code == 0, dry.output
    assert "Dry run" in dry.output and remote.graphs() == []
    done = runner.invoke(app, args)
    assert done.exit_code == 0, done.output
    assert "3 graphs, 3 changed" in done.output
    again = runner.invoke(app, args)
    assert "3 graphs, 0 changed" in again.output
    assert len(remote.graphs()) == 3


def test_publish_command_errors(oxigraph_url: str, tmp_path: Path) -> None:
    runner = CliRunner()
    closed = runner.invoke(
        app,
        ["publish", "--to", f"http://127.0.0.1:{free_port()}", "--graph", str(EXAMPLE)],
        env={"COOPGRAPH_STORE_RETRIES": "0"},
    )
    assert closed.exit_code == 1 and "cannot use the triple store" in closed.output
    assert "Traceback" not in closed.output
    missing = runner.invoke(
        app, ["publish", "--to", oxigraph_url, "--graph", str(tmp_path / "x.trig")]
    )
    assert missing.exit_code == 1 and "run `coopgraph build` first" in missing.output
    no_gsp = runner.invoke(
        app,
        ["publish", "--to", oxigraph_url + "/query", "--kind", "generic", "--graph", str(EXAMPLE)],
    )
    assert no_gsp.exit_code == 1 and "COOPGRAPH_STORE_GSP_URL" in no_gsp.output
    bad_url = runner.invoke(app, ["publish", "--to", "localhost:7878", "--graph", str(EXAMPLE)])
    assert bad_url.exit_code == 1 and "is not an http(s) URL" in bad_url.output
    nowhere = runner.invoke(
        app, ["publish", "--graph", str(EXAMPLE)], env={"COOPGRAPH_STORE_URL": ""}
    )
    assert nowhere.exit_code == 1 and "--to URL" in nowhere.output


def test_raw_queries_take_protocol_graphs(remote: RemoteStore, embedded: EmbeddedStore) -> None:
    _published(remote)
    entities = ["https://w3id.org/coopgraph/graph/entities"]
    query = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
    answers = [
        store.query_raw(query, "text/csv", default_graph=entities)[0].splitlines()[1]
        for store in (remote, embedded)
    ]
    assert answers == [b"44", b"44"]
    named = "SELECT (COUNT(DISTINCT ?g) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"
    body, _ = remote.query_raw(named, "text/csv", named_graphs=entities)
    assert body.splitlines()[1] == b"1"


def test_publish_command_warns_when_queries_miss_the_named_graphs(plain_oxigraph_url: str) -> None:
    args = ["publish", "--to", plain_oxigraph_url, "--kind", "oxigraph", "--graph", str(EXAMPLE)]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    assert "warning: queries at" in result.output and "--union-default-graph" in result.output


def test_publish_command_refuses_clashing_credentials(oxigraph_url: str) -> None:
    result = CliRunner().invoke(
        app,
        ["publish", "--to", oxigraph_url, "--user", "u", "--graph", str(EXAMPLE)],
        env={"COOPGRAPH_STORE_TOKEN": "t", "COOPGRAPH_STORE_PASSWORD": "p"},
    )
    assert result.exit_code == 1
    assert "bad settings" in result.output and "not both" in result.output
