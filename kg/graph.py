"""Turn an `Extraction` into RDF: one named graph per article.

Every IRI is derived from stable data (document id, offsets, entity keys), never
from counters or blank nodes, so building the same extraction twice yields the
same triples and re-loading an article replaces rather than duplicates it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from urllib.parse import quote

import pyoxigraph as ox
from rdflib import OWL, RDF, RDFS, XSD, Graph, Literal, URIRef

from kg.model import Article, Attribution, Entity, Extraction, Kind, Span
from kg.vocab import ID, KG, PREFIXES, SCHEMA, identifier_schemes, relation_properties


class GraphError(ValueError):
    """The extraction is inconsistent (a span that doesn't match the text, an unknown key)."""


def _segment(value: str) -> str:
    return quote(value, safe="")


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


def build_graph(extraction: Extraction) -> Graph:
    """The article's named graph (``graph.identifier`` is `graph_iri`)."""
    article = extraction.article
    graph = Graph(identifier=graph_iri(article.id))
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace)
    doc = document_iri(article.id)
    _add_document(graph, doc, article)

    entities = _entities_by_key(extraction)
    for entity in entities.values():
        _add_entity(graph, entity)
    for relation in extraction.relations:
        if relation.predicate not in relation_properties():
            raise GraphError(f"unknown relation {relation.predicate!r}; expected one of {sorted(relation_properties())}")
        subject, obj = (_lookup(entities, key) for key in (relation.subject, relation.object))
        graph.add((entity_iri(subject), KG[relation.predicate], entity_iri(obj)))

    seen: dict[URIRef, int] = {}
    for attribution in extraction.attributions:
        claim = claim_iri(article.id, attribution)
        seen[claim] = seen.get(claim, 0) + 1
        if seen[claim] > 1:  # same content credited twice (e.g. two speakers): keep both, in order
            claim = URIRef(f"{claim}~{seen[claim]}")
        _add_claim(graph, claim, doc, attribution, article.body)
    return graph


def to_quads(graph: Graph) -> list[ox.Quad]:
    """The graph as pyoxigraph quads in its named graph, for storage."""
    name = ox.NamedNode(str(graph.identifier))
    nodes: dict[URIRef, ox.NamedNode] = {}

    def node(term: URIRef) -> ox.NamedNode:
        found = nodes.get(term)
        if found is None:
            found = nodes[term] = ox.NamedNode(str(term))
        return found

    def value(term: URIRef | Literal) -> ox.NamedNode | ox.Literal:
        if isinstance(term, Literal):
            if term.language:
                return ox.Literal(str(term), language=term.language)
            if term.datatype is not None:
                return ox.Literal(str(term), datatype=node(term.datatype))
            return ox.Literal(str(term))
        if isinstance(term, URIRef):
            return node(term)
        raise GraphError(f"unexpected term {term!r}: kg graphs have no blank nodes")

    return [ox.Quad(node(s), node(p), value(o), name) for s, p, o in graph]


def _add_document(graph: Graph, doc: URIRef, article: Article) -> None:
    graph.add((doc, RDF.type, KG.Document))
    graph.add((doc, SCHEMA.identifier, Literal(article.id)))
    optional = (
        (SCHEMA.headline, article.title and Literal(article.title)),
        (SCHEMA.publisher, article.publisher and Literal(article.publisher)),
        (SCHEMA.url, article.url and Literal(article.url, datatype=XSD.anyURI)),
        (SCHEMA.datePublished, article.published and _date(article.published)),
        (SCHEMA.inLanguage, article.language and Literal(article.language)),
        (KG.sourcePath, article.path and Literal(article.path)),
    )
    for predicate, obj in optional:
        if obj:
            graph.add((doc, predicate, obj))


def _date(value: str) -> Literal:
    """Typed as xsd:date / xsd:dateTime when it parses, so it sorts and compares as a date."""
    for kind in (dt.date, dt.datetime):
        try:
            return Literal(kind.fromisoformat(value))
        except ValueError:
            continue
    return Literal(value)


