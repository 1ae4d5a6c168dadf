"""The per-entity summary (kg.summary) answers as the plain SPARQL queries do, after every kind of change."""

from __future__ import annotations

import dataclasses
from collections import defaultdict

import pyoxigraph as ox
import pytest
from conftest import KINDRATENKO, NORTH_KOREA, SOF, SYRSKY, UKRAINE, fake_extract

from kg.model import Article, Entity, EntityType, Relation
from kg.queries import load_query, run
from kg.store import Store
from kg.summary import (
    COUNTERS,
    FILE_NAME,
    KG,
    LABEL_LOOKUP,
    NOT_ENTITIES,
    PREFIXES,
    TABLES,
    UNATTRIBUTED,
    Delta,
    claim_rows,
    with_entities,
    with_unattributed,
)

PARAMS = [
    ("entities-by-type", {}), ("entities-by-type", {"type": "Official"}), ("entities-by-type", {"type": "person"}),
    ("entities-by-type", {"type": "Nothing"}), ("officials-and-roles", {}),
    ("claims-by-speaker", {"speaker": "kindratenko"}), ("claims-by-speaker", {"speaker": "o"}),
    ("claims-by-speaker", {"speaker": ""}), ("claims-by-speaker", {"speaker": "Nobody"}),
    ("claims-by-outlet", {"outlet": "a"}), ("claims-mentioning", {"entity": "korea"}), ("who-said-what", {}),
    ("unattributed-claims", {}), ("said-by", {"speaker": "Oleksandr Kindratenko"}),
    ("said-by", {"speaker": "Kindratenko"}), ("said-by", {"speaker": "Nobody"}),
]


# Where ORDER BY leaves rows of one claim tied (its cues, kinds, speakers), in any order: those columns
# are compared in order, and the rows as a whole in any order
TIED = {"claims-by-speaker": ("name", "article", "claim"), "claims-by-outlet": ("name", "article", "claim"),
        "claims-mentioning": ("mentioned", "article", "claim"), "said-by": ("article",)}


def answers(store: Store) -> dict:
    """Every named query's rows, in order."""
    found = {}
    for name, params in PARAMS:
        rows = run(store, load_query(name), params)
        found[name, tuple(params.items())] = (rows.columns, _in_order(name, rows.columns, [
            tuple(_roles(column, term) for column, term in zip(rows.columns, row)) for row in rows.rows]))
    return found


def _in_order(name: str, columns: list[str], rows: list[tuple]) -> object:
    if name not in TIED:
        return rows
    keys = [tuple(row[columns.index(column)] for column in TIED[name]) for row in rows]
    return [key for i, key in enumerate(keys) if i == 0 or keys[i - 1] != key], sorted(rows, key=str)


def _roles(column: str, term) -> object:
    if term is None:
        return None
    if column == "role" and term.value and "; " in term.value:  # GROUP_CONCAT(DISTINCT): in any order
        return tuple(sorted(term.value.split("; ")))
    if column == "via" and term.value and ", " in term.value:
        return tuple(sorted(term.value.split(", ")))
    return str(term)


def assert_summary_answers_as_sparql(store: Store) -> dict:
    assert store.summary.fresh()
    summarized = answers(store)
    store.summary.mark_stale()
    assert not store.summary.fresh()
    assert answers(store) == summarized  # the same queries, read from the article graphs
    store.summary.rebuild(store._store)
    assert answers(store) == summarized  # and counted again from scratch
    return summarized


def article(doc_id: str, body: str, speaker: Entity, *, mentions=(), relations=(), channels=()):
    extraction = fake_extract(Article(doc_id, body))
    for attribution in extraction.attributions:
        attribution.speaker = speaker
        attribution.mentions = list(mentions)
        attribution.channels = list(channels)
    extraction.relations = list(relations)
    extraction.entities = [SOF, UKRAINE] if relations else []
    return extraction


