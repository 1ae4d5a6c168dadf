"""The benchmark's parts: synthetic news, PolNeAR replication, and judging targets (the run itself is apart)."""

from __future__ import annotations

import json

from kg import synthetic
from kg.benchmark import ratios, replicate_polnear, targets
from kg.model import Article


def test_synthetic_articles_are_seeded_and_full_of_attributions():
    first, again, other = synthetic.article(7), synthetic.article(7), synthetic.article(7, seed=1)
    assert first == again and first.text != other.text
    assert 2300 <= len(first.text) <= 3000
    assert len({synthetic.article(n).id for n in range(50)}) == 50

    from kg.extract import extract

    names = {person.name for person in synthetic.cast()}
    found = extract(Article(first.id, first.text)).attributions
    assert len(found) >= 10
    assert sum(a.speaker is not None and a.speaker.name in names for a in found) >= 5


def test_write_corpus_stops_at_the_size_asked(tmp_path):
    count, characters = synthetic.write_corpus(tmp_path, 0.02, per_file=3)
    records = [json.loads(line) for path in sorted(tmp_path.glob("*.jsonl")) for line in path.open()]
    assert len(records) == count and len(list(tmp_path.glob("*.jsonl"))) == -(-count // 3)
    assert characters == sum(len(record["text"]) for record in records) >= 20_000
    assert characters - len(records[-1]["text"]) < 20_000


def test_polnear_copies_get_distinct_ids(tmp_path):
    texts = tmp_path / "polnear" / "text"
    texts.mkdir(parents=True)
    (texts / "a.txt").write_text("x" * 600)
    (texts / "b.txt").write_text("y" * 600)
    replicate_polnear(tmp_path / "polnear", tmp_path / "out", 0.002)
    records = [json.loads(line) for path in sorted((tmp_path / "out").glob("*.jsonl")) for line in path.open()]
    assert [record["id"] for record in records] == ["a~0", "b~0", "a~1", "b~1"]


def test_targets_are_judged_on_the_largest_corpora_and_a_million_claims():
    def result(corpus, megabytes, claims, mb_s, speaker_ms, slowest):
        return {"corpus": corpus, "megabytes": megabytes, "claims": claims,
                "kg": {"build_mb_s": mb_s, "build_peak_rss_mb": 700, "speaker_ms": speaker_ms,
                       "slowest_query_s": slowest, "export_triples_s": 350_000}}

    report = {"help_s": 0.12, "results": [
        result("synthetic", 1, 9_000, 0.2, 5, 0.1), result("synthetic", 115, 1_050_000, 0.9, 40, 30.0),
        result("polnear", 115, 220_000, 1.2, 8, 3.0),
    ]}
    judged = targets(report)
    assert judged["build MB/s"] == {"target": ">= 1", "value": 0.9, "met": False}
    assert judged["build peak RSS MB at 100 MB"]["met"] is True
    assert judged["said-by (one speaker) ms at 1M claims"] == {"target": "< 100", "value": 40, "met": True}
    assert judged["slowest named query s at 1M claims"]["met"] is False
    assert judged["Turtle export triples/s"]["met"] is True
    assert judged["kg --help s"]["met"] is True


def test_ratios_say_how_many_times_better_kg_is():
    kg = {"build_mb_s": 0.5, "speaker_ms": 10, "export_triples_s": 90_000, "build_peak_rss_mb": 200,
          "queries": {"who-said-what": {"s": 2.0}}}
    theirs = {"build_mb_s": 0.25, "speaker_ms": 500, "export_triples_s": 30_000, "peak_rss_mb": 1000,
              "queries": {"who-said-what": {"s": None, "timed_out": True}}}
    assert ratios(kg, theirs) == {"build": 2.0, "said-by": 50.0, "export": 3.0, "memory": 5.0, "who-said-what": None}
