"""Per-entity summaries kept beside the store, so that listings of every entity answer at once.

Queries that list every entity (entities-by-type, officials-and-roles) or find entities by any
part of their name (claims-by-speaker, claims-by-outlet, claims-mentioning) read each article's
copy of each description: at a million claims, 1.2 million labels for 1,233 distinct names, a
second just to scan them and a minute to count every entity's claims. The summary holds what
those queries compute, already added up over all article graphs:

- ``labels``: each (entity, label) pair stated in some graph, with how many graphs state it;
- ``entities``: each (entity, class, name) that some graph describes together (``?e a ?class ;
  rdfs:label ?name``), with how many graphs do, the claims those graphs attribute to the entity,
  and (``roles``) each role those graphs give it, with how many graphs give it ('' for none);
- ``officials``: each (name, role, spokesperson-for, country) row of officials-and-roles, with
  how many (graph, official) pairs give it and their claims;
- ``unattributed``: each claim that some graph types ``kg:Claim`` without giving it a speaker
  there, with how many graphs do: the only claims unattributed-claims can list, which it otherwise
  finds by taking a million attributed claims away from a million claims;
- ``claim_rows``: for each claim that a graph links to a labelled entity (as its speaker, a
  channel, or a mention), what the name-matching queries read of it in that graph, a row for
  each of that entity's labels there (`claim_rows`), found by entity: those queries read a dozen
  index entries a claim otherwise, 2 to 6 s for a common name at a million claims. The rows hold
  the entity's classes in that graph too, which said-by shows as the speaker's type.

Every count is a sum of per-graph contributions, so replacing or removing an article's graph
subtracts what the old graph contributed (read from the store before the change) and adds the
new one's (read from its N-Quads): the cost is the article's size, not the store's. The claim
counts assume a claim is stated in one graph only, as every claim `kg` writes is (its IRI holds
its article's id); a claim copied into two graphs by hand would be counted twice.

The summary is an SQLite file inside the store's directory (``kg-summary.sqlite3``; RocksDB
leaves files it does not know alone), so it is copied and deleted with the store. It is marked
stale before the store changes and fresh, in the same SQLite transaction as the new counts,
after: a writer killed in between leaves it stale, queries then fall back to reading the article
graphs (the same answers, slowly), and the next write rebuilds it from the whole store. A SPARQL
Update counts again the graphs it names (kg.touched), or every graph when it may write to any
(``GRAPH ?g`` in a template). Readers that find it
missing, stale or unreadable (or a remote store, which has none) run the plain SPARQL queries.
"""

from __future__ import annotations

import json
import re
import sqlite3
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from itertools import product
from pathlib import Path

import pyoxigraph as ox

from kg.vocab import KG, PREFIXES

FILE_NAME = "kg-summary.sqlite3"
VERSION = "6"

RDF_TYPE = ox.NamedNode(PREFIXES["rdf"] + "type")
RDFS_LABEL = ox.NamedNode(PREFIXES["rdfs"] + "label")
ROLE = ox.NamedNode(f"{KG}role")
ATTRIBUTED_TO = ox.NamedNode(f"{KG}attributedTo")
SPOKESPERSON_FOR = ox.NamedNode(f"{KG}spokespersonFor")
COUNTRY = ox.NamedNode(f"{KG}country")
STATED_IN = ox.NamedNode(f"{KG}statedIn")
IDENTIFIER = ox.NamedNode(f"{PREFIXES['schema']}identifier")
TEXT = ox.NamedNode(f"{KG}text")
QUOTE_KIND = ox.NamedNode(f"{KG}quoteKind")
CUE = ox.NamedNode(f"{KG}cue")
CONTENT_SPAN = ox.NamedNode(f"{KG}contentSpan")
START = ox.NamedNode(f"{KG}start")
REPORTED_BY = ox.NamedNode(f"{KG}reportedBy")
MENTIONS = ox.NamedNode(f"{KG}mentions")
PREDICATES = (RDF_TYPE, RDFS_LABEL, ROLE, ATTRIBUTED_TO, SPOKESPERSON_FOR, COUNTRY, STATED_IN, IDENTIFIER,
              TEXT, QUOTE_KIND, CUE, CONTENT_SPAN, START, REPORTED_BY, MENTIONS)
