"""`kg eval` and `kg bench` through click's CliRunner."""

import json
from pathlib import Path

from click.testing import CliRunner

from kg.cli import main

ROOT = Path(__file__).resolve().parent.parent
TEXT = "Officials said the bridge was closed. The weather was fine.\n"
# One gold attribution the extractor finds, one (the weather) it cannot.
ANN = (
    "T1\tSource 0 9\tOfficials\n"
    "T2\tCue 10 14\tsaid\n"
    "T3\tContent 15 36\tthe bridge was closed\n"
    "E1\tAttribution:T2 Source:T1 Content:T3 Cue:T2\n"
    "T4\tContent 38 58\tThe weather was fine\n"
    "T5\tCue 38 58\tThe weather was fine\n"
    "E2\tAttribution:T5 Content:T4 Cue:T5\n"
)


def _corpus(tmp_path: Path) -> Path:
    (tmp_path / "text").mkdir()
    (tmp_path / "attributions").mkdir()
    (tmp_path / "text" / "a.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "attributions" / "a_x1.ann").write_text(ANN, encoding="utf-8")
    return tmp_path


def test_eval_json_scores_the_real_extractor(tmp_path):
    result = CliRunner().invoke(main, ["eval", str(_corpus(tmp_path)), "-f", "json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    assert (report["gold"], report["predicted"], report["matched"]) == (2, 1, 1)


def test_eval_table_and_errors(tmp_path):
    corpus = _corpus(tmp_path)
    table = CliRunner().invoke(main, ["eval", str(corpus)])
    assert "attribution (who said what)" in table.output and "0.500" in table.output
    errors = CliRunner().invoke(main, ["eval", str(corpus), "--errors", "-f", "json"])
    (miss,) = [json.loads(line) for line in errors.output.splitlines()]
    assert (miss["kind"], miss["content"]) == ("miss", "The weather was fine")


def test_bench_prints_throughput(tmp_path):
    result = CliRunner().invoke(main, ["bench", str(ROOT / "seeds"), "--json"])
    assert result.exit_code == 0, result.output
    figures = json.loads(result.output)
    assert figures["articles"] == 1 and figures["claims"] == 16 and figures["kb_per_second"] > 0


def test_bench_hostile_times_every_hostile_text_at_two_sizes():
    from kg import hostile

    result = CliRunner().invoke(main, ["bench", "--hostile", "2000", "--json"])
    assert result.exit_code == 0, result.output
    rows = json.loads(result.output)
    assert [r["name"] for r in rows] == list(hostile.UNITS)
    assert all(r["large_seconds"] >= 0 and r["small_seconds"] >= 0 for r in rows)


def test_bench_needs_a_folder_or_hostile():
    result = CliRunner().invoke(main, ["bench"])
    assert result.exit_code == 2 and "--hostile" in result.output
