from __future__ import annotations

import csv
import gc
import io
import json
import subprocess
import sys

import networkx as nx
import pyoxigraph as ox
import pytest
from click.testing import CliRunner

from conftest import SEED, SEED_ID
from kg.cli import main
from kg.model import Extraction


class Runner(CliRunner):
    """Each invocation stands for a separate process. pyoxigraph stores have no close()
    and RocksDB allows one opener, so drop the traceback of a failed run (its frames
    hold the store) and collect it before the next invocation opens the store again."""

    def invoke(self, *args, **kwargs):
        result = super().invoke(*args, **kwargs)
        result.exc_info = None
        error = result.exception
        while error is not None:
            error.__traceback__ = None
            error = error.__context__
        gc.collect()
        return result


@pytest.fixture
def runner() -> CliRunner:
    return Runner()


@pytest.fixture
def built(runner, tmp_path, fake_extractor):
    """A store built from the seed with the hand-made extraction; returns a kg invoker."""
    store = tmp_path / "kg.oxigraph"
    result = runner.invoke(main, ["--store", str(store), "build", str(SEED)])
    assert result.exit_code == 0, result.output

    def kg(*args: str):
        return runner.invoke(main, ["--store", str(store), *args])

    return kg


def test_help_is_fast_because_heavy_libraries_load_lazily():
    code = "import sys, kg.cli; print(sorted(m for m in ('rdflib', 'pyoxigraph', 'networkx', 'rich') if m in sys.modules))"
    assert subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip() == "[]"


def test_every_command_has_examples_in_its_help(runner):
    for command in main.commands:
        result = runner.invoke(main, [command, "--help"])
        assert result.exit_code == 0
        assert "Example" in result.output, command


def test_build_shows_who_said_what_and_a_summary(runner, tmp_path, fake_extractor):
    result = runner.invoke(main, ["--store", str(tmp_path / "s"), "build", str(SEED)])
    assert result.exit_code == 0, result.output
    assert "Loaded 1 article (6 claims, " in result.stderr and " quads) " in result.stderr  # each article graph's statements
    assert "Kindratenko" in result.stdout and "Pravda" in result.stdout
    assert "(unattributed)" in result.stdout
    assert (tmp_path / "s").is_dir()


def test_build_without_paths_reads_the_seeds(runner, tmp_path, fake_extractor):
    result = runner.invoke(main, ["--store", str(tmp_path / "s"), "build", "--no-show"])
    assert result.exit_code == 0, result.output
    assert "Loaded 1 article" in result.stderr
    assert "Kindratenko" not in result.stdout


def test_build_reports_bad_files_by_name_and_line_loads_the_rest_and_fails(runner, tmp_path, fake_extractor):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.md").write_text('---\nid: good\n---\nAnn Lee said "all is well" today.\n')
    (folder / "bad.md").write_text("---\nid: bad\ntitle: [\n---\nBody.\n")
    (folder / "lines.jsonl").write_text('{"id": "j1", "text": "Bo Chan said \\"fine\\" today."}\n{oops\n')
    store = tmp_path / "s"
    result = runner.invoke(main, ["--store", str(store), "build", str(folder)])
    assert result.exit_code == 1
    assert f"{folder / 'bad.md'}:4: front matter is not valid YAML" in result.stderr  # where the YAML ran out
    assert f"{folder / 'lines.jsonl'}:2:" in result.stderr
    assert "Loaded 2 articles" in result.stderr and "2 failed" in result.stderr
    stats = json.loads(runner.invoke(main, ["--store", str(store), "stats", "--json"]).output)
    assert stats["documents"] == 2


def test_build_reports_an_article_the_extractor_fails_on(runner, tmp_path, monkeypatch):
    def broken(article):
        raise RuntimeError("tokenizer exploded")

    monkeypatch.setattr("kg.cli._extractor", lambda: broken)
    result = runner.invoke(main, ["--memory", "build", str(SEED)])
    assert result.exit_code == 1
    assert f"{SEED}:9: RuntimeError: tokenizer exploded" in result.stderr  # where the body starts


def test_extract_reports_failures_by_line_and_prints_warnings(runner, tmp_path, monkeypatch):
    def broken_on_b(article):
        if article.id == "b":
            raise RuntimeError("tokenizer exploded")
        return Extraction(article, [], [], [])

    monkeypatch.setattr("kg.cli._extractor", lambda: broken_on_b)
    articles = tmp_path / "articles.jsonl"
    articles.write_text('{"id": "a", "text": "Fine\u202e text."}\n{"id": "b", "text": "Boom."}\n')
    result = runner.invoke(main, ["extract", str(articles)])
    assert result.exit_code == 1
    assert [json.loads(line)["id"] for line in result.stdout.splitlines()] == ["a"]
    assert f"{articles}:2: RuntimeError: tokenizer exploded" in result.stderr
    assert f"{articles}:1: warning:" in result.stderr


