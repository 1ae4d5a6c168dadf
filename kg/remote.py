"""A kg store on any SPARQL 1.1 server, for when one machine's embedded store is not enough.

Reads go over the SPARQL 1.1 Protocol; each article's graph is written whole with a
Graph Store Protocol PUT (or, for servers without one such as Neptune, a SPARQL Update
that drops and re-inserts it), so pushing again replaces rather than duplicates.
Queries expect the server's default graph to be the union of the named graphs, as
the embedded store's is (``oxigraph serve --union-default-graph``; see the README).

HTTP goes through requests: it is well kept, takes per-request timeouts, and hands a
streamed response body over as a file, so pyoxigraph parses results while they arrive.
SPARQLWrapper would add nothing here: it has no Graph Store Protocol and returns rdflib objects.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from itertools import islice
from typing import TYPE_CHECKING, BinaryIO
from urllib.parse import urlsplit, urlunsplit

import pyoxigraph as ox

from kg.binding import BindError, bind
from kg.store import DISTINCT_TRIPLES, QueryError, Rows, Store, StoreError, Term, export_format
from kg.vocab import PREFIXES

if TYPE_CHECKING:
    import requests

RESULTS = "application/sparql-results+json, application/n-triples;q=0.9, text/turtle;q=0.8"
ALL_QUADS = "SELECT ?s ?p ?o ?g WHERE { GRAPH ?g { ?s ?p ?o } }"
UNION = "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }"

@dataclass(frozen=True)
class Endpoint:
    """Where a SPARQL server answers, and how to sign in. ``repr`` never shows the password."""

    query: str
    update: str | None = None  # SPARQL 1.1 Update endpoint
    graph_store: str | None = None  # SPARQL 1.1 Graph Store Protocol endpoint
    user: str | None = None
    password: str | None = field(default=None, repr=False)
    timeout: float = 60.0  # seconds to wait for an answer

    def __post_init__(self):
        for name in ("query", "update", "graph_store"):
            url = getattr(self, name)
            if url is None:
                continue
            parts = urlsplit(url)
            if parts.scheme not in ("http", "https") or not parts.hostname:
                raise StoreError(f"{name.replace('_', ' ')} endpoint {redact(url)} is not an http(s) URL")
            if parts.username is not None:  # credentials in the URL move to the sign-in, out of every message
                object.__setattr__(self, "user", self.user or parts.username)
                object.__setattr__(self, "password", self.password or parts.password)
                object.__setattr__(self, name, redact(url))


def redact(url: str) -> str:
    """The URL without any user:password@ part, fit for messages."""
    parts = urlsplit(url)
    host = parts.hostname or ""
    netloc = f"{host}:{parts.port}" if parts.port else host
    return urlunsplit(parts._replace(netloc=netloc))


class RemoteStore:
    """The `Store` interface over HTTP: query, load, put_graphs, export, stats, documents."""

    def __init__(self, endpoint: Endpoint):
        import requests

        self.endpoint = endpoint
        self._session = requests.Session()
        if endpoint.user is not None:
            self._session.auth = (endpoint.user, endpoint.password or "")

    def __len__(self) -> int:
        """Quads in the server's named graphs."""
        return self._count("GRAPH ?g { ?s ?p ?o }", "*")

    # The counting and loading are the embedded store's, over this store's query and put_graphs.
    load = Store.load
    documents = Store.documents
    stats = Store.stats
    _count = Store._count

    def _triples(self) -> int:
        return self._count(DISTINCT_TRIPLES, "*")

    def _large(self) -> bool:
        return False  # the server counts distinct triples as it sees fit

    def query(
        self, sparql: str, params: Mapping[str, Term | str] | None = None, limit: int | None = None
    ) -> Rows | bool | list[ox.Triple]:
        """Run a read-only query on the server; ``params`` are bound as RDF terms (see `bind`).
        With a ``limit``, reading stops after that many rows or triples (see `Store.query`)."""
        try:
            bound = bind(sparql, params or {})
        except BindError as error:
            raise QueryError(str(error)) from error
        response = self._post(self.endpoint.query, {"query": _prologue() + bound}, RESULTS)
        with response:
            kind = response.headers.get("Content-Type", "").split(";")[0].strip()
            results_format = ox.QueryResultsFormat.from_media_type(kind)
            if results_format is not None:
                result = ox.parse_query_results(response.raw, results_format)
                if isinstance(result, ox.QueryBoolean):
                    return bool(result)
                columns = [variable.value for variable in result.variables]
                return Rows(columns, [tuple(solution[i] for i in range(len(columns)))
                                      for solution in islice(result, limit)])
            rdf_format = ox.RdfFormat.from_media_type(kind)
            if rdf_format is None:
                raise StoreError(f"{self.endpoint.query} answered with {kind or 'no content type'}, not SPARQL results")
            return [quad.triple for quad in islice(ox.parse(response.raw, rdf_format), limit)]

    def update(self, sparql: str) -> int:
        """Run a SPARQL Update on the server's update endpoint; gives the quads it added (see `Store.update`)."""
        if self.endpoint.update is None:
            raise StoreError("changing the server needs --update-endpoint URL")
        before = len(self)
        self._send("POST", self.endpoint.update, data={"update": _prologue() + sparql}).close()
        return len(self) - before

    def put_graphs(self, graphs: Mapping[str, bytes]) -> None:
        """Replace each named graph on the server whole with its N-Quads, one request per graph."""
        if self.endpoint.graph_store is None and self.endpoint.update is None:
            raise StoreError("writing to a server needs --graph-store URL (Graph Store Protocol) or --update-endpoint URL")
        for name, nquads in graphs.items():
            triples = [quad.triple for quad in ox.parse(nquads, ox.RdfFormat.N_QUADS)]
            if self.endpoint.graph_store is not None:
                body = ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES)
                self._send("PUT", self.endpoint.graph_store, params={"graph": name}, data=body,
                           headers={"Content-Type": "application/n-triples"}).close()
                continue
            graph = ox.NamedNode(name)
            lines = "\n".join(f"{t.subject} {t.predicate} {t.object} ." for t in triples)
            update = f"DROP SILENT GRAPH {graph} ;\nINSERT DATA {{ GRAPH {graph} {{\n{lines}\n}} }}"
            self._send("POST", self.endpoint.update, data={"update": update}).close()

    def export(self, format: str, output: BinaryIO) -> None:
        """Write the server's graphs as ``format``, streamed through as they arrive."""
        rdf_format, with_graphs = export_format(format)
        prefixes = {name: iri for name, iri in PREFIXES.items() if name != "id"}
        if with_graphs:
            response = self._post(self.endpoint.query, {"query": ALL_QUADS}, "text/tab-separated-values")
            statements: Iterator = _quads(ox.parse_query_results(response.raw, ox.QueryResultsFormat.TSV))
        else:
            response = self._post(self.endpoint.query, {"query": UNION}, "application/n-triples")
            statements = ox.parse(response.raw, ox.RdfFormat.N_TRIPLES)
        with response:
            ox.serialize(statements, output, rdf_format, prefixes=prefixes)

    def _post(self, url: str, form: dict[str, str], accept: str) -> "requests.Response":
        return self._send("POST", url, data=form, headers={"Accept": accept}, stream=True)

    def _send(self, method: str, url: str, **kwargs) -> "requests.Response":
        """One request, with the endpoint's timeout; failures become `StoreError` without credentials."""
        import requests

        try:
            response = self._session.request(method, url, timeout=(10, self.endpoint.timeout), **kwargs)
        except requests.Timeout:
            raise StoreError(f"{url} did not answer within {self.endpoint.timeout:g} s") from None
        except requests.ConnectionError:
            raise StoreError(f"cannot reach {url}: is the server running?") from None
        except requests.RequestException as error:
            raise StoreError(f"request to {url} failed: {type(error).__name__}") from None
        if response.status_code in (401, 403):
            response.close()
            raise StoreError(f"{url} refused the request (HTTP {response.status_code}): check --user and $KG_PASSWORD")
        if response.status_code >= 400:
            message = " ".join(response.text.split())[:500]
            response.close()
            form = kwargs.get("data")
            error = QueryError if response.status_code == 400 and isinstance(form, dict) and "query" in form else StoreError
            raise error(f"{url} answered HTTP {response.status_code}: {message}")
        response.raw.decode_content = True
        return response


def push(store: Store, remote: RemoteStore, batch: int = 64) -> tuple[int, int]:
    """Copy every article graph of ``store`` to ``remote``, each replacing the server's
    copy whole; returns (graphs, quads) pushed."""
    graphs = quads = 0
    pending: dict[str, bytes] = {}
    for name, nquads in store.graphs():
        pending[name] = nquads
        graphs += 1
        quads += nquads.count(b"\n")
        if len(pending) >= batch:
            remote.put_graphs(pending)
            pending = {}
    remote.put_graphs(pending)
    return graphs, quads


def _prologue() -> str:
    """The prefixes the embedded store predeclares, declared for the server."""
    return "".join(f"PREFIX {name}: <{iri}>\n" for name, iri in PREFIXES.items())


def _quads(solutions: ox.QuerySolutions) -> Iterator[ox.Quad]:
    for solution in solutions:
        yield ox.Quad(solution["s"], solution["p"], solution["o"], solution["g"])
