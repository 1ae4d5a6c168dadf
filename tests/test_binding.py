"""Parameters written as VALUES blocks: where they go, and that they mean what substitution means."""

from __future__ import annotations

import pyoxigraph as ox
import pytest

from kg.binding import BindError, bind

V = ' VALUES ?x { "1" }'


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("SELECT * WHERE { ?s ?p ?x }", f"SELECT * WHERE {{{V} ?s ?p ?x }}"),
        ("CONSTRUCT { ?s ?p '{' } WHERE { ?s ?p ?x }", f"CONSTRUCT {{ ?s ?p '{{' }} WHERE {{{V} ?s ?p ?x }}"),
        ("CONSTRUCT WHERE { ?s ?p ?x }", f"CONSTRUCT WHERE {{{V} ?s ?p ?x }}"),
        ('# {\nPREFIX select: <http://x/#> SELECT ("}" AS ?where) {?s ?p ?x}',
         f'# {{\nPREFIX select: <http://x/#> SELECT ("}}" AS ?where) {{{V}?s ?p ?x}}'),
        ('ASK { ?s ?p ?x, """{ ?x }""" }', f'ASK {{{V} ?s ?p ?x, """{{ ?x }}""" }}'),
        # a sub-SELECT that projects ?x shares it; one that doesn't has a ?x of its own
        ("SELECT * { { SELECT ?x WHERE { ?s ?p ?x } } { SELECT ?s WHERE { ?s ?q ?x } } }",
         f"SELECT * {{{V} {{ SELECT ?x WHERE {{{V} ?s ?p ?x }} }} {{ SELECT ?s WHERE {{ ?s ?q ?x }} }} }}"),
        ("SELECT * { GRAPH ?g { ?s ?p ?x } GRAPH ?h { ?s ?p ?o } }",
         f"SELECT * {{{V} GRAPH ?g {{{V} ?s ?p ?x }} GRAPH ?h {{ ?s ?p ?o }} }}"),
        # never inside MINUS (?x would become shared) or inline data
        ("SELECT * { ?s ?p ?x MINUS { ?s ?q ?x } VALUES ?s { <http://s> } }",
         f"SELECT * {{{V} ?s ?p ?x MINUS {{ ?s ?q ?x }} VALUES ?s {{ <http://s> }} }}"),
        ("SELECT * { ?s ex:graph ?x OPTIONAL { ?s ?p ?x } }", f"SELECT * {{{V} ?s ex:graph ?x OPTIONAL {{{V} ?s ?p ?x }} }}"),
    ],
)
def test_values_open_the_where_clause_and_each_group_that_may_bind_it(query, expected):
    assert bind(query, {"x": "1"}) == expected


def test_values_are_terms_and_names_are_variables():
    assert bind("ASK { ?s ?p ?x }", {"x": 'a" } } DROP ALL #'}) == 'ASK { VALUES ?x { "a\\" } } DROP ALL #" } ?s ?p ?x }'
    with pytest.raises(BindError, match="not a variable name"):
        bind("ASK { ?s ?p ?x }", {"x) { (1) } } DELETE": "1"})
    with pytest.raises(BindError, match="only IRIs and literals"):
        bind("ASK { ?s ?p ?x }", {"x": ox.BlankNode()})


def test_unknown_parameters_and_queries_without_where_are_refused():
    with pytest.raises(BindError, match=r"no \?nmae"):
        bind("SELECT ?name WHERE { ?e ?p ?name }", {"nmae": "Ann"})
    with pytest.raises(BindError, match="no WHERE"):
        bind("DESCRIBE ?x", {"x": "1"})
    assert bind("DESCRIBE ?x", {"x": "1"}, required=False) == "DESCRIBE ?x"


EX = "http://example.org/"
QUERIES = [
    "SELECT ?x ?c WHERE { GRAPH ?g { ?c <{ex}kind> ?k FILTER(?k = ?x) } }",
    "SELECT ?x (COUNT(*) AS ?n) WHERE { { ?c <{ex}kind> ?k FILTER(?k = ?x) } UNION { ?c <{ex}cue> ?k FILTER(?k = ?x) } } GROUP BY ?x",
    "SELECT ?x ?c ?o WHERE { ?c a <{ex}Claim> OPTIONAL { ?c <{ex}kind> ?x . ?c <{ex}cue> ?o } }",
    "SELECT ?x ?c WHERE { ?c a <{ex}Claim> FILTER NOT EXISTS { ?c <{ex}kind> ?x } }",
    "SELECT ?x ?n WHERE { { SELECT (COUNT(*) AS ?n) WHERE { ?c <{ex}kind> ?x } } }",
    "SELECT ?x ?n WHERE { { SELECT ?x (COUNT(*) AS ?n) WHERE { ?c <{ex}kind> ?x } GROUP BY ?x } }",
    "SELECT ?x ?c WHERE { ?c a <{ex}Claim> MINUS { ?c <{ex}kind> ?x } }",
]


@pytest.mark.parametrize("query", QUERIES)
def test_values_alone_mean_what_substitution_means(query):
    """What a server gets (the text alone) answers as the embedded store's substitution does."""
    store = ox.Store()
    for number, kind in enumerate(["direct", "indirect", "direct", "mixed"]):
        claim, graph = ox.NamedNode(f"{EX}c{number}"), ox.NamedNode(f"{EX}g{number}")
        store.add(ox.Quad(claim, ox.NamedNode(f"{ox.NamedNode(EX).value}kind"), ox.Literal(kind), graph))
        store.add(ox.Quad(claim, ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"),
                          ox.NamedNode(f"{EX}Claim"), graph))
        if number % 2:
            store.add(ox.Quad(claim, ox.NamedNode(f"{EX}cue"), ox.Literal("direct"), graph))
    query = query.replace("{ex}", EX)

    def rows(text, **options):
        result = store.query(text, use_default_graph_as_union=True, **options)
        return sorted(tuple(str(solution[v]) for v in result.variables) for solution in result)

    substituted = rows(query, substitutions={ox.Variable("x"): ox.Literal("direct")})
    assert rows(bind(query, {"x": "direct"})) == substituted
    assert rows(bind(query, {"x": "direct"}), substitutions={ox.Variable("x"): ox.Literal("direct")}) == substituted
