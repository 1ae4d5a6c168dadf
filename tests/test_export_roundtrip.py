"""Exports always parse: arbitrary article text and metadata (quotes, line breaks, any
Unicode, names and ids that are not safe in an IRI) give Turtle, N-Triples, N-Quads, TriG
and JSON-LD that rdflib and pyoxigraph both read back as exactly the stored graph."""

from __future__ import annotations

import io

import pyoxigraph as ox
import rdflib
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kg.model import Article, Attribution, Entity, EntityType, Extraction, Kind, Relation, Span
from kg.store import EXPORT_FORMATS, Store
from kg.vocab import relation_properties

XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
RDFLIB_FORMATS = {"turtle": "turtle", "ntriples": "nt", "nquads": "nquads", "trig": "trig", "jsonld": "json-ld"}

# Any Unicode but lone surrogates (which no UTF-8 input can hold), weighted towards
# what breaks serializers: quotes, escapes, brackets, line breaks, controls, IRI syntax.
NASTY = st.sampled_from(list('"\'\\<>{}[]#%@^`|:/?&= \n\r\t\x00\x07\x1b\u2028\u202e\ufeff“”«»') + ["\U0001f600", "a\u0301", "\"\"\"", "'''", "_:b", "^^", "@en"])
TEXT = st.lists(st.one_of(NASTY, st.text(st.characters(exclude_categories=["Cs"]), max_size=5)), max_size=8).map("".join)
OPTIONAL = st.one_of(st.none(), TEXT, st.sampled_from(["2025-03-01", "2025-03-01T10:00:00+02:00", "2025-13-45"]))
SCHEMES = st.sampled_from(["iso3166", "geonames", "wikidata", "other"])


@st.composite
def extractions(draw) -> Extraction:
    body = draw(TEXT.filter(str.strip))
    article = Article(
        id=draw(TEXT.filter(bool)), body=body, path=draw(OPTIONAL), title=draw(OPTIONAL), publisher=draw(OPTIONAL),
        url=draw(OPTIONAL), published=draw(OPTIONAL), language=draw(OPTIONAL),
    )

    def spans(least: int, most: int) -> list[Span]:
        found = []
        for _ in range(draw(st.integers(least, most))):
            start = draw(st.integers(0, len(body)))
            found.append(Span.of(body, start, draw(st.integers(start, len(body)))))
        return found

    def some(entities: list[Entity]) -> list[Entity]:
        return draw(st.lists(st.sampled_from(entities), max_size=1))

    entities = [
        Entity(
            key=draw(TEXT.filter(bool)), name=draw(TEXT), type=draw(st.sampled_from(EntityType)),
            role=draw(st.one_of(st.none(), TEXT)), identifiers=tuple(draw(st.lists(st.tuples(SCHEMES, TEXT), max_size=2))),
        )
        for _ in range(draw(st.integers(1, 3)))
    ]
    attributions = [
        Attribution(
            cue=spans(1, 1), sources=spans(0, 1), contents=spans(1, 2), kind=draw(st.sampled_from(Kind)),
            speaker=draw(st.one_of(st.none(), st.sampled_from(entities))), channels=some(entities),
            hedges=spans(0, 1), figures=spans(0, 1), mentions=some(entities),
        )
        for _ in range(draw(st.integers(0, 3)))
    ]
    keys = st.sampled_from([entity.key for entity in entities])
    relations = draw(st.lists(st.builds(Relation, keys, st.sampled_from(sorted(relation_properties())), keys), max_size=2))
    return Extraction(article, attributions, entities, relations, draw(st.one_of(st.none(), st.sampled_from(entities))))


def _export(store: Store, fmt: str) -> bytes:
    buffer = io.BytesIO()
    store.export(fmt, buffer)
    return buffer.getvalue()


def _rdflib_term(term: ox.NamedNode | ox.Literal) -> rdflib.term.Identifier:
    if isinstance(term, ox.NamedNode):
        return rdflib.URIRef(term.value)
    if term.language:
        return rdflib.Literal(term.value, lang=term.language)
    if term.datatype.value == XSD_STRING:  # rdflib spells a plain string without a datatype
        return rdflib.Literal(term.value)
    # as rdflib's parsers build it, so both sides get rdflib's own normalisation
    return rdflib.Literal(term.value, datatype=rdflib.URIRef(term.datatype.value))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(st.lists(extractions(), min_size=1, max_size=2))
def test_every_export_parses_back_to_the_stored_graph(extractions_):
    store = Store()
    for extraction in extractions_:
        store.load(extraction)
    quads = set(store.query("SELECT ?s ?p ?o ?g WHERE { GRAPH ?g { ?s ?p ?o } }").rows)
    triples = {(s, p, o) for s, p, o, _ in quads}
    for fmt, (rdf_format, with_graphs) in EXPORT_FORMATS.items():
        data = _export(store, fmt)
        # pyoxigraph: the very same terms
        parsed = list(ox.parse(data, rdf_format))
        if with_graphs:
            assert {(q.subject, q.predicate, q.object, q.graph_name) for q in parsed} == quads, fmt
        else:
            assert {(q.subject, q.predicate, q.object) for q in parsed} == triples, fmt
        # rdflib: an independent parser
        dataset = rdflib.Dataset()
        dataset.parse(data=data, format=RDFLIB_FORMATS[fmt])
        if with_graphs:
            got = {quad for quad in dataset.quads() if quad[3] != rdflib.graph.DATASET_DEFAULT_GRAPH_ID}
            assert got == {tuple(map(_rdflib_term, quad)) for quad in quads}, fmt
        else:
            assert set(dataset.default_graph) == {tuple(map(_rdflib_term, triple)) for triple in triples}, fmt
