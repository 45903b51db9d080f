"""Benchmark: load_edition against the parse floor (orjson parse + a dict of items by id).

Run ``.venv/bin/python benchmarks/bench_load.py`` (``--quick`` for CI: small
sizes, one repeat, nothing asserted; ``--full`` adds 1M items). Each size runs
in a child process of its own: the times (median of the repeats; the floor and
the load alternate, so both see the same machine; at the first size also the
general path, which every file took before the shortcut) and, in another child, the
peak resident memory of one ``load_edition`` (``memory.peak_mib``, the child's own high
water mark: the file's bytes, the parsed JSON and the records at once).

The floor is what any loader must do: parse the bytes (orjson, the fastest
parser at hand, with the garbage collector paused as load_edition pauses it)
and index the items by id. Target: load ≤ 2x the floor at 100k items, growing
linearly. Editions past 100k items repeat a 100k-item edition with fresh ids.
"""

from __future__ import annotations

import argparse
import gc
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from cases import make_case
from memory import peak_mib

from dutyledger import dump_edition, load_edition, make_converter

LISTS = ("basic", "cooperative", "recalled")
TARGET = 2.0


def _floor(raw: bytes) -> float:
    import orjson

    gc.disable()
    try:
        start = time.perf_counter()
        data = orjson.loads(raw)
        by_id = {item["id"]: item for key in LISTS for item in data[key]}
        seconds = time.perf_counter() - start
    finally:
        gc.enable()
    assert by_id
    return seconds


def _load(raw: bytes, general: bool = False) -> float:
    # A converter of one's own sends load_edition the general way (cattrs, every check on
    # plain data): how every file loaded before the shortcut, and how a bad file loads.
    converter = make_converter() if general else None
    start = time.perf_counter()
    load_edition(raw, converter=converter)
    return time.perf_counter() - start


def child(path: str, repeats: int, mode: str) -> dict[str, float]:
    """In the child process: time the floor and the load, or measure the peak memory."""
    raw = Path(path).read_bytes()
    if mode == "memory":
        before = peak_mib()
        load_edition(raw)
        return {"peak_mb": peak_mib(), "before_mb": before}
    floors, loads, general = [], [], []
    for _ in range(repeats):
        floors.append(_floor(raw))
        gc.collect()
        loads.append(_load(raw))
        gc.collect()
        if mode == "general":
            general.append(_load(raw, general=True))
            gc.collect()
    times = {"floor": statistics.median(floors), "load": statistics.median(loads)}
    if general:
        times["general"] = statistics.median(general)
    return times


def _scaled(base: dict[str, Any], size: int, base_size: int) -> dict[str, Any]:
    """The edition repeated to ``size`` items, each copy's ids made unique."""
    data = dict(base)
    for key in LISTS:
        items = []
        for copy in range(-(-size // base_size)):
            items += [{**item, "id": f"{item['id']}-{copy}"} for item in base[key]]
        data[key] = [{**item, "number": n} for n, item in enumerate(items, 1)]
    return data


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print the table; 0 unless something failed to run."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="1k and 2k items, one repeat (CI)")
    parser.add_argument("--full", action="store_true", help="also 1M items")
    parser.add_argument("--repeats", type=int, default=3, help="runs per size (median)")
    parser.add_argument("--child", nargs=3, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        path, repeats, mode = args.child
        print(json.dumps(child(path, int(repeats), mode)))
        return 0
    base_size = 1000 if args.quick else 100_000
    sizes = [1000, 2000] if args.quick else [100_000, 200_000, 400_000]
    if args.full:
        sizes.append(1_000_000)
    repeats = 1 if args.quick else args.repeats
    print(
        f"load_edition against the parse floor; Python {sys.version.split()[0]}; median of {repeats}"
    )
    print(
        f"{'items':>9}{'MB':>8}{'floor s':>10}{'load s':>10}{'ratio':>8}{'peak MB':>10}"
        f"{'general path s':>16}"
    )
    base = json.loads(dump_edition(make_case(base_size).old))
    ratios = {}
    with tempfile.TemporaryDirectory() as tmp:
        for size in sizes:
            path = Path(tmp) / f"{size}.json"
            data = base if size == base_size else _scaled(base, size, base_size)
            path.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
            del data
            results = []
            # The general path only at the first size: it is slow, and its growth is not the point.
            for mode in ("general" if size == sizes[0] else "time", "memory"):
                command = [sys.executable, __file__, "--child", str(path), str(repeats), mode]
                done = subprocess.run(command, capture_output=True, text=True, check=True)
                results.append(json.loads(done.stdout))
            times, memory = results
            ratios[size] = times["load"] / times["floor"]
            megabytes = path.stat().st_size / 1e6
            general = "-"
            if "general" in times:
                general = f"{times['general']:.2f} ({times['general'] / times['floor']:.1f}x)"
            print(
                f"{size:>9}{megabytes:>8.0f}{times['floor']:>10.2f}{times['load']:>10.2f}"
                f"{ratios[size]:>7.2f}x{memory['peak_mb']:>10.0f}"
                f"{general:>16}"
            )
            path.unlink()
    first = sizes[0]
    print(f"\ntarget: load <= {TARGET:.0f}x the floor at {first} items: {ratios[first]:.2f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