def test_query_limit_keeps_the_first_rows(built):
    everything = json.loads(built("query", "who-said-what", "-f", "json").output)
    first = json.loads(built("query", "who-said-what", "-f", "json", "--limit", "2").output)
    assert len(everything) > 2 and first == everything[:2]
    triples = built("query", "--sparql", "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }", "--limit", "3").output
    assert len(triples.splitlines()) == 3
    assert built("query", "who-said-what", "--limit", "0").exit_code == 2


def test_an_empty_answer_says_what_to_try_on_stderr(built):
    result = built("query", "said-by", "-p", "speaker=kindratenko", "-f", "csv")
    assert result.exit_code == 0 and result.stdout == "type,kind,cue,claim,via,article\n"
    assert "kg query claims-by-speaker -p speaker=kindratenko" in result.stderr
    quoted = built("query", "said-by", "-p", "speaker=Tom \"T\" $(id)").stderr
    assert "-p speaker='Tom \"T\" $(id)'" in quoted  # quoted for a shell, to paste as it stands
    iri = built("query", "said-by", "-p", "speaker=<https://w3id.org/kg-news/id/person/x>")
    assert iri.exit_code == 0 and "hint" not in iri.stderr  # an IRI: no name search to suggest
    found = built("query", "claims-by-speaker", "-p", "speaker=kindratenko", "-f", "csv")
    assert len(found.stdout.splitlines()) > 1 and "hint" not in found.stderr
    assert "hint" not in built("query", "--sparql", "SELECT * WHERE { ?s <x:none> ?o }").stderr  # ad-hoc SPARQL has none


def test_rebuilding_an_edited_article_replaces_it(runner, tmp_path, fake_extractor):
    article, store = tmp_path / "a.md", str(tmp_path / "s")
    article.write_text('---\nid: a\n---\nAnn Lee said "the bridge is open" today.\n')
    runner.invoke(main, ["--store", store, "build", str(article)])
    article.write_text('---\nid: a\n---\nAnn Lee said "the bridge is closed" today.\n')
    runner.invoke(main, ["--store", store, "build", str(article)])
    result = runner.invoke(main, ["--store", store, "query", "claims-by-speaker", "-p", "speaker=Ann", "-f", "json"])
    assert [row["claim"] for row in json.loads(result.output)] == ["the bridge is closed"]


