from __future__ import annotations

import io

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, XSD

from conftest import SEED, fake_extract
from kg.articles import read_file
from kg.cli import main
from kg.extract import extract
from kg.store import Store
from kg.validate import Violation, read_file as read_rdf, shapes, validate
from kg.vocab import ID, KG, SCHEMA
from test_cli import Runner


def _union(store: Store) -> Graph:
    buffer = io.BytesIO()
    store.export("ntriples", buffer)
    return Graph().parse(data=buffer.getvalue(), format="nt")


@pytest.fixture(scope="module")
def seed_graph() -> Graph:
    store = Store()
    store.load(extract(read_file(SEED)[0]))
    return _union(store)


def test_the_shapes_ship_in_the_package_and_cover_every_class():
    targets = {str(o) for o in shapes().objects(None, URIRef("http://www.w3.org/ns/shacl#targetClass"))}
    assert {str(KG[name]) for name in ("Claim", "Span", "Document", "Official", "Unit", "Region", "Group")} <= targets


def test_the_seed_graph_from_the_real_extractor_conforms(seed_graph):
    report = validate(seed_graph)
    assert report.violations == []
    assert report.conforms and report.triples == len(seed_graph)


def test_the_hand_made_seed_extraction_conforms(extraction):
    store = Store()
    store.load(extraction)
    assert validate(_union(store)).violations == []


def _broken(seed_graph: Graph) -> Graph:
    """The seed with one of each mistake the shapes exist to catch."""
    graph = Graph()
    for triple in seed_graph:
        graph.add(triple)
    claim = URIRef(ID["claim/x"])
    doc = URIRef(ID["doc/000_0da5bea54c4e428b"])
    span, region, person = URIRef(ID["claim/x/content/0"]), URIRef(ID["region/xx"]), URIRef(ID["person/x"])
    graph.add((claim, RDF.type, KG.Claim))  # no kg:statedIn
    graph.add((claim, KG.text, Literal("x")))
    graph.add((claim, KG.quoteKind, Literal("maybe")))
    graph.add((claim, KG.isDirectQuote, Literal(True)))
    graph.add((claim, KG.contentSpan, span))
    graph.add((claim, KG.attributedTo, URIRef("https://example.org/nobody")))  # not an entity
    graph.add((claim, KG.reportedBy, person))  # a person is no outlet
    graph.add((person, RDF.type, KG.Person))
    graph.add((person, RDFS_LABEL, Literal("X")))
    graph.add((span, RDF.type, KG.Span))
    graph.add((span, KG.start, Literal(9)))
    graph.add((span, KG.end, Literal(5)))
    graph.add((span, KG.spanText, Literal("x")))
    graph.add((region, RDF.type, KG.Region))  # no label
    graph.add((region, KG.iso3166, Literal("Ukraine")))
    graph.add((doc, SCHEMA.identifier, Literal("second id")))
    graph.add((doc, SCHEMA.url, Literal("https://example.org", datatype=XSD.string)))
    return graph


RDFS_LABEL = URIRef("http://www.w3.org/2000/01/rdf-schema#label")


def test_a_broken_graph_gives_the_expected_violations(seed_graph):
    report = validate(_broken(seed_graph))
    assert not report.conforms
    assert report.violations == [
        Violation("id:claim/x", None, None, 'kg:isDirectQuote is true exactly when kg:quoteKind is "direct"'),
        Violation("id:claim/x", "kg:attributedTo", "<https://example.org/nobody>",
                  "a claim is attributed to at most one source (kg:attributedTo), an entity of a kg class"),
        Violation("id:claim/x", "kg:quoteKind", '"maybe"', 'a claim\'s kg:quoteKind is one of "direct", "indirect" or "mixed"'),
        Violation("id:claim/x", "kg:reportedBy", "id:person/x", "a claim is reported by (kg:reportedBy) an Outlet or a Platform"),
        Violation("id:claim/x", "kg:statedIn", None, "a claim is stated in exactly one kg:Document (kg:statedIn)"),
        Violation("id:claim/x/content/0", "kg:start", '"9"^^xsd:integer',
                  "a span's start (kg:start) is not after its end (kg:end)"),
        Violation("id:doc/000_0da5bea54c4e428b", "schema:identifier", None,
                  "a document has exactly one id (schema:identifier), a string"),
        Violation("id:doc/000_0da5bea54c4e428b", "schema:url", '"https://example.org"^^xsd:string',
                  "a document has at most one url (schema:url), an xsd:anyURI"),
        Violation("id:region/xx", "kg:iso3166", '"Ukraine"',
                  "an ISO 3166 code (kg:iso3166) is two capital letters, and a subdivision after a hyphen: UA, UA-30"),
        Violation("id:region/xx", "rdfs:label", None, "an entity has a name (rdfs:label), a string"),
    ]


def test_validate_the_store_and_files_from_the_command_line(tmp_path, seed_graph, fake_extractor):
    runner, store = Runner(), str(tmp_path / "s")
    runner.invoke(main, ["--store", store, "build", "--no-show", str(SEED)])
    result = runner.invoke(main, ["--store", store, "validate"])
    assert result.exit_code == 0, result.output
    assert "triples conform to the kg shapes" in result.stderr
    for fmt, suffix in (("trig", "trig"), ("jsonld", "jsonld"), ("nquads", "nq"), ("turtle", "ttl")):
        path = tmp_path / f"kg.{suffix}"
        assert runner.invoke(main, ["--store", store, "export", "-f", fmt, "-o", str(path)]).exit_code == 0
        result = runner.invoke(main, ["validate", "--file", str(path)])
        assert result.exit_code == 0, (fmt, result.output)

    broken = tmp_path / "broken.ttl"
    _broken(seed_graph).serialize(broken, format="turtle")
    result = runner.invoke(main, ["validate", "--file", str(broken)])
    assert result.exit_code == 1
    assert "id:region/xx kg:iso3166: an ISO 3166 code (kg:iso3166) is two capital letters" in result.stdout
    assert '(found "Ukraine")' in result.stdout
    assert f"{broken}: 10 violations in" in result.stderr


def test_a_file_that_is_not_rdf_is_a_clear_error(tmp_path):
    path = tmp_path / "nonsense.ttl"
    path.write_text("this is { not turtle")
    result = Runner().invoke(main, ["validate", "--file", str(path)])
    assert result.exit_code == 1
    assert f"cannot read {path} as RDF" in result.output


def test_named_graph_files_are_validated_as_their_union(tmp_path):
    store = Store()
    store.load(fake_extract(read_file(SEED)[0]))
    path = tmp_path / "kg.nq"
    with path.open("wb") as output:
        store.export("nquads", output)
    assert len(read_rdf(path)) == len(_union(store))
