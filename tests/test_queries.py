from __future__ import annotations

import pyoxigraph as ox
import pytest

from conftest import KINDRATENKO, NORTH_KOREA, fake_extract
from kg.model import Article
from kg.queries import ParameterError, QueryNotFound, list_queries, load_query, parse_param, run
from kg.store import Store

NAMES = {
    "who-said-what", "claims-by-speaker", "claims-by-outlet", "unattributed-claims",
    "entities-by-type", "officials-and-roles", "claims-mentioning",
}


@pytest.fixture
def store(extraction) -> Store:
    store = Store()
    store.load(extraction)
    return store


def table(store: Store, name: str, **params: str) -> list[dict[str, str | None]]:
    rows = run(store, load_query(name), params)
    return [{c: None if t is None else t.value for c, t in zip(rows.columns, row)} for row in rows.rows]


def test_named_queries_are_listed_with_descriptions_and_params():
    queries = {query.name: query for query in list_queries()}
    assert set(queries) >= NAMES
    assert all(query.description for query in queries.values())
    (speaker,) = queries["claims-by-speaker"].params
    assert (speaker.name, speaker.optional) == ("speaker", False)
    assert "Kindratenko" in speaker.description
    (kind,) = queries["entities-by-type"].params
    assert kind.optional
    (article,) = queries["who-said-what"].params
    assert (article.name, article.optional) == ("article", True)


def test_who_said_what(store):
    rows = table(store, "who-said-what")
    assert [(r["speaker"], r["type"], r["via"], r["kind"]) for r in rows] == [
        ("Oleksandr Kindratenko", "Official", "Ukrainska Pravda", "direct"),
        ("The New York Times", "Outlet", None, "direct"),
        ("Oleksandr Syrsky", "Official", None, "indirect"),
        ("one intelligence source", "Group", None, "direct"),
        (None, None, None, "indirect"),
        ("8th Regiment", "Unit", "Telegram", "direct"),
    ]
    assert {r["article"] for r in rows} == {"000_0da5bea54c4e428b"}


def test_who_said_what_in_one_article_drops_the_article_column(store):
    everything = table(store, "who-said-what")
    one = table(store, "who-said-what", article="000_0da5bea54c4e428b")
    assert one == [{k: v for k, v in row.items() if k != "article"} for row in everything]
    assert table(store, "who-said-what", article="no-such-article") == []


def test_an_empty_answer_has_the_columns_of_a_full_one(store):
    full = run(store, load_query("who-said-what")).columns
    assert run(Store(), load_query("who-said-what")).columns == full == [
        "speaker", "type", "via", "kind", "claim", "article"]
    assert "type" not in run(store, load_query("entities-by-type")).columns  # unbound in every row


def test_claims_by_speaker_matches_any_part_of_the_name(store):
    rows = table(store, "claims-by-speaker", speaker="kindratenko")
    assert [(r["name"], r["cue"], r["via"]) for r in rows] == [("Oleksandr Kindratenko", "stated", "Ukrainska Pravda")]
    assert "speaker" not in rows[0]  # the parameter's echo column is dropped
    assert table(store, "claims-by-speaker", speaker="Nobody") == []


def test_claims_by_outlet_includes_carried_and_own_claims(store):
    assert [r["speaker"] for r in table(store, "claims-by-outlet", outlet="Ukrainska Pravda")] == ["Oleksandr Kindratenko"]
    assert [r["speaker"] for r in table(store, "claims-by-outlet", outlet="telegram")] == ["8th Regiment"]
    assert [r["speaker"] for r in table(store, "claims-by-outlet", outlet="New York")] == ["The New York Times"]


def test_unattributed_claims(store):
    assert [(r["cue"], r["claim"]) for r in table(store, "unattributed-claims")] == [
        ("Reports from the battleground depict", "the tenacity of North Korean soldiers")
    ]


def test_entities_by_type_with_and_without_the_optional_param(store):
    everything = table(store, "entities-by-type")
    assert len(everything) == 10
    officials = table(store, "entities-by-type", type="official")
    assert [(r["name"], r["role"], r["claims"]) for r in officials] == [
        ("Oleksandr Kindratenko", "spokesperson", "1"),
        ("Oleksandr Syrsky", "military chief", "1"),
    ]


