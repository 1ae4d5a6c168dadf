"""The scale benchmark behind ``kg benchmark``: corpora of growing size, built, queried and
exported, beside the same data and queries on rdflib's in-memory store.

Every measurement that holds a store runs in a child process of its own, so its peak
memory is its own and a query that runs away can be stopped at a time limit.
"""

from __future__ import annotations

import json
import multiprocessing
import os
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path

from kg import synthetic

TARGETS = {
    "build MB/s": ("build_mb_s", ">=", 1.0),
    "build peak RSS MB at 100 MB": ("build_peak_rss_mb", "<", 1024),
    "said-by (one speaker) ms at 1M claims": ("speaker_ms", "<", 100),
    "slowest named query s at 1M claims": ("slowest_query_s", "<", 2),
    "Turtle export triples/s": ("export_triples_s", ">=", 300_000),
    "kg --help s": ("help_s", "<", 0.3),
}


@dataclass(frozen=True)
class Corpus:
    """What to build, and the parameters its named queries get."""

    kind: str  # synthetic or polnear
    params: dict[str, dict[str, str]]

    @property
    def speaker(self) -> str:
        return self.params["said-by"]["speaker"]


SYNTHETIC = Corpus("synthetic", {
    "said-by": {"speaker": synthetic.cast()[1000].name},
    "claims-by-speaker": {"speaker": synthetic.cast()[1000].name.split()[-1]},
    "claims-by-outlet": {"outlet": "Reuters"},
    "claims-mentioning": {"entity": "Kyiv"},
    "entities-by-type": {"type": "Official"},
})
POLNEAR = Corpus("polnear", {
    "said-by": {"speaker": "Jeb Bush"},
    "claims-by-speaker": {"speaker": "Bush"},
    "claims-by-outlet": {"outlet": "CNN"},
    "claims-mentioning": {"entity": "Iowa"},
    "entities-by-type": {"type": "Official"},
})


@dataclass
class Result:
    """One corpus at one size: kg's figures, rdflib's (when it fits), and their ratios."""

    corpus: str
    megabytes: float
    articles: int = 0
    claims: int = 0
    quads: int = 0
    kg: dict = field(default_factory=dict)
    rdflib: dict = field(default_factory=dict)
    ratios: dict = field(default_factory=dict)


def run(
    sizes: list[float], polnear: Path | None, workdir: Path, jobs: int, rdflib_max_claims: int,
    query_timeout: float, log: Callable[[str], None] = print,
) -> dict:
    """Run every size of every corpus; returns the report that ``kg benchmark`` writes as JSON."""
    corpora = [SYNTHETIC] + ([POLNEAR] if polnear else [])
    results = []
    for corpus in corpora:
        for megabytes in sizes:
            folder = workdir / f"{corpus.kind}-{megabytes:g}MB"
            if corpus is SYNTHETIC:
                synthetic.write_corpus(folder, megabytes)
            else:
                replicate_polnear(polnear, folder, megabytes)
            result = measure(corpus, folder, megabytes, workdir / f"{folder.name}.oxigraph", jobs,
                             rdflib_max_claims, query_timeout)
            log(summary(result))
            results.append(result)
    report = {"machine": {"cpus": os.cpu_count(), "jobs": jobs, "python": sys.version.split()[0]},
              "help_s": help_time(), "results": [vars(result) for result in results]}
    report["targets"] = targets(report)
    return report


def replicate_polnear(polnear: Path, folder: Path, megabytes: float) -> None:
    """PolNeAR's training texts as JSON Lines, copied with distinct ids until they reach ``megabytes``."""
    texts = sorted((polnear / "text").glob("*.txt")) if (polnear / "text").is_dir() else sorted(polnear.glob("*.txt"))
    if not texts:
        raise FileNotFoundError(f"no .txt articles in {polnear} or {polnear / 'text'}")
    folder.mkdir(parents=True, exist_ok=True)
    characters = copy = 0
    while characters < megabytes * 1_000_000:
        with open(folder / f"polnear-{copy:04d}.jsonl", "w", encoding="utf-8") as out:
            for path in texts:
                body = path.read_text(encoding="utf-8")
                out.write(json.dumps({"id": f"{path.stem}~{copy}", "text": body}, ensure_ascii=False) + "\n")
                characters += len(body)
                if characters >= megabytes * 1_000_000:
                    break
        copy += 1


def measure(corpus: Corpus, folder: Path, megabytes: float, store: Path, jobs: int, rdflib_max_claims: int,
            query_timeout: float) -> Result:
    result = Result(corpus.kind, megabytes)
    build = build_with_kg(folder, store, jobs)
    result.articles, result.claims, result.quads = build.pop("articles"), build.pop("claims"), build.pop("quads")
    result.kg = build | query_store(corpus, lambda: _oxigraph(store), query_timeout)
    result.kg |= _in_child(lambda: export_oxigraph(store, result.quads), query_timeout * 10)
    if result.claims <= rdflib_max_claims:
        result.rdflib = _in_child(lambda: rdflib_figures(corpus, folder, jobs, query_timeout), query_timeout * 30)
        result.ratios = ratios(result.kg, result.rdflib)
    return result


