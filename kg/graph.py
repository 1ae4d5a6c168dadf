"""Turn an `Extraction` into RDF: one named graph per article.

Every IRI is derived from stable data (document id, offsets, entity keys), never
from counters or blank nodes, so building the same extraction twice yields the
same triples and re-loading an article replaces rather than duplicates it.

Quads are built directly as pyoxigraph terms: building through an rdflib graph
cost as much CPU as extraction itself. `build_graph` gives rdflib users a graph.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from urllib.parse import quote

import pyoxigraph as ox
from rdflib import Graph, URIRef

from kg.model import Article, Attribution, Entity, Extraction, Kind, Span
from kg.vocab import ID, KG, PREFIXES, SCHEMA, identifier_schemes, relation_properties

RDF_TYPE = ox.NamedNode(PREFIXES["rdf"] + "type")
RDFS_LABEL = ox.NamedNode(PREFIXES["rdfs"] + "label")
OWL_SAME_AS = ox.NamedNode(PREFIXES["owl"] + "sameAs")
XSD_ANY_URI = ox.NamedNode(PREFIXES["xsd"] + "anyURI")
XSD_DATE = ox.NamedNode(PREFIXES["xsd"] + "date")
XSD_DATE_TIME = ox.NamedNode(PREFIXES["xsd"] + "dateTime")


class GraphError(ValueError):
    """The extraction is inconsistent (a span that doesn't match the text, an unknown key)."""


def _segment(value: str) -> str:
    return quote(value, safe="")


def _kg(name: str) -> ox.NamedNode:
    return ox.NamedNode(str(KG) + name)


def _schema(name: str) -> ox.NamedNode:
    return ox.NamedNode(str(SCHEMA) + name)


def document_iri(doc_id: str) -> URIRef:
    return ID[f"doc/{_segment(doc_id)}"]


def graph_iri(doc_id: str) -> URIRef:
    """The named graph holding everything read from one document."""
    return ID[f"graph/{_segment(doc_id)}"]


def entity_iri(entity: Entity) -> URIRef:
    """Keyed by the entity's key alone, so one person named in many articles is one node,
    whether one article calls them an official and another just a person."""
    return ID[quote(entity.key, safe="/")]


def claim_iri(doc_id: str, attribution: Attribution) -> URIRef:
    """Keyed by where the claim's content sits in the document."""
    spans = sorted(attribution.contents or attribution.cue)
    offsets = "_".join(f"{span.start}-{span.end}" for span in spans)
    return ID[f"claim/{_segment(doc_id)}/{offsets}"]


def article_quads(extraction: Extraction) -> list[ox.Quad]:
    """Every statement about the article, in its named graph (`graph_iri`)."""
    article = extraction.article
    graph = ox.NamedNode(str(graph_iri(article.id)))
    triples: list[tuple[ox.NamedNode, ox.NamedNode, ox.NamedNode | ox.Literal]] = []
    add = triples.append
    doc = ox.NamedNode(str(document_iri(article.id)))
    _add_document(add, doc, article)

    entities = _entities_by_key(extraction)
    nodes = {key: ox.NamedNode(str(entity_iri(entity))) for key, entity in entities.items()}
    for key, entity in entities.items():
        _add_entity(add, nodes[key], entity)
    for relation in extraction.relations:
        if relation.predicate not in relation_properties():
            raise GraphError(f"unknown relation {relation.predicate!r}; expected one of {sorted(relation_properties())}")
        subject, obj = (_lookup(nodes, key) for key in (relation.subject, relation.object))
        add((subject, _kg(relation.predicate), obj))

    seen: dict[str, int] = {}
    for attribution in extraction.attributions:
        claim = str(claim_iri(article.id, attribution))
        seen[claim] = seen.get(claim, 0) + 1
        if seen[claim] > 1:  # same content credited twice (e.g. two speakers): keep both, in order
            claim = f"{claim}~{seen[claim]}"
        _add_claim(add, claim, doc, attribution, article.body, nodes)
    unique = dict.fromkeys(triples)  # a triple stated twice is stored once, as in any RDF graph
    return [ox.Quad(s, p, o, graph) for s, p, o in unique]


def build_graph(extraction: Extraction) -> Graph:
    """The article's named graph as an rdflib graph (``graph.identifier`` is `graph_iri`)."""
    graph = Graph(identifier=graph_iri(extraction.article.id))
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace)
    data = ox.serialize([quad.triple for quad in article_quads(extraction)], format=ox.RdfFormat.N_TRIPLES)
    return graph.parse(data=data, format="nt")


