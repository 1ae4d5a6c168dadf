"""kg against a real SPARQL server: Oxigraph's, started here on a free loopback port."""

from __future__ import annotations

import http.server
import io
import json
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import pyoxigraph as ox
import pytest
import requests

from conftest import SEED, fake_extract
from kg.model import Article
from kg.remote import Endpoint, RemoteStore, push
from kg.store import QueryError, Store, StoreError
from test_cli import Runner
from kg.cli import main

OXIGRAPH = shutil.which("oxigraph", path=str(Path(sys.executable).parent)) or shutil.which("oxigraph")
pytestmark = pytest.mark.skipif(OXIGRAPH is None, reason="the oxigraph server (pip install oxigraph) is not installed")

INJECTIONS = [
    'Kindratenko" } ; DROP ALL ; #',
    "Oleksandr Kindratenko' || true || '",
    '" . } UNION { ?c ?p ?name } #',
    "\\u0022 } UNION { ?c ?p ?name } #",
    'line\nbreak" }\r\n# comment',
    "?name",
    "<https://w3id.org/kg-news/id/person/oleksandr-kindratenko>",
]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_until_up(url: str, process: subprocess.Popen) -> None:
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the server exited with {process.returncode}")
        try:
            requests.get(url, params={"query": "ASK {}"}, timeout=1)
            return
        except requests.ConnectionError:
            time.sleep(0.1)
    raise RuntimeError(f"no answer from {url}")