def build_with_kg(folder: Path, store: Path, jobs: int) -> dict:
    """``kg build`` end to end in its own process: MB/s and peak RSS (the largest of its processes)."""
    characters = sum(len(json.loads(line)["text"]) for path in folder.glob("*.jsonl") for line in path.open())
    command = [sys.executable, "-m", "kg", "--store", str(store), "build", "--no-show", "-j", str(jobs), str(folder)]
    started = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    stderr = process.stderr.read()
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - started
    loaded = re.search(r"Loaded (\d+) articles? \((\d+) claims?, (\d+) triples?\)", stderr)
    if status or loaded is None:
        raise RuntimeError(f"kg build failed: {stderr[-2000:]}")
    megabytes = characters / 1e6
    return {"articles": int(loaded[1]), "claims": int(loaded[2]), "quads": int(loaded[3]),
            "build_s": round(seconds, 2), "build_mb_s": round(megabytes / seconds, 3),
            "build_peak_rss_mb": round(usage.ru_maxrss / 1024)}


def query_store(corpus: Corpus, open_store: Callable, timeout: float) -> dict:
    """said-by for one speaker (warm: median of five) and every named query once, each in a child."""
    from kg.queries import list_queries

    figures = {"speaker": corpus.speaker}
    speaker = _in_child(lambda: _timed_queries(open_store, "said-by", corpus.params["said-by"], repeat=5), timeout)
    figures["speaker_ms"] = speaker.get("ms")
    figures["speaker_rows"] = speaker.get("rows")
    queries = {}
    for query in list_queries():
        timed = _in_child(lambda: _timed_queries(open_store, query.name, corpus.params.get(query.name, {})), timeout)
        queries[query.name] = {"s": None if timed.get("ms") is None else round(timed["ms"] / 1000, 3),
                               "rows": timed.get("rows"), "timed_out": "timeout" in timed, "error": timed.get("error")}
    figures["queries"] = queries
    figures["slowest_query_s"] = None if any(q["s"] is None for q in queries.values()) else max(
        q["s"] for q in queries.values())
    return figures


def _timed_queries(open_store: Callable, name: str, params: dict, repeat: int = 1) -> dict:
    from kg.queries import load_query, run as run_query

    store, query = open_store(), load_query(name)
    times, rows = [], 0
    for _ in range(repeat + (1 if repeat > 1 else 0)):  # with repeats, the first only warms up
        started = time.perf_counter()
        result = run_query(store, query, params)
        times.append(time.perf_counter() - started)
        rows = len(result.rows) if hasattr(result, "rows") else len(result)
    times = times[1:] if repeat > 1 else times
    return {"ms": round(statistics.median(times) * 1000, 2), "rows": rows}