def corpus() -> list:
    pravda = Entity("org/ukrainska-pravda", "Ukrainska Pravda", EntityType.OUTLET)
    return [
        article("a", 'Oleksandr Kindratenko said "North Korea pulled back" and later Oleksandr Kindratenko said "they '
                'left"', KINDRATENKO, mentions=[NORTH_KOREA], channels=[pravda],
                relations=[Relation(KINDRATENKO.key, "spokespersonFor", SOF.key),
                           Relation(KINDRATENKO.key, "country", UKRAINE.key)]),
        # the same person with another role, and as a plain Person, in other articles
        article("b", 'Oleksandr Kindratenko said "the front holds"', dataclasses.replace(KINDRATENKO, role="colonel")),
        article("c", 'Kindratenko said "no comment"', dataclasses.replace(KINDRATENKO, name="Kindratenko",
                                                                            type=EntityType.PERSON, role=None)),
        article("d", 'Oleksandr Syrsky said "North Korea is gone"', SYRSKY, mentions=[NORTH_KOREA]),
        article("e", 'Oleksandr Syrsky said "quiet"', SYRSKY),
        article("f", 'Reports said "the road is closed" and Reports said "it is open"', None),  # no speaker
    ]


@pytest.fixture(params=["memory", "disk"])
def store(request, tmp_path, extraction):
    store = Store() if request.param == "memory" else Store(tmp_path / "kg.oxigraph")
    store.load(extraction)
    store.put_graphs({})  # a batch of nothing changes nothing
    for one in corpus():
        store.load(one)
    yield store


def test_the_summary_answers_as_the_article_graphs_do(store):
    found = assert_summary_answers_as_sparql(store)
    officials = dict(found)["entities-by-type", (("type", "Official"),)][1]
    kindratenko = [row for row in officials if "Kindratenko" in row[1]]
    # two roles across articles a and b, and the claims of the seed, a (two) and b
    assert [(row[1], row[2], row[3]) for row in kindratenko] == [
        ('"Oleksandr Kindratenko"', ("colonel", "spokesperson"), '"4"^^<http://www.w3.org/2001/XMLSchema#integer>')]


def test_rebuilding_one_article_replaces_its_counts(store, extraction):
    before = answers(store)
    store.load(corpus()[0])  # the very same article again: nothing changes
    assert answers(store) == before
    edited = article("a", 'Oleksandr Syrsky said "North Korea pulled back"', SYRSKY)  # a whole new graph for "a"
    store.load(edited)
    after = assert_summary_answers_as_sparql(store)
    assert after != before
    store.load(corpus()[0])  # and back
    assert assert_summary_answers_as_sparql(store) == before


def test_removing_and_updating_keep_the_summary_right(store):
    store.remove("d")
    assert_summary_answers_as_sparql(store)
    # a claim typed in the default graph without a speaker, and one of f's claims given one in another graph
    store.update('INSERT DATA { <https://w3id.org/kg-news/id/claim/y> a kg:Claim ; kg:text "y" ; kg:quoteKind "direct" ; '
                 'kg:statedIn <https://w3id.org/kg-news/id/doc/y> . <https://w3id.org/kg-news/id/doc/y> '
                 'schema:identifier "y" }')
    unattributed = assert_summary_answers_as_sparql(store)["unattributed-claims", ()][1]
    store.update('INSERT { GRAPH <https://w3id.org/kg-news/id/graph/z> { ?c kg:attributedTo '
                 '<https://w3id.org/kg-news/id/person/z> } } WHERE { GRAPH <https://w3id.org/kg-news/id/graph/f> { '
                 '?c kg:text "it is open" } }')
    found = assert_summary_answers_as_sparql(store)["unattributed-claims", ()][1]
    assert [row[3] for row in unattributed] == ['"the tenacity of North Korean soldiers"', '"it is open"', '"the road is closed"', '"y"']
    assert found == [row for row in unattributed if row[3] != '"it is open"']
    store.update('INSERT DATA { GRAPH <https://w3id.org/kg-news/id/graph/x> { '
                 '<https://w3id.org/kg-news/id/person/x> a kg:Official ; rdfs:label "X Kindratenko" ; kg:role "envoy" } }')
    assert store.summary.fresh()
    found = assert_summary_answers_as_sparql(store)
    assert ('"X Kindratenko"', "envoy") in [(row[0], row[1].strip('"')) for row in found["officials-and-roles", ()][1]]
    with pytest.raises(Exception, match="SPARQL Update"):
        store.update("INSERT DATA { nonsense")
    assert store.summary.fresh()  # a failed update changed nothing


