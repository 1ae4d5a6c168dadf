"""Turn an `Extraction` into RDF: one named graph per article.

Every IRI is derived from stable data (document id, offsets, entity keys), never
from counters or blank nodes, so building the same extraction twice yields the
same triples and re-loading an article replaces rather than duplicates it.

The graph is written straight as N-Quads text (`article_nquads`), the bytes pyoxigraph
itself would write: its `Quad` constructor takes microseconds when the object is a literal
(it tries each kind of term in turn), so writing the text and parsing it costs less, and
a loader can store the text as it stands. Building through an rdflib graph cost as much
CPU as extraction itself; `build_graph` gives rdflib users a graph.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from functools import cache
from urllib.parse import quote

import pyoxigraph as ox
from rdflib import Graph, URIRef

from kg.model import Article, Attribution, Entity, Extraction, Kind, Span
from kg.vocab import ID, KG, PREFIXES, SCHEMA, identifier_schemes, relation_properties

RDF_TYPE = f"<{PREFIXES['rdf']}type>"
RDFS_LABEL = f"<{PREFIXES['rdfs']}label>"
OWL_SAME_AS = f"<{PREFIXES['owl']}sameAs>"
XSD_ANY_URI = PREFIXES["xsd"] + "anyURI"
XSD_BOOLEAN = PREFIXES["xsd"] + "boolean"
XSD_DATE = PREFIXES["xsd"] + "date"
XSD_DATE_TIME = PREFIXES["xsd"] + "dateTime"
XSD_INTEGER = PREFIXES["xsd"] + "integer"
# Literals escaped as pyoxigraph's own N-Quads writer escapes them, so the text is the same bytes.
_ESCAPES = {c: f"\\u{c:04X}" for c in (*range(0x20), 0x7F, 0xFFFE, 0xFFFF)} | {
    0x08: "\\b", 0x09: "\\t", 0x0A: "\\n", 0x0C: "\\f", 0x0D: "\\r", 0x22: '\\"', 0x5C: "\\\\"
}

# A term as written in N-Quads: "<iri>" or a quoted literal.
Term = str
Add = Callable[[tuple[Term, Term, Term]], None]


class GraphError(ValueError):
    """The extraction is inconsistent (a span that doesn't match the text, an unknown key)."""


def _segment(value: str) -> str:
    return quote(value, safe="")


@cache
def _kg(name: str) -> Term:
    return f"<{KG}{name}>"


@cache
def _schema(name: str) -> Term:
    return f"<{SCHEMA}{name}>"


def _literal(value: str, datatype: str | None = None) -> Term:
    quoted = '"' + value.translate(_ESCAPES) + '"'
    return quoted if datatype is None else f"{quoted}^^<{datatype}>"


def _integer(value: int) -> Term:
    return _literal(str(value), XSD_INTEGER)


def document_iri(doc_id: str) -> URIRef:
    return URIRef(_document_iri(doc_id))


def graph_iri(doc_id: str) -> URIRef:
    """The named graph holding everything read from one document."""
    return URIRef(_graph_iri(doc_id))


def entity_iri(entity: Entity) -> URIRef:
    """Keyed by the entity's key alone, so one person named in many articles is one node,
    whether one article calls them an official and another just a person."""
    return URIRef(_entity_iri(entity))


def claim_iri(doc_id: str, attribution: Attribution) -> URIRef:
    """Keyed by where the claim's content sits in the document."""
    return URIRef(_claim_iri(doc_id, attribution))


# The IRIs as plain strings, which the N-Quads writer needs (rdflib's URIRef costs more to make).
def _document_iri(doc_id: str) -> str:
    return f"{ID}doc/{_segment(doc_id)}"


def _graph_iri(doc_id: str) -> str:
    return f"{ID}graph/{_segment(doc_id)}"


def _entity_iri(entity: Entity) -> str:
    return str(ID) + quote(entity.key, safe="/")


def _claim_iri(doc_id: str, attribution: Attribution) -> str:
    spans = sorted(attribution.contents or attribution.cue)
    offsets = "_".join(f"{span.start}-{span.end}" for span in spans)
    return f"{ID}claim/{_segment(doc_id)}/{offsets}"


def article_quads(extraction: Extraction) -> list[ox.Quad]:
    """Every statement about the article, in its named graph (`graph_iri`)."""
    return list(ox.parse(article_nquads(extraction), format=ox.RdfFormat.N_QUADS))


def article_nquads(extraction: Extraction) -> bytes:
    """`article_quads` as N-Quads: each triple once, in the order it was first stated."""
    article = extraction.article
    triples: list[tuple[Term, Term, Term]] = []
    add = triples.append
    doc = f"<{_document_iri(article.id)}>"
    entities = _entities_by_key(extraction)
    nodes = {key: f"<{_entity_iri(entity)}>" for key, entity in entities.items()}
    # (a publisher the article also names, "White House", is the entity it names there: one node, one class)
    _add_document(add, doc, article, extraction.publisher and nodes[extraction.publisher.key])

    for key, entity in entities.items():
        _add_entity(add, nodes[key], entity)
    for relation in extraction.relations:
        if relation.predicate not in relation_properties():
            raise GraphError(f"unknown relation {relation.predicate!r}; expected one of {sorted(relation_properties())}")
        subject, obj = (_lookup(nodes, key) for key in (relation.subject, relation.object))
        add((subject, _kg(relation.predicate), obj))

    seen: dict[str, int] = {}
    for attribution in extraction.attributions:
        claim = _claim_iri(article.id, attribution)
        seen[claim] = seen.get(claim, 0) + 1
        if seen[claim] > 1:  # same content credited twice (e.g. two speakers): keep both, in order
            claim = f"{claim}~{seen[claim]}"
        _add_claim(add, claim, doc, attribution, article.body, nodes)
    unique = dict.fromkeys(triples)  # a triple stated twice is stored once, as in any RDF graph
    end = f" <{_graph_iri(article.id)}> .\n"
    return "".join(f"{s} {p} {o}{end}" for s, p, o in unique).encode()


def build_graph(extraction: Extraction) -> Graph:
    """The article's named graph as an rdflib graph (``graph.identifier`` is `graph_iri`)."""
    graph = Graph(identifier=graph_iri(extraction.article.id))
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace)
    data = ox.serialize([quad.triple for quad in article_quads(extraction)], format=ox.RdfFormat.N_TRIPLES)
    return graph.parse(data=data, format="nt")


