"""The benchmarks run (in their quick mode, as CI runs them); their times are never asserted."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

BENCHMARKS = Path(__file__).resolve().parent.parent / "benchmarks"


@pytest.mark.slow
@pytest.mark.parametrize(
    ("script", "expected"),
    [
        ("bench_diff.py", "realistic"),
        ("bench_load.py", "target: load"),
        ("bench_check.py", "check(10000) / check(1000)"),
        ("bench_cli.py", "diff --format md"),
    ],
)
def test_quick_benchmark_runs_and_prints_its_table(script: str, expected: str) -> None:
    """Each benchmark's --quick run finishes, exits 0 and prints its table."""
    done = subprocess.run(
        [sys.executable, str(BENCHMARKS / script), "--quick"],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert expected in done.stdout
