"""Benchmark: ``log`` of one item over a ledger of many large editions, warm.

Run ``.venv/bin/python benchmarks/bench_ledger.py`` (``--editions 20 --items
10000`` by default; ``--quick`` for 5 editions of 2,000). Synthetic editions
are made as in ``bench_diff.py``: the first with ``--items`` items, each next
one from the one before with about 1% of its items edited (renamed, moved,
removed, added, reassigned, reworded, starred), written to a temporary folder.

It times, in one run:

* the baseline: loading one edition file (``load_edition``);
* cold: opening the ledger and the history of one item, with an empty cache
  (every link is diffed once and cached);
* warm: the same in a fresh ``Ledger`` over the filled cache (best of 3), which
  reads no edition at all.

Target: warm under 1 s for 20 editions of 10,000 items.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

import attrs
from bench_diff import median_time
from cases import EDITS, _Editor, _lists, edition, registry

from dutyledger import Ledger, dump_edition, load_edition

TARGET_WARM_SECONDS = 1.0


def make_folder(folder: Path, editions: int, items: int, seed: int = 11) -> str:
    """Write ``editions`` synthetic editions; return the id of an item the edits touch."""
    depts = registry()
    lists = _lists(items, seed, depts, False)
    for k in range(editions):
        if k:
            before = {i.id for found in lists.values() for i in found}
            editor = _Editor(lists, seed + k, depts)
            for n in range(max(8, items // 100)):
                editor.edit(EDITS[n % len(EDITS)])
            for kind, found in lists.items():  # the editor numbers new ids afresh each time
                lists[kind] = [
                    i if i.id in before else attrs.evolve(i, id=f"{i.id}-r{k}") for i in found
                ]
        made = edition(lists, depts, f"{2000 + k}-01")
        (folder / f"{2000 + k}-01.json").write_text(dump_edition(made), encoding="utf-8")
    last = load_edition(folder / f"{2000 + editions - 1}-01.json")
    first = {i.id: i for i in load_edition(folder / "2000-01.json").items()}
    changed = [i.id for i in last.items() if i.id in first and first[i.id] != i]
    return changed[0] if changed else last.items()[0].id


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark; print the times and the ratio; 0 if the target is met."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--editions", type=int, default=20)
    parser.add_argument("--items", type=int, default=10_000)
    parser.add_argument("--quick", action="store_true", help="5 editions of 2,000 items")
    args = parser.parse_args(argv)
    editions, items = (5, 2000) if args.quick else (args.editions, args.items)
    with tempfile.TemporaryDirectory() as tmp:
        folder, cache = Path(tmp) / "editions", Path(tmp) / "cache"
        folder.mkdir()
        print(f"writing {editions} synthetic editions of {items} items …", flush=True)
        item = make_folder(folder, editions, items)
        size = sum(p.stat().st_size for p in folder.glob("*.json")) / 1e6
        baseline, _ = median_time(3, lambda: load_edition(folder / "2000-01.json"))
        cold, events = median_time(1, lambda: Ledger.open(folder, cache=cache).history(item))
        warm, again = median_time(3, lambda: Ledger.open(folder, cache=cache).history(item))
        assert again == events
    print(f"ledger: {editions} editions × {items} items ({size:.0f} MB of JSON); log {item}")
    print(f"  {len(events)} events: {', '.join(e.kind for e in events)}")
    print(f"  baseline, load one edition:   {baseline:8.3f} s")
    print(f"  cold, open + log (diff all):  {cold:8.3f} s")
    print(f"  warm, open + log (cached):    {warm:8.3f} s")
    print(f"  warm / one edition's load:    {warm / baseline:8.2f}")
    ok = warm < TARGET_WARM_SECONDS
    print(
        f"warm log in {warm:.2f} s (target < {TARGET_WARM_SECONDS} s): {'met' if ok else 'NOT met'}"
    )
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
