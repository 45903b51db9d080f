"""Benchmark: how ``check`` grows with the edition (DL404 compares names pairwise).

Run ``.venv/bin/python benchmarks/bench_check.py`` (``--quick`` for CI: small
sizes, one repeat, nothing asserted). The editions have names in families that
share a stem (``…管理``, ``…管理工作``), so near-duplicate names are many, as DL404
is there to find. Each size: the median of the repeats, and the DL404 findings.
Target: check(100k) / check(10k) ≤ 12 (linear would be 10).
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
    print(f"{'items':>9}{'check s':>10}{'findings':>10}{'DL404':>8}")
    times = {}
    for size in sizes:
        edition = make_case(size, "realistic").old
        runs = []
        for _ in range(repeats):
            start = time.perf_counter()
            findings = check(edition)
            runs.append(time.perf_counter() - start)
        times[size] = statistics.median(runs)
        near = len(findings.with_code("DL404"))
        print(f"{size:>9}{times[size]:>10.2f}{len(findings):>10}{near:>8}")
    small, large = sizes[0], sizes[-1]
    print(
        f"\ncheck({large}) / check({small}) = {times[large] / times[small]:.1f}"
        f" (target <= {TARGET:.0f} for 10x the items)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