OFFICIAL = f"<{KG}Official>"
CARRIERS = {f"<{KG}Outlet>", f"<{KG}Platform>"}  # claims-by-outlet's speakers that carry their own words
CLAIM = f"<{KG}Claim>"
XSD_STRING = PREFIXES["xsd"] + "string"
NOT_ENTITIES = {f"<{KG}{name}>" for name in ("Claim", "Document", "Span")}
# What `Delta.add_nquads` looks for: " <predicate> " for each of PREDICATES; and the types it skips,
# those of spans and documents, which are most of an article's types
_NEEDLES = tuple(f" {predicate} ".encode() for predicate in PREDICATES)
_TYPE_NEEDLE = f" {RDF_TYPE} ".encode()
_SKIPPED_CLASSES = NOT_ENTITIES - {CLAIM}  # (so said-by shows no speaker typed a span or document as such)
_SKIPPED_TYPES = tuple(sorted(t.encode() for t in _SKIPPED_CLASSES))

SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS labels (entity TEXT, label TEXT, n INTEGER, PRIMARY KEY (entity, label));
CREATE TABLE IF NOT EXISTS articles (article TEXT PRIMARY KEY, n INTEGER);
CREATE TABLE IF NOT EXISTS entities (entity TEXT, class TEXT, name TEXT, n INTEGER, claims INTEGER,
    PRIMARY KEY (entity, class, name));
CREATE TABLE IF NOT EXISTS roles (entity TEXT, class TEXT, name TEXT, role TEXT, n INTEGER,
    PRIMARY KEY (entity, class, name, role));
CREATE TABLE IF NOT EXISTS officials (name TEXT, role TEXT, body TEXT, country TEXT, n INTEGER, claims INTEGER,
    PRIMARY KEY (name, role, body, country));
CREATE TABLE IF NOT EXISTS unattributed (claim TEXT PRIMARY KEY, n INTEGER);
CREATE TABLE IF NOT EXISTS claim_rows (entity TEXT, link TEXT, name TEXT, speaker TEXT, kind TEXT, cue TEXT,
    text TEXT, article TEXT, claim TEXT, starts TEXT, via TEXT, carrier INTEGER, classes TEXT, n INTEGER,
    PRIMARY KEY (entity, link, name, speaker, kind, cue, text, article, claim, starts, via, carrier, classes))
    WITHOUT ROWID;