def _entities_by_key(extraction: Extraction) -> dict[str, Entity]:
    found: dict[str, Entity] = {}
    mentioned: list[Entity] = list(extraction.entities)
    for attribution in extraction.attributions:
        mentioned += [attribution.speaker] if attribution.speaker else []
        mentioned += attribution.channels + attribution.mentions
    for entity in mentioned:
        found.setdefault(entity.key, entity)
    return found


def _lookup(entities: dict[str, Entity], key: str) -> Entity:
    try:
        return entities[key]
    except KeyError:
        raise GraphError(f"relation refers to unknown entity key {key!r}") from None


def _add_entity(graph: Graph, entity: Entity) -> None:
    iri = entity_iri(entity)
    graph.add((iri, RDF.type, KG[entity.type.value]))
    graph.add((iri, RDFS.label, Literal(entity.name)))
    if entity.role:
        graph.add((iri, KG.role, Literal(entity.role)))
    schemes = identifier_schemes()
    for scheme, identifier in entity.identifiers:
        known = schemes.get(scheme)
        if known is None:
            graph.add((iri, SCHEMA.identifier, Literal(f"{scheme}:{identifier}")))
            continue
        graph.add((iri, known.property, Literal(identifier)))
        if known.iri_template:
            graph.add((iri, OWL.sameAs, URIRef(known.iri_template.format(quote(identifier, safe="")))))


def _add_claim(graph: Graph, claim: URIRef, doc: URIRef, attribution: Attribution, body: str) -> None:
    graph.add((claim, RDF.type, KG.Claim))
    graph.add((claim, KG.statedIn, doc))
    graph.add((claim, KG.text, Literal(attribution.text)))
    graph.add((claim, KG.quoteKind, Literal(attribution.kind.value)))
    graph.add((claim, KG.isDirectQuote, Literal(attribution.kind is Kind.DIRECT)))
    if attribution.cue:
        graph.add((claim, KG.cue, Literal(_joined(attribution.cue))))
    if attribution.sources:
        graph.add((claim, KG.sourceText, Literal(_joined(attribution.sources))))
    if attribution.speaker is not None:
        graph.add((claim, KG.attributedTo, entity_iri(attribution.speaker)))
    for channel in attribution.channels:
        graph.add((claim, KG.reportedBy, entity_iri(channel)))
    for entity in attribution.mentions:
        graph.add((claim, KG.mentions, entity_iri(entity)))
    for span in attribution.hedges:
        graph.add((claim, KG.hedge, Literal(_checked(span, body).text)))
    for span in attribution.figures:
        graph.add((claim, KG.figure, Literal(_checked(span, body).text)))
    for role, predicate, spans in (
        ("content", KG.contentSpan, attribution.contents),
        ("cue", KG.cueSpan, attribution.cue),
        ("source", KG.sourceSpan, attribution.sources),
    ):
        _add_spans(graph, claim, role, predicate, spans, body)


def _add_spans(
    graph: Graph, claim: URIRef, role: str, predicate: URIRef, spans: Iterable[Span], body: str
) -> None:
    for index, span in enumerate(spans):
        _checked(span, body)
        node = URIRef(f"{claim}/{role}/{index}")
        graph.add((claim, predicate, node))
        graph.add((node, RDF.type, KG.Span))
        graph.add((node, KG.start, Literal(span.start)))
        graph.add((node, KG.end, Literal(span.end)))
        graph.add((node, KG.spanText, Literal(span.text)))


def _checked(span: Span, body: str) -> Span:
    if not 0 <= span.start <= span.end <= len(body) or body[span.start : span.end] != span.text:
        raise GraphError(f"span {span.start}-{span.end} {span.text!r} does not match the article text")
    return span


def _joined(spans: list[Span]) -> str:
    return " ".join(span.text for span in spans)
