"""Benchmark: how long the command line takes, against ``python -c pass``.

Run ``.venv/bin/python benchmarks/bench_cli.py`` (``--quick`` for CI: three
repeats, nothing asserted). Each command runs as a user runs it (the installed
``dutyledger`` script, a new process each time), alternating with the others so
all see the same machine; the median is shown, and the ratio to ``python -c
pass`` (the interpreter's own start), in wall time and in CPU time (user + system
of the child, which a busy machine disturbs less). The diff is of the real pair:
``editions/2025-01.json`` against ``examples/2026-01-illustrative.json``.
Targets: ``diff`` (text) ≤ 10x, ``--version`` ≤ 4x. Two rows show the floors of the
design: ``import attrs``, and importing the diff path's modules (their record
classes generate their methods at import) without reading an edition.

dutyledger's modules are byte-compiled first, as ``pip install`` leaves them:
where ``PYTHONDONTWRITEBYTECODE`` is set (as on some CI machines) an editable
checkout would otherwise compile every module from source on every run.
"""

from __future__ import annotations

import argparse
import compileall
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PAIR = [
    str(ROOT / "editions" / "2025-01.json"),
    str(ROOT / "examples" / "2026-01-illustrative.json"),
]


_DIFF_PATH = (
    "import dutyledger.cli, dutyledger._cli.commands, dutyledger._compare.diff, "
    "dutyledger._report.build, dutyledger._report.terminal, dutyledger._edition.fast"
)


def _script() -> list[str]:
    script = Path(sys.executable).with_name("dutyledger")
    return [str(script)] if script.exists() else [sys.executable, "-m", "dutyledger"]


def _children_cpu() -> float:
    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    return used.ru_utime + used.ru_stime


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print the table; 0 unless something failed to run."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="three repeats (CI)")
    parser.add_argument("--repeats", type=int, default=15, help="runs per command (median)")
    args = parser.parse_args(argv)
    repeats = 3 if args.quick else args.repeats
    cli = _script()
    commands = {
        "python -c pass": [sys.executable, "-c", "pass"],
        # the floors of the design: attrs itself, and the modules of the diff path with their
        # record classes (attrs generates their methods at import), before an edition is read
        "import attrs": [sys.executable, "-c", "import attrs"],
        "import diff path": [sys.executable, "-c", _DIFF_PATH],
        "dutyledger --version": [*cli, "--version"],
        "diff (text)": [*cli, "diff", *PAIR],
        "diff --format md": [*cli, "diff", *PAIR, "--format", "md"],
    }
    compileall.compile_dir(ROOT / "src" / "dutyledger", quiet=1)
    times: dict[str, list[float]] = {name: [] for name in commands}
    cpu: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(repeats):
        for name, command in commands.items():
            before = _children_cpu()
            start = time.perf_counter()
            done = subprocess.run(command, capture_output=True, check=False)
            times[name].append(time.perf_counter() - start)
            cpu[name].append(_children_cpu() - before)
            if done.returncode not in (0, 1):  # diff exits 1 when there are changes
                print(done.stderr.decode(), file=sys.stderr)
                return 1
    base = statistics.median(times["python -c pass"])
    base_cpu = statistics.median(cpu["python -c pass"])
    print(f"dutyledger command line; Python {sys.version.split()[0]}; median of {repeats}")
    print(f"{'command':<24}{'wall s':>9}{'ratio':>8}{'CPU s':>9}{'ratio':>8}")
    for name in commands:
        seconds = statistics.median(times[name])
        used = statistics.median(cpu[name])
        print(
            f"{name:<24}{seconds:>9.3f}{seconds / base:>7.1f}x"
            f"{used:>9.3f}{used / base_cpu if base_cpu else float('nan'):>7.1f}x"
        )
    print("\ntargets: diff (text) <= 10x, --version <= 4x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