"""
CLAIM_ROW = ("entity", "link", "name", "speaker", "kind", "cue", "text", "article", "claim", "starts", "via", "carrier",
             "classes")
# each table's key columns (its n column is the Delta counter of the same name)
KEYS = {"labels": ("entity", "label"), "articles": ("article",), "entities": ("entity", "class", "name"),
        "roles": ("entity", "class", "name", "role"), "officials": ("name", "role", "body", "country"),
        "unattributed": ("claim",), "claim_rows": CLAIM_ROW}
CLAIM_COUNTS = {"entities": "entity_claims", "officials": "official_claims"}  # the tables with a claims column
TABLES = tuple(KEYS)
COUNTERS = (*KEYS, *CLAIM_COUNTS.values())  # the Delta's counters


@dataclass
class Delta:
    """Signed counts to add to the summary; terms are N-Triples text ('' for an unbound column)."""

    labels: Counter = field(default_factory=Counter)  # (entity, label) → graphs
    articles: Counter = field(default_factory=Counter)  # (article id,) → graphs where a claim is stated in it
    entities: Counter = field(default_factory=Counter)  # (entity, class, name) → graphs
    entity_claims: Counter = field(default_factory=Counter)  # (entity, class, name) → claims
    roles: Counter = field(default_factory=Counter)  # (entity, class, name, role) → graphs
    officials: Counter = field(default_factory=Counter)  # (name, role, body, country) → (graph, official) pairs
    official_claims: Counter = field(default_factory=Counter)
    unattributed: Counter = field(default_factory=Counter)  # (claim,) → graphs typing it a claim with no speaker
    claim_rows: Counter = field(default_factory=Counter)  # `CLAIM_ROW` → graphs

    def add(self, triples: Iterable[tuple[ox.Term, ox.Term, ox.Term]], sign: int = 1, *, named: bool = True) -> None:
        """Add (or, with ``sign=-1``, take away) one graph's contribution, from its triples
        (any others than `PREDICATES`' are ignored). The default graph (``named=False``) has
        labels and unattributed claims only: the queries match entities inside ``GRAPH ?g``,
        which it is not, but read labels and claims from the union of all graphs, which it is in."""
        types: dict[str, set[str]] = defaultdict(set)
        labels: dict[str, set[str]] = defaultdict(set)
        roles: dict[str, set[str]] = defaultdict(set)
        claims: dict[str, set[str]] = defaultdict(set)
        bodies: dict[str, set[str]] = defaultdict(set)
        lands: dict[str, set[str]] = defaultdict(set)
        docs: dict[str, set[str]] = defaultdict(set)
        identifiers: dict[str, set[str]] = defaultdict(set)
        said = {predicate: defaultdict(set) for predicate in (TEXT, QUOTE_KIND, CUE, CONTENT_SPAN, START,
                                                               REPORTED_BY, MENTIONS)}
        by_predicate = {RDF_TYPE: types, RDFS_LABEL: labels, ROLE: roles, ATTRIBUTED_TO: claims,
                        SPOKESPERSON_FOR: bodies, COUNTRY: lands, STATED_IN: docs, IDENTIFIER: identifiers, **said}
        typed_claims: set[str] = set()
        typed_as: dict[str, set[str]] = defaultdict(set)  # every rdf:type, not only kg's entity classes
        for subject, predicate, obj in triples:
            found = by_predicate.get(predicate)
            if found is None:
                continue
            if predicate == RDF_TYPE and str(obj) not in _SKIPPED_CLASSES:  # as add_nquads skips them
                typed_as[str(subject)].add(str(obj))
            if predicate in (ATTRIBUTED_TO, STATED_IN):
                found[str(obj)].add(str(subject))
            elif predicate != RDF_TYPE or _is_entity_class(obj):
                found[str(subject)].add(str(obj))
            elif str(obj) == CLAIM:
                typed_claims.add(str(subject))
        for entity, names in labels.items():
            for name in names:
                self.labels[entity, name] += sign
        for claim in typed_claims.difference(*claims.values()):
            self.unattributed[claim,] += sign
        if not named:
            return
        # who-said-what's articles: the identifiers, in this graph, of the documents its claims are stated in
        for article in {article for doc in docs for article in identifiers.get(doc, ())}:
            self.articles[article,] += sign
        for entity, classes in types.items():
            for cls in classes:
                for name in labels.get(entity, ()):
                    key = (entity, cls, name)
                    self.entities[key] += sign
                    self.entity_claims[key] += sign * len(claims.get(entity, ()))
                    # '' counts the graphs that give no role: GROUP_CONCAT over an unbound value is an
                    # error, so the query's role is unbound as soon as one graph gives none
                    for role in roles.get(entity) or {""}:
                        self.roles[(*key, role)] += sign
        # officials-and-roles: its OPTIONALs multiply out within the graph; a body or land counts by its labels
        rows: dict[tuple[str, str, str, str], set[str]] = defaultdict(set)
        pairs: Counter = Counter()
        for official, classes in types.items():
            if OFFICIAL not in classes:
                continue
            body_names = {name for body in bodies.get(official, ()) for name in labels.get(body, ())} or {""}
            land_names = {name for land in lands.get(official, ()) for name in labels.get(land, ())} or {""}
            for name in labels.get(official, ()):
                for role in roles.get(official) or {""}:
                    for body in body_names:
                        for land in land_names:
                            rows[name, role, body, land] |= claims.get(official, set())
                            pairs[name, role, body, land] += 1
        for key, claimed in rows.items():
            self.officials[key] += sign * pairs[key]
            self.official_claims[key] += sign * len(claimed)
        # the name-matching queries' claims: each claim linked to an entity, with what they read of it
        linked = {"speaker": _inverse(claims), "channel": said[REPORTED_BY], "mention": said[MENTIONS]}
        docs_of = _inverse(docs)
        for claim in set().union(*linked.values()):
            for row in claim_rows(
                claim, texts=said[TEXT].get(claim, ()), kinds=said[QUOTE_KIND].get(claim, ()),
                cues=said[CUE].get(claim, ()),
                articles={article for doc in docs_of.get(claim, ()) for article in identifiers.get(doc, ())},
                starts={start for span in said[CONTENT_SPAN].get(claim, ()) for start in said[START].get(span, ())},
                speakers={e: (labels.get(e, ()), bool(types.get(e, set()) & CARRIERS))
                          for e in linked["speaker"].get(claim, ())},
                channels={e: labels.get(e, ()) for e in linked["channel"].get(claim, ())},
                mentions={e: labels.get(e, ()) for e in linked["mention"].get(claim, ())}, classes=typed_as,
            ):
                self.claim_rows[row] += sign

    def merge(self, other: Delta) -> None:
        """Add another delta's counts to these."""
        for name in COUNTERS:
            getattr(self, name).update(getattr(other, name))

    def add_nquads(self, nquads: bytes, sign: int = 1) -> None:
        """`add` for one graph's N-Quads (one quad a line), parsing only the lines that can matter."""
        lines = []
        for needle in _NEEDLES:  # found with bytes.find, far quicker than splitting every line
            at = nquads.find(needle)
            while at >= 0:
                start, end = nquads.rfind(b"\n", 0, at) + 1, nquads.find(b"\n", at)
                end = len(nquads) if end < 0 else end
                # (a literal holding the needle adds its line once more, which `add` then reads as it is)
                if needle != _TYPE_NEEDLE or not nquads.startswith(_SKIPPED_TYPES, at + len(needle)):
                    lines.append(nquads[start:end])
                at = nquads.find(needle, end)
        lines = b"\n".join(lines) + b"\n"
        self.add(((q.subject, q.predicate, q.object) for q in ox.parse(lines, ox.RdfFormat.N_QUADS)), sign)

    def add_graph(self, store: ox.Store, graph: ox.NamedNode | ox.BlankNode | ox.DefaultGraph, sign: int = 1) -> None:
        """`add` for one graph as the store holds it now."""
        self.add(((q.subject, q.predicate, q.object)
                  for predicate in PREDICATES for q in store.quads_for_pattern(None, predicate, None, graph)),
                 sign, named=not isinstance(graph, ox.DefaultGraph))


def claim_rows(claim: str, *, texts: Iterable[str], kinds: Iterable[str], cues: Iterable[str],
               articles: Iterable[str], starts: Iterable[str], speakers: dict[str, tuple[Iterable[str], bool]],
               channels: dict[str, Iterable[str]], mentions: dict[str, Iterable[str]],
               classes: dict[str, Iterable[str]]) -> Iterator[tuple]:
    """One claim's rows of ``claim_rows`` in one graph (terms as N-Triples text), from its texts,
    kinds, cues, article ids, content span starts, its speakers (entity → labels, and whether an
    outlet or platform), channels and mentions (entity → labels), and the classes of entities.

    A row for each entity it is linked to, each of that entity's labels, and each combination of
    its speakers' labels ('' for none), kinds, cues ('' for none), texts and articles, which are
    one each as `kg` writes claims: the queries' own product. Its starts, channel names and the
    entity's classes are each joined by new lines, which no N-Triples term holds."""
    starts_text = "\n".join(sorted(starts))
    via = "\n".join(sorted({name for names in channels.values() for name in names}))
    rest = list(product(sorted({name for names, _ in speakers.values() for name in names}) or [""], sorted(kinds),
                        sorted(cues) or [""], sorted(texts), sorted(articles)))
    described = {"speaker": {e: (names, carrier) for e, (names, carrier) in speakers.items()},
                 "channel": {e: (names, False) for e, names in channels.items()},
                 "mention": {e: (names, False) for e, names in mentions.items()}}
    for link, entities in described.items():
        for entity, (names, carrier) in entities.items():
            types = "\n".join(sorted(classes.get(entity, ())))
            for name in names:
                for speaker, kind, cue, text, article in rest:
                    yield entity, link, name, speaker, kind, cue, text, article, claim, starts_text, via, int(carrier), types


def _inverse(found: dict[str, set[str]]) -> dict[str, set[str]]:
    inverse: dict[str, set[str]] = defaultdict(set)
    for key, values in found.items():
        for value in values:
            inverse[value].add(key)
    return inverse


def _is_entity_class(term: ox.Term) -> bool:
    # entities-by-type's FILTER(STRSTARTS(STR(?classIri), STR(kg:)) && ?classIri NOT IN (Claim, Document, Span))
    return isinstance(term, ox.NamedNode) and term.value.startswith(str(KG)) and str(term) not in NOT_ENTITIES


class Summary:
    """The summary of one store: ``path`` is its SQLite file (None: in memory, for an in-memory store)."""

    def __init__(self, path: Path | None, *, read_only: bool = False, empty: bool = False):
        self.path = path
        self.read_only = read_only
        self._db: sqlite3.Connection | None = None
        try:
            if path is None:
                self._db = sqlite3.connect(":memory:")
            elif read_only:
                if path.exists():
                    self._db = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=10)
                return
            else:
                self._db = sqlite3.connect(path, timeout=60)
            with self._db:
                self._db.executescript(SCHEMA)
                if self._meta("version") != VERSION:  # new, or written by another version: start again,
                    for table in TABLES:  # with the tables as this version defines them
                        self._db.execute(f"DROP TABLE IF EXISTS {table}")
                    self._db.executescript(SCHEMA)
                    self._set_meta("version", VERSION)
                    self._set_meta("state", "fresh" if empty else "stale")
        except sqlite3.Error:
            self._db = None

    # ---- state -------------------------------------------------------------------------------

    def fresh(self) -> bool:
        """Whether the summary answers for the store as it is (False when missing or unreadable)."""
        try:
            return self._db is not None and self._meta("version") == VERSION and self._meta("state") == "fresh"
        except sqlite3.Error:
            return False

    def mark_stale(self) -> None:
        if self._db is not None and not self.read_only:
            with self._db:
                self._set_meta("state", "stale")

    def apply(self, delta: Delta) -> None:
        """Add the delta and mark the summary fresh, in one transaction."""
        if self._db is None or self.read_only:
            return
        with self._db:
            _add(self._db, delta)
            self._set_meta("state", "fresh")

    def rebuild(self, store: ox.Store, batch: int = 1000) -> None:
        """Count everything again from every graph of the store (the named graphs and the default
        one), ``batch`` graphs at a time: memory stays that of a batch, not of a million claims."""
        if self._db is None or self.read_only:
            return
        graphs = [*store.named_graphs(), ox.DefaultGraph()]
        with self._db:
            self._clear()
            for start in range(0, len(graphs), batch):
                delta = Delta()
                for graph in graphs[start:start + batch]:
                    delta.add_graph(store, graph)
                _add(self._db, delta)
            self._set_meta("state", "fresh")

    @contextmanager
    def reading(self) -> Iterator[bool]:
        """One read transaction, so that what is read is one state of the summary; gives whether
        that state is fresh (False when the summary is missing, stale or unreadable)."""
        if self._db is None:
            yield False
            return
        try:
            self._db.execute("BEGIN")
        except sqlite3.Error:
            yield False
            return
        try:
            yield self.fresh()
        finally:
            self._db.execute("ROLLBACK")

    def close(self) -> None:
        if self._db is not None:
            self._db.close()
            self._db = None

    # ---- answers -----------------------------------------------------------------------------

    def labelled(self, part: str) -> list[str]:
        """Entities (N-Triples text) with a label containing ``part``, ignoring case, sorted."""
        part = part.lower()
        found = set()
        for entity, label in self._db.execute("SELECT entity, label FROM labels"):
            lexical = lexical_form(label)
            if lexical is not None and part in lexical.lower():
                found.add(entity)
        return sorted(found)

    def labelled_exactly(self, label: str) -> list[str]:
        """Entities (N-Triples text) with this label (N-Triples text), sorted."""
        return [entity for (entity,) in self._db.execute(
            "SELECT DISTINCT entity FROM labels WHERE label = ? ORDER BY entity", (label,))]

    def articles(self) -> list[str]:
        """The ids (N-Triples text) of the articles that claims are stated in, in any order."""
        return [article for (article,) in self._db.execute("SELECT article FROM articles")]

    def unattributed(self) -> list[str]:
        """The claims (N-Triples text) that some graph types as claims without a speaker, sorted."""
        return [claim for (claim,) in self._db.execute("SELECT claim FROM unattributed ORDER BY claim")]

    def claim_rows(self, entities: Iterable[str], links: Iterable[str]) -> list[tuple]:
        """The rows of ``claim_rows`` (`CLAIM_ROW`) for these entities linked as ``links``."""
        return self._db.execute(
            f"SELECT {', '.join(CLAIM_ROW)} FROM claim_rows WHERE entity IN (SELECT value FROM json_each(?)) "
            "AND link IN (SELECT value FROM json_each(?))", (json.dumps(list(entities)), json.dumps(list(links)))
        ).fetchall()

    def entities(self) -> Iterator[tuple[str, str, str, int, list[str]]]:
        """(entity, class, name, claims, roles) for every row of entities-by-type."""
        roles: dict[tuple[str, str, str], list[str]] = defaultdict(list)
        for entity, cls, name, role in self._db.execute("SELECT entity, class, name, role FROM roles"):
            roles[entity, cls, name].append(role)
        for entity, cls, name, claims in self._db.execute("SELECT entity, class, name, claims FROM entities"):
            yield entity, cls, name, claims, roles.get((entity, cls, name), [])

    def officials(self) -> Iterator[tuple[str, str, str, str, int]]:
        """(name, role, body, country, claims) for every row of officials-and-roles ('' when unbound)."""
        yield from self._db.execute("SELECT name, role, body, country, claims FROM officials")

    # ---- internals ---------------------------------------------------------------------------

    def _meta(self, key: str) -> str | None:
        row = self._db.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return None if row is None else row[0]

    def _set_meta(self, key: str, value: str) -> None:
        self._db.execute("INSERT INTO meta VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                         (key, value))

    def _clear(self) -> None:
        for table in TABLES:
            self._db.execute(f"DELETE FROM {table}")


def _add(db: sqlite3.Connection, delta: Delta) -> None:
    """Add the delta's counts to the tables, and drop the rows it takes to zero (only those: a
    scan of every row would cost each article as much as the whole store)."""
    for table, key in KEYS.items():
        counts = getattr(delta, table)
        claims = getattr(delta, CLAIM_COUNTS[table]) if table in CLAIM_COUNTS else None
        columns = (*key, "n") + (() if claims is None else ("claims",))
        updates = ", ".join(f"{c} = {c} + excluded.{c}" for c in columns[len(key):])
        db.executemany(
            f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))}) "
            f"ON CONFLICT ({', '.join(key)}) DO UPDATE SET {updates}",
            ((*k, n) if claims is None else (*k, n, claims[k]) for k, n in counts.items()),
        )
        db.executemany(f"DELETE FROM {table} WHERE {' AND '.join(f'{c} = ?' for c in key)} AND n <= 0",
                       (k for k, n in counts.items() if n < 0))