def test_an_update_counts_again_only_the_graphs_it_writes_to(store, monkeypatch):
    everything = []  # for each change, whether the summary was counted again whole
    summarize = store._summarize
    monkeypatch.setattr(store, "_summarize", lambda delta: everything.append(delta is None) or summarize(delta))
    g, person = "https://w3id.org/kg-news/id/graph/", "https://w3id.org/kg-news/id/person/"
    for update in [
        f'DELETE DATA {{ GRAPH <{g}a> {{ <{person}oleksandr-kindratenko> kg:role "spokesperson" }} }}',
        f'WITH <{g}b> DELETE {{ ?c kg:attributedTo ?x }} INSERT {{ ?c kg:attributedTo <{person}oleksandr-syrsky> }} '
        'WHERE { ?c kg:attributedTo ?x }',
        f'MOVE <{g}c> TO <{g}e> ; DROP GRAPH <{g}d>',
        f'INSERT DATA {{ <{person}x> rdfs:label "X" }} ; DELETE WHERE {{ GRAPH <{g}f> {{ ?c kg:text "it is open" }} }}',
    ]:
        before = len(store)
        assert store.update(update) == len(store) - before  # the quads it added, counted in its graphs
        assert store.summary.fresh()
        kept = _tables(store)
        store.summary.rebuild(store._store)
        assert _tables(store) == kept  # as counting everything again gives
    assert everything == [False] * 4
    assert_summary_answers_as_sparql(store)
    before = len(store)
    added = store.update('INSERT { GRAPH ?g { ?c kg:cue "x" } } WHERE { GRAPH ?g { ?c kg:text ?t } }')  # any graph
    assert added == len(store) - before > 0
    assert everything == [False] * 4 + [True]
    assert_summary_answers_as_sparql(store)


def test_a_summary_left_stale_is_not_used_and_the_next_write_counts_everything_again(tmp_path, extraction):
    path = tmp_path / "kg.oxigraph"
    store = Store(path)
    for one in corpus():
        store.load(one)
    expected = answers(store)
    store.summary.mark_stale()  # as a writer killed between the store's change and the summary's
    del store
    reader = Store(path, read_only=True)
    assert not reader.summary.fresh()
    assert answers(reader) == expected
    writer = Store(path)
    writer.load(extraction)
    assert writer.summary.fresh()
    assert_summary_answers_as_sparql(writer)


def closed_corpus_store(tmp_path) -> tuple:
    """A store on disk holding `corpus`, closed, and the named queries' answers on it."""
    path = tmp_path / "kg.oxigraph"
    store = Store(path)
    for one in corpus():
        store.load(one)
    expected = answers(store)
    store.summary.close()
    return path, expected


def test_a_store_without_a_summary_gets_one_at_its_next_write(tmp_path, extraction):
    path, expected = closed_corpus_store(tmp_path)
    (path / FILE_NAME).unlink()  # a store built before kg kept summaries
    reader = Store(path, read_only=True)
    assert not reader.summary.fresh()
    assert answers(reader) == expected
    writer = Store(path)
    assert not writer.summary.fresh()
    writer.remove("e")
    assert writer.summary.fresh()
    assert_summary_answers_as_sparql(writer)


def test_a_summary_written_by_an_older_version_is_made_again_with_this_version_s_tables(tmp_path):
    import sqlite3

    path, expected = closed_corpus_store(tmp_path)
    with sqlite3.connect(path / FILE_NAME) as db:  # as version 5 left it: claim rows without the classes column
        db.execute("DROP TABLE claim_rows")
        db.execute("CREATE TABLE claim_rows (entity TEXT, link TEXT, name TEXT, n INTEGER, PRIMARY KEY (entity, link))")
        db.execute("UPDATE meta SET value = '5' WHERE key = 'version'")
    assert not Store(path, read_only=True).summary.fresh()
    writer = Store(path)
    writer.remove("e")
    assert writer.summary.fresh() and "classes" in {row[1] for row in writer.summary._db.execute(
        "PRAGMA table_info(claim_rows)")}
    assert answers(writer) != expected  # e is gone
    assert_summary_answers_as_sparql(writer)


def test_a_query_file_of_the_same_name_is_not_answered_from_the_summary(tmp_path, store):
    mine = tmp_path / "entities-by-type.rq"
    mine.write_text("SELECT ?name WHERE { ?e rdfs:label ?name } ORDER BY ?name LIMIT 1")
    assert run(store, load_query(str(mine))).columns == ["name"]


@pytest.mark.parametrize(("name", "param"), [("claims-by-speaker", "speaker"), ("claims-by-outlet", "outlet"),
                                             ("claims-mentioning", "entity")])
