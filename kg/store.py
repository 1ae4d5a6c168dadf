"""The graph store: pyoxigraph on disk (or in memory), one named graph per article.

Queries see the union of all article graphs, so a person named in two articles
is one node with claims from both. Loading an article replaces its graph in a
single transaction: a failed load leaves the store exactly as it was.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path
from typing import BinaryIO

import pyoxigraph as ox
from filelock import FileLock, Timeout

from kg.defaults import DEFAULT_STORE, STORE_ENV
from kg.graph import article_quads, graph_iri
from kg.model import Extraction
from kg.vocab import KG, PREFIXES

Term = ox.NamedNode | ox.Literal | ox.BlankNode | ox.Triple
BULK_BYTES = 1_000_000  # below this, a transaction is quicker than the bulk loader's fixed cost

# name → (format, whether it holds named graphs; those without get the union of all graphs)
EXPORT_FORMATS: dict[str, tuple[ox.RdfFormat, bool]] = {
    "turtle": (ox.RdfFormat.TURTLE, False),
    "ntriples": (ox.RdfFormat.N_TRIPLES, False),
    "nquads": (ox.RdfFormat.N_QUADS, True),
    "trig": (ox.RdfFormat.TRIG, True),
    "jsonld": (ox.RdfFormat.JSON_LD, True),
}


class StoreError(Exception):
    """The store can't be opened or a request to it is invalid."""


class QueryError(StoreError):
    """The SPARQL text is not a valid read-only query."""


def default_path() -> Path:
    """``$KG_STORE`` if set, else ``./kg.oxigraph``."""
    return Path(os.environ.get(STORE_ENV) or DEFAULT_STORE)


@dataclass(slots=True)
class Rows:
    """SELECT results: column names and one tuple of terms (None when unbound) per row."""

    columns: list[str]
    rows: list[tuple[Term | None, ...]]


@dataclass(slots=True)
class Stats:
    documents: int
    claims: int
    triples: int  # distinct triples in the union of all graphs
    quads: int  # as stored, one per triple per graph
    entities: dict[str, int] = field(default_factory=dict)  # class local name → count


class StoreBusy(StoreError):
    """Another process is writing to the store."""


def export_format(format: str) -> tuple[ox.RdfFormat, bool]:
    """The RDF format for an export name, and whether it carries named graphs."""
    try:
        return EXPORT_FORMATS[format]
    except KeyError:
        raise StoreError(f"unknown format {format!r}; choose from {', '.join(EXPORT_FORMATS)}") from None