def lexical_form(term: str) -> str | None:
    """The lexical form of a literal written in N-Triples (a label), without parsing it whole."""
    if not term.startswith('"'):
        return None  # an IRI or blank node as a "label": LCASE fails on it, so it never matches
    end = term.rindex('"')
    if term[end + 1 :].startswith("^^") and term[end + 1 :] != f"^^<{XSD_STRING}>":
        return None  # a number, date...: LCASE fails on it
    return terms([term])[0].value if "\\" in term else term[1:end]


def terms(texts: Iterable[str]) -> list[ox.Term]:
    """RDF terms from their N-Triples text, parsed together."""
    texts = list(texts)
    if not texts:
        return []
    document = "".join(f"<x:s> <x:p> {text} .\n" for text in texts)
    return [triple.object for triple in ox.parse(document.encode(), ox.RdfFormat.N_TRIPLES)]


# ---- the named queries that the summary answers ---------------------------------------------------

# The idiom with which the name-matching queries find their entities first:
#   { SELECT DISTINCT ?source ?speaker WHERE { ?source rdfs:label ?any FILTER(CONTAINS(LCASE(?any), LCASE(?speaker))) } }
LABEL_LOOKUP = re.compile(
    r"\{\s*SELECT\s+DISTINCT\s+\?(?P<entity>\w+)\s+\?(?P<part>\w+)\s+WHERE\s*\{\s*\?(?P=entity)\s+rdfs:label\s+"
    r"\?(?P<label>\w+)\s+FILTER\s*\(\s*CONTAINS\s*\(\s*LCASE\s*\(\s*\?(?P=label)\s*\)\s*,\s*"
    r"LCASE\s*\(\s*\?(?P=part)\s*\)\s*\)\s*\)\s*\}\s*\}",
    re.IGNORECASE,
)
XSD_INTEGER = ox.NamedNode(PREFIXES["xsd"] + "integer")
# The idiom with which unattributed-claims finds its claims, an anti-join that reads every claim and attribution:
#   { SELECT ?c WHERE { { ?c a kg:Claim } MINUS { ?c kg:attributedTo ?anyone } } }
UNATTRIBUTED = re.compile(
    r"\{\s*SELECT\s+\?(?P<claim>\w+)\s+WHERE\s*\{\s*\{\s*\?(?P=claim)\s+a\s+kg:Claim\s*\}\s*MINUS\s*\{\s*"
    r"\?(?P=claim)\s+kg:attributedTo\s+\?(?P<anyone>\w+)\s*\}\s*\}\s*\}",
    re.IGNORECASE,
)


