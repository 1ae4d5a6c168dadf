"""No query can be changed from outside, no query can change the store, and no article can
restyle or crash the terminal."""

from __future__ import annotations

import json

import pyoxigraph as ox
import pytest

from conftest import SEED, fake_extract
from kg.cli import main
from kg.queries import ParameterError, load_query, parse_param, run
from kg.store import QueryError, Store, StoreError
from test_cli import Runner

HOSTILE = [
    'Kindratenko" } ; DROP ALL ; #',
    "Kindratenko' } ; DROP ALL ; #",
    '" . } UNION { ?c ?p ?name } #',
    '"} UNION {?s ?p ?o}',
    "} UNION { ?s ?p ?o",
    '"\n} UNION {\n?s ?p ?o .\n#',
    '# a comment\n"',
    '"""triple"""',
    "'''triple'''",
    '\\" } #',
    '\\u0022 } UNION { ?s ?p ?o } #',
    "?name",
    "$name",
    "<https://w3id.org/kg-news/id/person/oleksandr-kindratenko>",
    "<https://example.org/x> } UNION { ?s ?p ?o",
    "VALUES ?x { 1 }",
    "\x00\x1b[31m\u202e",
    "",
]


@pytest.fixture
def store(extraction) -> Store:
    store = Store()
    store.load(extraction)
    return store


@pytest.mark.parametrize("value", HOSTILE)
def test_a_parameter_comes_back_as_exactly_the_value_given(store, value):
    rows = store.query("SELECT ?v WHERE { }", {"v": value})
    assert [(row[0].value, row[0].datatype.value) for row in rows.rows] == [
        (value, "http://www.w3.org/2001/XMLSchema#string")
    ]


@pytest.mark.parametrize("value", [value for value in HOSTILE if value])  # "" is contained in every name
def test_a_hostile_parameter_matches_nothing_and_changes_nothing(store, value):
    size = len(store)
    assert run(store, load_query("claims-by-speaker"), {"speaker": ox.Literal(value)}).rows == []
    assert len(store) == size


@pytest.fixture(scope="module")
def seed_store(tmp_path_factory) -> str:
    """The seed built once; the tests below only read it."""
    store = str(tmp_path_factory.mktemp("seed") / "s")
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr("kg.cli._extractor", lambda: fake_extract)
        assert Runner().invoke(main, ["--store", store, "build", "--no-show", str(SEED)]).exit_code == 0
    return store


@pytest.mark.parametrize("value", HOSTILE)
def test_hostile_parameters_through_the_cli_are_plain_values(seed_store, value):
    runner, store = Runner(), seed_store
    result = runner.invoke(main, ["--store", store, "query", "--sparql", "SELECT ?v WHERE { }", "-p", f"v={value}", "-f", "json"])
    if value.startswith("<") and value.endswith(">"):  # written as an IRI: bound as one, or refused
        assert result.exit_code in (0, 1)
        if result.exit_code:
            assert "is not a valid IRI" in result.output
        else:
            assert json.loads(result.output) == [{"v": value[1:-1]}]
    else:
        assert result.exit_code == 0, result.output
        assert json.loads(result.output) == [{"v": value}]
    assert json.loads(runner.invoke(main, ["--store", store, "stats", "--json"]).output)["claims"] == 6


@pytest.mark.parametrize("value", ["<a> } UNION { <b>", "<http://a b>", '<http://x">', "<http://x\n>"])
def test_an_iri_parameter_must_be_one_valid_iri(value):
    with pytest.raises(ParameterError, match="not a valid IRI"):
        parse_param(f"x={value}")


@pytest.mark.parametrize(
    "update",
    [
        "INSERT DATA { <http://a> <http://b> <http://c> }",
        "DROP ALL",
        "CLEAR DEFAULT",
        "DELETE WHERE { ?s ?p ?o }",
        "SELECT * WHERE { ?s ?p ?o } ; DROP ALL",
        "LOAD <http://example.org/data.ttl>",
        "WITH <http://g> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }",
    ],
)
def test_query_refuses_updates_on_the_command_line_and_from_a_file(tmp_path, seed_store, update):
    runner, store = Runner(), seed_store
    rq = tmp_path / "sneaky.rq"
    rq.write_text(f"# Looks like a query.\n{update}\n")
    for args in (["--sparql", update], [str(rq)]):
        result = runner.invoke(main, ["--store", store, "query", *args])
        assert result.exit_code == 1
        expected = "not a valid SPARQL query" if update.startswith("SELECT") else "run it with 'kg update'"
        assert expected in result.output
    assert json.loads(runner.invoke(main, ["--store", store, "stats", "--json"]).output)["claims"] == 6