def test_officials_and_roles(store):
    assert [(r["official"], r["role"], r["spokespersonFor"], r["country"]) for r in table(store, "officials-and-roles")] == [
        ("Oleksandr Kindratenko", "spokesperson", "Ukrainian Special Operations Forces", "Ukraine"),
        ("Oleksandr Syrsky", "military chief", None, None),
    ]


def test_claims_mentioning(store):
    rows = table(store, "claims-mentioning", entity="north korea")
    assert sorted(r["speaker"] or "" for r in rows) == ["", "Oleksandr Kindratenko", "The New York Times"]
    assert {r["mentioned"] for r in rows} == {"North Korea"}


def test_named_queries_give_each_row_once_when_entities_recur_across_articles(store):
    other = fake_extract(Article("b", 'Oleksandr Kindratenko said "North Korea pulled back" on Monday.'))
    other.attributions[0].speaker = KINDRATENKO
    other.attributions[0].mentions = [NORTH_KOREA]
    store.load(other)
    params = {"claims-by-speaker": {"speaker": "Kindratenko"}, "claims-by-outlet": {"outlet": "a"},
              "claims-mentioning": {"entity": "Korea"}, "said-by": {"speaker": "Oleksandr Kindratenko"}}
    for query in list_queries():
        rows = run(store, query, params.get(query.name, {})).rows
        assert len(rows) == len(set(rows)), query.name
    assert len(table(store, "claims-by-speaker", speaker="Kindratenko")) == 2
    kindratenko = [r for r in table(store, "entities-by-type", type="Official") if r["name"] == "Oleksandr Kindratenko"]
    assert [r["claims"] for r in kindratenko] == ["2"]


def test_said_by_matches_the_whole_name_once_per_claim(store):
    other = fake_extract(Article("b", 'Oleksandr Kindratenko said "North Korea pulled back" on Monday.'))
    other.attributions[0].speaker = KINDRATENKO
    store.load(other)  # the speaker is now described in two article graphs
    rows = table(store, "said-by", speaker="Oleksandr Kindratenko")
    assert [(r["type"], r["cue"], r["via"], r["article"]) for r in rows] == [
        ("Official", "stated", "Ukrainska Pravda", "000_0da5bea54c4e428b"), ("Official", "said", None, "b"),
    ]
    assert table(store, "said-by", speaker="Kindratenko") == []


def test_parse_param():
    assert parse_param("speaker=Oleksandr Kindratenko") == ("speaker", ox.Literal("Oleksandr Kindratenko"))
    assert parse_param("x=a=b") == ("x", ox.Literal("a=b"))
    assert parse_param("?who=<https://example.org/p>") == ("who", ox.NamedNode("https://example.org/p"))
    for bad in ("novalue", "bad name=x", "who=<not an iri>"):
        with pytest.raises(ParameterError):
            parse_param(bad)


def test_required_and_unknown_params(store):
    with pytest.raises(ParameterError, match="--param speaker="):
        run(store, load_query("claims-by-speaker"))
    with pytest.raises(ParameterError, match="takes speaker"):
        run(store, load_query("claims-by-speaker"), {"speakr": "x"})


def test_load_query_by_file_and_unknown_name(tmp_path, store):
    path = tmp_path / "mine.rq"
    path.write_text("# Count claims.\nSELECT (COUNT(*) AS ?n) WHERE { ?c a kg:Claim }\n")
    query = load_query(str(path))
    assert (query.name, query.description) == ("mine", "Count claims.")
    assert run(store, query).rows[0][0].value == "6"
    with pytest.raises(QueryNotFound, match="who-said-what"):
        load_query("no-such-query")


def test_named_queries_on_the_real_extraction_of_the_seed(seed_article):
    from kg.extract import extract

    store = Store()
    store.load(extract(seed_article))
    said = {(r["speaker"], r["via"]) for r in table(store, "who-said-what")}
    assert ("Oleksandr Kindratenko", "Ukrainska Pravda") in said
    assert ("8th Regiment", "Telegram") in said
    assert any(r["speaker"] == "8th Regiment" for r in table(store, "claims-by-outlet", outlet="Telegram"))
    assert any(r["name"] == "Oleksandr Syrsky" for r in table(store, "claims-by-speaker", speaker="syrsky"))
    officials = {r["official"]: r for r in table(store, "officials-and-roles")}
    assert officials["Oleksandr Kindratenko"]["spokespersonFor"] == "Ukrainian Special Operations Forces"
    assert table(store, "entities-by-type", type="Platform")[0]["name"] == "Telegram"
