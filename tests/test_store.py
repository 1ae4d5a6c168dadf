from __future__ import annotations

import dataclasses
import io
import shutil
import subprocess

import pyoxigraph as ox
import pytest
import rdflib

from conftest import KINDRATENKO, fake_extract
from kg.graph import GraphError
from kg.model import Article, Span
from kg.store import EXPORT_FORMATS, QueryError, Rows, Store, StoreError, default_path


def texts(store: Store) -> set[str]:
    rows = store.query("SELECT ?t WHERE { ?c a kg:Claim ; kg:text ?t }")
    return {row[0].value for row in rows.rows}


def quads(store: Store) -> set[str]:
    buffer = io.BytesIO()
    store.export("nquads", buffer)
    return {str(quad) for quad in ox.parse(buffer.getvalue(), ox.RdfFormat.N_QUADS)}


def test_loading_twice_adds_nothing(extraction):
    store = Store()
    count = store.load(extraction)
    assert len(store) == count
    store.load(extraction)
    assert len(store) == count


def test_reloading_an_edited_article_replaces_its_claims():
    store = Store()
    store.load(fake_extract(Article("a", 'Ann Lee said "the bridge is open" today.')))
    store.load(fake_extract(Article("b", 'Bo Chan said "rain is coming" today.')))
    store.load(fake_extract(Article("a", 'Ann Lee said "the bridge is closed" today.')))
    assert texts(store) == {"the bridge is closed", "rain is coming"}
    assert store.documents() == ["a", "b"]


def test_a_failed_load_leaves_the_store_as_it_was(extraction):
    store = Store()
    store.load(extraction)
    before = quads(store)
    broken = dataclasses.replace(
        extraction, attributions=[dataclasses.replace(extraction.attributions[0], contents=[Span(0, 1, "?")])]
    )
    with pytest.raises(GraphError):
        store.load(broken)
    assert quads(store) == before


def test_remove_forgets_one_document(extraction):
    store = Store()
    store.load(extraction)
    store.load(fake_extract(Article("b", 'Bo Chan said "rain is coming" today.')))
    store.remove(extraction.article.id)
    assert store.documents() == ["b"]
    assert texts(store) == {"rain is coming"}


def test_persistent_store_survives_reopening(tmp_path, extraction):
    path = tmp_path / "kg.oxigraph"
    store = Store(path)
    store.load(extraction)
    del store
    assert Store(path, create=False).stats().claims == 6


def test_opening_a_missing_store_without_create_fails(tmp_path):
    with pytest.raises(StoreError, match="kg build"):
        Store(tmp_path / "nowhere", create=False)


def test_default_path_follows_environment(monkeypatch):
    monkeypatch.delenv("KG_STORE", raising=False)
    assert str(default_path()) == "kg.oxigraph"
    monkeypatch.setenv("KG_STORE", "/data/news.oxigraph")
    assert str(default_path()) == "/data/news.oxigraph"


def test_queries_see_the_union_and_entities_merge_across_articles(extraction):
    store = Store()
    store.load(extraction)
    body = 'Oleksandr Kindratenko said "we hold the line" on Monday.'
    other = fake_extract(Article("b", body))
    other.attributions[0].speaker = KINDRATENKO
    store.load(other)
    rows = store.query(
        "SELECT DISTINCT ?t ?name WHERE { ?c kg:attributedTo ?s ; kg:text ?t . ?s rdfs:label ?name } ORDER BY ?t",
        {"name": "Oleksandr Kindratenko"},
    )
    assert len(rows.rows) == 2
    stats = store.stats()
    assert (stats.documents, stats.claims, stats.entities["Official"]) == (2, 7, 2)
    assert stats.quads > stats.triples  # the shared person's label and type are in both graphs


def test_an_empty_folder_is_no_store_to_read(tmp_path):
    with pytest.raises(StoreError, match="holds no store"):
        Store(tmp_path, create=False, read_only=True)


