"""The remote store's HTTP behaviour, with a scripted server (httpx MockTransport)."""

from __future__ import annotations

from collections.abc import Callable

import httpx
import pytest

from coopgraph.store.connection import (
    Endpoints,
    RemoteStore,
    StoreRefused,
    StoreTimeout,
    StoreUnavailable,
)

ENDPOINTS = Endpoints.resolve("http://store.test", "oxigraph")
EMPTY = b'{"head": {"vars": ["x"]}, "results": {"bindings": []}}'
JSON = {"content-type": "application/sparql-results+json"}


def scripted(*answers: httpx.Response | Exception) -> tuple[RemoteStore, list[httpx.Request]]:
    """A store whose server gives ``answers`` in turn; the requests it saw are collected."""
    seen: list[httpx.Request] = []
    queue = list(answers)

    def handle(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        answer = queue.pop(0)
        if isinstance(answer, Exception):
            raise answer
        return answer

    store = RemoteStore(ENDPOINTS, retries=2, backoff=0.001, transport=httpx.MockTransport(handle))
    return store, seen


def ok() -> httpx.Response:
    return httpx.Response(200, content=EMPTY, headers=JSON)


def test_5xx_and_429_are_retried_then_answered() -> None:
    store, seen = scripted(
        httpx.Response(502), httpx.Response(429, headers={"Retry-After": "0"}), ok()
    )
    assert store.select("SELECT ?x WHERE { ?x ?p ?o }") == []
    assert len(seen) == 3


def test_connection_errors_are_retried() -> None:
    store, seen = scripted(httpx.ConnectError("refused"), ok())
    assert store.select("SELECT ?x WHERE { ?x ?p ?o }") == []
    assert len(seen) == 2


def test_persistent_failure_is_unavailable() -> None:
    store, seen = scripted(*[httpx.Response(500, text="disk full")] * 3)
    with pytest.raises(StoreUnavailable, match=r"HTTP 500: disk full \(tried 3 times\)"):
        store.ask("ASK {}")
    assert len(seen) == 3


def test_an_update_is_not_resent_after_a_500() -> None:
    store, seen = scripted(httpx.Response(500, text="oops"), httpx.Response(204))
    with pytest.raises(StoreUnavailable, match="oops"):
        store.update("INSERT DATA { <a:b> <a:c> <a:d> }")
    assert len(seen) == 1


def test_an_update_is_resent_when_it_never_left() -> None:
    store, seen = scripted(httpx.ConnectError("refused"), httpx.Response(204))
    store.update("INSERT DATA { <a:b> <a:c> <a:d> }")
    assert len(seen) == 2
    assert seen[1].content.startswith(b"update=")


def test_4xx_is_refused_with_status_message_and_hint() -> None:
    store, _ = scripted(
        httpx.Response(
            401, text="<html><b>Unauthorized</b></html>", headers={"content-type": "text/html"}
        )
    )
    with pytest.raises(StoreRefused) as caught:
        store.ask("ASK {}")
    assert caught.value.status == 401
    assert caught.value.server_message == "Unauthorized"
    assert "COOPGRAPH_STORE_TOKEN" in str(caught.value)


def test_a_slow_answer_times_out_without_retry() -> None:
    store, seen = scripted(httpx.ReadTimeout("slow"), ok())
    with pytest.raises(StoreTimeout, match="did not answer in time"):
        store.query_raw("SELECT * WHERE { ?s ?p ?o }", "text/csv", timeout=0.5)
    assert len(seen) == 1


def test_an_answer_that_is_not_sparql_is_refused() -> None:
    store, _ = scripted(
        httpx.Response(200, text="<html>hello</html>", headers={"content-type": "text/html"})
    )
    with pytest.raises(StoreRefused, match="unexpected answer of type 'text/html'"):
        store.select("SELECT ?x WHERE { ?x ?p ?o }")


def test_requests_carry_credentials_accept_and_prefixes() -> None:
    seen: list[httpx.Request] = []

    def handle(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(200, content=b"x\r\n", headers={"content-type": "text/csv"})

    transport = httpx.MockTransport(handle)
    bearer = RemoteStore(ENDPOINTS, auth="tok", transport=transport)
    body, media = bearer.query_raw("SELECT ?x WHERE { ?x a cg:Park }", "text/csv")
    basic = RemoteStore(ENDPOINTS, auth=("u", "p"), transport=transport)
    basic.query_raw("SELECT ?x WHERE { ?x ?p ?o }", "text/csv")
    assert (body, media) == (b"x\r\n", "text/csv")
    assert seen[0].headers["authorization"] == "Bearer tok"
    assert seen[0].headers["accept"] == "text/csv"
    assert b"PREFIX+cg%3A" in seen[0].content
    assert seen[1].headers["authorization"].startswith("Basic ")
    assert b"PREFIX" not in seen[1].content


def test_graph_store_requests() -> None:
    answers: dict[str, Callable[[httpx.Request], httpx.Response]] = {
        "GET": lambda r: httpx.Response(
            200, text='<a:s> <a:p> "o" .', headers={"content-type": "text/turtle"}
        ),
        "PUT": lambda r: httpx.Response(204),
        "DELETE": lambda r: httpx.Response(404),
    }
    seen: list[httpx.Request] = []

    def handle(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return answers[request.method](request)

    store = RemoteStore(ENDPOINTS, transport=httpx.MockTransport(handle))
    assert store.get_graph("http://g.test/1") == b'<a:s> <a:p> "o" .\n'
    store.put_graph("http://g.test/1", b"<a:s> <a:p> <a:o> .\n")
    assert store.delete_graph("http://g.test/1") is False
    assert [str(r.url) for r in seen] == [
        "http://store.test/store?graph=http%3A%2F%2Fg.test%2F1"
    ] * 3
    assert seen[1].headers["content-type"] == "application/n-triples"


def test_missing_graph_is_none() -> None:
    store, _ = scripted(httpx.Response(404, text="not found"))
    assert store.get_graph("http://g.test/absent") is None


def test_no_graph_store_url() -> None:
    store = RemoteStore(Endpoints.resolve("http://store.test/sparql"))
    with pytest.raises(StoreRefused, match="COOPGRAPH_STORE_GSP_URL"):
        store.get_graph("http://g.test/1")


def test_options_a_remote_store_cannot_take() -> None:
    store, seen = scripted(ok())
    with pytest.raises(TypeError, match="cannot take custom_functions"):
        store.query("SELECT ?x WHERE { ?x ?p ?o }", custom_functions={"f": len})
    assert seen == []