def test_a_read_only_store_refuses_updates_even_through_the_library(tmp_path, extraction):
    path = tmp_path / "s"
    writer = Store(path)
    writer.load(extraction)
    del writer
    reader = Store(path, create=False, read_only=True)
    with pytest.raises(QueryError, match="nothing was changed"):
        reader.update("DROP ALL")
    assert reader.stats().claims == 6


def test_update_changes_the_store_only_when_asked_by_name(tmp_path, fake_extractor):
    runner, store = Runner(), str(tmp_path / "s")
    runner.invoke(main, ["--store", store, "build", "--no-show", str(SEED)])
    graph = "<https://w3id.org/kg-news/id/graph/000_0da5bea54c4e428b>"
    result = runner.invoke(main, ["--store", store, "update", "--sparql", f"DROP GRAPH {graph}"])
    assert result.exit_code == 0, result.output
    assert json.loads(runner.invoke(main, ["--store", store, "stats", "--json"]).output)["claims"] == 0


def test_update_from_a_file_or_stdin(tmp_path, fake_extractor):
    runner, store = Runner(), str(tmp_path / "s")
    runner.invoke(main, ["--store", store, "build", "--no-show", str(SEED)])
    path = tmp_path / "add.ru"
    path.write_text("INSERT DATA { GRAPH <http://g> { <http://a> kg:text 'x' } }\n")
    assert runner.invoke(main, ["--store", store, "update", str(path)]).exit_code == 0
    result = runner.invoke(main, ["--store", store, "update", "-"], input="DELETE DATA { GRAPH <http://g> { <http://a> kg:text 'x' } }")
    assert result.exit_code == 0 and "-1 quad in the store." in result.stderr


@pytest.mark.parametrize(
    ("update", "message"),
    [
        ("SELECT * WHERE { ?s ?p ?o }", "run it with 'kg query'"),
        ("INSERT DATA { GRAPH <http://h> { <http://a> <http://b> 'd' }", "not a valid SPARQL Update"),
        # the first operation would succeed, the second fails: neither happens
        ("INSERT DATA { GRAPH <http://h> { <http://a> <http://b> 'd' } } ; "
         "CREATE GRAPH <https://w3id.org/kg-news/id/graph/000_0da5bea54c4e428b>", "nothing was changed"),
    ],
)
def test_a_failed_update_changes_nothing(tmp_path, fake_extractor, update, message):
    runner, store = Runner(), str(tmp_path / "s")
    runner.invoke(main, ["--store", store, "build", "--no-show", str(SEED)])
    before = json.loads(runner.invoke(main, ["--store", store, "stats", "--json"]).output)
    result = runner.invoke(main, ["--store", store, "update", "--sparql", update])
    assert result.exit_code == 1 and message in result.output
    assert json.loads(runner.invoke(main, ["--store", store, "stats", "--json"]).output) == before


def test_update_needs_exactly_one_source():
    result = Runner().invoke(main, ["--memory", "update"])
    assert result.exit_code == 2 and "give a FILE" in result.output


def test_opening_a_missing_store_read_only_is_a_clear_error(tmp_path):
    with pytest.raises(StoreError, match="run 'kg build' first"):
        Store(tmp_path / "none", create=False, read_only=True)


HOSTILE_ARTICLE = 'Ann Lee said "it is [/red] open\x1b[2J\x07 \u202eevil [link=http://x]now[/link]" today.\n'


def test_article_text_cannot_restyle_reorder_or_crash_the_terminal(tmp_path, fake_extractor):
    runner, store = Runner(), str(tmp_path / "s")
    path = tmp_path / "a.md"
    path.write_text("---\nid: '[red]x[/red]'\n---\n" + HOSTILE_ARTICLE)
    outputs = [runner.invoke(main, ["--store", store, "build", str(path)])]
    outputs += [runner.invoke(main, ["--store", store, *args]) for args in (["query", "who-said-what"], ["sources"])]
    for result in outputs:
        assert result.exit_code == 0, result.output
        assert "\x1b" not in result.stdout and "\x07" not in result.stdout and "\u202e" not in result.stdout
    assert "[/red] open\\x1b[2J\\x07 \\u202eevil" in outputs[0].stdout.replace("\n", "")
    assert "[red]x[/red]" in outputs[0].stdout  # the id, shown as written