@pytest.fixture
def server(tmp_path):
    """An Oxigraph server on its own empty store; yields its base URL."""
    port = free_port()
    process = subprocess.Popen(
        [OXIGRAPH, "serve", "--location", str(tmp_path / "server"), "--bind", f"127.0.0.1:{port}",
         "--union-default-graph"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until_up(base + "/query", process)
        yield base
    finally:
        process.terminate()
        process.wait(10)


def remote(base: str, via: str = "graph_store") -> RemoteStore:
    targets = {"graph_store": base + "/store"} if via == "graph_store" else {"update": base + "/update"}
    return RemoteStore(Endpoint(base + "/query", **targets))


@pytest.fixture
def kg(server, tmp_path, fake_extractor):
    """Run kg against the server (and a local store for push)."""
    runner = Runner()

    def run(*args: str, env: dict | None = None):
        options = ["--store", str(tmp_path / "local"), "--endpoint", server + "/query", "--graph-store", server + "/store"]
        return runner.invoke(main, [*options, *args], env=env)

    return run


def local_store(extraction) -> Store:
    store = Store()
    store.load(extraction)
    store.load(fake_extract(Article("b", 'Bo Chan said "rain is \\"coming\\" — ünïcode\ttoo" today.')))
    return store


@pytest.mark.parametrize("via", ["graph_store", "update"])
def test_pushing_again_adds_nothing_and_the_server_answers_as_the_local_store(server, extraction, via):
    store, server_store = local_store(extraction), remote(server, via)
    assert push(store, server_store) == (2, len(store))
    assert push(store, server_store) == (2, len(store))
    assert len(server_store) == len(store)
    assert server_store.stats() == store.stats()
    assert server_store.documents() == ["000_0da5bea54c4e428b", "b"]
    query = "SELECT ?name ?t WHERE { ?c kg:attributedTo/rdfs:label ?name ; kg:text ?t } ORDER BY ?name ?t"
    assert server_store.query(query) == store.query(query)
    assert server_store.query("ASK { ?c a kg:Claim }") is True
    construct = "CONSTRUCT { ?c kg:text ?t } WHERE { ?c kg:text ?t }"
    assert set(server_store.query(construct)) == set(store.query(construct))


def test_an_edited_article_replaces_its_graph_on_the_server(server):
    server_store = remote(server)
    server_store.load(fake_extract(Article("a", 'Ann Lee said "the bridge is open" today.')))
    server_store.load(fake_extract(Article("a", 'Ann Lee said "the bridge is closed" today.')))
    rows = server_store.query("SELECT ?t WHERE { ?c kg:text ?t }")
    assert [row[0].value for row in rows.rows] == ["the bridge is closed"]


@pytest.mark.parametrize("value", INJECTIONS)
def test_parameters_reach_the_server_as_plain_values(server, extraction, value):
    server_store = remote(server)
    push(local_store(extraction), server_store)
    size = len(server_store)
    rows = server_store.query("SELECT ?c ?name WHERE { ?c kg:attributedTo/rdfs:label ?name }", {"name": value})
    assert rows.rows == []
    echoed = server_store.query("SELECT ?v WHERE { }", {"v": value})
    assert echoed.rows == [(ox.Literal(value),)]  # the very same string came back
    assert len(server_store) == size


def test_iri_and_literal_parameters_bind_like_the_embedded_store(server, extraction):
    store, server_store = local_store(extraction), remote(server)
    push(store, server_store)
    who = ox.NamedNode("https://w3id.org/kg-news/id/person/oleksandr-kindratenko")
    query = "SELECT ?t ?who WHERE { ?c kg:attributedTo ?who ; kg:text ?t }"
    assert server_store.query(query, {"who": who}) == store.query(query, {"who": who})
    by_name = "SELECT ?t ?part WHERE { ?c kg:attributedTo/rdfs:label ?name ; kg:text ?t FILTER(CONTAINS(?name, ?part)) }"
    assert server_store.query(by_name, {"part": "Kindra"}) == store.query(by_name, {"part": "Kindra"})


@pytest.mark.parametrize("fmt", ["turtle", "ntriples", "nquads", "trig", "jsonld"])
def test_export_from_the_server_holds_the_same_graph(server, extraction, fmt):
    store, server_store = local_store(extraction), remote(server)
    push(store, server_store)
    mine, theirs = io.BytesIO(), io.BytesIO()
    store.export(fmt, mine)
    server_store.export(fmt, theirs)
    rdf_format = {"turtle": ox.RdfFormat.TURTLE, "ntriples": ox.RdfFormat.N_TRIPLES, "nquads": ox.RdfFormat.N_QUADS,
                  "trig": ox.RdfFormat.TRIG, "jsonld": ox.RdfFormat.JSON_LD}[fmt]
    assert set(ox.parse(theirs.getvalue(), rdf_format)) == set(ox.parse(mine.getvalue(), rdf_format))


def test_updates_are_refused_on_the_query_endpoint(server, extraction):
    server_store = remote(server)
    push(local_store(extraction), server_store)
    size = len(server_store)
    with pytest.raises(QueryError, match="HTTP 400"):
        server_store.query("DROP ALL")
    assert len(server_store) == size


def test_cli_build_query_stats_export_push_through_the_server(kg, server):
    result = kg("build", str(SEED))
    assert result.exit_code == 0, result.output
    assert f"into {server}/query" in result.stderr
    rows = json.loads(kg("query", "claims-by-speaker", "-p", "speaker=kindratenko", "-f", "json").output)
    assert [row["cue"] for row in rows] == ["stated"]
    assert len(json.loads(kg("query", "who-said-what", "-f", "json", "--limit", "1").output)) == 1
    stats = json.loads(kg("stats", "--json").output)
    assert (stats["documents"], stats["claims"]) == (1, 6)
    exported = kg("export", "-f", "ntriples").stdout_bytes
    assert len(set(ox.parse(exported, ox.RdfFormat.N_TRIPLES))) == stats["triples"]
    assert "Oleksandr Kindratenko" in kg("sources").output
    rebuilt = kg("build", str(SEED))
    assert rebuilt.exit_code == 0
    assert json.loads(kg("stats", "--json").output) == stats  # the same article again replaced, not added


def test_cli_push_copies_the_local_store(kg, server, tmp_path):
    runner = Runner()
    local = runner.invoke(main, ["--store", str(tmp_path / "local"), "build", "--no-show", str(SEED)])
    assert local.exit_code == 0, local.output
    first, second = kg("push"), kg("push")
    assert first.exit_code == 0, first.output
    assert "Pushed 1 article graph" in first.stderr and second.stderr == first.stderr
    assert json.loads(kg("stats", "--json").output)["claims"] == 6


def test_an_unreachable_server_is_one_clear_line(tmp_path):
    url = f"http://kg:hunter2@127.0.0.1:{free_port()}/query"
    result = Runner().invoke(main, ["--endpoint", url, "stats"])
    assert result.exit_code == 1
    assert result.stderr.strip().startswith("Error: cannot reach http://127.0.0.1:")
    assert "hunter2" not in result.output and "Traceback" not in result.output


class Refusing(http.server.BaseHTTPRequestHandler):
    def do_POST(self):
        self.send_response(401)
        self.send_header("WWW-Authenticate", 'Basic realm="sparql"')
        self.end_headers()

    def log_message(self, *args):
        pass


def test_a_refusing_server_and_credentials_never_shown(tmp_path):
    httpd = http.server.HTTPServer(("127.0.0.1", 0), Refusing)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        url = f"http://127.0.0.1:{httpd.server_port}/query"
        env = {"KG_USER": "kg", "KG_PASSWORD": "hunter2"}
        result = Runner().invoke(main, ["--endpoint", url, "query", "who-said-what"], env=env)
        assert result.exit_code == 1
        assert "refused the request (HTTP 401)" in result.stderr
        help_text = Runner().invoke(main, ["--help"], env=env).output
        assert "hunter2" not in result.output + help_text
        assert "hunter2" not in repr(Endpoint(url, user="kg", password="hunter2"))
    finally:
        httpd.shutdown()


def test_a_silent_server_times_out():
    with socket.socket() as silent:  # accepts connections (the kernel does) but never answers
        silent.bind(("127.0.0.1", 0))
        silent.listen()
        url = f"http://127.0.0.1:{silent.getsockname()[1]}/query"
        started = time.monotonic()
        with pytest.raises(StoreError, match="did not answer within 0.5 s"):
            RemoteStore(Endpoint(url, timeout=0.5)).query("ASK {}")
        assert time.monotonic() - started < 5


def test_writing_needs_a_graph_store_or_update_endpoint(server):
    with pytest.raises(StoreError, match="--graph-store"):
        RemoteStore(Endpoint(server + "/query")).load(fake_extract(Article("a", 'Ann said "hi" now.')))


def test_kg_serve_answers_queries_and_stops_its_server(tmp_path, fake_extractor):
    store = tmp_path / "kg.oxigraph"
    assert Runner().invoke(main, ["--store", str(store), "build", "--no-show", str(SEED)]).exit_code == 0
    port = free_port()
    serve = subprocess.Popen(
        [sys.executable, "-m", "kg", "--store", str(store), "serve", "--bind", f"127.0.0.1:{port}"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    try:
        wait_until_up(f"http://127.0.0.1:{port}/query", serve)
        server_store = RemoteStore(Endpoint(f"http://127.0.0.1:{port}/query"))
        assert server_store.stats().claims == 6  # the union of the article graphs, as kg expects
        assert "<html" in requests.get(f"http://127.0.0.1:{port}/", timeout=5).text.lower()  # the query page
    finally:
        serve.send_signal(signal.SIGTERM)
        serve.wait(10)
    with pytest.raises(requests.ConnectionError):  # the server went with it
        requests.get(f"http://127.0.0.1:{port}/query", params={"query": "ASK {}"}, timeout=2)
