"""Benchmark: dutyledger diff against DeepDiff, jsondiff and dictdiffer, in three scenarios.

Run ``.venv/bin/python benchmarks/bench_diff.py`` (``--quick`` for CI: small
sizes, one repeat, nothing asserted). The peers come with the ``bench`` extra
(``pip install -e '.[bench]'``); a peer that is not installed is left out.

Scenarios (see ``cases.py``): ``shared`` (the editions share ids), ``content``
(every id minted anew: diff pairs by content), ``realistic`` (near-duplicate
names, splits and merges, pages recomputed, ids minted anew).

Each tool gets the same number of repeats and the median is shown. Loading is
timed apart from diffing: ``load_edition`` of both files for dutyledger, a
JSON parse of both files for the peers (orjson where installed, as the fastest
way for them). The peers run in a child process each, in the ``shared`` scenario by default
(``--peers-in``: they compare plain data and have no content matching to do),
at a size only if every run of the size before took less than the time limit
(120 s a run by default).
DeepDiff runs with ``ignore_order=True`` (the editions' lists are renumbered,
so order carries no meaning) and ``cutoff_intersection_for_pairs=0.3``, which
makes it much faster than its default on these data.

Recall and precision score dutyledger's substantive changes against the edit
log (kind and items). Times on a shared machine are noisy: compare ratios
within one run.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from cases import SCENARIOS, Case, make_case, signatures

from dutyledger import diff, dump_edition, load_edition

PEERS = ("deepdiff", "jsondiff", "dictdiffer")


def median_time(repeats: int, work: Callable[[], Any]) -> tuple[float, Any]:
    """The median wall time of ``repeats`` calls, and the last result."""
    times = []
    result = None
    for _ in range(repeats):
        start = time.perf_counter()
        result = work()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def _parse(raw: bytes) -> Any:
    try:
        import orjson
    except ImportError:
        return json.loads(raw)
    return orjson.loads(raw)


def _peer_work(name: str, old: Any, new: Any) -> Callable[[], Any]:
    if name == "deepdiff":
        from deepdiff import DeepDiff

        return lambda: DeepDiff(old, new, ignore_order=True, cutoff_intersection_for_pairs=0.3)
    if name == "jsondiff":
        import jsondiff

        return lambda: jsondiff.diff(old, new)
    import dictdiffer

    return lambda: list(dictdiffer.diff(old, new))


def run_peer(
    name: str, old_path: str, new_path: str, repeats: int, limit: float
) -> dict[str, float]:
    """In the child process: parse both files and diff them with one peer."""
    raws = Path(old_path).read_bytes(), Path(new_path).read_bytes()
    load, (old, new) = median_time(repeats, lambda: (_parse(raws[0]), _parse(raws[1])))
    work = _peer_work(name, old, new)
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
        if times[-1] > limit:
            break  # past the limit once: the size is beyond this peer
    return {"load": load, "diff": statistics.median(times), "slowest": max(times)}


def _peer(
    name: str, paths: tuple[Path, Path], repeats: int, limit: float
) -> dict[str, float] | None:
    """Run one peer in a child; ``None`` if it is not installed or took too long."""
    command = [sys.executable, __file__, "--peer", name, str(paths[0]), str(paths[1])]
    try:
        done = subprocess.run(
            [*command, "--repeats", str(repeats), "--limit", str(limit)],
            capture_output=True,
            text=True,
            timeout=limit * repeats + 60,
            check=False,
        )
    except subprocess.TimeoutExpired:
        return None
    if done.returncode != 0:
        return {"missing": 1.0} if "ModuleNotFoundError" in done.stderr else None
    result: dict[str, float] = json.loads(done.stdout)
    return result


def _row(*cells: object) -> str:
    widths = (10, 8, 7, 8, 9, 9, 9, 15, 15, 16)
    return "".join(f"{cell!s:>{width}}" for cell, width in zip(cells, widths, strict=False))


def _bench(case: Case, folder: Path, repeats: int) -> tuple[list[object], tuple[Path, Path]]:
    paths = (
        folder / f"{case.scenario}-{case.size}-old.json",
        folder / f"{case.scenario}-{case.size}-new.json",
    )
    paths[0].write_text(dump_edition(case.old), encoding="utf-8")
    paths[1].write_text(dump_edition(case.new), encoding="utf-8")
    load, _ = median_time(repeats, lambda: (load_edition(paths[0]), load_edition(paths[1])))
    seconds, result = median_time(repeats, lambda: diff(case.old, case.new))
    found = signatures(result)
    hits = len(found & case.truth)
    recall = hits / len(case.truth) if case.truth else 1.0
    precision = hits / len(found) if found else 1.0
    cells: list[object] = [
        case.scenario,
        case.size,
        case.edits,
        f"{recall:.3f}",
        f"{precision:.3f}",
        f"{load:.2f}",
        f"{seconds:.2f}",
    ]
    return cells, paths


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print the table; 0 unless something failed to run."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--quick", action="store_true", help="300 items, one repeat, peers limited to 5 s (CI)"
    )
    parser.add_argument("--sizes", default="1000,10000,100000", help="comma-separated")
    parser.add_argument("--scenarios", default=",".join(SCENARIOS), help="comma-separated")
    parser.add_argument("--repeats", type=int, default=3, help="runs per tool and size (median)")
    parser.add_argument("--limit", type=float, default=120.0, help="seconds a peer run may take")
    parser.add_argument(
        "--peers-in", default="shared", help="scenarios the peers run in (comma-separated)"
    )
    parser.add_argument("--peer", help=argparse.SUPPRESS)
    parser.add_argument("paths", nargs="*", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.peer:
        old_path, new_path = args.paths[:2]
        print(json.dumps(run_peer(args.peer, old_path, new_path, args.repeats, args.limit)))
        return 0
    sizes = [300] if args.quick else [int(s) for s in args.sizes.split(",")]
    repeats = 1 if args.quick else args.repeats
    limit = 5.0 if args.quick else args.limit
    print(f"dutyledger diff against peers; Python {sys.version.split()[0]}; median of {repeats}")
    print(f"seconds; load = parse both files; >{limit:.0f} = a run took longer; - = not run\n")
    header = ["scenario", "items", "edits", "recall", "precis.", "dl load", "dl diff"]
    print(_row(*header, *(f"{p} diff" for p in PEERS)))
    given_up: set[tuple[str, str]] = set()
    with tempfile.TemporaryDirectory() as tmp:
        for scenario in args.scenarios.split(","):
            for size in sizes:
                case = make_case(size, scenario)
                cells, paths = _bench(case, Path(tmp), repeats)
                loads = []
                for name in PEERS:
                    if scenario not in args.peers_in.split(",") or (scenario, name) in given_up:
                        cells.append("-")
                        continue
                    result = _peer(name, paths, repeats, limit)
                    if result is None or result.get("slowest", 0) > limit:
                        given_up.add((scenario, name))
                        cells.append(f">{limit:.0f}")
                    elif "missing" in result:
                        cells.append("n/a")
                    else:
                        loads.append(result["load"])
                        cells.append(f"{result['diff']:.2f}")
                print(_row(*cells) + (f"   (peers' load {min(loads):.2f})" if loads else ""))
                for path in paths:
                    path.unlink()
    return 0


if __name__ == "__main__":
    sys.exit(main())