def test_stats(extraction):
    store = Store()
    store.load(extraction)
    stats = store.stats()
    assert stats.documents == 1
    assert stats.claims == 6
    assert stats.entities == {"Group": 1, "Official": 2, "Outlet": 2, "Platform": 1, "Region": 2, "Unit": 2}
    assert stats.triples == stats.quads == len(store)


def test_a_large_store_counts_and_exports_distinct_triples_streaming_as_the_engine_does(extraction, monkeypatch, tmp_path):
    store = Store(tmp_path / "kg.oxigraph")
    store.load(extraction)
    store.load(dataclasses.replace(extraction, article=dataclasses.replace(extraction.article, id="other")))
    store.update('INSERT DATA { <https://w3id.org/kg-news/id/x> rdfs:label "only in the default graph" . '
                 '<https://w3id.org/kg-news/id/region/ua> rdfs:label "Ukraine" }')  # the second also in both articles
    counted = store.stats().triples
    assert counted < len(store)
    exported = {format: io.BytesIO() for format in ("turtle", "ntriples")}
    for format, output in exported.items():
        store.export(format, output)
    monkeypatch.setattr("kg.store.DISTINCT_IN_MEMORY", 0)
    assert store.stats().triples is None  # a large store's are counted only when asked for
    assert store.stats(triples=True).triples == counted
    for format, output in exported.items():  # the same graph, streamed a predicate at a time
        streamed = io.BytesIO()
        store.export(format, streamed)
        rdf_format = EXPORT_FORMATS[format][0]
        assert streamed.getvalue() != output.getvalue()
        triples = list(ox.parse(streamed.getvalue(), rdf_format))
        assert len(triples) == counted and set(triples) == set(ox.parse(output.getvalue(), rdf_format))


@pytest.mark.parametrize(
    "value",
    [
        'Kindratenko" } ; DROP ALL ; #',
        "Oleksandr Kindratenko' || true || '",
        "?name",
        "<https://w3id.org/kg-news/id/person/oleksandr-kindratenko>",
        "\" . } UNION { ?c ?p ?name } #",
    ],
)
def test_parameters_are_plain_values_not_query_text(extraction, value):
    store = Store()
    store.load(extraction)
    size = len(store)
    rows = store.query("SELECT ?c ?name WHERE { ?c kg:attributedTo/rdfs:label ?name }", {"name": value})
    assert rows.rows == []
    assert len(store) == size


def test_iri_parameter(extraction):
    store = Store()
    store.load(extraction)
    who = ox.NamedNode("https://w3id.org/kg-news/id/person/oleksandr-kindratenko")
    rows = store.query("SELECT ?t ?who WHERE { ?c kg:attributedTo ?who ; kg:text ?t }", {"who": who})
    assert [row[0].value[:25] for row in rows.rows] == ["Special Operations Forces"]


@pytest.mark.parametrize(
    "update",
    ["INSERT DATA { <http://a> <http://b> <http://c> }", "DROP ALL", "CLEAR DEFAULT", "DELETE WHERE { ?s ?p ?o }"],
)
def test_updates_are_refused(extraction, update):
    store = Store()
    store.load(extraction)
    size = len(store)
    with pytest.raises(QueryError, match="run it with .kg update."):
        store.query(update)
    assert len(store) == size


def test_ask_and_construct(extraction):
    store = Store()
    store.load(extraction)
    assert store.query("ASK { ?c a kg:Claim }") is True
    triples = store.query("CONSTRUCT { ?c kg:text ?t } WHERE { ?c kg:text ?t }")
    assert len(triples) == 6
    assert isinstance(store.query("SELECT * WHERE { ?s ?p ?o } LIMIT 1"), Rows)


def test_unknown_export_format(extraction):
    with pytest.raises(StoreError, match="unknown format"):
        Store().export("rdfxml", io.BytesIO())