def test_every_name_lookup_of_the_named_queries_is_read_from_the_summary(store, name, param):
    text = load_query(name).text
    assert LABEL_LOOKUP.search(text)
    rewritten = with_entities(store.summary, text, {param: "kindratenko"})
    assert not LABEL_LOOKUP.search(rewritten)
    assert "VALUES" in rewritten and "<https://w3id.org/kg-news/id/person/oleksandr-kindratenko>" in rewritten
    assert with_entities(store.summary, text, {param: ox.NamedNode("https://example.org/")}) == text  # not a string


@pytest.mark.parametrize(("name", "params", "rows"), [
    ("claims-by-speaker", {"speaker": "kindratenko"}, 5), ("claims-by-outlet", {"outlet": "pravda"}, 3),
    ("claims-mentioning", {"entity": "korea"}, 6), ("said-by", {"speaker": "Oleksandr Kindratenko"}, 4)])
def test_the_name_matching_queries_read_one_summary_row_a_claim(store, name, params, rows):
    summarized = store.summarized(name, params)
    assert summarized is not None and len(summarized.rows) == rows
    assert summarized.rows == store.query(load_query(name).text, params).rows


def test_names_the_summary_cannot_order_as_sparql_does_are_left_to_sparql(store):
    store.update('INSERT DATA { GRAPH <https://w3id.org/kg-news/id/graph/b> { '
                 '<https://w3id.org/kg-news/id/person/oleksandr-kindratenko> rdfs:label "Кіндратенко Kindratenko"@uk } }')
    assert store.summary.fresh()
    assert store.summarized("claims-by-speaker", {"speaker": "kindratenko"}) is None  # a label with a language
    assert store.summarized("claims-by-speaker", {"speaker": "syrsky"}) is not None
    assert_summary_answers_as_sparql(store)


def test_said_by_shows_each_type_of_the_speaker_as_sparql_does(store):
    syrsky = "<https://w3id.org/kg-news/id/person/oleksandr-syrsky>"
    store.update(f'INSERT DATA {{ GRAPH <https://w3id.org/kg-news/id/graph/d> {{ {syrsky} a <https://schema.org/Person> , '
                 f'<https://example.org/ns#Commander> }} }}')  # no "#": an empty type; another local name
    summarized = store.summarized("said-by", {"speaker": "Oleksandr Syrsky"})
    types = [row[0].value for row in summarized.rows]
    assert types.count("") == types.count("Commander") == 1 and set(types) == {"", "Commander", "Official"}
    queried = store.query(load_query("said-by").text, {"speaker": "Oleksandr Syrsky"})
    assert sorted(map(str, summarized.rows)) == sorted(map(str, queried.rows))  # (tied in any order, by type)
    store.update(f'INSERT DATA {{ GRAPH <https://w3id.org/kg-news/id/graph/e> {{ {syrsky} a "General" }} }}')
    assert store.summarized("said-by", {"speaker": "Oleksandr Syrsky"}) is None  # a literal as a class: SPARQL says
    assert store.summarized("said-by", {"speaker": ox.Literal("Oleksandr Syrsky", language="en")}) is None


def test_unattributed_claims_tests_only_the_summary_s_candidates(store):
    text = load_query("unattributed-claims").text
    assert UNATTRIBUTED.search(text)
    rewritten = with_unattributed(store.summary, text)
    assert "MINUS" not in rewritten
    assert "VALUES ?c {" in rewritten and rewritten.count("<https://w3id.org/kg-news/id/claim/") == 3
    assert rewritten.count("/claim/f/") == 2 and rewritten.count("/claim/000_") == 1  # f's two, the seed's one


def test_who_said_what_over_every_article_is_read_one_article_at_a_time(store):
    query = load_query("who-said-what")
    paged = store.summarized("who-said-what", {})
    assert paged is not None and len({row[-1] for row in paged.rows}) == 7  # the seed and a to f
    assert store.summarized("who-said-what", {}, limit=3).rows == paged.rows[:3]
    assert run(store, query, {}, limit=3).rows == run(store, query, {}).rows[:3]
    store.summary.mark_stale()
    assert store.summarized("who-said-what", {}) is None
    assert run(store, query, {}).rows == paged.rows