def _add_document(add, doc: ox.NamedNode, article: Article) -> None:
    add((doc, RDF_TYPE, _kg("Document")))
    add((doc, _schema("identifier"), ox.Literal(article.id)))
    optional = (
        ("headline", article.title and ox.Literal(article.title)),
        ("publisher", article.publisher and ox.Literal(article.publisher)),
        ("url", article.url and ox.Literal(article.url, datatype=XSD_ANY_URI)),
        ("datePublished", article.published and _date(article.published)),
        ("inLanguage", article.language and ox.Literal(article.language)),
    )
    for name, obj in optional:
        if obj:
            add((doc, _schema(name), obj))
    if article.path:
        add((doc, _kg("sourcePath"), ox.Literal(article.path)))


def _date(value: str) -> ox.Literal:
    """Typed as xsd:date / xsd:dateTime when it parses, so it sorts and compares as a date."""
    for kind, datatype in ((dt.date, XSD_DATE), (dt.datetime, XSD_DATE_TIME)):
        try:
            return ox.Literal(kind.fromisoformat(value).isoformat(), datatype=datatype)
        except ValueError:
            continue
    return ox.Literal(value)


def _entities_by_key(extraction: Extraction) -> dict[str, Entity]:
    found: dict[str, Entity] = {}
    mentioned: list[Entity] = list(extraction.entities)
    for attribution in extraction.attributions:
        mentioned += [attribution.speaker] if attribution.speaker else []
        mentioned += attribution.channels + attribution.mentions
    for entity in mentioned:
        found.setdefault(entity.key, entity)
    return found


def _lookup(nodes: dict[str, ox.NamedNode], key: str) -> ox.NamedNode:
    try:
        return nodes[key]
    except KeyError:
        raise GraphError(f"relation refers to unknown entity key {key!r}") from None


def _add_entity(add, iri: ox.NamedNode, entity: Entity) -> None:
    add((iri, RDF_TYPE, _kg(entity.type.value)))
    add((iri, RDFS_LABEL, ox.Literal(entity.name)))
    if entity.role:
        add((iri, _kg("role"), ox.Literal(entity.role)))
    schemes = identifier_schemes()
    for scheme, identifier in entity.identifiers:
        known = schemes.get(scheme)
        if known is None:
            add((iri, _schema("identifier"), ox.Literal(f"{scheme}:{identifier}")))
            continue
        add((iri, ox.NamedNode(str(known.property)), ox.Literal(identifier)))
        if known.iri_template:
            add((iri, OWL_SAME_AS, ox.NamedNode(known.iri_template.format(quote(identifier, safe="")))))


def _add_claim(
    add, iri: str, doc: ox.NamedNode, attribution: Attribution, body: str, nodes: dict[str, ox.NamedNode]
) -> None:
    claim = ox.NamedNode(iri)
    add((claim, RDF_TYPE, _kg("Claim")))
    add((claim, _kg("statedIn"), doc))
    add((claim, _kg("text"), ox.Literal(attribution.text)))
    add((claim, _kg("quoteKind"), ox.Literal(attribution.kind.value)))
    add((claim, _kg("isDirectQuote"), ox.Literal(attribution.kind is Kind.DIRECT)))
    if attribution.cue:
        add((claim, _kg("cue"), ox.Literal(_joined(attribution.cue))))
    if attribution.sources:
        add((claim, _kg("sourceText"), ox.Literal(_joined(attribution.sources))))
    if attribution.speaker is not None:
        add((claim, _kg("attributedTo"), nodes[attribution.speaker.key]))
    for channel in attribution.channels:
        add((claim, _kg("reportedBy"), nodes[channel.key]))
    for entity in attribution.mentions:
        add((claim, _kg("mentions"), nodes[entity.key]))
    for span in attribution.hedges:
        add((claim, _kg("hedge"), ox.Literal(_checked(span, body).text)))
    for span in attribution.figures:
        add((claim, _kg("figure"), ox.Literal(_checked(span, body).text)))
    for role, predicate, spans in (
        ("content", "contentSpan", attribution.contents),
        ("cue", "cueSpan", attribution.cue),
        ("source", "sourceSpan", attribution.sources),
    ):
        _add_spans(add, claim, role, _kg(predicate), spans, body)


def _add_spans(add, claim: ox.NamedNode, role: str, predicate: ox.NamedNode, spans: Iterable[Span], body: str) -> None:
    for index, span in enumerate(spans):
        _checked(span, body)
        node = ox.NamedNode(f"{claim.value}/{role}/{index}")
        add((claim, predicate, node))
        add((node, RDF_TYPE, _kg("Span")))
        add((node, _kg("start"), ox.Literal(span.start)))
        add((node, _kg("end"), ox.Literal(span.end)))
        add((node, _kg("spanText"), ox.Literal(span.text)))


def _checked(span: Span, body: str) -> Span:
    if not 0 <= span.start <= span.end <= len(body) or body[span.start : span.end] != span.text:
        raise GraphError(f"span {span.start}-{span.end} {span.text!r} does not match the article text")
    return span


def _joined(spans: list[Span]) -> str:
    return " ".join(span.text for span in spans)