def test_extract_prints_json_lines_without_a_store(runner, tmp_path, fake_extractor, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(main, ["extract", str(SEED)])
    assert result.exit_code == 0, result.output
    (line,) = result.stdout.splitlines()
    record = json.loads(line)
    assert (record["id"], record["path"]) == (SEED_ID, str(SEED))
    first = record["attributions"][0]
    assert first["speaker"] == {"name": "Oleksandr Kindratenko", "type": "Official"}
    assert first["channels"] == [{"name": "Ukrainska Pravda", "type": "Outlet"}]
    assert first["kind"] == "direct"
    assert first["sources"] == [{"start": 637, "end": 648, "text": "Kindratenko"}]
    assert [a["speaker"] for a in record["attributions"]].count(None) == 1
    assert not (tmp_path / "kg.oxigraph").exists()


def test_extract_with_the_real_extractor(runner):
    result = runner.invoke(main, ["extract", str(SEED)])
    assert result.exit_code == 0, result.output
    record = json.loads(result.stdout)
    speakers = {(a["speaker"] or {}).get("name") for a in record["attributions"]}
    assert "Oleksandr Kindratenko" in speakers
    for attribution in record["attributions"]:
        assert set(attribution) == {"cue", "sources", "contents", "speaker", "channels", "kind"}


def test_query_formats(built):
    as_json = json.loads(built("query", "claims-by-speaker", "--param", "speaker=Syrsky", "--format", "json").output)
    assert [(row["name"], row["kind"]) for row in as_json] == [("Oleksandr Syrsky", "indirect")]
    as_csv = list(csv.reader(io.StringIO(built("query", "officials-and-roles", "-f", "csv").output)))
    assert as_csv[0] == ["official", "role", "spokespersonFor", "country", "claims"]
    assert as_csv[1][:2] == ["Oleksandr Kindratenko", "spokesperson"]
    as_tsv = built("query", "unattributed-claims", "-f", "tsv").output.splitlines()
    assert as_tsv[1].split("\t")[-1] == SEED_ID
    odd = built("query", "--sparql", 'SELECT ?x ?y WHERE { VALUES (?x ?y) { ("a\\tb\\nc\\\\d \\"q\\"" "z") } }', "-f", "tsv")
    assert odd.stdout == 'x\ty\na\\tb\\nc\\\\d "q"\tz\n'  # tabs, breaks and backslashes escaped, quotes as they are
    as_table = built("query", "who-said-what").output
    assert "Regiment" in as_table and "6 rows" in as_table


def test_query_json_types_numbers(built):
    rows = json.loads(built("query", "entities-by-type", "-p", "type=Official", "-f", "json").output)
    assert [row["claims"] for row in rows] == [1, 1]


def test_query_sparql_with_iri_and_injection_params(built):
    iri = "<https://w3id.org/kg-news/id/person/oleksandr-kindratenko>"
    sparql = "SELECT ?text ?who WHERE { ?c kg:attributedTo ?who ; kg:text ?text }"
    rows = json.loads(built("query", "--sparql", sparql, "-p", f"who={iri}", "-f", "json").output)
    assert len(rows) == 1 and rows[0]["who"] == iri[1:-1]
    hostile = 'Kindratenko" } ; DROP ALL #'
    result = built("query", "claims-by-speaker", "-p", f"speaker={hostile}", "-f", "json")
    assert json.loads(result.stdout) == []  # (a hint follows on stderr)
    assert json.loads(built("stats", "--json").output)["claims"] == 6


def test_query_ask_construct_and_refused_update(built):
    assert built("query", "--sparql", "ASK { ?c a kg:Claim }").output.strip() == "true"
    construct = built("query", "--sparql", "CONSTRUCT { ?c kg:text ?t } WHERE { ?c kg:text ?t }").output
    assert len(list(ox.parse(construct.encode(), ox.RdfFormat.N_TRIPLES))) == 6
    refused = built("query", "--sparql", "DELETE WHERE { ?s ?p ?o }")
    assert refused.exit_code == 1 and "run it with 'kg update'" in refused.output
    assert json.loads(built("stats", "--json").output)["claims"] == 6


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["query"], "give a query NAME"),
        (["query", "nope"], "no query 'nope'"),
        (["query", "claims-by-speaker"], "needs --param speaker"),
        (["query", "claims-by-speaker", "-p", "speaker"], "expected name=value"),
    ],
)
def test_query_errors(built, args, message):
    result = built(*args)
    assert result.exit_code != 0
    assert message in result.output


def test_query_a_rq_file(built, tmp_path):
    path = tmp_path / "count.rq"
    path.write_text("# How many claims.\nSELECT (COUNT(*) AS ?n) WHERE { ?c a kg:Claim }\n")
    assert json.loads(built("query", str(path), "-f", "json").output) == [{"n": 6}]


def test_queries_lists_names_descriptions_and_params(runner):
    result = runner.invoke(main, ["queries"])
    assert "who-said-what" in result.output
    assert "--param speaker=VALUE" in result.output
    assert "--param type=VALUE (optional)" in result.output


@pytest.mark.parametrize(("fmt", "rdf_format"), [("turtle", ox.RdfFormat.TURTLE), ("trig", ox.RdfFormat.TRIG),
                                                  ("jsonld", ox.RdfFormat.JSON_LD), ("ntriples", ox.RdfFormat.N_TRIPLES),
                                                  ("nquads", ox.RdfFormat.N_QUADS)])
def test_export_to_file(built, tmp_path, fmt, rdf_format):
    out = tmp_path / f"out.{fmt}"
    result = built("export", "--format", fmt, "-o", str(out))
    assert result.exit_code == 0, result.output
    stats = json.loads(built("stats", "--json").output)
    assert len(list(ox.parse(out.read_bytes(), rdf_format))) == stats["triples"]


def test_export_to_stdout_defaults_to_turtle(built):
    assert "@prefix kg: <https://w3id.org/kg-news/vocab#>" in built("export").output


def test_stats(built):
    output = built("stats").output
    assert "claims     6" in output and "entities, by class" in output and "Official     2" in output
    counts = json.loads(built("stats", "--json").output)
    assert counts["entities"]["Unit"] == 2 and counts["documents"] == 1 and counts["triples"] > 0
    assert json.loads(built("stats", "--json", "--no-triples").output)["triples"] is None
    assert "triples    not counted" in built("stats", "--no-triples").output