def plain_string(value: object) -> str | None:
    """The text of a parameter given as a plain string literal; None for anything else."""
    if isinstance(value, str):
        return value
    if isinstance(value, ox.Literal) and value.language is None and value.datatype.value == XSD_STRING:
        return value.value
    return None


def with_entities(summary: Summary, sparql: str, params: dict) -> str:
    """The query with each label-lookup sub-SELECT (`LABEL_LOOKUP`) whose part is a plain string
    parameter replaced by a VALUES block of the entities it finds, read from the summary."""

    def replace(match: re.Match) -> str:
        part = plain_string(params.get(match["part"]))
        if part is None:
            return match[0]
        found = summary.labelled(part)
        if any(not entity.startswith("<") for entity in found):  # a blank node: VALUES can't name it
            return match[0]
        return f"VALUES ?{match['entity']} {{ {' '.join(found)} }}"

    return LABEL_LOOKUP.sub(replace, sparql)


def with_unattributed(summary: Summary, sparql: str) -> str:
    """The query with unattributed-claims' anti-join (`UNATTRIBUTED`) tested on the summary's
    candidates only, one at a time: the same claims, each as many times, as the MINUS gives.
    (``?c a ?t FILTER(?t = kg:Claim)``, not ``?c a kg:Claim``: Oxigraph guesses a pattern with two
    constants to be smaller than a VALUES block of over a thousand rows and starts from it, then
    scans the block once for each of the million claims, minutes instead of a quarter second.)"""

    def replace(match: re.Match) -> str:
        found = summary.unattributed()
        if any(not claim.startswith("<") for claim in found):  # a blank node: VALUES can't name it
            return match[0]
        claim, anyone = match["claim"], match["anyone"]
        return (f"{{ SELECT ?{claim} WHERE {{ VALUES ?{claim} {{ {' '.join(found)} }} "
                f"?{claim} a ?{claim}_class FILTER(?{claim}_class = kg:Claim) "
                f"FILTER NOT EXISTS {{ ?{claim} kg:attributedTo ?{anyone} }} }} }}")

    return UNATTRIBUTED.sub(replace, sparql)


