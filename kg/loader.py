"""Build the store from articles: extraction on every core, loading in batches, in input order.

Extraction is the costly part (pure Python), so worker processes extract articles and
turn them into N-Quads, which cross back to this process as bytes (pickling pyoxigraph
terms is twenty times slower). Only a bounded window of articles is in flight, and
graphs are loaded a few megabytes at a time, so memory stays flat however large the
corpus; results come back in input order, so a build's output and messages are the same
whatever the number of jobs.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from typing import TYPE_CHECKING

from kg.graph import article_nquads, graph_iri
from kg.model import Article, Extraction
from kg.summary import Delta

if TYPE_CHECKING:
    from kg.remote import RemoteStore
    from kg.store import Store

Extractor = Callable[[Article], Extraction]
BATCH_BYTES = 16_000_000  # N-Quads per load: each bulk load adds files that lookups consult until compacted; 4 MB cost 6% more CPU
WINDOW = 8  # articles in flight per job: keeps every core busy without reading ahead unboundedly
COMPACT_AFTER = 64_000_000  # bulk-loaded N-Quads after which the store is compacted (see Store.optimize)


@dataclass(slots=True)
class Outcome:
    """One article's fate: loaded (with its claim and triple counts) or failed with ``error``."""

    article: Article
    claims: int = 0
    triples: int = 0
    error: str | None = None
    nquads: bytes = b""  # dropped once loaded
    contribution: Delta | None = None  # what the graph adds to a local store's summary (kg.summary)


def default_jobs() -> int:
    """One worker per core this process may use."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def load(
    store: "Store | RemoteStore",
    articles: Iterable[Article],
    extract: Extractor,
    jobs: int = 1,
    batch_bytes: int | None = None,
) -> Iterator[Outcome]:
    """Extract and load each article, yielding outcomes in input order, ``batch_bytes``
    (default `BATCH_BYTES`) of N-Quads at a time.

    An article is reported loaded only once its batch is in the store, and a failure
    is reported only after every article before it is loaded, so a caller that stops
    at the first failure leaves exactly the articles before it loaded, each whole.
    """
    batch_bytes = BATCH_BYTES if batch_bytes is None else batch_bytes
    pending: list[Outcome] = []
    size = 0
    # the embedded store's summary: each graph's share is worked out by the workers, beside its N-Quads,
    # rather than in this process, which loads every graph and would otherwise do it all
    summarize = getattr(store, "summary", None) is not None
    for outcome in prepare(articles, extract, jobs, summarize):
        if outcome.error is not None:
            yield from _flush(store, pending)
            pending, size = [], 0
            yield outcome
            continue
        pending.append(outcome)
        size += len(outcome.nquads)
        if size >= batch_bytes:
            yield from _flush(store, pending)
            pending, size = [], 0
    yield from _flush(store, pending)
    if getattr(store, "bulk_loaded", 0) >= COMPACT_AFTER:
        store.optimize()


def prepare(articles: Iterable[Article], extract: Extractor, jobs: int = 1, summarize: bool = False) -> Iterator[Outcome]:
    """Extracted articles as N-Quads, in input order, on ``jobs`` processes; with ``summarize``,
    each with its contribution to a store's summary."""
    if jobs <= 1:
        _worker_init(extract, summarize)
        for article in articles:
            yield Outcome(article, *_prepare(article))
        return
    # fork (where there is one) hands the extractor over as it is, even a closure in a test,
    # and shares what it has loaded; elsewhere it must be a picklable module-level function.
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else None)
    if "fork" in methods:
        _warm_up(extract)
    with ProcessPoolExecutor(jobs, mp_context=context, initializer=_worker_init, initargs=(extract, summarize)) as pool:
        window: deque[tuple[Article, Future]] = deque()
        for article in articles:
            window.append((article, pool.submit(_prepare, article)))
            if len(window) >= jobs * WINDOW:
                article, future = window.popleft()
                yield Outcome(article, *future.result())
        while window:
            article, future = window.popleft()
            yield Outcome(article, *future.result())


_extract: Extractor | None = None
_summarize = False
WARM_UP = Article("warm-up", 'Officials in Kyiv said on Monday that "the talks will resume," according to Reuters.\n')


def _warm_up(extract: Extractor) -> None:
    """Extract one short text in this process, so that the lexicons and gazetteers it loads on
    first use (most of a second) are loaded once and shared by every forked worker."""
    with contextlib.suppress(Exception):  # a broken extractor is reported on the real articles
        extract(WARM_UP)


def _worker_init(extract: Extractor, summarize: bool = False) -> None:
    global _extract, _summarize
    _extract, _summarize = extract, summarize
    if multiprocessing.parent_process() is not None:  # a pool worker: end with the build, even a killed one
        threading.Thread(target=_exit_with, args=(os.getppid(),), daemon=True).start()


def _exit_with(parent: int) -> None:
    """Exit once ``parent`` is gone: a worker of a build killed by SIGKILL would otherwise wait forever."""
    while os.getppid() == parent:
        time.sleep(1)
    os._exit(1)


def _prepare(article: Article) -> tuple[int, int, str | None, bytes, Delta | None]:
    """(claims, triples, error, N-Quads, contribution): the article itself stays in the parent, not sent back."""
    try:
        extraction = _extract(article)
        nquads = article_nquads(extraction)  # one quad a line, as pyoxigraph writes them
    except Exception as error:  # the extractor is a separate component; report and go on
        return 0, 0, f"{type(error).__name__}: {error}", b"", None
    contribution = None
    if _summarize:
        contribution = Delta()
        contribution.add_nquads(nquads)
    return len(extraction.attributions), nquads.count(b"\n"), None, nquads, contribution


def _flush(store: "Store | RemoteStore", batch: list[Outcome]) -> Iterator[Outcome]:
    if not batch:
        return
    try:
        graphs = {str(graph_iri(outcome.article.id)): outcome for outcome in batch}
        if getattr(store, "summary", None) is not None:
            store.put_graphs({name: outcome.nquads for name, outcome in graphs.items()},
                             {name: outcome.contribution for name, outcome in graphs.items() if outcome.contribution})
        else:
            store.put_graphs({name: outcome.nquads for name, outcome in graphs.items()})
    except Exception as error:  # e.g. a server that went away: these articles are not loaded
        for outcome in batch:
            yield Outcome(outcome.article, error=f"{type(error).__name__}: {error}")
        return
    for outcome in batch:
        outcome.nquads, outcome.contribution = b"", None
        yield outcome
