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

from kg.binding import BindError, bind
from kg.claim_answers import ANSWERS as CLAIM_ANSWERS
from kg.defaults import DEFAULT_STORE, STORE_ENV
from kg.graph import article_nquads, graph_iri
from kg.model import Extraction
from kg.summary import ANSWERS as SUMMARY_ANSWERS
from kg.summary import FILE_NAME as SUMMARY_FILE
from kg.summary import (
    LABEL_LOOKUP,
    UNATTRIBUTED,
    Delta,
    Summary,
    narrowed,
    plain_string,
    terms,
)
from kg.touched import touched_graphs
from kg.vocab import KG, PREFIXES

Term = ox.NamedNode | ox.Literal | ox.BlankNode | ox.Triple
# Listings of the whole corpus answered one article at a time, in the order of their ORDER BY's first key:
# the first rows come at once (and `limit` stops early) where one query sorts a million claims first.
PAGED = {"who-said-what": "article"}
ANSWERS = {**SUMMARY_ANSWERS, **CLAIM_ANSWERS}  # the named queries that the summary answers
UPDATE_KEYWORDS = {"INSERT", "DELETE", "LOAD", "CLEAR", "CREATE", "DROP", "COPY", "MOVE", "ADD", "WITH"}
QUERY_KEYWORDS = {"SELECT", "CONSTRUCT", "ASK", "DESCRIBE"}
_PROLOGUE = re.compile(r"^(?:\s+|#[^\n]*|PREFIX\s+[^\s:]*:\s*<[^>]*>|BASE\s*<[^>]*>)*", re.IGNORECASE)
DISTINCT_TRIPLES = "SELECT DISTINCT ?s ?p ?o WHERE { ?s ?p ?o }"
DISTINCT_IN_MEMORY = 5_000_000  # quads: above this, the union of all graphs is read streaming (`Store._large`)
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
    triples: int | None  # distinct triples in the union of all graphs (None: not counted)
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
        if self.path is not None and read_only and self.path.is_dir() and not (self.path / "CURRENT").exists():
            raise StoreError(f"{self.path} holds no store (a folder that Oxigraph never wrote); "
                             "run 'kg build' first or pass --store")
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
        # per-entity counts beside the graphs (kg.summary); an in-memory store keeps them in memory
        empty = next(iter(self._store.quads_for_pattern(None, None, None)), None) is None
        self.summary = Summary(None if self.path is None else self.path / SUMMARY_FILE,
                               read_only=read_only, empty=empty)

    def __len__(self) -> int:
        return len(self._store)

    def load(self, extraction: Extraction) -> int:
        """Replace the article's named graph with this extraction; returns the triple count."""
        nquads = article_nquads(extraction)  # one quad a line, as pyoxigraph writes them
        self.put_graphs({str(graph_iri(extraction.article.id)): nquads})
        return nquads.count(b"\n")

    def put_graphs(self, graphs: Mapping[str, bytes], contributions: Mapping[str, Delta] | None = None) -> None:
        """Replace each named graph whole with its N-Quads (every quad in that graph), as
        `Store.graphs` or `kg.graph.article_nquads` write them: they are not validated again.

        Graphs new to the store go in together, in one ingestion: a batch of a megabyte
        or more through the bulk loader, four times faster and far leaner than a
        transaction. A graph already stored is dropped and re-inserted in one transaction.
        ``contributions`` may give a graph's `Delta` to the summary, worked out elsewhere (the
        loader's workers do it) from the same N-Quads; the others are worked out here.
        """
        new = []
        delta, fresh = Delta(), self.summary.fresh()
        self.summary.mark_stale()  # until the counts below are in: a writer killed before leaves it stale
        for name, nquads in graphs.items():
            graph = ox.NamedNode(name)
            if fresh and contributions is not None and name in contributions:
                delta.merge(contributions[name])
            elif fresh:
                delta.add_nquads(nquads)
            if not self._store.contains_named_graph(graph):
                new.append(nquads)
                continue
            if fresh:
                delta.add_graph(self._store, graph, -1)
            quads = ox.parse(nquads, ox.RdfFormat.N_QUADS)
            lines = "\n".join(f"{q.subject} {q.predicate} {q.object} ." for q in quads)
            self._store.update(f"DROP SILENT GRAPH {graph} ;\nINSERT DATA {{ GRAPH {graph} {{\n{lines}\n}} }}")
        self._ingest(b"".join(new))
        self._summarize(delta if fresh else None)

    def _ingest(self, data: bytes) -> None:
        if len(data) >= BULK_BYTES:
            # Lenient: these N-Quads come from pyoxigraph or from kg.graph's writer, which percent-encodes
            # every IRI segment and is tested to write pyoxigraph's bytes, so checking every IRI again
            # only costs time (a fifth of the bulk loader's CPU time on kg's graphs).
            self._store.bulk_load(data, ox.RdfFormat.N_QUADS, lenient=True)
            self.bulk_loaded += len(data)
        elif data:
            self._store.load(data, ox.RdfFormat.N_QUADS)

    def _summarize(self, delta: Delta | None) -> None:
        """Bring the summary up to date after a change: add ``delta``, or (None) count everything again."""
        if delta is None:
            self.summary.rebuild(self._store)
        else:
            self.summary.apply(delta)

    def optimize(self) -> None:
        """Compact the store's files. Each bulk load adds files that every lookup then has to
        consult, so after a large build queries run hundreds of times faster once compacted."""
        self._store.optimize()

    def remove(self, doc_id: str) -> None:
        """Forget everything read from one document."""
        graph = ox.NamedNode(str(graph_iri(doc_id)))
        delta, fresh = Delta(), self.summary.fresh()
        if fresh:
            delta.add_graph(self._store, graph, -1)
        self.summary.mark_stale()
        self._store.remove_graph(graph)
        self._summarize(delta if fresh else None)

    def documents(self) -> list[str]:
        """Ids of the documents in the store, sorted."""
        rows = self.query("SELECT ?id WHERE { ?d a kg:Document ; schema:identifier ?id } ORDER BY ?id")
        return [row[0].value for row in rows.rows]

    def query(
        self, sparql: str, params: Mapping[str, Term | str] | None = None, limit: int | None = None
    ) -> Rows | bool | list[ox.Triple]:
        """Run a read-only SPARQL query over the union of all graphs; ``limit`` keeps the first rows
        (or triples) only, and the engine, which streams, stops there unless it must sort or group.

        ``params`` are bound by the engine as RDF terms (plain ``str`` → literal), and also
        written by pyoxigraph into VALUES blocks where the engine starts from them (see
        `kg.binding`), so a value can't change the query.
        The kg, schema, prov, rdf, rdfs, owl, xsd and id prefixes are predeclared.
        A triple stated by several articles (an entity's label) matches once per
        article in the union, so queries that join on entities need DISTINCT or GROUP BY.
        """
        if params and LABEL_LOOKUP.search(sparql) or UNATTRIBUTED.search(sparql):
            with self.summary.reading() as fresh:
                if fresh:  # the entities a name matches, or the claims that may lack a speaker, from the summary
                    sparql = narrowed(self.summary, sparql, dict(params or {}))
        try:
            hinted = bind(sparql, params or {}, required=False)
            substitutions = {
                ox.Variable(name): ox.Literal(value) if isinstance(value, str) else value
                for name, value in (params or {}).items()
            }
            result = self._store.query(
                hinted, prefixes=PREFIXES, use_default_graph_as_union=True, substitutions=substitutions
            )
        except BindError as error:
            raise QueryError(str(error)) from error
        except SyntaxError as error:
            if _first_keyword(sparql) in UPDATE_KEYWORDS:
                raise QueryError("this is a SPARQL Update, and queries only read: run it with 'kg update'") from error
            raise QueryError(f"not a valid SPARQL query: {_syntax_message(error)}") from error
        except RuntimeError as error:  # e.g. a parameter that the query doesn't SELECT
            raise QueryError(str(error)) from error
        if isinstance(result, ox.QueryBoolean):
            return bool(result)
        if isinstance(result, ox.QueryTriples):
            return list(islice(result, limit))
        columns = [variable.value for variable in result.variables]
        return Rows(columns, [tuple(solution[i] for i in range(len(columns))) for solution in islice(result, limit)])

    def summarized(self, name: str, params: Mapping[str, Term | str], limit: int | None = None) -> Rows | None:
        """The named query ``name``'s answer (as `query` gives it) from the summary (`kg.summary`), or
        (`PAGED`) read one article at a time from the summary's list of articles; None when the summary
        can't give it: not kept for that query, stale, or missing."""
        if name in PAGED and PAGED[name] not in params:
            return self._paged(name, PAGED[name], params, limit)
        answer = ANSWERS.get(name)
        if answer is None:
            return None
        with self.summary.reading() as fresh:
            result = answer(self.summary, dict(params)) if fresh else None
        if result is None:
            return None
        columns, rows = result
        return Rows(columns, rows[:limit] if limit is not None else rows)

    def _paged(self, name: str, key: str, params: Mapping[str, Term | str], limit: int | None) -> Rows | None:
        """The named query run once per article (``key`` bound to each id the summary lists, in order)."""
        from kg.queries import load_query

        with self.summary.reading() as fresh:
            ids = self.summary.articles() if fresh else []
        values = terms(ids)
        if not values or any(plain_string(value) is None for value in values):
            return None  # nothing to page through, or ids that ORDER BY would not sort as strings
        text = load_query(name).text
        columns, rows = [], []
        for value in sorted(values, key=lambda value: value.value):
            if limit is not None and len(rows) >= limit:
                break
            page = self.query(text, {**params, key: value})
            columns = page.columns
            rows += page.rows
        return Rows(columns, rows[:limit])

    def update(self, sparql: str) -> int:
        """Run a SPARQL Update (INSERT, DELETE, DROP, ...) in one transaction; gives how many
        quads it added (negative: removed).

        Kept apart from `query`, which refuses updates, so that changing the store
        is always asked for by name. The same prefixes are predeclared; unlike
        queries, updates address graphs as stored (use GRAPH for an article's).
        The summary, and the quads, are counted again in the graphs the update names
        (`kg.touched`), or, when it may write to any graph (``GRAPH ?g`` in a template),
        in every graph: 7 s just to count 30 million quads.
        """
        fresh, graphs = self.summary.fresh(), touched_graphs(sparql, PREFIXES)
        delta, before = Delta(), self._size(graphs)
        for graph in graphs if fresh and graphs is not None else ():
            delta.add_graph(self._store, graph, -1)
        self.summary.mark_stale()
        try:
            self._update(sparql)
        except StoreError:
            if fresh:  # the transaction changed nothing
                self.summary.apply(Delta())
            raise
        for graph in graphs if fresh and graphs is not None else ():
            delta.add_graph(self._store, graph)
        self._summarize(delta if fresh and graphs is not None else None)
        return self._size(graphs) - before

    def _size(self, graphs: list | None) -> int:
        """Quads in these graphs (None: in the store)."""
        if graphs is None:
            return len(self._store)
        return sum(1 for graph in graphs for _ in self._store.quads_for_pattern(None, None, None, graph))

    def _update(self, sparql: str) -> None:
        try:
            self._store.update(sparql, prefixes=PREFIXES)
        except SyntaxError as error:
            if _first_keyword(sparql) in QUERY_KEYWORDS:
                raise QueryError("this is a SPARQL query, and updates change the store: run it with 'kg query'") from error
            raise QueryError(f"not a valid SPARQL Update: {_syntax_message(error)}") from error
        except RuntimeError as error:  # e.g. CREATE GRAPH of a graph that exists
            raise QueryError(f"the update failed, so nothing was changed: {error}") from error
        except OSError as error:  # e.g. a store opened read-only
            raise StoreError(f"cannot change the store: {error}") from error

    def export(self, format: str, output: BinaryIO) -> None:
        """Write the store as ``format`` (see `EXPORT_FORMATS`)."""
        rdf_format, with_graphs = export_format(format)
        # Resource IRIs contain '/', which prefixed names would have to escape; spell them out.
        prefixes = {name: iri for name, iri in PREFIXES.items() if name != "id"}
        # The order is stable: the store's indexes sort quads by graph, then subject, predicate
        # and object (by their hashed encoding, which depends on the terms alone), so the same
        # graph always exports the same bytes, and each subject's statements sit together, as
        # Turtle and TriG group them. Named graphs stream straight from those indexes. The union
        # of all graphs drops the repeats of a triple stated by several articles, which the
        # engine's CONSTRUCT does holding every triple in memory; a large store streams it a
        # predicate at a time instead (`_distinct_triples`), where subjects are not grouped.
        if with_graphs:
            self._store.dump(output, rdf_format, prefixes=prefixes)
        elif self._large():  # the union of all graphs, streaming, a predicate at a time
            ox.serialize(self._distinct_triples(), output, rdf_format, prefixes=prefixes)
        else:  # the union of all graphs; the engine drops repeats of a triple stated by several articles
            union = self._store.query("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }", use_default_graph_as_union=True)
            ox.serialize(union, output, rdf_format, prefixes=prefixes)

    def graphs(self) -> Iterator[tuple[str, bytes]]:
        """Each article's named graph as (IRI, N-Quads), one at a time: what `put_graphs` takes."""
        for graph in self._store.named_graphs():
            quads = self._store.quads_for_pattern(None, None, None, graph)
            yield graph.value, ox.serialize(quads, format=ox.RdfFormat.N_QUADS)

    def stats(self, *, triples: bool | None = None) -> Stats:
        """Counts of documents, claims, entities by class, triples and quads. Distinct triples are
        counted if ``triples``, or by default unless the store is large (`_large`): there they are
        read streaming, 13 minutes for the 30 million quads of a million claims."""
        entities = self.query(
            "SELECT ?type (COUNT(DISTINCT ?e) AS ?n) WHERE { ?e a ?type "
            "FILTER(STRSTARTS(STR(?type), STR(kg:)) && ?type NOT IN (kg:Claim, kg:Document, kg:Span)) } "
            "GROUP BY ?type ORDER BY ?type"
        )
        return Stats(
            documents=self._count("?x a kg:Document"),
            claims=self._count("?x a kg:Claim"),
            triples=self._triples() if triples or triples is None and not self._large() else None,
            quads=len(self),
            entities={row[0].value.removeprefix(str(KG)): int(row[1].value) for row in entities.rows},
        )

    def _count(self, pattern: str, counted: str = "DISTINCT ?x") -> int:
        rows = self.query(f"SELECT (COUNT({counted}) AS ?n) WHERE {{ {pattern} }}")
        return int(rows.rows[0][0].value)

    def _triples(self) -> int:
        """Distinct triples in the union of all graphs (see `_large`)."""
        if not self._large():
            return self._count(DISTINCT_TRIPLES, "*")
        return sum(1 for _ in self._distinct_triples())

    def _large(self) -> bool:
        """Whether the store is on disk and holds more than `DISTINCT_IN_MEMORY` quads: then the
        union of its graphs is read streaming (`_distinct_triples`), as the engine's DISTINCT holds
        every triple in memory (5.5 GB for the 27 million of a million claims). (In memory, quads
        come in no particular order, and the store is in memory anyway.)"""
        return self.path is not None and len(self._store) > DISTINCT_IN_MEMORY

    def _distinct_triples(self) -> Iterator[ox.Triple]:
        """Each triple of the union of all graphs once, in constant memory: in the
        predicate-object-subject-graph order in which Oxigraph's disk store reads one predicate,
        the copies of a triple in several graphs come one after another."""
        default = ox.DefaultGraph()
        predicates = self._store.query("SELECT DISTINCT ?p WHERE { GRAPH ?g { ?s ?p ?o } }")
        for predicate in sorted((row[0] for row in predicates), key=str):
            last = None
            for quad in self._store.quads_for_pattern(None, predicate, None):
                if quad.graph_name != default and (quad.object, quad.subject) != last:
                    last = quad.object, quad.subject
                    yield quad.triple
        # and the default graph's triples that no named graph states
        for quad in self._store.quads_for_pattern(None, None, None, default):
            if all(other.graph_name == default
                   for other in self._store.quads_for_pattern(quad.subject, quad.predicate, quad.object)):
                yield quad.triple


def _first_keyword(sparql: str) -> str:
    """The first keyword after comments and PREFIX and BASE declarations, in upper case."""
    rest = _PROLOGUE.sub("", sparql)
    return rest.split(None, 1)[0].upper() if rest.strip() else ""


def _syntax_message(error: SyntaxError) -> str:
    """The parser's message, without the character classes it lists after an unknown prefix."""
    message = str(error)
    if "Prefix not found" in message:
        where = re.match(r"error at \d+:\d+", message)
        return f"{where[0] if where else 'error'}: a prefix that is not declared ({', '.join(PREFIXES)} are predeclared)"
    return message.splitlines()[0]


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