def test_counting_everything_again_gives_what_adding_up_every_graph_gives(store):

    store.update('INSERT DATA { <https://w3id.org/kg-news/id/x> rdfs:label "in the default graph" }')
    expected = Delta()
    for graph in [*store._store.named_graphs(), ox.DefaultGraph()]:
        expected.add_graph(store._store, graph)
    found = counted(store._store)
    for table in COUNTERS:
        assert +getattr(found, table) == +getattr(expected, table), table


def test_counting_everything_again_a_few_graphs_at_a_time_gives_the_same_tables(store):
    store.summary.rebuild(store._store)
    whole = _tables(store)
    store.summary.rebuild(store._store, batch=2)
    assert _tables(store) == whole and whole["claim_rows"]


def counted(store: ox.Store) -> Delta:
    """Every graph's contribution, as `Delta.add_graph` for each graph adds them up, but counted by
    SPARQL aggregates: a second reading of the summary's definition, to check the first against.
    (As fast as reading every graph from Python at a million claims, 4 to 6 minutes, but it holds
    a set of graphs per group: 930 MB.)"""

    def rows(sparql: str):
        for solution in store.query(sparql, prefixes=PREFIXES):
            yield ["" if term is None else str(term) for term in solution]

    delta = Delta()
    for subject, label in rows("SELECT ?e ?l WHERE { ?e rdfs:label ?l }"):  # the default graph's labels
        delta.labels[subject, label] += 1
    unattributed = "?c a kg:Claim FILTER NOT EXISTS { ?c kg:attributedTo ?anyone }"
    for (claim,) in rows(f"SELECT ?c WHERE {{ {unattributed} }}"):  # and its claims without a speaker
        delta.unattributed[claim,] += 1
    for claim, n in rows(f"SELECT ?c (COUNT(DISTINCT ?g) AS ?n) WHERE {{ GRAPH ?g {{ {unattributed} }} }} GROUP BY ?c"):
        delta.unattributed[claim,] += _int(n)
    for entity, label, n in rows("SELECT ?e ?l (COUNT(DISTINCT ?g) AS ?n) WHERE { GRAPH ?g { ?e rdfs:label ?l } } "
                                 "GROUP BY ?e ?l"):
        delta.labels[entity, label] += _int(n)
    for article, n in rows("SELECT ?a (COUNT(DISTINCT ?g) AS ?n) WHERE { GRAPH ?g { ?c kg:statedIn ?d . "
                           "?d schema:identifier ?a } } GROUP BY ?a"):
        delta.articles[article,] += _int(n)
    classes = [c for (c,) in rows("SELECT DISTINCT ?c WHERE { GRAPH ?g { ?x a ?c } }")
               if c.startswith(f"<{KG}") and c not in NOT_ENTITIES]
    if not classes:
        return delta
    described = f"VALUES ?C {{ {' '.join(classes)} }} ?e a ?C ; rdfs:label ?N"
    for entity, cls, name, n in rows(f"SELECT ?e ?C ?N (COUNT(DISTINCT ?g) AS ?n) WHERE {{ GRAPH ?g {{ {described} }} }} "
                                     "GROUP BY ?e ?C ?N"):
        delta.entities[entity, cls, name] += _int(n)
    for entity, cls, name, n in rows(f"SELECT ?e ?C ?N (COUNT(*) AS ?n) WHERE {{ GRAPH ?g {{ {described} . "
                                     "?c kg:attributedTo ?e } } GROUP BY ?e ?C ?N"):
        delta.entity_claims[entity, cls, name] += _int(n)
    for entity, cls, name, role, n in rows(f"SELECT ?e ?C ?N ?r (COUNT(DISTINCT ?g) AS ?n) WHERE {{ GRAPH ?g {{ "
                                           f"{described} ; kg:role ?r }} }} GROUP BY ?e ?C ?N ?r"):
        delta.roles[entity, cls, name, role] += _int(n)
    for entity, cls, name, n in rows(f"SELECT ?e ?C ?N (COUNT(DISTINCT ?g) AS ?n) WHERE {{ GRAPH ?g {{ {described} "
                                     "FILTER NOT EXISTS { ?e kg:role ?any } } } GROUP BY ?e ?C ?N"):
        delta.roles[entity, cls, name, ""] += _int(n)
    # per graph: the officials giving each row, and their claims; then summed over the graphs
    for name, role, body, land, pairs, claims in rows(
        "SELECT ?N ?r ?b ?l (SUM(?o) AS ?pairs) (SUM(?k) AS ?claims) WHERE { "
        "{ SELECT ?g ?N ?r ?b ?l (COUNT(DISTINCT ?x) AS ?o) (COUNT(DISTINCT ?c) AS ?k) WHERE { GRAPH ?g { "
        "?x a kg:Official ; rdfs:label ?N OPTIONAL { ?x kg:role ?r } "
        "OPTIONAL { ?x kg:spokespersonFor ?body . ?body rdfs:label ?b } "
        "OPTIONAL { ?x kg:country ?land . ?land rdfs:label ?l } OPTIONAL { ?c kg:attributedTo ?x } } } "
        "GROUP BY ?g ?N ?r ?b ?l } } GROUP BY ?N ?r ?b ?l"
    ):
        delta.officials[name, role, body, land] += _int(pairs)
        delta.official_claims[name, role, body, land] += _int(claims)
    # per graph: each claim linked to an entity, its links, and what the name-matching queries read of it
    links = {f"<{KG}attributedTo>": "speaker", f"<{KG}reportedBy>": "channel", f"<{KG}mentions>": "mention"}
    linked: dict = defaultdict(lambda: defaultdict(lambda: defaultdict(set)))
    for graph, claim, link, entity, label, carrier in rows(
            "SELECT DISTINCT ?g ?c ?p ?e ?l ?carrier WHERE { GRAPH ?g { VALUES ?p { kg:attributedTo kg:reportedBy "
            "kg:mentions } ?c ?p ?e OPTIONAL { ?e rdfs:label ?l } "
            "BIND(EXISTS { ?e a ?k FILTER(?k IN (kg:Outlet, kg:Platform)) } AS ?carrier) } }"):
        linked[graph, claim][links[link]][entity, carrier.startswith('"true"')] |= {label} - {""}
    read: dict = defaultdict(lambda: defaultdict(set))
    for column, path in {"text": "kg:text", "kind": "kg:quoteKind", "cue": "kg:cue",
                         "article": "kg:statedIn/schema:identifier", "start": "kg:contentSpan/kg:start"}.items():
        for graph, claim, value in rows("SELECT DISTINCT ?g ?c ?v WHERE { GRAPH ?g { "
                                        f"?c kg:attributedTo|kg:reportedBy|kg:mentions ?any ; {path} ?v }} }}"):
            read[graph, claim][column].add(value)
    classes_of: dict = defaultdict(lambda: defaultdict(set))
    for graph, entity, cls in rows("SELECT DISTINCT ?g ?e ?k WHERE { GRAPH ?g { ?e a ?k "
                                   "FILTER(?k NOT IN (kg:Document, kg:Span)) } }"):
        classes_of[graph][entity].add(cls)
    for (graph, claim), entities in linked.items():
        fields = read[graph, claim]
        for row in claim_rows(claim, texts=fields["text"], kinds=fields["kind"], cues=fields["cue"],
                              articles=fields["article"], starts=fields["start"],
                              speakers={e: (names, carrier) for (e, carrier), names in entities["speaker"].items()},
                              channels={e: names for (e, _), names in entities["channel"].items()},
                              mentions={e: names for (e, _), names in entities["mention"].items()},
                              classes=classes_of[graph]):
            delta.claim_rows[row] += 1
    return delta


def _int(text: str) -> int:
    return int(text.split('"')[1])


def _tables(store: Store) -> dict:
    db = store.summary._db
    return {table: sorted(db.execute(f"SELECT * FROM {table}")) for table in TABLES}


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_build_keeps_the_summary_as_counting_again_does(tmp_path, jobs):
    from kg import loader

    store = Store(tmp_path / "kg.oxigraph")
    articles = [Article(f"x{i}", f'Ann Lee said "the bridge {i} is open" and Bo Chan said "no {i % 3}"')
                for i in range(30)]
    assert all(o.error is None for o in loader.load(store, articles, fake_extract, jobs=jobs, batch_bytes=3000))
    edited = [Article(a.id, f'Cy Dee said "{a.body}"') for a in articles[:7]]  # replaced whole, workers' counts
    assert all(o.error is None for o in loader.load(store, edited, fake_extract, jobs=jobs, batch_bytes=3000))
    assert store.summary.fresh()
    kept = _tables(store)
    assert [row[1] for row in kept["entities"]] == ["<https://w3id.org/kg-news/vocab#Person>"] * 3
    store.summary.rebuild(store._store)
    assert _tables(store) == kept
