"""Extraction speed, measured apart from the test suite: KB of article text per second on one core."""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path

from kg.articles import read_articles
from kg.extract import extract


@dataclass(frozen=True, slots=True)
class Throughput:
    articles: int
    characters: int
    claims: int
    seconds: float  # wall clock
    cpu_seconds: float  # this process's CPU time: the per-core figure, steady when the machine is busy

    @property
    def kb_per_second(self) -> float:
        return self.characters / 1000 / self.seconds if self.seconds else 0.0

    @property
    def kb_per_cpu_second(self) -> float:
        return self.characters / 1000 / self.cpu_seconds if self.cpu_seconds else 0.0

    def as_dict(self) -> dict:
        return {
            "articles": self.articles,
            "characters": self.characters,
            "claims": self.claims,
            "seconds": round(self.seconds, 3),
            "kb_per_second": round(self.kb_per_second, 1),
            "cpu_seconds": round(self.cpu_seconds, 3),
            "kb_per_cpu_second": round(self.kb_per_cpu_second, 1),
        }


def extraction_throughput(paths: list[Path]) -> Throughput:
    """Read every article first, then time extraction alone (reading is the disk's cost, not ours)."""
    articles = list(read_articles(paths, errors=[]))
    extract(articles[0]) if articles else None  # lexicons and gazetteers load once, outside the timing
    start, cpu_start = time.perf_counter(), time.process_time()
    claims = sum(len(extract(a).attributions) for a in articles)
    seconds, cpu_seconds = time.perf_counter() - start, time.process_time() - cpu_start
    return Throughput(len(articles), sum(len(a.body) for a in articles), claims, seconds, cpu_seconds)


@dataclass(frozen=True, slots=True)
class Growth:
    """Extraction time of one hostile text at two sizes: linear work doubles, quadratic quadruples."""

    name: str
    small_seconds: float
    large_seconds: float

    @property
    def ratio(self) -> float:
        return self.large_seconds / self.small_seconds if self.small_seconds else 0.0

    def as_dict(self) -> dict:
        return {"name": self.name, "small_seconds": round(self.small_seconds, 3), "large_seconds": round(self.large_seconds, 3), "ratio": round(self.ratio, 2)}


def hostile_growth(size: int) -> list[Growth]:
    """Each hostile text extracted at ``size`` and twice that, CPU seconds."""
    from kg import hostile
    from kg.model import Article

    extract(Article(id="warm-up", body="He said so."))
    out = []
    for name in hostile.UNITS:
        timings = []
        for n in (size, 2 * size):
            body = hostile.text(name, n)
            start = time.process_time()
            extract(Article(id=name, body=body))
            timings.append(time.process_time() - start)
        out.append(Growth(name, *timings))
    return out