def _add_document(add: Add, doc: Term, article: Article, publisher: Term | None) -> None:
    add((doc, RDF_TYPE, _kg("Document")))
    add((doc, _schema("identifier"), _literal(article.id)))
    optional = (
        ("headline", article.title and _literal(article.title)),
        ("publisher", publisher),  # the outlet's node, the one its claims are reported by elsewhere
        ("url", article.url and _literal(article.url, XSD_ANY_URI)),
        ("datePublished", article.published and _date(article.published)),
        ("inLanguage", article.language and _literal(article.language)),
    )
    for name, obj in optional:
        if obj:
            add((doc, _schema(name), obj))
    if article.path:
        add((doc, _kg("sourcePath"), _literal(article.path)))


def _date(value: str) -> Term:
    """Typed as xsd:date / xsd:dateTime when it parses, so it sorts and compares as a date."""
    for kind, datatype in ((dt.date, XSD_DATE), (dt.datetime, XSD_DATE_TIME)):
        try:
            return _literal(kind.fromisoformat(value).isoformat(), datatype)
        except ValueError:
            continue
    return _literal(value)


def _entities_by_key(extraction: Extraction) -> dict[str, Entity]:
    found: dict[str, Entity] = {}
    mentioned: list[Entity] = list(extraction.entities) + ([extraction.publisher] if extraction.publisher else [])
    for attribution in extraction.attributions:
        mentioned += [attribution.speaker] if attribution.speaker else []
        mentioned += attribution.channels + attribution.mentions
    for entity in mentioned:
        found.setdefault(entity.key, entity)
    return found


def _lookup(nodes: dict[str, Term], key: str) -> Term:
    try:
        return nodes[key]
    except KeyError:
        raise GraphError(f"relation refers to unknown entity key {key!r}") from None


def _add_entity(add: Add, iri: Term, entity: Entity) -> None:
    add((iri, RDF_TYPE, _kg(entity.type.value)))
    add((iri, RDFS_LABEL, _literal(entity.name)))
    if entity.role:
        add((iri, _kg("role"), _literal(entity.role)))
    schemes = identifier_schemes()
    for scheme, identifier in entity.identifiers:
        known = schemes.get(scheme)
        if known is None:
            add((iri, _schema("identifier"), _literal(f"{scheme}:{identifier}")))
            continue
        add((iri, f"<{known.property}>", _literal(identifier)))
        if known.iri_template:
            add((iri, OWL_SAME_AS, f"<{known.iri_template.format(quote(identifier, safe=''))}>"))


def _add_claim(add: Add, iri: str, doc: Term, attribution: Attribution, body: str, nodes: dict[str, Term]) -> None:
    claim = f"<{iri}>"
    add((claim, RDF_TYPE, _kg("Claim")))
    add((claim, _kg("statedIn"), doc))
    add((claim, _kg("text"), _literal(attribution.text)))
    add((claim, _kg("quoteKind"), _literal(attribution.kind.value)))
    add((claim, _kg("isDirectQuote"), _literal("true" if attribution.kind is Kind.DIRECT else "false", XSD_BOOLEAN)))
    if attribution.cue:
        add((claim, _kg("cue"), _literal(_joined(attribution.cue))))
    if attribution.sources:
        add((claim, _kg("sourceText"), _literal(_joined(attribution.sources))))
    if attribution.speaker is not None:
        add((claim, _kg("attributedTo"), nodes[attribution.speaker.key]))
    for channel in attribution.channels:
        add((claim, _kg("reportedBy"), nodes[channel.key]))
    for entity in attribution.mentions:
        add((claim, _kg("mentions"), nodes[entity.key]))
    for span in attribution.hedges:
        add((claim, _kg("hedge"), _literal(_checked(span, body).text)))
    for span in attribution.figures:
        add((claim, _kg("figure"), _literal(_checked(span, body).text)))
    for role, predicate, spans in (
        ("content", "contentSpan", attribution.contents),
        ("cue", "cueSpan", attribution.cue),
        ("source", "sourceSpan", attribution.sources),
    ):
        _add_spans(add, iri, role, _kg(predicate), spans, body)


def _add_spans(add: Add, claim: str, role: str, predicate: Term, spans: Iterable[Span], body: str) -> None:
    for index, span in enumerate(spans):
        _checked(span, body)
        node = f"<{claim}/{role}/{index}>"
        add((f"<{claim}>", predicate, node))
        add((node, RDF_TYPE, _kg("Span")))
        add((node, _kg("start"), _integer(span.start)))
        add((node, _kg("end"), _integer(span.end)))
        add((node, _kg("spanText"), _literal(span.text)))


def _checked(span: Span, body: str) -> Span:
    if not 0 <= span.start <= span.end <= len(body) or body[span.start : span.end] != span.text:
        raise GraphError(f"span {span.start}-{span.end} {span.text!r} does not match the article text")
    return span


def _joined(spans: list[Span]) -> str:
    return " ".join(span.text for span in spans)