def test_sources_table_json_and_graphml(built, tmp_path):
    assert "Ukrainska Pravda" in built("sources").output
    records = json.loads(built("sources", "--format", "json").output)
    kindratenko = next(r for r in records if r["name"] == "Oleksandr Kindratenko")
    assert [c["name"] for c in kindratenko["channels"]] == ["Ukrainska Pravda"]
    assert len(kindratenko["claims"]) == 1
    path = tmp_path / "sources.graphml"
    assert built("sources", "--format", "graphml", "-o", str(path)).exit_code == 0
    graph = nx.read_graphml(path, force_multigraph=True)
    kinds = nx.get_node_attributes(graph, "kind")
    assert sorted(set(kinds.values())) == ["channel", "claim", "source"]
    telegram = "https://w3id.org/kg-news/id/org/telegram"
    regiment = "https://w3id.org/kg-news/id/org/8th-regiment-ukrainian-special-operations-forces"
    assert graph.edges[regiment, telegram, "carriedBy"]["weight"] == 1


def test_sources_shows_the_outlet_that_published_a_source_s_words_beside_those_that_carried_them(runner, tmp_path):
    article, store = tmp_path / "a.md", str(tmp_path / "s")
    article.write_text("---\nid: a\npublisher: Reuters\n---\nJane Holt told Reuters that the bridge would reopen.\n")
    assert runner.invoke(main, ["--store", store, "build", str(article)]).exit_code == 0
    (holt,) = json.loads(runner.invoke(main, ["--store", store, "sources", "-f", "json"]).stdout)
    assert [c["name"] for c in holt["channels"]] == [p["name"] for p in holt["publishers"]] == ["Reuters"]
    assert holt["claims"][0]["publisher"]["name"] == "Reuters"
    path = tmp_path / "sources.graphml"
    assert runner.invoke(main, ["--store", store, "sources", "-f", "graphml", "-o", str(path)]).exit_code == 0
    graph = nx.read_graphml(path, force_multigraph=True)
    reuters = "https://w3id.org/kg-news/id/org/reuters"
    assert {key for _, target, key in graph.out_edges(holt["iri"], keys=True) if target == reuters} == {
        "carriedBy", "publishedBy"}  # both, side by side
    assert graph.nodes[reuters]["kind"] == "channel"  # carrying the words outranks publishing them


def test_missing_store_is_a_clear_error(runner, tmp_path):
    result = runner.invoke(main, ["--store", str(tmp_path / "none"), "stats"])
    assert result.exit_code == 1
    assert "run 'kg build' first" in result.output
    assert not (tmp_path / "none").exists()


def test_store_location_from_environment(runner, tmp_path, fake_extractor):
    store = tmp_path / "env-store"
    result = runner.invoke(main, ["build", "--no-show", str(SEED)], env={"KG_STORE": str(store)})
    assert result.exit_code == 0, result.output
    assert store.is_dir()


def test_memory_store_leaves_nothing_on_disk(runner, tmp_path, fake_extractor, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(main, ["--memory", "build", str(SEED)])
    assert result.exit_code == 0 and "into memory" in result.stderr
    assert list(tmp_path.iterdir()) == []


def test_build_with_the_real_extractor_on_the_seeds(runner):
    result = runner.invoke(main, ["--memory", "build"])
    assert result.exit_code == 0, result.output
    assert "Loaded 1 article" in result.stderr and "0 failed" in result.stderr
    assert "Kindratenko" in result.stdout and "Telegram" in result.stdout


@pytest.mark.parametrize("command", [["build", "--no-show", str(SEED)], ["push"], ["update", "--sparql", "CLEAR ALL"]])
def test_writing_to_a_server_without_a_way_to_write_is_a_usage_error_before_any_work(runner, tmp_path, command):
    result = runner.invoke(main, ["--store", str(tmp_path / "s"), "--endpoint", "http://127.0.0.1:9/query", *command])
    assert result.exit_code == 2 and "needs --graph-store URL" in result.output


def test_how_a_query_was_asked_for_is_a_usage_error_and_a_bad_file_is_named(built, tmp_path):
    for args, message in [(["no-such-query"], "no query 'no-such-query'"), (["said-by"], "needs --param speaker"),
                          (["said-by", "-p", "who=x"], "takes speaker"),
                          (["who-said-what", "--sparql", "ASK {}"], "not both")]:
        result = built("query", *args)
        assert result.exit_code == 2 and message in result.output, args
    bad = tmp_path / "bad.rq"
    bad.write_text("SELECT * WHERE { ?s ?p }\n")
    result = built("query", str(bad))
    assert result.exit_code == 1 and f"{bad}: not a valid SPARQL query" in result.output
    bad = tmp_path / "bad.ru"
    bad.write_text("INSERT DATA { <x:a> <x:b> }\n")
    result = built("update", str(bad))
    assert result.exit_code == 1 and f"{bad}: not a valid SPARQL Update" in result.output
