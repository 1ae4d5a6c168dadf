from __future__ import annotations

import dataclasses

import pyoxigraph as ox
import pytest
from rdflib import OWL, RDF, RDFS, BNode, Literal, URIRef

from conftest import KINDRATENKO, NORTH_KOREA, UKRAINE, seed_extraction
from kg.graph import GraphError, article_nquads, article_quads, build_graph, claim_iri, document_iri, entity_iri, graph_iri
from kg.model import Article, Attribution, Entity, EntityType, Extraction, Kind, Relation, Span
from kg.vocab import ID, KG, SCHEMA, relation_properties, vocabulary


def test_every_vocabulary_term_has_label_and_comment():
    graph = vocabulary()
    terms = {s for s in graph.subjects() if isinstance(s, URIRef) and str(s).startswith(str(KG))}
    assert len(terms) > 30
    for term in terms:
        assert graph.value(term, RDFS.label) is not None, term
        assert graph.value(term, RDFS.comment) is not None, term


def test_vocabulary_hierarchy():
    graph = vocabulary()
    assert (KG.Official, RDFS.subClassOf, KG.Person) in graph
    assert (KG.Claim, RDFS.subClassOf, SCHEMA.Claim) in graph
    assert (KG.attributedTo, RDFS.subPropertyOf, URIRef("http://www.w3.org/ns/prov#wasAttributedTo")) in graph
    assert relation_properties() == {"spokespersonFor", "partOf", "country"}


def test_iris_are_derived_from_ids_offsets_and_keys():
    assert document_iri("a b/c") == ID["doc/a%20b%2Fc"]
    assert graph_iri("x") == ID["graph/x"]
    assert entity_iri(KINDRATENKO) == ID["person/oleksandr-kindratenko"]
    attribution = Attribution([Span(0, 4, "said")], [], [Span(10, 20, "x" * 10), Span(5, 8, "abc")], Kind.MIXED)
    assert claim_iri("doc", attribution) == ID["claim/doc/5-8_10-20"]


def test_building_twice_gives_identical_triples_without_blank_nodes(extraction):
    first, second = build_graph(extraction), build_graph(seed_extraction(extraction.article))
    assert set(first) == set(second)
    assert not any(isinstance(term, BNode) for triple in first for term in triple)
    assert first.identifier == graph_iri(extraction.article.id)


@pytest.mark.parametrize(
    "publisher,node,label",
    [
        ("NYT", "org/new-york-times", "The New York Times"),  # a known outlet, by its canonical name
        ("The Springfield Gazette", "org/springfield-gazette", "Springfield Gazette"),  # any other, as the text names it
    ],
)
def test_the_publisher_is_the_outlets_node_the_one_claims_are_reported_by(publisher, node, label):
    from kg.extract import extract

    published = extract(Article("p1", "Tom Banks told the Springfield Gazette that the plan was dead.", publisher=publisher))
    carried = extract(Article("p2", "Jane Holt told The New York Times that the bridge would reopen."))
    graph = build_graph(published) + build_graph(carried)
    outlet = ID[node]
    assert graph.value(document_iri("p1"), SCHEMA.publisher) == outlet
    assert (outlet, RDF.type, KG.Outlet) in graph and graph.value(outlet, RDFS.label) == Literal(label)
    assert set(graph.subjects(KG.reportedBy, outlet)), "the same node carries claims in the articles"


@pytest.mark.parametrize("names", [("Українська правда", "Суспільне"), ("人民日报", "新华社")])
def test_names_in_other_scripts_are_distinct_nodes(names):
    from kg.extract.entities import publisher_entity

    first, second = (publisher_entity(name) for name in names)
    assert first.key != second.key and entity_iri(first) != entity_iri(second)


def test_a_name_with_a_straight_or_a_curly_apostrophe_is_one_node():
    from kg.extract.gazetteer import slug

    assert slug("Martin O'Malley") == slug("Martin O’Malley") == "martin-o-malley"
    assert slug("José Núñez") == "jose-nunez"


def test_a_publisher_the_article_names_as_something_else_is_that_one_node():
    from kg.extract import extract

    graph = build_graph(extract(Article("w1", "The White House said that the talks would resume.", publisher="White House")))
    house = graph.value(document_iri("w1"), SCHEMA.publisher)
    assert list(graph.objects(house, RDF.type)) == [KG.Organization]


def test_claims_spans_and_document(extraction):
    graph = build_graph(extraction)
    doc = document_iri(extraction.article.id)
    assert (doc, RDF.type, KG.Document) in graph
    assert graph.value(doc, SCHEMA.headline).startswith("Ukrainian Special Operations Forces")
    assert graph.value(doc, SCHEMA.inLanguage) == Literal("en")
    assert graph.value(doc, SCHEMA.publisher) is None  # empty in the front matter
    claims = set(graph.subjects(RDF.type, KG.Claim))
    assert len(claims) == 6
    (said,) = graph.subjects(KG.attributedTo, entity_iri(KINDRATENKO))
    assert graph.value(said, KG.sourceText) == Literal("Kindratenko")
    assert graph.value(said, KG.cue) == Literal("stated")
    assert graph.value(said, KG.isDirectQuote) == Literal(True)
    assert graph.value(said, KG.hedge) == Literal("Most likely")
    assert graph.value(said, KG.reportedBy) == ID["org/ukrainska-pravda"]
    assert (said, KG.mentions, entity_iri(NORTH_KOREA)) in graph
    span = graph.value(said, KG.contentSpan)
    start, end = graph.value(span, KG.start).toPython(), graph.value(span, KG.end).toPython()
    assert extraction.article.body[start:end] == str(graph.value(span, KG.spanText))
    assert str(span) == f"{said}/content/0"