class Store:
    """A kg store. ``Store()`` is in memory; ``Store(path)`` persists to a directory.

    One process writes to an on-disk store at a time: a writable store holds
    ``PATH.lock`` beside it for as long as this object lives, and a second writer
    waits up to ``wait`` seconds for it, then gets `StoreBusy`. A ``read_only``
    store takes no lock and reads a snapshot, even while a build writes.
    """

    def __init__(
        self, path: str | Path | None = None, *, create: bool = True, read_only: bool = False, wait: float = 0
    ):
        self.path = None if path is None else Path(path)
        if self.path is not None and not create and not self.path.exists():
            raise StoreError(f"no store at {self.path}; run 'kg build' first or pass --store")
        self._lock = None if self.path is None or read_only else _lock(self.path, wait)
        self.bulk_loaded = 0  # bytes of N-Quads put through the bulk loader since opening
        try:
            if self.path is None:
                self._store = ox.Store()
            else:
                self._store = ox.Store.read_only(str(self.path)) if read_only else ox.Store(str(self.path))
        except OSError as error:
            if self._lock is not None:
                self._lock.release()
            raise StoreError(f"cannot open store at {self.path}: {error}") from error

    def __len__(self) -> int:
        return len(self._store)

    def load(self, extraction: Extraction) -> int:
        """Replace the article's named graph with this extraction; returns the triple count."""
        quads = article_quads(extraction)
        self.put_graphs({str(graph_iri(extraction.article.id)): ox.serialize(quads, format=ox.RdfFormat.N_QUADS)})
        return len(quads)

    def put_graphs(self, graphs: Mapping[str, bytes]) -> None:
        """Replace each named graph whole with its N-Quads (every quad in that graph), as written
        by pyoxigraph (`Store.graphs`, `kg.graph`): they are not validated again.

        Graphs new to the store go in together, in one ingestion: a batch of a megabyte
        or more through the bulk loader, four times faster and far leaner than a
        transaction. A graph already stored is dropped and re-inserted in one transaction.
        """
        new = []
        for name, nquads in graphs.items():
            graph = ox.NamedNode(name)
            if not self._store.contains_named_graph(graph):
                new.append(nquads)
                continue
            quads = ox.parse(nquads, ox.RdfFormat.N_QUADS)
            lines = "\n".join(f"{q.subject} {q.predicate} {q.object} ." for q in quads)
            self._store.update(f"DROP SILENT GRAPH {graph} ;\nINSERT DATA {{ GRAPH {graph} {{\n{lines}\n}} }}")
        data = b"".join(new)
        if len(data) >= BULK_BYTES:
            # Lenient: these N-Quads were written by pyoxigraph from valid terms, so checking every
            # IRI again only costs time (a fifth of the bulk loader's CPU time on kg's graphs).
            self._store.bulk_load(data, ox.RdfFormat.N_QUADS, lenient=True)
            self.bulk_loaded += len(data)
        elif data:
            self._store.load(data, ox.RdfFormat.N_QUADS)

    def optimize(self) -> None:
        """Compact the store's files. Each bulk load adds files that every lookup then has to
        consult, so after a large build queries run hundreds of times faster once compacted."""
        self._store.optimize()

    def remove(self, doc_id: str) -> None:
        """Forget everything read from one document."""
        self._store.remove_graph(ox.NamedNode(str(graph_iri(doc_id))))

    def documents(self) -> list[str]:
        """Ids of the documents in the store, sorted."""
        rows = self.query("SELECT ?id WHERE { ?d a kg:Document ; schema:identifier ?id } ORDER BY ?id")
        return [row[0].value for row in rows.rows]

    def query(
        self, sparql: str, params: Mapping[str, Term | str] | None = None, limit: int | None = None
    ) -> Rows | bool | list[ox.Triple]:
        """Run a read-only SPARQL query over the union of all graphs; ``limit`` keeps the first rows
        (or triples) only, and the engine, which streams, stops there unless it must sort or group.

        ``params`` are bound as RDF terms (plain ``str`` → literal) in VALUES blocks
        written by pyoxigraph (see `bind`), so a value can't change the query.
        The kg, schema, prov, rdf, rdfs, owl, xsd and id prefixes are predeclared.
        A triple stated by several articles (an entity's label) matches once per
        article in the union, so queries that join on entities need DISTINCT or GROUP BY.
        """
        try:
            result = self._store.query(bind(sparql, params or {}), prefixes=PREFIXES, use_default_graph_as_union=True)
        except SyntaxError as error:
            raise QueryError(f"not a valid read-only SPARQL query (updates are not allowed): {error}") from error
        except RuntimeError as error:
            raise QueryError(str(error)) from error
        if isinstance(result, ox.QueryBoolean):
            return bool(result)
        if isinstance(result, ox.QueryTriples):
            return list(islice(result, limit))
        columns = [variable.value for variable in result.variables]
        return Rows(columns, [tuple(solution[i] for i in range(len(columns))) for solution in islice(result, limit)])

    def update(self, sparql: str) -> None:
        """Run a SPARQL Update (INSERT, DELETE, DROP, ...) in one transaction.

        Kept apart from `query`, which refuses updates, so that changing the store
        is always asked for by name. The same prefixes are predeclared; unlike
        queries, updates address graphs as stored (use GRAPH for an article's).
        """
        try:
            self._store.update(sparql, prefixes=PREFIXES)
        except SyntaxError as error:
            raise QueryError(f"not a valid SPARQL Update: {error}") from error
        except RuntimeError as error:  # e.g. CREATE GRAPH of a graph that exists
            raise QueryError(f"the update failed, so nothing was changed: {error}") from error
        except OSError as error:  # e.g. a store opened read-only
            raise StoreError(f"cannot change the store: {error}") from error

    def export(self, format: str, output: BinaryIO) -> None:
        """Write the store as ``format`` (see `EXPORT_FORMATS`)."""
        rdf_format, with_graphs = export_format(format)
        # Resource IRIs contain '/', which prefixed names would have to escape; spell them out.
        prefixes = {name: iri for name, iri in PREFIXES.items() if name != "id"}
        # Streamed, never held in memory. The order is already stable: the store's indexes
        # sort quads by graph, then subject, predicate and object (by their hashed encoding,
        # which depends on the terms alone), so the same graph always exports the same bytes
        # and each subject's statements sit together, as Turtle and TriG group them.
        if with_graphs:
            self._store.dump(output, rdf_format, prefixes=prefixes)
        else:  # the union of all graphs; the engine drops repeats of a triple stated by several articles
            union = self._store.query("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }", use_default_graph_as_union=True)
            ox.serialize(union, output, rdf_format, prefixes=prefixes)

    def graphs(self) -> Iterator[tuple[str, bytes]]:
        """Each article's named graph as (IRI, N-Quads), one at a time: what `put_graphs` takes."""
        for graph in self._store.named_graphs():
            quads = self._store.quads_for_pattern(None, None, None, graph)
            yield graph.value, ox.serialize(quads, format=ox.RdfFormat.N_QUADS)

    def stats(self) -> Stats:
        """Counts of documents, claims, entities by class, triples and quads."""
        entities = self.query(
            "SELECT ?type (COUNT(DISTINCT ?e) AS ?n) WHERE { ?e a ?type "
            "FILTER(STRSTARTS(STR(?type), STR(kg:)) && ?type NOT IN (kg:Claim, kg:Document, kg:Span)) } "
            "GROUP BY ?type ORDER BY ?type"
        )
        return Stats(
            documents=self._count("?x a kg:Document"),
            claims=self._count("?x a kg:Claim"),
            triples=self._count("SELECT DISTINCT ?s ?p ?o WHERE { ?s ?p ?o }", "*"),
            quads=len(self),
            entities={row[0].value.removeprefix(str(KG)): int(row[1].value) for row in entities.rows},
        )

    def _count(self, pattern: str, counted: str = "DISTINCT ?x") -> int:
        rows = self.query(f"SELECT (COUNT({counted}) AS ?n) WHERE {{ {pattern} }}")
        return int(rows.rows[0][0].value)


