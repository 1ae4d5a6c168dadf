"""No catastrophic backtracking or quadratic step: a megabyte of hostile text goes through
``kg build`` (reading, text checks, extraction, graph, store) without hanging.

Each input runs in its own process under a generous timeout: linear work on a megabyte
takes seconds, while anything quadratic in the input's length would take hours, so the
timeout tells a hang from slowness without timing anything.
"""

from __future__ import annotations

import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from kg import hostile

MEGABYTE = 1_000_000
TIMEOUT = 150  # seconds: ten times what a megabyte takes today on a loaded CI core
LINEAR = {name: hostile.text(name, MEGABYTE) for name in hostile.UNITS}


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