def export_oxigraph(store: Path, quads: int) -> dict:
    """Turtle export to a file: statements streamed per second."""
    with tempfile.TemporaryFile() as output:
        started = time.perf_counter()
        _oxigraph(store).export("turtle", output)
        seconds = time.perf_counter() - started
    return {"export_s": round(seconds, 2), "export_triples_s": round(quads / seconds),
            "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)}


def rdflib_figures(corpus: Corpus, folder: Path, jobs: int, timeout: float) -> dict:
    """The same pipeline into rdflib's in-memory Dataset, then the same queries and a Turtle export."""
    from kg import loader
    from kg.articles import read_articles
    from kg.extract import extract

    sink = RdflibStore()
    characters = 0

    def counted() -> Iterator:
        nonlocal characters
        for article in read_articles([folder]):
            characters += len(article.body)
            yield article

    started = time.perf_counter()
    for _ in loader.load(sink, counted(), extract, jobs):
        pass
    seconds = time.perf_counter() - started
    figures = {"build_s": round(seconds, 2), "build_mb_s": round(characters / 1e6 / seconds, 3)}
    figures |= query_store(corpus, lambda: sink, timeout)
    with tempfile.TemporaryFile() as output:
        started = time.perf_counter()
        sink.dataset.serialize(output, format="turtle")
        seconds = time.perf_counter() - started
    quads = len(sink.dataset)
    figures |= {"export_s": round(seconds, 2), "export_triples_s": round(quads / seconds),
                "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)}
    return figures


class RdflibStore:
    """Enough of the store interface over an rdflib Dataset for the loader and the named queries."""

    def __init__(self):
        import rdflib

        self.dataset = rdflib.Dataset(default_union=True)

    def put_graphs(self, graphs: dict[str, bytes]) -> None:
        for nquads in graphs.values():
            self.dataset.parse(data=nquads, format="nquads")

    def query(self, sparql: str, params: dict, limit: int | None = None):
        """Rows, as the kg store gives them, so `kg.queries.run` works unchanged."""
        import rdflib

        from kg.store import Rows

        bindings = {name: rdflib.Literal(str(value)) for name, value in params.items()}
        result = self.dataset.query(sparql, initBindings=bindings)
        return Rows([str(variable) for variable in result.vars], [tuple(row) for row in islice(result, limit)])


def _oxigraph(store: Path):
    from kg.store import Store

    return Store(store, create=False, read_only=True)


def _in_child(task: Callable[[], dict], timeout: float) -> dict:
    """Run ``task`` in a forked child; {"timeout": seconds} if it takes longer, {"error": ...} if it fails."""
    context = multiprocessing.get_context("fork")
    receive, send = context.Pipe(duplex=False)
    child = context.Process(target=_child, args=(task, send))
    child.start()
    send.close()
    if not receive.poll(timeout):
        child.kill()
        child.join()
        return {"timeout": timeout}
    answer = receive.recv()
    child.join()
    return answer


def _child(task: Callable[[], dict], send) -> None:
    try:
        send.send(task())
    except Exception as error:  # reported by the parent
        send.send({"error": f"{type(error).__name__}: {error}"})


def ratios(kg: dict, rdflib: dict) -> dict:
    """kg's advantage, > 1 when kg is better: throughputs kg/rdflib, times and memory rdflib/kg."""
    def ratio(better, worse):
        return None if not better or not worse else round(better / worse, 2)

    found = {"build": ratio(kg.get("build_mb_s"), rdflib.get("build_mb_s")),
             "said-by": ratio(rdflib.get("speaker_ms"), kg.get("speaker_ms")),
             "export": ratio(kg.get("export_triples_s"), rdflib.get("export_triples_s")),
             "memory": ratio(rdflib.get("peak_rss_mb"), kg.get("build_peak_rss_mb"))}
    for name, figures in kg.get("queries", {}).items():
        theirs = rdflib.get("queries", {}).get(name, {})
        found[name] = ratio(theirs.get("s"), figures.get("s"))
    return found


def help_time(runs: int = 5) -> float:
    """Best wall time of ``kg --help``, process start included."""
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run([sys.executable, "-m", "kg", "--help"], capture_output=True, check=True)
        times.append(time.perf_counter() - started)
    return round(min(times), 3)


def targets(report: dict) -> dict:
    """Each target with the figure it is judged on and whether it is met."""
    results = report["results"]
    largest_build = max(results, key=lambda r: r["megabytes"])["kg"] if results else {}
    at_scale = [r["kg"] for r in results if r["claims"] >= 1_000_000]
    largest = {r["corpus"]: r for r in sorted(results, key=lambda r: r["megabytes"])}.values()  # each corpus's largest
    figures = {
        "build_mb_s": min((r["kg"]["build_mb_s"] for r in largest), default=None),
        "build_peak_rss_mb": largest_build.get("build_peak_rss_mb") if results and max(
            r["megabytes"] for r in results) >= 100 else None,
        "speaker_ms": max((r["speaker_ms"] for r in at_scale if r.get("speaker_ms") is not None), default=None),
        "slowest_query_s": None if not at_scale or any(r["slowest_query_s"] is None for r in at_scale) else max(
            r["slowest_query_s"] for r in at_scale),
        "export_triples_s": min((r["kg"]["export_triples_s"] for r in results if "export_triples_s" in r["kg"]),
                                default=None),
        "help_s": report["help_s"],
    }
    judged = {}
    for label, (key, op, bound) in TARGETS.items():
        value = figures[key]
        met = None if value is None else value >= bound if op == ">=" else value < bound
        judged[label] = {"target": f"{op} {bound:g}", "value": value, "met": met}
    return judged


def _outcome(figures: dict) -> str:
    if figures["timed_out"]:
        return "timed out"
    return f"failed: {figures['error']}" if figures.get("error") else f"{figures['s']} s"


def summary(result: Result) -> str:
    """A few lines per corpus and size, for the terminal."""
    kg, theirs, ratio = result.kg, result.rdflib, result.ratios
    lines = [f"{result.corpus} {result.megabytes:g} MB: {result.articles} articles, {result.claims} claims, "
             f"{result.quads} quads",
             f"  build        kg {kg['build_mb_s']} MB/s ({kg['build_s']} s, peak RSS {kg['build_peak_rss_mb']} MB)"
             + (f" | rdflib {theirs['build_mb_s']} MB/s | ×{ratio['build']}" if theirs else ""),
             f"  said-by      kg {kg['speaker_ms']} ms ({kg['speaker_rows']} rows for {kg['speaker']!r})"
             + (f" | rdflib {theirs['speaker_ms']} ms | ×{ratio['said-by']}" if theirs else ""),
             f"  export       kg {kg.get('export_triples_s')} statements/s ({kg.get('export_s')} s)"
             + (f" | rdflib {theirs['export_triples_s']}/s | ×{ratio['export']}" if theirs else "")]
    for name, figures in kg["queries"].items():
        mine = _outcome(figures) + ("" if figures["s"] is None else f" ({figures['rows']} rows)")
        other = theirs.get("queries", {}).get(name) if theirs else None
        if other is not None:
            mine += f" | rdflib {_outcome(other)} | ×{ratio.get(name)}"
        lines.append(f"  {name:<20} kg {mine}")
    return "\n".join(lines)