def test_unattributed_claim_has_no_attributed_to(extraction):
    graph = build_graph(extraction)
    unattributed = [c for c in graph.subjects(RDF.type, KG.Claim) if graph.value(c, KG.attributedTo) is None]
    assert [str(graph.value(c, KG.text)) for c in unattributed] == ["the tenacity of North Korean soldiers"]


def test_entities_relations_and_identifiers(extraction):
    graph = build_graph(extraction)
    kindratenko, ukraine = entity_iri(KINDRATENKO), entity_iri(UKRAINE)
    assert (kindratenko, RDF.type, KG.Official) in graph
    assert graph.value(kindratenko, RDFS.label) == Literal("Oleksandr Kindratenko")
    assert graph.value(kindratenko, KG.role) == Literal("spokesperson")
    assert graph.value(kindratenko, KG.spokespersonFor) == ID["org/ukrainian-special-operations-forces"]
    assert graph.value(ID["org/8th-regiment-ukrainian-special-operations-forces"], KG.partOf) == ID["org/ukrainian-special-operations-forces"]
    assert graph.value(kindratenko, KG.country) == ukraine
    assert graph.value(ukraine, KG.iso3166) == Literal("UA")
    assert graph.value(ukraine, KG.geonamesId) == Literal("690791")
    assert graph.value(ukraine, OWL.sameAs) == URIRef("https://sws.geonames.org/690791/")


def test_unknown_identifier_scheme_is_kept_as_schema_identifier():
    article = Article("d", "Kyiv said.")
    kyiv = Entity("kyiv", "Kyiv", EntityType.REGION, identifiers=(("osm", "r421866"),))
    graph = build_graph(Extraction(article, [], [kyiv], []))
    assert graph.value(entity_iri(kyiv), SCHEMA.identifier) == Literal("osm:r421866")


def test_same_entity_in_two_articles_is_one_node(extraction):
    other = Article("other", "Kindratenko said it.")
    attribution = Attribution([Span.of(other.body, 12, 16)], [Span.of(other.body, 0, 11)], [Span.of(other.body, 17, 19)], Kind.INDIRECT, KINDRATENKO)
    first, second = build_graph(extraction), build_graph(Extraction(other, [attribution], [], []))
    assert set(first.subjects(KG.attributedTo, None)).isdisjoint(second.subjects(KG.attributedTo, None))
    assert set(first.objects(None, KG.attributedTo)) & set(second.objects(None, KG.attributedTo)) == {entity_iri(KINDRATENKO)}


def test_same_content_credited_twice_keeps_both_claims():
    article = Article("d", "A and B said: go.")
    content = [Span.of(article.body, 14, 16)]
    a = Attribution([Span.of(article.body, 8, 12)], [], content, Kind.DIRECT, Entity("a", "A", EntityType.PERSON))
    b = dataclasses.replace(a, speaker=Entity("b", "B", EntityType.PERSON))
    graph = build_graph(Extraction(article, [a, b], [], []))
    claims = sorted(graph.subjects(RDF.type, KG.Claim))
    assert claims == [ID["claim/d/14-16"], URIRef(ID["claim/d/14-16"] + "~2")]


def test_span_that_does_not_match_the_text_is_rejected(extraction):
    bad = dataclasses.replace(extraction.attributions[0], contents=[Span(0, 3, "xyz")])
    with pytest.raises(GraphError, match="does not match"):
        build_graph(dataclasses.replace(extraction, attributions=[bad]))


def test_relation_with_unknown_key_or_predicate_is_rejected(extraction):
    for relation, message in (
        (Relation("nobody", "partOf", "ua-sof"), "unknown entity key"),
        (Relation("ua-sof", "attributedTo", "ua-sof"), "unknown relation"),
    ):
        with pytest.raises(GraphError, match=message):
            build_graph(dataclasses.replace(extraction, relations=[relation]))


def test_article_quads_put_every_triple_once_in_the_article_graph(extraction):
    graph = build_graph(extraction)
    quads = article_quads(extraction)
    assert len(quads) == len(set(quads)) == len(graph)
    assert {str(q.graph_name.value) for q in quads} == {str(graph.identifier)}
    integers = [q.object for q in quads if q.predicate.value == str(KG.start)]
    assert integers and all(o.datatype.value.endswith("#integer") for o in integers)


def test_article_nquads_are_the_bytes_pyoxigraph_writes(extraction):
    """Control characters, quotes and backslashes escaped as pyoxigraph escapes them: a loader
    can store the text as it stands."""
    title = 'a\x07b\tc\x1b "d" \\ e\ufffe\u2028'
    extraction = dataclasses.replace(extraction, article=dataclasses.replace(extraction.article, title=title))
    quads = article_quads(extraction)
    assert ox.serialize(quads, format=ox.RdfFormat.N_QUADS) == article_nquads(extraction)
    assert ox.Literal(title) in {q.object for q in quads}
