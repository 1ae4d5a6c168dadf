"""No catastrophic backtracking or quadratic step: a megabyte of hostile text goes through
``kg build`` (reading, text checks, extraction, graph, store) without hanging.

Each input runs in its own process under a generous timeout: linear work on a megabyte
takes seconds, while anything quadratic in the input's length would take hours, so the
timeout tells a hang from slowness without timing anything. Inputs the extractor cannot
yet take are marked xfail (not run by default, as pytest advises for hangs), each with the
function at fault; ``pytest --runxfail tests/test_adversarial.py`` runs them.
"""

from __future__ import annotations

import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

MEGABYTE = 1_000_000
TIMEOUT = 150  # seconds: ten times what a megabyte takes today on a loaded CI core


def megabyte(unit: str, prefix: str = "") -> str:
    return prefix + unit * ((MEGABYTE - len(prefix)) // len(unit))


LINEAR = {
    "straight quote marks": megabyte('"'),
    "curly quote marks": megabyte("“"),
    "capitals": megabyte("A"),
    "commas": megabyte(","),
    "no spaces": megabyte("abcdefghij"),
    "one giant sentence": megabyte("the minister said that "),
    "an unclosed quote": megabyte("and he said so ", prefix='"'),
    "nested quote marks": megabyte('“a "b “c '),
}

# Quadratic in the extractor today (kg/extract is another engineer's; found with cProfile
# on 20-80 KB of each input, where doubling the input quadrupled the time).
HOT_SPOTS = {
    "dots": (megabyte("."), "text.sentences: each '.' of a run is re-scanned by _SENTENCE_END and _is_abbreviation"),
    "capitalised words": (megabyte("Abc "), "coref.canonical, called for each mention with all earlier mentions"),
    "capitalised names and commas": (megabyte("Smith, Jones, "),
                                     "mentions.named_mentions: role_at([t.text for t in tokens], ...) rebuilt per name"),
    "initials": (megabyte("A. "), "mentions._mentions_in: gazetteer.lookup(words[k:]) slices the run at every k"),
    "said chain": (megabyte('He said "x" '), "attribute.attribute_segment and _add_channels scan the paragraph per cue"),
    "titles, names and cues": (megabyte('Mr. Smith of the U.S. Army said "'),
                               "attribute.attribute_segment and _add_channels scan the paragraph per cue"),
    "according to": (megabyte("according to "), "attribute._source_after and _channel_split (cues.match_phrase) per cue"),
    "quote then cue": (megabyte('"Yes," he said. '), "attribute._quote_then_cue searches every quotation per cue"),
}


def _build(path: Path) -> subprocess.CompletedProcess | None:
    """``kg --memory build`` on one file; None when it did not finish within TIMEOUT."""
    try:
        return subprocess.run(
            [sys.executable, "-m", "kg", "--memory", "build", "--no-show", str(path)],
            capture_output=True, text=True, timeout=TIMEOUT,
        )
    except subprocess.TimeoutExpired:
        return None


@pytest.fixture(scope="module")
def linear_results(tmp_path_factory) -> dict[str, subprocess.CompletedProcess | None]:
    """Every LINEAR input built at once, two at a time (CI has two cores)."""
    folder = tmp_path_factory.mktemp("adversarial")
    paths = {}
    for number, (name, text) in enumerate(LINEAR.items()):
        paths[name] = folder / f"{number}.txt"
        paths[name].write_text(text, encoding="utf-8")
    with ThreadPoolExecutor(2) as pool:
        return dict(zip(paths, pool.map(_build, paths.values())))


def _check(result: subprocess.CompletedProcess | None) -> None:
    assert result is not None, f"still running after {TIMEOUT} s: a quadratic step or catastrophic backtracking"
    assert "Traceback" not in result.stderr, result.stderr
    assert result.returncode == 0, result.stderr
    assert "Loaded 1 article" in result.stderr


@pytest.mark.parametrize("name", list(LINEAR))
def test_a_megabyte_of_hostile_text_is_processed_without_hanging(linear_results, name):
    _check(linear_results[name])


@pytest.mark.parametrize(
    "name",
    [pytest.param(name, marks=pytest.mark.xfail(run=False, strict=True, reason=f"extractor hot spot: {where}"))
     for name, (_, where) in HOT_SPOTS.items()],
)
def test_extractor_hot_spots(tmp_path, name):
    path = tmp_path / "input.txt"
    path.write_text(HOT_SPOTS[name][0], encoding="utf-8")
    _check(_build(path))