def narrowed(summary: Summary, sparql: str, params: dict) -> str:
    """The query with every part that the summary can narrow (`with_entities`, `with_unattributed`) so narrowed."""
    return with_unattributed(summary, with_entities(summary, sparql, params))


def entities_by_type(summary: Summary, params: dict) -> tuple[list[str], list[tuple]] | None:
    """entities-by-type's columns and rows, or None when the parameter is not a plain string."""
    given = params.get("type")
    wanted = plain_string(given)
    if given is not None and wanted is None:
        return None
    found = []
    for entity, cls, name, claims, roles in summary.entities():
        iri = cls[1:-1] if cls.startswith("<") else ""
        local = iri.partition("#")[2]
        if wanted is not None and local.lower() != wanted.lower():
            continue
        found.append((local, name, roles, claims, entity))
    texts = {text for row in found for text in (row[1], row[4], *row[2]) if text}
    term = dict(zip(texts, terms(texts)))
    rows = []
    for local, name, roles, claims, entity in found:
        role = None if "" in roles else ox.Literal("; ".join(sorted(term[r].value for r in roles)))
        typed = None if given is None else (ox.Literal(given) if isinstance(given, str) else given)
        rows.append((ox.Literal(local), term[name], role, ox.Literal(str(claims), datatype=XSD_INTEGER),
                     term[entity], typed))
    rows.sort(key=lambda row: (row[0].value, _order(row[1]), _order(row[4])))
    return ["class", "name", "role", "claims", "entity", "type"], rows


def officials_and_roles(summary: Summary, params: dict) -> tuple[list[str], list[tuple]] | None:
    found = list(summary.officials())
    texts = {text for row in found for text in row[:4] if text}
    term = dict(zip(texts, terms(texts)))
    rows = [(*(term[t] if t else None for t in row[:4]), ox.Literal(str(row[4]), datatype=XSD_INTEGER))
            for row in found]
    rows.sort(key=lambda row: tuple(_order(t) for t in row[:4]))
    return ["official", "role", "spokespersonFor", "country", "claims"], rows


def _order(term: ox.Term | None) -> tuple:
    # unbound first, then as SPARQL orders plain strings (by code point), then anything else by its text
    if term is None:
        return (0, "")
    return (1, term.value) if isinstance(term, ox.Literal) else (2, term.value)


ANSWERS = {"entities-by-type": entities_by_type, "officials-and-roles": officials_and_roles}
