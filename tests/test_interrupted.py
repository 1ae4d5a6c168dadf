"""Nothing is lost: a build killed part way leaves whole articles only, and two builds at once
never corrupt the store. Real ``kg build`` processes, killed with SIGKILL."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pyoxigraph as ox
import pytest

from conftest import fake_extract
from kg.graph import article_quads, graph_iri
from kg.model import Article

TESTS = Path(__file__).resolve().parent
# `kg` with the stand-in extractor, slowed by argv[1] seconds an article, saying on stdout
# when it has opened the store and when it writes to it, so a test can act at those moments.
KG = f"""
import sys, time
sys.path.insert(0, {str(TESTS)!r})
import conftest, kg.cli, kg.loader, kg.store

kg.loader.BATCH_BYTES = 1_500_000  # so that a build of these 4 MB writes in several bulk loads

delay = float(sys.argv.pop(1))

def slow(article):
    time.sleep(delay)
    return conftest.fake_extract(article)

put_graphs, init = kg.store.Store.put_graphs, kg.store.Store.__init__

def opened(self, *args, **kwargs):
    init(self, *args, **kwargs)
    print("opened", flush=True)

def announced(self, graphs, *args):
    print("writing", len(graphs), flush=True)
    put_graphs(self, graphs, *args)

kg.cli._extractor = lambda: slow
kg.store.Store.put_graphs = announced
kg.store.Store.__init__ = opened
kg.cli.main()
"""
ARTICLES = 20
CLAIMS = 80  # per article: ~200 KB of N-Quads, so a build writes several batches of megabytes


def _body(number: int) -> str:
    return "\n".join(
        f'Speaker{number} Person{k} said "claim {k} of article {number}, with ‘quotes’, ü and \\\\ too" today.'
        for k in range(CLAIMS)
    )


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> tuple[Path, dict[str, set[ox.Quad]]]:
    """Article files, and the quads each article's graph must hold, whole."""
    folder = tmp_path_factory.mktemp("corpus")
    expected = {}
    for number in range(ARTICLES):
        article_id = f"a{number:02d}"
        path = folder / f"{article_id}.md"
        path.write_text(f"---\nid: {article_id}\n---\n{_body(number)}\n", encoding="utf-8")
        article = Article(article_id, _body(number) + "\n", path=str(path))
        expected[str(graph_iri(article_id))] = set(article_quads(fake_extract(article)))
    return folder, expected


def _kg(store: Path, *args: str, delay: float = 0) -> subprocess.Popen:
    """``kg`` in a session of its own, so that it and any workers it forks can be killed together."""
    return subprocess.Popen(
        [sys.executable, "-c", KG, str(delay), "--store", str(store), *args],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True,
    )


def _kill(process: subprocess.Popen) -> None:
    """SIGKILL to kg and its workers at once, as the OOM killer or `kill -9 -PGID` would."""
    os.killpg(process.pid, signal.SIGKILL)
    process.communicate(timeout=60)


def _whole_articles(store: Path, expected: dict[str, set[ox.Quad]]) -> set[str]:
    """The graphs in the store, each checked to hold exactly its article's quads."""
    snapshot = ox.Store.read_only(str(store))
    assert not list(snapshot.quads_for_pattern(None, None, None, ox.DefaultGraph()))
    graphs = {graph.value for graph in snapshot.named_graphs()}
    for graph in graphs:
        assert set(snapshot.quads_for_pattern(None, None, None, ox.NamedNode(graph))) == expected[graph], graph
    # and no quad outside a listed graph: the store holds these graphs and nothing else
    assert len(snapshot) == sum(len(expected[graph]) for graph in graphs)
    return graphs


def test_killed_builds_leave_whole_articles_and_the_next_build_completes(tmp_path, corpus):
    folder, expected = corpus
    store = tmp_path / "kg.oxigraph"
    seen: list[int] = []
    # kill on the first, second, ... write, a little later each time: before, during and after it
    for round_, delay in enumerate((0.0, 0.02, 0.3)):
        build = _kg(store, "build", "--no-show", str(folder))
        writes = 0
        for line in build.stdout:
            writes += line.startswith("writing")
            if writes > round_ % 2:
                break
        time.sleep(delay)
        _kill(build)
        assert build.returncode == -signal.SIGKILL
        seen.append(len(_whole_articles(store, expected)))
    assert max(seen) < ARTICLES, "every build finished before it was killed: the test proves nothing"

    build = _kg(store, "build", "--no-show", str(folder))
    _, stderr = build.communicate(timeout=120)
    assert build.returncode == 0, stderr
    assert f"Loaded {ARTICLES} articles" in stderr
    assert _whole_articles(store, expected) == set(expected)
    # the summary, which a kill leaves stale, is right again: as counting the whole store again gives it
    from kg.store import Store

    opened = Store(store)
    tables = ("labels", "articles", "entities", "roles", "officials")
    kept = {table: sorted(opened.summary._db.execute(f"SELECT * FROM {table}")) for table in tables}
    assert opened.summary.fresh() and len(kept["articles"]) == ARTICLES
    opened.summary.rebuild(opened._store)
    assert {table: sorted(opened.summary._db.execute(f"SELECT * FROM {table}")) for table in tables} == kept


def test_a_second_build_waits_for_the_first_or_stops_with_a_clear_message(tmp_path, corpus):
    folder, expected = corpus
    store = tmp_path / "kg.oxigraph"
    first = _kg(store, "build", "--no-show", "-j", "1", str(folder), delay=0.25)
    assert first.stdout.readline() == "opened\n"  # it holds the store now, for five seconds

    impatient = _kg(store, "build", "--no-show", "--wait", "0", str(folder))
    _, stderr = impatient.communicate(timeout=60)
    assert impatient.returncode == 4
    assert f"another process is writing to {store} (it holds {store}.lock)" in stderr
    assert "--wait SECONDS" in stderr

    reader = _kg(store, "stats", "--json")  # readers see a snapshot and never wait
    stdout, stderr = reader.communicate(timeout=60)
    assert reader.returncode == 0, stderr

    patient = _kg(store, "build", "--no-show", "--wait", "120", str(folder / "a00.md"))
    time.sleep(0.5)
    assert first.poll() is None, "the first build ended too soon to test waiting"
    _, stderr = patient.communicate(timeout=180)
    assert patient.returncode == 0, stderr
    assert "waiting up to 120 s" in stderr
    assert first.wait(timeout=60) == 0
    assert _whole_articles(store, expected) == set(expected)


def test_the_lock_is_released_when_its_holder_is_killed(tmp_path, corpus):
    folder, expected = corpus
    store = tmp_path / "kg.oxigraph"
    holder = _kg(store, "build", "--no-show", "-j", "1", str(folder), delay=0.05)
    assert holder.stdout.readline() == "opened\n"
    _kill(holder)
    assert (tmp_path / "kg.oxigraph.lock").exists()  # left behind, but no longer held
    build = _kg(store, "build", "--no-show", "--wait", "0", str(folder / "a00.md"))
    _, stderr = build.communicate(timeout=120)
    assert build.returncode == 0, stderr
    assert str(graph_iri("a00")) in _whole_articles(store, expected)