# Strings, IRIs, variables and comments can hold braces or keywords that are not the query's own.
_TOKENS = re.compile(
    r'"""(?:[^"\\]|\\.|"(?!""))*"""'
    r"|'''(?:[^'\\]|\\.|'(?!''))*'''"
    r'|"(?:[^"\\\n\r]|\\.)*"'
    r"|'(?:[^'\\\n\r]|\\.)*'"
    r'|<[^<>"{}|^`\\\x00-\x20]*>'
    r"|[?$](?P<variable>\w+)"
    r"|#[^\n\r]*"
    r"|(?P<brace>[{}])"
    r"|(?P<word>[A-Za-z]+)",
    re.DOTALL,
)
_FORMS = {"SELECT", "ASK", "CONSTRUCT", "DESCRIBE"}


def bind(query: str, params: Mapping[str, Term | str]) -> str:
    """The query with ``params`` bound in a VALUES block opening its WHERE clause, each sub-SELECT's
    and each GRAPH pattern.

    Each value is written as an RDF term by pyoxigraph (literals escaped, IRIs validated
    when the NamedNode was made), so no value can end the block or change the query.
    Bound at the top of the query and of every such group that uses it, a variable is seen by
    filters, optional parts and subqueries (evaluated on their own), and Oxigraph starts from
    it: bound only at the top of the query (or through its substitutions), who-said-what for
    one article read every claim first, taking a minute at a million claims instead of 5 ms.
    A group that does not use it is left alone, or it would be evaluated as if unconstrained.
    """
    if not params:
        return query
    names = " ".join(f"?{name}" for name in params)
    terms = " ".join(_term(value) for value in params.values())
    values = f" VALUES ({names}) {{ ({terms}) }}"
    for at in reversed(_where_clauses(query, set(params))):
        query = query[: at + 1] + values + query[at + 1 :]
    return query


def _term(value: Term | str) -> str:
    if isinstance(value, str):
        value = ox.Literal(value)
    if not isinstance(value, (ox.NamedNode, ox.Literal)):
        raise QueryError(f"only IRIs and literals can be bound, not {value!r}")
    return str(value)


def _where_clauses(query: str, names: set[str]) -> list[int]:
    """Offsets of the '{' that opens the query's WHERE clause (after a CONSTRUCT template),
    then of each one that opens a sub-SELECT's WHERE clause or a GRAPH pattern using one of ``names``."""
    form = None
    skip_template = False
    opens_group = False
    where: int | None = None
    found: list[int] = []
    open_groups: list[tuple[int, bool, set[str]]] = []  # offset, sub-SELECT or GRAPH, variables inside
    for token in _TOKENS.finditer(query):
        if token["word"] and form is None and token["word"].upper() in _FORMS:
            form = token["word"].upper()
            skip_template = form == "CONSTRUCT"
        elif token["word"] and skip_template and not open_groups:
            skip_template = False  # CONSTRUCT WHERE { ... }: no template
        elif token["word"] and where is not None and token["word"].upper() in ("SELECT", "GRAPH"):
            opens_group = True
        elif token["variable"] and open_groups:
            open_groups[-1][2].add(token["variable"])
        elif token["brace"] == "{":
            if where is None and not open_groups and form is not None and not skip_template:
                where = token.start()
            open_groups.append((token.start(), opens_group, set()))
            opens_group = False
        elif token["brace"] == "}" and open_groups:
            start, candidate, variables = open_groups.pop()
            if open_groups:
                open_groups[-1][2].update(variables)
            elif skip_template:
                skip_template = False
            if candidate and variables & names:
                found.append(start)
    if where is None:
        raise QueryError("cannot bind parameters: the query has no WHERE clause")
    return [where, *sorted(found)]


def lock_path(path: Path) -> Path:
    """The lock file of the store at ``path``: ``kg.oxigraph`` → ``kg.oxigraph.lock``."""
    return path.with_name(path.name + ".lock")


def _lock(path: Path, wait: float) -> FileLock:
    lock = FileLock(lock_path(path))
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        lock.acquire(timeout=wait)
    except Timeout:
        raise StoreBusy(f"another process is writing to {path} (it holds {lock.lock_file})") from None
    return lock
