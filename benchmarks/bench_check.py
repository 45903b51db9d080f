"""Benchmark: how ``check`` grows with the edition (DL404 compares names pairwise).

Run ``.venv/bin/python benchmarks/bench_check.py`` (``--quick`` for CI: small
sizes, one repeat, nothing asserted). The editions have names in families that
share a stem (``…管理``, ``…管理工作``), so near-duplicate names are many, as DL404
is there to find. Each size: the median of the repeats, and the DL404 findings.
Target: check(100k) / check(10k) ≤ 12 (linear would be 10), in CPU time (check runs on one
thread, so its CPU time is its work whatever else the machine runs); the wall time is shown too.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time

from cases import make_case

from dutyledger import check

TARGET = 12.0


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print the table; 0 unless something failed to run."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="1k and 10k items, one repeat (CI)")
    parser.add_argument("--sizes", default="10000,100000", help="comma-separated")
    parser.add_argument("--repeats", type=int, default=3, help="runs per size (median)")
    args = parser.parse_args(argv)
    sizes = [1000, 10000] if args.quick else [int(s) for s in args.sizes.split(",")]
    repeats = 1 if args.quick else args.repeats
    print(f"dutyledger check; Python {sys.version.split()[0]}; median of {repeats}")
    print(f"{'items':>9}{'CPU s':>10}{'wall s':>10}{'findings':>10}{'DL404':>8}")
    cpu, wall = {}, {}
    for size in sizes:
        edition = make_case(size, "realistic").old
        cpu_runs, wall_runs = [], []
        for _ in range(repeats):
            start, start_cpu = time.perf_counter(), time.process_time()
            findings = check(edition)
            cpu_runs.append(time.process_time() - start_cpu)
            wall_runs.append(time.perf_counter() - start)
        cpu[size], wall[size] = statistics.median(cpu_runs), statistics.median(wall_runs)
        near = len(findings.with_code("DL404"))
        print(f"{size:>9}{cpu[size]:>10.2f}{wall[size]:>10.2f}{len(findings):>10}{near:>8}")
    small, large = sizes[0], sizes[-1]
    # check runs on one thread: its CPU time is its work, whatever else the machine runs;
    # the wall time also counts the waits for a busy CPU.
    print(
        f"\ncheck({large}) / check({small}) = {cpu[large] / cpu[small]:.1f} in CPU time, "
        f"{wall[large] / wall[small]:.1f} in wall time (target <= {TARGET:.0f} for 10x the items)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
