"""Tests for kg.evaluate: brat parsing and every metric on a hand-built corpus."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from kg.evaluate import (
    METRICS,
    GoldDocument,
    errors,
    evaluate,
    load_corpus,
    parse_ann,
    predict,
)
from kg.model import Attribution, Kind, Span

ALPHA = 'Smith said "We will win." The mayor believes taxes are too high.\n'
BETA = '"Prices will rise," the minister said, "and wages will not." Reportedly, talks have stalled.\n'
GAMMA = "Jones told reporters that the plan failed and that costs doubled.\n"


def at(text: str, sub: str, nth: int = 0) -> tuple[int, int]:
    """Offsets of the nth occurrence of ``sub`` (the .ann files below are written from these)."""
    start = -1
    for _ in range(nth + 1):
        start = text.index(sub, start + 1)
    return start, start + len(sub)


def t_line(tid: str, label: str, text: str, *frags: tuple[int, int]) -> str:
    offsets = ";".join(f"{s} {e}" for s, e in frags)
    return f"{tid}\t{label} {offsets}\t{' '.join(text[s:e] for s, e in frags)}"


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    (tmp_path / "text").mkdir()
    (tmp_path / "attributions").mkdir()
    for name, text in (("alpha", ALPHA), ("beta", BETA), ("gamma", GAMMA), ("unannotated", "No ann.\n")):
        (tmp_path / "text" / f"{name}.txt").write_text(text, encoding="utf-8")

    a = ALPHA
    alpha = [
        t_line("T1", "Source", a, at(a, "Smith")),
        t_line("T2", "Cue", a, at(a, "said")),
        t_line("T3", "Content", a, at(a, '"We will win."')),
        t_line("T4", "Attribution", a, at(a, "said")),
        "E1\tAttribution:T4 Content:T3 Cue:T2 Source:T1",
        t_line("T5", "Source", a, at(a, "The mayor")),
        t_line("T6", "Cue", a, at(a, "believes")),
        t_line("T7", "Content", a, at(a, "taxes are too high")),
        t_line("T8", "Attribution", a, at(a, "believes")),
        "E2\tAttribution:T8 Source:T5 Cue:T6 Content:T7 Weird:T7 Cue:T404",  # odd role, dangling ref
        t_line("T9", "Discard", a, at(a, "The mayor believes")),
        t_line("T10", "Attribution", a, at(a, "win")),
        "E3\tAttribution:T10 ",  # anchor only: no content, dropped
        "A1\tNegated E1",
        "R1\tRel Arg1:T1 Arg2:T5",
        "#1\tAnnotatorNotes T3\ta note",
        "",
    ]
    (tmp_path / "attributions" / "alpha_aa.ann").write_text("\n".join(alpha), encoding="utf-8")
    # A second annotator on alpha: must be ignored (aa sorts first).
    other = [t_line("T1", "Content", a, at(a, "Smith said")), t_line("T2", "Cue", a, at(a, "said")),
             "E1\tAttribution-no-source:T2 Content:T1 Cue:T2"]
    (tmp_path / "attributions" / "alpha_zz.ann").write_text("\n".join(other) + "\n", encoding="utf-8")

    b = BETA
    beta = [
        t_line("T1", "Content", b, at(b, '"Prices will rise,"'), at(b, '"and wages will not."')),
        t_line("T2", "Source", b, at(b, "the minister")),
        t_line("T3", "Cue", b, at(b, "said")),
        t_line("T4", "Attribution", b, at(b, "said")),
        "E1\tAttribution:T4 Content:T1 Cue:T3 Source:T2",
        t_line("T6", "Cue", b, at(b, "Reportedly")),
        t_line("T7", "Content", b, at(b, "talks have stalled")),
        t_line("T8", "Attribution-no-source", b, at(b, "Reportedly")),
        "E2\tAttribution-no-source:T8 Cue:T6 Content:T7",
    ]
    (tmp_path / "attributions" / "beta_bb.ann").write_text("\n".join(beta) + "\n", encoding="utf-8")

    g = GAMMA
    gamma = [
        t_line("T1", "Source", g, at(g, "Jones")),
        t_line("T2", "Cue", g, at(g, "told")),
        t_line("T3", "Content", g, at(g, "the plan failed")),
        t_line("T4", "Content", g, at(g, "costs doubled")),
        t_line("T5", "Attribution", g, at(g, "told")),
        "E1\tAttribution:T5 Source:T1 Cue:T2 Content:T3 Content2:T4",
    ]
    (tmp_path / "attributions" / "gamma_cc.ann").write_text("\n".join(gamma) + "\n", encoding="utf-8")
    (tmp_path / "attributions" / "orphan_dd.ann").write_text("", encoding="utf-8")  # no text file
    return tmp_path


def att(text: str, cue: list[tuple[int, int]], sources: list[tuple[int, int]], contents: list[tuple[int, int]]) -> Attribution:
    def spans(xs: list[tuple[int, int]]) -> list[Span]:
        return [Span.of(text, s, e) for s, e in xs]

    return Attribution(cue=spans(cue), sources=spans(sources), contents=spans(contents), kind=Kind.INDIRECT)


def partial_predictions() -> dict[str, list[Attribution]]:
    """Five predictions, see test_partial for what each one gets right."""
    a, b, g = ALPHA, BETA, GAMMA
    return {
        "alpha": [
            # P1: right cue and source, content without its quote marks and period.
            att(a, [at(a, "said")], [at(a, "Smith")], [at(a, "We will win")]),
            # P2: right cue, source cut short, content swallows source and cue.
            att(a, [at(a, "believes")], [at(a, "mayor")], [at(a, "The mayor believes taxes are too high")]),
        ],
        "beta": [
            # P3: right cue and source, content only the first of its two fragments.
            att(b, [at(b, "said")], [at(b, "the minister")], [at(b, '"Prices will rise,"')]),
            # P5: the sourceless attribution, exactly.
            att(b, [at(b, "Reportedly")], [], [at(b, "talks have stalled")]),
        ],
        "gamma": [
            # P4: right cue, wrong source, one content span bridging both gold pieces.
            att(g, [at(g, "told")], [at(g, "reporters")], [at(g, "the plan failed and that costs doubled")]),
        ],
    }


# --------------------------------------------------------------------------- parsing


def test_load_corpus(corpus: Path) -> None:
    docs = load_corpus(corpus)
    assert [d.name for d in docs] == ["alpha", "beta", "gamma"]  # unannotated and orphan skipped
    alpha, beta, gamma = docs
    assert alpha.annotator == "aa" and alpha.annotators == ("aa", "zz")
    assert alpha.dropped == 1
    assert len(alpha.attributions) == 2
    a1, a2 = alpha.attributions
    assert [s.text for s in a1.cue] == ["said"]
    assert [s.text for s in a1.sources] == ["Smith"]
    assert [s.text for s in a1.contents] == ['"We will win."']
    assert a1.kind is Kind.DIRECT and a2.kind is Kind.INDIRECT
    assert [s.text for s in a2.sources] == ["The mayor"] and [s.text for s in a2.cue] == ["believes"]

    b1, b2 = beta.attributions
    assert [s.text for s in b1.contents] == ['"Prices will rise,"', '"and wages will not."']
    assert b1.kind is Kind.DIRECT
    assert b2.sources == [] and [s.text for s in b2.cue] == ["Reportedly"]

    (g1,) = gamma.attributions
    assert [s.text for s in g1.contents] == ["the plan failed", "costs doubled"]
    for doc in docs:
        for a in doc.attributions:
            for s in a.cue + a.sources + a.contents:
                assert doc.text[s.start : s.end] == s.text


def test_load_corpus_select_and_limit(corpus: Path) -> None:
    assert [d.name for d in load_corpus(corpus, select="[ab]*")] == ["alpha", "beta"]
    assert [d.name for d in load_corpus(corpus, select={"gamma"})] == ["gamma"]
    assert [d.name for d in load_corpus(corpus, limit=2)] == ["alpha", "beta"]


def test_parse_ann_tolerates_junk() -> None:
    text = "He said it.\n"
    ann = "\n".join([
        "T1\tCue 3 7\tsaid",
        "T2\tContent 8 10;999 1000\tit",  # second fragment outside the text: dropped
        "T3\tSource 0 2\tHe",
        "continuation of a multi-line span text",
        "E1\tAttribution:T9 Cue:T1 Content:T2 Source:T3 Other:T3 Source:T77",
        "E2\tCue:T1",  # no content
        "Q1\tsomething new",
        "T4\tBroken x y\t?",
        "\t",
    ])
    atts, dropped = parse_ann(ann, text)
    assert dropped == 1
    (a,) = atts
    assert [(s.start, s.end, s.text) for s in a.contents] == [(8, 10, "it")]
    assert [s.text for s in a.sources] == ["He"]


# --------------------------------------------------------------------------- metrics


def test_perfect_extractor(corpus: Path) -> None:
    docs = load_corpus(corpus)
    by_text = {d.text: d.attributions for d in docs}
    for extractor in ({d.name: d.attributions for d in docs}, lambda text: by_text[text]):
        report = evaluate(docs, extractor)
        assert (report.documents, report.gold, report.predicted, report.matched) == (3, 5, 5, 5)
        for key in METRICS:
            assert report[key].precision == report[key].recall == report[key].f1 == 1.0, key
        t = report.tallies
        assert (t["cue.overlap"].gold_total, t["source.overlap"].gold_total, t["content.overlap"].gold_total) == (5, 6, 31)


def test_empty_extractor(corpus: Path) -> None:
    report = evaluate(corpus, lambda text: [])
    assert (report.gold, report.predicted, report.matched) == (5, 0, 0)
    for label, p, r, f1 in report.rows():
        assert (p, r, f1) == (0.0, 0.0, 0.0), label
    assert report.extract_seconds is not None


def test_partial(corpus: Path) -> None:
    report = evaluate(load_corpus(corpus), partial_predictions())
    assert (report.gold, report.predicted, report.matched) == (5, 5, 3)

    def counts(key: str) -> tuple[int, int, int, int]:
        t = report.tallies[key]
        return t.pred_hit, t.pred_total, t.gold_hit, t.gold_total

    # Exact: every cue right; sources right for P1, P3 and P5 (empty == empty);
    # only P5's content (and so its whole span set) is exact.
    assert counts("cue.exact") == (5, 5, 5, 5)
    assert counts("source.exact") == (3, 5, 3, 5)
    assert counts("content.exact") == (1, 5, 1, 5)
    assert counts("spans.exact") == (1, 5, 1, 5)
    # Overlap, in tokens (punctuation counts). Sources: P4's "reporters" is outside
    # gold; gold misses "The" and "Jones". Contents: P2 adds "The mayor believes",
    # P4 adds "and that"; gold loses quotes and period of A1 and the second
    # fragment of B1 (7 tokens).
    assert counts("cue.overlap") == (5, 5, 5, 5)
    assert counts("source.overlap") == (4, 5, 4, 6)
    assert counts("content.overlap") == (21, 26, 21, 31)
    # Who said what: P1, P2, P5 match; P3 covers 3/7 gold words; P4 has the wrong source.
    assert counts("attribution") == (3, 5, 3, 5)

    assert report["source.exact"].f1 == pytest.approx(0.6)
    assert report["content.exact"].precision == pytest.approx(0.2)
    assert report["source.overlap"].precision == pytest.approx(0.8)
    assert report["source.overlap"].recall == pytest.approx(4 / 6)
    assert report["source.overlap"].f1 == pytest.approx(2 * 0.8 * (4 / 6) / (0.8 + 4 / 6))
    assert report["content.overlap"].precision == pytest.approx(21 / 26)
    assert report["content.overlap"].recall == pytest.approx(21 / 31)
    assert tuple(report["attribution"]) == pytest.approx((0.6, 0.6, 0.6))


def test_attribution_thresholds() -> None:
    text = "Ann said one two three four five six. Bob said seven."
    gold = att(text, [at(text, "said")], [at(text, "Ann")], [at(text, "one two three four five six")])
    doc = GoldDocument("d", text, [gold], "x")

    def matched(contents: str, source: str = "Ann") -> int:
        pred = att(text, [at(text, "said")], [at(text, source)], [at(text, contents)])
        return evaluate([doc], {"d": [pred]}).matched

    assert matched("one two three") == 1  # exactly half of gold covered
    assert matched("one two") == 0  # a third: too little
    # 3 of 9 predicted words inside gold: exactly a third is enough, less is not.
    assert matched("four five six. Bob said seven") == 1
    assert matched("five six. Bob said seven") == 0
    assert matched("one two three four five six", source="Bob") == 0
    # Sourceless gold: any source (or none) will do.
    doc.attributions[0].sources.clear()
    assert matched("one two three four five six", source="Bob") == 1


def test_matching_is_one_to_one() -> None:
    text = "Ann said one two three four."
    gold = att(text, [at(text, "said")], [at(text, "Ann")], [at(text, "one two three four")])
    doc = GoldDocument("d", text, [gold], "x")
    report = evaluate([doc], {"d": [gold, gold]})
    assert (report.matched, report["attribution"].precision, report["attribution"].recall) == (1, 0.5, 1.0)
    # Citron's exact metrics are not one-to-one: both duplicates count.
    assert report["cue.exact"].precision == 1.0


def test_errors(corpus: Path) -> None:
    docs = load_corpus(corpus)
    records = list(errors(docs, partial_predictions()))
    summary = [(r.document, r.kind, r.cue, r.source) for r in records]
    assert summary == [
        ("beta", "fp", "said", "the minister"),
        ("beta", "miss", "said", "the minister"),
        ("gamma", "miss", "told", "Jones"),  # records run in text order: "Jones" comes first
        ("gamma", "fp", "told", "reporters"),
    ]
    fp_beta, fp_gamma = records[0], records[3]
    assert fp_beta.reason.startswith("covers 3/7 gold content words")
    assert fp_gamma.reason.startswith("source differs")
    assert records[1].content == '"Prices will rise," "and wages will not."'
    assert records[1].reason.startswith("covers 3/7 gold content words")  # seen from the gold side
    assert "the minister said" in records[1].context and len(records[1].context) <= 2 * 40 + 4
    # Same records from a callable extractor, and none for a perfect one.
    preds = partial_predictions()
    by_text = {d.text: preds[d.name] for d in docs}
    assert [r.as_dict() for r in errors(docs, lambda t: by_text[t])] == [r.as_dict() for r in records]
    assert list(errors(docs, {d.name: d.attributions for d in docs})) == []


def test_report_rows_and_json(corpus: Path) -> None:
    docs = load_corpus(corpus)
    report = evaluate(docs, predict(docs, lambda text: []))
    rows = report.rows()
    assert [r[0] for r in rows] == list(METRICS.values())
    assert all(len(r) == 4 for r in rows)
    data = json.loads(json.dumps(report.as_dict()))
    assert data["gold"] == 5 and set(data["metrics"]) == set(METRICS)
    assert "extract_seconds" not in data  # predictions were precomputed


def test_extractor_failure_names_document(corpus: Path) -> None:
    def boom(text: str) -> list[Attribution]:
        raise ValueError("nope")

    with pytest.raises(RuntimeError, match="alpha"):
        evaluate(corpus, boom)


# --------------------------------------------------------------------------- real corpus


def polnear() -> Path:
    default = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "polnear-train"
    path = Path(os.environ.get("KG_POLNEAR", default))
    if not (path / "attributions").is_dir():
        pytest.skip(f"PolNeAR corpus not found at {path}")
    return path


def test_polnear_gold_as_prediction() -> None:
    docs = load_corpus(polnear(), limit=20)
    assert len(docs) == 20
    gold = {d.name: d.attributions for d in docs}
    report = evaluate(docs, gold)
    assert report.gold > 100
    for label, p, r, f1 in report.rows():
        assert (p, r, f1) == (1.0, 1.0, 1.0), label
    assert list(errors(docs, gold)) == []


def test_polnear_full_counts() -> None:
    docs = load_corpus(polnear())
    assert len(docs) == 840
    total = sum(len(d.attributions) for d in docs)
    assert 19_000 < total < 21_000
    assert sum(1 for d in docs for a in d.attributions if not a.sources) > 1_000  # sourceless ones kept
    assert any(len(s) > 1 for d in docs for a in d.attributions for s in (a.contents,))  # discontinuous