@pytest.fixture
def two_articles(extraction) -> Store:
    store = Store()
    store.load(extraction)
    store.load(fake_extract(Article("b", 'Bo Chan said "rain is \\"coming\\" — ünïcode\ttoo" today.')))
    return store


def union_triples(store: Store) -> set[ox.Triple]:
    return set(store.query("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }"))


def all_quads(store: Store) -> set[ox.Quad]:
    return set(store._store.quads_for_pattern(None, None, None))


def _export(store: Store, fmt: str) -> bytes:
    buffer = io.BytesIO()
    store.export(fmt, buffer)
    return buffer.getvalue()


@pytest.mark.parametrize("fmt", list(EXPORT_FORMATS))
def test_exports_parse_back_in_pyoxigraph(two_articles, fmt):
    rdf_format, with_graphs = EXPORT_FORMATS[fmt]
    parsed = set(ox.parse(_export(two_articles, fmt), rdf_format))
    if with_graphs:
        assert parsed == all_quads(two_articles)
    else:
        assert {quad.triple for quad in parsed} == union_triples(two_articles)


RDFLIB_FORMATS = {"turtle": "turtle", "ntriples": "nt", "nquads": "nquads", "trig": "trig", "jsonld": "json-ld"}


@pytest.mark.parametrize("fmt", list(EXPORT_FORMATS))
def test_exports_parse_back_in_rdflib(two_articles, fmt):
    with_graphs = EXPORT_FORMATS[fmt][1]
    dataset = rdflib.Dataset()
    dataset.parse(data=_export(two_articles, fmt), format=RDFLIB_FORMATS[fmt])
    expected = all_quads(two_articles) if with_graphs else union_triples(two_articles)
    if with_graphs:
        got = {(s.n3(), p.n3(), o.n3(), g.n3()) for s, p, o, g in dataset.quads() if g != rdflib.graph.DATASET_DEFAULT_GRAPH_ID}
        want = {(_n3(q.subject), _n3(q.predicate), _n3(q.object), _n3(q.graph_name)) for q in expected}
    else:
        got = {(s.n3(), p.n3(), o.n3()) for s, p, o in dataset.default_graph}
        want = {(_n3(t.subject), _n3(t.predicate), _n3(t.object)) for t in expected}
    assert got == want


def _n3(term) -> str:
    """pyoxigraph term → rdflib's N3 spelling, for comparing across libraries."""
    if isinstance(term, ox.NamedNode):
        return rdflib.URIRef(term.value).n3()
    if term.language:
        return rdflib.Literal(term.value, lang=term.language).n3()
    datatype = None if term.datatype.value.endswith("#string") else rdflib.URIRef(term.datatype.value)
    return rdflib.Literal(term.value, datatype=datatype, normalize=False).n3()


RAPPER_FORMATS = {"turtle": "turtle", "ntriples": "ntriples", "nquads": "nquads", "trig": "trig"}


@pytest.mark.skipif(shutil.which("rapper") is None, reason="rapper (Debian raptor2-utils) is not installed")
@pytest.mark.parametrize("fmt", list(RAPPER_FORMATS))
def test_exports_parse_back_in_rapper(two_articles, fmt, tmp_path):
    path = tmp_path / f"export.{fmt}"
    path.write_bytes(_export(two_articles, fmt))
    with_graphs = EXPORT_FORMATS[fmt][1]
    result = subprocess.run(
        ["rapper", "-q", "-i", RAPPER_FORMATS[fmt], "-o", "nquads" if with_graphs else "ntriples", str(path)],
        capture_output=True, check=True,
    )
    if with_graphs:
        assert set(ox.parse(result.stdout, ox.RdfFormat.N_QUADS)) == all_quads(two_articles)
    else:
        assert {quad.triple for quad in ox.parse(result.stdout, ox.RdfFormat.N_TRIPLES)} == union_triples(two_articles)
