"""Benchmark: a large edition within the documented limits loads, checks and diffs in bounded memory.

Run ``.venv/bin/python benchmarks/bench_limits.py`` (``--items 200000``, the default; a smaller
number for a quick look). It builds two synthetic editions of that many items (the generator of
``bench_diff.py``), writes them as canonical JSON to a temporary folder, and then, each step in a
fresh process so the figures do not mix, runs ``load_edition``, ``check`` and ``diff`` and prints
the wall time, the CPU time and the peak resident memory of each (``memory.peak_mib``: the
step's own, not the parent's that ``ru_maxrss`` would carry into the child). The figures of
the last run are in ``docs/reliability.md``.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from memory import peak_mib

STEPS = {
    "load": "e = dutyledger.load_edition(sys.argv[1])",
    "check": "e = dutyledger.load_edition(sys.argv[1]); dutyledger.check(e)",
    "diff": "a, b = dutyledger.load_edition(sys.argv[1]), dutyledger.load_edition(sys.argv[2]); dutyledger.diff(a, b)",
}
_PROBE = """
import json, sys, time
sys.path.insert(0, {here!r})
from memory import peak_mib
import dutyledger
start, cpu = time.perf_counter(), time.process_time()
{step}
print(json.dumps({{"wall": time.perf_counter() - start, "cpu": time.process_time() - cpu,
                  "rss_mib": peak_mib()}}))
"""


def _write(items: int, folder: Path) -> tuple[Path, Path]:
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from cases import make_case

    import dutyledger

    case = make_case(items)
    old, new = folder / "old.json", folder / "new.json"
    old.write_text(dutyledger.dump_edition(case.old), encoding="utf-8")
    new.write_text(dutyledger.dump_edition(case.new), encoding="utf-8")
    return old, new


def main(argv: list[str] | None = None) -> int:
    """Build the editions, run each step in its own process, print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--items", type=int, default=200_000, help="items per edition")
    parser.add_argument("--old", type=Path, help="use this edition file instead of building one")
    parser.add_argument("--new", type=Path, help="the second edition for diff (with --old)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        if args.old and args.new:
            old, new = args.old, args.new
        else:
            start = time.perf_counter()
            old, new = _write(args.items, Path(tmp))
            print(
                f"built two editions of {args.items:,} items in {time.perf_counter() - start:.0f} s"
            )
        size = old.stat().st_size / 2**20
        print(f"edition file: {size:.0f} MiB; Python {sys.version.split()[0]}")
        for name, step in STEPS.items():
            probe = _PROBE.format(step=step, here=str(Path(__file__).resolve().parent))
            done = subprocess.run(
                [sys.executable, "-c", probe, str(old), str(new)],
                capture_output=True,
                text=True,
                check=True,
            )
            figures = json.loads(done.stdout.strip().splitlines()[-1])
            print(
                f"{name:6} wall {figures['wall']:7.1f} s  CPU {figures['cpu']:7.1f} s  "
                f"peak RSS {figures['rss_mib']:7.0f} MiB"
            )
    print(f"this process (building the editions): peak RSS {peak_mib():.0f} MiB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
